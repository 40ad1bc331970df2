"""Instagram reader: synthetic exports of every layout x language x variant, end to end."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from privacyscope.inputs import open_export
from privacyscope.model import AdItem, Message, Setting
from privacyscope.sources.instagram import REMEDIATION, SOURCE
from privacyscope.sources.instagram import synth as ig_synth
from privacyscope.sources.meta_common import fix_mojibake, to_mojibake

from . import support
from .support import folder_files, read_path, settings_view, snapshot
from .support import meta_counts as counts

MATRIX = [(layout, lang) for layout in ig_synth.LAYOUTS for lang in ig_synth.LANGS]


@pytest.mark.parametrize("variant", ig_synth.VARIANTS)
@pytest.mark.parametrize(("layout", "lang"), MATRIX)
def test_ig_counts_settings_every_layout_language_variant(
    tmp_path: Path, layout: str, lang: str, variant: str | None
) -> None:
    path = ig_synth.generate(tmp_path, layout=layout, lang=lang, variant=variant)
    platform, det, res = read_path(path)
    assert platform == "instagram"
    assert det.layout == layout
    assert counts(res) == ig_synth.expected_counts(layout, variant)
    assert settings_view(res) == ig_synth.expected_settings(layout, lang, variant)
    assert res.unrecognized == []
    assert res.unreadable == []
    assert res.layout_name and res.layout_name.startswith(layout.upper())
    if variant == "empty":  # emptied sections are still known to exist
        assert {"logins", "messages", "activity", "ads"} <= res.present
        if layout in ("g3", "g4"):
            assert "off_platform_events" in res.present
    if layout != "g1" and variant != "empty":
        assert res.language == lang


def test_ig_exact_numbers_current_layout(tmp_path: Path) -> None:
    """Hand-checked numbers, so a generator bug cannot hide behind expected_counts."""
    _p, _d, res = read_path(ig_synth.generate(tmp_path, layout="g4", lang="nl"))
    c = counts(res)
    assert c["logins"] == 6 and c["ip_addresses"] == 7 and c["searches"] == 11
    assert c["off_platform_events"] == 9 and c["off_platform_sources"] == 3
    assert c["messages"] == 11 and c["location_points"] == 1 and c["advertisers"] == 5
    kinds = sorted(a.kind for a in res.records.of(AdItem) if a.kind.startswith("advertiser_"))
    assert kinds.count("advertiser_list_upload") == 2
    assert kinds.count("advertiser_store_visit") == 2
    private = next(s for s in res.records.of(Setting) if s.meaning == "account_private")
    assert (private.key, private.value, private.normalized) == ("Privéaccount", "False", "off")
    assert private.ref.endswith("personal_information.json[0]")


@pytest.mark.parametrize("layout", ig_synth.LAYOUTS)
def test_ig_zip_and_folder_identical(tmp_path: Path, layout: str) -> None:
    z = ig_synth.generate(tmp_path / "z", layout=layout, lang="de", variant="mojibake")
    f = ig_synth.generate(
        tmp_path / "f", layout=layout, lang="de", variant="mojibake", as_zip=False
    )
    assert zipfile.is_zipfile(z) and f.is_dir()
    assert snapshot(read_path(z)[2]) == snapshot(read_path(f)[2])


def test_ig_deterministic_for_a_seed(tmp_path: Path) -> None:
    a = ig_synth.generate(tmp_path / "a", layout="g3", seed=7, as_zip=False)
    b = ig_synth.generate(tmp_path / "b", layout="g3", seed=7, as_zip=False)
    c = ig_synth.generate(tmp_path / "c", layout="g3", seed=8, as_zip=False)
    assert folder_files(a) == folder_files(b)
    assert folder_files(a) != folder_files(c)
    za = ig_synth.generate(tmp_path / "za", layout="g3", seed=7)
    zb = ig_synth.generate(tmp_path / "zb", layout="g3", seed=7)
    assert za.read_bytes() == zb.read_bytes()


def test_ig_mojibake_fixed_in_keys_and_values(tmp_path: Path) -> None:
    path = ig_synth.generate(tmp_path, layout="g4", lang="de", variant="mojibake")
    raw = zipfile.ZipFile(path).read(
        "personal_information/personal_information/personal_information.json"
    )
    assert b"\\u00e2\\u0098\\u0095" in raw  # "☕" written the way Meta writes it
    _p, _d, res = read_path(path)
    assert "Privates Konto" in res.settings
    contents = {m.content for m in res.records.of(Message)}
    assert "Ja, café om 10:00 ☕" in contents
    names = {a.name for a in res.records.of(AdItem)}
    assert "Bäckerei Beispiel GmbH" in names
    # German keys with umlauts ("Geräte-ID") were recognised after repair
    assert res.unrecognized == []


def test_ig_unknown_file_and_keys_reported(tmp_path: Path) -> None:
    root = ig_synth.generate(tmp_path, layout="g3", as_zip=False)
    (root / "your_instagram_activity/brand_new").mkdir(parents=True)
    (root / "your_instagram_activity/brand_new/new_feature.json").write_text('{"x": []}')
    login = root / "security_and_login_information/login_and_account_creation/login_activity.json"
    data = json.loads(login.read_text("utf-8"))
    data["account_history_login_history"][0]["string_map_data"]["Mystery Label"] = {
        "value": "?",
        "timestamp": 0,
    }
    data["future_top_level_key"] = []
    login.write_text(json.dumps(data), "utf-8")
    _p, _d, res = read_path(root)
    got = {(u.path, u.kind) for u in res.unrecognized}
    name = login.relative_to(root).as_posix()
    assert got == {
        ("your_instagram_activity/brand_new/new_feature.json", "file"),
        (f"{name}.Mystery Label", "key"),
        (f"{name}:future_top_level_key", "key"),
    }
    assert counts(res) == ig_synth.expected_counts("g3")  # nothing else lost


def test_ig_unreadable_file_reported_rest_read(tmp_path: Path) -> None:
    root = ig_synth.generate(tmp_path, layout="g3", as_zip=False)
    broken = root / "logged_information/recent_searches/profile_searches.json"
    broken.write_text('{"searches_user": [ {"title": ', "utf-8")
    _p, _d, res = read_path(root)
    assert len(res.unreadable) == 1
    u = res.unreadable[0]
    assert u.path == "logged_information/recent_searches/profile_searches.json"
    assert "line 1" in u.reason and "JSON" in u.reason
    exp = ig_synth.expected_counts("g3")
    assert counts(res) == {**exp, "searches": exp["searches"] - 5}


def test_ig_wrong_structure_is_unreadable_not_a_crash(tmp_path: Path) -> None:
    root = ig_synth.generate(tmp_path, layout="g2", as_zip=False)
    (root / "login_and_account_creation/login_activity.json").write_text(
        '{"account_history_login_history": {"string_map_data": 5}}', "utf-8"
    )
    _p, _d, res = read_path(root)
    assert [u.path for u in res.unreadable] == ["login_and_account_creation/login_activity.json"]
    assert "unexpected structure" in res.unreadable[0].reason
    assert counts(res)["logins"] == 0 and counts(res)["searches"] == 11


@pytest.mark.parametrize("name", ["user_data_tiktok.json", "user_data.json"])
def test_ig_not_claimed_for_tiktok(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_text('{"Profile": {}, "Activity": {}}')
    with open_export(tmp_path) as inp:
        assert SOURCE.detect(inp) is None
    # a TikTok TXT folder
    txt = tmp_path / "txt" / "Activity"
    txt.mkdir(parents=True)
    (txt / "Login History.txt").write_text("Date: 2025-01-01 10:00:00\nIP: 81.2.69.160\n")
    with open_export(tmp_path / "txt") as inp:
        assert SOURCE.detect(inp) is None


def test_ig_html_export_is_reported(tmp_path: Path) -> None:
    root = tmp_path / "html"
    (root / "your_instagram_activity/messages/inbox/x_1").mkdir(parents=True)
    (root / "your_instagram_activity/messages/inbox/x_1/message_1.html").write_text("<html>")
    (root / "security_and_login_information/login_and_account_creation").mkdir(parents=True)
    (
        root / "security_and_login_information/login_and_account_creation/login_activity.html"
    ).write_text("<html>")
    platform, det, res = read_path(root)
    assert platform == "instagram" and det.format == "html" and res.format == "html"
    assert any("JSON" in n for n in res.notes)
    assert len(res.unrecognized) == 2


def test_ig_remediation_covers_every_finding_family() -> None:
    assert set(REMEDIATION) == support.META_FAMILIES
    assert all(len(v) > 30 for v in REMEDIATION.values())
    assert "Private account" in REMEDIATION["exposure.public_account"]


@pytest.mark.parametrize("layout", ig_synth.LAYOUTS)
def test_ig_golden_snapshot(tmp_path: Path, layout: str) -> None:
    _p, det, res = read_path(ig_synth.generate(tmp_path, layout=layout, lang="en"))
    support.assert_golden(f"instagram_{layout}", support.meta_summary(det, res))


# -- property tests ---------------------------------------------------------------------------

_text = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=30)
_json = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**40), 2**40) | _text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_text, inner, max_size=4),
    max_leaves=12,
)


@given(_json)
def test_ig_mojibake_round_trip(value: Any) -> None:
    assert fix_mojibake(to_mojibake(value)) == value


@given(_text)
def test_ig_fix_mojibake_leaves_non_latin1_text_alone(s: str) -> None:
    fixed = fix_mojibake(s)
    assert isinstance(fixed, str)
    if any(ord(c) > 255 for c in s):
        assert fixed == s


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    layout=st.sampled_from(ig_synth.LAYOUTS),
    file_index=st.integers(0, 200),
    path=st.lists(st.integers(0, 50), max_size=7),
    replacement=_json,
    truncate=st.integers(0, 40),
)
def test_ig_any_mutation_gives_result_or_input_error(
    tmp_path_factory: pytest.TempPathFactory,
    layout: str,
    file_index: int,
    path: list[int],
    replacement: Any,
    truncate: int,
) -> None:
    files = dict(support.generated_files(ig_synth, layout, tmp_path_factory.getbasetemp()))
    name = sorted(files)[file_index % len(files)]
    data = json.loads(files[name])
    mutated = json.dumps(support.mutate(data, path, replacement)).encode()
    if truncate == 1:
        mutated = mutated[: len(mutated) // 2]
    files[name] = mutated
    support.assert_read_or_input_error(SOURCE, files)


def test_ig_generator_rejects_unknown_options(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        ig_synth.generate(tmp_path, layout="g9")
    with pytest.raises(ValueError):
        ig_synth.generate(tmp_path, layout="g3", lang="fr")
    with pytest.raises(ValueError):
        ig_synth.generate(tmp_path, layout="g3", variant="nope")
    shutil.rmtree(tmp_path, ignore_errors=True)
