"""Google Takeout reader: every layout x language, variants, split archives, tolerance."""

from __future__ import annotations

import json
import zipfile
from functools import partial
from pathlib import Path

import pytest

from privacyscope.errors import InputError
from privacyscope.inputs import open_export
from privacyscope.model import ActivityEvent, AdItem, Location
from privacyscope.sources import detect
from privacyscope.sources.google import REMEDIATION, synth
from privacyscope.sources.google.paths import classify

from . import support
from .support import settings_of

counts = partial(support.counts_of, keys=support.GENERIC_COUNTS)
audit = partial(support.read_export, platform="google")


@pytest.mark.parametrize("lang", synth.LANGS)
@pytest.mark.parametrize("layout", synth.LAYOUTS)
def test_layout_counts(tmp_path: Path, layout: str, lang: str) -> None:
    read = audit(synth.generate(tmp_path, layout=layout, lang=lang))
    assert counts(read) == synth.expected_counts(layout, lang=lang)
    assert read.unreadable == []
    assert read.unrecognized == []
    if layout != "device-timeline":
        assert read.language == lang


@pytest.mark.parametrize("layout", synth.LAYOUTS)
def test_zip_and_folder_equal(tmp_path: Path, layout: str) -> None:
    a = audit(synth.generate(tmp_path / "z", layout=layout, lang="nl", as_zip=True))
    b = audit(synth.generate(tmp_path / "f", layout=layout, lang="nl", as_zip=False))
    support.assert_same_records(a, b)
    assert a.settings == b.settings
    assert a.sections == b.sections


@pytest.mark.parametrize("variant", synth.VARIANTS)
@pytest.mark.parametrize("layout", ["takeout", "takeout-2019", "device-timeline"])
def test_variants(tmp_path: Path, layout: str, variant: str) -> None:
    read = audit(synth.generate(tmp_path, layout=layout, variant=variant))
    assert counts(read) == synth.expected_counts(layout, variant)


def test_settings_raw_and_normalised(tmp_path: Path) -> None:
    read = audit(synth.generate(tmp_path, layout="takeout", lang="de"))
    assert read.settings["historyEnabled"] is True
    assert read.settings["retentionWindowDays"] == 1095
    assert isinstance(read.settings["deviceSettings"], list)
    s = settings_of(read)
    assert s["historyEnabled"] == ["true", "location_history", "on"]
    assert s["retentionWindowDays"] == ["1095", None, None]
    empty = audit(synth.generate(tmp_path / "e", layout="takeout", variant="empty"))
    assert settings_of(empty)["historyEnabled"] == ["false", "location_history", "off"]


def test_unknown_file_and_keys_reported(tmp_path: Path) -> None:
    read = audit(synth.generate(tmp_path, layout="takeout", variant="unknown"))
    got = {(u.path, u.kind, u.records) for u in read.unrecognized}
    assert ("Takeout/Brand New Product/data.json", "file", 0) in got
    watch = "Takeout/YouTube and YouTube Music/history/watch-history.json"
    assert (f"{watch}.brandNewField", "key", 3) in got
    assert ("Takeout/Location History (Timeline)/Records.json.brandNewKey", "key", 1) in got


def test_broken_file_does_not_abort(tmp_path: Path) -> None:
    read = audit(synth.generate(tmp_path, layout="takeout", variant="broken"))
    assert [u.path for u in read.unreadable] == ["Takeout/Chrome/History.json"]
    assert "line 1" in read.unreadable[0].reason
    assert counts(read) == synth.expected_counts("takeout", "broken")


def test_truncated_records_keep_points(tmp_path: Path) -> None:
    root = synth.generate(tmp_path, layout="takeout", as_zip=False)
    rec = root / "Takeout/Location History (Timeline)/Records.json"
    data = rec.read_bytes()
    rec.write_bytes(data[: len(data) // 2])
    read = audit(root)
    hist = [x for x in read.records.of(Location) if x.kind == "history"]
    assert 0 < len(hist) < 200
    (bad,) = read.unreadable
    assert bad.path.endswith("Records.json")
    assert f"after {len(hist)} locations" in bad.reason


def test_records_point_fields(tmp_path: Path) -> None:
    for layout in ("takeout", "takeout-2019"):
        read = audit(synth.generate(tmp_path / layout, layout=layout))
        first = next(x for x in read.records.of(Location) if x.kind == "history")
        assert first.time is not None and first.time.endswith("Z")
        assert first.latitude is not None and 51.9 < first.latitude < 52.2
        assert first.ref.endswith("[0]")
        assert first.raw is None  # compact: no raw JSON per point


def test_watch_history_details(tmp_path: Path) -> None:
    read = audit(synth.generate(tmp_path, layout="takeout"))
    watch = [a for a in read.records.of(ActivityEvent) if a.kind == "watch"]
    assert watch[0].title == "Watched a video that has been removed"
    assert watch[0].ref == "Takeout/YouTube and YouTube Music/history/watch-history.json[0]"
    ads = [a for a in read.records.of(AdItem) if a.kind == "impression"]
    assert len(ads) == synth.Sizes().ads
    assert any(a.kind == "my_activity" for a in read.records.of(ActivityEvent))


def test_split_single_part_reads_siblings(tmp_path: Path) -> None:
    folder = synth.generate(tmp_path, layout="split", as_zip=False)
    part1 = sorted(folder.glob("takeout-*-001.zip"))[0]
    read = audit(part1)
    assert counts(read) == synth.expected_counts("split")
    assert any("3 parts read together" in n for n in read.notes)


def test_split_folder_with_missing_part(tmp_path: Path) -> None:
    folder = synth.generate(tmp_path, layout="split", as_zip=False)
    next(folder.glob("takeout-*-002.zip")).unlink()
    read = audit(folder)
    c = counts(read)
    assert c["location_points"] == 0 and c["watch_history"] == 30


def test_split_broken_part_reported(tmp_path: Path) -> None:
    folder = synth.generate(tmp_path, layout="split", as_zip=False)
    (folder / f"takeout-{synth.STAMP}-004.zip").write_bytes(b"PK\x03\x04 not really a zip")
    read = audit(folder)
    assert any(u.path.endswith("-004.zip") for u in read.unreadable)
    assert counts(read) == synth.expected_counts("split")


def test_bare_records_file_detected(tmp_path: Path) -> None:
    p = tmp_path / "Records.json"
    with open(p, "wb") as fh:
        synth.write_big_records(fh, 50)
    read = audit(p)
    assert counts(read)["location_points"] == 50


def test_does_not_claim_tiktok(tmp_path: Path) -> None:
    p = tmp_path / "user_data.json"
    p.write_text(
        json.dumps({"Activity": {"Login History": {"LoginHistoryList": []}}, "App Settings": {}})
    )
    with open_export(p) as inp:
        from privacyscope.sources.google import SOURCE

        assert SOURCE.detect(inp) is None


def test_classify_translations() -> None:
    assert classify("Takeout/YouTube en YouTube Music/geschiedenis/kijkgeschiedenis.json") == (
        "yt_watch",
        "nl",
    )
    assert classify("Takeout/Meine Aktivitäten/Suche/MeineAktivitäten.json")[0] == "my_activity"
    assert classify("Takeout/Standortverlauf/Semantischer Standortverlauf/2024/x.json") == (
        "semantic",
        "de",
    )
    assert classify("Takeout/Something/else.json") == (None, None)


def test_remediation_covers_findings() -> None:
    assert set(REMEDIATION) >= support.GENERIC_FAMILIES
    assert "myactivity.google.com" in REMEDIATION["location.data_held"]


def test_generator_deterministic(tmp_path: Path) -> None:
    a = synth.generate(tmp_path / "a", layout="takeout", seed=3)
    b = synth.generate(tmp_path / "b", layout="takeout", seed=3)
    with zipfile.ZipFile(a) as za, zipfile.ZipFile(b) as zb:
        assert {i.filename: za.read(i) for i in za.infolist()} == {
            i.filename: zb.read(i) for i in zb.infolist()
        }
    with pytest.raises(ValueError):
        synth.generate(tmp_path, layout="nope")


def test_not_an_export(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("hello")
    with open_export(tmp_path) as inp, pytest.raises(InputError):
        detect(inp, "google")


@pytest.mark.parametrize("layout", synth.LAYOUTS)
def test_golden(tmp_path: Path, layout: str) -> None:
    read = audit(synth.generate(tmp_path, layout=layout))
    snap = support.read_summary(read, counts(read), normalised=settings_of(read))
    support.assert_golden(f"google_{layout}", snap)
