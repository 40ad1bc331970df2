"""Assemble a brief from the knowledge base and the optional scan/audit inputs."""

from __future__ import annotations

import datetime as dt

from privacyscope.brief import compare, measured, risks, sections
from privacyscope.brief.inputs import AuditInput, ScanInput
from privacyscope.brief.model import Brief, Section, StatementFactory
from privacyscope.facts import PLATFORM_NAMES, PLATFORMS, KnowledgeBase
from privacyscope.facts.options import DEFAULT_STALE_AFTER_DAYS


def build_brief(
    kb: KnowledgeBase,
    platform: str,
    peers: list[str] | None = None,
    *,
    scan: ScanInput | None = None,
    audit: AuditInput | None = None,
    as_of: dt.date | None = None,
    stale_after_days: int = DEFAULT_STALE_AFTER_DAYS,
) -> Brief:
    """``platform`` and ``peers`` must be canonical names (see :func:`resolve_platform`)."""
    day = as_of or dt.date.today()
    peer_list = [p for p in (peers if peers is not None else PLATFORMS) if p != platform]
    sf = StatementFactory(kb, day, stale_after_days)
    parts: list[Section | None] = [
        sections.jurisdiction(sf, platform),
        sections.regulatory(sf, platform),
        sections.bans(sf, platform),
        sections.defaults(sf, platform),
        measured.claims(sf, platform, audit),
        measured.measured(sf, platform, scan, audit),
        risks.register(sf, platform, scan, audit),
        compare.comparison(sf, platform, peer_list) if peer_list else None,
    ]
    built = [s for s in parts if s is not None and (s.statements or s.groups)]
    cited = sorted(sf.cited.values(), key=lambda f: (f.topic, f.id))
    return Brief(
        platform=platform,
        platform_name=PLATFORM_NAMES[platform],
        peers=peer_list,
        as_of=day,
        stale_after_days=stale_after_days,
        generated=dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        knowledge_base={
            "data_version": kb.meta.get("data_version"),
            "compiled": kb.meta.get("compiled"),
            "newest_source_date": kb.meta.get("newest_source_date"),
            "coverage_gap": kb.meta.get("coverage_gap"),
            "user_files": list(kb.user_files),
            "overridden": sorted(kb.overridden),
            "added": sorted(kb.added),
        },
        sections=built,
        cited=cited,
        inputs={
            "scan": scan.path if scan else None,
            "scan_url": scan.url if scan else None,
            "audit": audit.path if audit else None,
            "audit_platform": audit.platform if audit else None,
        },
    )
