"""Declarative record builders with a fast columnar path (see docs/adr/0006-performance.md).

A :class:`Fields` says which export keys feed which record field. It builds one record from one
dict (the generic path, used for small sections, the TXT export and anything unusual), and it
builds a :class:`~privacyscope.model.Columns` run from a whole list decoded by msgspec into
typed Structs (the fast path for the huge lists). Both paths share the same key lists and the
same ``clean`` / ``parse_time`` semantics, so they produce identical records; the fast path
refuses (``msgspec.ValidationError``) any item with an unknown key or a non-string value, and
the caller then falls back to the generic path, which reports unknown keys as before.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

import msgspec

from privacyscope.compact import MAX_CODES, CodedStrings, compact_strings
from privacyscope.model import NO_TIME, Columns, Record
from privacyscope.sources.tiktok.values import clean, first
from privacyscope.timeparse import epochs_of, parse_time

UNSET = msgspec.UNSET
#: how a field reads its keys: "clean" = first non-sentinel (``cfirst``), "raw" = first present
#: value as is (``raw_json`` of a string), "strip" = "clean" then stripped
Mode = str


@dataclass(frozen=True)
class Fields:
    rtype: type[Record]
    time: tuple[str, ...]
    fields: dict[str, tuple[Mode, tuple[str, ...]]]
    const: dict[str, Any] = field(default_factory=dict)
    #: fields the audit never reads (links of watched videos...): kept only for ``--db``
    bulky: frozenset[str] = frozenset()

    # -- one dict -> one record (generic path) ------------------------------------------------
    def __call__(self, r: dict[str, Any], ref: str) -> Record | None:
        kw = dict(self.const)
        for name, (mode, keys) in self.fields.items():
            kw[name] = _pick_one(r, mode, keys)
        kw["time"] = parse_time(first(r, *self.time))
        return self.rtype(ref=ref, **kw)

    # -- typed list -> columns (fast path) ----------------------------------------------------
    def item_type(self, known: frozenset[str], full: bool = True) -> type[msgspec.Struct]:
        """The Struct one list item decodes into. Without ``full``, keys read only by bulky
        fields are typed ``msgspec.Raw``: checked as present but never decoded into strings
        (watched-video links are most of a big export's bytes)."""
        skip = () if full else tuple(sorted(self.skipped_keys() & known))
        return _item_type(tuple(sorted(known)), skip)

    def skipped_keys(self) -> frozenset[str]:
        """Keys only bulky fields read (not the time, not any other field)."""
        bulky = {k for name in self.bulky for k in self.fields[name][1]}
        used = set(self.time) | {
            k for name, (_, keys) in self.fields.items() if name not in self.bulky for k in keys
        }
        return frozenset(bulky - used)

    def columns(
        self,
        items: list[Any],
        known: frozenset[str],
        ref_base: str,
        full: bool,
        const: dict[str, Any] | None = None,
        start: int = 0,
    ) -> Columns:
        attr = _attrs(tuple(sorted(known)))
        n = len(items)
        raw_cols: dict[str, list[Any]] = {}

        def col(key: str) -> list[Any] | None:
            if key not in attr:
                return None
            if key not in raw_cols:
                raw_cols[key] = list(map(attrgetter(attr[key]), items))
            c = raw_cols[key]
            return c if (n and c[0] is not UNSET) or c.count(UNSET) != n else None

        cols: dict[str, Any] = {}
        times = _merge([col(k) for k in self.time], present=True)
        cols["time"] = epochs_of(times, NO_TIME) if times else _no_times(n)
        for name, (mode, keys) in self.fields.items():
            if name in self.bulky and not full:
                continue
            parts = [c for c in (col(k) for k in keys) if c is not None]
            if mode == "raw":
                merged = _merge(parts, present=True)
                cols[name] = [None if v is UNSET else v for v in merged] if merged else [None] * n
            elif len(parts) == 1:
                cols[name] = _clean_codes(parts[0], mode)
            else:
                cleaned = [_clean_column(c, mode) for c in parts]
                merged = _merge(cleaned, present=False)
                cols[name] = compact_strings(merged) if merged else [None] * n
        return Columns(self.rtype, ref_base, n, self.const | (const or {}), cols, start)


def _pick_one(r: dict[str, Any], mode: Mode, keys: tuple[str, ...]) -> Any:
    if mode == "raw":
        v = first(r, *keys)
        if v is None or isinstance(v, str):
            return v
        from privacyscope.sources.tiktok.values import raw_json

        return raw_json(v)
    for k in keys:
        if k in r:
            v = clean(r[k])
            if v is not None:
                return (v.strip() or None) if mode == "strip" else v
    return None


def _clean_column(values: list[Any], mode: Mode) -> list[Any]:
    """``clean`` (and strip) every value, once per distinct value; equal strings are shared."""
    memo = dict.fromkeys(values)
    for v in memo:
        c = None if v is UNSET else clean(v)
        memo[v] = (c.strip() or None) if (mode == "strip" and c is not None) else c
    return list(map(memo.__getitem__, values))


def _clean_codes(
    values: list[Any], mode: Mode, strip_first: bool = False
) -> CodedStrings | list[Any]:
    """``_clean_column`` as :class:`~privacyscope.compact.CodedStrings` (one or two bytes a
    record, counted with numpy); a plain list when it has too many distinct values.
    ``strip_first``: values are stripped before ``clean`` (TXT values as cut from their line)."""
    memo: dict[Any, Any] = dict.fromkeys(values)
    code: dict[Any, int] = {}
    distinct: list[Any] = []
    for v in memo:
        c = None if v is UNSET else clean(v.strip() if strip_first else v)
        if mode == "strip" and c is not None:
            c = c.strip() or None
        k = code.get(c)
        if k is None:
            k = code[c] = len(distinct)
            distinct.append(c)
        memo[v] = k
    if len(distinct) > MAX_CODES:
        return list(map(distinct.__getitem__, map(memo.__getitem__, values)))
    codes = array("B" if len(distinct) <= 256 else "H", map(memo.__getitem__, values))
    return CodedStrings(codes, distinct)


def _merge(cols: Sequence[list[Any] | None], present: bool) -> list[Any] | None:
    """First value per row: the first present (not UNSET) or the first not None."""
    real = [c for c in cols if c is not None]
    if not real:
        return None
    out = real[0]
    miss: Any = UNSET if present else None
    for other in real[1:]:
        out = [b if a is miss else a for a, b in zip(out, other, strict=True)]
    return out


def _no_times(n: int) -> array[int]:
    return array("q", [NO_TIME]) * n


_ITEM_TYPES: dict[tuple[tuple[str, ...], tuple[str, ...]], type[msgspec.Struct]] = {}
_NOT_READ = msgspec.Raw(b"null")


def _attrs(keys: tuple[str, ...]) -> dict[str, str]:
    return {k: f"k{i}" for i, k in enumerate(keys)}


def _item_type(keys: tuple[str, ...], skip: tuple[str, ...] = ()) -> type[msgspec.Struct]:
    t = _ITEM_TYPES.get((keys, skip))
    if t is None:
        attrs = _attrs(keys)
        t = _ITEM_TYPES[keys, skip] = msgspec.defstruct(
            "Item",
            [
                (a, msgspec.Raw, _NOT_READ) if k in skip else (a, str | msgspec.UnsetType, UNSET)
                for k, a in attrs.items()
            ],
            rename={a: k for k, a in attrs.items()},
            forbid_unknown_fields=True,
            gc=False,
        )
    return t


class Seen:
    """Lists already read for a de-duplicated section: the same list twice counts once.

    A list is kept as given (a Python list) or as a :class:`RawList` (JSON bytes, compared
    byte for byte first, then item by item).
    """

    def __init__(self) -> None:
        self._lists: dict[str, list[tuple[str, Any]]] = {}

    def duplicate_of(self, group: str, path: str, value: Any) -> str | None:
        dup = self.find(group, value)
        if dup is None:
            self._lists.setdefault(group, []).append((path, value))
        return dup

    def find(self, group: str, value: Any) -> str | None:
        """The path of an equal list already read, without recording this one."""
        for other_path, other in self._lists.get(group, []):
            if _same(value, other):
                return other_path
        return None

    def clear(self) -> None:
        self._lists.clear()


@dataclass
class RawList:
    raw: msgspec.Raw
    decode: Callable[[msgspec.Raw], list[Any]]


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, RawList) and isinstance(b, RawList):
        if a.raw == b.raw:  # memcmp
            return True
        return bool(a.decode(a.raw) == b.decode(b.raw))
    if isinstance(a, RawList) or isinstance(b, RawList):
        import orjson

        a = orjson.loads(memoryview(a.raw)) if isinstance(a, RawList) else a
        b = orjson.loads(memoryview(b.raw)) if isinstance(b, RawList) else b
    return bool(a == b)
