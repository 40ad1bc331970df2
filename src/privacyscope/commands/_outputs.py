"""Shared by audit and demo: run an audit with progress and write the requested outputs."""

from __future__ import annotations

import sys
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeElapsedColumn

from privacyscope.audit import AuditResult, run_audit
from privacyscope.context import AuditOptions


def audit_with_progress(path: Path, options: AuditOptions, quiet: bool) -> AuditResult:
    console = Console(stderr=True)
    if quiet or not console.is_terminal:
        return run_audit(path, options)
    size = path.stat().st_size if path.is_file() else 0
    with Progress(
        TextColumn("reading"),
        BarColumn(),
        DownloadColumn(),
        TextColumn("{task.fields[records]:,} records"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task("read", total=size or None, records=0)

        def progress(done: int, records: int) -> None:
            bar.update(task, completed=done, records=records)

        return run_audit(path, options, progress)


def write_outputs(
    result: AuditResult, json_path: Path | None, html_path: Path | None, db_path: Path | None
) -> dict[str, str]:
    # each output imports what it needs: jinja2 alone is ~7 MB (a --json run never needs it)
    written: dict[str, str] = {}
    if json_path:
        from privacyscope.report import jsonreport

        jsonreport.write(result, json_path)
        written["JSON report"] = str(json_path)
    if html_path:
        from privacyscope.report import html

        html.write(result, html_path)
        written["HTML report"] = str(html_path)
    if db_path:
        from privacyscope.store import sqlite

        sqlite.write(result, db_path)
        written["SQLite database"] = str(db_path)
        written["explore it"] = f"datasette {db_path} -m {db_path.with_suffix('.metadata.json')}"
    return written


def print_summary(result: AuditResult, written: dict[str, str], quiet: bool) -> None:
    from privacyscope.report import terminal

    if quiet:
        for path in written.values():
            print(path, file=sys.stdout)
        return
    terminal.render(result, Console(), written)
