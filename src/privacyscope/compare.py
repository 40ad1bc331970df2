"""Side-by-side comparison: who knows what, per platform and per category.

Built from ordinary ``AuditResult``s, so every cell rests on the same findings and records as
the per-platform reports; each cell names the finding that holds its evidence.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from privacyscope.analysis import count_present
from privacyscope.audit import AuditResult
from privacyscope.model import AdItem, Contact, Location, count_by

SCHEMA_VERSION = 1
_SPLIT = re.compile(r"^(takeout-.*-)\d{3}\.zip$", re.I)


@dataclass
class Cell:
    amount: int  # the headline number used to rank platforms in this category
    text: str  # what the platform holds, in words
    short: str  # the same in a few characters, for narrow terminal columns
    status: str  # held | none | not_in_export
    finding: str | None = None  # the finding whose evidence backs the cell
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Category:
    id: str
    title: str
    finding: str | None
    measure: Callable[[AuditResult], tuple[int, str, dict[str, Any]]]
    unit: str  # what the headline amount counts


def _status(result: AuditResult, finding: str | None, amount: int) -> str:
    if amount:
        return "held"
    if finding:
        for f in result.findings:
            if f.id == finding:
                return "none" if f.status == "absent" else "not_in_export"
    return "not_in_export"


def _logins(r: AuditResult) -> tuple[int, str, dict[str, Any]]:
    c = r.counts
    countries = [k for k in r.ctx.trail.countries if k not in ("unknown", "private network")]
    return (
        c["ip_addresses"] or c["logins"],
        f"{c['logins']:,} logins, {c['ip_addresses']:,} IP addresses, {len(countries)} countries",
        {"logins": c["logins"], "ip_addresses": c["ip_addresses"], "countries": countries},
    )


def _identifiers(r: AuditResult) -> tuple[int, str, dict[str, Any]]:
    n = r.counts["device_identifiers"]
    return n, f"{n:,} device / advertising identifiers", {"device_identifiers": n}


def _location(r: AuditResult) -> tuple[int, str, dict[str, Any]]:
    locs = r.read.records.of(Location)
    precise = count_present(locs, "latitude")  # column access (millions of Google points)
    points = r.counts["location_points"]
    kinds = count_by(locs, "kind")
    places = sum(n for k, n in kinds.items() if k not in ("history", "visit", "recent"))
    amount = precise or points
    return (
        amount,
        f"{precise:,} precise coordinates, {points:,} location points, {places:,} places",
        {"precise": precise, "location_points": points, "places": places},
    )


def _off_platform(r: AuditResult) -> tuple[int, str, dict[str, Any]]:
    c = r.counts
    return (
        c["off_platform_events"],
        f"{c['off_platform_events']:,} events from {c['off_platform_sources']:,} businesses",
        {"events": c["off_platform_events"], "sources": c["off_platform_sources"]},
    )


def _ads(r: AuditResult) -> tuple[int, str, dict[str, Any]]:
    kinds = Counter(a.kind for a in r.read.records.of(AdItem))
    advertisers = r.counts.get("advertisers", kinds["advertiser"])
    total = sum(kinds.values())
    return (
        total,
        f"{kinds['interest']:,} interests, {advertisers:,} advertisers, {total:,} ad records",
        dict(kinds) | {"advertisers": advertisers},
    )


def _contacts(r: AuditResult) -> tuple[int, str, dict[str, Any]]:
    n = len(r.read.records.of(Contact))
    synced = r.ctx.setting("suggest_to_contacts")
    extra = f" (contact suggestions: {synced.value})" if synced is not None else ""
    return n, f"{n:,} contacts{extra}", {"contacts": n}


def _messages(r: AuditResult) -> tuple[int, str, dict[str, Any]]:
    n = r.counts["messages"]
    return n, f"{n:,} messages", {"messages": n, "ai_chat": r.counts.get("ai_chat_messages", 0)}


def _history(r: AuditResult) -> tuple[int, str, dict[str, Any]]:
    w, s = r.counts["watch_history"], r.counts["searches"]
    return w + s, f"{w:,} videos watched, {s:,} searches", {"watch": w, "searches": s}


def _exposure(r: AuditResult) -> tuple[int, str, dict[str, Any]]:
    checked = [f for f in r.findings if f.category == "exposure"]
    open_ = [f.title for f in checked if f.status == "present"]
    known = sum(1 for f in checked if f.status != "not_in_export")
    return (
        len(open_),
        f"{len(open_)} of {known} checked settings expose the account",
        {"exposed": open_},
    )


CATEGORIES: tuple[Category, ...] = (
    Category("logins", "Login / IP trail", "logins.ip_trail", _logins, "IPs"),
    Category(
        "identifiers",
        "Device and advertising identifiers",
        "identifiers.device_ids",
        _identifiers,
        "ids",
    ),
    Category("location", "Location", "location.data_held", _location, "points"),
    Category(
        "off_platform",
        "Off-platform tracking by advertisers and partners",
        "tracking.off_platform",
        _off_platform,
        "events",
    ),
    Category(
        "ads", "Ad interests and advertisers targeting you", "ads.profile", _ads, "ad records"
    ),
    Category("contacts", "Contacts", None, _contacts, "contacts"),
    Category("messages", "Messages", "messages.retained", _messages, "messages"),
    Category("history", "Viewing and search history", "activity.watch_time", _history, "entries"),
    Category("exposure", "Exposure settings", None, _exposure, "exposed"),
)


def dedupe_split_archives(paths: list[Path]) -> list[Path]:
    """Parts of one split Takeout archive are one export: keep the first part of each."""
    seen: set[tuple[Path, str]] = set()
    out = []
    for p in paths:
        m = _SPLIT.match(p.name)
        if m:
            key = (p.parent, m.group(1).lower())
            if key in seen:
                continue
            seen.add(key)
        out.append(p)
    return out


def build(results: list[AuditResult], report_links: dict[int, str] | None = None) -> dict[str, Any]:
    """The comparison as JSON-ready data (also what the HTML and terminal views render)."""
    platforms: list[dict[str, Any]] = []
    for i, r in enumerate(results):
        cells = {}
        for cat in CATEGORIES:
            amount, text, details = cat.measure(r)
            short = f"{amount:,} {cat.unit}"
            cell = Cell(amount, text, short, _status(r, cat.finding, amount), cat.finding, details)
            cells[cat.id] = cell.__dict__
        platforms.append(
            {
                "platform": r.platform,
                "input": Path(r.input_path).name,
                "layout": r.read.layout,
                "period": {"first": r.period[0], "last": r.period[1]},
                "report": (report_links or {}).get(i),
                "findings_present": sum(1 for f in r.findings if f.status == "present"),
                "high": sum(
                    1 for f in r.findings if f.status == "present" and f.severity == "high"
                ),
                "unreadable": len(r.read.unreadable),
                "counts": r.counts,
                "cells": cells,
            }
        )
    most: dict[str, list[str]] = {}
    for cat in CATEGORIES:
        top = max((p["cells"][cat.id]["amount"] for p in platforms), default=0)
        most[cat.id] = [
            p["platform"] for p in platforms if top and p["cells"][cat.id]["amount"] == top
        ]
    return {
        "schema_version": SCHEMA_VERSION,
        "categories": [{"id": c.id, "title": c.title, "finding": c.finding} for c in CATEGORIES],
        "platforms": platforms,
        "holds_most": most,
    }
