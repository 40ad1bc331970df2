"""Brief content: every platform, traceability to fact ids, staleness, scan/audit inputs."""

from __future__ import annotations

import datetime as dt
from typing import Any

import orjson
import pytest

from privacyscope.brief import brief_to_dict, build_brief
from privacyscope.brief.inputs import AuditInput, ScanInput, read_audit, read_scan
from privacyscope.facts import PLATFORMS, load

from .conftest import audit_doc, scan_doc, statements_in, write_json

KB = load(use_env=False)
AS_OF = dt.date(2026, 11, 29)


def brief_json(platform: str, **kwargs: Any) -> dict[str, Any]:
    kwargs.setdefault("as_of", AS_OF)
    brief = build_brief(KB, platform, **kwargs)
    return orjson.loads(orjson.dumps(brief_to_dict(brief)))


def check_traceable(doc: dict[str, Any]) -> int:
    statements = statements_in(doc["sections"])
    assert statements
    cited = {f["id"] for f in doc["facts"]}
    for st in statements:
        assert st["text"].strip()
        for fid in st["fact_ids"]:
            assert fid in KB.facts, fid
            assert fid in cited, fid
        if st["basis"] == "measured":
            assert st["evidence"]["input"] in ("scan", "audit")
        else:
            assert st["fact_ids"], st["text"]
            assert st["sources"] and st["confidence"] in ("primary", "reputable press", "secondary")
            expected = set().union(*(KB.facts[f].sources for f in st["fact_ids"]))
            assert set(st["sources"]) == expected
        if st["basis"] == "fact":
            assert len(st["fact_ids"]) == 1 and st["text"] == KB.facts[st["fact_ids"][0]].statement
    return len(statements)


@pytest.mark.parametrize("platform", PLATFORMS)
def test_brief_for_each_platform_is_traceable(platform: str) -> None:
    doc = brief_json(platform)
    assert check_traceable(doc) > 10
    ids = [s["id"] for s in doc["sections"]]
    assert ids[:2] == ["jurisdiction", "regulatory"] and "risks" in ids and "comparison" in ids
    risks = next(s for s in doc["sections"] if s["id"] == "risks")
    assert risks["groups"]
    for risk in risks["groups"]:
        assert risk["attrs"]["likelihood"] in ("low", "medium", "high")
        assert risk["attrs"]["impact"] in ("medium", "high")
        assert any(s["basis"] == "guidance" for s in risk["statements"])
        assert all(s["fact_ids"] for s in risk["statements"])
    assert doc["newest_source"]["date"] <= "2026-04-30"


def test_tiktok_sections_and_totals() -> None:
    doc = brief_json("tiktok")
    ids = [s["id"] for s in doc["sections"]]
    assert ids == [
        "jurisdiction",
        "regulatory",
        "bans",
        "defaults",
        "claims",
        "risks",
        "comparison",
    ]
    texts = " ".join(s["text"] for s in statements_in(doc["sections"]))
    assert "EUR 880.8M" in texts and "GBP 12.7M" in texts and "USD 5.7M" in texts
    assert doc["newest_source"] == {"date": "2026-04-30", "fact_id": "reg-07"}
    claims = next(s for s in doc["sections"] if s["id"] == "claims")
    assert len(claims["groups"]) == 7
    comparison = next(s for s in doc["sections"] if s["id"] == "comparison")
    fines = next(g for g in comparison["groups"] if g["id"] == "fines")
    by_platform = {s["fields"]["platform"]: s for s in fines["statements"]}
    assert "EUR 1.92bn, USD 5bn" in by_platform["facebook"]["text"]
    assert "owner-wide" in by_platform["instagram"]["text"]


def test_platform_without_claims_has_no_claims_section() -> None:
    doc = brief_json("linkedin", peers=["tiktok"])
    assert "claims" not in [s["id"] for s in doc["sections"]]
    assert doc["peers"] == ["tiktok"]


def test_stale_marking_is_relative_to_as_of_and_threshold() -> None:
    def stale_map(**kwargs: Any) -> dict[str, bool]:
        doc = brief_json("tiktok", **kwargs)
        return {
            s["fact_ids"][0]: s["stale"]
            for s in statements_in(doc["sections"])
            if s["basis"] == "fact"
        }

    recent = stale_map(as_of=dt.date(2026, 5, 1), stale_after_days=365)
    assert recent["reg-07"] is False and recent["reg-01"] is True
    assert recent["def-09"] is True  # undated facts are always possibly stale
    lenient = stale_map(as_of=dt.date(2026, 5, 1), stale_after_days=100_000)
    assert {fid for fid, stale in lenient.items() if stale} == {"def-02", "def-09"}
    later = stale_map(as_of=dt.date(2027, 6, 1), stale_after_days=365)
    assert later["reg-07"] is True


def test_derived_statement_staleness_follows_newest_fact() -> None:
    doc = brief_json("tiktok", as_of=dt.date(2026, 5, 1), stale_after_days=30)
    for st in statements_in(doc["sections"]):
        if st["basis"] in ("derived", "guidance") and "reg-07" in st["fact_ids"]:
            assert st["stale"] is False and st["date"] == "2026-04-30"


def test_without_inputs_there_is_no_measured_section() -> None:
    doc = brief_json("tiktok")
    assert "measured" not in [s["id"] for s in doc["sections"]]
    assert not [s for s in statements_in(doc) if s["basis"] == "measured"]
    assert doc["inputs"]["scan"] is None and doc["inputs"]["audit"] is None


def _scan(tmp_path: Any, **kwargs: bool) -> ScanInput:
    (tmp_path / "evidence").mkdir(exist_ok=True)
    write_json(tmp_path / "evidence" / "scan.json", scan_doc(**kwargs))
    return read_scan(str(tmp_path / "evidence"))


def _audit(tmp_path: Any) -> AuditInput:
    return read_audit(str(write_json(tmp_path / "audit.json", audit_doc())))


def test_with_scan_and_audit(tmp_path: Any) -> None:
    doc = brief_json("tiktok", scan=_scan(tmp_path), audit=_audit(tmp_path))
    check_traceable(doc)
    measured = next(s for s in doc["sections"] if s["id"] == "measured")
    scan_group = next(g for g in measured["groups"] if g["id"] == "scan")
    texts = [s["text"] for s in scan_group["statements"]]
    assert any(
        t.startswith("TikTok Pixel before any consent choice: script fetched") for t in texts
    )
    assert any(t.startswith("TikTok Pixel after the visitor rejected consent") for t in texts)
    assert any("newvendor" in t for t in texts)  # unknown vendor shown, not dropped
    tiktok_rows = [s for s in scan_group["statements"] if s["evidence"].get("vendor") == "tiktok"]
    assert all(set(s["fact_ids"]) >= {"def-17", "def-18"} for s in tiktok_rows)
    audit_group = next(g for g in measured["groups"] if g["id"] == "audit")
    assert [s["fields"]["severity"] for s in audit_group["statements"]] == ["high", "medium"]
    assert audit_group["statements"][1]["fields"]["remediation"] == "Turn off downloads."
    risks = {g["id"]: g for g in next(s for s in doc["sections"] if s["id"] == "risks")["groups"]}
    assert risks["risk.pixel-consent"]["attrs"]["likelihood"] == "high"
    assert "reg-03" in risks["risk.pixel-consent"]["attrs"]["fact_ids"]
    assert risks["risk.account-exposure"]["attrs"]["likelihood"] == "high"
    assert risks["risk.advanced-matching"]["attrs"]["likelihood"] == "medium"  # only after accept
    claims = {g["id"]: g for g in next(s for s in doc["sections"] if s["id"] == "claims")["groups"]}
    loc = [s for s in claims["claim-location-30s"]["statements"] if s["basis"] == "measured"]
    assert loc and loc[0]["text"].startswith("Measured on your account: contradicted.")
    assert any(s["basis"] == "measured" for s in claims["claim-public-by-default"]["statements"])


def test_scan_showing_consent_gating_lowers_likelihood(tmp_path: Any) -> None:
    doc = brief_json("tiktok", scan=_scan(tmp_path, tiktok_before_consent=False))
    risks = {g["id"]: g for g in next(s for s in doc["sections"] if s["id"] == "risks")["groups"]}
    assert risks["risk.pixel-consent"]["attrs"]["likelihood"] == "low"
    assert risks["risk.pixel-consent"]["attrs"]["impact"] == "high"


def test_minimal_inputs_with_missing_optional_keys(tmp_path: Any) -> None:
    scan = read_scan(str(write_json(tmp_path / "s.json", {"url": "https://a.example"})))
    audit = read_audit(str(write_json(tmp_path / "a.json", {"platform": "tiktok"})))
    doc = brief_json("tiktok", scan=scan, audit=audit)
    check_traceable(doc)
    measured = next(s for s in doc["sections"] if s["id"] == "measured")
    texts = " ".join(s["text"] for s in statements_in(measured))
    assert "no known advertising pixel" in texts and "no present findings" in texts


def test_audit_for_other_platform_is_labelled(tmp_path: Any) -> None:
    other = dict(audit_doc(), platform="instagram")
    audit = read_audit(str(write_json(tmp_path / "a.json", other)))
    doc = brief_json("tiktok", audit=audit)
    measured = next(s for s in doc["sections"] if s["id"] == "measured")
    assert "Instagram" in measured["groups"][0]["title"]
