"""``python -m bench.bench_lowmem``: where ``--low-memory`` spends memory, phase by phase.

    python -m bench.bench_lowmem --mb 1000

Reads the synthetic export (``python -m bench`` makes it) with the streaming reader, then runs
each analysis and the findings and claims one at a time, printing for each phase the RSS before,
its peak (Linux: ``VmHWM``, reset between phases through ``/proc/self/clear_refs``) and after,
and its time; then the bytes held by the column store per record type and field. Not a test:
numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def _status() -> dict[str, float]:
    out = {}
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith(("VmRSS", "VmHWM")):
                key, value = line.split(":")
                out[key] = int(value.split()[0]) / 1024
    return out


def _phase(name: str, fn: Callable[[], Any]) -> Any:
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")  # reset the peak
    except OSError:
        pass
    before = _status()["VmRSS"]
    t = time.perf_counter()
    out = fn()
    s = _status()
    print(
        f"| {name} | {before:.1f} | {s['VmHWM']:.1f} | {s['VmHWM'] - before:+.1f} | "
        f"{s['VmRSS']:.1f} | {time.perf_counter() - t:.2f} |",
        flush=True,
    )
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mb", type=float, default=100.0)
    ap.add_argument("--data", type=Path, default=Path("/tmp/privacyscope-bench"))
    args = ap.parse_args(argv)
    path = args.data / f"tiktok_g4_{args.mb:g}mb.json"
    if not path.exists():
        from bench.gen import generate

        generate(path, args.mb)

    import numpy  # noqa: F401

    import privacyscope.cli  # noqa: F401
    from privacyscope.claims import run_claims
    from privacyscope.context import AuditContext, AuditOptions
    from privacyscope.findings import run_findings
    from privacyscope.inputs import open_export
    from privacyscope.model import Columns
    from privacyscope.sources import detect

    options = AuditOptions(low_memory=True, full_records=False)

    def read() -> Any:
        with open_export(path) as inp:
            source, det = detect(inp, None)
            det.context.setdefault("full", False)
            det.context.setdefault("low_memory", True)
            return source.read(inp, det, lambda done, n: None)

    print(f"{path} ({path.stat().st_size / 1e6:.0f} MB), MB of RSS\n")
    print("| phase | before | peak | peak - before | after | seconds |")
    print("|---|---|---|---|---|---|")
    result = _phase("read (stream)", read)
    ctx = AuditContext(result, options)
    _phase("counts", lambda: ctx.counts)
    _phase("login trail (+ GeoIP)", lambda: ctx.trail)
    _phase("watch time", lambda: ctx.watch)
    _phase("activity series", lambda: ctx.series)
    _phase("locations", lambda: ctx.locations)
    _phase("findings", lambda: run_findings(ctx))
    _phase("claims", lambda: run_claims(ctx))
    held: dict[tuple[str, str, str], int] = {}
    for rtype, records in result.records.types():
        parts = records.parts() if hasattr(records, "parts") else []
        for p in parts:
            if isinstance(p, Columns):
                for f, col in p.cols.items():
                    size = col.nbytes() if hasattr(col, "nbytes") else 8 * len(col)
                    key = (rtype.__name__, f, type(col).__name__)
                    held[key] = held.get(key, 0) + size
    print("\n| records | field | column | MB |\n|---|---|---|---|")
    for (rtype_name, f, kind), size in sorted(held.items(), key=lambda kv: -kv[1]):
        print(f"| {rtype_name} | {f} | {kind} | {size / 1e6:.1f} |")
    print(f"| all | | | {sum(held.values()) / 1e6:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
