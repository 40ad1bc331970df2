"""What findings and claims see of an export: records, settings and derived analyses."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from privacyscope import analysis
from privacyscope.model import Record, RecordSet, Setting
from privacyscope.sources.base import ReadResult


@dataclass
class AuditOptions:
    session_gap_minutes: float = analysis.DEFAULT_SESSION_GAP_MIN
    platform: str | None = None  # force a platform instead of detecting it
    #: keep every field of every record (the SQLite output needs them); False lets a reader
    #: drop fields no finding reads, e.g. the links of millions of watched videos
    full_records: bool = True
    #: stream the export instead of loading it (ADR 0006); slower, a fraction of the memory
    low_memory: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


class AuditContext:
    def __init__(self, read: ReadResult, options: AuditOptions | None = None) -> None:
        self.read = read
        self.platform = read.platform
        self.records: RecordSet = read.records
        self.options = options or AuditOptions()

    def setting(self, meaning: str) -> Setting | None:
        for s in self.records.of(Setting):
            if s.meaning == meaning:
                return s
        return None

    def present(self, table: str, kind: type[Record] | None = None) -> bool:
        """Did the export hold this kind of data at all (even an empty section)?"""
        if table in self.read.present:
            return True
        if kind is not None:
            return bool(self.records.of(kind))
        return any(t.table == table and rs for t, rs in self.records.types())

    def unreadable_about(self, *words: str) -> list[str]:
        """Unreadable parts whose path mentions one of ``words`` (case-insensitive)."""
        low = [w.lower() for w in words]
        return [u.path for u in self.read.unreadable if any(w in u.path.lower() for w in low)]

    @cached_property
    def counts(self) -> dict[str, int]:
        return analysis.counts(self.read)

    @cached_property
    def trail(self) -> analysis.LoginTrail:
        return analysis.login_trail(self.records)

    @cached_property
    def series(self) -> analysis.ActivitySeries:
        return analysis.activity_series(self.records)

    @cached_property
    def watch(self) -> analysis.WatchTime:
        return analysis.watch_time(self.records, self.options.session_gap_minutes)

    @cached_property
    def locations(self) -> dict[str, Any]:
        return analysis.location_intervals(self.records)
