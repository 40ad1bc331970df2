"""Google Takeout (YouTube, My Activity, Location History, Access Log, Chrome) and the
on-device Timeline export. Split archives are read together (see ``archives``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import PurePosixPath

from privacyscope.inputs import ExportFile, ExportInput
from privacyscope.model import Unrecognized
from privacyscope.sources.base import Detection, Progress, ReadResult
from privacyscope.sources.google import activity, location, other
from privacyscope.sources.google.archives import gather
from privacyscope.sources.google.common import peek, ref_name, unreadable
from privacyscope.sources.google.paths import classify, classify_by_content
from privacyscope.sources.google.remediation import REMEDIATION

_MAX_PEEKS = 40


def _role(f: ExportFile, allow_peek: bool = True) -> tuple[str | None, str | None]:
    role, lang = classify(ref_name(f.name))
    if role is None and allow_peek and f.name.lower().endswith(".json"):
        return classify_by_content(peek(f, 4096)), None
    return role, lang


class GoogleSource:
    platform = "google"
    display_name = "Google / YouTube"

    def detect(self, inp: ExportInput) -> Detection | None:
        g = gather(inp)
        try:
            names = [ref_name(f.name) for f in g.files]
            takeout = any(n.split("/", 1)[0] == "Takeout" for n in names) or any(
                PurePosixPath(n).name == "archive_browser.html" for n in names
            )
            found = (classify(n)[0] for n in names)
            roles = Counter(r for r in found if r not in (None, "ignored"))
            peeks = 0
            if not roles:
                for f in g.files:
                    if f.name.lower().endswith(".json") and peeks < _MAX_PEEKS:
                        peeks += 1
                        r = classify_by_content(peek(f, 4096))
                        if r == "yt_activity" and b"YouTube" not in peek(f, 4096):
                            r = None
                        if r:
                            roles[r] += 1
            if not roles and not (takeout and g.parts):
                return None
            layout = (
                "split"
                if len(g.parts) > 1
                else ("device-timeline" if set(roles) == {"device_timeline"} else "takeout")
            )
            score = 0.9 if takeout or len(roles) >= 2 else 0.75
            fmt = "mixed" if any(n.lower().endswith((".csv", ".html")) for n in names) else "json"
            return Detection("google", layout, fmt, score, context={"parts": list(g.parts)})
        finally:
            g.close()

    def read(self, inp: ExportInput, detection: Detection, progress: Progress) -> ReadResult:
        result = ReadResult(platform="google", layout=detection.layout, format=detection.format)
        g = gather(inp)
        try:
            self._read_files(g.files, result, progress)
            if len(g.parts) > 1:
                result.notes.append(
                    f"split archive: {len(g.parts)} parts read together ("
                    + ", ".join(g.parts)
                    + ")"
                )
            for label, reason in g.problems:
                unreadable(result, label, reason)
        finally:
            g.close()
        return result

    def _read_files(self, files: list[ExportFile], result: ReadResult, progress: Progress) -> None:
        langs: Counter[str] = Counter()
        seen: set[str] = set()
        done = 0
        for f in sorted(files, key=lambda x: (ref_name(x.name), x.name)):
            path = ref_name(f.name)
            if path in seen:
                if PurePosixPath(path).name.lower() not in ("archive_browser.html",):
                    result.notes.append(f"{path}: present in more than one part; read once")
                continue
            seen.add(path)
            role, lang = _role(f)
            if lang:
                langs[lang] += 1
            handler = _handler(role, path, progress)
            if handler is None:
                if role != "ignored":
                    result.unrecognized.append(Unrecognized(path=path, kind="file"))
                continue
            handler(f, result)
            done += f.size
            progress(done, len(result.records))
        non_en = [(n, lang) for lang, n in langs.items() if lang != "en"]
        result.language = max(non_en)[1] if non_en else ("en" if langs else None)


def _handler(
    role: str | None, path: str, progress: Progress
) -> Callable[[ExportFile, ReadResult], None] | None:
    html = path.lower().endswith(".html")
    if role in ("yt_watch", "yt_search", "yt_activity", "my_activity"):
        reader = activity.read_activity_html if html else activity.read_activity_json
        kind = role
        return lambda f, r: reader(f, kind, r)
    simple: dict[str, Callable[[ExportFile, ReadResult], None]] = {
        "semantic": location.read_semantic,
        "loc_settings": location.read_loc_settings,
        "device_timeline": location.read_device_timeline,
        "access_log": other.read_access_log,
        "chrome_history": other.read_chrome,
        "play_devices": other.read_play_devices,
    }
    if role == "records":
        return lambda f, r: location.read_records(f, r, progress)
    return simple.get(role or "")


SOURCE = GoogleSource()

__all__ = ["REMEDIATION", "SOURCE"]
