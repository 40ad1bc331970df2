"""The fast SQLite writer gives the rows a plain record-by-record writer gives.

``store.sqlite`` inserts column runs in batches, formats times with numpy, builds indexes and
FTS after the rows and builds big tables on a helper thread in side files that it copies in.
Each test here pins one of those against the straightforward way. No timing: see
``bench/bench_db.py``.
"""

from __future__ import annotations

import random
import re
import sqlite3
import threading
import unicodedata
from array import array
from pathlib import Path
from typing import Any

import orjson
import pytest

from privacyscope.audit import AuditResult, run_audit
from privacyscope.model import (
    NO_TIME,
    RECORD_TYPES,
    ActivityEvent,
    Columns,
    Login,
    Record,
    epoch_to_iso,
)
from privacyscope.sources.tiktok import sections, synth
from privacyscope.store import sqlite as store

SIZES = synth.Sizes(logins=300, watch=700, off_events=400, likes=90, searches=40)


def _tokens(text: str | None) -> set[str]:
    """About what FTS5's default tokenizer (unicode61, diacritics removed) makes of a text."""
    folded = unicodedata.normalize("NFKD", (text or "").lower())
    return set(re.findall(r"[^\W_]+", "".join(c for c in folded if not unicodedata.combining(c))))


def _plain(v: Any) -> Any:
    return v if v is None or isinstance(v, str | int | float) else orjson.dumps(v).decode()


def reference_write(result: AuditResult, path: Path) -> None:
    """The record tables, one record object and one INSERT at a time."""
    con = sqlite3.connect(path)
    for rtype in RECORD_TYPES:
        cols = [f for f in rtype.__struct_fields__ if f != "ref"]
        con.execute(f'CREATE TABLE "{rtype.table}" (id TEXT, {", ".join(cols)})')
        seen: dict[str, int] = {}
        for r in result.read.records.of(rtype):
            n = seen.get(r.ref)
            seen[r.ref] = 0 if n is None else n + 1
            rid = r.ref if n is None else f"{r.ref}#{n + 1}"
            con.execute(
                f'INSERT INTO "{rtype.table}" VALUES ({", ".join("?" * (len(cols) + 1))})',
                (rid, *(_plain(getattr(r, c)) for c in cols)),
            )
    con.commit()
    con.close()


def _rows(path: Path, table: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    with sqlite3.connect(path) as con:
        cur = con.execute(f'SELECT * FROM "{table}" ORDER BY rowid')
        return [d[0] for d in cur.description], cur.fetchall()


def _everything(path: Path) -> dict[str, Any]:
    """Schema and every table (FTS shadow tables too), order-independent."""
    with sqlite3.connect(path) as con:
        schema = sorted(
            con.execute("SELECT type, name, tbl_name, sql FROM sqlite_master"), key=repr
        )
        tables = [
            n
            for (n,) in con.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND rootpage > 0"
            )
        ]
        out: dict[str, Any] = {"schema": schema}
        for t in tables:
            out[t] = sorted(con.execute(f'SELECT * FROM "{t}"'), key=repr)
    return out


@pytest.fixture(params=["serial", "parallel"])
def mode(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setattr(store, "PARALLEL", request.param == "parallel")
    monkeypatch.setattr(store, "PARALLEL_ROWS", 0)  # every non-empty table is "big"
    monkeypatch.setattr(store, "BATCH", 5)  # full batches and a remainder in every run
    monkeypatch.setattr(store, "TIME_SLICE", 7)
    return str(request.param)


@pytest.mark.parametrize("variant", [None, "duplicates", "missing-keys", "na", "empty"])
def test_same_rows_as_record_by_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mode: str, variant: str | None
) -> None:
    path = synth.generate(tmp_path, layout="g4", variant=variant, form="json", sizes=SIZES)
    monkeypatch.setattr(sections, "CHUNK", 97)  # long lists become several column runs
    monkeypatch.setattr(sections, "CHUNK_BYTES", 0)
    result = run_audit(path)
    written = store.write(result, tmp_path / "fast.db")
    reference_write(result, tmp_path / "ref.db")
    for rtype in RECORD_TYPES:
        fast = _rows(tmp_path / "fast.db", rtype.table)
        assert fast == _rows(tmp_path / "ref.db", rtype.table), rtype.table
        assert written[rtype.table] == len(fast[1])
    assert sum(written.values()) > 1000 or variant == "empty"


def test_serial_and_parallel_write_the_same_file_content(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = synth.generate(tmp_path, layout="g4", form="json", sizes=SIZES)
    result = run_audit(path)
    monkeypatch.setattr(store, "PARALLEL_ROWS", 0)
    monkeypatch.setattr(store, "PARALLEL", False)
    store.write(result, tmp_path / "serial.db")
    monkeypatch.setattr(store, "PARALLEL", True)
    store.write(result, tmp_path / "parallel.db")
    serial, parallel = _everything(tmp_path / "serial.db"), _everything(tmp_path / "parallel.db")
    assert serial.keys() == parallel.keys()
    for table in serial:
        assert serial[table] == parallel[table], table


def test_schema_indexes_and_fts(tmp_path: Path, mode: str) -> None:
    path = synth.generate(tmp_path, layout="g4", form="json", sizes=SIZES)
    db = tmp_path / "audit.db"
    store.write(run_audit(path), db)
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    indexes = {
        name: (table, unique)
        for table in (t.table for t in RECORD_TYPES)
        for _, name, unique, *_ in con.execute(f'PRAGMA index_list("{table}")')
    }
    for rtype in RECORD_TYPES:
        t = rtype.table
        assert indexes[f"idx_{t}_id"] == (t, 1)
        plan = " ".join(
            r[-1]
            for r in con.execute(f'EXPLAIN QUERY PLAN SELECT * FROM "{t}" WHERE id = ?', ("x",))
        )
        assert f"idx_{t}_id" in plan
        for c in rtype.__struct_fields__:
            if c in store.INDEXED:
                assert indexes[f"idx_{t}_{c}"] == (t, 0)
        if rtype.fts:
            fts = f"{t}_fts"
            con.execute(f'INSERT INTO "{fts}"("{fts}") VALUES(\'integrity-check\')')
            sql = con.execute("SELECT sql FROM sqlite_master WHERE name = ?", (fts,)).fetchone()
            assert f"content='{t}'" in sql[0]
            automerge = con.execute(f"SELECT v FROM \"{fts}_config\" WHERE k = 'automerge'")
            assert automerge.fetchall() in ([], [(4,)])  # the default again
    # search finds the rows holding the word, through the rowids the web and Datasette join on
    for table, word in (("activity", "video"), ("messages", "weekend"), ("activity", "share")):
        hits = con.execute(
            f'SELECT t.rowid FROM "{table}_fts" f JOIN "{table}" t ON t.rowid = f.rowid '
            f'WHERE "{table}_fts" MATCH ? ORDER BY t.rowid',
            (word,),
        ).fetchall()
        fts = next(r for r in RECORD_TYPES if r.table == table).fts
        expected = [
            (rowid,)
            for rowid, *texts in con.execute(
                f'SELECT rowid, {", ".join(fts)} FROM "{table}" ORDER BY rowid'
            )
            if any(word in _tokens(x) for x in texts)
        ]
        assert hits and hits == expected, (table, word)
    times = [t for (t,) in con.execute("SELECT time FROM logins") if t]
    assert times and all(len(t) == 20 and t[10] == "T" and t.endswith("Z") for t in times)


def test_iso_times_is_epoch_to_iso() -> None:
    rng = random.Random(7)
    lo, hi = -62135596800, 253402300799  # 0001-01-01 .. 9999-12-31
    values = [lo, hi, 0, -1, 86399, 86400, 951782400, 951868799, 4107542400, NO_TIME]
    values += [rng.randrange(lo, hi + 1) for _ in range(20000)]
    values += [rng.randrange(0, 4102444800) for _ in range(20000)]
    col = array("q", values)
    assert store.iso_times(col) == [epoch_to_iso(t) for t in values]
    assert store.iso_times(array("q")) == []
    assert store.iso_times(array("q", [NO_TIME] * 3)) == [None] * 3
    with pytest.raises(OverflowError):  # as epoch_to_iso: no such ISO time
        store.iso_times(array("q", [0, hi + 1]))


def _run(rtype: type[Record], base: str, start: int, n: int, **cols: Any) -> Columns:
    return Columns(rtype, base, n, {"kind": "watch"}, dict(cols), start=start)


def test_repeated_refs_get_a_suffix(tmp_path: Path, mode: str) -> None:
    """A ref written before (by a run or a record) gets #1, #2... in export order."""
    from privacyscope.model import RecordSet

    rs = RecordSet()
    times = array("q", [1740809431 + i for i in range(6)])
    rs.add_columns(_run(ActivityEvent, "W", 0, 6, time=times, value=list("abcdef")))
    rs.add(ActivityEvent(ref="W[2]", kind="like", time="2025-03-01T06:10:31Z"))
    rs.add(ActivityEvent(ref="W[2]", kind="like"))
    rs.add(ActivityEvent(ref="L[0]", kind="like"))
    rs.add_columns(_run(ActivityEvent, "W", 4, 4, time=times[:4], value=list("wxyz")))
    rs.add_columns(_run(ActivityEvent, "L", 0, 2, time=times[:2], value=[None, None]))
    rs.add_columns(_run(ActivityEvent, "W", 10, 2, time=array("q", [NO_TIME] * 2), value=["", ""]))
    rs.add(Login(ref="x", ip="1.2.3.4", time="2025-03-01T06:10:31Z"))
    result = run_audit(synth.generate(tmp_path, layout="g4", form="json"))
    result.read.records = rs
    store.write(result, tmp_path / "fast.db")
    reference_write(result, tmp_path / "ref.db")
    _, rows = _rows(tmp_path / "fast.db", "activity")
    assert [r[0] for r in rows] == [
        *(f"W[{i}]" for i in range(6)),
        "W[2]#1",
        "W[2]#2",
        "L[0]",
        "W[4]#1",
        "W[5]#1",
        "W[6]",
        "W[7]",
        "L[0]#1",
        "L[1]",
        "W[10]",
        "W[11]",
    ]
    for rtype in RECORD_TYPES:
        assert _rows(tmp_path / "fast.db", rtype.table) == _rows(tmp_path / "ref.db", rtype.table)


@pytest.mark.parametrize("where", ["main", "helper", "tail", "copy"])
def test_a_failure_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    path = synth.generate(tmp_path / "in", layout="g4", form="json", sizes=SIZES)
    monkeypatch.setattr(sections, "CHUNK", 97)  # several runs: the helper writes a tail
    monkeypatch.setattr(sections, "CHUNK_BYTES", 0)
    result = run_audit(path)
    monkeypatch.setattr(store, "PARALLEL", True)
    monkeypatch.setattr(store, "PARALLEL_ROWS", 0)
    index, insert_run = store._index, store._insert_run
    helper_failed = threading.Event()

    def on_main() -> bool:
        return threading.current_thread() is threading.main_thread()

    def failing_index(con: sqlite3.Connection, rtype: type[Record]) -> None:
        if where == "main" and on_main():
            raise RuntimeError("disk on fire")
        if where == "helper" and not on_main():
            helper_failed.set()
            raise RuntimeError("disk on fire")
        if where == "helper" and on_main():
            helper_failed.wait(10)  # the helper gets a table before this thread is done
        index(con, rtype)

    def failing_run(con: sqlite3.Connection, table: str, cols: list[str], run: Columns) -> None:
        if where == "tail" and not on_main():
            raise RuntimeError("disk on fire")
        insert_run(con, table, cols, run)

    def failing_copy(con: sqlite3.Connection, rtype: type[Record], side: Path) -> None:
        con.execute("COMMIT")
        con.execute("ATTACH DATABASE ? AS side", (str(side),))
        raise RuntimeError("disk on fire")  # with the side file attached

    monkeypatch.setattr(store, "_index", failing_index)
    monkeypatch.setattr(store, "_insert_run", failing_run)
    if where == "copy":
        monkeypatch.setattr(store, "_copy_in", failing_copy)
    out = tmp_path / "out"
    with pytest.raises(RuntimeError, match="disk on fire"):
        store.write(result, out / "audit.db")
    assert list(out.iterdir()) == []
    assert not [t for t in threading.enumerate() if t.name == "privacyscope-sqlite"]
