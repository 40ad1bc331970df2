"""Google Location History density: points per day and the usual gap between points."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from privacyscope.analysis import median_gap, merge_runs, times_of_kinds
from privacyscope.findings.base import Outcome, Rule, Severity
from privacyscope.model import Columns, Location, count_by, epoch_to_iso, iter_part, parts_of

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


def _stats(runs: list[Sequence[int]]) -> dict[str, Any]:
    """Per-day counts and gaps of the points' times (sorted runs of epoch seconds)."""
    per_day: Counter[int] = Counter()
    for run in runs:
        per_day.update(t // 86400 for t in run)
    return {
        "days": len(per_day),
        "points_per_day": round(sum(map(len, runs)) / len(per_day), 1) if per_day else 0.0,
        "max_points_in_a_day": max(per_day.values()) if per_day else 0,
        "median_interval_seconds": median_gap(merge_runs(runs)),
        "first": epoch_to_iso(min(r[0] for r in runs)),
        "last": epoch_to_iso(max(r[-1] for r in runs)),
    }


def _refs(locs: Sequence[Location], kinds: frozenset[str], limit: int) -> list[str]:
    """The refs of the first ``limit`` records of ``kinds`` (column runs are not built)."""
    out: list[str] = []
    for part in parts_of(locs):
        if isinstance(part, Columns) and "kind" not in part.cols:
            if part.const.get("kind") in kinds:
                out.extend(part.ref(i) for i in range(min(part.n, limit - len(out))))
        else:
            out.extend(r.ref for r in iter_part(part) if r.kind in kinds)
        if len(out) >= limit:
            break
    return out[:limit]


def check(ctx: Any) -> Outcome:
    locs = ctx.records.of(Location)
    kinds = count_by(locs, "kind")
    points = sum(kinds[k] for k in _POINT_KINDS)
    visits = kinds["visit"]
    if not points and not visits:
        if "locations" in ctx.read.present:
            return Outcome("absent", "The export holds Location History files but no points.")
        return Outcome("not_in_export", "This export holds no Location History.")
    runs = times_of_kinds(locs, _POINT_KINDS)
    timed = sum(map(len, runs))
    ev: dict[str, Any] = {"points": points, "timed_points": timed, "place_visits": visits}
    if timed:
        ev.update(_stats(runs))
    refs = _refs(locs, _POINT_KINDS, 20) or _refs(locs, frozenset({"visit"}), 20)
    per_day = ev.get("points_per_day", 0.0)
    median = ev.get("median_interval_seconds")
    gap = f", usually {median / 60:.0f} minutes apart" if median else ""
    summary = (
        f"Google holds {points:,} location points over {ev.get('days', 0)} days (about "
        f"{per_day:g} a day{gap}) and {visits:,} place visits. From this Google could infer "
        "your home and work places and daily routine."
    )
    severity: Severity = "high" if per_day >= HOURLY or visits else "medium"
    return Outcome("present", summary, ev, refs, "locations", severity=severity)
