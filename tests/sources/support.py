"""Helpers shared by the platform reader tests (no tests of its own).

Counts are computed here from the records, independently of ``privacyscope.analysis.counts``,
so that a change there cannot hide a reader or generator bug.
"""

from __future__ import annotations

import io
import json
import os
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from privacyscope import model
from privacyscope.errors import InputError
from privacyscope.inputs import ExportFile, ExportInput, open_export
from privacyscope.sources import detect
from privacyscope.sources.base import Detection, ReadResult, Source, no_progress

GOLDEN = Path(__file__).parent / "golden"

#: counts every reader's tests check
GENERIC_COUNTS = (
    "logins",
    "ip_addresses",
    "watch_history",
    "searches",
    "location_points",
    "messages",
    "off_platform_events",
    "off_platform_sources",
    "device_identifiers",
)
#: counts of a social network's own activity
SOCIAL_COUNTS = ("likes", "followers", "following", "posts")
#: Instagram's and Facebook's record counts (no watch history or device identifiers)
META_COUNTS = (
    "logins",
    "ip_addresses",
    "off_platform_events",
    "off_platform_sources",
    "messages",
    "searches",
    "location_points",
    *SOCIAL_COUNTS,
)

#: finding families every platform's remediation text covers
GENERIC_FAMILIES = frozenset(
    {
        "ads.profile",
        "exposure.messages_everyone",
        "exposure.personalized_ads",
        "exposure.public_account",
        "identifiers.device_ids",
        "location.data_held",
        "logins.ip_trail",
        "messages.retained",
        "profile.personal_data",
        "tracking.off_platform",
    }
)
#: exactly the finding families Instagram's and Facebook's remediation text covers
META_FAMILIES = GENERIC_FAMILIES | {"exposure.suggested_to_others", "exposure.comments_everyone"}


# -- reading ----------------------------------------------------------------------------------


def read_path(path: Path, platform: str | None = None) -> tuple[str, Detection, ReadResult]:
    """Open, detect and read an export as the audit does: (platform, detection, result).

    With ``platform``, the export must be claimed by that platform's source."""
    with open_export(path) as inp:
        source, det = detect(inp)
        if platform is not None:
            assert source.platform == platform
        res = source.read(inp, det, no_progress)
    return source.platform, det, res


def read_export(path: Path, platform: str) -> ReadResult:
    """The result of reading ``path``, which ``platform``'s source must claim."""
    return read_path(path, platform)[2]


# -- what a read found ------------------------------------------------------------------------


def counts_of(read: ReadResult, keys: Iterable[str]) -> dict[str, int]:
    """The named counts, computed from the records the way the audit defines them."""
    rs = read.records
    acts = Counter(a.kind for a in rs.of(model.ActivityEvent))
    logins = rs.of(model.Login)
    off = rs.of(model.OffPlatformEvent)
    every = {
        "logins": sum(1 for x in logins if x.kind == "login"),
        "ip_addresses": len({x.ip for x in logins if x.ip}),
        "watch_history": acts["watch"],
        "searches": acts["search"],
        "location_points": sum(
            1 for x in rs.of(model.Location) if x.kind in ("history", "visit", "recent")
        ),
        "messages": sum(1 for m in rs.of(model.Message) if m.kind in ("direct", "group")),
        "off_platform_events": len(off),
        "off_platform_sources": len({e.source for e in off if e.source}),
        "device_identifiers": len({d.value for d in rs.of(model.DeviceIdentifier) if d.value}),
        "likes": acts["like"],
        "followers": acts["follower"],
        "following": acts["following"],
        "posts": sum(1 for p in rs.of(model.Post) if not p.deleted),
    }
    return {k: every[k] for k in keys}


def meta_counts(res: ReadResult) -> dict[str, int]:
    """The issue #6 counts of an Instagram or Facebook read."""
    return {**counts_of(res, META_COUNTS), "advertisers": res.extra_counts.get("advertisers", 0)}


def settings_of(read: ReadResult, *, meaning_only: bool = False) -> dict[str, Any]:
    """Setting records as key -> [raw value, meaning, normalised value]."""
    return {
        s.key: [s.value, s.meaning, s.normalized]
        for s in read.records.of(model.Setting)
        if s.meaning or not meaning_only
    }


def settings_view(res: ReadResult) -> dict[str, tuple[Any, str | None, str | None]]:
    """The raw settings, each with its record's meaning and normalised value."""
    by_key = {s.key: s for s in res.records.of(model.Setting)}
    return {k: (v, by_key[k].meaning, by_key[k].normalized) for k, v in res.settings.items()}


def snapshot(res: ReadResult) -> dict[str, Any]:
    """Everything a read produced, as builtins (for zip-vs-folder comparisons)."""
    return {
        "records": {t.table: [model.to_builtins(x) for x in xs] for t, xs in res.records.types()},
        "settings": res.settings,
        "sections": res.sections,
        "unrecognized": [(u.path, u.kind, u.records) for u in res.unrecognized],
        "unreadable": [(u.path, u.reason) for u in res.unreadable],
        "extra": res.extra_counts,
        "language": res.language,
        "layout": res.layout,
    }


def assert_same_records(a: ReadResult, b: ReadResult) -> None:
    """Both reads found the same records, type by type."""
    for (t, ra), (_, rb) in zip(a.records.types(), b.records.types(), strict=True):
        assert ra == rb, t.__name__


def read_summary(read: ReadResult, counts: dict[str, int], **more: Any) -> dict[str, Any]:
    """A reader's golden snapshot: layout, counts, raw settings and sections (and ``more``)."""
    return {
        "layout": read.layout,
        "counts": counts,
        "settings": read.settings,
        "sections": read.sections,
        **more,
    }


def meta_summary(det: Detection, res: ReadResult) -> dict[str, Any]:
    """An Instagram or Facebook read's golden snapshot."""
    return {
        "layout": det.layout,
        "language": res.language,
        "counts": meta_counts(res),
        "settings": {k: list(v) for k, v in settings_view(res).items()},
        "sections": dict(sorted(res.sections.items())),
    }


def assert_golden(name: str, data: dict[str, Any]) -> None:
    """``data`` equals the JSON snapshot ``golden/<name>.json``, compared as JSON.

    ``PRIVACYSCOPE_UPDATE_GOLDEN=1`` (or ``UPDATE_GOLDEN=1``) rewrites the snapshot first."""
    path = GOLDEN / f"{name}.json"
    text = json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    if "1" in (os.environ.get("PRIVACYSCOPE_UPDATE_GOLDEN"), os.environ.get("UPDATE_GOLDEN")):
        path.write_text(text, encoding="utf-8")
    if not path.exists():
        pytest.fail(f"{path.name} missing: run with PRIVACYSCOPE_UPDATE_GOLDEN=1")
    assert json.loads(path.read_text(encoding="utf-8")) == json.loads(text)


# -- exports in memory (property tests) -------------------------------------------------------


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


_GENERATED: dict[tuple[str, str], dict[str, bytes]] = {}


def generated_files(synth: ModuleType, layout: str, tmp: Path) -> dict[str, bytes]:
    """The files of ``synth.generate(layout=layout)`` as a folder (generated once, under ``tmp``;
    callers copy before changing)."""
    key = (synth.__name__, layout)
    if key not in _GENERATED:
        platform = synth.__name__.split(".")[-2]
        root = synth.generate(tmp / f"{platform}-{layout}", layout=layout, as_zip=False)
        _GENERATED[key] = folder_files(root)
    return _GENERATED[key]


def mutate(value: Any, path: list[int], replacement: Any) -> Any:
    """Replace the node reached by following ``path`` (indices modulo children) by
    ``replacement``."""
    if not path or not isinstance(value, list | dict) or not value:
        return replacement
    if isinstance(value, list):
        i = path[0] % len(value)
        out = list(value)
        out[i] = mutate(value[i], path[1:], replacement)
        return out
    keys = list(value)
    k = keys[path[0] % len(keys)]
    return {**value, k: mutate(value[k], path[1:], replacement)}


def assert_read_or_input_error(source: Source, files: dict[str, bytes]) -> None:
    """The files are not claimed, refused with an InputError, or read into a ReadResult."""
    inp = memory_export(files)
    try:
        det = source.detect(inp)
        if det is None:
            return
        res = source.read(inp, det, no_progress)
    except InputError:
        return
    assert isinstance(res, ReadResult)
