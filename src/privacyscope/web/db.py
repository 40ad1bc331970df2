"""Read-only queries on an audit's SQLite file: paginated, searchable record tables.

Table and column names come only from the model (``RECORD_TYPES``) and the database's own
schema; every value from a request is a bound parameter. Search uses the FTS5 table when the
record type has one (the query is reduced to quoted terms, so FTS syntax cannot break it) and
a parameterised LIKE otherwise.
"""

from __future__ import annotations

import math
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from privacyscope.model import RECORD_TYPES

TABLES: dict[str, type] = {rtype.table: rtype for rtype in RECORD_TYPES}
FTS: dict[str, tuple[str, ...]] = {rtype.table: rtype.fts for rtype in RECORD_TYPES if rtype.fts}
FACETS: dict[str, tuple[str, ...]] = {rtype.table: rtype.facets for rtype in RECORD_TYPES}
PER_PAGE = (25, 50, 100, 200)
MAX_TERMS = 12
CELL_CHARS = 300


@contextmanager
def connect(path: Path) -> Iterator[sqlite3.Connection]:
    con = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    try:
        yield con
    finally:
        con.close()


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def columns(con: sqlite3.Connection, table: str) -> list[str]:
    if table not in TABLES and table not in ("findings", "claims"):
        raise KeyError(table)
    return [r[1] for r in con.execute(f"PRAGMA table_info({quote(table)})")]


def fts_query(q: str) -> str:
    """User text -> an FTS5 query of quoted terms (all must match)."""
    terms = re.findall(r"\w+", q, flags=re.UNICODE)[:MAX_TERMS]
    return " ".join('"' + t.replace('"', '""') + '"' for t in terms)


@dataclass
class Page:
    table: str
    columns: list[str]
    rows: list[dict[str, Any]]
    total: int
    page: int
    per: int
    q: str = ""
    filters: dict[str, str] = field(default_factory=dict)

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per))


def _where(
    con: sqlite3.Connection, table: str, cols: list[str], q: str, filters: dict[str, str]
) -> tuple[str, str, list[Any]]:
    """-> (join, where, params) for a search and equality filters."""
    join = ""
    clauses: list[str] = []
    params: list[Any] = []
    for col, value in filters.items():
        if col in cols:
            clauses.append(f"t.{quote(col)} = ?")
            params.append(value)
    q = q.strip()
    if q:
        match = fts_query(q) if table in FTS else ""
        if match:
            join = f" JOIN {quote(table + '_fts')} f ON f.rowid = t.rowid"
            clauses.append(f"{quote(table + '_fts')} MATCH ?")
            params.append(match)
        else:
            like = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            ors = [f"t.{quote(c)} LIKE ? ESCAPE '\\'" for c in cols]
            clauses.append("(" + " OR ".join(ors) + ")")
            params.extend([like] * len(cols))
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    return join, where, params


def page(
    con: sqlite3.Connection,
    table: str,
    *,
    q: str = "",
    filters: dict[str, str] | None = None,
    page_no: int = 1,
    per: int = 50,
    total_hint: int | None = None,
) -> Page:
    cols = columns(con, table)
    filters = {k: v for k, v in (filters or {}).items() if k in cols}
    per = per if per in PER_PAGE else 50
    join, where, params = _where(con, table, cols, q, filters)
    if not join and not where and total_hint is not None:
        total = total_hint
    else:
        total = con.execute(
            f"SELECT count(*) FROM {quote(table)} t{join}{where}", params
        ).fetchone()[0]
    pages = max(1, math.ceil(total / per))
    page_no = min(max(page_no, 1), pages)
    rows = con.execute(
        f"SELECT t.* FROM {quote(table)} t{join}{where} ORDER BY t.rowid LIMIT ? OFFSET ?",
        [*params, per, (page_no - 1) * per],
    ).fetchall()
    return Page(table, cols, [dict(r) for r in rows], total, page_no, per, q, filters)


def record(con: sqlite3.Connection, table: str, record_id: str) -> dict[str, Any] | None:
    columns(con, table)
    row = con.execute(f"SELECT * FROM {quote(table)} WHERE id = ?", (record_id,)).fetchone()
    return dict(row) if row else None


def locate(con: sqlite3.Connection, ref: str) -> str | None:
    """Which record table holds the record with this id."""
    for table in TABLES:
        if con.execute(f"SELECT 1 FROM {quote(table)} WHERE id = ?", (ref,)).fetchone():
            return table
    return None


def finding_records(
    con: sqlite3.Connection, finding_id: str, table: str | None, page_no: int = 1, per: int = 50
) -> Page | None:
    if table not in TABLES:
        return None
    assert table is not None
    cols = columns(con, table)
    per = per if per in PER_PAGE else 50
    total = con.execute(
        "SELECT count(*) FROM finding_refs WHERE finding_id = ?", (finding_id,)
    ).fetchone()[0]
    pages = max(1, math.ceil(total / per))
    page_no = min(max(page_no, 1), pages)
    rows = con.execute(
        f"SELECT t.* FROM finding_refs r JOIN {quote(table)} t ON t.id = r.record_id "
        "WHERE r.finding_id = ? ORDER BY r.rowid LIMIT ? OFFSET ?",
        (finding_id, per, (page_no - 1) * per),
    ).fetchall()
    return Page(table, cols, [dict(r) for r in rows], total, page_no, per)


def facets(con: sqlite3.Connection, table: str, limit: int = 8) -> dict[str, list[tuple[Any, int]]]:
    cols = columns(con, table)
    out: dict[str, list[tuple[Any, int]]] = {}
    for col in FACETS.get(table, ()):
        if col in cols:
            rows = con.execute(
                f"SELECT {quote(col)}, count(*) n FROM {quote(table)} GROUP BY 1 "
                "ORDER BY n DESC LIMIT ?",
                (limit,),
            ).fetchall()
            out[col] = [(r[0], r[1]) for r in rows if r[0] is not None]
    return out


def rows(con: sqlite3.Connection, table: str, limit: int = 200) -> list[dict[str, Any]]:
    columns(con, table)
    return [
        dict(r)
        for r in con.execute(f"SELECT * FROM {quote(table)} ORDER BY rowid LIMIT ?", (limit,))
    ]


def watch_times(con: sqlite3.Connection) -> list[str]:
    return [
        r[0]
        for r in con.execute("SELECT time FROM activity WHERE kind = 'watch' AND time IS NOT NULL")
    ]


def cell(value: Any) -> str:
    """A table cell's text, shortened (the record view shows it in full)."""
    if value is None:
        return ""
    text = str(value)
    return text if len(text) <= CELL_CHARS else text[:CELL_CHARS] + "…"
