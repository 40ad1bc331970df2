"""Human-readable outputs: the self-contained HTML summary and the terminal verdict."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from jinja2 import Environment, PackageLoader, select_autoescape

from privacyscope.scan.analyze import LEVELS, cell_level
from privacyscope.scan.vendors import BY_ID

if TYPE_CHECKING:
    from privacyscope.scan.runner import ScanRun


def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("privacyscope.scan", "templates"),
        autoescape=select_autoescape(["html", "j2"], default=True),
    )
    env.globals.update(LEVELS=LEVELS, cell_level=cell_level, vendor_name=lambda v: BY_ID[v].name)
    return env


def render_html(summary: dict[str, Any], run: ScanRun) -> str:
    return _env().get_template("summary.html.j2").render(s=summary, run=run)


def terminal_lines(summary: dict[str, Any]) -> list[str]:
    out = [
        f"privacyscope scan {summary['url']}",
        f"  consent platform: {summary['consent_platform'] or 'none found'}; "
        f"cookie policy: {summary['cookie_policy']}",
    ]
    phases = summary["phases"]
    out.append("  vendor      " + "  ".join(f"{p:<16}" for p in phases))
    for vid, cells in summary["vendors"].items():
        marks = []
        for phase in phases:
            cell = cells.get(phase)
            flags = "".join(k[0].upper() if cell and cell[k] else "." for k in LEVELS)
            marks.append(f"{flags:<16}")
        out.append(f"  {vid:<10}  " + "  ".join(marks))
    out.append("  (S script fetched, E event sent, I identifier cookie, H hashed personal data)")
    bad = [p for p in summary["pages"] if p["status"] not in ("ok",)]
    for p in bad:
        out.append(f"  page {p['index']} ({p['phase']}) {p['url']}: {p['status']}, {p['detail']}")
    out.append(f"verdict: {summary['verdict']['summary']}")
    return out
