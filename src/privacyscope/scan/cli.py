"""``privacyscope scan URL``: a thin click layer over the scanner."""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Coroutine
from pathlib import Path
from types import FrameType
from typing import Any, TypeVar
from urllib.parse import urlsplit

import click

from privacyscope.errors import InputError
from privacyscope.scan.model import COOKIE_POLICIES, PHASES, ScanSettings

T = TypeVar("T")


def validate_url(url: str) -> str:
    url = url.strip()
    if "://" not in url and url and " " not in url:
        url = "https://" + url
    try:
        parts = urlsplit(url)
        _ = parts.port  # raises ValueError on a bad port
    except ValueError as exc:
        raise InputError(f"invalid URL: {exc}", path=url) from exc
    if parts.scheme not in ("http", "https"):
        raise InputError("only http:// and https:// URLs can be scanned", path=url)
    host = parts.hostname or ""
    if not host or any(ch.isspace() for ch in url):
        raise InputError("invalid URL: no host name", path=url)
    return url


def validate_host_rules(rules: str | None) -> str | None:
    if rules is None:
        return None
    rules = rules.strip()
    if not rules or any(ch in rules for ch in "\r\n\0"):
        raise InputError("--host-rules must be one line, e.g. 'MAP shop.example 127.0.0.1:8443'")
    for rule in rules.split(","):
        words = rule.split()
        if not words or words[0].upper() not in ("MAP", "EXCLUDE"):
            raise InputError(f"--host-rules: bad rule {rule.strip()!r} (expected MAP or EXCLUDE)")
    return rules


def _run_interruptible(coro: Coroutine[Any, Any, T]) -> T:
    """asyncio.run, with SIGTERM treated like Ctrl-C so the browser is closed on the way out."""

    def on_term(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, on_term)
    try:
        return asyncio.run(coro)
    finally:
        signal.signal(signal.SIGTERM, previous)


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("url")
@click.option(
    "--pages",
    "max_pages",
    type=int,
    default=5,
    show_default=True,
    help="Pages to visit per phase (the URL plus same-site links).",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("scan-evidence"),
    show_default=True,
    help="Evidence bundle folder.",
)
@click.option(
    "--json",
    "json_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the machine-readable summary to this file ('-' = stdout).",
)
@click.option(
    "--cookie-policy",
    type=click.Choice(COOKIE_POLICIES),
    default="allow-third-party",
    show_default=True,
    help="Third-party cookies allowed or blocked in the browser.",
)
@click.option(
    "--host-rules",
    default=None,
    help="Chromium host resolver rules, e.g. 'MAP shop.example 127.0.0.1:8443'.",
)
@click.option("--insecure", is_flag=True, help="Accept invalid TLS certificates (staging).")
@click.option(
    "--page-timeout",
    type=float,
    default=20.0,
    show_default=True,
    help="Seconds for one page to load.",
)
@click.option(
    "--idle-timeout",
    type=float,
    default=5.0,
    show_default=True,
    help="Seconds to wait for network idle after load (pages that never idle go on).",
)
@click.option(
    "--consent-timeout",
    type=float,
    default=8.0,
    show_default=True,
    help="Seconds to find and answer a consent banner on a page.",
)
@click.option(
    "--scan-timeout",
    type=float,
    default=600.0,
    show_default=True,
    help="Seconds for the whole scan; remaining pages are reported as skipped.",
)
@click.option(
    "--phase",
    "phases",
    multiple=True,
    type=click.Choice(PHASES),
    help="Run only these phases (repeatable). Default: all three.",
)
@click.option("--no-forms", is_flag=True, help="Do not fill forms with canary values.")
@click.option("--no-screenshots", is_flag=True, help="Do not take screenshots.")
@click.option(
    "--filter-list",
    "filter_lists",
    multiple=True,
    help="Adblock-style list (e.g. easyprivacy.txt) to classify other trackers.",
)
@click.option(
    "--no-system-lists",
    is_flag=True,
    help="Do not load EasyPrivacy from Debian's webext-ublock-origin package.",
)
@click.option("--quiet", "-q", is_flag=True, help="Print only the verdict line.")
def scan(
    url: str,
    max_pages: int,
    out_dir: Path,
    json_file: Path | None,
    cookie_policy: str,
    host_rules: str | None,
    insecure: bool,
    page_timeout: float,
    idle_timeout: float,
    consent_timeout: float,
    scan_timeout: float,
    phases: tuple[str, ...],
    no_forms: bool,
    no_screenshots: bool,
    filter_lists: tuple[str, ...],
    no_system_lists: bool,
    quiet: bool,
) -> None:
    """Scan a website for tracking pixels in headless Chromium, before and after consent."""
    from privacyscope.scan.analyze import summarise
    from privacyscope.scan.bundle import dump_json, write_bundle
    from privacyscope.scan.classify import Classifier
    from privacyscope.scan.report import terminal_lines
    from privacyscope.scan.runner import run_scan

    url = validate_url(url)
    if not 1 <= max_pages <= 500:
        raise InputError("--pages must be between 1 and 500")
    for name, value in (
        ("--page-timeout", page_timeout),
        ("--idle-timeout", idle_timeout),
        ("--consent-timeout", consent_timeout),
        ("--scan-timeout", scan_timeout),
    ):
        if not value > 0 or value > 86400:
            raise InputError(f"{name} must be a positive number of seconds")
    rules = validate_host_rules(host_rules)
    classifier = Classifier.from_paths(filter_lists, use_system=not no_system_lists)
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError("output folder is a file", path=str(out_dir))
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot create output folder: {exc.strerror}", path=str(out_dir)) from exc
    if json_file is not None and str(json_file) != "-" and not json_file.parent.is_dir():
        raise InputError("folder of --json file does not exist", path=str(json_file))
    settings = ScanSettings(
        url=url,
        max_pages=max_pages,
        cookie_policy=cookie_policy,
        host_rules=rules,
        insecure=insecure,
        page_timeout=page_timeout,
        scan_timeout=scan_timeout,
        idle_timeout=idle_timeout,
        consent_timeout=consent_timeout,
        fill_forms=not no_forms,
        screenshots=not no_screenshots,
        filter_lists=classifier.loaded,
        phases=[p for p in PHASES if not phases or p in phases],
    )
    run = _run_interruptible(run_scan(settings, out_dir))
    summary = summarise(run, classifier)
    write_bundle(run, summary, out_dir)
    if json_file is not None:
        if str(json_file) == "-":
            import orjson

            click.echo(orjson.dumps(summary, option=orjson.OPT_INDENT_2).decode())
        else:
            dump_json(json_file, summary)
    lines = terminal_lines(summary)
    if quiet:
        lines = lines[-1:]
    for line in lines:
        click.echo(line, err=json_file is not None and str(json_file) == "-")
    if not quiet:
        click.echo(
            f"evidence: {out_dir}/ (scan.json, summary.html, MANIFEST.sha256)",
            err=json_file is not None and str(json_file) == "-",
        )
