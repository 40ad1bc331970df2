"""Benchmark of the website scanner on the loopback fixture site (not a timed test).

Run: .venv/bin/python bench/bench_scan.py [--pages 10] [--site trap|precon]

Starts the fixture web of tests/scan on a free port, runs ``privacyscope scan`` as a subprocess
(three phases, all vendors mapped onto loopback, ``MAP * ~NOTFOUND``), samples the RSS of the
whole process tree (Python + Playwright driver + Chromium) from /proc, and prints page visits
per minute and peak RSS.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "scan"))

from fixture_site import serve  # noqa: E402


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def tree_rss_kb(root: int) -> int:
    tree = _children()
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        stack.extend(tree.get(pid, []))
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=10)
    parser.add_argument("--site", choices=("trap", "precon"), default="trap")
    args = parser.parse_args()
    path = "/trap/1" if args.site == "trap" else "/s/precon/"
    with serve() as web, tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "evidence"
        cmd = [
            sys.executable,
            "-m",
            "privacyscope",
            "scan",
            web.url(path),
            "--pages",
            str(args.pages),
            "--host-rules",
            web.host_rules(),
            "--insecure",
            "--out",
            str(out),
            "--json",
            str(Path(tmp) / "summary.json"),
            "--page-timeout",
            "10",
            "--idle-timeout",
            "2",
            "--consent-timeout",
            "3",
            "--quiet",
        ]
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
        started = time.monotonic()
        proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.PIPE, text=True)
        peak = 0
        stop = threading.Event()

        def sample() -> None:
            nonlocal peak
            while not stop.is_set():
                peak = max(peak, tree_rss_kb(proc.pid))
                time.sleep(0.1)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        stdout, _ = proc.communicate(timeout=900)
        stop.set()
        sampler.join()
        seconds = time.monotonic() - started
        summary = json.loads((Path(tmp) / "summary.json").read_text())
        visits = [p for p in summary["pages"] if p["status"] != "skipped"]
        ok = sum(1 for p in visits if p["status"] == "ok")
        print(f"site: {path}  pages per phase: {args.pages}  phases: 3")
        print(
            f"page visits: {len(visits)} ({ok} ok) in {seconds:.1f} s "
            f"(including 3 browser launches and the bundle)"
        )
        print(f"pages per minute: {len(visits) / seconds * 60:.1f}")
        print(f"peak RSS (python + driver + chromium tree): {peak / 1024:.0f} MB")
        print(stdout.strip())


if __name__ == "__main__":
    main()
