"""Compact columns behave exactly as the plain columns they replace (hypothesis)."""

from __future__ import annotations

import itertools
from array import array
from collections import Counter
from collections.abc import Sequence
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from privacyscope import compact
from privacyscope.compact import BLOCK, CodedStrings, RunBuilder, TimeColumn
from privacyscope.model import (
    NO_TIME,
    Columns,
    Login,
    RecordList,
    count_by,
    epoch_to_iso,
    time_array,
    time_range,
    values,
)

T0 = 1_700_000_000
#: a sequence of times: steps small (one 2-byte block), large (4-byte blocks) or huge (plain)
_times = st.lists(
    st.one_of(
        st.just(NO_TIME),
        st.integers(0, 90),
        st.integers(0, 200_000),
        st.integers(-(10**6), 10**9),
    ),
    max_size=3 * BLOCK + 7,
).map(lambda steps: _walk(steps))
_far = st.lists(
    st.integers(NO_TIME + 1, 2**63 - 1) | st.sampled_from([NO_TIME, NO_TIME + 1, 2**63 - 1]),
    max_size=BLOCK + 3,
)


def _walk(steps: list[int]) -> list[int]:
    out, t = [], T0
    for s in steps:
        if s == NO_TIME:
            out.append(NO_TIME)
        else:
            t += s
            out.append(t)
    return out


def _cuts(draw: Any, n: int) -> list[int]:
    return sorted(draw(st.lists(st.integers(0, n), max_size=6)))


@st.composite
def _batches(draw: Any, values: st.SearchStrategy[list[Any]]) -> tuple[list[Any], list[list[Any]]]:
    """A column and a random split of it into batches."""
    vals = draw(values)
    cuts = [0, *_cuts(draw, len(vals)), len(vals)]
    return vals, [vals[a:b] for a, b in itertools.pairwise(cuts)]


def _behaves_as(col: Sequence[Any], plain: list[Any]) -> None:
    assert len(col) == len(plain)
    assert list(col) == plain
    assert list(iter(col)) == plain
    for i in range(len(plain)):
        assert col[i] == plain[i]
        assert col[-i - 1] == plain[-i - 1]
    with pytest.raises(IndexError):
        col[len(plain)]
    assert list(col[1:5]) == plain[1:5]
    assert list(col[::3]) == plain[::3]
    for v in [*plain[:5], "absent", None, 12345]:
        assert col.count(v) == plain.count(v)
        assert (v in col) == (v in plain)
    assert list(reversed(col)) == plain[::-1]
    if plain:
        assert col.index(plain[-1]) == plain.index(plain[-1])


@settings(max_examples=200, deadline=None)
@given(_batches(_times | _far))
def test_time_column_is_the_epochs(case: tuple[list[int], list[list[int]]]) -> None:
    plain, batches = case
    b = compact._TimeBuilder()
    for batch in batches:
        b.add(array("q", batch))
    col = b.column()
    _behaves_as(col, plain)
    arr = time_array(col)
    assert arr.dtype == np.int64 and arr.tolist() == plain
    assert np.asarray(col).tolist() == plain
    if isinstance(col, TimeColumn):
        # 2 bytes, 4 more in wide blocks (the last one padded), a base and a flag per block
        assert col.nbytes() <= 6 * len(plain) + 4 * BLOCK + 12 * (len(plain) // BLOCK + 1)
        assert col == plain


def test_time_column_sizes() -> None:
    close = [T0 + 30 * i for i in range(10 * BLOCK)]
    col = compact.compact_times(close)
    assert isinstance(col, TimeColumn) and col.nbytes() < 2.1 * len(close)
    spread = [T0 + 3600 * i for i in range(10 * BLOCK)]  # 18 hours within a block: 4 bytes
    col = compact.compact_times(spread)
    assert isinstance(col, TimeColumn) and list(col) == spread
    assert 4 * len(spread) <= col.nbytes() < 6.2 * len(spread)
    far = [0, 2**40, NO_TIME]
    extremes = [NO_TIME + 1, 2**63 - 1, 0]
    assert list(compact.compact_times(extremes)) == extremes
    assert list(compact.compact_times(far)) == far
    assert isinstance(compact.compact_times(far), array)


_strings = st.lists(
    st.none() | st.sampled_from(["", "a", "b", "iPhone", "é", " x "]) | st.text(max_size=3),
    max_size=600,
)


@settings(max_examples=200, deadline=None)
@given(_batches(_strings))
def test_coded_strings_are_the_strings(case: tuple[list[Any], list[list[Any]]]) -> None:
    plain, batches = case
    b = compact._StringBuilder()
    for batch in batches:
        b.add(batch)
    col = b.column()
    _behaves_as(col, plain)
    assert isinstance(col, CodedStrings)
    assert col.value_counts() == dict(Counter(plain))
    assert col == plain


def test_coded_strings_widen_then_give_up(monkeypatch: pytest.MonkeyPatch) -> None:
    many = [f"ip{i % 300}" for i in range(1000)]
    col = compact.compact_strings(many)
    assert isinstance(col, CodedStrings) and col.codes.typecode == "H" and list(col) == many
    monkeypatch.setattr(compact, "MAX_CODES", 100)
    b = compact._StringBuilder()
    b.add(many[:50])
    b.add(many[50:])
    assert b.column() == many and isinstance(b.column(), list)


def _run(start: int, n: int, shift: int = 0) -> Columns:
    times = array("q", [T0 + 40 * (start + i) if (start + i) % 7 else NO_TIME for i in range(n)])
    ips = [f"203.0.113.{(start + i + shift) % 5}" if (start + i) % 4 else None for i in range(n)]
    return Columns(
        Login, "Activity/Login History/LoginHistoryList", n, {}, {"time": times, "ip": ips}, start
    )


@given(st.lists(st.integers(1, 300), min_size=1, max_size=6))
def test_run_builder_gives_the_same_records(sizes: list[int]) -> None:
    parts, start = [], 0
    for n in sizes:
        parts.append(_run(start, n))
        start += n
    b = RunBuilder(parts[0])
    for p in parts[1:]:
        assert b.accepts(p)
        b.add(p)
    run = b.build()
    plain, packed = RecordList(parts), RecordList([run])  # type: ignore[var-annotated]
    assert list(packed) == list(plain)
    assert packed[len(plain) - 1] == plain[-1]
    assert list(values(packed, "ip")) == list(values(plain, "ip"))
    assert count_by(packed, "ip") == count_by(plain, "ip")
    assert time_range(packed) == time_range(plain)
    assert [r.ref for r in packed][-1] == f"Activity/Login History/LoginHistoryList[{start - 1}]"
    assert run.record(0).time == epoch_to_iso(parts[0].cols["time"][0])
    assert not b.accepts(_run(start + 1, 3))  # not the next records
    assert not b.accepts(Columns(Login, "other", 3, {}, {"time": array("q", [1, 2, 3])}, start))
