"""Access Log Activity CSV, Chrome history and Google Play Store devices."""

from __future__ import annotations

import csv
import io
from typing import Any

import orjson

from privacyscope.errors import InputError
from privacyscope.inputs import ExportFile
from privacyscope.model import ActivityEvent, Login, OtherRecord
from privacyscope.sources.base import ReadResult
from privacyscope.sources.google.common import (
    as_str,
    load_json,
    ref_name,
    report_unknown_keys,
    unreadable,
)
from privacyscope.textdecode import decode_text
from privacyscope.timeparse import from_epoch, parse_time

#: column-name fragments (lower case) -> field; both known column sets match these
_ACCESS_COLUMNS = {
    "time": ("activity timestamp", "timestamp", "time"),
    "ip": ("ip address",),
    "ua": ("user agent",),
    "product": ("product name",),
    "country": ("activity country", "ip address country", "country"),
}


def _column(header: list[str], field: str) -> int | None:
    low = [h.strip().lower() for h in header]
    for frag in _ACCESS_COLUMNS[field]:
        for i, h in enumerate(low):
            if h == frag:
                return i
        for i, h in enumerate(low):
            if frag in h and not (field == "ip" and "country" in h):
                return i
    return None


def read_access_log(f: ExportFile, result: ReadResult) -> None:
    """Each row is one access to a Google service from an IP: ``Login(kind="ip_activity")``.
    Google's exports list no logins as such."""
    path = ref_name(f.name)
    try:
        text = decode_text(f.read_bytes(), path)
        rows = list(csv.reader(io.StringIO(text)))
    except InputError as exc:
        unreadable(result, path, exc.one_line())
        return
    except csv.Error as exc:
        unreadable(result, path, f"broken CSV: {exc}")
        return
    rows = [r for r in rows if any(c.strip() for c in r)]
    if not rows:
        result.sections[path] = 0
        result.present.add("logins")
        return
    header = rows[0]
    col = {k: _column(header, k) for k in _ACCESS_COLUMNS}
    if col["ip"] is None:
        unreadable(result, path, "no 'IP Address' column in the access log")
        return

    def cell(row: list[str], key: str) -> str | None:
        i = col[key]
        if i is None or i >= len(row):
            return None
        v = row[i].strip()
        return v or None

    for n, row in enumerate(rows[1:]):
        result.records.add(
            Login(
                ref=f"{path}[{n}]",
                kind="ip_activity",
                time=parse_time(cell(row, "time")),
                ip=cell(row, "ip"),
                os=cell(row, "ua"),
                network_type=cell(row, "product"),
            )
        )
    result.sections[path] = len(rows) - 1
    result.present.add("logins")


CHROME_KEYS = frozenset(
    {
        "page_transition",
        "title",
        "url",
        "time_usec",
        "client_id",
        "favicon_url",
        "ptoken",
        "page_transition_qualifier",
    }
)


def _usec(value: Any) -> str | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return from_epoch(value / 1e6)
    return parse_time(value)


def read_chrome(f: ExportFile, result: ReadResult) -> None:
    data = load_json(f, result)
    if data is None:
        return
    path = ref_name(f.name)
    items = data.get("Browser History") if isinstance(data, dict) else None
    if not isinstance(items, list):
        unreadable(result, path, "no 'Browser History' list")
        return
    for i, it in enumerate(items):
        if isinstance(it, dict):
            result.records.add(
                ActivityEvent(
                    ref=f"{path}.Browser History[{i}]",
                    kind="browse",
                    time=_usec(it.get("time_usec")),
                    value=as_str(it.get("url")),
                    title=as_str(it.get("title")),
                    method=as_str(it.get("page_transition")),
                )
            )
    result.sections[path] = len(items)
    result.present.add("activity")
    report_unknown_keys(result, f"{path}.Browser History", items, CHROME_KEYS)


def read_play_devices(f: ExportFile, result: ReadResult) -> None:
    data = load_json(f, result)
    if data is None:
        return
    path = ref_name(f.name)
    items = data if isinstance(data, list) else [data]
    for i, it in enumerate(items):
        dev = it.get("device") if isinstance(it, dict) else None
        if not isinstance(dev, dict):
            continue
        result.records.add(
            OtherRecord(
                ref=f"{path}[{i}]",
                section="play_devices",
                time=parse_time(dev.get("deviceRegistrationTime")),
                data=orjson.dumps(dev).decode(),
            )
        )
    result.sections[path] = len(items)
