"""Property-based tests (hypothesis) on the readers: a result or the clean error, nothing else."""

from __future__ import annotations

import json
from pathlib import Path
from unittest.mock import patch

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from privacyscope import timeparse
from privacyscope.audit import run_audit
from privacyscope.errors import InputError
from privacyscope.model import NO_TIME
from privacyscope.sources.tiktok import synth
from privacyscope.textdecode import _first_invalid_utf8
from privacyscope.timeparse import epochs_of, parse_time, to_epoch

VALID = json.dumps(synth.build_json(synth.build_data(0, synth.Sizes(logins=5, watch=8)), "g4"))
SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _audit_bytes(tmp_path: Path, name: str, data: bytes) -> None:
    p = tmp_path / name
    p.write_bytes(data)
    try:
        run_audit(p)
    except InputError as exc:
        assert "\n" not in str(exc)


@SETTINGS
@given(data=st.binary(max_size=2048))
def test_any_bytes_audit_or_clean_error(tmp_path: Path, data: bytes) -> None:
    _audit_bytes(tmp_path, "user_data_tiktok.json", data)


@SETTINGS
@given(cuts=st.lists(st.tuples(st.integers(0, len(VALID)), st.binary(max_size=12)), max_size=6))
def test_mutated_export_audit_or_clean_error(tmp_path: Path, cuts: list[tuple[int, bytes]]) -> None:
    b = bytearray(VALID.encode())
    for pos, junk in cuts:
        b[pos : pos + len(junk)] = junk
    _audit_bytes(tmp_path, "user_data_tiktok.json", bytes(b))


TIMES = st.one_of(
    st.text(max_size=30),
    st.from_regex(r"\A\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(\.\d+)?( UTC|Z| \+0000 UTC)?\s?\Z"),
    st.integers(-(10**14), 10**14),
    st.none(),
)


@settings(max_examples=500, deadline=None)
@given(st.lists(TIMES, max_size=20))
def test_bulk_epochs_equal_parse_time(values: list[object]) -> None:
    expected = [(to_epoch(t) if (t := parse_time(v)) else NO_TIME) for v in values]
    assert list(epochs_of(values, NO_TIME)) == expected


NEAR_TIKTOK_TIME = st.one_of(
    st.from_regex(r"\A[0-9]{4}-[0-9]{2}-[0-9]{2}[ Tt][0-9]{2}:[0-9]{2}:[0-9]{2}\Z"),
    st.from_regex(
        r"\A(19[67]|20[0-9]|210)[0-9]-(0[1-9]|1[0-2])-[0-3][0-9] [0-2][0-9]:[0-6][0-9]:[0-6][0-9]\Z"
    ),
    st.text(alphabet="0123456789-: TZ+", min_size=19, max_size=19),
    TIMES,
)


@settings(max_examples=300, deadline=None)
@given(st.lists(NEAR_TIKTOK_TIME, min_size=16, max_size=80))
def test_bulk_epochs_numpy_path_equals_parse_time(values: list[object]) -> None:
    """Lists taken by the vectorised path, full of almost-TikTok timestamps."""
    expected = [(to_epoch(t) if (t := parse_time(v)) else NO_TIME) for v in values]
    with patch.object(timeparse, "_NUMPY_MIN", 16):  # short lists take the numpy path too
        assert list(epochs_of(values, NO_TIME)) == expected


@settings(max_examples=60, deadline=None)
@given(st.lists(NEAR_TIKTOK_TIME, min_size=1, max_size=8), st.integers(0, 4999))
def test_bulk_epochs_long_column_with_bad_dates(odd: list[object], at: int) -> None:
    """A long column (numpy once crashed the interpreter casting a bad date in a column of
    over ~1,000 strings to datetime64) with near-dates at any place: still ``parse_time``."""
    good = [
        f"2024-{1 + i % 12:02d}-{1 + i % 28:02d} {i % 24:02d}:{i % 60:02d}:07" for i in range(5000)
    ]
    values: list[object] = good[:at] + odd + good[at:]
    expected = [(to_epoch(t) if (t := parse_time(v)) else NO_TIME) for v in values]
    assert list(epochs_of(values, NO_TIME)) == expected


def test_bulk_epochs_impossible_dates_in_long_column() -> None:
    values = ["2024-05-01 10:00:00"] * 3000
    values[1500:1500] = ["2024-02-30 10:00:00", "2023-02-29 00:00:00", "2024-01-01 24:00:00"]
    values += ["2024-13-01 00:00:00", "2101-01-01 00:00:00", "2024-01-01T23:59:60"]
    got = list(epochs_of(values, NO_TIME))
    assert got[1500:1503] == [NO_TIME] * 3
    assert got[-3:] == [NO_TIME, NO_TIME, to_epoch("2024-01-01T23:59:59Z")]
    assert got[0] == got[-4] == to_epoch("2024-05-01T10:00:00Z")


@settings(max_examples=500, deadline=None)
@given(st.binary(max_size=64))
def test_utf8_offset_matches_full_decode(data: bytes) -> None:
    try:
        data.decode("utf-8")
        expected = None
    except UnicodeDecodeError as exc:
        expected = exc.start
    assert _first_invalid_utf8(data) == expected


@settings(max_examples=1000, deadline=None)
@given(
    st.lists(
        st.sampled_from(["a", "B", "é", " ", ":", "::", "\t", "x" * 70, "http", "Date", "1", "/"]),
        max_size=10,
    ).map("".join)
)
def test_txt_key_value_matches_the_regex(line: str) -> None:
    from privacyscope.sources.tiktok.txt_reader import _KEY_LINE, _key_value

    line = line.strip()
    m = _KEY_LINE.match(line)
    want = (
        (m.group(1).strip(), (m.group(2) or "").strip())
        if m and m.group(1).lower() not in ("http", "https")
        else None
    )
    assert _key_value(line) == want
