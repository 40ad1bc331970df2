"""Side-by-side comparison of the platform with its peers, every cell derived from facts."""

from __future__ import annotations

from collections.abc import Callable

from privacyscope.brief.model import Group, Section, Statement, StatementFactory
from privacyscope.brief.money import fine_totals, totals_text
from privacyscope.facts import PLATFORM_NAMES
from privacyscope.facts.schema import PENDING_STATUS, Fact

GAP = "No sourced fact in the knowledge base."
Cell = Callable[[StatementFactory, str], Statement | None]


def _fines(sf: StatementFactory, p: str) -> Statement | None:
    totals, ids, shared = fine_totals(sf.kb, p)
    if not ids:
        return None
    note = " (incl. owner-wide fines)" if shared else ""
    return sf.derived(f"{totals_text(totals)} in {len(ids)} decision(s){note}", ids)


def _actions(sf: StatementFactory, p: str) -> Statement | None:
    facts = sf.kb.for_platform(p, "regulatory")
    if not facts:
        return None
    pending = [f for f in facts if f.action and f.action.status in PENDING_STATUS]
    return sf.derived(
        f"{len(facts)} recorded; {len(pending)} pending or under appeal",
        [f.id for f in facts],
    )


def _restrictions(kind: str) -> Cell:
    def cell(sf: StatementFactory, p: str) -> Statement | None:
        facts = [
            f
            for f in sf.kb.for_platform(p, "bans")
            if f.restriction is not None and f.restriction.scope_kind == kind
        ]
        if not facts:
            return None
        live = [f for f in facts if f.restriction and f.restriction.status == "in-force-at-source"]
        places = ", ".join(sorted({f.restriction.country for f in live if f.restriction}))
        return sf.derived(
            f"{len(facts)} recorded; in force at source date: {len(live)}"
            + (f" ({places})" if places else ""),
            [f.id for f in facts],
        )

    return cell


def _tagged(tags: frozenset[str], topics: tuple[str, ...]) -> Cell:
    """The most specific (fewest platforms), then newest dated fact carrying one of ``tags``."""

    def cell(sf: StatementFactory, p: str) -> Statement | None:
        facts = [f for f in sf.kb.for_platform(p) if f.topic in topics and tags & set(f.tags)]
        if not facts:
            return None

        def key(f: Fact) -> tuple[int, int, int]:
            day = f.first_date()
            return (len(f.platforms), 0 if day else 1, -(day.toordinal() if day else 0))

        return sf.fact(min(facts, key=key))

    return cell


ROWS: tuple[tuple[str, str, Cell], ...] = (
    ("fines", "Fines and settlements with authorities", _fines),
    ("actions", "Regulatory actions", _actions),
    ("nationwide", "Nationwide bans", _restrictions("nationwide")),
    ("gov-devices", "Government-device restrictions", _restrictions("government-devices")),
    ("age-based", "Age-based restrictions", _restrictions("age-based")),
    (
        "transfer",
        "Transfer mechanism (most specific recent fact)",
        _tagged(frozenset({"scc", "dpf", "transfer"}), ("jurisdiction",)),
    ),
    (
        "visibility",
        "Default visibility, adults and minors (most specific recent fact)",
        _tagged(frozenset({"visibility"}), ("defaults",)),
    ),
)


def comparison(sf: StatementFactory, platform: str, peers: list[str]) -> Section:
    section = Section(
        "comparison",
        "Side by side with peers",
        "Counts and totals come only from facts in the knowledge base; an empty cell means no "
        "sourced fact, not 'no issue'. Amounts are not converted between currencies.",
        layout="matrix",
    )
    columns = [platform, *peers]
    for row_id, title, cell in ROWS:
        group = Group(row_id, title, attrs={"columns": ",".join(columns)})
        for p in columns:
            st = cell(sf, p)
            if st is None:
                continue
            group.statements.append(
                Statement(
                    text=st.text,
                    basis=st.basis,
                    fact_ids=st.fact_ids,
                    sources=st.sources,
                    date=st.date,
                    confidence=st.confidence,
                    stale=st.stale,
                    overridden=st.overridden,
                    fields={"platform": p, "platform_name": PLATFORM_NAMES[p]},
                )
            )
        section.groups.append(group)
    return section
