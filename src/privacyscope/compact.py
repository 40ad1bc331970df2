"""Compact column types for :class:`~privacyscope.model.Columns` runs (``--low-memory``).

A streamed run of millions of records keeps its columns small:

* :class:`TimeColumn`: epoch seconds as 4-byte offsets from a base (``array('i')``), with
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

#: ``TimeColumn`` offset that stands for :data:`NO_TIME`
MISSING = -(2**31)
_LO, _HI = MISSING + 1, 2**31 - 1
#: distinct values above which a string column stays a plain list (codes would not pay)
MAX_CODES = 1 << 16


class TimeColumn(Sequence[int]):
    """Epoch seconds (``NO_TIME`` for none) as int32 offsets from ``base``: 4 bytes a record."""

    __slots__ = ("base", "missing", "offs")

    def __init__(self, base: int, offs: array[int], missing: int) -> None:
        self.base = base
        self.offs = offs  # array('i'); MISSING for NO_TIME
        self.missing = missing  # how many NO_TIME

    @classmethod
    def fits(cls, base: int, lo: int, hi: int) -> bool:
        """Whether epochs in ``[lo, hi]`` can be stored as offsets from ``base``."""
        return lo - base >= _LO and hi - base <= _HI

    def __len__(self) -> int:
        return len(self.offs)

    @overload
    def __getitem__(self, i: int) -> int: ...
    @overload
    def __getitem__(self, i: slice) -> array[int]: ...
    def __getitem__(self, i: int | slice) -> int | array[int]:
        if isinstance(i, slice):
            return array("q", self.__array__()[i].tobytes())
        o = self.offs[i]
        return NO_TIME if o == MISSING else self.base + o

    def __iter__(self) -> Iterator[int]:
        if not self.missing:
            return map(self.base.__add__, self.offs)
        base = self.base
        return (NO_TIME if o == MISSING else base + o for o in self.offs)

    def __contains__(self, value: object) -> bool:
        return self.count(value) > 0

    def count(self, value: object) -> int:
        if not isinstance(value, int):
            return 0
        if value == NO_TIME:
            return self.missing
        o = value - self.base
        return self.offs.count(o) if _LO <= o <= _HI else 0

    def __array__(self, dtype: Any = None, copy: Any = None) -> npt.NDArray[Any]:
        offs = np.frombuffer(self.offs, dtype=np.int32) if len(self.offs) else np.empty(0, np.int32)
        out = offs.astype(np.int64)
        out += self.base
        if self.missing:
            out[offs == MISSING] = NO_TIME
        return out if dtype is None else out.astype(dtype, copy=False)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"TimeColumn({len(self)} times)"

    def nbytes(self) -> int:
        return self.offs.itemsize * len(self.offs)


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
    def __init__(self) -> None:
        self.base: int | None = None
        self.offs: array[int] = array("i")
        self.wide: array[int] | None = None  # array('q') once a value does not fit
        self.missing = 0

    def add(self, times: Sequence[int]) -> None:
        t = np.asarray(times, dtype=np.int64)
        if self.wide is not None:
            self.wide.frombytes(t.tobytes())
            return
        present = t != NO_TIME
        n_present = int(np.count_nonzero(present))
        if n_present:
            vals = t[present] if n_present < len(t) else t
            lo, hi = int(vals.min()), int(vals.max())
            if self.base is None:
                self.base = lo
            if not TimeColumn.fits(self.base, lo, hi):
                self.wide = array("q", self._existing().tobytes())
                self.wide.frombytes(t.tobytes())
                return
        base = self.base or 0
        if n_present < len(t):
            offs = np.full(len(t), MISSING, dtype=np.int64)
            np.subtract(t, base, out=offs, where=present)
        else:
            offs = t - base
        self.missing += len(t) - n_present
        self.offs.frombytes(offs.astype(np.int32).tobytes())

    def _existing(self) -> npt.NDArray[np.int64]:
        return np.asarray(TimeColumn(self.base or 0, self.offs, self.missing))

    def column(self) -> TimeColumn | array[int]:
        if self.wide is not None:
            return self.wide
        return TimeColumn(self.base or 0, self.offs, self.missing)


class _StringBuilder:
    def __init__(self) -> None:
        self.code: dict[Any, int] = {}
        self.values: list[Any] = []
        self.codes: array[int] = array("B")
        self.plain: list[Any] | None = None

    def add(self, col: list[Any]) -> None:
        if self.plain is not None:
            self.plain.extend(col)
            return
        code = self.code
        for v in dict.fromkeys(col):
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
                self._strings[f].add(col if isinstance(col, list) else list(col))
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
    "MISSING",
    "CodedStrings",
    "RunBuilder",
    "TimeColumn",
    "compact_run",
    "compact_strings",
    "compact_times",
]
