"""Google Location History density: points per day and the usual gap between points."""

from __future__ import annotations

import statistics
from collections import Counter
from itertools import pairwise
from typing import Any

from privacyscope.findings.base import Outcome, Rule, Severity
from privacyscope.model import Location
from privacyscope.timeparse import to_epoch

RULE = Rule(
    id="location.google_density",
    title="Google's Location History records where you are many times a day",
    severity="high",
    category="location",
    description=(
        "Location History (Timeline) stores raw positions from the phone together with the "
        "places Google decided you visited. From points this dense Google could infer home and "
        "work places, routines and the people you spend time with; the export shows only what "
        "was stored, not how it was used."
    ),
    platforms=("google",),
)
_POINT_KINDS = frozenset({"history"})
HOURLY = 24  # points per active day from which the trail counts as dense


def _stats(times: list[str]) -> dict[str, Any]:
    per_day = Counter(t[:10] for t in times)
    epochs = sorted(to_epoch(t) for t in times)
    gaps = [b - a for a, b in pairwise(epochs) if b > a]
    return {
        "days": len(per_day),
        "points_per_day": round(len(times) / len(per_day), 1) if per_day else 0.0,
        "max_points_in_a_day": max(per_day.values()) if per_day else 0,
        "median_interval_seconds": statistics.median(gaps) if gaps else None,
        "first": min(times),
        "last": max(times),
    }


def check(ctx: Any) -> Outcome:
    locs = ctx.records.of(Location)
    points = [loc for loc in locs if loc.kind in _POINT_KINDS]
    visits = sum(1 for loc in locs if loc.kind == "visit")
    if not points and not visits:
        if "locations" in ctx.read.present:
            return Outcome("absent", "The export holds Location History files but no points.")
        return Outcome("not_in_export", "This export holds no Location History.")
    times = [p.time for p in points if p.time]
    ev: dict[str, Any] = {"points": len(points), "timed_points": len(times), "place_visits": visits}
    if times:
        ev.update(_stats(times))
    refs = [p.ref for p in points[:20]] or [loc.ref for loc in locs if loc.kind == "visit"][:20]
    per_day = ev.get("points_per_day", 0.0)
    median = ev.get("median_interval_seconds")
    gap = f", usually {median / 60:.0f} minutes apart" if median else ""
    summary = (
        f"Google holds {len(points):,} location points over {ev.get('days', 0)} days (about "
        f"{per_day:g} a day{gap}) and {visits:,} place visits. From this Google could infer "
        "your home and work places and daily routine."
    )
    severity: Severity = "high" if per_day >= HOURLY or visits else "medium"
    return Outcome("present", summary, ev, refs, "locations", severity=severity)
