"""``dashboard.json``: what the dashboard pages need beyond the SQLite tables, computed once
when the audit finishes (login trail, activity series, watch time, off-platform summary,
settings checklist, findings and claims with their texts). Pages read this small file and
query ``audit.db`` for records, so a large export's pages stay fast."""

from __future__ import annotations

import dataclasses
from collections import Counter
from pathlib import Path
from typing import Any

from privacyscope.audit import AuditResult
from privacyscope.findings.base import SEVERITY_ORDER
from privacyscope.model import OffPlatformEvent, Setting
from privacyscope.report.terminal import PLATFORM_NAMES
from privacyscope.web.checklist import checklist

SUMMARY_VERSION = 1
MAX_IPS = 500
MAX_SOURCES = 200
MAX_CLAIM_REFS = 200


def _off_platform(events: list[OffPlatformEvent]) -> dict[str, Any]:
    sources: dict[str, dict[str, Any]] = {}
    for e in events:
        name = e.source or "unknown"
        s = sources.setdefault(
            name, {"source": name, "events": 0, "first": None, "last": None, "types": Counter()}
        )
        s["events"] += 1
        s["types"][e.event or "unknown"] += 1
        if e.time:
            s["first"] = e.time if s["first"] is None or e.time < s["first"] else s["first"]
            s["last"] = e.time if s["last"] is None or e.time > s["last"] else s["last"]
    top = sorted(sources.values(), key=lambda s: -s["events"])
    rows = [s | {"types": dict(s["types"].most_common(5))} for s in top[:MAX_SOURCES]]
    return {
        "total": len(events),
        "sources": len(sources),
        "top": rows,
        "event_types": dict(Counter(e.event or "unknown" for e in events).most_common(50)),
    }


def build(result: AuditResult, name: str) -> dict[str, Any]:
    read = result.read
    ctx = result.ctx
    trail = dataclasses.asdict(ctx.trail)
    trail["ips_total"] = len(trail["ips"])
    trail["ips"] = trail["ips"][:MAX_IPS]
    present = [f for f in result.findings if f.status == "present"]
    severity = {s: sum(1 for f in present if f.severity == s) for s in SEVERITY_ORDER}
    tables = {rtype.table: len(records) for rtype, records in read.records.types()}
    return {
        "version": SUMMARY_VERSION,
        "name": name,
        "platform": read.platform,
        "platform_name": PLATFORM_NAMES.get(read.platform, read.platform),
        "layout": read.layout,
        "layout_name": read.layout_name or read.layout,
        "format": read.format,
        "language": read.language,
        "input": {
            "name": Path(result.input_path).name,
            "kind": result.input_kind,
            "bytes": result.input_bytes,
        },
        "period": list(result.period),
        "generated_at": result.generated_at,
        "tool_version": result.tool_version,
        "notes": read.notes + result.detection_notes,
        "counts": result.counts,
        "tables": tables,
        "records_total": sum(tables.values()),
        "severity": severity,
        "findings_total": len(result.findings),
        "present_total": len(present),
        "findings": [
            {
                "id": f.id,
                "title": f.title,
                "severity": f.severity,
                "category": f.category,
                "status": f.status,
                "summary": f.summary,
                "description": f.description,
                "remediation": f.remediation,
                "evidence": f.evidence,
                "refs": len(f.refs),
                "record_table": f.record_table,
                "references": f.references,
            }
            for f in result.findings
        ],
        "claims": [
            {
                "id": c.id,
                "claim": c.claim,
                "verdict": c.verdict,
                "summary": c.summary,
                "evidence": c.evidence,
                "refs": c.refs[:MAX_CLAIM_REFS],
                "refs_total": len(c.refs),
                "references": c.references,
            }
            for c in result.claims
        ],
        "series": {"per_day": ctx.series.per_day, "by_hour": ctx.series.by_hour},
        "trail": trail,
        "watch": dataclasses.asdict(ctx.watch),
        "locations": ctx.locations,
        "off_platform": _off_platform(read.records.of(OffPlatformEvent)),
        "settings": checklist(read.records.of(Setting), result.findings, read.platform),
        "unreadable": [{"path": u.path, "reason": u.reason} for u in read.unreadable],
        "unrecognized": len(read.unrecognized),
    }
