"""TikTok "Download your data" exports: JSON (every generation) and TXT."""

from __future__ import annotations

import re
from typing import Any

from privacyscope.errors import InputError
from privacyscope.inputs import ExportFile, ExportInput
from privacyscope.model import Unrecognized
from privacyscope.sources.base import Detection, Progress, ReadResult
from privacyscope.sources.tiktok.json_reader import (
    LAYOUT_NAMES,
    detect_layout,
    load,
    looks_like_tiktok,
    read_tree,
    split_checked,
)
from privacyscope.sources.tiktok.remediation import REMEDIATION
from privacyscope.sources.tiktok.txt_reader import looks_like_tiktok_txt, read_txt
from privacyscope.textdecode import loads_json

_JSON_NAME = re.compile(r"^(user_data(_tiktok)?|tiktok_data[^/]*)\.json$", re.I)
_MARKERS = (
    b'"Activity"',
    b'"Your Activity"',
    b'"Ads and data"',
    b'"App Settings"',
    b'"Profile And Settings"',
    b'"Likes and Favorites"',
    b'"Comment"',
    b'"Direct Message',
    b'"Tiktok Live"',
    b'"TikTok Live"',
)
PEEK = 1 << 16


def _peek(f: ExportFile) -> bytes:
    """The first bytes of a file as UTF-8 (UTF-16 files are converted), or b"" if unreadable."""
    try:
        with f.open() as fh:
            head = bytes(fh.read(PEEK))
    except (InputError, OSError):
        return b""
    if head[:2] in (b"\xff\xfe", b"\xfe\xff") or (len(head) > 3 and head[1:2] == b"\0"):
        enc = "utf-16" if head[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-16-le"
        return head[: len(head) // 2 * 2].decode(enc, errors="replace").encode()
    return head


class TikTokSource:
    platform = "tiktok"
    display_name = "TikTok"

    def _json_candidates(self, inp: ExportInput) -> list[tuple[ExportFile, float]]:
        out = []
        for f in inp.by_suffix(".json"):
            named = bool(_JSON_NAME.match(f.basename))
            head = _peek(f)
            hits = sum(1 for m in _MARKERS if m in head)
            if hits >= 2 or (named and hits >= 1):
                out.append((f, 0.95 if named else 0.8))
            elif named and head.lstrip(b"\xef\xbb\xbf \r\n\t")[:1] in (b"{", b"["):
                out.append((f, 0.6))
            elif named:
                out.append((f, 0.5))
            elif inp.kind == "file":
                # a bare JSON file handed over directly: try it, so that a broken file gets
                # its line/column error instead of "not an export"
                out.append((f, 0.2))
        return out

    def detect(self, inp: ExportInput) -> Detection | None:
        cands = self._json_candidates(inp)
        if cands:
            f, score = max(cands, key=lambda c: (c[1], c[0].size))
            return Detection("tiktok", "json", "json", score, context={"file": f.name})
        n = looks_like_tiktok_txt(inp.files)
        txt = len(inp.by_suffix(".txt"))
        if n >= 2 or (n == 1 and txt <= 2):
            return Detection("tiktok", "txt", "txt", 0.5 + 0.4 * n / max(txt, 1))
        return None

    def read(self, inp: ExportInput, detection: Detection, progress: Progress) -> ReadResult:
        if detection.format == "txt":
            result = ReadResult(platform="tiktok", layout="txt", format="txt")
            full = bool(detection.context.get("full", True))
            read_txt(inp.files, result, progress, full=full)
            others = [f for f in inp.files if not f.name.lower().endswith(".txt")]
        else:
            result = self._read_json(inp, detection, progress)
            others = [f for f in inp.files if f.name != detection.context.get("file")]
            progress(inp.total_size(), len(result.records))
        result.layout_name = LAYOUT_NAMES.get(result.layout, result.layout)
        for f in others:
            result.unrecognized.append(Unrecognized(path=f.name, kind="file", records=0))
        return result

    def _read_json(self, inp: ExportInput, detection: Detection, progress: Progress) -> ReadResult:
        name = detection.context["file"]
        f = next(x for x in inp.files if x.name == name)
        full = bool(detection.context.get("full", True))
        if detection.context.get("low_memory"):
            streamed = self._stream_json(f, full, progress)
            if streamed is not None:
                return streamed
        body, top = split_checked(f.map_bytes(), f.display)  # sections stay JSON text
        if top is None:  # not an object, broken, too deep: orjson explains where
            top = loads_json(body, f.display)
        if not isinstance(top, dict):
            raise InputError(
                f"expected a JSON object at the top, found a JSON {type(top).__name__}", f.display
            )
        if not looks_like_tiktok(top):
            raise InputError(
                "not an export of a supported platform (no TikTok sections at the top level)",
                f.display,
            )
        layout = detect_layout(top)
        result = ReadResult(platform="tiktok", layout=layout, format="json")
        activity = top.get("Activity")
        status = load(activity.get("Status")) if isinstance(activity, dict) else None
        read_tree(top, result, progress, f.size, full)
        if isinstance(status, dict) and "Status List" not in status:
            result.notes.append("pre-2022 Status object (single device record)")
        return result

    def _stream_json(self, f: ExportFile, full: bool, progress: Progress) -> ReadResult | None:
        """``--low-memory``; None when the stream surprises (the default reader explains)."""
        from privacyscope.sources.tiktok.stream import StreamError, read_stream

        result = ReadResult(platform="tiktok", layout="", format="json")
        try:
            with f.open() as fh:
                r = read_stream(fh, result, progress, full)
        except StreamError:
            return None
        top: dict[str, Any] = {k: dict.fromkeys(r.sub_keys.get(k, [])) for k in r.top_keys}
        if not looks_like_tiktok(top):
            raise InputError(
                "not an export of a supported platform (no TikTok sections at the top level)",
                f.display,
            )
        result.layout = detect_layout(top)
        if isinstance(r.status, dict) and "Status List" not in r.status:
            result.notes.append("pre-2022 Status object (single device record)")
        return result


SOURCE = TikTokSource()

__all__ = ["REMEDIATION", "SOURCE"]
