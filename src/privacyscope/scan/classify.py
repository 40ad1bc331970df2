"""Classify third-party requests: own vendor signatures first, then optional adblock lists.

Filter lists (EasyPrivacy and friends) are optional data under their own licences: they are
read at run time from paths the user gives or from Debian's ``webext-ublock-origin-chromium``
package, never shipped. The engine reports the rule that matched, as evidence.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from privacyscope.errors import InputError
from privacyscope.scan.sites import site_of
from privacyscope.scan.vendors import vendor_for_host

#: Debian package webext-ublock-origin-chromium ships these (GPL-3+ / CC BY-SA 3.0 lists).
SYSTEM_LISTS: tuple[str, ...] = (
    "/usr/share/chromium/extensions/ublock-origin/assets/thirdparties/easylist/easyprivacy.txt",
    "/usr/share/webext/ublock-origin/assets/thirdparties/easylist/easyprivacy.txt",
)

_TYPES = {
    "script": "script",
    "image": "image",
    "stylesheet": "stylesheet",
    "xhr": "xmlhttprequest",
    "fetch": "xmlhttprequest",
    "ping": "ping",
    "beacon": "ping",
    "document": "sub_frame",
    "font": "font",
    "media": "media",
    "websocket": "websocket",
}


@dataclass
class Classification:
    host: str
    site: str
    category: str  # "vendor:<id>" | "filter-list" | "unclassified"
    rule: str | None = None
    list_name: str | None = None
    requests: int = 0
    example_url: str = ""


@dataclass
class Classifier:
    lists: list[tuple[str, object]] = field(default_factory=list)  # (name, adblock.Engine)
    loaded: list[str] = field(default_factory=list)

    @classmethod
    def from_paths(cls, paths: Iterable[str], use_system: bool) -> Classifier:
        chosen = [Path(p) for p in paths]
        for p in chosen:
            if not p.is_file() or not os.access(p, os.R_OK):
                raise InputError("filter list is not a readable file", path=str(p))
        if use_system and not chosen:
            chosen = [Path(p) for p in SYSTEM_LISTS if Path(p).is_file()][:1]
        clf = cls()
        if not chosen:
            return clf
        import adblock  # optional data: only imported when a list is used

        for p in chosen:
            try:
                text = p.read_text(encoding="utf-8", errors="replace")
            except OSError as exc:
                raise InputError(f"cannot read filter list: {exc.strerror}", path=str(p)) from exc
            filter_set = adblock.FilterSet(debug=True)
            filter_set.add_filter_list(text, format="standard")
            clf.lists.append((p.name, adblock.Engine(filter_set=filter_set, optimize=False)))
            clf.loaded.append(str(p))
        return clf

    def match(self, url: str, page_url: str, resource_type: str) -> tuple[str, str] | None:
        kind = _TYPES.get(resource_type, "other")
        for name, engine in self.lists:
            result = engine.check_network_urls(url, page_url, kind)  # type: ignore[attr-defined]
            if result.matched and not result.exception:
                return name, str(result.filter)
        return None

    def classify(
        self, requests: Iterable[tuple[str, str, str]], page_site: str
    ) -> list[Classification]:
        """``requests``: (url, page_url, resource_type). Third-party hosts only, one row each."""
        rows: dict[str, Classification] = {}
        for url, page_url, rtype in requests:
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https", "ws", "wss"):
                continue
            host = (parts.hostname or "").lower()
            site = site_of(host)
            if not host or site == page_site:
                continue
            row = rows.get(host)
            if row is None:
                vendor = vendor_for_host(host)
                row = Classification(host=host, site=site, category="unclassified", example_url=url)
                if vendor is not None:
                    row.category = f"vendor:{vendor.id}"
                rows[host] = row
            row.requests += 1
            if row.category == "unclassified" or (
                row.category.startswith("vendor") and not row.rule
            ):
                hit = self.match(url, page_url, rtype)
                if hit:
                    row.list_name, row.rule = hit
                    row.example_url = url
                    if row.category == "unclassified":
                        row.category = "filter-list"
        return sorted(rows.values(), key=lambda r: (r.category, r.host))
