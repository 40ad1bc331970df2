"""``privacyscope compare``: audit several exports and show who knows what."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click
import orjson
from rich.console import Console
from rich.table import Table
from rich.text import Text

from privacyscope.audit import AuditResult
from privacyscope.commands._outputs import audit_with_progress, write_outputs
from privacyscope.compare import build, dedupe_split_archives
from privacyscope.context import AuditOptions
from privacyscope.errors import InputError
from privacyscope.report.files import atomic_write
from privacyscope.report.terminal import PLATFORM_NAMES

STATUS_STYLE = {"held": "bold", "none": "green", "not_in_export": "dim"}


@click.command()
@click.argument("exports", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    default=Path("privacyscope-compare"),
    show_default=True,
    help="Folder for compare.html, compare.json and one report folder per export.",
)
@click.option(
    "--json",
    "json_path",
    type=click.Path(path_type=Path),
    help="Also write the comparison JSON here.",
)
@click.option("--session-gap", default=5.0, show_default=True, type=click.FloatRange(0.1, 1440))
@click.option("-q", "--quiet", is_flag=True)
def compare(
    exports: tuple[Path, ...],
    out_dir: Path,
    json_path: Path | None,
    session_gap: float,
    quiet: bool,
) -> None:
    """Audit each EXPORT (any supported platform) and compare what each platform holds.

    Parts of a split Google Takeout archive (takeout-...-001.zip, -002.zip) are read together.
    Exit code 0 when every export was read, 3 when some could not be (listed, and left out of
    the comparison), 2 when none could.
    """
    options = AuditOptions(session_gap_minutes=session_gap)
    results: list[AuditResult] = []
    errors: list[str] = []
    for path in dedupe_split_archives(list(exports)):
        try:
            results.append(audit_with_progress(path, options, quiet))
        except InputError as exc:
            errors.append(exc.one_line())
            click.echo(f"privacyscope: error: {exc.one_line()}", err=True)
    if not results:
        raise InputError("no export could be read", None)
    links: dict[int, str] = {}
    used: dict[str, int] = {}
    for i, r in enumerate(results):
        n = used[r.platform] = used.get(r.platform, 0) + 1
        sub = r.platform if n == 1 else f"{r.platform}-{n}"
        write_outputs(
            r,
            out_dir / sub / "report.json",
            out_dir / sub / "report.html",
            out_dir / sub / "audit.db",
        )
        links[i] = f"{sub}/report.html"
    data = build(results, links) | {"errors": errors}
    blob = orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS)
    atomic_write(out_dir / "compare.json", blob)
    if json_path:
        atomic_write(json_path, blob)
    from privacyscope.report import compare_html

    atomic_write(out_dir / "compare.html", compare_html.render(data).encode())
    if quiet:
        click.echo(str(out_dir / "compare.html"))
    else:
        render_terminal(data, Console())
        click.echo(f"\nHTML: {out_dir / 'compare.html'}\nJSON: {out_dir / 'compare.json'}")
    if errors:
        sys.exit(3)


def render_terminal(data: dict[str, Any], console: Console) -> None:
    t = Table(title="Who knows what")
    t.add_column("category")
    for p in data["platforms"]:
        t.add_column(PLATFORM_NAMES.get(p["platform"], p["platform"]))
    for cat in data["categories"]:
        row: list[Text] = [Text(cat["title"])]
        for p in data["platforms"]:
            cell = p["cells"][cat["id"]]
            top = p["platform"] in data["holds_most"][cat["id"]]
            text = (
                cell["short"]
                if cell["status"] == "held"
                else ("none" if cell["status"] == "none" else "n/a")
            )
            row.append(Text(("▲ " if top else "") + text, style=STATUS_STYLE[cell["status"]]))
        t.add_row(*row)
    console.print(t)
    console.print(
        "▲ holds the most in this category among these exports; none = none recorded; "
        "n/a = not in this export. Details: compare.html"
    )
