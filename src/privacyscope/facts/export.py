"""Plain-dict (JSON-ready) views of facts."""

from __future__ import annotations

from typing import Any

from privacyscope.facts.schema import Fact


def fact_to_dict(fact: Fact, *, stale: bool | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": fact.id,
        "platform": list(fact.platforms),
        "platform_label": fact.platform_label,
        "topic": fact.topic,
        "date": fact.date,
        "date_text": fact.date_text,
        "confidence": fact.confidence,
        "statement": fact.statement,
        "sources": list(fact.sources),
        "note": fact.note,
        "tags": list(fact.tags),
        "origin": fact.origin,
        "overrides": fact.overrides,
    }
    if stale is not None:
        data["stale"] = stale
    if fact.action is not None:
        a = fact.action
        data["action"] = {
            "authority": a.authority,
            "kind": a.kind,
            "status": a.status,
            "amounts": [
                {"platform": list(m.platforms), "value": m.value, "currency": m.currency}
                for m in a.amounts
            ],
        }
    if fact.restriction is not None:
        r = fact.restriction
        data["restriction"] = {
            "country": r.country,
            "scope": r.scope,
            "scope_kind": r.scope_kind,
            "status": r.status,
        }
    if fact.extra:
        data["extra"] = {k: str(v) for k, v in fact.extra.items()}
    return data
