"""The self-contained HTML report: one file, inline CSS and SVG, no script, no remote URL.

Every string from the export goes through Jinja2 autoescaping.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import orjson
from jinja2 import Environment, PackageLoader, select_autoescape

from privacyscope.audit import AuditResult
from privacyscope.model import ActivityEvent, Message, OffPlatformEvent
from privacyscope.report import charts
from privacyscope.report.jsonreport import to_dict
from privacyscope.report.terminal import PLATFORM_NAMES

SERIES = ["watch", "search", "like", "login", "off_platform", "message", "post"]


def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("privacyscope.report", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["pretty"] = lambda v: orjson.dumps(
        v, option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS
    ).decode()
    return env


def render(result: AuditResult) -> str:
    data: dict[str, Any] = to_dict(result)
    ctx = result.ctx
    records = result.read.records
    kinds = [k for k in SERIES if k in ctx.series.per_day]
    return (
        _env()
        .get_template("report.html.j2")
        .render(
            r=data,
            platform_name=PLATFORM_NAMES.get(result.platform, result.platform),
            present=[f for f in data["findings"] if f["status"] == "present"],
            other=[f for f in data["findings"] if f["status"] != "present"],
            daily=charts.daily_bars(ctx.series.per_day, kinds),
            hourly=charts.hour_bars(ctx.series.by_hour, kinds),
            legend=charts.legend(kinds),
            trail=ctx.trail,
            watch=ctx.watch,
            off_sources=Counter(
                e.source or "unknown" for e in records.of(OffPlatformEvent)
            ).most_common(15),
            searches=Counter(
                a.value for a in records.of(ActivityEvent) if a.kind == "search" and a.value
            ).most_common(15),
            chats=_chats(records.of(Message)),
        )
    )


def _chats(messages: list[Message], sample: int = 3, width: int = 200) -> list[dict[str, Any]]:
    chats: dict[str, dict[str, Any]] = {}
    for m in messages:
        c = chats.setdefault(
            m.chat or "?",
            {"chat": m.chat or "?", "n": 0, "first": None, "last": None, "sample": []},
        )
        c["n"] += 1
        if m.time:
            c["first"] = m.time if c["first"] is None or m.time < c["first"] else c["first"]
            c["last"] = m.time if c["last"] is None or m.time > c["last"] else c["last"]
        if m.content:  # keep the latest messages
            c["sample"] = [*c["sample"][-(sample - 1) :], f"{m.sender or '?'}: {m.content[:width]}"]
    return sorted(chats.values(), key=lambda c: -c["n"])[:100]


def write(result: AuditResult, path: Path) -> None:
    from privacyscope.report.files import atomic_write

    atomic_write(path, render(result).encode("utf-8"))
