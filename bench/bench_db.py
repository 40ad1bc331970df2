"""``python -m bench.bench_db``: the SQLite writer alone, several times in one process.

    python -m bench.bench_db --mb 1000 --repeat 5

Reads the synthetic G4 export of ``--mb`` MB once (``bench/gen.py``, cached in ``--data``), then
times ``store.sqlite.write`` ``--repeat`` times into a temporary folder and prints records/s of
each run and the median. ``--serial`` builds every table on one thread.
The machine's other load shows in the spread: compare medians.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from bench.gen import generate


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mb", type=float, default=100.0, help="export size (default 100)")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--data", type=Path, default=Path("/tmp/privacyscope-bench"))
    ap.add_argument("--out", type=Path, default=None, help="folder for the database (tmp)")
    ap.add_argument("--serial", action="store_true", help="one thread builds every table")
    args = ap.parse_args(argv)

    from privacyscope.audit import run_audit
    from privacyscope.store import sqlite

    path = args.data / f"tiktok_g4_{args.mb:g}mb.json"
    if not path.exists():
        print(f"generating {path} ...", flush=True)
        generate(path, args.mb)
    if args.serial:
        sqlite.PARALLEL_ROWS = 1 << 62
    t = time.perf_counter()
    result = run_audit(path)
    print(f"audit of {path.name}: {time.perf_counter() - t:.1f} s", flush=True)
    rates = []
    with tempfile.TemporaryDirectory(dir=args.out) as tmp:
        for i in range(args.repeat):
            db = Path(tmp) / f"a{i}.db"
            t = time.perf_counter()
            rows = sqlite.write(result, db, metadata=False)
            dt = time.perf_counter() - t
            n = sum(rows.values())
            rates.append(n / dt)
            size = db.stat().st_size / 1e6
            db.unlink()
            print(f"run {i + 1}: {n:,} records in {dt:.3f} s = {n / dt:,.0f}/s ({size:.0f} MB)")
    print(f"median: {statistics.median(rates):,.0f} records/s over {len(rates)} runs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
