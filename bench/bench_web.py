"""Dashboard benchmark: audit a ~100 MB synthetic TikTok export once through the web API, then
time every dashboard page (cold, then N warm loads) and print medians.

    .venv/bin/python bench/bench_web.py [--target-mb 100] [--runs 7] [--keep]

Target (issue #4): each dashboard page of a 100 MB export loads in under 2 s once audited.
Exit code 1 when a page's median is over the target.
"""

from __future__ import annotations

import argparse
import secrets
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import uvicorn

from privacyscope.sources.tiktok import synth
from privacyscope.web.app import create_app

TARGET_SECONDS = 2.0
#: records per MB of generated JSON, measured on the generator (about 6,200 records per MB)
BASE = synth.Sizes(
    watch=3600,
    logins=360,
    off_events=900,
    searches=360,
    likes=900,
    favorites=60,
    followers=90,
    following=120,
    comments=40,
)
PAGES = [
    "/",
    "/findings",
    "/findings?severity=high",
    "/findings/tracking.off_platform",
    "/findings/activity.watch_time",
    "/knows",
    "/knows?gap=10",
    "/claims",
    "/records",
    "/records/activity",
    "/records/activity?page=2000",
    "/records/activity?f_kind=watch",
    "/records/activity?q=tiktokv",
    "/records/logins?q=192",
    "/records/messages?q=alert",
    "/records/off_platform_events",
    "/downloads",
]


def sizes_for(mb: float) -> synth.Sizes:
    k = mb
    return synth.Sizes(**{f: max(1, int(getattr(BASE, f) * k)) for f in BASE.__dataclass_fields__})


def serve(data_dir: Path, token: str) -> tuple[str, int, uvicorn.Server, threading.Thread]:
    app = create_app(data_dir, token, 4096 * 1024 * 1024)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    return f"http://127.0.0.1:{port}", port, server, thread


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--target-mb", type=float, default=100.0)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--keep", action="store_true", help="keep the generated files")
    args = ap.parse_args(argv)

    tmp = Path(tempfile.mkdtemp(prefix="privacyscope-bench-web-"))
    t0 = time.perf_counter()
    export = synth.generate(tmp / "export", form="json", sizes=sizes_for(args.target_mb))
    size_mb = export.stat().st_size / 2**20
    print(f"generated {export.name}: {size_mb:.1f} MB in {time.perf_counter() - t0:.1f} s")

    token = secrets.token_urlsafe(24)
    url, port, server, thread = serve(tmp / "data", token)
    slow: list[str] = []
    try:
        with httpx.Client(base_url=url, cookies={f"privacyscope_{port}": token}, timeout=600) as c:
            t0 = time.perf_counter()
            audit_id = c.post("/api/audits", json={"name": export.name}).json()["id"]
            with export.open("rb") as fh:
                r = c.put(f"/api/audits/{audit_id}/files", params={"path": export.name}, content=fh)
            r.raise_for_status()
            upload_s = time.perf_counter() - t0
            c.post(f"/api/audits/{audit_id}/start").raise_for_status()
            while (st := c.get(f"/api/audits/{audit_id}/status").json())["phase"] not in (
                "done",
                "error",
            ):
                time.sleep(0.25)
            if st["phase"] != "done":
                print(f"audit failed: {st['error']}")
                return 2
            audit_s = time.perf_counter() - t0 - upload_s
            print(f"upload {upload_s:.1f} s, audit {audit_s:.1f} s, {st['records']:,} records")
            print(f"{'page':45} {'cold s':>8} {'median s':>9} {'max s':>7} {'KB':>7}")
            for path in PAGES:
                times = []
                body = 0
                for _ in range(args.runs + 1):
                    t = time.perf_counter()
                    r = c.get(f"/audits/{audit_id}{path}")
                    times.append(time.perf_counter() - t)
                    r.raise_for_status()
                    body = len(r.content)
                cold, warm = times[0], times[1:]
                med = statistics.median(warm)
                flag = "" if max(cold, med) < TARGET_SECONDS else "  SLOW"
                if flag:
                    slow.append(path)
                print(f"{path:45} {cold:8.3f} {med:9.3f} {max(warm):7.3f} {body / 1024:7.0f}{flag}")
    finally:
        server.should_exit = True
        thread.join(timeout=15)
        if not args.keep:
            import shutil

            shutil.rmtree(tmp, ignore_errors=True)
        else:
            print(f"kept {tmp}")
    print(
        f"target: every page under {TARGET_SECONDS} s -> "
        + ("OK" if not slow else f"SLOW: {', '.join(slow)}")
    )
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
