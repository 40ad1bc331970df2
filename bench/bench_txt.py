"""TikTok TXT exports: the reader alone and the whole audit, on a large synthetic export.

    PYTHONPATH=src python bench/bench_txt.py --mb 200 --repeat 3 [--zip] [--lang nl]

Generates (once, cached in ``--data``) a TXT export of about ``--mb`` MB of text, laid out as
``privacyscope.sources.tiktok.synth.build_txt`` lays it out (its small files are kept as they
are) with the big files scaled up: watch history about half of the text, then logins,
off-TikTok events, likes, direct messages, searches (a few non-ASCII terms), followers,
comments (a few over several lines). Each approach runs ``--repeat`` times in its own process;
the table gives the median wall time of that process, the time the child measured around the
work itself (``inner``: without interpreter start and imports), MB/s of text for both and the
peak RSS (``os.wait4``).

Approaches: ``reader`` (open, detect and read the export as ``SOURCE.read`` does today,
every field kept), ``reader-lean`` (the same without the fields no finding reads, what
``audit --json`` asks for), ``reference`` (the pre-columnar reader kept in ``txt_reference``,
slow), ``audit`` (``privacyscope audit EXPORT -q --json OUT``). The readers also report the
time spent in ``timeparse.epochs_of`` (by the parent process only: the big files are read on
two cores, see ``txt_parallel``; ``--workers 1`` reads on one). ``--check`` compares the
records of the reader and the reference reader on the generated export (slow). Numbers depend
on the machine and on whatever else runs on it: run several times and read medians.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from privacyscope.sources.tiktok import synth

#: share of the text per big file (the small files of ``synth.build_txt`` come on top)
SHARES = {
    "watch": 0.50,
    "login": 0.12,
    "off": 0.10,
    "like": 0.09,
    "dm": 0.09,
    "search": 0.05,
    "follower": 0.02,
    "following": 0.01,
    "comments": 0.01,
    "share": 0.01,
}
_START = 1_700_000_000
_DEVICES = [("iPhone15,2", "iOS 17.4"), ("SM-S918B", "Android 14"), ("Pixel 8", "Android 14")]
_SOURCES = [f"Advertiser {i:03d} BV" for i in range(300)] + [str(10**9 + i) for i in range(200)]
_EVENTS = ["Pageview", "ViewContent", "AddToCart", "Checkout", "Purchase", "LaunchAPP"]
_TERMS = ["pasta recipe", "running shoes", "utrecht", "cat videos", "diy shelf", "jazz"]
_ODD_TERMS = ["café utrecht", "😂 memes", "naïve art", "straße"]
_IPS = [f"203.0.113.{i}" for i in range(1, 200)] + [f"2001:db8::{i:x}" for i in range(1, 40)]
_IPS += ["8.8.8.8", "1.1.1.1"]


def _fmt(t: int, days: dict[int, str]) -> str:
    import datetime as dt

    day, rest = divmod(t, 86400)
    d = days.get(day)
    if d is None:
        d = days[day] = (dt.date(1970, 1, 1) + dt.timedelta(days=day)).isoformat()
    h, rest = divmod(rest, 3600)
    m, s = divmod(rest, 60)
    return f"{d} {h:02d}:{m:02d}:{s:02d}"


def _video(r: random.Random) -> str:
    return f"https://www.tiktokv.com/share/video/{7 * 10**18 + r.getrandbits(59)}/"


def _blocks(kind: str, r: random.Random, key: Callable[[str], str]) -> Iterator[str]:
    """Endless TXT blocks of one big file, newest first (as TikTok lists them)."""
    days: dict[int, str] = {}
    t = _START
    date = key("Date")
    for i in range(10**12):
        t -= r.randint(8, 90) if kind in ("watch", "like") else r.randint(20, 4000)
        d = _fmt(t, days)
        if kind in ("watch", "like", "share"):
            extra = f"\n{key('Shared Content')}: video\n{key('Method')}: copy" * (kind == "share")
            yield f"{date}: {d}\nLink: {_video(r)}{extra}"
        elif kind == "login":
            model, system = _DEVICES[i % 3 if i % 7 else 0]
            carrier = "KPN" if i % 5 == 0 else ""
            yield (
                f"{date}: {d}\nIP: {r.choice(_IPS)}\n{key('Device Model')}: {model}\n"
                f"{key('Device System')}: {system}\n{key('Network Type')}: "
                f"{'Wi-Fi' if i % 3 else '4G'}\n{key('Carrier')}: {carrier}"
            )
        elif kind == "off":
            yield (
                f"{date}: {d}\n{key('Source')}: {r.choice(_SOURCES)}\n"
                f"{key('Event')}: {r.choice(_EVENTS)}"
            )
        elif kind == "search":
            term = r.choice(_ODD_TERMS) if i % 97 == 0 else f"{r.choice(_TERMS)} {i % 1000}"
            yield f"{date}: {d}\n{key('Search Term')}: {term}"
        elif kind in ("follower", "following"):
            yield f"{date}: {d}\n{key('Username')}: user_{r.randrange(10**8):08d}"
        elif kind == "comments":
            text = "so true\nsecond line" if i % 10 == 0 else f"nice video {i}"
            yield f"{date}: {d}\n{key('Comment')}: {text}"
        else:
            raise ValueError(kind)


def _dm_lines(r: random.Random, header: str) -> Iterator[str]:
    days: dict[int, str] = {}
    t = _START
    chat = 0
    while True:
        yield f">>> {header} friend_{chat:05d}::\n"
        for i in range(r.randint(50, 800)):
            t -= r.randint(5, 600)
            sender = "sam_synthetic" if i % 2 else f"friend_{chat:05d}"
            text = f"message {i} about the weekend"
            if i % 250 == 7:
                text += "\nand a second line"
            yield f"{_fmt(t, days)} UTC {sender}: {text}\n"
        yield "\n"
        chat += 1


def _write_until(out: IO[str], parts: Iterator[str], budget: int, sep: str) -> None:
    written = 0
    buf: list[str] = []
    for part in parts:
        buf.append(part)
        written += len(part) + len(sep)
        if len(buf) >= 4096 or written >= budget:
            out.write(sep.join(buf) + sep)
            buf.clear()
        if written >= budget:
            break


def generate(folder: Path, mb: float, lang: str = "en", seed: int = 0) -> int:
    """Write a TXT export of about ``mb`` MB under ``folder``; returns its text bytes."""
    names = synth._TXT_NAMES[lang]
    files = synth.build_txt(synth.build_data(seed), lang)
    tmp = folder.with_name(folder.name + ".partial")
    shutil.rmtree(tmp, ignore_errors=True)
    for name, text in files.items():
        p = tmp / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8", newline="\n")

    def key(k: str) -> str:
        return synth._NL_KEYS.get(k, k) if lang == "nl" else k

    total = mb * 1e6
    for kind, share in SHARES.items():
        path = tmp / "Tiktok" / names[kind]
        r = random.Random(f"{seed}-{kind}")
        with open(path, "w", encoding="utf-8", newline="\n") as out:
            if kind == "dm":
                header = "Chatgeschiedenis met" if lang == "nl" else "Chat History with"
                _write_until(out, _dm_lines(r, header), int(total * share), "")
            else:
                _write_until(out, _blocks(kind, r, key), int(total * share), "\n\n")
    shutil.rmtree(folder, ignore_errors=True)
    tmp.rename(folder)
    return text_bytes(folder)


def text_bytes(path: Path) -> int:
    if path.is_dir():
        return sum(p.stat().st_size for p in path.rglob("*.txt"))
    with zipfile.ZipFile(path) as zf:
        return sum(i.file_size for i in zf.infolist() if i.filename.endswith(".txt"))


def make_zip(folder: Path, target: Path) -> None:
    tmp = target.with_suffix(".partial")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        for p in sorted(folder.rglob("*")):
            if p.is_file():
                zf.write(p, p.relative_to(folder).as_posix())
    tmp.replace(target)


# -- children --------------------------------------------------------------------------------
def _read(path: Path, reference: bool, full: bool = True) -> dict[str, Any]:
    from privacyscope.inputs import open_export
    from privacyscope.sources.base import ReadResult, no_progress
    from privacyscope.sources.tiktok import SOURCE, txt_columns, txt_reader, txt_reference

    # time spent in timeparse.epochs_of (being made faster elsewhere), reported apart
    spent = [0.0]
    epochs_of = txt_columns.epochs_of

    def timed(values: list[Any], none: int) -> list[int]:
        t = time.perf_counter()
        try:
            return epochs_of(values, none)
        finally:
            spent[0] += time.perf_counter() - t

    txt_columns.epochs_of = timed  # type: ignore[assignment]
    t = time.perf_counter()
    with open_export(path) as inp:
        det = SOURCE.detect(inp)
        assert det is not None and det.format == "txt", det
        result = ReadResult(platform="tiktok", layout="txt", format="txt")
        if reference:
            txt_reference.read_txt(inp.files, result, no_progress)
        else:
            txt_reader.read_txt(inp.files, result, no_progress, full=full)
    inner = time.perf_counter() - t
    counts = {t.__name__: len(recs) for t, recs in result.records.types() if len(recs)}
    return {
        "inner": inner,
        "epochs_of": spent[0],
        "records": len(result.records),
        "by_type": counts,
    }


def _audit(path: Path) -> dict[str, Any]:
    from privacyscope.cli import main

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "r.json"
        t = time.perf_counter()
        try:
            main(["audit", str(path), "-q", "--json", str(out)])
        except SystemExit as exc:
            if exc.code:
                raise
        inner = time.perf_counter() - t
        counts = json.loads(out.read_bytes())["counts"]
    return {"inner": inner, "records": sum(v for v in counts.values() if isinstance(v, int))}


def _child(name: str, path: Path) -> None:
    if name == "reader":
        out = _read(path, reference=False)
    elif name == "reader-lean":
        out = _read(path, reference=False, full=False)
    elif name == "reference":
        out = _read(path, reference=True)
    else:
        out = _audit(path)
    print(json.dumps(out), flush=True)


def run_one(name: str, path: Path) -> tuple[float, int, dict[str, Any]]:
    """(wall seconds, peak RSS bytes, the child's JSON line) of one run in a fresh process."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, __file__, "--child", name, str(path)], stdout=out, stderr=err
        )
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t
        out.seek(0)
        err.seek(0)
        if os.waitstatus_to_exitcode(status):
            raise RuntimeError(f"{name} failed: {err.read().decode(errors='replace')[-2000:]}")
        line = out.read().decode().strip().splitlines()[-1]
    return wall, usage.ru_maxrss * 1024, json.loads(line)


def check(path: Path) -> None:
    """The reader and the reference reader give the same records, sections, notes."""
    from privacyscope.inputs import open_export
    from privacyscope.model import parts_of
    from privacyscope.sources.base import ReadResult, no_progress
    from privacyscope.sources.tiktok import txt_reader, txt_reference

    def read(fn: Any) -> ReadResult:
        with open_export(path) as inp:
            result = ReadResult(platform="tiktok", layout="txt", format="txt")
            fn(inp.files, result, no_progress)
        return result

    new, ref = read(txt_reader.read_txt), read(txt_reference.read_txt)
    assert new.sections == ref.sections, "sections differ"
    assert new.notes == ref.notes and new.unrecognized == ref.unrecognized
    assert new.present == ref.present and new.settings == ref.settings
    for (t, a), (_, b) in zip(new.records.types(), ref.records.types(), strict=True):
        assert len(a) == len(b), t.__name__
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            if x != y:
                raise AssertionError(f"{t.__name__}[{i}]: {x!r} != {y!r}")
        print(f"  {t.__name__}: {len(a):,} records equal ({len(parts_of(a))} parts)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mb", type=float, default=200.0, help="text size (default 200)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--lang", choices=synth.LANGS, default="en")
    ap.add_argument("--zip", action="store_true", help="read the export as a zip (deflate)")
    ap.add_argument("--data", type=Path, default=Path("/tmp/privacyscope-bench"))
    ap.add_argument(
        "--only",
        nargs="*",
        choices=("reader", "reader-lean", "reference", "audit"),
        default=["reader", "audit"],
    )
    ap.add_argument("--check", action="store_true", help="compare with the reference reader")
    ap.add_argument(
        "--workers", choices=("1", "2"), help="PRIVACYSCOPE_WORKERS for the runs (default: 2)"
    )
    ap.add_argument("--child", nargs=2, metavar=("NAME", "PATH"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        _child(args.child[0], Path(args.child[1]))
        return 0
    # bytecode written first, as pip writes it on install (see bench.compile_bytecode)
    compileall.compile_dir(Path(synth.__file__).parents[2], quiet=1)
    if args.workers:
        os.environ["PRIVACYSCOPE_WORKERS"] = args.workers  # (the runs inherit it)
    folder = args.data / f"tiktok_txt_{args.lang}_{args.mb:g}mb"
    if not folder.exists():
        print(f"generating {folder} ...", flush=True)
        generate(folder, args.mb, args.lang)
    path = folder
    if args.zip:
        path = folder.with_suffix(".zip")
        if not path.exists():
            print(f"zipping {path} ...", flush=True)
            make_zip(folder, path)
    size = text_bytes(path)
    workers = os.environ.get("PRIVACYSCOPE_WORKERS", "2")
    print(
        f"export: {path} ({size / 1e6:.1f} MB of text), {args.repeat} runs each, medians, "
        f"PRIVACYSCOPE_WORKERS={workers}, load average {os.getloadavg()[0]:.2f}\n"
    )
    if args.check:
        check(path)
    rows = []
    for name in args.only:
        runs = [run_one(name, path) for _ in range(args.repeat)]
        wall = statistics.median(r[0] for r in runs)
        inner = statistics.median(r[2]["inner"] for r in runs)
        rss = statistics.median(r[1] for r in runs)
        print(
            f"  {name}: wall {[round(r[0], 2) for r in runs]} s, "
            f"inner {[round(r[2]['inner'], 2) for r in runs]} s, "
            f"{runs[-1][2]['records']:,} records",
            flush=True,
        )
        epochs = statistics.median(r[2].get("epochs_of", 0.0) for r in runs)
        rows.append((name, wall, inner, rss, epochs))
    print(
        "\n| run | wall s | MB/s (wall) | inner s | MB/s (inner) | of which epochs_of s "
        "| peak RSS MB |"
    )
    print("|---|---|---|---|---|---|---|")
    for name, wall, inner, rss, epochs in rows:
        print(
            f"| {name} | {wall:.2f} | {size / 1e6 / wall:.0f} | {inner:.2f} | "
            f"{size / 1e6 / inner:.0f} | {epochs:.2f} | {rss / 1e6:.0f} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
