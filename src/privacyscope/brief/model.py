"""Brief records: statements (each resting on fact ids or measured evidence), groups, sections."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

from privacyscope.facts import KnowledgeBase, is_stale
from privacyscope.facts.schema import CONFIDENCE, Fact

#: fact: a fact's own statement; derived: computed from facts (totals, counts);
#: guidance: the project's own advice resting on facts; measured: from the user's scan/audit
Basis = Literal["fact", "derived", "guidance", "measured"]


@dataclass(frozen=True)
class Statement:
    text: str
    basis: Basis
    fact_ids: tuple[str, ...]
    sources: tuple[str, ...]
    date: str | None
    confidence: str | None
    stale: bool
    overridden: bool = False
    evidence: dict[str, Any] | None = None
    fields: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "text": self.text,
            "basis": self.basis,
            "fact_ids": list(self.fact_ids),
            "sources": list(self.sources),
            "date": self.date,
            "confidence": self.confidence,
            "stale": self.stale,
            "overridden": self.overridden,
        }
        if self.evidence is not None:
            data["evidence"] = self.evidence
        if self.fields:
            data["fields"] = self.fields
        return data


@dataclass
class Group:
    id: str
    title: str
    statements: list[Statement] = field(default_factory=list)
    attrs: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "attrs": self.attrs,
            "statements": [s.to_dict() for s in self.statements],
        }


@dataclass
class Section:
    id: str
    title: str
    intro: str = ""
    statements: list[Statement] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    layout: str = "list"  # list | table | risks | matrix

    def all_statements(self) -> list[Statement]:
        return [*self.statements, *(s for g in self.groups for s in g.statements)]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "intro": self.intro,
            "layout": self.layout,
            "statements": [s.to_dict() for s in self.statements],
            "groups": [g.to_dict() for g in self.groups],
        }


@dataclass
class Brief:
    platform: str
    platform_name: str
    peers: list[str]
    as_of: dt.date
    stale_after_days: int
    generated: str
    knowledge_base: dict[str, Any]
    sections: list[Section]
    cited: list[Fact]
    inputs: dict[str, Any]

    def all_statements(self) -> list[Statement]:
        return [s for sec in self.sections for s in sec.all_statements()]

    @property
    def newest_source(self) -> Fact | None:
        dated = [f for f in self.cited if f.date is not None]
        return max(dated, key=lambda f: (f.first_date() or dt.date.min, f.id), default=None)

    @property
    def stale_count(self) -> int:
        return sum(1 for s in self.all_statements() if s.stale)


def brief_to_dict(brief: Brief) -> dict[str, Any]:
    from privacyscope.facts.export import fact_to_dict

    newest = brief.newest_source
    return {
        "schema_version": 1,
        "kind": "privacyscope.brief",
        "platform": brief.platform,
        "platform_name": brief.platform_name,
        "peers": brief.peers,
        "as_of": brief.as_of.isoformat(),
        "generated": brief.generated,
        "stale_after_days": brief.stale_after_days,
        "newest_source": {"date": newest.date, "fact_id": newest.id} if newest else None,
        "knowledge_base": brief.knowledge_base,
        "inputs": brief.inputs,
        "sections": [s.to_dict() for s in brief.sections],
        "facts": [
            fact_to_dict(f, stale=is_stale(f, brief.as_of, brief.stale_after_days))
            for f in brief.cited
        ],
    }


class StatementFactory:
    """Builds statements from facts so that date, sources, confidence and staleness are uniform."""

    def __init__(self, kb: KnowledgeBase, as_of: dt.date, stale_after_days: int) -> None:
        self.kb = kb
        self.as_of = as_of
        self.stale_after_days = stale_after_days
        self.cited: dict[str, Fact] = {}

    def _facts(self, fact_ids: tuple[str, ...] | list[str]) -> list[Fact]:
        facts = []
        for fid in dict.fromkeys(fact_ids):
            fact = self.kb.get(fid)
            if fact is None:
                raise KeyError(f"statement cites unknown fact id {fid!r}")
            facts.append(fact)
            self.cited[fid] = fact
        return facts

    def _make(
        self,
        text: str,
        basis: Basis,
        fact_ids: tuple[str, ...] | list[str],
        *,
        evidence: dict[str, Any] | None = None,
        fields: dict[str, str] | None = None,
    ) -> Statement:
        facts = self._facts(fact_ids)
        if basis != "measured" and not facts:
            raise ValueError(f"a {basis} statement needs at least one fact id: {text[:60]!r}")
        dated = [f for f in facts if f.date is not None]
        newest = max(dated, key=lambda f: f.first_date() or dt.date.min, default=None)
        sources = tuple(dict.fromkeys(s for f in facts for s in f.sources))
        if facts:
            confidence: str | None = max(
                (f.confidence for f in facts), key=CONFIDENCE.index
            )  # the weakest link
            stale = is_stale(newest, self.as_of, self.stale_after_days) if newest else True
        else:
            confidence, stale = None, False
        return Statement(
            text=text,
            basis=basis,
            fact_ids=tuple(f.id for f in facts),
            sources=sources,
            date=newest.date if newest else None,
            confidence=confidence if basis != "measured" else "measured",
            stale=stale if basis != "measured" else False,
            overridden=any(f.origin != "built-in" for f in facts),
            evidence=evidence,
            fields=fields or {},
        )

    def fact(self, fact: Fact, fields: dict[str, str] | None = None) -> Statement:
        return self._make(fact.statement, "fact", [fact.id], fields=fields)

    def derived(
        self, text: str, fact_ids: list[str], fields: dict[str, str] | None = None
    ) -> Statement:
        return self._make(text, "derived", fact_ids, fields=fields)

    def guidance(self, text: str, fact_ids: list[str]) -> Statement:
        return self._make(text, "guidance", fact_ids)

    def measured(
        self,
        text: str,
        evidence: dict[str, Any],
        fact_ids: list[str] | None = None,
        fields: dict[str, str] | None = None,
    ) -> Statement:
        return self._make(text, "measured", fact_ids or [], evidence=evidence, fields=fields)
