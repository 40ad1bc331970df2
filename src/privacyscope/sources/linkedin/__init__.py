"""LinkedIn data exports (``Basic_`` / ``Complete_LinkedInDataExport_<date>.zip``): CSVs with
"Notes:" preambles and per-file date formats. LinkedIn exports hold no privacy-settings file."""

from __future__ import annotations

from privacyscope.errors import InputError
from privacyscope.inputs import ExportFile, ExportInput
from privacyscope.model import Unreadable, Unrecognized
from privacyscope.sources.base import Detection, Progress, ReadResult
from privacyscope.sources.linkedin.csvread import read_csv
from privacyscope.sources.linkedin.files import HANDLERS
from privacyscope.sources.linkedin.remediation import REMEDIATION

_STRONG = frozenset(
    {
        "Connections.csv",
        "Logins.csv",
        "Ad_Targeting.csv",
        "Inferences_about_you.csv",
        "Registration.csv",
        "Profile.csv",
        "SearchQueries.csv",
        "Security Challenges.csv",
    }
)
_HEADER_MARKS = (
    b"Connected On",
    b"Login Date",
    b"Registration Ip",
    b"Type of inference",
    b"CONVERSATION ID",
    b"Search Query",
)


def _peek(f: ExportFile) -> bytes:
    try:
        with f.open() as fh:
            return bytes(fh.read(2048))
    except (InputError, OSError):
        return b""


class LinkedInSource:
    platform = "linkedin"
    display_name = "LinkedIn"

    def detect(self, inp: ExportInput) -> Detection | None:
        csvs = [f for f in inp.by_suffix(".csv") if f.name.count("/") <= 2]
        strong = [f for f in csvs if f.basename in _STRONG]
        known = [f for f in csvs if f.basename in HANDLERS]
        if not known:
            return None
        marks = sum(1 for f in known[:8] if any(m in _peek(f) for m in _HEADER_MARKS))
        if len(strong) >= 2 or marks >= 2:
            score = 0.9
        elif marks == 1:
            score = 0.6
        else:
            return None
        layout = "complete" if any(f.basename == "Logins.csv" for f in known) else "basic"
        return Detection("linkedin", layout, "csv", score)

    def read(self, inp: ExportInput, detection: Detection, progress: Progress) -> ReadResult:
        result = ReadResult(
            platform="linkedin", layout=detection.layout, format="csv", language="en"
        )
        done = 0
        for f in sorted(inp.files, key=lambda x: x.name):
            done += f.size
            handler = HANDLERS.get(f.basename)
            if handler is None:
                result.unrecognized.append(Unrecognized(path=f.name, kind="file"))
                continue
            try:
                table = read_csv(f.read_bytes(), f.name)
            except InputError as exc:
                result.unreadable.append(Unreadable(path=f.name, reason=exc.one_line()))
                continue
            handler(table, f.name, f.basename, result)
            result.sections[f.name] = len(table.rows)
            if table.preamble:
                result.notes.append(f"{f.name}: 'Notes:' preamble skipped")
            progress(done, len(result.records))
        return result


SOURCE = LinkedInSource()

__all__ = ["REMEDIATION", "SOURCE"]
