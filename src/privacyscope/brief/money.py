"""Amount formatting and per-platform totals of fines and settlements (never across currencies)."""

from __future__ import annotations

from collections import defaultdict

from privacyscope.facts import KnowledgeBase
from privacyscope.facts.schema import FINE_KINDS, Fact


def fmt_amount(value: float, currency: str) -> str:
    if value >= 1e9:
        return f"{currency} {value / 1e9:.3g}bn"
    if value >= 1e6:
        return f"{currency} {value / 1e6:.4g}M"
    return f"{currency} {value:,.0f}"


def amount_text(fact: Fact, platform: str | None = None) -> str:
    if fact.action is None:
        return ""
    parts = [
        fmt_amount(a.value, a.currency)
        for a in fact.action.amounts
        if platform is None or platform in a.platforms
    ]
    return " + ".join(parts)


def fine_totals(kb: KnowledgeBase, platform: str) -> tuple[dict[str, float], list[str], bool]:
    """Totals per currency of fines/settlements with authorities; fact ids; shared-owner flag."""
    totals: dict[str, float] = defaultdict(float)
    ids: list[str] = []
    shared = False
    for fact in kb.for_platform(platform, "regulatory"):
        if fact.action is None or fact.action.kind not in FINE_KINDS:
            continue
        for amount in fact.action.amounts:
            if platform in amount.platforms:
                totals[amount.currency] += amount.value
                shared = shared or len(amount.platforms) > 1
                if fact.id not in ids:
                    ids.append(fact.id)
    return dict(sorted(totals.items())), ids, shared


def totals_text(totals: dict[str, float]) -> str:
    return ", ".join(fmt_amount(v, c) for c, v in totals.items()) if totals else "none"
