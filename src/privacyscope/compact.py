"""Compact column types for :class:`~privacyscope.model.Columns` runs (``--low-memory``).

A streamed run of millions of records keeps its columns small:

* :class:`TimeColumn`: epoch seconds in about 2 bytes each (blocks of 256: offsets from the
  block's smallest time; 4 bytes in the blocks that span 18 hours or more), with
  :data:`~privacyscope.model.NO_TIME` as a sentinel; ``np.asarray(col)`` (``__array__``) gives
  the exact int64 epochs, so :func:`privacyscope.model.time_array` works unchanged.
* :class:`CodedStrings`: dictionary coding, one byte (``array('B')``) or two (``array('H')``) per
  record plus the list of distinct values (strings shared).

Both are read-only ``Sequence`` s that give exactly the values of the plain columns they replace
(a list of ``str | None``, an ``array('q')`` of epochs), so every consumer keeps working.
:class:`RunBuilder` grows one run from batches of plain columns.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, overload

import numpy as np
import numpy.typing as npt

from privacyscope.model import NO_TIME, Columns, Record

#: times per block: a block's times are 2-byte offsets from the block's smallest time when they
#: span less than 18 hours, else 4-byte offsets from the column's base
BLOCK = 256
NARROW_MISSING = 0xFFFF  # a 2-byte offset that stands for NO_TIME
WIDE_MISSING = -(2**31)  # a 4-byte offset that stands for NO_TIME
_WIDE_LO, _WIDE_HI = WIDE_MISSING + 1, 2**31 - 1
_DECODE = 64  # blocks decoded at a time (iteration, numpy conversion)
#: distinct values above which a string column stays a plain list (codes would not pay)
MAX_CODES = 1 << 16


class TimeColumn(Sequence[int]):
    """Epoch seconds (``NO_TIME`` for none), about 2 bytes a record.

    Blocks of :data:`BLOCK` times: a block whose times span less than 18 hours keeps them as
    uint16 offsets from its smallest time (``bases``); another keeps them as int32 offsets from
    ``base`` in ``wide`` (``wide_at``: where each block's wide values start, -1 if none).
    """

    __slots__ = ("base", "bases", "n", "offs", "wide", "wide_at")

    def __init__(
        self,
        n: int,
        bases: array[int],
        offs: array[int],
        wide_at: array[int],
        wide: array[int],
        base: int,
    ) -> None:
        self.n = n
        self.bases = bases  # array('q'), one per block
        self.offs = offs  # array('H'), one per time (0 in wide blocks)
        self.wide_at = wide_at  # array('i'), one per block
        self.wide = wide  # array('i'), BLOCK per wide block
        self.base = base

    def __len__(self) -> int:
        return self.n

    @overload
    def __getitem__(self, i: int) -> int: ...
    @overload
    def __getitem__(self, i: slice) -> array[int]: ...
    def __getitem__(self, i: int | slice) -> int | array[int]:
        if isinstance(i, slice):
            return array("q", self.__array__()[i].tobytes())
        if i < 0:
            i += self.n
        if not 0 <= i < self.n:
            raise IndexError("time index out of range")
        b, r = divmod(i, BLOCK)
        w = self.wide_at[b]
        if w >= 0:
            o = self.wide[w + r]
            return NO_TIME if o == WIDE_MISSING else self.base + o
        o = self.offs[i]
        return NO_TIME if o == NARROW_MISSING else self.bases[b] + o

    def _decode(self, b0: int, b1: int) -> npt.NDArray[np.int64]:
        """The times of blocks ``b0`` to ``b1`` as int64."""
        lo, hi = b0 * BLOCK, min(b1 * BLOCK, self.n)
        o = np.frombuffer(self.offs, dtype=np.uint16)[lo:hi]
        out = o.astype(np.int64)
        out += np.repeat(np.frombuffer(self.bases, dtype=np.int64)[b0:b1], BLOCK)[: hi - lo]
        out[o == NARROW_MISSING] = NO_TIME
        wide_at = np.frombuffer(self.wide_at, dtype=np.int32)[b0:b1]
        if (wide_at >= 0).any():
            wide = np.frombuffer(self.wide, dtype=np.int32)
            for b in np.flatnonzero(wide_at >= 0).tolist():
                s, e = b * BLOCK, min((b + 1) * BLOCK, hi - lo)
                w = wide[int(wide_at[b]) : int(wide_at[b]) + e - s]
                vals = w.astype(np.int64)
                vals += self.base
                vals[w == WIDE_MISSING] = NO_TIME
                out[s:e] = vals
        return out

    def _chunks(self) -> Iterator[npt.NDArray[np.int64]]:
        for b in range(0, len(self.bases), _DECODE):
            yield self._decode(b, b + _DECODE)

    def __iter__(self) -> Iterator[int]:
        for chunk in self._chunks():
            yield from chunk.tolist()

    def __contains__(self, value: object) -> bool:
        return self.count(value) > 0

    def count(self, value: object) -> int:
        if not isinstance(value, int):
            return 0
        return sum(int(np.count_nonzero(c == value)) for c in self._chunks())

    def __array__(self, dtype: Any = None, copy: Any = None) -> npt.NDArray[Any]:
        out = np.empty(self.n, dtype=np.int64)
        for b in range(0, len(self.bases), _DECODE):
            out[b * BLOCK : (b + _DECODE) * BLOCK] = self._decode(b, b + _DECODE)
        return out if dtype is None else out.astype(dtype, copy=False)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"TimeColumn({self.n} times)"

    def nbytes(self) -> int:
        return sum(a.itemsize * len(a) for a in (self.bases, self.offs, self.wide_at, self.wide))


class CodedStrings(Sequence[Any]):
    """Dictionary-coded strings: ``values[codes[i]]``; 1 or 2 bytes a record."""

    __slots__ = ("codes", "values")

    def __init__(self, codes: array[int], values: list[Any]) -> None:
        self.codes = codes  # array('B') or array('H')
        self.values = values  # distinct values (str | None), in order of first appearance

    def __len__(self) -> int:
        return len(self.codes)

    @overload
    def __getitem__(self, i: int) -> Any: ...
    @overload
    def __getitem__(self, i: slice) -> list[Any]: ...
    def __getitem__(self, i: int | slice) -> Any:
        if isinstance(i, slice):
            return list(map(self.values.__getitem__, self.codes[i]))
        return self.values[self.codes[i]]

    def __iter__(self) -> Iterator[Any]:
        return map(self.values.__getitem__, self.codes)

    def __contains__(self, value: object) -> bool:
        return self.count(value) > 0

    def count(self, value: object) -> int:
        n = 0
        for code, v in enumerate(self.values):
            if v == value and type(v) is type(value):
                n += self.codes.count(code)
        return n

    def code_array(self) -> npt.NDArray[Any]:
        """The codes as a numpy array (no copy): ``self.values[code]`` is the value; every
        value is used, and they are in order of first appearance."""
        dtype = np.uint8 if self.codes.typecode == "B" else np.uint16
        return np.frombuffer(self.codes, dtype=dtype) if self.codes else np.empty(0, dtype)

    def value_counts(self) -> dict[Any, int]:
        """``Counter(self)`` as a dict, counted with numpy (values in order of first use)."""
        if not self.codes:
            return {}
        codes = np.frombuffer(
            self.codes, dtype=np.uint8 if self.codes.typecode == "B" else np.uint16
        )
        n = np.bincount(codes, minlength=len(self.values))
        return {v: int(c) for v, c in zip(self.values, n.tolist(), strict=True) if c}

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"CodedStrings({len(self)} values, {len(self.values)} distinct)"

    def nbytes(self) -> int:
        return self.codes.itemsize * len(self.codes)


def compact_times(times: Sequence[int]) -> TimeColumn | array[int]:
    """An epoch column as a :class:`TimeColumn` (or unchanged if it does not fit)."""
    b = _TimeBuilder()
    b.add(times)
    return b.column()


def compact_strings(values: Iterable[Any]) -> CodedStrings | list[Any]:
    """A string column as :class:`CodedStrings` (a list when it has too many distinct values)."""
    b = _StringBuilder()
    b.add(values if isinstance(values, list) else list(values))
    return b.column()


class _TimeBuilder:
    """Grows a :class:`TimeColumn` (an ``array('q')`` if a time is too far from the others)."""

    def __init__(self) -> None:
        self.n = 0
        self.bases: array[int] = array("q")
        self.offs: array[int] = array("H")
        self.wide_at: array[int] = array("i")
        self.wide: array[int] = array("i")
        self.base: int | None = None
        self.tail = np.empty(0, dtype=np.int64)  # less than a block, not yet stored
        self.plain: array[int] | None = None

    def add(self, times: Sequence[int]) -> None:
        t = np.asarray(times, dtype=np.int64)
        if self.plain is not None:
            self.plain.frombytes(t.tobytes())
            return
        if self.tail.size:
            t = np.concatenate((self.tail, t))
        k = len(t) // BLOCK * BLOCK
        self.tail = t[k:].copy()
        if k:
            self._blocks(t[:k])

    def _blocks(self, t: npt.NDArray[np.int64]) -> None:
        n = len(t)
        m = -(-n // BLOCK)
        if n < m * BLOCK:  # the last, partial block
            t = np.concatenate((t, np.full(m * BLOCK - n, NO_TIME, dtype=np.int64)))
        t2 = t.reshape(m, BLOCK)
        present = t2 != NO_TIME
        mins = np.where(present, t2, np.iinfo(np.int64).max).min(axis=1)
        maxs = np.where(present, t2, NO_TIME).max(axis=1)
        empty = ~present.any(axis=1)
        mins[empty] = maxs[empty] = 0
        # differences in uint64: exact for any two int64 times (int64 would overflow)
        umins = mins.astype(np.uint64)
        narrow = (maxs.astype(np.uint64) - umins) < NARROW_MISSING
        offs = np.where(present, t2, mins[:, None]).astype(np.uint64) - umins[:, None]
        offs[~present] = NARROW_MISSING
        offs[~narrow] = 0
        wide_at = np.full(m, -1, dtype=np.int32)
        wide_blocks = np.flatnonzero(~narrow)
        if wide_blocks.size:
            if self.base is None:
                self.base = int(mins[wide_blocks[0]])
            w, wp = t2[wide_blocks], present[wide_blocks]
            lo, hi = int(mins[wide_blocks].min()), int(maxs[wide_blocks].max())
            if lo - self.base < _WIDE_LO or hi - self.base > _WIDE_HI:
                self._to_plain(t[:n])
                return
            rel = np.where(wp, w, self.base) - self.base
            rel[~wp] = WIDE_MISSING
            wide_at[wide_blocks] = len(self.wide) + BLOCK * np.arange(wide_blocks.size)
            self.wide.frombytes(rel.astype(np.int32).tobytes())
        self.bases.frombytes(mins.tobytes())
        self.offs.frombytes(offs.astype(np.uint16).ravel()[:n].tobytes())
        self.wide_at.frombytes(wide_at.tobytes())
        self.n += n

    def _to_plain(self, more: npt.NDArray[np.int64]) -> None:
        done = self._column()
        self.plain = array("q", np.asarray(done).tobytes()) if done.n else array("q")
        self.plain.frombytes(more.tobytes())
        self.plain.frombytes(self.tail.tobytes())
        self.tail = np.empty(0, dtype=np.int64)

    def _column(self) -> TimeColumn:
        return TimeColumn(self.n, self.bases, self.offs, self.wide_at, self.wide, self.base or 0)

    def column(self) -> TimeColumn | array[int]:
        if self.plain is None and self.tail.size:
            tail, self.tail = self.tail, np.empty(0, dtype=np.int64)
            self._blocks(tail)
        if self.plain is not None:
            return self.plain
        return self._column()


class _StringBuilder:
    def __init__(self) -> None:
        self.code: dict[Any, int] = {}
        self.values: list[Any] = []
        self.codes: array[int] = array("B")
        self.plain: list[Any] | None = None

    def add(self, col: Sequence[Any]) -> None:
        if self.plain is not None:
            self.plain.extend(col)
            return
        code = self.code
        for v in col.values if isinstance(col, CodedStrings) else dict.fromkeys(col):
            if v not in code:
                code[v] = len(self.values)
                self.values.append(v)
        if len(self.values) > MAX_CODES:
            self.plain = list(map(self.values.__getitem__, self.codes))
            self.plain.extend(col)
            self.code.clear()
            return
        if len(self.values) > 256 and self.codes.typecode == "B":
            self.codes = array("H", self.codes)
        if isinstance(col, CodedStrings):  # recode its codes with numpy, value by value
            lut = np.array([code[v] for v in col.values], dtype=np.uint16)
            self.codes.frombytes(lut[col.code_array()].astype(self.codes.typecode).tobytes())
        else:
            self.codes.extend(array(self.codes.typecode, map(code.__getitem__, col)))

    def column(self) -> CodedStrings | list[Any]:
        if self.plain is not None:
            return self.plain
        return CodedStrings(self.codes, self.values)


class RunBuilder:
    """One compact :class:`Columns` run grown from batches (plain ``Columns`` of one list)."""

    def __init__(self, first: Columns) -> None:
        self.rtype: type[Record] = first.rtype
        self.ref_base = first.ref_base
        self.const = first.const
        self.start = first.start
        self.n = 0
        self._fields = list(first.cols)
        self._times = _TimeBuilder()
        self._strings = {f: _StringBuilder() for f in self._fields if f != "time"}
        self.add(first)

    def accepts(self, run: Columns) -> bool:
        """Whether ``run`` continues this one (same list, type, fields and constants)."""
        return (
            run.rtype is self.rtype
            and run.ref_base == self.ref_base
            and run.start == self.start + self.n
            and list(run.cols) == self._fields
            and run.const == self.const
        )

    def add(self, run: Columns) -> None:
        for f, col in run.cols.items():
            if f == "time":
                self._times.add(col)
            else:
                self._strings[f].add(col if isinstance(col, list | CodedStrings) else list(col))
        self.n += run.n

    def build(self) -> Columns:
        cols: dict[str, Sequence[Any]] = {}
        for f in self._fields:
            cols[f] = self._times.column() if f == "time" else self._strings[f].column()
        return Columns(self.rtype, self.ref_base, self.n, self.const, cols, self.start)


def compact_run(run: Columns) -> Columns:
    """``run`` with compact columns (same records)."""
    return RunBuilder(run).build()


__all__ = [
    "BLOCK",
    "CodedStrings",
    "RunBuilder",
    "TimeColumn",
    "compact_run",
    "compact_strings",
    "compact_times",
]
