"""Knowledge sections of the brief: each statement is a fact's own text or derived from facts."""

from __future__ import annotations

from privacyscope.brief.model import Group, Section, StatementFactory
from privacyscope.brief.money import amount_text, fine_totals, totals_text
from privacyscope.facts import PLATFORM_NAMES
from privacyscope.facts.schema import PENDING_STATUS, Fact

STATUS_LABEL = {
    "in-force-at-source": "in force at source date",
    "lifted": "lifted",
    "enjoined": "blocked by a court",
    "set-aside": "set aside",
    "superseded": "superseded",
    "upheld": "upheld",
}
SCOPE_LABEL = {
    "nationwide": "nationwide",
    "subnational": "state / regional",
    "government-devices": "government devices",
    "age-based": "age-based",
    "corporate": "company operations",
    "legal": "legal step",
}


def _grouped(
    sf: StatementFactory, facts: list[Fact], groups: list[tuple[str, str, frozenset[str]]]
) -> list[Group]:
    """Put each fact in the first group whose tags it carries; the rest in 'other'."""
    out = {gid: Group(gid, title) for gid, title, _ in groups}
    other = Group("other", "Other")
    for fact in facts:
        target = next((out[gid] for gid, _, tags in groups if tags & set(fact.tags)), other)
        target.statements.append(sf.fact(fact))
    result = [g for g in out.values() if g.statements]
    return [*result, other] if other.statements else result


def jurisdiction(sf: StatementFactory, platform: str) -> Section:
    facts = sf.kb.for_platform(platform, "jurisdiction")
    groups = _grouped(
        sf,
        facts,
        [
            (
                "transfer",
                "Transfer mechanism (EU-US Data Privacy Framework, SCCs)",
                frozenset({"transfer", "scc", "dpf", "dpf-adequacy"}),
            ),
            ("owner", "Owner and controller", frozenset({"owner", "controller", "us-jv"})),
            (
                "storage-access",
                "Where data is stored and who may access it from where",
                frozenset({"storage", "access", "government-access", "misuse", "location"}),
            ),
        ],
    )
    return Section(
        "jurisdiction",
        "Jurisdiction and data access",
        "Owner, where data is stored, who may access it from where, and the transfer mechanism.",
        groups=groups,
    )


def _action_fields(fact: Fact, platform: str) -> dict[str, str]:
    assert fact.action is not None
    return {
        "date": fact.date_text or fact.date_label,
        "authority": fact.action.authority,
        "kind": fact.action.kind,
        "status": fact.action.status,
        "amount": amount_text(fact, platform) or "-",
    }


def regulatory(sf: StatementFactory, platform: str) -> Section:
    facts = sf.kb.for_platform(platform, "regulatory")
    name = PLATFORM_NAMES[platform]
    section = Section(
        "regulatory",
        "Regulatory record",
        "Fines, orders, settlements and open cases concerning the platform, oldest first.",
        layout="table",
    )
    actions = Group("actions", f"Fines and orders: {name}")
    actions.statements = [sf.fact(f, _action_fields(f, platform)) for f in facts]
    section.groups.append(actions)
    totals, ids, shared = fine_totals(sf.kb, platform)
    if ids:
        note = (
            " Includes amounts imposed on the owner for several of its platforms." if shared else ""
        )
        section.statements.append(
            sf.derived(
                f"Fines and settlements with authorities recorded for {name}: "
                f"{totals_text(totals)} across {len(ids)} decisions (currencies not converted; "
                f"amounts under appeal included).{note}",
                ids,
            )
        )
    pending = [f for f in facts if f.action and f.action.status in PENDING_STATUS]
    if pending:
        group = Group("pending", "Pending cases and appeals")
        group.statements = [sf.fact(f, _action_fields(f, platform)) for f in pending]
        section.groups.append(group)
        section.statements.append(
            sf.derived(
                f"{len(pending)} case(s) for {name} are pending, under appeal or without a known "
                f"outcome: {', '.join(f.id for f in pending)}.",
                [f.id for f in pending],
            )
        )
    return section


def bans(sf: StatementFactory, platform: str) -> Section:
    facts = sf.kb.for_platform(platform, "bans")
    section = Section(
        "bans",
        "Bans and restrictions",
        "Country, scope, dates and status as of the newest source for each entry.",
        layout="table",
    )
    group = Group("restrictions", f"Bans and restrictions: {PLATFORM_NAMES[platform]}")
    for fact in facts:
        r = fact.restriction
        assert r is not None
        group.statements.append(
            sf.fact(
                fact,
                {
                    "country": r.country,
                    "scope": f"{r.scope} ({SCOPE_LABEL.get(r.scope_kind, r.scope_kind)})",
                    "date": fact.date_text or fact.date_label,
                    "status": STATUS_LABEL.get(r.status, r.status),
                },
            )
        )
    if group.statements:
        section.groups.append(group)
        for kind in ("nationwide", "government-devices", "age-based"):
            of_kind = [f for f in facts if f.restriction and f.restriction.scope_kind == kind]
            if not of_kind:
                continue
            in_force = [
                f for f in of_kind if f.restriction and f.restriction.status == "in-force-at-source"
            ]
            places = ", ".join(
                f"{f.restriction.country} ({f.id})" for f in in_force if f.restriction
            )
            section.statements.append(
                sf.derived(
                    f"{SCOPE_LABEL[kind].capitalize()} restrictions recorded: {len(of_kind)}; "
                    f"in force at their source date: {len(in_force)}"
                    + (f" ({places})" if places else "")
                    + f"; lifted, blocked or superseded: {len(of_kind) - len(in_force)}.",
                    [f.id for f in of_kind],
                )
            )
    return section


def defaults(sf: StatementFactory, platform: str) -> Section:
    facts = sf.kb.for_platform(platform, "defaults")
    groups = _grouped(
        sf,
        facts,
        [
            (
                "pixel",
                "Pixel and Events API: what a business website sends",
                frozenset({"pixel", "events-api", "advanced-matching"}),
            ),
            (
                "visibility",
                "Default visibility for adults and minors",
                frozenset({"visibility", "downloads"}),
            ),
            (
                "ads",
                "Personalised ads",
                frozenset({"ads-personalisation", "off-platform-activity"}),
            ),
            ("location", "Location collection", frozenset({"location"})),
        ],
    )
    research = sf.kb.for_platform(platform, "research")
    if research:
        groups.append(Group("research", "Research findings", [sf.fact(f) for f in research]))
    return Section(
        "defaults",
        "Defaults and data collection",
        "Default visibility, personalised ads, location, pixel/Events API data and research.",
        groups=groups,
    )
