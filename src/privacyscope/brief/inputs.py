"""Lenient readers for ``privacyscope scan`` evidence and ``privacyscope audit --json`` output.

Unknown keys are ignored, missing optional keys are tolerated; a missing file, broken JSON or a
document of the wrong shape raises :class:`~privacyscope.errors.InputError`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from privacyscope.errors import InputError

MAX_JSON_BYTES = 50_000_000
#: the consent states a scan records; the first two are "before consent"
STATES: tuple[str, ...] = ("no-interaction", "reject", "accept")
BEFORE_CONSENT: tuple[str, ...] = ("no-interaction", "reject")
#: the four levels, weakest first
LEVELS: tuple[str, ...] = ("script_fetched", "event_sent", "identifier_cookie", "hashed_pii")
LEVEL_NAMES: dict[str, str] = {
    "script_fetched": "script fetched (IP address and user agent exposed)",
    "event_sent": "event sent",
    "identifier_cookie": "identifier cookie set or sent",
    "hashed_pii": "hashed personal data (email/phone) sent",
}
#: scan vendor -> platforms it belongs to
VENDOR_PLATFORMS: dict[str, tuple[str, ...]] = {
    "tiktok": ("tiktok",),
    "meta": ("facebook", "instagram"),
    "linkedin": ("linkedin",),
    "snap": ("snapchat",),
    "x": ("x",),
    "google": ("youtube",),
}
VENDOR_NAMES: dict[str, str] = {
    "tiktok": "TikTok Pixel",
    "meta": "Meta Pixel",
    "linkedin": "LinkedIn Insight Tag",
    "snap": "Snap Pixel",
    "x": "X pixel",
    "google": "Google tags",
}


def read_json(path: Path, what: str) -> Any:
    shown = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_JSON_BYTES:
            raise InputError(f"{what} is larger than {MAX_JSON_BYTES} bytes", path=shown)
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{what} not found", path=shown) from None
    except IsADirectoryError:
        raise InputError(f"{what}: expected a JSON file, got a directory", path=shown) from None
    except OSError as exc:
        raise InputError(
            f"cannot read {what}: {exc.strerror or type(exc).__name__}", path=shown
        ) from None
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise InputError(
            f"{what} is not valid JSON ({exc.msg})", path=shown, where=f"char {exc.pos}"
        ) from None


@dataclass(frozen=True)
class Observation:
    vendor: str
    state: str
    levels: tuple[str, ...]  # the levels that were true, weakest first
    details: dict[str, Any]


@dataclass
class ScanInput:
    path: str
    url: str
    cookie_policy: str
    consent_platform: str | None
    observations: list[Observation] = field(default_factory=list)

    def for_vendor(self, vendor: str) -> list[Observation]:
        return [o for o in self.observations if o.vendor == vendor]

    def vendors_for(self, platform: str) -> list[str]:
        seen = {o.vendor for o in self.observations}
        return [v for v, plats in VENDOR_PLATFORMS.items() if platform in plats and v in seen]

    def before_consent(self, platform: str) -> list[Observation]:
        return [
            o
            for v in self.vendors_for(platform)
            for o in self.for_vendor(v)
            if o.state in BEFORE_CONSENT and o.levels
        ]

    def any_level(
        self, platform: str, level: str, states: tuple[str, ...] = STATES
    ) -> list[Observation]:
        return [
            o
            for v in self.vendors_for(platform)
            for o in self.for_vendor(v)
            if o.state in states and level in o.levels
        ]


def read_scan(path_text: str) -> ScanInput:
    path = Path(path_text)
    if path.is_dir():
        path = path / "scan.json"
    doc = read_json(path, "scan result")
    if not isinstance(doc, dict):
        raise InputError("scan result must be a JSON object", path=str(path))
    vendors = doc.get("vendors")
    if vendors is None:
        vendors = {}
    if not isinstance(vendors, dict):
        raise InputError("'vendors' must be an object", path=str(path), where="vendors")
    observations: list[Observation] = []
    for vendor, states in vendors.items():
        if not isinstance(states, dict):
            continue
        for state in STATES:
            obs = states.get(state)
            if not isinstance(obs, dict):
                continue
            levels = tuple(level for level in LEVELS if obs.get(level) is True)
            details = obs.get("details") if isinstance(obs.get("details"), dict) else {}
            observations.append(Observation(str(vendor), state, levels, details or {}))
    consent = doc.get("consent_platform")
    return ScanInput(
        path=str(path),
        url=str(doc.get("url") or ""),
        cookie_policy=str(doc.get("cookie_policy") or ""),
        consent_platform=str(consent) if consent else None,
        observations=observations,
    )


@dataclass
class AuditInput:
    path: str
    platform: str
    period: dict[str, str]
    findings: list[dict[str, Any]]  # all findings as given (dicts)
    claims: list[dict[str, Any]]

    @property
    def present(self) -> list[dict[str, Any]]:
        order = {"high": 0, "medium": 1, "low": 2, "info": 3}
        found = [f for f in self.findings if f.get("status") == "present"]
        return sorted(found, key=lambda f: (order.get(str(f.get("severity")), 4), str(f.get("id"))))


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def read_audit(path_text: str) -> AuditInput:
    path = Path(path_text)
    doc = read_json(path, "audit result")
    if not isinstance(doc, dict):
        raise InputError("audit result must be a JSON object", path=str(path))
    if "findings" in doc and not isinstance(doc["findings"], list):
        raise InputError("'findings' must be a list", path=str(path), where="findings")
    period = doc.get("period") if isinstance(doc.get("period"), dict) else {}
    return AuditInput(
        path=str(path),
        platform=str(doc.get("platform") or ""),
        period={str(k): str(v) for k, v in (period or {}).items() if v is not None},
        findings=_dicts(doc.get("findings")),
        claims=_dicts(doc.get("claims")),
    )


def text_of(value: Any, limit: int = 300) -> str:
    """A short display string for a loosely-typed JSON value."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else orjson.dumps(value).decode("utf-8", "replace")
    return text if len(text) <= limit else text[: limit - 3] + "..."
