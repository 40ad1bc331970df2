"""Fuzzing harness for the export readers: ``python -m bench.fuzz --seconds 1800``.

Feeds mutated exports (JSON of every TikTok generation, TXT files, zips) to the whole audit
pipeline, as ``privacyscope audit`` would, and checks the contract of issue #3: an input either
audits or fails with :class:`privacyscope.errors.InputError` (the one-line error, exit code 2).
Any other exception is a crash: its input is saved under ``--crashes`` (one file per distinct
place in the code) and fuzzing goes on. The summary line gives executions and crashes.

Engines: ``atheris`` (coverage-guided libFuzzer, ``pip install atheris``) when installed, else
``hypothesis`` (random byte strings and mutations of valid exports, with a time budget).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import random
import sys
import time
import traceback
import zipfile
from pathlib import Path

from privacyscope.audit import run_audit
from privacyscope.context import AuditOptions
from privacyscope.errors import InputError
from privacyscope.report import jsonreport
from privacyscope.sources.tiktok import synth

#: the first byte of a fuzz input picks how the rest is handed over
FORMS = ("user_data_tiktok.json", "user_data.json", "export.zip", "Login History.txt", "x.json")


def _small_pieces() -> None:
    """Fuzz inputs are small: make the readers cut them into slices, batches and runs as they
    cut gigabyte exports, so that code is fuzzed too."""
    from privacyscope import timeparse
    from privacyscope.sources.tiktok import sections, stream

    sections.CHUNK_BYTES, sections.CHUNK = 200, 4
    sections._ONE_LIST_MIN = 0  # every one-list section cut from its first and last bytes
    stream.READ_SIZE, stream.BATCH, stream.RUN = 64, 128, 8
    timeparse._NUMPY_MIN = 1  # every time column through the numpy arithmetic


class Harness:
    def __init__(self, crashes: Path, work: Path | None = None) -> None:
        # libFuzzer ends the process with exit(): a temporary folder would be left behind, so
        # the corpus lives in a folder of its own (kept: the next run starts from it)
        self.work = work or crashes.parent / "fuzz-work"
        _small_pieces()
        self.work.mkdir(parents=True, exist_ok=True)
        self.crashes = crashes
        self.execs = 0
        self.audited = 0
        self.rejected = 0
        self.found: dict[str, str] = {}  # crash site -> saved input
        self.started = time.monotonic()
        self._next_report = self.started + 60

    def close(self) -> None:
        for f in FORMS:
            (self.work / f).unlink(missing_ok=True)

    def one(self, data: bytes) -> None:
        self.execs += 1
        form = FORMS[data[0] % len(FORMS)] if data else FORMS[0]
        target = self.work / form
        target.write_bytes(data[1:])
        try:
            # all fields or not, default reader or --low-memory streaming, in turn
            options = AuditOptions(
                full_records=bool(self.execs % 2), low_memory=bool(self.execs // 2 % 2)
            )
            result = run_audit(target, options)
            jsonreport.dumps(result)
            self.audited += 1
        except InputError as exc:
            line = exc.args[0] if exc.args else ""
            if "\n" in str(line):
                self._crash(data, f"multi-line error: {line!r}"[:200])
            self.rejected += 1
        except Exception:  # the contract: nothing else may escape
            tb = traceback.extract_tb(sys.exc_info()[2])
            kind = type(sys.exc_info()[1]).__name__
            site = f"{kind} at {tb[-1].filename}:{tb[-1].lineno}"
            self._crash(data, site)
        finally:
            target.unlink(missing_ok=True)
            if time.monotonic() > self._next_report:  # libFuzzer exits without returning
                self._next_report += 60
                print(self.summary(time.monotonic() - self.started, "running"), flush=True)

    def _crash(self, data: bytes, site: str) -> None:
        if site in self.found:
            return
        self.crashes.mkdir(parents=True, exist_ok=True)
        path = self.crashes / f"crash-{len(self.found):03d}.bin"
        path.write_bytes(data)
        self.found[site] = str(path)
        print(f"CRASH {site} -> {path}", file=sys.stderr, flush=True)

    def summary(self, seconds: float, engine: str) -> str:
        return (
            f"fuzz[{engine}]: {self.execs} executions in {seconds:.0f} s "
            f"({self.execs / max(seconds, 1e-9):.0f}/s), {self.audited} audited, "
            f"{self.rejected} clean errors, {len(self.found)} distinct crashes"
        )


def seeds() -> list[bytes]:
    """Small valid exports of every layout, each with its form byte."""
    out: list[bytes] = []
    sizes = synth.Sizes(logins=6, watch=10, searches=3, likes=4, off_events=6, comments=2)
    for layout in ("g1", "g2", "us", "g3", "g4"):
        d = synth.build_data(0, sizes)
        body = json.dumps(synth.build_json(d, layout), ensure_ascii=False, indent=1).encode()
        out.append(bytes([0]) + body)
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("user_data_tiktok.json", body)
        out.append(bytes([2]) + buf.getvalue())
    txt = synth.build_txt(synth.build_data(0, sizes))
    out.append(bytes([3]) + next(v for k, v in txt.items() if "Login" in k).encode())
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for k, v in txt.items():
            zf.writestr(k, v)
    out.append(bytes([2]) + buf.getvalue())
    return out


def mutate(data: bytes, r: random.Random) -> bytes:
    b = bytearray(data)
    for _ in range(r.randint(1, 8)):
        op = r.randrange(6)
        i = r.randrange(len(b) + 1)
        if op == 0 and b:
            b[min(i, len(b) - 1)] = r.randrange(256)
        elif op == 1:
            b[i:i] = bytes(r.randrange(256) for _ in range(r.randint(1, 8)))
        elif op == 2:
            del b[i : i + r.randint(1, 64)]
        elif op == 3:
            b[i:i] = r.choice([b"{", b"}", b"[", b"]", b",", b'"', b"null", b"\\u0000", b"\xff"])
        elif op == 4 and len(b) > 2:  # splice a copy of another region
            j = r.randrange(len(b))
            b[i:i] = b[j : j + r.randint(1, 256)]
        else:
            del b[i:]
    return bytes(b)


def run_hypothesis_style(h: Harness, seconds: float, seed: int) -> None:
    r = random.Random(seed)
    corpus = seeds()
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if r.random() < 0.1:
            h.one(bytes([r.randrange(256)]) + os.urandom(r.randint(0, 512)))
        else:
            h.one(mutate(r.choice(corpus), r))


def run_atheris(h: Harness, seconds: float, rss_limit_mb: int = 6144) -> None:
    import atheris

    corpus_dir = h.work / "corpus"
    corpus_dir.mkdir(exist_ok=True)
    for i, s in enumerate(seeds()):
        (corpus_dir / f"seed{i}").write_bytes(s)

    def target(data: bytes) -> None:
        h.one(data)

    atheris.instrument_all()  # coverage of every loaded module (privacyscope, zipfile, ...)
    atheris.Setup(
        [
            sys.argv[0],
            f"-max_total_time={int(seconds)}",
            "-max_len=200000",
            f"-rss_limit_mb={rss_limit_mb}",  # libFuzzer's 2 GB default ended a 15-minute run
            str(corpus_dir),
        ],
        target,
    )
    with contextlib.suppress(SystemExit):
        atheris.Fuzz()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--engine", choices=("auto", "atheris", "hypothesis"), default="auto")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--crashes", type=Path, default=Path("fuzz-crashes"))
    ap.add_argument("--work", type=Path, default=Path("fuzz-work"), help="corpus and scratch")
    ap.add_argument("--rss-limit-mb", type=int, default=6144, help="atheris: memory limit")
    args = ap.parse_args(argv)
    engine = args.engine
    if engine == "auto":
        try:
            import atheris  # noqa: F401

            engine = "atheris"
        except ImportError:
            engine = "hypothesis"
    h = Harness(args.crashes, args.work)
    start = time.monotonic()
    try:
        if engine == "atheris":
            run_atheris(h, args.seconds, args.rss_limit_mb)
        else:
            run_hypothesis_style(h, args.seconds, args.seed)
    finally:
        h.close()
        print(h.summary(time.monotonic() - start, engine), flush=True)
        for site, path in h.found.items():
            print(f"  {site}: {path}")
    return 1 if h.found else 0


if __name__ == "__main__":
    sys.exit(main())
