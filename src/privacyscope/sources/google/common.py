"""Small helpers shared by the Google Takeout readers."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from privacyscope.errors import InputError
from privacyscope.inputs import ExportFile
from privacyscope.model import Unreadable, Unrecognized
from privacyscope.sources.base import ReadResult
from privacyscope.textdecode import loads_json

PEEK = 1 << 16


def ref_name(name: str) -> str:
    """The path used in refs: split-archive prefixes (``takeout-...-001.zip/``) dropped."""
    low = name.lower()
    idx = low.rfind(".zip/")
    return name[idx + 5 :] if idx >= 0 else name


def peek(f: ExportFile, limit: int = PEEK) -> bytes:
    try:
        with f.open() as fh:
            return bytes(fh.read(limit))
    except (InputError, OSError):
        return b""


def load_json(f: ExportFile, result: ReadResult) -> Any | None:
    """Parse a JSON file; on failure record it as unreadable and return None."""
    try:
        return loads_json(f.read_bytes(), ref_name(f.name))
    except InputError as exc:
        result.unreadable.append(Unreadable(path=ref_name(f.name), reason=exc.one_line()))
        return None


def unreadable(result: ReadResult, path: str, reason: str) -> None:
    result.unreadable.append(Unreadable(path=path, reason=reason))


def report_unknown_keys(
    result: ReadResult, path: str, items: Iterable[Any], known: frozenset[str]
) -> None:
    """Add one ``Unrecognized`` entry per key not in ``known`` (with how many items hold it)."""
    seen: Counter[str] = Counter()
    for item in items:
        if isinstance(item, dict):
            seen.update(k for k in item if k not in known)
    for key, n in sorted(seen.items()):
        result.unrecognized.append(Unrecognized(path=f"{path}.{key}", kind="key", records=n))


def add_unknown_counter(result: ReadResult, path: str, seen: Counter[str]) -> None:
    for key, n in sorted(seen.items()):
        result.unrecognized.append(Unrecognized(path=f"{path}.{key}", kind="key", records=n))


def as_str(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    return str(value)


def e7(value: Any) -> float | None:
    """``latitudeE7`` style integer -> degrees (None for missing / non-numeric)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return value / 1e7


def sub(obj: Any, key: str) -> dict[str, Any]:
    """``obj[key]`` when both are objects, else an empty dict."""
    value = obj.get(key) if isinstance(obj, dict) else None
    return value if isinstance(value, dict) else {}
