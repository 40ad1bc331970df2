"""Schema validation of every built-in fact, claim cross-references, fidelity to the reference."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from privacyscope.facts import PLATFORMS, TOPICS, load
from privacyscope.facts.schema import (
    ACTION_KINDS,
    CONFIDENCE,
    RESTRICTION_STATUS,
    SCOPE_KINDS,
    date_floor,
)

REFERENCE = Path(__file__).resolve().parents[3] / "shared" / "reference" / "platform-facts.yaml"
KB = load(use_env=False)


def test_counts() -> None:
    assert len(KB.facts) == 112
    assert len(KB.claims) == 7
    assert KB.meta["newest_source_date"] == "2026-04-30"
    assert KB.meta["data_version"]


@pytest.mark.parametrize("fact_id", sorted(KB.facts))
def test_every_fact_matches_schema(fact_id: str) -> None:
    fact = KB.facts[fact_id]
    assert fact.topic in TOPICS
    assert fact.confidence in CONFIDENCE
    assert fact.platforms and set(fact.platforms) <= set(PLATFORMS)
    assert fact.statement.strip()
    assert fact.sources and all(s.strip() for s in fact.sources)
    if fact.date is None:
        assert fact.date_text
    else:
        day = date_floor(fact.date)
        assert day is not None and dt.date(2010, 1, 1) <= day <= dt.date(2026, 11, 29)
    if fact.topic == "regulatory":
        assert fact.action is not None and fact.action.kind in ACTION_KINDS
        for amount in fact.action.amounts:
            assert amount.value > 0 and set(amount.platforms) <= set(fact.platforms)
    if fact.topic == "bans":
        assert fact.restriction is not None
        assert fact.restriction.scope_kind in SCOPE_KINDS
        assert fact.restriction.status in RESTRICTION_STATUS


def test_every_platform_has_facts() -> None:
    for platform in PLATFORMS:
        assert KB.for_platform(platform), platform


def test_claims_cite_existing_facts() -> None:
    for claim in KB.claims.values():
        assert claim.facts
        assert all(fid in KB.facts for fid in claim.facts), claim.id


@pytest.mark.skipif(not REFERENCE.exists(), reason="shared reference not present")
def test_statements_sources_and_confidence_kept_verbatim() -> None:
    ref = yaml.safe_load(REFERENCE.read_text(encoding="utf-8"))
    seen = 0
    for section in (
        "ownership_jurisdiction",
        "regulatory_actions",
        "bans_restrictions",
        "defaults_data_collection",
        "research",
    ):
        for raw in ref[section]:
            fact = KB.facts[raw["id"]]
            assert fact.statement == raw["statement"]
            assert list(fact.sources) == raw["sources"]
            assert fact.confidence == raw["confidence"]
            assert str(raw["date"]) in (fact.date, fact.date_text)
            seen += 1
    assert seen == 112
    for raw in ref["popular_claims"]:
        claim = KB.claims[raw["id"]]
        assert claim.context == raw["context"] and list(claim.facts) == raw["facts"]
