"""Instagram "Download your information" exports (JSON), legacy G1 to 2025-26 label_values."""

from __future__ import annotations

from privacyscope.inputs import ExportInput
from privacyscope.sources.base import Detection, Progress, ReadResult
from privacyscope.sources.instagram import detect as _detect
from privacyscope.sources.instagram import reader as _reader
from privacyscope.sources.instagram.remediation import REMEDIATION

__all__ = ["REMEDIATION", "SOURCE", "InstagramSource"]


class InstagramSource:
    platform = "instagram"
    display_name = "Instagram"

    def detect(self, inp: ExportInput) -> Detection | None:
        return _detect.detect(inp)

    def read(self, inp: ExportInput, detection: Detection, progress: Progress) -> ReadResult:
        return _reader.read(inp, detection, progress)


SOURCE = InstagramSource()
