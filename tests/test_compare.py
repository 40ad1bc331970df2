"""``compare`` on a generated set of exports of the same synthetic person."""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from privacyscope.audit import run_audit
from privacyscope.compare import CATEGORIES, dedupe_split_archives
from privacyscope.sources import all_sources


def _generate_all(tmp: Path) -> dict[str, Path]:
    out: dict[str, Path] = {}
    for platform in sorted(all_sources()):
        try:
            synth = importlib.import_module(f"privacyscope.sources.{platform}.synth")
        except ImportError:
            continue
        folder = tmp / platform
        folder.mkdir()
        layout = "g4" if platform == "tiktok" else synth.LAYOUTS[0]
        out[platform] = synth.generate(folder, layout=layout)
    return out


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return _generate_all(tmp_path_factory.mktemp("compare"))


def test_compare_same_person(
    exports: dict[str, Path], run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    assert {"tiktok", "instagram", "facebook", "google"} <= set(exports)
    out = tmp_path / "cmp"
    res = run_cli("compare", *map(str, exports.values()), "--out", str(out))
    assert res.exit_code == 0, res.output
    assert "Who knows what" in res.output
    data = json.loads((out / "compare.json").read_text())
    assert data["schema_version"] == 1 and not data["errors"]
    assert [c["id"] for c in data["categories"]] == [c.id for c in CATEGORIES]
    by_platform = {p["platform"]: p for p in data["platforms"]}
    assert set(by_platform) == set(exports)
    for platform, path in exports.items():
        p = by_platform[platform]
        assert p["counts"] == run_audit(path).counts  # same numbers as a single audit
        assert (out / p["report"]).exists()
        for cell in p["cells"].values():
            assert cell["status"] in ("held", "none", "not_in_export")
    assert data["holds_most"]["off_platform"] == ["tiktok"]
    assert by_platform["tiktok"]["cells"]["off_platform"]["amount"] == 48
    page = (out / "compare.html").read_text()
    assert 'href="tiktok/report.html#f-tracking.off_platform"' in page
    assert "http://" not in page and "https://" not in page


def test_compare_partial_failure_exit_3(
    exports: dict[str, Path], run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    bad = tmp_path / "broken.zip"
    bad.write_bytes(b"not a zip")
    res = run_cli("compare", str(exports["tiktok"]), str(bad), "--out", str(tmp_path / "c"), "-q")
    assert res.exit_code == 3
    data = json.loads((tmp_path / "c" / "compare.json").read_text())
    assert len(data["platforms"]) == 1 and "broken.zip" in data["errors"][0]


def test_split_archive_parts_are_one_export(tmp_path: Path) -> None:
    parts = [tmp_path / f"takeout-20250101T000000Z-00{i}.zip" for i in (1, 2, 3)]
    other = tmp_path / "TikTok_Data_1.zip"
    assert dedupe_split_archives([*parts, other]) == [parts[0], other]
