"""Fact schema: typed records plus a validator that names the file, fact id and field at fault.

A fact is one sourced, dated statement. The knowledge base is plain YAML so that a legal team can
add or override facts without touching code; :func:`parse_fact` turns one YAML mapping into a
:class:`Fact` or raises :class:`~privacyscope.errors.InputError` naming exactly what is wrong.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from privacyscope.errors import InputError

SCHEMA_VERSION = 1

#: canonical platform names, in the order used by reports
PLATFORMS: tuple[str, ...] = (
    "tiktok",
    "instagram",
    "facebook",
    "youtube",
    "linkedin",
    "x",
    "snapchat",
)
#: display names
PLATFORM_NAMES: dict[str, str] = {
    "tiktok": "TikTok",
    "instagram": "Instagram",
    "facebook": "Facebook",
    "youtube": "YouTube",
    "linkedin": "LinkedIn",
    "x": "X",
    "snapchat": "Snapchat",
}
#: accepted aliases -> canonical name (the fact sheet says "Google", "X/Twitter", "Meta (...)")
ALIASES: dict[str, str] = {
    "twitter": "x",
    "x/twitter": "x",
    "google": "youtube",
    "google/youtube": "youtube",
    "yt": "youtube",
    "fb": "facebook",
    "ig": "instagram",
    "insta": "instagram",
    "snap": "snapchat",
    "musical.ly": "tiktok",
}
TOPICS: tuple[str, ...] = ("jurisdiction", "regulatory", "bans", "defaults", "research")
CONFIDENCE: tuple[str, ...] = ("primary", "reputable press", "secondary")
#: regulatory action kinds; FINE_KINDS count towards "fines and settlements" totals
ACTION_KINDS: tuple[str, ...] = (
    "fine",
    "settlement",
    "private",
    "lawsuit",
    "inquiry",
    "proceedings",
    "finding",
    "warning",
    "notice",
    "court-ruling",
)
FINE_KINDS: frozenset[str] = frozenset({"fine", "settlement"})
ACTION_STATUS: tuple[str, ...] = (
    "decided",
    "appealed",
    "settled",
    "pending",
    "outcome-unknown",
    "closed",
)
PENDING_STATUS: frozenset[str] = frozenset({"pending", "appealed", "outcome-unknown"})
SCOPE_KINDS: tuple[str, ...] = (
    "nationwide",
    "subnational",
    "government-devices",
    "age-based",
    "corporate",
    "legal",
)
RESTRICTION_STATUS: tuple[str, ...] = (
    "in-force-at-source",
    "lifted",
    "enjoined",
    "set-aside",
    "superseded",
    "upheld",
)

ID_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
TAG_RE = ID_RE
DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
CURRENCY_RE = re.compile(r"^[A-Z]{3}$")

FACT_KEYS = frozenset(
    {
        "id",
        "platform",
        "platform_label",
        "topic",
        "date",
        "date_text",
        "confidence",
        "statement",
        "sources",
        "note",
        "tags",
        "action",
        "restriction",
    }
)
CLAIM_KEYS = frozenset({"id", "platform", "claim", "context", "facts"})


@dataclass(frozen=True)
class Amount:
    platforms: tuple[str, ...]
    value: float
    currency: str


@dataclass(frozen=True)
class Action:
    """Structured view of a regulatory action (transcribed from the statement)."""

    authority: str
    kind: str
    status: str
    amounts: tuple[Amount, ...] = ()


@dataclass(frozen=True)
class Restriction:
    """Structured view of a ban or restriction."""

    country: str
    scope: str
    scope_kind: str
    status: str


@dataclass(frozen=True)
class Fact:
    id: str
    platforms: tuple[str, ...]
    topic: str
    date: (
        str | None
    )  # ISO YYYY, YYYY-MM or YYYY-MM-DD (newest date the fact refers to); None = undated
    confidence: str
    statement: str
    sources: tuple[str, ...]
    platform_label: str = ""
    date_text: str = ""  # the source's own wording of the date(s), when it differs from ``date``
    note: str = ""
    tags: tuple[str, ...] = ()
    action: Action | None = None
    restriction: Restriction | None = None
    origin: str = "built-in"  # "built-in" or the path of the user file that supplied it
    overrides: str | None = None  # origin of the fact this one replaced, if any
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def date_label(self) -> str:
        if self.date is None:
            return f"undated ({self.date_text})" if self.date_text else "undated"
        return self.date

    def first_date(self) -> dt.date | None:
        """The date as a day (first day of a month/year: conservative for staleness)."""
        return date_floor(self.date)


@dataclass(frozen=True)
class Claim:
    id: str
    platforms: tuple[str, ...]
    claim: str
    context: str
    facts: tuple[str, ...]
    origin: str = "built-in"


def date_floor(value: str | None) -> dt.date | None:
    if value is None:
        return None
    m = DATE_RE.match(value)
    if not m:
        return None
    year, month, day = m.groups()
    return dt.date(int(year), int(month or 1), int(day or 1))


def canonical_platform(name: str) -> str | None:
    key = name.strip().lower()
    if key in PLATFORMS:
        return key
    return ALIASES.get(key)


class _Ctx:
    """Where we are, for one-line error messages: file, fact id, field."""

    def __init__(self, path: str, kind: str, index: int, ident: str | None) -> None:
        self.path = path
        self.kind = kind
        self.index = index
        self.ident = ident

    def fail(self, fieldname: str, message: str) -> InputError:
        who = f"{self.kind} {self.ident}" if self.ident else f"{self.kind} #{self.index + 1}"
        return InputError(
            f"{who}: field '{fieldname}': {message}",
            path=self.path,
            where=f"{self.kind}s[{self.index}].{fieldname}",
        )


def _text(ctx: _Ctx, raw: dict[str, Any], key: str, *, required: bool = True) -> str:
    value = raw.get(key)
    if value is None:
        if required:
            raise ctx.fail(key, "is required")
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ctx.fail(key, f"must be text, got {type(value).__name__}")
    text = str(value).strip()
    if required and not text:
        raise ctx.fail(key, "must not be empty")
    return text


def _choice(ctx: _Ctx, raw: dict[str, Any], key: str, choices: tuple[str, ...]) -> str:
    value = _text(ctx, raw, key)
    if value not in choices:
        raise ctx.fail(key, f"'{value}' is not one of: {', '.join(choices)}")
    return value


def _str_list(ctx: _Ctx, value: Any, key: str, *, required: bool) -> tuple[str, ...]:
    if value is None:
        if required:
            raise ctx.fail(key, "is required")
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise ctx.fail(key, f"must be a list of text, got {type(value).__name__}")
    out: list[str] = []
    for item in value:
        if not isinstance(item, str) or not item.strip():
            raise ctx.fail(key, "must contain only non-empty text")
        out.append(item.strip())
    if required and not out:
        raise ctx.fail(key, "must not be empty")
    return tuple(out)


def _platforms(ctx: _Ctx, value: Any, key: str = "platform") -> tuple[str, ...]:
    names = _str_list(ctx, value, key, required=True)
    out: list[str] = []
    for name in names:
        canon = canonical_platform(name)
        if canon is None:
            raise ctx.fail(key, f"unknown platform '{name}' (known: {', '.join(PLATFORMS)})")
        if canon not in out:
            out.append(canon)
    return tuple(out)


def _date(ctx: _Ctx, raw: dict[str, Any]) -> str | None:
    if "date" not in raw:
        raise ctx.fail(
            "date", "is required (use null for an undated source and explain in date_text)"
        )
    value = raw["date"]
    if value is None:
        if not str(raw.get("date_text") or "").strip():
            raise ctx.fail("date_text", "is required when date is null")
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not DATE_RE.match(value.strip()):
        raise ctx.fail("date", f"'{value}' is not YYYY, YYYY-MM or YYYY-MM-DD (or null)")
    text = value.strip()
    m = DATE_RE.match(text)
    assert m is not None
    month, day = m.group(2), m.group(3)
    try:
        dt.date(int(m.group(1)), int(month or 1), int(day or 1))
    except ValueError:
        raise ctx.fail("date", f"'{text}' is not a real date") from None
    return text


def _mapping(ctx: _Ctx, value: Any, key: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ctx.fail(key, f"must be a mapping, got {type(value).__name__}")
    return value


def _action(ctx: _Ctx, value: Any) -> Action:
    raw = _mapping(ctx, value, "action")
    amounts: list[Amount] = []
    raw_amounts = raw.get("amounts") or []
    if not isinstance(raw_amounts, list):
        raise ctx.fail("action.amounts", "must be a list")
    for i, item in enumerate(raw_amounts):
        entry = _mapping(ctx, item, f"action.amounts[{i}]")
        amount = entry.get("value")
        if isinstance(amount, bool) or not isinstance(amount, int | float) or amount < 0:
            raise ctx.fail(f"action.amounts[{i}].value", "must be a non-negative number")
        currency = entry.get("currency")
        if not isinstance(currency, str) or not CURRENCY_RE.match(currency):
            raise ctx.fail(f"action.amounts[{i}].currency", "must be a 3-letter code like EUR")
        plats = _platforms(ctx, entry.get("platform"), f"action.amounts[{i}].platform")
        amounts.append(Amount(plats, float(amount), currency))
    sub = _Ctx(ctx.path, ctx.kind, ctx.index, ctx.ident)
    try:
        authority = _text(sub, raw, "authority")
        kind = _choice(sub, raw, "kind", ACTION_KINDS)
        status = _choice(sub, raw, "status", ACTION_STATUS)
    except InputError as exc:
        raise InputError(
            exc.message.replace("field '", "field 'action."), exc.path, exc.where
        ) from None
    return Action(authority, kind, status, tuple(amounts))


def _restriction(ctx: _Ctx, value: Any) -> Restriction:
    raw = _mapping(ctx, value, "restriction")
    try:
        return Restriction(
            country=_text(ctx, raw, "country"),
            scope=_text(ctx, raw, "scope"),
            scope_kind=_choice(ctx, raw, "scope_kind", SCOPE_KINDS),
            status=_choice(ctx, raw, "status", RESTRICTION_STATUS),
        )
    except InputError as exc:
        raise InputError(
            exc.message.replace("field '", "field 'restriction."), exc.path, exc.where
        ) from None


def _ident(raw: dict[str, Any]) -> str | None:
    value = raw.get("id")
    return value.strip() if isinstance(value, str) and value.strip() else None


def parse_fact(raw: Any, path: str, index: int, origin: str = "built-in") -> Fact:
    """Validate one YAML mapping and build a :class:`Fact` (InputError names file, id, field)."""
    ctx = _Ctx(path, "fact", index, None)
    if not isinstance(raw, dict):
        raise ctx.fail("id", f"each fact must be a mapping, got {type(raw).__name__}")
    ctx.ident = _ident(raw)
    fid = _text(ctx, raw, "id")
    if not ID_RE.match(fid):
        raise ctx.fail(
            "id", f"'{fid}' must be lower-case letters/digits joined by '-' (like reg-06)"
        )
    unknown = sorted(k for k in raw if str(k) not in FACT_KEYS and not str(k).startswith("x-"))
    if unknown:
        raise ctx.fail(str(unknown[0]), "unknown field (custom fields must start with 'x-')")
    topic = _choice(ctx, raw, "topic", TOPICS)
    sources = _str_list(ctx, raw.get("sources"), "sources", required=True)
    tags = _str_list(ctx, raw.get("tags"), "tags", required=False)
    for tag in tags:
        if not TAG_RE.match(tag):
            raise ctx.fail("tags", f"'{tag}' must be lower-case words joined by '-'")
    action = _action(ctx, raw["action"]) if raw.get("action") is not None else None
    restriction = (
        _restriction(ctx, raw["restriction"]) if raw.get("restriction") is not None else None
    )
    if topic == "regulatory" and action is None:
        raise ctx.fail("action", "is required for topic 'regulatory'")
    if topic == "bans" and restriction is None:
        raise ctx.fail("restriction", "is required for topic 'bans'")
    return Fact(
        id=fid,
        platforms=_platforms(ctx, raw.get("platform")),
        topic=topic,
        date=_date(ctx, raw),
        confidence=_choice(ctx, raw, "confidence", CONFIDENCE),
        statement=_text(ctx, raw, "statement"),
        sources=sources,
        platform_label=_text(ctx, raw, "platform_label", required=False),
        date_text=_text(ctx, raw, "date_text", required=False),
        note=_text(ctx, raw, "note", required=False),
        tags=tags,
        action=action,
        restriction=restriction,
        origin=origin,
        extra={str(k): v for k, v in raw.items() if str(k).startswith("x-")},
    )


def parse_claim(raw: Any, path: str, index: int, origin: str = "built-in") -> Claim:
    ctx = _Ctx(path, "claim", index, None)
    if not isinstance(raw, dict):
        raise ctx.fail("id", f"each claim must be a mapping, got {type(raw).__name__}")
    ctx.ident = _ident(raw)
    cid = _text(ctx, raw, "id")
    if not ID_RE.match(cid):
        raise ctx.fail("id", f"'{cid}' must be lower-case letters/digits joined by '-'")
    unknown = sorted(k for k in raw if str(k) not in CLAIM_KEYS and not str(k).startswith("x-"))
    if unknown:
        raise ctx.fail(str(unknown[0]), "unknown field (custom fields must start with 'x-')")
    return Claim(
        id=cid,
        platforms=_platforms(ctx, raw.get("platform")),
        claim=_text(ctx, raw, "claim"),
        context=_text(ctx, raw, "context"),
        facts=_str_list(ctx, raw.get("facts"), "facts", required=True),
        origin=origin,
    )
