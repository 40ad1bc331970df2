"""Offline GeoIP: country and network (ASN) of an IP address, never a network connection.

geoip2fast ships its database inside the PyPI package (countries and ASNs, no cities).
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from functools import cache
from typing import Any


@dataclass(frozen=True)
class IpInfo:
    ip: str
    version: int
    country_code: str | None
    country: str | None
    network: str | None  # ASN / organisation name
    private: bool


@cache
def _geo() -> Any:
    from geoip2fast import GeoIP2Fast

    return GeoIP2Fast(geoip2fast_data_file="geoip2fast-asn-ipv6.dat.gz", verbose=False)


def lookup_ip(ip: str) -> IpInfo:
    try:
        addr = ipaddress.ip_address(ip.strip())
    except ValueError:
        return IpInfo(ip, 0, None, None, None, False)
    if addr.is_private or addr.is_loopback or addr.is_link_local or addr.is_reserved:
        return IpInfo(ip, addr.version, None, None, None, True)
    r = _geo().lookup(str(addr))
    cc = r.country_code if r.country_code and r.country_code != "--" else None
    name = r.country_name if cc else None
    asn = getattr(r, "asn_name", "") or None
    return IpInfo(ip, addr.version, cc, name, asn, False)
