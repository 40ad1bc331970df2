"""google_location_density and x_targeting_lists with a stand-in context."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from types import SimpleNamespace

from privacyscope.findings import google_location_density as density
from privacyscope.findings import x_targeting_lists as lists
from privacyscope.inputs import open_export
from privacyscope.model import AdItem, Location, Record, RecordSet
from privacyscope.sources.base import ReadResult
from privacyscope.sources.google import synth as gsynth
from privacyscope.sources.x import synth as xsynth


def ctx(
    records: Sequence[Record], present: set[str] | None = None, platform: str = "google"
) -> SimpleNamespace:
    rs = RecordSet()
    for r in records:
        rs.add(r)
    read = ReadResult(
        platform=platform, layout="t", format="json", records=rs, present=present or set()
    )
    return SimpleNamespace(platform=platform, records=rs, read=read, setting=lambda m: None)


def test_density_not_in_export() -> None:
    assert density.check(ctx([])).status == "not_in_export"
    assert density.check(ctx([], {"locations"})).status == "absent"


def test_density_dense_points() -> None:
    pts = [
        Location(
            ref=f"r[{i}]",
            kind="history",
            time=f"2025-03-0{1 + i // 48}T{(i % 48) // 2:02d}:{30 * (i % 2):02d}:00Z",
            latitude=52.0,
            longitude=5.0,
        )
        for i in range(96)
    ]
    out = density.check(ctx(pts))
    assert out.status == "present" and out.severity == "high"
    assert out.evidence["days"] == 2 and out.evidence["points_per_day"] == 48
    assert out.evidence["median_interval_seconds"] == 1800
    assert "could infer" in out.summary and "30 minutes" in out.summary
    assert out.refs[0] == "r[0]" and out.record_table == "locations"


def test_density_sparse_is_medium() -> None:
    pts = [
        Location(ref=f"r[{i}]", kind="history", time=f"2025-03-{10 + i:02d}T10:00:00Z")
        for i in range(5)
    ]
    out = density.check(ctx(pts))
    assert out.status == "present" and out.severity == "medium"


def test_density_on_generated_export(tmp_path: Path) -> None:
    from privacyscope.sources.google import SOURCE

    with open_export(gsynth.generate(tmp_path, layout="takeout")) as inp:
        det = SOURCE.detect(inp)
        assert det is not None
        read = SOURCE.read(inp, det, lambda d, n: None)
    c = SimpleNamespace(platform="google", records=read.records, read=read, setting=lambda m: None)
    out = density.check(c)
    assert out.status == "present" and out.evidence["points"] == gsynth.Sizes().points
    assert out.evidence["place_visits"] == gsynth.Sizes().visits


def test_lists_statuses() -> None:
    assert lists.check(ctx([], platform="x")).status == "not_in_export"
    assert lists.check(ctx([], {"ads"}, platform="x")).status == "absent"
    only_kw = [AdItem(ref="a.matchedTargetingCriteria[0]", kind="targeting", name="Keywords: x")]
    assert lists.check(ctx(only_kw, platform="x")).status == "absent"


def test_lists_present() -> None:
    recs = [
        AdItem(ref="imp[0]", kind="impression", name="Example Shoes BV"),
        AdItem(
            ref="imp[0].matchedTargetingCriteria[0]",
            kind="targeting",
            name="List: Example Shoes customers",
        ),
        AdItem(
            ref="imp[0].matchedTargetingCriteria[1]",
            kind="targeting",
            name="Website Activity: basket",
        ),
        AdItem(ref="imp[1].matchedTargetingCriteria[0]", kind="targeting", name="Age: 25 to 34"),
    ]
    out = lists.check(ctx(recs, platform="x"))
    assert out.status == "present"
    assert out.evidence["by_type"] == {"List": 1, "Website Activity": 1}
    assert out.evidence["advertisers"] == {"Example Shoes BV": 2}
    assert len(out.refs) == 2


def test_lists_on_generated_export(tmp_path: Path) -> None:
    from privacyscope.sources.x import SOURCE

    with open_export(xsynth.generate(tmp_path, layout="2022")) as inp:
        det = SOURCE.detect(inp)
        assert det is not None
        read = SOURCE.read(inp, det, lambda d, n: None)
    c = SimpleNamespace(platform="x", records=read.records, read=read, setting=lambda m: None)
    out = lists.check(c)
    assert out.status == "present" and out.evidence["matches"] > 0
    assert "(unnamed)" not in out.evidence["advertisers"]
