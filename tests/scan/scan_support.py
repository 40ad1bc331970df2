"""Helpers and fixtures for the website scanner tests (re-exported by conftest.py).

Browser tests drive the real Debian Chromium. Without /usr/bin/chromium they are skipped on a
developer machine but FAIL in CI (``CI=true``).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from fixture_site import FixtureWeb, serve

from privacyscope.scan.browser import CHROMIUM, PROFILE_PREFIX

ROOT = Path(__file__).resolve().parents[2]
#: TMPDIR of every scan the tests start: its browsers and profiles are recognisable in /proc
TEST_TMP = Path(tempfile.mkdtemp(prefix="ps-scan-tests-"))
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "TMPDIR": str(TEST_TMP)}
#: small limits: everything is on loopback
FAST = ["--page-timeout", "6", "--idle-timeout", "1.5", "--consent-timeout", "4"]


def scan_processes() -> list[tuple[int, str]]:
    """Processes (pid, cmdline) using a profile of a test scan: browsers left behind."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if f"{TEST_TMP}/{PROFILE_PREFIX}" in cmdline:
            found.append((int(entry.name), cmdline[:200]))
    return found


def leftover_profiles() -> list[Path]:
    return sorted(TEST_TMP.glob(PROFILE_PREFIX + "*"))


def require_chromium() -> None:
    if os.path.exists(CHROMIUM):
        return
    message = f"{CHROMIUM} is missing (apt-get install -y chromium)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


@dataclass
class ScanOutcome:
    args: list[str]
    returncode: int
    stdout: str
    stderr: str
    out_dir: Path
    summary: dict[str, Any]
    seconds: float

    @property
    def scan(self) -> dict[str, Any]:
        return json.loads((self.out_dir / "scan.json").read_text())

    def cell(self, vendor: str, phase: str) -> dict[str, Any]:
        return self.summary["vendors"][vendor][phase]


def run_cli(args: list[str], out_dir: Path, timeout: float = 170) -> ScanOutcome:
    json_path = out_dir.with_suffix(".json")
    cmd = [
        sys.executable,
        "-m",
        "privacyscope",
        "scan",
        *args,
        "--out",
        str(out_dir),
        "--json",
        str(json_path),
    ]
    env = ENV
    started = time.monotonic()
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env, cwd=ROOT)
    summary = json.loads(json_path.read_text()) if json_path.exists() else {}
    return ScanOutcome(
        cmd, proc.returncode, proc.stdout, proc.stderr, out_dir, summary, time.monotonic() - started
    )


@pytest.fixture(scope="session")
def web() -> Iterator[FixtureWeb]:
    with serve() as site:
        yield site
    shutil.rmtree(TEST_TMP, ignore_errors=True)


class Scans:
    """Runs the fixture-matrix scans concurrently (they mostly wait on timers), once each."""

    def __init__(self, web: FixtureWeb, base: Path) -> None:
        self.web = web
        self.base = base
        self.pool = ThreadPoolExecutor(max_workers=3)
        self.futures: dict[str, Future[ScanOutcome]] = {}

    def submit(self, name: str, path: str, *extra: str, insecure: bool = True) -> None:
        if name in self.futures:
            return
        args = [self.web.url(path), "--host-rules", self.web.host_rules(), *FAST, *extra]
        if insecure:
            args.append("--insecure")
        self.futures[name] = self.pool.submit(run_cli, args, self.base / name)

    def get(self, name: str) -> ScanOutcome:
        outcome = self.futures[name].result()
        assert outcome.returncode == 0, outcome.stderr[-2000:]
        return outcome


MATRIX: dict[str, tuple[str, ...]] = {
    "precon": ("/s/precon/", "--pages", "3"),
    "precon-block": ("/s/precon/", "--pages", "1", "--cookie-policy", "block-third-party"),
    "onetrust": ("/s/onetrust/", "--pages", "2"),
    "holdconsent": ("/s/holdconsent/", "--pages", "1"),
    "fbrevoke": ("/s/fbrevoke/", "--pages", "1"),
    "gcm": ("/s/gcm/", "--pages", "1"),
    "aam": ("/s/aam/", "--pages", "1"),
    "robust": ("/robust/", "--pages", "8", "--phase", "no-interaction", "--page-timeout", "3"),
}


@pytest.fixture(scope="session")
def scans(web: FixtureWeb, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Scans]:
    require_chromium()
    runner = Scans(web, tmp_path_factory.mktemp("scans"))
    for name, (path, *extra) in MATRIX.items():
        runner.submit(name, path, *extra)
    yield runner
    runner.pool.shutdown(wait=True)
