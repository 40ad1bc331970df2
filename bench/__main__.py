"""``python -m bench``: the audit against the baselines of issue #3, in the same run.

    python -m bench --mb 1000 --repeat 3

Generates (once, cached in ``--data``) a synthetic G4 TikTok export of about ``--mb`` MB, runs
every approach ``--repeat`` times, each in its own process, and prints the median wall time,
the peak memory (the larger of the process's peak RSS and that of its process tree: anonymous
pages summed, the export's mapped pages once), memory / file size and time / orjson time. Approaches
whose library is not installed (pandas) are skipped. Nothing here is a test: numbers depend on
the machine; the README records them.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from bench import compile_bytecode
from bench.gen import generate

ORDER = ("audit", "audit_lowmem", "orjson", "json_rleapp", "pandas", "ijson", "msgspec", "audit_db")
LABELS = {
    "audit": "privacyscope audit (findings, claims, JSON report)",
    "audit_lowmem": "privacyscope audit --low-memory",
    "orjson": "orjson.loads + counting",
    "json_rleapp": "json.loads + RLEAPP-style tuples",
    "pandas": "pandas DataFrames (one parse)",
    "ijson": "ijson.parse one pass (16 KiB)",
    "msgspec": "msgspec typed Structs, needed fields",
    "audit_db": "audit + --db (all fields, SQLite)",
}


def run_one(name: str, path: Path) -> tuple[float, int, dict[str, Any]]:
    """(wall seconds, peak memory bytes, child's JSON line) of one approach in a fresh process.

    Peak memory is the larger of the process's peak RSS (``os.wait4``) and the peak memory of
    its process tree (:class:`TreeMemory`), sampled while it has children (the audit forks a
    helper on two cores, ADR 0007)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", "bench.approaches", name, str(path)], stdout=out, stderr=err
        )
        sampler = TreeMemory(proc.pid)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t
        sampler.stop.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if proc.returncode:
            raise RuntimeError(f"{name} failed: {err.read().decode(errors='replace')[-800:]}")
        line = out.read().decode().strip().splitlines()[-1]
    return wall, max(usage.ru_maxrss * 1024, sampler.peak), json.loads(line)


class TreeMemory(threading.Thread):
    """Peak memory (bytes) of a process and its children, sampled every 20 ms while it has
    children: the sum of their anonymous and shared-memory pages plus the largest file-backed
    resident set (they map the same export, whose pages the page cache holds once). Pages
    shared copy-on-write after the fork count once per process, so this errs on the high
    side. ``/proc/PID/status`` costs microseconds; ``smaps_rollup`` (PSS) costs ~35 ms for a
    2 GB process, enough to slow the measured processes down (Linux /proc; 0 elsewhere)."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak = 0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.wait(0.02):
            children = _children(self.pid)
            if not children:  # one process: wait4's peak RSS says it all
                continue
            anon, files = 0, 0
            for p in [self.pid, *children]:
                a, f = _rss(p)
                anon += a
                files = max(files, f)
            self.peak = max(self.peak, anon + files)


def _children(pid: int) -> list[int]:
    out: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            out += [int(x) for x in task.read_text().split()]
        except (OSError, ValueError):
            continue
    return out


def _rss(pid: int) -> tuple[int, int]:
    """(anonymous + shared-memory, file-backed) resident bytes of one process."""
    anon = files = 0
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(("RssAnon:", "RssShmem:")):
                anon += int(line.split()[1]) * 1024
            elif line.startswith("RssFile:"):
                files = int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return anon, files


def available(name: str) -> bool:
    if name != "pandas":
        return True
    try:
        import pandas  # noqa: F401
    except ImportError:
        return False
    return True


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mb", type=float, default=100.0, help="export size (default 100)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--data", type=Path, default=Path("/tmp/privacyscope-bench"))
    ap.add_argument("--only", nargs="*", choices=ORDER, help="run only these approaches")
    args = ap.parse_args(argv)
    compile_bytecode()
    path = args.data / f"tiktok_g4_{args.mb:g}mb.json"
    if not path.exists():
        print(f"generating {path} ...", flush=True)
        generate(path, args.mb)
    size = path.stat().st_size
    print(f"export: {path} ({size / 1e6:.1f} MB), {args.repeat} runs each, medians\n")
    rows: dict[str, dict[str, Any]] = {}
    for name in args.only or ORDER:
        if not available(name):
            print(f"{LABELS[name]}: skipped (not installed)")
            continue
        runs = [run_one(name, path) for _ in range(args.repeat)]
        rows[name] = {
            "seconds": statistics.median(r[0] for r in runs),
            "rss": statistics.median(r[1] for r in runs),
            "out": runs[-1][2],
        }
        print(f"  {name}: {[round(r[0], 2) for r in runs]} s", flush=True)
    base = rows.get("orjson", {}).get("seconds")
    print("\n| approach | seconds | peak memory MB | memory / file | time / orjson |")
    print("|---|---|---|---|---|")
    for name, r in rows.items():
        ratio = f"{r['seconds'] / base:.2f}x" if base else "-"
        print(
            f"| {LABELS[name]} | {r['seconds']:.2f} | {r['rss'] / 1e6:.0f} | "
            f"{r['rss'] / size:.2f}x | {ratio} |"
        )
    if "audit" in rows and "json_rleapp" in rows:
        speedup = rows["json_rleapp"]["seconds"] / rows["audit"]["seconds"]
        print(f"\naudit vs json.loads + RLEAPP tuples: {speedup:.1f}x faster")
    if "audit_db" in rows:
        o = rows["audit_db"]["out"]
        print(
            f"SQLite (--db): {o['records']:,} records in {o['db_seconds']} s = "
            f"{o['db_records_per_s']:,} records/s"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
