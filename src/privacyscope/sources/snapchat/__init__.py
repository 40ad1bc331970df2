"""Snapchat "My Data" exports (``mydata~<epoch>.zip``): the JSON files (``json/`` folder in
2021+ exports, at the root in older ones). HTML-only exports are reported, not read."""

from __future__ import annotations

from pathlib import PurePosixPath

from privacyscope.errors import InputError
from privacyscope.inputs import ExportFile, ExportInput
from privacyscope.model import Unreadable, Unrecognized
from privacyscope.sources.base import Detection, Progress, ReadResult
from privacyscope.sources.snapchat.remediation import REMEDIATION
from privacyscope.sources.snapchat.sections import HANDLERS
from privacyscope.textdecode import loads_json

_MARKERS = (
    b'"Basic Information"',
    b'"Login History"',
    b'"Saved Chat History"',
    b'"Received Saved Chat History"',
    b'"Interest Categories"',
    b'"Friend Requests Sent"',
    b'"Snap History"',
    b'"Device History"',
)


def _peek(f: ExportFile) -> bytes:
    try:
        with f.open() as fh:
            return bytes(fh.read(8192))
    except (InputError, OSError):
        return b""


def _in_scope(f: ExportFile) -> bool:
    parts = PurePosixPath(f.name).parts
    return len(parts) == 1 or (len(parts) >= 2 and parts[-2] == "json")


class SnapchatSource:
    platform = "snapchat"
    display_name = "Snapchat"

    def detect(self, inp: ExportInput) -> Detection | None:
        known = [f for f in inp.files if f.basename in HANDLERS and _in_scope(f)]
        hits = sum(1 for f in known[:12] if any(m in _peek(f) for m in _MARKERS))
        if hits == 0:
            return None
        layout = "json" if any(f.name.split("/")[-2:-1] == ["json"] for f in known) else "legacy"
        # two Snapchat-only content markers outrank name-only matches of other sources
        # (Facebook also has a location_history.json, Instagram G1 an account_history.json)
        return Detection("snapchat", layout, "json", 0.97 if hits >= 2 else 0.7)

    def read(self, inp: ExportInput, detection: Detection, progress: Progress) -> ReadResult:
        result = ReadResult(platform="snapchat", layout=detection.layout, format="json")
        done = 0
        for f in sorted(inp.files, key=lambda x: x.name):
            done += f.size
            handler = HANDLERS.get(f.basename) if _in_scope(f) else None
            if handler is None:
                if (
                    f.name.lower().endswith(".html")
                    or f.name.startswith("html/")
                    or ("/html/" in f.name)
                ):
                    continue  # the HTML copy of the same data
                result.unrecognized.append(Unrecognized(path=f.name, kind="file"))
                continue
            try:
                data = loads_json(f.read_bytes(), f.name)
            except InputError as exc:
                result.unreadable.append(Unreadable(path=f.name, reason=exc.one_line()))
                continue
            if not isinstance(data, dict):
                result.unreadable.append(
                    Unreadable(
                        path=f.name, reason=f"expected a JSON object, found {type(data).__name__}"
                    )
                )
                continue
            handler(data, f.name, result)
            result.sections[f.name] = len(data)
            progress(done, len(result.records))
        return result


SOURCE = SnapchatSource()

__all__ = ["REMEDIATION", "SOURCE"]
