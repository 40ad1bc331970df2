"""The Meta-specific findings, with a stand-in context and on synthetic exports."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from privacyscope.findings import meta_activity_audiences, meta_custom_audiences, meta_store_visits
from privacyscope.model import AdItem, RecordSet, Setting, Unreadable
from privacyscope.sources.base import ReadResult
from privacyscope.sources.facebook import synth as fb_synth
from privacyscope.sources.instagram import synth as ig_synth

from .support import read_path

MODULES = (meta_custom_audiences, meta_activity_audiences, meta_store_visits)


def _ctx(res: ReadResult) -> Any:
    def setting(meaning: str) -> Setting | None:
        return next((s for s in res.records.of(Setting) if s.meaning == meaning), None)

    return SimpleNamespace(platform=res.platform, records=res.records, read=res, setting=setting)


def _result(items: list[AdItem], extra: dict[str, int]) -> ReadResult:
    rs = RecordSet()
    rs.extend(list(items))
    return ReadResult(
        platform="instagram", layout="g3", format="json", records=rs, extra_counts=extra
    )


def test_meta_rules_are_static_and_meta_only() -> None:
    ids = {m.RULE.id for m in MODULES}
    assert ids == {
        "ads.meta_custom_audiences",
        "tracking.meta_activity_audiences",
        "tracking.meta_store_visits",
    }
    for m in MODULES:
        assert m.RULE.platforms == ("instagram", "facebook")
        assert set(m.RULE.remediation) == {"instagram", "facebook"}
        # hedged wording, never a verdict about the person
        text = (m.RULE.description + m.RULE.title).lower()
        assert "you are" not in text and "proves" not in text


def test_meta_list_upload_present_with_names_and_refs() -> None:
    items = [
        AdItem(kind="advertiser", name="Shop A", ref="f.json[0]"),
        AdItem(kind="advertiser_list_upload", name="Shop A", ref="f.json[0]"),
        AdItem(kind="advertiser_list_upload", name="Shop B", ref="f.json[1]"),
    ]
    out = meta_custom_audiences.check(
        _ctx(_result(items, {"advertisers": 2, "advertisers_list_upload": 2}))
    )
    assert out.status == "present"
    assert out.evidence["advertisers"] == 2 and out.evidence["names"] == ["Shop A", "Shop B"]
    assert out.refs == ["f.json[0]", "f.json[1]"] and out.record_table == "ads"
    assert "2 advertiser(s)" in out.summary


def test_meta_absent_and_not_in_export() -> None:
    res = _result(
        [AdItem(kind="advertiser", name="Shop A")],
        {
            "advertisers": 1,
            "advertisers_list_upload": 0,
            "advertisers_activity": 0,
            "advertisers_store_visit": 0,
        },
    )
    assert {m.check(_ctx(res)).status for m in MODULES} == {"absent"}
    nothing = _result([], {})
    assert {m.check(_ctx(nothing)).status for m in MODULES} == {"not_in_export"}
    nothing.unreadable.append(
        Unreadable(
            path="ads_information/advertisers_using_your_activity_or_information.json",
            reason="broken JSON",
        )
    )
    out = meta_custom_audiences.check(_ctx(nothing))
    assert out.status == "not_in_export" and "could not be read" in out.summary


@pytest.mark.parametrize(
    ("platform", "layout", "expected"),
    [
        (
            "instagram",
            "g4",
            {
                "ads.meta_custom_audiences": 2,
                "tracking.meta_activity_audiences": 3,
                "tracking.meta_store_visits": 2,
            },
        ),
        (
            "instagram",
            "g2",
            {
                "ads.meta_custom_audiences": 2,
                "tracking.meta_activity_audiences": 3,
                "tracking.meta_store_visits": 2,
            },
        ),
        (
            "facebook",
            "g3",
            {
                "ads.meta_custom_audiences": 2,
                "tracking.meta_activity_audiences": 3,
                "tracking.meta_store_visits": 2,
            },
        ),
        # Facebook G1 only has the contact-list file: the other two cannot be decided
        (
            "facebook",
            "g1",
            {
                "ads.meta_custom_audiences": 2,
                "tracking.meta_activity_audiences": None,
                "tracking.meta_store_visits": None,
            },
        ),
        (
            "instagram",
            "g1",
            {
                "ads.meta_custom_audiences": None,
                "tracking.meta_activity_audiences": None,
                "tracking.meta_store_visits": None,
            },
        ),
    ],
)
def test_meta_findings_on_synthetic_exports(
    tmp_path: Path, platform: str, layout: str, expected: dict[str, int | None]
) -> None:
    synth = ig_synth if platform == "instagram" else fb_synth
    _p, _d, res = read_path(synth.generate(tmp_path, layout=layout))
    for m in MODULES:
        out = m.check(_ctx(res))
        want = expected[m.RULE.id]
        if want is None:
            assert out.status == "not_in_export", m.RULE.id
        else:
            assert (out.status, out.evidence["advertisers"]) == ("present", want), m.RULE.id
            assert all(ref for ref in out.refs)


def test_meta_findings_absent_on_emptied_export(tmp_path: Path) -> None:
    _p, _d, res = read_path(ig_synth.generate(tmp_path, layout="g3", variant="empty"))
    assert {m.check(_ctx(res)).status for m in MODULES} == {"absent"}
