"""Inline SVG charts built from numbers only (no script, no remote assets)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from html import escape

from markupsafe import Markup

COLORS = {
    "watch": "#3b6fb6",
    "login": "#c0392b",
    "off_platform": "#8e44ad",
    "search": "#16a085",
    "like": "#d35400",
    "message": "#2c3e50",
    "post": "#7f8c8d",
    "comment": "#27ae60",
}


def _days(first: str, last: str) -> list[str]:
    d0, d1 = date.fromisoformat(first), date.fromisoformat(last)
    n = min((d1 - d0).days, 3660)
    return [(d0 + timedelta(days=i)).isoformat() for i in range(n + 1)]


def stacked_bars(
    series: Mapping[str, Mapping[str, int]],
    labels: list[str],
    kinds: list[str],
    peak: int,
    bw: float,
    width: int,
    height: int,
    per: str,
) -> str:
    """The bars (stacked ``kinds`` per label, ``series[kind][label]``), the axis labels and
    the closing tag of a chart whose ``<svg>`` opening tag the caller writes."""
    parts = []
    for i, b in enumerate(labels):
        y = float(height)
        for k in kinds:
            n = series.get(k, {}).get(b, 0)
            if not n:
                continue
            h = n / peak * (height - 10)
            y -= h
            parts.append(
                f'<rect x="{i * bw:.2f}" y="{y:.2f}" width="{max(bw - 0.5, 0.5):.2f}" '
                f'height="{h:.2f}" fill="{COLORS.get(k, "#555")}">'
                f"<title>{escape(b)} {escape(k)}: {n}</title></rect>"
            )
    parts.append(f'<text x="0" y="{height + 20}" font-size="12">{escape(labels[0])}</text>')
    parts.append(
        f'<text x="{width}" y="{height + 20}" font-size="12" text-anchor="end">'
        f"{escape(labels[-1])}</text>"
    )
    parts.append(
        f'<text x="{width / 2}" y="{height + 20}" font-size="12" text-anchor="middle">'
        f"max {peak} per {per}</text></svg>"
    )
    return "".join(parts)


def daily_bars(
    per_day: dict[str, dict[str, int]], kinds: list[str], width: int = 860, height: int = 180
) -> Markup:
    """Stacked bars per day for ``kinds``; accessible title and a table fallback elsewhere."""
    days_all = sorted({d for k in kinds for d in per_day.get(k, {})})
    if not days_all:
        return Markup("<p>No dated activity.</p>")
    days = _days(days_all[0], days_all[-1])
    totals = [sum(per_day.get(k, {}).get(d, 0) for k in kinds) for d in days]
    peak = max(totals) or 1
    bw = max(width / len(days), 1.0)
    head = (
        f'<svg viewBox="0 0 {width} {height + 30}" width="100%" role="img" '
        f'aria-label="activity per day, {escape(days[0])} to {escape(days[-1])}">'
    )
    return Markup(head + stacked_bars(per_day, days, kinds, peak, bw, width, height, "day"))


def hour_bars(
    by_hour: dict[str, list[int]], kinds: list[str], width: int = 860, height: int = 140
) -> Markup:
    totals = [sum(by_hour.get(k, [0] * 24)[h] for k in kinds) for h in range(24)]
    peak = max(totals) or 1
    bw = width / 24
    parts = [
        f'<svg viewBox="0 0 {width} {height + 24}" width="100%" role="img" '
        f'aria-label="activity by hour of day (UTC)">'
    ]
    for h in range(24):
        y = float(height)
        for k in kinds:
            n = by_hour.get(k, [0] * 24)[h]
            if not n:
                continue
            bh = n / peak * (height - 10)
            y -= bh
            parts.append(
                f'<rect x="{h * bw + 1:.2f}" y="{y:.2f}" width="{bw - 2:.2f}" '
                f'height="{bh:.2f}" fill="{COLORS.get(k, "#555")}">'
                f"<title>{h:02d}:00 UTC {escape(k)}: {n}</title></rect>"
            )
        parts.append(
            f'<text x="{h * bw + bw / 2:.2f}" y="{height + 16}" font-size="11" '
            f'text-anchor="middle">{h:02d}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def legend(kinds: list[str]) -> Markup:
    items = "".join(
        f'<span class="lg"><i style="background:{COLORS.get(k, "#555")}"></i>{escape(k)}</span>'
        for k in kinds
    )
    return Markup(items)
