"""First / third party and same-site decisions with the public suffix list, offline."""

from __future__ import annotations

import ipaddress
from functools import lru_cache
from urllib.parse import urlsplit

from publicsuffixlist import PublicSuffixList


@lru_cache(maxsize=1)
def _psl() -> PublicSuffixList:
    return PublicSuffixList()  # ships the list; never fetches


@lru_cache(maxsize=4096)
def site_of(host: str) -> str:
    """Registrable domain (eTLD+1) of a host; IP addresses and single labels are their own site."""
    host = host.lower().strip(".").strip("[]")
    if not host:
        return ""
    try:
        ipaddress.ip_address(host)
        return host
    except ValueError:
        pass
    site = _psl().privatesuffix(host)
    return site or host


def site_of_url(url: str) -> str:
    return site_of(urlsplit(url).hostname or "")


def same_site(a: str, b: str) -> bool:
    return site_of(a) == site_of(b)


def party(cookie_or_request_host: str, page_site: str) -> str:
    return "first" if site_of(cookie_or_request_host.lstrip(".")) == page_site else "third"
