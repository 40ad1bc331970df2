"""Benchmark: read a large Google Takeout Records.json with bounded memory.

    .venv/bin/python bench/bench_takeout_location.py            # 1 GB (1024 MB)
    .venv/bin/python bench/bench_takeout_location.py --mb 300   # smaller
    .venv/bin/python bench/bench_takeout_location.py --zip      # inside a Takeout zip

Generates a synthetic Records.json of about ``--mb`` megabytes (realistic pretty-printed points,
every third with an activity block) in a temporary folder, then reads it in a fresh subprocess
with the Google source (detection + read, streamed with ijson) and prints wall time, peak RSS
(``ru_maxrss``), RSS growth over the interpreter baseline and RSS / file size.

Results (2 vCPU VM, CPython 3.11, ijson yajl2_c, 2026-11-29, plain Records.json):

    Records.json       1,024 MB, 4,099,560 points (262 bytes/point); generated in 81.1 s
    read               4,099,560 points in 104.3 s (39,316 points/s, 10 MB/s)
    peak RSS           1,245 MB (interpreter baseline 17 MB, growth 1,228 MB, 314 bytes/point)
    peak RSS / file    1.22
    (50 MB run: 200,173 points in 2.4 s, peak RSS 81 MB, 338 bytes/point, RSS / file 1.62)

Parsing is streamed (the JSON text is never held), but one ``Location`` record per point costs
~310 bytes in CPython (struct 80 + ref string ~100 + time string 69 + two floats 48 + list slot),
more than the ~260 bytes each point takes in this synthetic file (real files carry more fields,
~400-550 bytes/point, so ~0.6-0.8 there). "Well below the file size" needs a columnar location
store in the record model (see docs/platforms/google.md, "Memory").
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

CHILD = r"""
import json, resource, sys, time
from privacyscope.inputs import open_export
from privacyscope.model import Location
from privacyscope.sources import detect
def rss_kb():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0
base = rss_kb()
t0 = time.perf_counter()
with open_export(sys.argv[1]) as inp:
    src, det = detect(inp)
    res = src.read(inp, det, lambda d, n: None)
wall = time.perf_counter() - t0
n = sum(1 for x in res.records.of(Location) if x.kind == "history")
print(json.dumps({"platform": src.platform, "points": n, "wall_s": wall, "baseline_kb": base,
                  "peak_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                  "unreadable": [u.reason for u in res.unreadable]}))
"""


def _points_for(mb: float) -> int:
    from privacyscope.sources.google.synth import write_big_records

    buf = io.BytesIO()
    write_big_records(buf, 3000)
    per_point = len(buf.getvalue()) / 3000
    return max(1, int(mb * 1024 * 1024 / per_point))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--mb", type=float, default=1024, help="Records.json size in MB (1024)")
    ap.add_argument("--dir", type=Path, default=None, help="where to write (a temp folder)")
    ap.add_argument("--zip", action="store_true", help="put it in a Takeout zip (stored)")
    ap.add_argument("--keep", action="store_true", help="keep the generated file")
    args = ap.parse_args(argv)
    from privacyscope.sources.google.synth import write_big_records

    tmp = tempfile.TemporaryDirectory(dir=args.dir)
    root = Path(tmp.name)
    n = _points_for(args.mb)
    t0 = time.perf_counter()
    rec = root / "Records.json"
    with open(rec, "wb") as fh:
        write_big_records(fh, n)
    size = rec.stat().st_size
    target = rec
    if args.zip:
        target = root / "takeout-20250401T101500Z-001.zip"
        with zipfile.ZipFile(target, "w", zipfile.ZIP_STORED, allowZip64=True) as zf:
            zf.write(rec, "Takeout/Location History (Timeline)/Records.json")
        rec.unlink()
    gen = time.perf_counter() - t0
    out = subprocess.run([sys.executable, "-c", CHILD, str(target)], capture_output=True,
                         text=True, check=False, env={**os.environ, "PYTHONHASHSEED": "0"})
    if out.returncode != 0:
        print(out.stderr, file=sys.stderr)
        return 1
    r = json.loads(out.stdout)
    peak = r["peak_kb"] * 1024
    grow = peak - r["baseline_kb"] * 1024
    print(f"Records.json       {size / 2**20:,.0f} MB, {n:,} points ({size / n:.0f} bytes/point)"
          f"{' in a zip' if args.zip else ''}; generated in {gen:.1f} s")
    print(f"read               {r['points']:,} points in {r['wall_s']:.1f} s "
          f"({r['points'] / r['wall_s']:,.0f} points/s, {size / 2**20 / r['wall_s']:.0f} MB/s)")
    print(f"peak RSS           {peak / 2**20:,.0f} MB (interpreter baseline "
          f"{r['baseline_kb'] / 1024:,.0f} MB, growth {grow / 2**20:,.0f} MB, "
          f"{grow / r['points']:.0f} bytes/point)")
    print(f"peak RSS / file    {peak / size:.2f}")
    if r["unreadable"]:
        print("unreadable:", r["unreadable"])
    if args.keep:
        print("kept:", target)
        tmp.cleanup = lambda: None  # type: ignore[method-assign]
    else:
        tmp.cleanup()
    _ = resource  # parent RSS is not the measurement
    return 0 if r["points"] == n else 1


if __name__ == "__main__":
    sys.exit(main())
