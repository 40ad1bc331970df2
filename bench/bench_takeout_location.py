"""Benchmark: read (and audit) a large Google Takeout Records.json with bounded memory.

    .venv/bin/python bench/bench_takeout_location.py              # 1 GB (1024 MB), read only
    .venv/bin/python bench/bench_takeout_location.py --audit      # + full audit and JSON report
    .venv/bin/python bench/bench_takeout_location.py --mb 300     # smaller
    .venv/bin/python bench/bench_takeout_location.py --zip        # inside a Takeout zip

Generates a synthetic Records.json of about ``--mb`` megabytes (realistic pretty-printed points,
every third with an activity block) in a temporary folder, then reads it in a fresh subprocess
with the Google source (detection + read, streamed with ijson) and prints wall time, peak RSS
(``ru_maxrss``), RSS growth over the interpreter baseline and RSS / file size. ``--audit`` then
runs ``privacyscope.audit.run_audit`` and writes the JSON report in a second fresh subprocess
(as ``privacyscope audit Records.json --json report.json``) and prints the same figures.

Results (2 vCPU VM, CPython 3.11, ijson yajl2_c, plain Records.json, ``--mb 1024 --audit``):

    Records.json       1,024 MB, 4,099,560 points (262 bytes/point); generated in 23.2 s
    read               4,099,560 points in 15.8 s (259,477 points/s, 65 MB/s)
    peak RSS           121 MB (interpreter baseline 17 MB, growth 104 MB, 27 bytes/point)
    peak RSS / file    0.12
    audit + JSON       19.0 s (run_audit 18.1 s), 4,099,560 location points, report 17 KB
    audit peak RSS     127 MB (growth 109 MB)
    audit RSS / file   0.12

Before the columnar reader (one ``Location`` Struct per point, same VM and file):

    read               4,099,560 points in 32.1 s (127,770 points/s, 32 MB/s)
    peak RSS           1,249 MB (interpreter baseline 17 MB, growth 1,232 MB, 315 bytes/point)
    peak RSS / file    1.22
    audit + JSON       48.7 s (run_audit 41.3 s), 4,099,560 location points, report 17 KB
    audit peak RSS     1,588 MB (growth 1,570 MB)
    audit RSS / file   1.55

Points are kept column-wise (``model.Columns`` runs: epoch seconds in ``array('q')``, latitude
and longitude in ``array('d')``, ~24 bytes a point) and the audit reads them through columns
(``analysis.count_present`` / ``times_of_kinds`` / ``median_gap``), so memory is ~0.12 x this
synthetic file and lower for real files (~400-550 bytes a point). See docs/platforms/google.md,
"Memory".
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
from typing import Any

CHILD = r"""
import json, resource, sys, time
from privacyscope.inputs import open_export
from privacyscope.model import Location, count_by
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
n = count_by(res.records.of(Location), "kind")["history"]
print(json.dumps({"platform": src.platform, "points": n, "wall_s": wall, "baseline_kb": base,
                  "peak_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                  "unreadable": [u.reason for u in res.unreadable]}))
"""

AUDIT_CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from privacyscope.audit import run_audit
from privacyscope.context import AuditOptions
from privacyscope.report import jsonreport
def rss_kb():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0
base = rss_kb()
t0 = time.perf_counter()
# as `privacyscope audit EXPORT --json report.json` (no SQLite / HTML: full_records=False)
res = run_audit(sys.argv[1], AuditOptions(full_records=False))
audit_s = time.perf_counter() - t0
jsonreport.write(res, Path(sys.argv[2]))
wall = time.perf_counter() - t0
print(json.dumps({"points": res.counts["location_points"], "wall_s": wall, "audit_s": audit_s,
                  "baseline_kb": base,
                  "peak_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                  "report_bytes": Path(sys.argv[2]).stat().st_size,
                  "unreadable": [u.reason for u in res.read.unreadable]}))
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
    ap.add_argument(
        "--audit",
        action="store_true",
        help="also run a full audit (run_audit + JSON report) in a second fresh process",
    )
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
    r = _child(CHILD, str(target))
    if r is None:
        return 1
    peak = r["peak_kb"] * 1024
    grow = peak - r["baseline_kb"] * 1024
    print(
        f"Records.json       {size / 2**20:,.0f} MB, {n:,} points ({size / n:.0f} bytes/point)"
        f"{' in a zip' if args.zip else ''}; generated in {gen:.1f} s"
    )
    print(
        f"read               {r['points']:,} points in {r['wall_s']:.1f} s "
        f"({r['points'] / r['wall_s']:,.0f} points/s, {size / 2**20 / r['wall_s']:.0f} MB/s)"
    )
    print(
        f"peak RSS           {peak / 2**20:,.0f} MB (interpreter baseline "
        f"{r['baseline_kb'] / 1024:,.0f} MB, growth {grow / 2**20:,.0f} MB, "
        f"{grow / r['points']:.0f} bytes/point)"
    )
    print(f"peak RSS / file    {peak / size:.2f}")
    if r["unreadable"]:
        print("unreadable:", r["unreadable"])
    ok = r["points"] == n
    if args.audit:
        a = _child(AUDIT_CHILD, str(target), str(root / "report.json"))
        if a is None:
            return 1
        peak = a["peak_kb"] * 1024
        print(
            f"audit + JSON       {a['wall_s']:.1f} s (run_audit {a['audit_s']:.1f} s), "
            f"{a['points']:,} location points, report {a['report_bytes'] / 1024:,.0f} KB"
        )
        print(
            f"audit peak RSS     {peak / 2**20:,.0f} MB (growth "
            f"{(peak - a['baseline_kb'] * 1024) / 2**20:,.0f} MB)"
        )
        print(f"audit RSS / file   {peak / size:.2f}")
        ok = ok and a["points"] == n
    if args.keep:
        print("kept:", target)
        tmp.cleanup = lambda: None  # type: ignore[method-assign]
    else:
        tmp.cleanup()
    _ = resource  # parent RSS is not the measurement
    return 0 if ok else 1


def _child(code: str, *args: str) -> dict[str, Any] | None:
    """Run ``code`` in a fresh interpreter (its peak RSS is the measurement)."""
    out = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONHASHSEED": "0"},
    )
    if out.returncode != 0:
        print(out.stderr, file=sys.stderr)
        return None
    r: dict[str, Any] = json.loads(out.stdout)
    return r


if __name__ == "__main__":
    sys.exit(main())
