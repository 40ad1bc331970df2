from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from privacyscope.timeparse import parse_time, to_datetime

DT = st.datetimes(min_value=datetime(1971, 1, 2), max_value=datetime(2099, 12, 30))


def test_known_forms() -> None:
    assert parse_time("2024-11-02 10:11:12") == "2024-11-02T10:11:12Z"
    assert parse_time("2024-11-02 10:11:12 UTC") == "2024-11-02T10:11:12Z"
    assert parse_time("2024-11-02 10:11:12 +0000 UTC") == "2024-11-02T10:11:12Z"
    assert parse_time("2024-11-02T10:11:12Z") == "2024-11-02T10:11:12Z"
    assert parse_time("2024-11-02T12:11:12+02:00") == "2024-11-02T10:11:12Z"
    assert parse_time(1730542272) == "2024-11-02T10:11:12Z"
    assert parse_time("1730542272000") == "2024-11-02T10:11:12Z"
    assert parse_time("17-May-1994") == "1994-05-17T00:00:00Z"
    for sentinel in ("", "N/A", "None", "0", "null", None, "1969-12-31 23:59:59", 0, True):
        assert parse_time(sentinel) is None
    assert parse_time("2024-02-30 00:00:00") is None
    assert parse_time("not a date") is None


@given(DT)
def test_tiktok_format_round_trips(dt: datetime) -> None:
    s = dt.strftime("%Y-%m-%d %H:%M:%S")
    out = parse_time(s)
    assert out == dt.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert parse_time(s + " UTC") == out
    assert to_datetime(out).replace(tzinfo=None) == dt.replace(microsecond=0)


@given(st.datetimes(min_value=datetime(2002, 1, 1), max_value=datetime(2099, 12, 30)))
def test_epoch_seconds_and_millis_agree(dt: datetime) -> None:
    epoch = int(dt.replace(tzinfo=UTC).timestamp())
    assert parse_time(epoch) == parse_time(epoch * 1000) == parse_time(str(epoch))


@given(
    st.one_of(
        st.text(),
        st.integers(),
        st.floats(allow_nan=True),
        st.none(),
        st.booleans(),
        st.lists(st.integers()),
    )
)
def test_never_raises(value: object) -> None:
    out = parse_time(value)
    assert out is None or (len(out) == 20 and out.endswith("Z"))


def test_part_caches_stop_growing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Past its size limit a cache still answers exactly but keeps nothing more."""
    from privacyscope import timeparse

    monkeypatch.setattr(timeparse, "_CACHE_MAX", 0)
    cache = timeparse._Cache(timeparse._day)
    assert cache["2024-02-29"] == timeparse._day("2024-02-29") is not None
    assert cache["2024-02-30"] is None
    assert len(cache) == 0
