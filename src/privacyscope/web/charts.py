"""Server-rendered SVG timelines for the dashboard (no script, no remote asset).

Per day when the period spans up to ~13 months; longer periods are summed per week, then per
month, so a chart never has more than a few hundred bars (a large export's page stays small).
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from html import escape

from markupsafe import Markup

from privacyscope.report.charts import stacked_bars

MAX_DAYS = 400


def _unit(first: date, last: date) -> str:
    span = (last - first).days + 1
    if span <= MAX_DAYS:
        return "day"
    return "week" if span <= MAX_DAYS * 7 else "month"


def _bucket(day: date, unit: str) -> str:
    if unit == "day":
        return day.isoformat()
    if unit == "week":
        return (day - timedelta(days=day.weekday())).isoformat()
    return day.isoformat()[:7]


def _buckets(first: date, last: date, unit: str) -> list[str]:
    out: list[str] = []
    d = first
    while d <= last:
        b = _bucket(d, unit)
        if not out or out[-1] != b:
            out.append(b)
        d += timedelta(days=1 if unit == "day" else 7 if unit == "week" else 28)
    end = _bucket(last, unit)
    if out[-1] != end:
        out.append(end)
    return out


def timeline(
    per_day: dict[str, dict[str, int]], kinds: list[str], width: int = 860, height: int = 180
) -> tuple[Markup, str]:
    """Stacked bars over time for ``kinds``; returns the SVG and its unit (day/week/month)."""
    days = sorted({d for k in kinds for d in per_day.get(k, {})})
    if not days:
        return Markup("<p>No dated activity.</p>"), "day"
    first, last = date.fromisoformat(days[0]), date.fromisoformat(days[-1])
    unit = _unit(first, last)
    series: dict[str, Counter[str]] = {k: Counter() for k in kinds}
    for k in kinds:
        for d, n in per_day.get(k, {}).items():
            series[k][_bucket(date.fromisoformat(d), unit)] += n
    buckets = _buckets(first, last, unit)
    totals = [sum(series[k][b] for k in kinds) for b in buckets]
    peak = max(totals) or 1
    bw = width / len(buckets)
    head = (
        f'<svg viewBox="0 0 {width} {height + 30}" width="100%" role="img" '
        f'aria-label="per {unit}, {escape(buckets[0])} to {escape(buckets[-1])}, '
        f'at most {peak} in one {unit}">'
    )
    return Markup(head + stacked_bars(series, buckets, kinds, peak, bw, width, height, unit)), unit
