"""End-to-end: generated export -> CLI audit -> exact counts, settings, findings, claims."""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from privacyscope.audit import run_audit
from privacyscope.report.jsonreport import to_dict
from privacyscope.sources.tiktok import synth

GOLDEN = Path(__file__).parent / "golden"
LAYOUTS = synth.LAYOUTS
FORMS = ("zip", "folder", "json")

EXPECTED_SETTINGS = synth.build_data().settings
EXPECTED_PRESENT = {
    "exposure.public_account",
    "exposure.personalized_ads",
    "exposure.downloads_everyone",
    "exposure.duet_everyone",
    "exposure.stitch_everyone",
    "exposure.comments_everyone",
    "exposure.suggested_to_others",
    "tracking.off_platform",
    "identifiers.device_ids",
    "logins.ip_trail",
    "location.data_held",
    "profile.personal_data",
    "messages.retained",
    "activity.watch_time",
}
EXPECTED_CLAIMS = {
    "location_every_30_seconds": "not observable in this export",
    "browser_trackers": "supported",
    "personalised_ads_forced": "contradicted",
    "public_by_default": "partly",
    "anyone_can_download": "supported",
    "data_you_cannot_switch_off": "supported",
}


def _audit_json(
    run_cli: Callable[..., Result], export: Path, tmp: Path, *extra: str
) -> dict[str, Any]:
    out = tmp / "r.json"
    res = run_cli("audit", str(export), "--json", str(out), "-q", *extra)
    assert res.exit_code == 0, res.output
    return json.loads(out.read_text())


@pytest.mark.parametrize(
    ("layout", "form"),
    [
        (layout, form)
        for layout in LAYOUTS
        for form in FORMS
        if not (layout == "txt" and form == "json")  # a TXT export has no single JSON file
    ],
)
def test_counts_settings_findings_claims(
    layout: str,
    form: str,
    tiktok_export: Callable[..., Path],
    run_cli: Callable[..., Result],
    tmp_path: Path,
) -> None:
    r = _audit_json(run_cli, tiktok_export(layout, form), tmp_path)
    assert r["schema_version"] == 1
    assert r["platform"] == "tiktok"
    assert r["export"]["layout"] == layout
    assert r["export"]["format"] == ("txt" if layout == "txt" else "json")
    expected = synth.expected_counts(layout)
    assert {k: r["counts"][k] for k in expected} == expected
    assert r["settings"] == EXPECTED_SETTINGS
    present = {f["id"] for f in r["findings"] if f["status"] == "present"}
    expected_present = set(EXPECTED_PRESENT)
    if layout == "g1":  # G1 posts carry no visibility or location, and G1 has no reviews
        expected_present -= {"exposure.public_posts_with_location", "location.data_held"}
        expected_present.add("ads.profile")  # partners list
    else:
        expected_present.add("exposure.public_posts_with_location")
    if layout == "g4":
        expected_present.add("ads.profile")  # ads visit history
    assert present == expected_present
    assert {c["id"]: c["verdict"] for c in r["claims"]} == EXPECTED_CLAIMS
    assert r["unreadable"] == []
    assert r["period"]["first"] and r["period"]["first"] < r["period"]["last"]
    for f in r["findings"]:
        assert f["remediation"] and f["severity"] in ("high", "medium", "low", "info")
        if f["status"] == "present" and f["id"] != "activity.watch_time":
            assert f["refs"], f["id"]


def _stable(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if k not in ("generated_at", "tool", "input")}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_golden_snapshot(layout: str, tiktok_export: Callable[..., Path]) -> None:
    got = json.loads(json.dumps(_stable(to_dict(run_audit(tiktok_export(layout, "zip"))))))
    path = GOLDEN / f"tiktok_{layout}.json"
    if os.environ.get("UPDATE_GOLDEN") or not path.exists():
        path.write_text(json.dumps(got, indent=1, sort_keys=True, ensure_ascii=False) + "\n")
    assert got == json.loads(path.read_text())


def test_zip_folder_json_agree(tiktok_export: Callable[..., Path]) -> None:
    """Metamorphic: the same data as zip, folder or bare file gives the same audit."""
    dicts = [_stable(to_dict(run_audit(tiktok_export("g3", form)))) for form in FORMS]
    assert dicts[0] == dicts[1] == dicts[2]


def test_dutch_txt_equals_english(tiktok_export: Callable[..., Path]) -> None:
    en = run_audit(tiktok_export("txt", "zip", lang="en"))
    nl = run_audit(tiktok_export("txt", "zip", lang="nl"))
    assert nl.counts == en.counts
    assert [(f.id, f.status) for f in nl.findings] == [(f.id, f.status) for f in en.findings]
    assert not nl.read.unrecognized


@pytest.mark.parametrize("layout", LAYOUTS)
def test_empty_variant_never_reads_as_no_problem(
    layout: str, tiktok_export: Callable[..., Path]
) -> None:
    r = run_audit(tiktok_export(layout, "zip", variant="empty"))
    assert r.counts == {**r.counts, **synth.expected_counts(layout, "empty")}
    by_id = {f.id: f for f in r.findings}
    for fid in (
        "tracking.off_platform",
        "logins.ip_trail",
        "messages.retained",
        "activity.watch_time",
        "exposure.public_posts_with_location",
    ):
        assert by_id[fid].status != "present", fid
    # emptied sections are "none recorded" or "not in this export", never silently fine
    assert by_id["activity.watch_time"].status == "not_in_export"
    assert by_id["tracking.off_platform"].status in ("absent", "not_in_export")


def test_private_variant(tiktok_export: Callable[..., Path]) -> None:
    r = run_audit(tiktok_export("g4", "zip", variant="private"))
    status = {f.id: f.status for f in r.findings}
    for fid in (
        "exposure.public_account",
        "exposure.personalized_ads",
        "exposure.downloads_everyone",
        "exposure.duet_everyone",
        "exposure.stitch_everyone",
        "exposure.comments_everyone",
        "exposure.public_posts_with_location",
    ):
        assert status[fid] == "absent", fid
    assert status["exposure.suggested_to_others"] == "absent"
    verdicts = {c.id: c.verdict for c in r.claims}
    assert verdicts["anyone_can_download"] == "contradicted"
    assert verdicts["personalised_ads_forced"] == "contradicted"


def test_missing_keys_variant(tiktok_export: Callable[..., Path]) -> None:
    r = run_audit(tiktok_export("g3", "zip", variant="missing-keys"))
    assert r.counts == {**r.counts, **synth.expected_counts("g3", "missing-keys")}
    status = {f.id: f.status for f in r.findings}
    assert status["exposure.personalized_ads"] == "not_in_export"
    assert {c.id: c.verdict for c in r.claims}["personalised_ads_forced"] == (
        "not observable in this export"
    )


def test_duplicates_ipv6_na_status_object(tiktok_export: Callable[..., Path]) -> None:
    for layout, variant in (
        ("g4", "duplicates"),
        ("g2", "ipv6"),
        ("g3", "na"),
        ("g1", "status-object"),
        ("txt", "duplicates"),
    ):
        r = run_audit(tiktok_export(layout, "zip", variant=variant))
        exp = synth.expected_counts(layout, variant)
        assert {k: r.counts[k] for k in exp} == exp, (layout, variant)
    r = run_audit(tiktok_export("g2", "zip", variant="ipv6"))
    assert r.ctx.trail.ipv6 == 2


def test_g4_duplicate_off_platform_section_counted_once(tiktok_export: Callable[..., Path]) -> None:
    r = run_audit(tiktok_export("g4", "zip"))
    assert r.counts["off_platform_events"] == 48
    assert any("Off TikTok Activity" in n and "counted once" in n for n in r.read.notes)


@pytest.mark.parametrize("layout", ["g1", "g4", "txt"])
def test_unknown_sections_and_keys_are_reported(
    layout: str, tiktok_export: Callable[..., Path]
) -> None:
    r = run_audit(tiktok_export(layout, "zip", variant="unknown"))
    paths = {u.path: u for u in r.read.unrecognized}
    if layout == "txt":
        assert paths["Tiktok/Activity/Brand New Thing.txt"].records == 1
    else:
        assert paths["Brand New Category/Mystery Section"].records == 2
        assert any(p.endswith("Unheard Of Section") for p in paths)
        key = next(u for p, u in paths.items() if p.endswith("LoginHistoryList.NewField"))
        assert key.kind == "key" and key.records == 4
    assert r.counts == {**r.counts, **synth.expected_counts(layout)}


def test_watch_time_assumption_is_adjustable(
    tiktok_export: Callable[..., Path], run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    short = _audit_json(run_cli, tiktok_export("g4"), tmp_path / "a", "--session-gap", "0.5")
    long = _audit_json(run_cli, tiktok_export("g4"), tmp_path / "b", "--session-gap", "30")
    ws, wl = short["analysis"]["watch_time"], long["analysis"]["watch_time"]
    assert ws["session_gap_minutes"] == 0.5 and wl["session_gap_minutes"] == 30
    assert ws["sessions"] > wl["sessions"]
    assert ws["hours"] < wl["hours"]
    assert "0.5 min" in ws["assumption"]


def test_all_four_outputs(
    tiktok_export: Callable[..., Path], run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    res = run_cli("audit", str(tiktok_export("g4")), "--out", str(out))
    assert res.exit_code == 0, res.output
    assert "The account is public" in res.output
    assert {p.name for p in out.iterdir()} == {
        "report.json",
        "report.html",
        "audit.db",
        "audit.metadata.json",
    }
    con = sqlite3.connect(out / "audit.db")
    assert con.execute("select count(*) from logins").fetchone()[0] == 37
    assert con.execute("select count(*) from off_platform_events").fetchone()[0] == 48
    assert (
        con.execute("select count(*) from messages where kind in ('direct','group')").fetchone()[0]
        == 14
    )
    hits = con.execute(
        "select m.chat from messages_fts f join messages m on m.rowid = f.rowid "
        "where messages_fts match 'weekend'"
    ).fetchall()
    assert len(hits) == 10
    ids = [r[0] for r in con.execute("select id from logins")]
    assert len(set(ids)) == len(ids) and ids[0].endswith("LoginHistoryList[0]")
    refs = con.execute(
        "select count(*) from finding_refs fr join off_platform_events e "
        "on e.id = fr.record_id where fr.finding_id = 'tracking.off_platform'"
    ).fetchone()[0]
    assert refs == 48
    assert {r[0] for r in con.execute("select name from sqlite_master where type='index'")} >= {
        "idx_logins_time",
        "idx_logins_ip",
        "idx_off_platform_events_source",
    }


def test_sqlite_is_stable_across_runs(tiktok_export: Callable[..., Path], tmp_path: Path) -> None:
    from privacyscope.store import sqlite as store

    a, b = tmp_path / "a.db", tmp_path / "b.db"
    store.write(run_audit(tiktok_export("g2")), a)
    store.write(run_audit(tiktok_export("g2")), b)
    q = "select id, time, ip from logins order by id"
    assert sqlite3.connect(a).execute(q).fetchall() == sqlite3.connect(b).execute(q).fetchall()
