"""Helpers shared by the Instagram and Facebook source tests (no tests of its own)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from privacyscope.inputs import ExportFile, ExportInput, open_export
from privacyscope.model import (
    ActivityEvent,
    Location,
    Login,
    Message,
    OffPlatformEvent,
    Post,
    Setting,
    to_builtins,
)
from privacyscope.sources import detect
from privacyscope.sources.base import Detection, ReadResult, no_progress


def counts(res: ReadResult) -> dict[str, int]:
    """The issue #6 counts, computed from records the way the audit computes them."""
    r = res.records
    logins = r.of(Login)
    acts = r.of(ActivityEvent)
    events = r.of(OffPlatformEvent)

    def kind(k: str) -> int:
        return sum(1 for a in acts if a.kind == k)

    return {
        "logins": sum(1 for x in logins if x.kind == "login"),
        "ip_addresses": len({x.ip for x in logins if x.ip}),
        "off_platform_events": len(events),
        "off_platform_sources": len({e.source for e in events if e.source}),
        "messages": sum(1 for m in r.of(Message) if m.kind in ("direct", "group")),
        "searches": kind("search"),
        "location_points": sum(
            1 for x in r.of(Location) if x.kind in ("history", "visit", "recent")
        ),
        "advertisers": res.extra_counts.get("advertisers", 0),
        "followers": kind("follower"),
        "following": kind("following"),
        "likes": kind("like"),
        "posts": sum(1 for p in r.of(Post) if not p.deleted),
    }


def read_path(path: Path) -> tuple[str, Detection, ReadResult]:
    with open_export(path) as inp:
        source, det = detect(inp)
        res = source.read(inp, det, no_progress)
    return source.platform, det, res


def settings_view(res: ReadResult) -> dict[str, tuple[Any, str | None, str | None]]:
    by_key = {s.key: s for s in res.records.of(Setting)}
    return {k: (v, by_key[k].meaning, by_key[k].normalized) for k, v in res.settings.items()}


def snapshot(res: ReadResult) -> dict[str, Any]:
    """Everything a read produced, as builtins (for zip-vs-folder comparisons)."""
    return {
        "records": {t.table: [to_builtins(x) for x in xs] for t, xs in res.records.types()},
        "settings": res.settings,
        "sections": res.sections,
        "unrecognized": [(u.path, u.kind, u.records) for u in res.unrecognized],
        "unreadable": [(u.path, u.reason) for u in res.unreadable],
        "extra": res.extra_counts,
        "language": res.language,
        "layout": res.layout,
    }


def memory_export(files: dict[str, bytes], root: str = "mem") -> ExportInput:
    """An ExportInput over in-memory files (for property tests)."""
    out = []
    for name, data in sorted(files.items()):
        out.append(ExportFile(name=name, size=len(data), _opener=_opener(data), origin=root))
    return ExportInput(path=Path(root), kind="folder", files=out)


def _opener(data: bytes) -> object:
    return lambda: io.BytesIO(data)


def folder_files(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }
