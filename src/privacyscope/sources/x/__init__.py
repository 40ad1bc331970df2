"""X / Twitter archives: ``window.YTD.<name>.partN = [...]`` files, split parts, all generations
with ``.js`` data files (root files 2018-2020, ``data/`` folder 2020+)."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from privacyscope.errors import InputError
from privacyscope.inputs import ExportFile, ExportInput
from privacyscope.model import Unreadable, Unrecognized
from privacyscope.sources.base import Detection, Progress, ReadResult
from privacyscope.sources.x.handlers import HANDLERS
from privacyscope.sources.x.remediation import REMEDIATION
from privacyscope.sources.x.ytd import data_type, parse_js

_PART = re.compile(r"-part\d+\.js$", re.I)
_IGNORED_DIRS = ("assets/", "_media/")


def _head(f: ExportFile) -> bytes:
    try:
        with f.open() as fh:
            return bytes(fh.read(256)).lstrip(b"\xef\xbb\xbf \r\n\t")
    except (InputError, OSError):
        return b""


class XSource:
    platform = "x"
    display_name = "X (Twitter)"

    def detect(self, inp: ExportInput) -> Detection | None:
        js = [f for f in inp.by_suffix(".js") if not any(d in f.name for d in _IGNORED_DIRS)]
        ytd = 0
        manifest = False
        for f in js[:60]:
            head = _head(f)
            if head.startswith(b"window.YTD."):
                ytd += 1
            elif head.startswith(b"window.__THAR_CONFIG"):
                manifest = True
        if ytd == 0 and not manifest:
            return None
        names = {f.basename.lower() for f in js}
        if any(_PART.search(n) for n in names):
            layout = "split"
        elif not any(f.name.startswith("data/") or "/data/" in f.name for f in js):
            layout = "root-2019"
        elif "tweets.js" in names:
            layout = "2022"
        else:
            layout = "2020"
        score = 0.95 if ytd >= 2 or manifest else 0.8
        return Detection("x", layout, "json", score)

    def read(self, inp: ExportInput, detection: Detection, progress: Progress) -> ReadResult:
        result = ReadResult(platform="x", layout=detection.layout, format="json", language=None)
        done = 0
        for f in sorted(inp.files, key=lambda x: x.name):
            done += f.size
            if any(d in f.name for d in _IGNORED_DIRS) or f.basename == "Your archive.html":
                continue
            if not f.name.lower().endswith(".js"):
                result.unrecognized.append(Unrecognized(path=f.name, kind="file"))
                continue
            self._read_js(f, result)
            progress(done, len(result.records))
        return result

    def _read_js(self, f: ExportFile, result: ReadResult) -> None:
        try:
            name, _part, value = parse_js(f.read_bytes(), f.name)
        except InputError as exc:
            result.unreadable.append(Unreadable(path=f.name, reason=exc.one_line()))
            return
        if name == "__THAR_CONFIG":
            info = value.get("archiveInfo") if isinstance(value, dict) else None
            if isinstance(info, dict):
                result.notes.append(
                    f"archive generated {info.get('generationDate')}, partial: "
                    f"{info.get('isPartialArchive')}"
                )
            return
        dtype = data_type(PurePosixPath(f.name).name, name)
        handler = HANDLERS.get(dtype)
        if handler is None:
            result.unrecognized.append(
                Unrecognized(
                    path=f.name, kind="file", records=len(value) if isinstance(value, list) else 0
                )
            )
            return
        if not isinstance(value, list):
            result.unreadable.append(
                Unreadable(
                    path=f.name,
                    reason=f"expected a list after the window.YTD prefix, found a JSON "
                    f"{type(value).__name__}",
                )
            )
            return
        handler(value, f.name, result)
        result.sections[f.name] = len(value)


SOURCE = XSource()

__all__ = ["REMEDIATION", "SOURCE"]
