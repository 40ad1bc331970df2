"""The SQLite output (``--db``): one table per record type, stable ids, indexes, FTS5.

* Every record table has ``id`` (the record's ``ref``, stable for the same export, made unique
  with ``#n`` if an export repeats a path) and the record's fields as columns.
* ``findings``, ``finding_refs`` (finding -> record ids), ``claims``, ``unrecognized``,
  ``unreadable`` and ``audit`` (key/value metadata) describe the audit.
* Text columns listed in each record type's ``fts`` get an external-content FTS5 table
  (``<table>_fts``), which Datasette picks up for search.
* ``<db>.metadata.json`` next to the database configures Datasette facets:
  ``datasette audit.db -m audit.metadata.json``.

The file is written to a temporary name and renamed when complete.
"""

from __future__ import annotations

import itertools
import os
import sqlite3
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import msgspec
import orjson

from privacyscope.audit import AuditResult
from privacyscope.model import (
    RECORD_TYPES,
    Columns,
    Record,
    epoch_to_iso,
    iter_part,
    parts_of,
)

INDEXED = ("time", "kind", "ip", "source", "event", "chat", "meaning", "category", "id_type")


def _columns(rtype: type[Record]) -> list[str]:
    return [f for f in rtype.__struct_fields__ if f != "ref"]


def _sql_value(v: Any) -> Any:
    if v is None or isinstance(v, str | int | float):
        return v
    if isinstance(v, bool):
        return int(v)
    return orjson.dumps(v).decode()


def write(result: AuditResult, path: Path, metadata: bool = True) -> dict[str, int]:
    """Write the database atomically; returns rows written per table."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        written = _write(result, Path(tmp))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    if metadata:
        meta = datasette_metadata(result, path.stem)
        from privacyscope.report.files import atomic_write

        atomic_write(
            path.with_suffix(".metadata.json"), orjson.dumps(meta, option=orjson.OPT_INDENT_2)
        )
    return written


def _write(result: AuditResult, tmp: Path) -> dict[str, int]:
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    try:
        con.execute("PRAGMA journal_mode=OFF")
        con.execute("PRAGMA synchronous=OFF")
        con.execute("PRAGMA cache_size=-262144")  # 256 MiB: big tables and indexes in memory
        con.execute("PRAGMA temp_store=MEMORY")
        written: dict[str, int] = {}
        for rtype in RECORD_TYPES:
            written[rtype.table] = _write_records(con, rtype, result.read.records.of(rtype))
        _write_meta(con, result)
        con.commit()
    finally:
        con.close()
    return written


def _write_records(con: sqlite3.Connection, rtype: type[Record], records: list[Any]) -> int:
    cols = _columns(rtype)
    table = rtype.table
    col_sql = ", ".join(f'"{c}"' for c in cols)
    con.execute(f'CREATE TABLE "{table}" (id TEXT PRIMARY KEY, {col_sql})')
    seen: dict[str, int] = {}
    bases: set[tuple[str, int]] = set()
    fields = [rtype.__struct_fields__.index(c) for c in cols]
    ref_i = rtype.__struct_fields__.index("ref")

    def unique(rid: str) -> str:
        if rid in seen:
            seen[rid] += 1
            return f"{rid}#{seen[rid]}"
        seen[rid] = 0
        return rid

    def rows() -> Any:
        for part in parts_of(records):
            if isinstance(part, Columns) and (part.ref_base, part.start) not in bases:
                # column-stored run: rows straight from the columns, no record objects
                bases.add((part.ref_base, part.start))
                refs = (part.ref(i) for i in range(part.n))
                yield from zip(refs, *(_column(part, c) for c in cols), strict=True)
                continue
            for r in iter_part(part):
                values = msgspec.structs.astuple(r)
                rid = unique(values[ref_i])
                yield (rid, *(_sql_value(values[i]) for i in fields))

    marks = ", ".join("?" for _ in range(len(cols) + 1))
    con.executemany(f'INSERT INTO "{table}" VALUES ({marks})', rows())
    for c in cols:
        if c in INDEXED:
            con.execute(f'CREATE INDEX "idx_{table}_{c}" ON "{table}"("{c}")')
    if rtype.fts:
        fts_cols = ", ".join(f'"{c}"' for c in rtype.fts)
        con.execute(
            f'CREATE VIRTUAL TABLE "{table}_fts" USING fts5({fts_cols}, '
            f"content='{table}', content_rowid='rowid')"
        )
        con.execute(f'INSERT INTO "{table}_fts"("{table}_fts") VALUES(\'rebuild\')')
    return len(records)


def _column(run: Columns, field: str) -> Iterable[Any]:
    col = run.cols.get(field)
    if col is None:
        return itertools.repeat(_sql_value(next(iter(run.values(field)), None)), run.n)
    if field == "time":
        return map(epoch_to_iso, col)
    return col


def _write_meta(con: sqlite3.Connection, result: AuditResult) -> None:
    read = result.read
    con.execute("CREATE TABLE audit (key TEXT PRIMARY KEY, value TEXT)")
    meta = {
        "platform": read.platform,
        "layout": read.layout,
        "format": read.format,
        "period_first": result.period[0],
        "period_last": result.period[1],
        "generated_at": result.generated_at,
        "tool_version": result.tool_version,
        "counts": orjson.dumps(result.counts).decode(),
        "input_name": Path(result.input_path).name,
    }
    con.executemany("INSERT INTO audit VALUES (?, ?)", list(meta.items()))
    con.execute(
        "CREATE TABLE findings (id TEXT PRIMARY KEY, severity TEXT, status TEXT, "
        "category TEXT, title TEXT, summary TEXT, remediation TEXT, evidence TEXT, "
        "record_table TEXT)"
    )
    con.executemany(
        "INSERT INTO findings VALUES (?,?,?,?,?,?,?,?,?)",
        [
            (
                f.id,
                f.severity,
                f.status,
                f.category,
                f.title,
                f.summary,
                f.remediation,
                orjson.dumps(f.evidence, option=orjson.OPT_NON_STR_KEYS).decode(),
                f.record_table,
            )
            for f in result.findings
        ],
    )
    con.execute(
        "CREATE TABLE finding_refs (finding_id TEXT REFERENCES findings(id), "
        "record_table TEXT, record_id TEXT)"
    )
    con.executemany(
        "INSERT INTO finding_refs VALUES (?,?,?)",
        [(f.id, f.record_table, ref) for f in result.findings for ref in f.refs],
    )
    con.execute("CREATE INDEX idx_finding_refs ON finding_refs(finding_id)")
    con.execute(
        "CREATE TABLE claims (id TEXT PRIMARY KEY, claim TEXT, verdict TEXT, "
        "explanation TEXT, evidence TEXT)"
    )
    con.executemany(
        "INSERT INTO claims VALUES (?,?,?,?,?)",
        [
            (
                c.id,
                c.claim,
                c.verdict,
                c.summary,
                orjson.dumps(c.evidence, option=orjson.OPT_NON_STR_KEYS).decode(),
            )
            for c in result.claims
        ],
    )
    con.execute(
        "CREATE TABLE unrecognized (path TEXT, kind TEXT, records INTEGER, example_keys TEXT)"
    )
    con.executemany(
        "INSERT INTO unrecognized VALUES (?,?,?,?)",
        [
            (u.path, u.kind, u.records, orjson.dumps(u.example_keys).decode())
            for u in read.unrecognized
        ],
    )
    con.execute("CREATE TABLE unreadable (path TEXT, reason TEXT)")
    con.executemany(
        "INSERT INTO unreadable VALUES (?,?)", [(u.path, u.reason) for u in read.unreadable]
    )


def datasette_metadata(result: AuditResult, db_name: str) -> dict[str, Any]:
    tables: dict[str, Any] = {}
    for rtype in RECORD_TYPES:
        conf: dict[str, Any] = {}
        if rtype.facets:
            conf["facets"] = list(rtype.facets)
        if rtype.fts:
            conf["fts_table"] = f"{rtype.table}_fts"
            conf["fts_pk"] = "rowid"
        if "time" in rtype.__struct_fields__:
            conf["sort_desc"] = "time"
        if conf:
            tables[rtype.table] = conf
    tables["findings"] = {"facets": ["severity", "status", "category"]}
    tables["claims"] = {"facets": ["verdict"]}
    return {
        "title": f"privacyscope audit of a {result.platform} export",
        "description": "Generated offline by privacyscope. Records as the export lists them.",
        "databases": {db_name: {"tables": tables}},
    }
