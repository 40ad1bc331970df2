"""LinkedIn CSVs: "Notes:" preambles, duplicate column names, per-file date formats.

Any input gives a table (or a time / None) or an :class:`InputError`, never another exception
(property-tested).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import datetime

from privacyscope.errors import InputError
from privacyscope.textdecode import decode_text
from privacyscope.timeparse import parse_time

#: per-file date formats seen (first tried for that file; every format is tried as a fallback)
DATE_FORMATS: dict[str, tuple[str, ...]] = {
    "Logins.csv": ("%a %b %d %H:%M:%S UTC %Y",),
    "Security Challenges.csv": ("%a %b %d %H:%M:%S UTC %Y",),
    "Registration.csv": ("%m/%d/%y, %I:%M %p",),
    "SearchQueries.csv": ("%Y/%m/%d %H:%M:%S UTC",),
    "Connections.csv": ("%d %b %Y",),
    "messages.csv": ("%Y-%m-%d %H:%M:%S UTC",),
    "Reactions.csv": ("%Y-%m-%d %H:%M:%S",),
    "Shares.csv": ("%Y-%m-%d %H:%M:%S",),
    "Ads Clicked.csv": ("%Y-%m-%d",),
    "Company Follows.csv": ("%a %b %d %H:%M:%S UTC %Y",),
    "Email Addresses.csv": ("%m/%d/%y, %I:%M %p",),
}
_ALL_FORMATS: tuple[str, ...] = tuple(
    dict.fromkeys(f for fmts in DATE_FORMATS.values() for f in fmts)
)


def li_time(value: object, file: str | None = None) -> str | None:
    """A LinkedIn date in any of its per-file formats -> ISO UTC, or None (times without a zone
    are taken as UTC)."""
    if not isinstance(value, str):
        return parse_time(value)
    text = value.strip()
    if not text or len(text) > 64:
        return None
    for fmt in DATE_FORMATS.get(file or "", ()) + _ALL_FORMATS:
        try:
            dt = datetime.strptime(text, fmt)
        except ValueError:
            continue
        return parse_time(dt.strftime("%Y-%m-%d %H:%M:%S"))
    return parse_time(text)


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]
    preamble: list[str] = field(default_factory=list)

    def pairs(self, row: list[str]) -> list[tuple[str, str]]:
        """(column, value) pairs in order: duplicate column names are all kept."""
        return [(h, row[i] if i < len(row) else "") for i, h in enumerate(self.header)]

    def dict(self, row: list[str]) -> dict[str, str]:
        """First value per column name."""
        out: dict[str, str] = {}
        for h, v in self.pairs(row):
            out.setdefault(h, v)
        return out


def _blank(row: list[str]) -> bool:
    return not any(c.strip() for c in row)


def read_csv(data: bytes, label: str) -> Table:
    """Parse a LinkedIn CSV, skipping a leading "Notes:" preamble up to the first blank line."""
    text = decode_text(data, label)
    if "\0" in text:
        raise InputError("NUL character in CSV text", label)
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise InputError(f"broken CSV: {exc}", label) from None
    i = 0
    preamble: list[str] = []
    if rows and rows[0] and rows[0][0].strip().lower().startswith("notes"):
        while i < len(rows) and not _blank(rows[i]):
            preamble.append(",".join(rows[i]))
            i += 1
    while i < len(rows) and _blank(rows[i]):
        i += 1
    if i >= len(rows):
        return Table(header=[], rows=[], preamble=preamble)
    header = [h.strip().lstrip("\ufeff") for h in rows[i]]
    body = [r for r in rows[i + 1 :] if not _blank(r)]
    return Table(header=header, rows=body, preamble=preamble)
