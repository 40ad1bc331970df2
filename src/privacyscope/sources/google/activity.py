"""YouTube watch/search history and My Activity (JSON, and HTML with fewer details)."""

from __future__ import annotations

import html
import re
from typing import Any

from privacyscope.errors import InputError
from privacyscope.inputs import ExportFile
from privacyscope.model import ActivityEvent, AdItem, Location
from privacyscope.sources.base import ReadResult
from privacyscope.sources.google.common import (
    as_str,
    load_json,
    ref_name,
    report_unknown_keys,
    unreadable,
)
from privacyscope.textdecode import decode_text
from privacyscope.timeparse import parse_time

KNOWN_KEYS = frozenset(
    {
        "header",
        "title",
        "titleUrl",
        "subtitles",
        "time",
        "products",
        "activityControls",
        "details",
        "locationInfos",
        "description",
        "imageFile",
        "attachedFiles",
    }
)
_KIND = {"yt_watch": "watch", "yt_search": "search"}


def youtube_role(items: list[Any]) -> str:
    """Watch or search history, from the URLs (language-independent) when names did not say."""
    watch = search = 0
    for it in items:
        url = it.get("titleUrl") if isinstance(it, dict) else None
        if isinstance(url, str):
            if "search_query=" in url:
                search += 1
            elif "watch?v=" in url or "/shorts/" in url:
                watch += 1
    if watch == search == 0:
        return "yt_activity"
    return "yt_search" if search > watch else "yt_watch"


def _is_ad(item: dict[str, Any]) -> bool:
    details = item.get("details")
    return isinstance(details, list) and len(details) > 0


def read_activity_json(f: ExportFile, role: str, result: ReadResult) -> None:
    data = load_json(f, result)
    if data is None:
        return
    path = ref_name(f.name)
    if not isinstance(data, list):
        unreadable(
            result,
            path,
            f"expected a JSON list of activity entries, found a JSON {type(data).__name__}",
        )
        return
    if role == "yt_activity":
        role = youtube_role(data)
    kind = _KIND.get(role, "my_activity")
    rs = result.records
    for i, item in enumerate(data):
        ref = f"{path}[{i}]"
        if not isinstance(item, dict):
            unreadable(result, ref, f"expected an object, found {type(item).__name__}")
            continue
        time = parse_time(item.get("time"))
        header = as_str(item.get("header"))
        rs.add(
            ActivityEvent(
                ref=ref,
                kind=kind,
                time=time,
                value=as_str(item.get("titleUrl")),
                title=as_str(item.get("title")),
                method=header if kind == "my_activity" else None,
            )
        )
        if _is_ad(item):
            rs.add(
                AdItem(
                    ref=ref,
                    kind="impression",
                    name=as_str(item.get("title")),
                    time=time,
                    link=as_str(item.get("titleUrl")),
                )
            )
        for j, loc in enumerate(item.get("locationInfos") or []):
            if isinstance(loc, dict):
                rs.add(
                    Location(
                        ref=f"{ref}.locationInfos[{j}]",
                        kind="activity",
                        time=time,
                        place=as_str(loc.get("name")),
                        raw=as_str(loc.get("url")),
                    )
                )
    result.sections[path] = len(data)
    result.present.add("activity")
    report_unknown_keys(result, path, data, KNOWN_KEYS)


# --- HTML ------------------------------------------------------------------------------------
_CELL = re.compile(r'<div class="outer-cell[^"]*"', re.I)
_LINK = re.compile(r'<a href="([^"]*)"[^>]*>(.*?)</a>', re.I | re.S)


def read_activity_html(f: ExportFile, role: str, result: ReadResult) -> None:
    """HTML activity: entries and links are read; times are local without a reliable zone in
    HTML, so they are not read (export as JSON for times)."""
    path = ref_name(f.name)
    try:
        text = decode_text(f.read_bytes(), path)
    except InputError as exc:
        unreadable(result, path, exc.one_line())
        return
    chunks = _CELL.split(text)[1:]
    links = [_LINK.search(c) for c in chunks]
    if role == "yt_activity":
        fake = [{"titleUrl": html.unescape(m.group(1))} for m in links if m]
        role = youtube_role(fake)
    kind = _KIND.get(role, "my_activity")
    for i, m in enumerate(links):
        url = html.unescape(m.group(1)) if m else None
        title = html.unescape(re.sub(r"<[^>]+>", "", m.group(2))) if m else None
        result.records.add(ActivityEvent(ref=f"{path}[{i}]", kind=kind, value=url, title=title))
    result.sections[path] = len(chunks)
    result.present.add("activity")
    result.notes.append(f"{path}: HTML activity file; times not read (export as JSON for times)")
