"""Small helpers for TikTok's value conventions (sentinels, numbers as strings)."""

from __future__ import annotations

from typing import Any

import orjson

SENTINELS = frozenset({"", "N/A", "n/a", "None", "none", "null", "Unavailable", "NULL"})


def clean(value: Any) -> str | None:
    """A string value, or None for sentinels and empty values."""
    if value is None:
        return None
    if isinstance(value, str):
        v = value.strip()
        return None if v in SENTINELS else value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    return orjson.dumps(value).decode()


def first(r: dict[str, Any], *keys: str) -> Any:
    """The first of ``keys`` present in ``r`` (raw value, may be a sentinel)."""
    for k in keys:
        if k in r:
            return r[k]
    return None


def cfirst(r: dict[str, Any], *keys: str) -> str | None:
    for k in keys:
        if k in r:
            v = clean(r[k])
            if v is not None:
                return v
    return None


def as_int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        s = value.strip().replace(",", "")
        if s.isdigit():
            return int(s)
    return None


def yes_no(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if not isinstance(value, str):
        return None
    v = value.strip().lower()
    if v in ("yes", "true", "enabled", "on", "everyone", "ja", "aan"):
        return True
    if v in ("no", "false", "disabled", "off", "no one", "nee", "uit"):
        return False
    return None


def raw_json(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    return orjson.dumps(value).decode()
