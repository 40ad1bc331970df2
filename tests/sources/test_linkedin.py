"""LinkedIn reader: CSV preambles, per-file dates, layouts, variants; cross-platform detection."""

from __future__ import annotations

import contextlib
from datetime import datetime
from functools import partial
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from privacyscope.errors import InputError
from privacyscope.inputs import open_export
from privacyscope.model import ActivityEvent, AdItem, Login, Message
from privacyscope.sources import all_sources, detect
from privacyscope.sources.linkedin import REMEDIATION, synth
from privacyscope.sources.linkedin.csvread import li_time, read_csv

from . import support

counts = partial(support.counts_of, keys=(*support.GENERIC_COUNTS, "likes", "following", "posts"))
audit = partial(support.read_export, platform="linkedin")


@pytest.mark.parametrize("lang", synth.LANGS)
@pytest.mark.parametrize("layout", synth.LAYOUTS)
def test_layout_counts(tmp_path: Path, layout: str, lang: str) -> None:
    read = audit(synth.generate(tmp_path, layout=layout, lang=lang))
    assert read.layout == layout
    assert counts(read) == synth.expected_counts(layout, lang=lang)
    assert read.unreadable == [] and read.unrecognized == []
    assert read.settings == {}  # LinkedIn exports hold no privacy-settings file
    assert "Connections.csv: 'Notes:' preamble skipped" in read.notes


@pytest.mark.parametrize("layout", synth.LAYOUTS)
def test_zip_and_folder_equal(tmp_path: Path, layout: str) -> None:
    a = audit(synth.generate(tmp_path / "z", layout=layout, as_zip=True))
    b = audit(synth.generate(tmp_path / "f", layout=layout, as_zip=False))
    support.assert_same_records(a, b)


@pytest.mark.parametrize("variant", synth.VARIANTS)
@pytest.mark.parametrize("layout", synth.LAYOUTS)
def test_variants(tmp_path: Path, layout: str, variant: str) -> None:
    read = audit(synth.generate(tmp_path, layout=layout, variant=variant))
    assert counts(read) == synth.expected_counts(layout, variant)


def test_unknown_file_and_column(tmp_path: Path) -> None:
    read = audit(synth.generate(tmp_path, layout="basic", variant="unknown"))
    got = {(u.path, u.kind) for u in read.unrecognized}
    assert ("Brand New Export File.csv", "file") in got
    assert ("Connections.csv.Brand New Column", "key") in got


def test_broken_file_does_not_abort(tmp_path: Path) -> None:
    read = audit(synth.generate(tmp_path, layout="complete", variant="broken"))
    (bad,) = read.unreadable
    assert bad.path == "Invitations.csv" and "UTF-8" in bad.reason


def test_dates_per_file(tmp_path: Path) -> None:
    read = audit(synth.generate(tmp_path, layout="complete"))
    assert all(x.time for x in read.records.of(Login))
    conn = [a for a in read.records.of(ActivityEvent) if a.kind == "connection"]
    assert conn[0].time == "2025-01-06T00:00:00Z"
    assert all(a.time for a in read.records.of(ActivityEvent))
    assert all(m.time for m in read.records.of(Message))


def test_ad_targeting_duplicate_columns(tmp_path: Path) -> None:
    read = audit(synth.generate(tmp_path, layout="complete"))
    names = [a.name for a in read.records.of(AdItem) if a.kind == "targeting"]
    assert "Member Interests: Technology" in names
    assert "Member Interests: Cooking" in names  # the second "Member Interests" column
    assert "Company Names: Sample Grocer" in names


def test_li_time_examples() -> None:
    assert li_time("Fri Sep 24 12:35:41 UTC 2021", "Logins.csv") == "2021-09-24T12:35:41Z"
    assert li_time("3/14/16, 10:05 AM", "Registration.csv") == "2016-03-14T10:05:00Z"
    assert li_time("2024/01/02 03:04:05 UTC", "SearchQueries.csv") == "2024-01-02T03:04:05Z"
    assert li_time("07 Jan 2024", "Connections.csv") == "2024-01-07T00:00:00Z"
    assert li_time("2024-01-02 03:04:05 UTC") == "2024-01-02T03:04:05Z"
    assert li_time("") is None and li_time("not a date") is None


def test_read_csv_preamble() -> None:
    t = read_csv(synth.NOTES.encode() + b"A,B\n1,2\n\n3,4\n", "f.csv")
    assert t.header == ["A", "B"] and t.rows == [["1", "2"], ["3", "4"]]
    assert t.preamble and t.preamble[0] == "Notes:"
    t = read_csv(b"\xef\xbb\xbfA,A\nx,y\n", "f.csv")
    assert t.pairs(t.rows[0]) == [("A", "x"), ("A", "y")]
    assert read_csv(b"", "f.csv").header == []
    with pytest.raises(InputError):
        read_csv(b"A\n\x00\n", "f.csv")


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=50))
def test_li_time_any_text(text: str) -> None:
    t = li_time(text)
    assert t is None or (len(t) == 20 and t.endswith("Z"))


@settings(max_examples=200, deadline=None)
@given(st.datetimes(min_value=datetime(1971, 1, 2), max_value=datetime(2099, 12, 30)))
def test_li_time_roundtrip(dt: datetime) -> None:
    iso = dt.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert li_time(dt.strftime("%a %b %d %H:%M:%S UTC %Y"), "Logins.csv") == iso
    assert li_time(dt.strftime("%Y/%m/%d %H:%M:%S UTC"), "SearchQueries.csv") == iso


@settings(max_examples=400, deadline=None)
@given(st.binary(max_size=300))
def test_read_csv_any_bytes(data: bytes) -> None:
    with contextlib.suppress(InputError):
        t = read_csv(data, "f.csv")
        assert all(isinstance(r, list) for r in t.rows)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=12), max_size=6),
    st.booleans(),
)
def test_read_csv_any_preamble(lines: list[str], notes: bool) -> None:
    body = ("Notes:\n" if notes else "") + "\n".join(lines) + "\n\nX,Y\n1,2\n"
    with contextlib.suppress(InputError):
        read_csv(body.encode(), "f.csv")


def test_remediation_covers_findings() -> None:
    assert set(REMEDIATION) >= support.GENERIC_FAMILIES


def _generated(tmp_path: Path) -> list[tuple[str, Path]]:
    from privacyscope.sources.google import synth as g
    from privacyscope.sources.snapchat import synth as sn
    from privacyscope.sources.x import synth as x

    out: list[tuple[str, Path]] = []
    for platform, mod in (("google", g), ("x", x), ("snapchat", sn), ("linkedin", synth)):
        for layout in mod.LAYOUTS:
            out.append((platform, mod.generate(tmp_path / platform, layout=layout)))
    return out


def test_each_export_claimed_by_its_own_source_only(tmp_path: Path) -> None:
    mine = ("google", "x", "snapchat", "linkedin")
    sources = all_sources()
    for platform, path in _generated(tmp_path):
        with open_export(path) as inp:
            best, _ = detect(inp)
            assert best.platform == platform, path.name
            for other in mine:
                if other != platform:
                    assert sources[other].detect(inp) is None, (other, path.name)


def test_tiktok_export_not_claimed(tmp_path: Path) -> None:
    from privacyscope.sources.tiktok import synth as tt

    sources = all_sources()
    for layout in tt.LAYOUTS:
        path = tt.generate(tmp_path / layout, layout=layout)
        with open_export(path) as inp:
            for name in ("google", "x", "snapchat", "linkedin"):
                assert sources[name].detect(inp) is None, (name, layout)


@pytest.mark.parametrize("layout", synth.LAYOUTS)
def test_golden(tmp_path: Path, layout: str) -> None:
    read = audit(synth.generate(tmp_path, layout=layout))
    snap = support.read_summary(read, counts(read))
    support.assert_golden(f"linkedin_{layout}", snap)
