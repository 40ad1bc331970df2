"""``privacyscope audit``: audit one export, offline."""

from __future__ import annotations

from pathlib import Path

import click

from privacyscope.commands._outputs import audit_with_progress, print_summary, write_outputs
from privacyscope.context import AuditOptions


@click.command()
@click.argument("export", type=click.Path(path_type=Path))
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    help="Folder for report.html, report.json and audit.db "
    "(default: ./privacyscope-<export name>/).",
)
@click.option(
    "--json", "json_path", type=click.Path(path_type=Path), help="Write the JSON report here."
)
@click.option(
    "--html", "html_path", type=click.Path(path_type=Path), help="Write the HTML report here."
)
@click.option(
    "--db", "db_path", type=click.Path(path_type=Path), help="Write the SQLite database here."
)
@click.option("--no-files", is_flag=True, help="Only print the terminal summary.")
@click.option("--platform", default=None, help="Skip detection and read as this platform.")
@click.option(
    "--session-gap",
    default=5.0,
    show_default=True,
    type=click.FloatRange(0.1, 1440),
    help="Minutes between views that start a new viewing session (watch-time estimate).",
)
@click.option(
    "--low-memory",
    is_flag=True,
    help="Stream the export instead of loading it: a fraction of the memory, slower.",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar or summary; print output paths.")
def audit(
    export: Path,
    out_dir: Path | None,
    json_path: Path | None,
    html_path: Path | None,
    db_path: Path | None,
    no_files: bool,
    platform: str | None,
    session_gap: float,
    low_memory: bool,
    quiet: bool,
) -> None:
    """Audit EXPORT (a zip, an unzipped folder or a bare JSON file) and report what it holds.

    Runs offline: no network connection is opened. The export is never modified.
    """
    explicit = json_path or html_path or db_path
    # SQLite holds every field and the HTML report quotes messages; the JSON report and the
    # terminal summary need fewer (docs/performance.md)
    all_fields = not no_files and (db_path is not None or html_path is not None or not explicit)
    options = AuditOptions(
        session_gap_minutes=session_gap,
        platform=platform,
        full_records=all_fields,
        low_memory=low_memory,
    )
    result = audit_with_progress(export, options, quiet)
    if not no_files and not explicit:
        base = out_dir or Path(f"privacyscope-{export.name.split('.')[0] or 'export'}")
        json_path, html_path, db_path = (
            base / "report.json",
            base / "report.html",
            base / "audit.db",
        )
    elif out_dir and explicit:
        json_path = json_path and out_dir / json_path
        html_path = html_path and out_dir / html_path
        db_path = db_path and out_dir / db_path
    written = {} if no_files else write_outputs(result, json_path, html_path, db_path)
    print_summary(result, written, quiet)
