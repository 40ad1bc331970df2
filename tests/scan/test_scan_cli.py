"""CLI behaviour: bad input, TLS errors, time limits, and no browser left behind."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fixture_site import FixtureWeb
from scan_support import (
    ENV,
    FAST,
    ROOT,
    leftover_profiles,
    require_chromium,
    run_cli,
    scan_processes,
)


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "privacyscope", "scan", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=ENV,
        cwd=ROOT,
    )


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["ftp://shop.test/"], "only http:// and https://"),
        (["https://"], "no host"),
        (["https://shop.test:99999/"], "invalid URL"),
        (["https://shop.test/", "--pages", "0"], "--pages"),
        (["https://shop.test/", "--page-timeout", "-1"], "--page-timeout"),
        (["https://shop.test/", "--host-rules", "FOO bar"], "--host-rules"),
        (["https://shop.test/", "--filter-list", "/nonexistent/list.txt"], "not a readable file"),
    ],
)
def test_bad_input_is_one_line_exit_2(args: list[str], needle: str, tmp_path: Path) -> None:
    proc = cli(*args, "--out", str(tmp_path / "out"))
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("privacyscope: error:"), proc.stderr
    assert needle in lines[0]
    assert "Traceback" not in proc.stderr


def test_bad_cookie_policy_rejected(tmp_path: Path) -> None:
    proc = cli("https://shop.test/", "--cookie-policy", "maybe", "--out", str(tmp_path))
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr


@pytest.mark.browser
@pytest.mark.timeout(120)
def test_tls_error_without_insecure(web: FixtureWeb, tmp_path: Path) -> None:
    require_chromium()
    out = run_cli(
        [
            web.url("/s/clean/"),
            "--host-rules",
            web.host_rules(),
            *FAST,
            "--phase",
            "no-interaction",
        ],
        tmp_path / "tls",
    )
    assert out.returncode == 0, out.stderr
    (page,) = out.summary["pages"]
    assert page["status"] == "tls-error"
    assert page["detail"].startswith("net::ERR_CERT")
    assert out.summary["verdict"]["level"] == 0


@pytest.mark.browser
@pytest.mark.timeout(120)
def test_scan_time_limit_reports_skipped_pages(web: FixtureWeb, tmp_path: Path) -> None:
    require_chromium()
    out = run_cli(
        [
            web.url("/trap/1"),
            "--host-rules",
            web.host_rules(),
            "--insecure",
            "--pages",
            "6",
            "--scan-timeout",
            "4",
            "--page-timeout",
            "3",
            "--idle-timeout",
            "1",
            "--consent-timeout",
            "1",
        ],
        tmp_path / "limit",
    )
    assert out.returncode == 0, out.stderr
    statuses = [p["status"] for p in out.summary["pages"]]
    assert "skipped" in statuses
    skipped = [p for p in out.summary["pages"] if p["status"] == "skipped"]
    assert all(p["detail"] == "scan time limit reached" for p in skipped)
    assert out.scan["scan_time_limit_reached"] is True
    assert out.seconds < 60
    assert scan_processes() == []


@pytest.mark.browser
@pytest.mark.timeout(120)
def test_interrupted_scan_leaves_no_browser(web: FixtureWeb, tmp_path: Path) -> None:
    """SIGINT in the middle of a hanging page: the browser goes away with the scan."""
    require_chromium()
    env = ENV
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "privacyscope",
            "scan",
            web.url("/slow-never-loads"),
            "--host-rules",
            web.host_rules(),
            "--insecure",
            "--page-timeout",
            "30",
            "--phase",
            "no-interaction",
            "--out",
            str(tmp_path / "int"),
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while not scan_processes() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert scan_processes(), "browser never started"
        time.sleep(1.0)
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    deadline = time.monotonic() + 10
    while scan_processes() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert scan_processes() == []
    assert leftover_profiles() == []
    assert proc.returncode == 130
    assert "Traceback" not in (proc.stderr.read() if proc.stderr else "")
