"""Write the evidence bundle: scan.json, browser.json, summary.html, MANIFEST.sha256."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

import msgspec
import orjson

from privacyscope.scan.model import SCHEMA_VERSION
from privacyscope.scan.report import render_html
from privacyscope.scan.runner import ScanRun

MANIFEST = "MANIFEST.sha256"


def dump_json(path: Path, doc: Any) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_bytes(orjson.dumps(doc, option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS))
    os.replace(tmp, path)


def full_document(run: ScanRun, summary: dict[str, Any]) -> dict[str, Any]:
    """scan.json: the summary keys at top level, plus settings and raw captures."""
    doc = dict(summary)
    doc["settings"] = msgspec.to_builtins(run.settings)
    doc["started_unix"] = round(run.started, 3)
    doc["seconds"] = run.seconds
    doc["scan_time_limit_reached"] = run.timed_out
    doc["browser"] = {"version": run.browser_version, "flags": run.flags}
    doc["canary"] = {
        "email": run.canary.email,
        "phone": run.canary.phone,
        "first_name": run.canary.first_name,
        "last_name": run.canary.last_name,
    }
    doc["captures"] = {
        cap.phase: {
            "consent": msgspec.to_builtins(cap.consent),
            "har": cap.har,
            "requests": msgspec.to_builtins(cap.requests),
            "cookies": msgspec.to_builtins(cap.cookies),
        }
        for cap in run.phases
    }
    return doc


def write_bundle(run: ScanRun, summary: dict[str, Any], out_dir: Path) -> list[str]:
    out_dir.mkdir(parents=True, exist_ok=True)
    dump_json(out_dir / "scan.json", full_document(run, summary))
    dump_json(
        out_dir / "browser.json",
        {
            "schema_version": SCHEMA_VERSION,
            "executable": "/usr/bin/chromium",
            "version": run.browser_version,
            "flags": run.flags,
            "headless": True,
        },
    )
    (out_dir / "summary.html").write_text(render_html(summary, run), encoding="utf-8")
    return write_manifest(out_dir)


def write_manifest(out_dir: Path) -> list[str]:
    lines = []
    for path in sorted(p for p in out_dir.rglob("*") if p.is_file() and p.name != MANIFEST):
        digest = hashlib.sha256()
        with path.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
        lines.append(f"{digest.hexdigest()}  {path.relative_to(out_dir).as_posix()}")
    (out_dir / MANIFEST).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return lines
