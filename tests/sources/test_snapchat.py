"""Snapchat "My Data" reader: layouts, lenient location parsing, variants, tolerance."""

from __future__ import annotations

from collections import Counter
from functools import partial
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from privacyscope.model import Location, Message
from privacyscope.sources.snapchat import REMEDIATION, synth
from privacyscope.sources.snapchat.values import entry_latlng, latlng, snap_time

from . import support

counts = partial(support.counts_of, keys=support.GENERIC_COUNTS)
audit = partial(support.read_export, platform="snapchat")


@pytest.mark.parametrize("lang", synth.LANGS)
@pytest.mark.parametrize("layout", synth.LAYOUTS)
def test_layout_counts(tmp_path: Path, layout: str, lang: str) -> None:
    read = audit(synth.generate(tmp_path, layout=layout, lang=lang))
    assert read.layout == layout
    assert counts(read) == synth.expected_counts(layout, lang=lang)
    assert read.unreadable == [] and read.unrecognized == []
    assert read.settings == {}  # Snapchat exports hold no privacy settings file


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


def test_unknown_file_and_section(tmp_path: Path) -> None:
    read = audit(synth.generate(tmp_path, layout="json", variant="unknown"))
    got = {(u.path, u.kind) for u in read.unrecognized}
    assert ("json/brand_new_feature.json", "file") in got
    assert ("json/location_history.json.Brand New Location Section", "key") in got


def test_broken_file_does_not_abort(tmp_path: Path) -> None:
    read = audit(synth.generate(tmp_path, layout="json", variant="broken"))
    (bad,) = read.unreadable
    assert bad.path == "json/memories_history.json"
    assert counts(read) == synth.expected_counts("json", "broken")


def test_location_points_parsed(tmp_path: Path) -> None:
    for layout in synth.LAYOUTS:
        read = audit(synth.generate(tmp_path / layout, layout=layout))
        hist = [x for x in read.records.of(Location) if x.kind == "history"]
        assert all(x.latitude is not None and 52.07 < x.latitude < 52.11 for x in hist)
        assert all(x.time is not None and x.time.startswith("2025-01-") for x in hist)


def test_group_and_direct_messages(tmp_path: Path) -> None:
    read = audit(synth.generate(tmp_path, layout="json"))
    kinds = Counter(m.kind for m in read.records.of(Message))
    assert kinds == {"direct": 20, "group": 3, "snap": 10}


def test_value_parsers() -> None:
    assert snap_time("2024/01/02 03:04:05 UTC") == "2024-01-02T03:04:05Z"
    assert snap_time("2024-01-02 03:04:05 UTC") == "2024-01-02T03:04:05Z"
    assert latlng("52.1 ± 14.5 meters, 5.2 ± 14.5 meters") == (52.1, 5.2)
    assert latlng("Latitude, Longitude: 52.1, -5.2") == (52.1, -5.2)
    assert latlng("nowhere") == (None, None)
    assert latlng("91, 5") == (None, None)
    assert entry_latlng({"Latitude": "52.1", "Longitude": "5.2"}) == (52.1, 5.2)
    assert entry_latlng({"latitude, longitude": "1, 2"}) == (1.0, 2.0)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_lenient_parsers_never_raise(text: str) -> None:
    lat, lng = latlng(text)
    assert (lat is None) == (lng is None)
    t = snap_time(text)
    assert t is None or t.endswith("Z")


def test_remediation_covers_findings() -> None:
    assert set(REMEDIATION) >= support.GENERIC_FAMILIES


@pytest.mark.parametrize("layout", synth.LAYOUTS)
def test_golden(tmp_path: Path, layout: str) -> None:
    read = audit(synth.generate(tmp_path, layout=layout))
    snap = support.read_summary(read, counts(read))
    support.assert_golden(f"snapchat_{layout}", snap)
