"""The audit pipeline: open -> detect -> read -> analyse -> findings + claims."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from privacyscope import __version__
from privacyscope.claims import ClaimResult, run_claims
from privacyscope.context import AuditContext, AuditOptions
from privacyscope.findings import Finding, run_findings
from privacyscope.inputs import open_export
from privacyscope.model import Unreadable
from privacyscope.sources import detect
from privacyscope.sources.base import Progress, ReadResult, no_progress


@dataclass
class AuditResult:
    input_path: str
    input_kind: str
    input_bytes: int
    read: ReadResult
    ctx: AuditContext
    findings: list[Finding]
    claims: list[ClaimResult]
    period: tuple[str | None, str | None]
    generated_at: str
    tool_version: str = __version__
    detection_notes: list[str] = field(default_factory=list)

    @property
    def platform(self) -> str:
        return self.read.platform

    @property
    def counts(self) -> dict[str, int]:
        return self.ctx.counts


def run_audit(
    path: str | os.PathLike[str],
    options: AuditOptions | None = None,
    progress: Progress = no_progress,
) -> AuditResult:
    """Audit one export. Raises :class:`privacyscope.errors.InputError` on bad input."""
    options = options or AuditOptions()
    with open_export(path) as inp:
        source, detection = detect(inp, options.platform)
        detection.context.setdefault("full", options.full_records)
        detection.context.setdefault("low_memory", options.low_memory)
        read = source.read(inp, detection, progress)
        for member, reason in inp.skipped:
            read.unreadable.append(Unreadable(path=member, reason=reason))
        kind, size = inp.kind, inp.total_size()
    from privacyscope.analysis import period

    ctx = AuditContext(read, options)
    findings = run_findings(ctx)
    claims = run_claims(ctx)
    return AuditResult(
        input_path=str(Path(path)),
        input_kind=kind,
        input_bytes=size,
        read=read,
        ctx=ctx,
        findings=findings,
        claims=claims,
        period=period(read.records),
        generated_at=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        detection_notes=list(detection.notes),
    )
