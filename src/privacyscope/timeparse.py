"""Timestamp normalisation: every time becomes ``YYYY-MM-DDTHH:MM:SSZ`` (UTC) or ``None``.

TikTok writes ``YYYY-MM-DD HH:MM:SS`` without a zone, and it is UTC (the export reference shows
2022 login history carrying `` UTC`` with identical values, and Live ``CommentTime`` equal to the
UTC rendering of ``RawTime``). Other forms seen: trailing `` UTC`` / `` +0000 UTC``, ISO with
``T``/``Z``/offsets, epoch seconds or milliseconds (int or string), ``DD-Mon-YYYY``.
Sentinels (``""``, ``N/A``, ``None``, ``0``, ``1969-12-31 23:59:59``) become ``None``.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np
import numpy.typing as npt

_FAST = re.compile(
    r"(\d{4})-(\d\d)-(\d\d)[ T](\d\d):(\d\d):(\d\d)(?:\.\d+)?(?: ?UTC| ?Z| \+0000 UTC)?\Z"
)
_OFFSET = re.compile(
    r"(\d{4})-(\d\d)-(\d\d)[ T](\d\d):(\d\d)(?::(\d\d))?(?:\.\d+)?"
    r"\s*([+-])(\d\d):?(\d\d)(?: UTC)?\Z"
)
_DATE_ONLY = re.compile(r"(\d{4})-(\d\d)-(\d\d)\Z")
_DMY = re.compile(r"(\d{1,2})[- ]([A-Za-z]{3})[a-z]*[- ,]+(\d{4})\Z")
_MONTHS = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
    )
}
_SENTINELS = frozenset({"", "n/a", "none", "null", "0", "unavailable", "-", "unknown"})
_EPOCH_MINUS_ONE = "1969-12-31T23:59:59Z"
_MIN_YEAR, _MAX_YEAR = 1971, 2100


def _valid(y: int, mo: int, d: int, h: int, mi: int, s: int) -> bool:
    if not (_MIN_YEAR <= y <= _MAX_YEAR and 1 <= mo <= 12 and 0 <= h <= 23 and 0 <= mi <= 59):
        return False
    if not 0 <= s <= 60:
        return False
    try:
        datetime(y, mo, d)
    except ValueError:
        return False
    return True


def _fmt(dt: datetime) -> str:
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


def from_epoch(value: float) -> str | None:
    if value > 1e11:  # milliseconds
        value = value / 1000.0
    if value <= 0:
        return None
    try:
        dt = datetime.fromtimestamp(int(value), UTC)
    except (OverflowError, OSError, ValueError):
        return None
    if not _MIN_YEAR <= dt.year <= _MAX_YEAR:
        return None
    return _fmt(dt)


def parse_time(value: object) -> str | None:
    """Normalise any timestamp form seen in exports to ISO UTC, or None."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return from_epoch(float(value))
    if not isinstance(value, str):
        return None
    s = value.strip()
    if s.lower() in _SENTINELS:
        return None
    m = _FAST.match(s)
    if m:
        y, mo, d, h, mi, sec = (int(x) for x in m.groups())
        if not _valid(y, mo, d, h, mi, sec):
            return None
        out = (
            f"{m.group(1)}-{m.group(2)}-{m.group(3)}T{m.group(4)}:{m.group(5)}:{min(sec, 59):02d}Z"
        )
        return None if out == _EPOCH_MINUS_ONE else out
    m = _OFFSET.match(s)
    if m:
        y, mo, d, h, mi = (int(x) for x in m.groups()[:5])
        sec = int(m.group(6) or 0)
        if not _valid(y, mo, d, h, mi, sec):
            return None
        sign = 1 if m.group(7) == "+" else -1
        off = timedelta(hours=int(m.group(8)), minutes=int(m.group(9)))
        dt = datetime(y, mo, d, h, mi, min(sec, 59), tzinfo=UTC) - sign * off
        if not _MIN_YEAR <= dt.year <= _MAX_YEAR:
            return None
        return _fmt(dt)
    if s.isdigit() and 9 <= len(s) <= 13:
        return from_epoch(float(s))
    m = _DATE_ONLY.match(s)
    if m:
        y, mo, d = (int(x) for x in m.groups())
        return f"{s}T00:00:00Z" if _valid(y, mo, d, 0, 0, 0) else None
    m = _DMY.match(s)
    if m:
        month = _MONTHS.get(m.group(2).lower())
        d, y = int(m.group(1)), int(m.group(3))
        if month and _valid(y, month, d, 0, 0, 0):
            return f"{y:04d}-{month:02d}-{d:02d}T00:00:00Z"
    return None


def to_datetime(iso: str) -> datetime:
    """Parse a normalised time back into an aware datetime."""
    return datetime(
        int(iso[0:4]),
        int(iso[5:7]),
        int(iso[8:10]),
        int(iso[11:13]),
        int(iso[14:16]),
        int(iso[17:19]),
        tzinfo=UTC,
    )


def to_epoch(iso: str) -> int:
    return int(to_datetime(iso).timestamp())


# ------------------------------------------------------------------------------------------
# bulk conversion (columnar records, see docs/adr/0006-performance.md)
# ------------------------------------------------------------------------------------------
_HM = re.compile(r"[ T](\d\d):(\d\d)\Z")
_SEC = re.compile(r":(\d\d)(?:\.\d+)?(?: ?UTC| ?Z| \+0000 UTC)?\Z")
_DAY = re.compile(r"\d{4}-\d\d-\d\d\Z")
_EPOCH_DATE = datetime(1970, 1, 1).date()


class _Cache(dict[str, int | None]):
    """A memo of one part of a timestamp (None for anything ``parse_time`` rejects)."""

    def __init__(self, parse: Callable[[str], int | None]) -> None:
        super().__init__()
        self._parse = parse

    def __missing__(self, key: str) -> int | None:
        v = self._parse(key)
        if len(self) < _CACHE_MAX:  # hostile input with millions of distinct keys: no growth
            self[key] = v
        return v


_CACHE_MAX = 1_000_000


def _day(key: str) -> int | None:
    if not _DAY.match(key):
        return None
    y, mo, d = int(key[:4]), int(key[5:7]), int(key[8:10])
    if not _valid(y, mo, d, 0, 0, 0):
        return None
    return (datetime(y, mo, d).date() - _EPOCH_DATE).days * 86400


def _hour_minute(key: str) -> int | None:
    m = _HM.match(key)
    h, mi = (int(x) for x in m.groups()) if m else (99, 99)
    return h * 3600 + mi * 60 if h <= 23 and mi <= 59 else None


def _second(key: str) -> int | None:
    m = _SEC.match(key)
    return min(int(m.group(1)), 59) if m and int(m.group(1)) <= 60 else None


#: "YYYY-MM-DD" | " HH:MM" | ":SS[.f][ UTC]" -> seconds: three small caches
_DAYS, _HMS, _SECS = _Cache(_day), _Cache(_hour_minute), _Cache(_second)


def epoch_or_none(value: object) -> int | None:
    """``to_epoch(parse_time(value))``, or None."""
    iso = parse_time(value)
    return to_epoch(iso) if iso else None


def epochs_of(values: Sequence[Any], none: int) -> array[int]:
    """``parse_time`` of many values as epoch seconds (``none`` where it gives None).

    Exactly ``parse_time``'s result. TikTok's usual ``YYYY-MM-DD HH:MM:SS`` is checked and
    computed with numpy integer arithmetic for the whole column at once (:func:`_numpy_epochs`,
    ~20x faster than the per-value caches, which take every row numpy leaves undecided).
    """
    n = len(values)
    if n >= _NUMPY_MIN:
        parsed = _uniform_epochs(values, none)
        if parsed is not None:
            ep, decided = parsed
            if decided.all():
                return array("q", ep.tobytes())
            out = array("q", ep.tobytes())
            todo: Sequence[int] | range = np.flatnonzero(~decided).tolist()
        else:
            rows = [i for i, v in enumerate(values) if type(v) is str and len(v) == 19]
            found = _numpy_epochs([values[i] for i in rows], none) if rows else None
            if found is None:
                out, todo = array("q", bytes(8 * n)), range(n)
            else:
                ep, decided = found
                out = array("q", _fill(n, rows, ep, decided, none).tobytes())
                done = np.zeros(n, dtype=bool)
                done[np.asarray(rows, dtype=np.int64)[decided]] = True
                todo = np.flatnonzero(~done).tolist()
    else:
        out, todo = array("q", bytes(8 * n)), range(n)
    days: Any = _DAYS
    hm: Any = _HMS
    sec: Any = _SECS
    for i in todo:
        v = values[i]
        try:
            out[i] = days[v[:10]] + hm[v[10:16]] + sec[v[16:]]
        except (KeyError, TypeError):
            e = epoch_or_none(v)
            out[i] = none if e is None else e
    return out


#: shorter columns are parsed value by value (numpy costs ~70 µs a call, a value ~0.3 µs)
_NUMPY_MIN = 256
#: byte positions of the digits in ``YYYY-MM-DD HH:MM:SS``
_DIGITS = np.array([i for i in range(19) if i not in (4, 7, 10, 13, 16)])
#: days before each month (index 1-12) in a common year, and days in each month (leap February)
_BEFORE = np.array([0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334], dtype=np.int32)
_MONTH_DAYS = np.array([0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31], dtype=np.int32)


def _uniform_epochs(
    values: Sequence[Any], none: int
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.bool_]] | None:
    """:func:`_numpy_epochs` of a column whose values are all 19-character ASCII strings
    (joined with newlines: exactly ``n`` newlines, one after every 19 characters, prove every
    length without a call per value); None for any other column."""
    try:
        text = "\n".join(values).encode("ascii")
    except (TypeError, UnicodeEncodeError):
        return None
    n = len(values)
    if len(text) != 20 * n - 1 or text.count(b"\n") != n - 1:
        return None
    a = np.frombuffer(text + b"\n", dtype=np.uint8).reshape(n, 20)
    if not (a[:, 19] == 10).all():
        return None
    return _epochs_of_rows(a, none)


def _numpy_epochs(
    strings: Sequence[Any], none: int
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.bool_]] | None:
    """(epochs, decided) for 19-character strings; None when they are not all ASCII."""
    try:
        text = "".join(strings).encode("ascii")
    except (TypeError, UnicodeEncodeError):
        return None
    return _epochs_of_rows(np.frombuffer(text, dtype=np.uint8).reshape(-1, 19), none)


def _epochs_of_rows(
    a: npt.NDArray[np.uint8], none: int
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.bool_]]:
    """(epochs, decided) of rows of ASCII bytes. A row is decided when it has exactly the
    ``YYYY-MM-DD[ T]HH:MM:SS`` shape with seconds below 60 (leap seconds and anything else are
    left to the per-value path); its epoch is ``none`` where ``parse_time`` gives None (an
    impossible date or time, a year outside 1971-2100). Integer arithmetic only: numpy's own
    string-to-datetime64 cast crashes the interpreter on a bad date in a long column."""
    d = a[:, :19] - np.uint8(48)  # digits become 0-9, anything else 10 or more
    shape = d[:, _DIGITS].max(axis=1) < 10
    shape &= (a[:, 4] == 45) & (a[:, 7] == 45) & (a[:, 13] == 58) & (a[:, 16] == 58)
    shape &= ((a[:, 10] == 32) | (a[:, 10] == 84)) & (a[:, 17] < 54)

    def num(i: int) -> npt.NDArray[np.int32]:  # the two digits at i, i + 1
        return d[:, i].astype(np.int32) * 10 + d[:, i + 1]

    year, month, day = num(0) * 100 + num(2), num(5), num(8)
    hour, minute, sec = num(11), num(14), num(17)
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    m = np.clip(month, 0, 12)
    ok = shape & (year >= _MIN_YEAR) & (year <= _MAX_YEAR) & (month >= 1) & (month <= 12)
    ok &= (day >= 1) & (day <= _MONTH_DAYS[m] - ((m == 2) & ~leap)) & (hour < 24) & (minute < 60)
    y = year - 1  # leap days before the year, counted from 1970
    days = (year - 1970) * 365 + (y // 4 - y // 100 + y // 400 - 477)
    days += _BEFORE[m] + ((m > 2) & leap) + day - 1
    ep = days.astype(np.int64) * 86400 + (hour * 3600 + minute * 60 + sec)
    return np.where(ok, ep, none), shape


def _fill(
    n: int,
    rows: Sequence[int],
    ep: npt.NDArray[np.int64],
    decided: npt.NDArray[np.bool_],
    none: int,
) -> npt.NDArray[np.int64]:
    out = np.full(n, none, dtype=np.int64)
    idx = np.asarray(rows, dtype=np.int64)
    out[idx[decided]] = ep[decided]
    return out
