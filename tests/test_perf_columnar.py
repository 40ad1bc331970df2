"""The columnar fast path (ADR 0006) gives exactly what the record-by-record path gives.

No timing here: speed lives in ``bench/``.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from privacyscope.audit import run_audit
from privacyscope.context import AuditOptions
from privacyscope.model import Columns, RecordList, parts_of, to_builtins
from privacyscope.report import jsonreport
from privacyscope.sources.tiktok import json_reader, sections, synth
from privacyscope.store import sqlite as store

CASES = [(layout, None) for layout in ("g1", "g2", "us", "g3", "g4")] + [
    ("g4", v) for v in synth.VARIANTS
]


def _both(path: Path, monkeypatch: pytest.MonkeyPatch, **opts: bool) -> tuple:  # type: ignore[type-arg]
    fast = run_audit(path, AuditOptions(**opts))
    monkeypatch.setattr(json_reader, "FAST_PATH", False)
    monkeypatch.setattr(sections, "COLUMNAR", False)
    slow = run_audit(path, AuditOptions(**opts))
    monkeypatch.setattr(json_reader, "FAST_PATH", True)
    monkeypatch.setattr(sections, "COLUMNAR", True)
    return fast, slow


def _report(result: object) -> dict:  # type: ignore[type-arg]
    d = jsonreport.to_dict(result)  # type: ignore[arg-type]
    d.pop("generated_at")
    return d


@pytest.mark.parametrize(("layout", "variant"), CASES)
def test_fast_path_equals_generic_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, layout: str, variant: str | None
) -> None:
    path = synth.generate(tmp_path, layout=layout, variant=variant, form="json")
    monkeypatch.setattr(sections, "CHUNK", 7)  # long lists are decoded in chunks
    monkeypatch.setattr(sections, "CHUNK_BYTES", 0)
    fast, slow = _both(path, monkeypatch)
    assert _report(fast) == _report(slow)
    for (t, a), (_, b) in zip(fast.read.records.types(), slow.read.records.types(), strict=True):
        assert [to_builtins(x) for x in a] == [to_builtins(x) for x in b], t.__name__
    assert fast.read.sections == slow.read.sections
    assert fast.read.notes == slow.read.notes


def test_fast_path_is_taken_for_big_lists(tmp_path: Path) -> None:
    path = synth.generate(tmp_path, layout="g4", form="json")
    from privacyscope.model import ActivityEvent, Login, Message, OffPlatformEvent

    rs = run_audit(path).read.records
    for t in (ActivityEvent, Login, Message, OffPlatformEvent):
        recs = rs.of(t)
        assert isinstance(recs, RecordList)
        assert any(isinstance(p, Columns) for p in parts_of(recs))
        assert recs[0] == next(iter(recs)) and recs[-1] == list(recs)[-1]
        assert recs[:3] == list(recs)[:3]


def test_audit_only_mode_drops_only_watch_links(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = synth.generate(tmp_path, layout="g4", form="json")
    lean = run_audit(path, AuditOptions(full_records=False))
    full = run_audit(path)
    assert _report(lean) == _report(full)
    from privacyscope.model import ActivityEvent

    watch = [a for a in lean.read.records.of(ActivityEvent) if a.kind == "watch"]
    assert watch and all(a.value is None for a in watch)


def test_sqlite_same_rows_from_columns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = synth.generate(tmp_path, layout="g4", variant="duplicates", form="json")
    fast, slow = _both(path, monkeypatch)
    store.write(fast, tmp_path / "fast.db", metadata=False)
    store.write(slow, tmp_path / "slow.db", metadata=False)
    for table in ("activity", "logins", "messages", "off_platform_events"):
        q = f'SELECT * FROM "{table}" ORDER BY rowid'
        with sqlite3.connect(tmp_path / "fast.db") as a, sqlite3.connect(tmp_path / "slow.db") as b:
            assert a.execute(q).fetchall() == b.execute(q).fetchall(), table


@pytest.mark.parametrize(("layout", "variant"), CASES)
def test_low_memory_stream_equals_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, layout: str, variant: str | None
) -> None:
    from privacyscope.sources.tiktok import stream

    monkeypatch.setattr(stream, "BATCH", 7)  # many batches even for small lists
    path = synth.generate(tmp_path, layout=layout, variant=variant, form="zip")
    low = run_audit(path, AuditOptions(low_memory=True))
    default = run_audit(path)
    assert _report(low) == _report(default)
    for (t, a), (_, b) in zip(low.read.records.types(), default.read.records.types(), strict=True):
        assert [to_builtins(x) for x in a] == [to_builtins(x) for x in b], t.__name__
    assert low.read.sections == default.read.sections
    assert low.read.notes == default.read.notes


@pytest.mark.parametrize("lang", synth.LANGS)
def test_txt_columnar_equals_generic(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    sizes = synth.Sizes(logins=200, watch=300, off_events=150)
    path = synth.generate(tmp_path, layout="txt", lang=lang, sizes=sizes, form="folder")
    fast = run_audit(path)
    monkeypatch.setattr(sections, "COLUMNAR", False)
    slow = run_audit(path)
    assert _report(fast) == _report(slow)
    for (t, a), (_, b) in zip(fast.read.records.types(), slow.read.records.types(), strict=True):
        assert [to_builtins(x) for x in a] == [to_builtins(x) for x in b], t.__name__


def test_duplicate_list_read_once_when_one_copy_took_the_generic_path(tmp_path: Path) -> None:
    """G4 lists Off TikTok Activity twice; an unknown key sends the first copy down the
    generic path, and the byte-identical second copy must still be recognised as the same."""
    import json

    top = synth.build_json(synth.build_data(), "g4")
    for cat in ("Profile And Settings", "Your Activity"):
        section = top[cat]["Off TikTok Activity"]
        key = next(k for k, v in section.items() if isinstance(v, list))
        section[key][0]["Surprise"] = "x"
    path = tmp_path / "user_data_tiktok.json"
    path.write_text(json.dumps(top, indent=2))
    read = run_audit(path).read
    assert not read.unreadable
    assert any("repeats" in n and "Off TikTok Activity" in n for n in read.notes)
    assert [u.path for u in read.unrecognized if u.path.endswith(".Surprise")] == [
        f"Profile And Settings/Off TikTok Activity/{key}.Surprise"
    ]
