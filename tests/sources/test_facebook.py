"""Facebook reader: synthetic exports of every layout x language x variant, end to end."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from privacyscope.inputs import open_export
from privacyscope.model import (
    AdItem,
    DeviceIdentifier,
    Location,
    Login,
    Message,
    OffPlatformEvent,
    Setting,
)
from privacyscope.sources import detect
from privacyscope.sources.facebook import REMEDIATION, SOURCE
from privacyscope.sources.facebook import synth as fb_synth
from privacyscope.sources.instagram import SOURCE as IG_SOURCE
from privacyscope.sources.instagram import synth as ig_synth

from . import support
from .support import folder_files, read_path, settings_view, snapshot
from .support import meta_counts as counts

MATRIX = [(layout, lang) for layout in fb_synth.LAYOUTS for lang in fb_synth.LANGS]


@pytest.mark.parametrize("variant", fb_synth.VARIANTS)
@pytest.mark.parametrize(("layout", "lang"), MATRIX)
def test_fb_counts_settings_every_layout_language_variant(
    tmp_path: Path, layout: str, lang: str, variant: str | None
) -> None:
    path = fb_synth.generate(tmp_path, layout=layout, lang=lang, variant=variant)
    platform, det, res = read_path(path)
    assert platform == "facebook"
    assert det.layout == layout
    assert counts(res) == fb_synth.expected_counts(layout, variant)
    assert settings_view(res) == fb_synth.expected_settings(layout, lang, variant)
    assert res.unrecognized == []
    assert res.unreadable == []
    assert res.layout_name and res.layout_name.startswith(layout.upper())
    if variant == "empty":  # emptied sections are still known to exist
        assert {"logins", "messages", "activity", "ads"} <= res.present
        if layout in fb_synth.LAYOUTS:
            assert "off_platform_events" in res.present
    if layout in ("g3", "g4") and variant != "empty":
        assert res.language == lang


def test_fb_exact_numbers_current_and_legacy(tmp_path: Path) -> None:
    """Hand-checked numbers, so a generator bug cannot hide behind expected_counts."""
    _p, _d, res = read_path(fb_synth.generate(tmp_path / "g4", layout="g4", lang="de"))
    c = counts(res)
    # 6 logins_and_logouts "Login" + 2 account_activity "Login"
    assert c["logins"] == 8 and c["ip_addresses"] == 7 and c["searches"] == 11
    assert c["off_platform_events"] == 9 and c["off_platform_sources"] == 3
    assert c["messages"] == 11 and c["location_points"] == 1 and c["advertisers"] == 5
    kinds = [x.kind for x in res.records.of(Login)]
    assert kinds.count("logout") == 2 and kinds.count("session") == 3
    assert kinds.count("ip_activity") == 4  # 2 ip_address_activity + 2 other account actions
    ads = [d for d in res.records.of(DeviceIdentifier) if d.advertising]
    assert [d.value for d in ads] == ["SYNTH-IDFA-0000", "SYNTH-IDFA-0001"]
    s = {x.key: x for x in res.records.of(Setting)}
    assert s["Personalisierte Werbung"].normalized == "on"
    assert s["Wer kann deine öffentlichen Beiträge kommentieren?"].value == "Öffentlich"
    assert s["Wer kann deine öffentlichen Beiträge kommentieren?"].normalized == "everyone"

    _p, _d, old = read_path(fb_synth.generate(tmp_path / "g1", layout="g1"))
    c1 = counts(old)
    assert c1["logins"] == 8 and c1["location_points"] == 3 and c1["advertisers"] == 2
    assert c1["off_platform_events"] == 9
    uploads = [a.name for a in old.records.of(AdItem) if a.kind == "advertiser_list_upload"]
    assert uploads == ["Example Shoes BV", "Bäckerei Beispiel GmbH"]
    assert old.settings == {} and old.language is None


@pytest.mark.parametrize("layout", fb_synth.LAYOUTS)
def test_fb_zip_and_folder_identical(tmp_path: Path, layout: str) -> None:
    z = fb_synth.generate(tmp_path / "z", layout=layout, lang="nl", variant="mojibake")
    f = fb_synth.generate(
        tmp_path / "f", layout=layout, lang="nl", variant="mojibake", as_zip=False
    )
    assert zipfile.is_zipfile(z) and f.is_dir()
    assert snapshot(read_path(z)[2]) == snapshot(read_path(f)[2])


def test_fb_deterministic_for_a_seed(tmp_path: Path) -> None:
    a = fb_synth.generate(tmp_path / "a", layout="g4", seed=3, as_zip=False)
    b = fb_synth.generate(tmp_path / "b", layout="g4", seed=3, as_zip=False)
    c = fb_synth.generate(tmp_path / "c", layout="g4", seed=4, as_zip=False)
    assert folder_files(a) == folder_files(b) != folder_files(c)


def test_fb_mojibake_fixed_in_keys_and_values(tmp_path: Path) -> None:
    path = fb_synth.generate(tmp_path, layout="g4", lang="de", variant="mojibake")
    raw = zipfile.ZipFile(path).read("preferences/preferences/privacy_settings.json")
    assert b"\\u00c3\\u00b6" in raw  # "ö" written the way Meta writes it
    _p, _d, res = read_path(path)
    assert "Wer kann deine öffentlichen Beiträge kommentieren?" in res.settings
    assert "Groetjes uit München" in {m.content for m in res.records.of(Message)}
    assert "Café Exemple SARL" in {e.source for e in res.records.of(OffPlatformEvent)}
    assert "Café de Zaak" not in {loc.place for loc in res.records.of(Location)}  # g4: no history
    assert res.unrecognized == []


def test_fb_unknown_file_and_keys_reported(tmp_path: Path) -> None:
    root = fb_synth.generate(tmp_path, layout="g2", as_zip=False)
    (root / "brand_new_section").mkdir()
    (root / "brand_new_section/new_feature.json").write_text('{"new_feature_v2": []}')
    acc = root / "security_and_login_information/account_activity.json"
    data = json.loads(acc.read_text("utf-8"))
    data["account_activity_v2"][0]["device_fingerprint"] = "x"
    acc.write_text(json.dumps(data), "utf-8")
    _p, _d, res = read_path(root)
    got = {(u.path, u.kind, u.records) for u in res.unrecognized}
    assert got == {
        ("brand_new_section/new_feature.json", "file", 1),
        ("security_and_login_information/account_activity.json.device_fingerprint", "key", 1),
    }
    assert counts(res) == fb_synth.expected_counts("g2")


def test_fb_unreadable_file_reported_rest_read(tmp_path: Path) -> None:
    root = fb_synth.generate(tmp_path, layout="g3", as_zip=False)
    broken = root / "security_and_login_information/logins_and_logouts.json"
    broken.write_bytes(b'{"account_accesses_v2": [{"action": "Login",,}]}')
    _p, _d, res = read_path(root)
    assert [u.path for u in res.unreadable] == [
        "security_and_login_information/logins_and_logouts.json"
    ]
    assert "broken JSON" in res.unreadable[0].reason
    exp = fb_synth.expected_counts("g3")
    # only account_activity logins remain; one IP address appeared only in a logout
    assert counts(res) == {**exp, "logins": 2, "ip_addresses": 6}


def test_fb_off_meta_dict_and_list_shapes_agree(tmp_path: Path) -> None:
    def events(layout: str) -> list[tuple[str | None, str | None, str | None]]:
        res = read_path(fb_synth.generate(tmp_path / layout, layout=layout))[2]
        return sorted((e.source, e.event, e.time) for e in res.records.of(OffPlatformEvent))

    assert events("g3") == events("g4") == events("g2")


def test_fb_and_ig_never_confused(tmp_path: Path) -> None:
    for layout in fb_synth.LAYOUTS:
        fb = fb_synth.generate(tmp_path / f"fb-{layout}", layout=layout)
        ig = ig_synth.generate(tmp_path / f"ig-{layout}", layout=layout)
        with open_export(fb) as inp:
            assert detect(inp)[0].platform == "facebook"
            other = IG_SOURCE.detect(inp)
            assert other is None or other.score < 0.5
        with open_export(ig) as inp:
            assert detect(inp)[0].platform == "instagram"
            other = SOURCE.detect(inp)
            assert other is None or other.score < 0.5


@pytest.mark.parametrize("name", ["user_data_tiktok.json", "user_data.json"])
def test_fb_not_claimed_for_tiktok(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_text('{"Activity": {"Login History": {}}}')
    with open_export(tmp_path) as inp:
        assert SOURCE.detect(inp) is None


def test_fb_remediation_covers_every_finding_family() -> None:
    assert set(REMEDIATION) == support.META_FAMILIES
    assert "Your activity off Meta technologies" in REMEDIATION["tracking.off_platform"]


@pytest.mark.parametrize("layout", fb_synth.LAYOUTS)
def test_fb_golden_snapshot(tmp_path: Path, layout: str) -> None:
    _p, det, res = read_path(fb_synth.generate(tmp_path, layout=layout, lang="en"))
    support.assert_golden(f"facebook_{layout}", support.meta_summary(det, res))


# -- property test ----------------------------------------------------------------------------

_text = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=20)
_json = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**40), 2**40)
    | st.floats(allow_nan=False, allow_infinity=False)
    | _text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_text, inner, max_size=4),
    max_leaves=12,
)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    layout=st.sampled_from(fb_synth.LAYOUTS),
    file_index=st.integers(0, 200),
    path=st.lists(st.integers(0, 50), max_size=7),
    replacement=_json,
)
def test_fb_any_mutation_gives_result_or_input_error(
    tmp_path_factory: pytest.TempPathFactory,
    layout: str,
    file_index: int,
    path: list[int],
    replacement: Any,
) -> None:
    files = dict(support.generated_files(fb_synth, layout, tmp_path_factory.getbasetemp()))
    name = sorted(files)[file_index % len(files)]
    files[name] = json.dumps(support.mutate(json.loads(files[name]), path, replacement)).encode()
    support.assert_read_or_input_error(SOURCE, files)


def test_fb_ig_do_not_claim_snapchat_like_exports(tmp_path: Path) -> None:
    """Snapchat "My Data" shares generic file names with Meta (location_history.json,
    account_history.json); without a Meta structure they must not count."""
    root = tmp_path / "mydata" / "json"
    root.mkdir(parents=True)
    (root / "location_history.json").write_text(
        json.dumps(
            {"Frequent Locations": [], "Location History": [{"Time": "2025/01/01 10:00:00 UTC"}]}
        )
    )
    (root / "account_history.json").write_text(
        json.dumps({"Login History": [], "Email Change": []})
    )
    (root / "account.json").write_text(json.dumps({"Basic Information": {}}))
    with open_export(tmp_path / "mydata") as inp:
        assert SOURCE.detect(inp) is None
        assert IG_SOURCE.detect(inp) is None


def test_fb_ig_generic_names_count_with_a_meta_structure(tmp_path: Path) -> None:
    """A legacy Instagram export holding only generic file names is still recognised, from a
    bounded peek at the contents."""
    (tmp_path / "account_history.json").write_text(
        json.dumps(
            {"login_history": [{"ip_address": "81.2.69.160", "timestamp": "2019-01-01T10:00:00"}]}
        )
    )
    (tmp_path / "connections.json").write_text(json.dumps({"followers": {"a_b": "2019-01-01"}}))
    platform, det, res = read_path(tmp_path)
    assert (platform, det.layout, counts(res)["logins"]) == ("instagram", "g1", 1)
