"""Facebook "Download your information" exports (JSON), G1 (~2018) to G4 (2025-26)."""

from __future__ import annotations

from privacyscope.inputs import ExportInput
from privacyscope.sources.base import Detection, Progress, ReadResult
from privacyscope.sources.facebook import detect as _detect
from privacyscope.sources.facebook import reader as _reader
from privacyscope.sources.facebook.remediation import REMEDIATION

__all__ = ["REMEDIATION", "SOURCE", "FacebookSource"]


class FacebookSource:
    platform = "facebook"
    display_name = "Facebook"

    def detect(self, inp: ExportInput) -> Detection | None:
        return _detect.detect(inp)

    def read(self, inp: ExportInput, detection: Detection, progress: Progress) -> ReadResult:
        return _reader.read(inp, detection, progress)


SOURCE = FacebookSource()
