"""``privacyscope brief PLATFORM``: a dated, sourced brief for a marketing decision."""

from __future__ import annotations

from pathlib import Path

import click

from privacyscope.brief.build import build_brief
from privacyscope.brief.inputs import read_audit, read_scan
from privacyscope.brief.render import render_html, render_json, render_pdf
from privacyscope.errors import InputError, UsageError
from privacyscope.facts import PLATFORMS, load, resolve_platform
from privacyscope.facts.options import facts_file_option, parse_as_of, staleness_options


def _peers(value: str | None, platform: str) -> list[str]:
    if value is None:
        return [p for p in PLATFORMS if p != platform]
    if value.strip().lower() in ("", "none"):
        return []
    out: list[str] = []
    for name in value.split(","):
        if not name.strip():
            continue
        canon = resolve_platform(name)
        if canon != platform and canon not in out:
            out.append(canon)
    return out


def _write(path: Path, data: bytes | str) -> None:
    try:
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8")
        else:
            path.write_bytes(data)
    except OSError as exc:
        raise InputError(
            f"cannot write: {exc.strerror or type(exc).__name__}", path=str(path)
        ) from None


@click.command()
@click.argument("platform")
@click.option(
    "--compare",
    "compare_with",
    default=None,
    metavar="P1,P2",
    help="Peers to compare with (default: all other platforms; 'none' for none).",
)
@click.option(
    "--scan",
    "scan_path",
    default=None,
    metavar="DIR|JSON",
    help="Evidence directory (or scan.json) from `privacyscope scan`.",
)
@click.option(
    "--audit",
    "audit_path",
    default=None,
    metavar="JSON",
    help="JSON from `privacyscope audit --json` for your business account.",
)
@click.option(
    "--out",
    "out_html",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the self-contained HTML brief here.",
)
@click.option(
    "--pdf",
    "out_pdf",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also write a PDF (rendered offline by WeasyPrint).",
)
@click.option(
    "--json",
    "out_json",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also write the brief as JSON (sections -> statements -> fact ids).",
)
@facts_file_option
@staleness_options
def brief(
    platform: str,
    compare_with: str | None,
    scan_path: str | None,
    audit_path: str | None,
    out_html: Path | None,
    out_pdf: Path | None,
    out_json: Path | None,
    facts_files: tuple[str, ...],
    stale_after_days: int,
    as_of: str | None,
) -> None:
    """Sourced brief: should we use PLATFORM (tiktok, instagram, ...) for marketing?"""
    if not (out_html or out_pdf or out_json):
        raise UsageError("give at least one of --out FILE.html, --pdf FILE.pdf, --json FILE.json")
    canon = resolve_platform(platform)
    day = parse_as_of(as_of)
    peers = _peers(compare_with, canon)
    kb = load(facts_files)
    scan = read_scan(scan_path) if scan_path else None
    audit = read_audit(audit_path) if audit_path else None
    result = build_brief(
        kb, canon, peers, scan=scan, audit=audit, as_of=day, stale_after_days=stale_after_days
    )
    html = render_html(result) if (out_html or out_pdf) else ""
    written: list[str] = []
    if out_html:
        _write(out_html, html)
        written.append(str(out_html))
    if out_pdf:
        render_pdf(html, out_pdf)
        written.append(str(out_pdf))
    if out_json:
        _write(out_json, render_json(result))
        written.append(str(out_json))
    newest = result.newest_source
    click.echo(
        f"brief {canon}: {len(result.all_statements())} statements from {len(result.cited)} facts; "
        f"newest source {newest.date if newest else 'none'}; {result.stale_count} possibly stale "
        f"(older than {stale_after_days} days as of {day.isoformat()}); wrote {', '.join(written)}"
    )
