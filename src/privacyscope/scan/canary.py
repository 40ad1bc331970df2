"""Canary form values and the search for them in outgoing requests.

Each scan uses fresh values; a value found in a request (plain, URL-encoded, lower-cased,
SHA-256, MD5, SHA-1 or base64) proves the page sent what the visitor typed.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from dataclasses import dataclass, field
from urllib.parse import quote, quote_plus, unquote_plus

from privacyscope.scan.vendors.base import decode_blob, maybe_decompress


@dataclass(frozen=True)
class Canary:
    token: str
    email: str
    phone: str  # as typed
    first_name: str
    last_name: str

    @classmethod
    def fresh(cls) -> Canary:
        token = secrets.token_hex(4)
        digits = str(int(token, 16) % 1000).zfill(3)
        return cls(
            token=token,
            email=f"ps.canary.{token}@example.org",
            phone=f"+44 7700 900{digits}",
            first_name="Canaria",
            last_name=f"Tok{token}",
        )

    def values(self) -> dict[str, list[str]]:
        """field -> the normalisations a tag might hash (vendors document these)."""
        digits = "".join(ch for ch in self.phone if ch.isdigit())
        return {
            "email": [self.email, self.email.lower().strip()],
            "phone": [digits, "+" + digits, self.phone, digits[2:]],
            "first_name": [self.first_name.lower()],
            "last_name": [self.last_name, self.last_name.lower()],
        }


@dataclass
class Needle:
    field: str
    encoding: str
    text: str
    case_insensitive: bool = False


@dataclass
class CanaryMatch:
    field: str
    encoding: str
    where: str  # "url" | "body"


@dataclass
class CanaryIndex:
    needles: list[Needle] = field(default_factory=list)

    @classmethod
    def build(cls, canary: Canary) -> CanaryIndex:
        needles: list[Needle] = []
        seen: set[tuple[str, str]] = set()

        def add(field_: str, enc: str, text: str, ci: bool = False) -> None:
            key = (field_, text.lower() if ci else text)
            if len(text) >= 6 and key not in seen:
                seen.add(key)
                needles.append(Needle(field_, enc, text, ci))

        for field_, variants in canary.values().items():
            for value in variants:
                add(field_, "plain", value, ci=True)
                add(field_, "plain", quote(value, safe=""), ci=True)
                add(field_, "plain", quote_plus(value), ci=True)
                raw = value.encode()
                add(field_, "sha256", hashlib.sha256(raw).hexdigest(), ci=True)
                add(field_, "md5", hashlib.md5(raw).hexdigest(), ci=True)
                add(field_, "sha1", hashlib.sha1(raw).hexdigest(), ci=True)
                b64 = base64.b64encode(raw).decode().rstrip("=")
                add(field_, "base64", b64)
                add(field_, "base64", base64.urlsafe_b64encode(raw).decode().rstrip("="))
                digest = hashlib.sha256(raw).digest()
                add(field_, "sha256-base64", base64.b64encode(digest).decode().rstrip("="))
        return cls(needles)

    def search(self, url: str, body: str | None) -> list[CanaryMatch]:
        found: list[CanaryMatch] = []
        seen: set[tuple[str, str, str]] = set()
        for where, hay in _haystacks(url, body):
            low = hay.lower()
            for n in self.needles:
                hit = (n.text.lower() in low) if n.case_insensitive else (n.text in hay)
                key = (n.field, n.encoding, where)
                if hit and key not in seen:
                    seen.add(key)
                    found.append(CanaryMatch(n.field, n.encoding, where))
        return found


def _haystacks(url: str, body: str | None) -> list[tuple[str, str]]:
    out = [("url", url), ("url", unquote_plus(url))]
    if body:
        out.append(("body", body))
        out.append(("body", unquote_plus(body)))
        raw = body.encode("latin-1", errors="ignore")
        unpacked = maybe_decompress(raw)
        if unpacked is not raw:
            out.append(("body", unpacked.decode("utf-8", errors="replace")))
        if len(body) < 200_000 and "=" not in body.strip()[:-2] and " " not in body.strip():
            blob = decode_blob(body)
            if blob:
                out.append(("body", blob.decode("utf-8", errors="replace")))
    return out
