"""The versioned JSON report (``--json``). Documented in docs/report-json.md.

``schema_version`` changes only when a field is removed or changes meaning; new fields may be
added within a version.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import orjson

from privacyscope.audit import AuditResult
from privacyscope.model import Setting

SCHEMA_VERSION = 1


def to_dict(result: AuditResult) -> dict[str, Any]:
    read = result.read
    ctx = result.ctx
    trail = ctx.trail
    watch = ctx.watch
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "privacyscope", "version": result.tool_version},
        "generated_at": result.generated_at,
        "input": {
            "name": Path(result.input_path).name,
            "kind": result.input_kind,
            "bytes": result.input_bytes,
        },
        "platform": read.platform,
        "export": {
            "layout": read.layout,
            "layout_name": read.layout_name or read.layout,
            "format": read.format,
            "language": read.language,
            "notes": read.notes + result.detection_notes,
        },
        "period": {"first": result.period[0], "last": result.period[1]},
        "counts": result.counts,
        "settings": read.settings,
        "settings_normalized": [
            {"key": s.key, "value": s.value, "meaning": s.meaning, "normalized": s.normalized}
            for s in read.records.of(Setting)
        ],
        "findings": [
            {
                "id": f.id,
                "severity": f.severity,
                "status": f.status,
                "category": f.category,
                "title": f.title,
                "summary": f.summary,
                "explanation": f.description,
                "evidence": f.evidence,
                "refs": f.refs,
                "record_table": f.record_table,
                "remediation": f.remediation,
                "references": f.references,
            }
            for f in result.findings
        ],
        "claims": [
            {
                "id": c.id,
                "claim": c.claim,
                "verdict": c.verdict,
                "explanation": c.summary,
                "evidence": c.evidence,
                "refs": c.refs,
            }
            for c in result.claims
        ],
        "unrecognized": [
            {"path": u.path, "kind": u.kind, "records": u.records, "example_keys": u.example_keys}
            for u in read.unrecognized
        ],
        "unreadable": [{"path": u.path, "reason": u.reason} for u in read.unreadable],
        "sections": read.sections,
        "analysis": {
            "login_trail": {k: v for k, v in dataclasses.asdict(trail).items() if k != "ips"}
            | {"ips": [{k: v for k, v in e.items() if k != "refs"} for e in trail.ips]},
            "watch_time": dataclasses.asdict(watch),
            "activity_per_day": ctx.series.per_day,
            "activity_by_hour_utc": ctx.series.by_hour,
            "locations": ctx.locations,
        },
    }


def dumps(result: AuditResult) -> bytes:
    return orjson.dumps(to_dict(result), option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS)


def write(result: AuditResult, path: Path) -> None:
    from privacyscope.report.files import atomic_write

    atomic_write(path, dumps(result))
