"""``window.YTD.<name>.part<N> = [...]`` files: prefix stripping and value helpers.

X archive ``.js`` files are JSON behind a JavaScript assignment. The prefix is stripped up to
the first ``=`` (never assuming ``part0``: large archives are split into ``part1``, ``part2``...).
Any input gives a value or an :class:`InputError`, never another exception (property-tested).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from privacyscope.errors import InputError
from privacyscope.textdecode import loads_json, to_utf8
from privacyscope.timeparse import parse_time

_YTD = re.compile(rb"window\.YTD\.([A-Za-z0-9_]+)\.part(\d+)\s*=", re.S)
_ASSIGN = re.compile(rb"window\.([A-Za-z0-9_.$]+)\s*=", re.S)
_PART = re.compile(r"-part\d+$")


def parse_js(data: bytes, label: str) -> tuple[str, int, Any]:
    """(YTD name, part number, JSON value) of an X archive ``.js`` data file."""
    body = to_utf8(data, label).lstrip()
    m = _YTD.match(body)
    if m:
        name, part = m.group(1).decode("ascii"), int(m.group(2))
    else:
        m = _ASSIGN.match(body)
        if not m:
            raise InputError("not an X archive data file (no 'window.YTD.<name> =' prefix)", label)
        name, part = m.group(1).decode("ascii"), 0
    rest = body[m.end() :].rstrip()
    if rest.endswith(b";"):
        rest = rest[:-1]
    return name, part, loads_json(rest, label)


def data_type(basename: str, ytd_name: str | None = None) -> str:
    """``tweets-part1.js`` -> ``tweets``; ``ip_audit`` -> ``ip-audit``."""
    stem = basename[:-3] if basename.lower().endswith(".js") else basename
    stem = _PART.sub("", stem.lower())
    if not stem and ytd_name:
        stem = ytd_name.lower()
    return stem.replace("_", "-")


def unwrap(item: Any, *keys: str) -> dict[str, Any] | None:
    """Items are wrapped ``{"<type>": {...}}`` since 2020; earlier archives are not."""
    if not isinstance(item, dict):
        return None
    if len(item) == 1:
        ((k, v),) = item.items()
        if (k in keys or not keys) and isinstance(v, dict):
            return v
    return item


def x_time(value: Any) -> str | None:
    """ISO, ``YYYY-MM-DD HH:MM:SS`` (ads, taken as UTC) or ``Wed Oct 10 20:19:24 +0000 2018``."""
    t = parse_time(value)
    if t is not None or not isinstance(value, str):
        return t
    try:
        dt = datetime.strptime(value.strip(), "%a %b %d %H:%M:%S %z %Y")
    except ValueError:
        return None
    return parse_time(dt.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S"))


def s(value: Any) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else str(value)


def obj(value: Any, key: str) -> dict[str, Any]:
    v = value.get(key) if isinstance(value, dict) else None
    return v if isinstance(v, dict) else {}


def lst(value: Any, key: str) -> list[Any]:
    v = value.get(key) if isinstance(value, dict) else None
    return v if isinstance(v, list) else []
