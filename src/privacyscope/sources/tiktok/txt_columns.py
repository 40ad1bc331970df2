"""Column runs for the TXT reader, built straight from value columns.

The JSON reader builds a :class:`~privacyscope.model.Columns` run with ``Fields.columns`` from
typed msgspec items. The TXT tokenizer already has one value list per key, so :func:`build`
gives the same run from those lists without one object per record: the same ``time`` (via
``timeparse.epochs_of`` on the whole column, ``NO_TIME`` for none), the same first-present /
first-clean merge of a field's keys, the same sentinels, the same ``bulky`` fields dropped
without ``full``. It mirrors ``Fields.columns``: a change there must be made here too
(``tests/test_txt_equivalence.py`` compares every record with the reference reader, which
builds them through ``Fields``).
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from itertools import repeat
from typing import Any

from privacyscope.model import NO_TIME, Columns
from privacyscope.sources.tiktok.columnar import UNSET, Fields, _clean_codes, _merge
from privacyscope.sources.tiktok.values import SENTINELS, clean
from privacyscope.timeparse import epochs_of

_LONGEST = max(map(len, SENTINELS))


class Rows:
    """Rows of one list being read: one value column per export key, ``UNSET`` where a row
    lacks the key (as a typed item would). Values are strings, stripped or not (``build``)."""

    __slots__ = ("cols", "n", "unset")

    def __init__(self) -> None:
        self.cols: dict[str, list[Any]] = {}
        self.unset: set[str] = set()  # columns holding UNSET
        self.n = 0

    def add_columns(
        self,
        keys: Sequence[str],
        cols: Sequence[list[Any]],
        m: int,
        sparse: Sequence[bool] = (),
    ) -> None:
        """``m`` rows given column-wise; a key given twice keeps its last column (as a dict
        built from the row would); ``sparse``: which columns hold UNSET. The lists are taken
        over, not copied."""
        for k, gaps in zip(keys, sparse, strict=False):
            if gaps:
                self.unset.add(k)
        pos = {k: c for c, k in enumerate(keys)}
        have = self.cols
        for k, c in pos.items():
            col = have.get(k)
            if col is None:
                if self.n:
                    have[k] = [UNSET] * self.n
                    have[k] += cols[c]
                    self.unset.add(k)
                else:
                    have[k] = cols[c]
            else:
                col += cols[c]
        for k, col in have.items():
            if k not in pos:
                col.extend(repeat(UNSET, m))
                self.unset.add(k)
        self.n += m

    def add_row(self, rec: dict[str, str]) -> None:
        have = self.cols
        for k, v in rec.items():
            col = have.get(k)
            if col is None:
                have[k] = [UNSET] * self.n + [v]
                if self.n:
                    self.unset.add(k)
            else:
                col.append(v)
        for k, col in have.items():
            if k not in rec:
                col.append(UNSET)
                self.unset.add(k)
        self.n += 1

    def items(self, strip: bool) -> list[dict[str, Any]]:
        """The rows as dicts (for the record-by-record path of short lists)."""
        names = list(self.cols)
        out = []
        for row in zip(*self.cols.values(), strict=True):
            out.append(
                {
                    k: (v.strip() if strip else v)
                    for k, v in zip(names, row, strict=True)
                    if v is not UNSET
                }
            )
        return out


def build(
    fields: Fields,
    rows: Rows,
    ref_base: str,
    full: bool,
    start: int = 0,
    const: dict[str, Any] | None = None,
    strip: bool = True,
    times: array[int] | None = None,
) -> Columns:
    """The run ``Fields.columns`` would build from these rows.

    ``strip``: the reference value is ``value.strip()`` (TXT blocks; the tokenizer leaves
    values as cut from their line); without it the values are taken as they are (messages).
    Columns that only feed ``time`` are never stripped: ``epochs_of`` is ``parse_time``,
    which strips. ``times``: the ``time`` column if already made (``epochs``).
    """
    n = rows.n
    cols = rows.cols
    out: dict[str, Any] = {}
    if times is None:
        merged = _merge([cols[k] for k in fields.time if k in cols], present=True)
        times = epochs(merged) if merged else array("q", [NO_TIME]) * n
    out["time"] = times
    for name, (mode, keys) in fields.fields.items():
        if name in fields.bulky and not full:
            continue
        parts = [k for k in keys if k in cols]
        if mode == "raw":
            merged = _merge([_prepared(cols[k], k in rows.unset, strip) for k in parts], True)
            out[name] = [None if v is UNSET else v for v in merged] if merged else [None] * n
        elif len(parts) == 1 and _few(cols[parts[0]]):  # coded as the JSON fast path codes
            out[name] = _clean_codes(cols[parts[0]], mode, strip_first=strip)
        else:
            cleaned = [_cleaned(cols[k], k in rows.unset, strip) for k in parts]
            if mode == "strip" and not strip:
                cleaned = [[v and (v.strip() or None) for v in c] for c in cleaned]
            out[name] = _merge(cleaned, present=False) or [None] * n
    return Columns(fields.rtype, ref_base, n, fields.const | (const or {}), out, start)


def epochs(values: list[Any]) -> array[int]:
    """The ``time`` column of a run: ``epochs_of`` (``NO_TIME`` for none) as ``array('q')``."""
    got = epochs_of(values, NO_TIME)
    if isinstance(got, list):
        return array("q", got)
    out = array("q")  # a buffer of int64 (should epochs_of return an array)
    out.frombytes(memoryview(got).cast("B"))
    return out


def _prepared(col: list[Any], unset: bool, strip: bool) -> list[Any]:
    if not strip:
        return col
    if unset:
        return [v if v is UNSET else v.strip() for v in col]
    return list(map(str.strip, col))


def _few(col: list[Any]) -> bool:
    """Whether a column looks like one of few distinct values (its first 64 show 16 or less)."""
    return len(col) >= 64 and len(set(col[:64])) <= 16


def _cleaned(col: list[Any], unset: bool, strip: bool) -> list[Any]:
    """``clean`` of every value (UNSET -> None); ``clean`` == ``strip`` mode on TXT values,
    which are stripped. Columns of few distinct values are cleaned once per value (and equal
    strings shared, as ``Fields.columns`` does)."""
    if strip and not _few(col):
        col = _prepared(col, unset, True)
        if not unset and (min(map(len, col), default=0) > _LONGEST or SENTINELS.isdisjoint(col)):
            return col  # (long values are no sentinel: no need to hash them)
        return [None if v is UNSET or v in SENTINELS else v for v in col]
    memo = dict.fromkeys(col)
    for v in memo:
        memo[v] = None if v is UNSET else clean(v.strip() if strip else v)
    return list(map(memo.__getitem__, col))
