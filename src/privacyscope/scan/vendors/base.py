"""What a vendor signature is: hosts, loader scripts, event endpoints, cookies, a payload parser.

A signature never does I/O. ``parse`` receives one captured request (``RequestView``) and returns
the pixel events found in it (zero or more; batches give several).
"""

from __future__ import annotations

import base64
import binascii
import gzip
import json
import re
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlsplit

#: Advanced-matching field names, normalised across vendors.
PII_EMAIL = "email"
PII_PHONE = "phone"


@dataclass(frozen=True)
class RequestView:
    """The parts of a captured request a parser needs."""

    url: str
    method: str = "GET"
    body: bytes | None = None
    content_type: str = ""

    @property
    def host(self) -> str:
        return (urlsplit(self.url).hostname or "").lower()

    @property
    def path(self) -> str:
        return urlsplit(self.url).path

    def query(self) -> list[tuple[str, str]]:
        return parse_qsl(urlsplit(self.url).query, keep_blank_values=True)

    def body_text(self) -> str:
        if not self.body:
            return ""
        return self.body.decode("utf-8", errors="replace")

    def form(self) -> list[tuple[str, str]]:
        """Query parameters plus a urlencoded body (beacons POST the same fields)."""
        pairs = self.query()
        text = self.body_text()
        if text and not text.lstrip().startswith(("{", "[")) and "=" in text:
            for line in text.splitlines():  # GA4 batches one hit per line
                pairs.extend(parse_qsl(line, keep_blank_values=True))
        return pairs

    def params(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for key, value in self.form():
            out.setdefault(key, value)
        return out

    def json(self) -> Any:
        text = self.body_text().strip()
        if not text:
            return None
        try:
            return json.loads(text)
        except ValueError:
            return None


@dataclass
class VendorEvent:
    """One event a pixel sent: name, pixel id, page URL, what identifies the user."""

    vendor: str
    event: str
    pixel_id: str | None = None
    page_url: str | None = None
    #: advanced-matching fields present (normalised name -> value as sent, usually a hash)
    pii: dict[str, str] = field(default_factory=dict)
    #: identifiers carried in the payload (e.g. fbp, GA client id)
    identifiers: dict[str, str] = field(default_factory=dict)
    #: consent signals in the payload (e.g. Google gcs/gcd)
    consent: dict[str, str] = field(default_factory=dict)
    endpoint: str = ""


Parser = Callable[[RequestView], list[VendorEvent]]


@dataclass(frozen=True)
class CookieSignature:
    """A vendor cookie name (exact, or a prefix when ``prefix`` is set)."""

    name: str
    prefix: bool = False
    #: set by the vendor's script on the site's own domain (first-party by design)
    first_party: bool = True

    def matches(self, cookie_name: str) -> bool:
        return cookie_name.startswith(self.name) if self.prefix else cookie_name == self.name


@dataclass(frozen=True)
class Vendor:
    """A declarative vendor signature."""

    id: str
    name: str
    #: host suffixes the vendor owns (``example.com`` matches ``x.example.com``)
    hosts: tuple[str, ...]
    #: regexes over ``host + path`` that identify the loader script(s)
    scripts: tuple[str, ...]
    #: regexes over ``host + path`` that identify event endpoints
    endpoints: tuple[str, ...]
    cookies: tuple[CookieSignature, ...]
    parse: Parser
    #: regexes over ``host + path`` of requests that are telemetry, not events
    telemetry: tuple[str, ...] = ()
    #: how to read the pixel id from a loader URL (query parameter names)
    script_id_params: tuple[str, ...] = ("id",)

    def owns_host(self, host: str) -> bool:
        host = host.lower().rstrip(".")
        return any(host == h or host.endswith("." + h) for h in self.hosts)

    def _match(self, patterns: Iterable[str], req: RequestView) -> bool:
        target = req.host + req.path
        return any(re.search(p, target) for p in patterns)

    def is_script(self, req: RequestView) -> bool:
        return self.owns_host(req.host) and self._match(self.scripts, req)

    def is_endpoint(self, req: RequestView) -> bool:
        return (
            self.owns_host(req.host)
            and self._match(self.endpoints, req)
            and not self._match(self.telemetry, req)
        )

    def script_pixel_id(self, req: RequestView) -> str | None:
        params = dict(req.query())
        for name in self.script_id_params:
            if params.get(name):
                return params[name]
        return None

    def events(self, req: RequestView) -> list[VendorEvent]:
        if not self.is_endpoint(req):
            return []
        try:
            found = self.parse(req)
        except (ValueError, KeyError, TypeError, AttributeError):
            found = []
        for ev in found:
            ev.endpoint = req.host + req.path
        return found

    def cookie(self, name: str) -> CookieSignature | None:
        for sig in self.cookies:
            if sig.matches(name):
                return sig
        return None


def decode_blob(text: str) -> bytes | None:
    """Decode base64 (standard or URL-safe, padding optional) and gunzip/inflate if compressed."""
    raw: bytes | None = None
    stripped = text.strip()
    if not stripped:
        return None
    for decoder in (base64.b64decode, base64.urlsafe_b64decode):
        try:
            raw = decoder(stripped + "=" * (-len(stripped) % 4))
            break
        except (binascii.Error, ValueError):
            continue
    if raw is None:
        return None
    return maybe_decompress(raw)


def maybe_decompress(raw: bytes) -> bytes:
    if raw[:2] == b"\x1f\x8b":
        try:
            return gzip.decompress(raw)
        except (OSError, EOFError, zlib.error):
            return raw
    if raw[:1] == b"\x78":
        try:
            return zlib.decompress(raw)
        except zlib.error:
            return raw
    return raw


def dig(obj: Any, *path: str) -> Any:
    """``obj[path[0]][path[1]]...`` or None."""
    for key in path:
        if not isinstance(obj, dict):
            return None
        obj = obj.get(key)
    return obj


def nonempty(mapping: dict[str, Any]) -> dict[str, str]:
    return {k: str(v) for k, v in mapping.items() if v not in (None, "", [], {})}
