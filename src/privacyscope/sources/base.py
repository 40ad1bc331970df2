"""The contract every platform source implements.

A source is one package ``privacyscope.sources.<platform>`` exposing ``SOURCE``, an object with:

* ``platform``: the platform id (``"tiktok"``, ``"instagram"``...), ``display_name``;
* ``detect(inp) -> Detection | None``: looks at file names and a bounded peek at contents, never
  at dates; returns the layout it recognises with a confidence score;
* ``read(inp, detection, progress) -> ReadResult``: reads everything it can into records.

Readers never judge: they normalise. Anything they do not recognise goes into
``ReadResult.unrecognized``; anything they cannot read goes into ``ReadResult.unreadable``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from privacyscope.inputs import ExportInput
from privacyscope.model import RecordSet, Unreadable, Unrecognized

#: progress callback: (bytes_done, records_done) — may be called often, must be cheap
Progress = Callable[[int, int], None]


def no_progress(done: int, records: int) -> None:
    return None


@dataclass
class Detection:
    platform: str
    layout: str  # e.g. "g4", "txt", "takeout"
    format: str  # "json" | "txt" | "csv" | "html" | "mixed"
    score: float = 1.0  # 0..1, highest wins
    notes: list[str] = field(default_factory=list)
    context: dict[str, Any] = field(default_factory=dict)  # reader-private hints


@dataclass
class ReadResult:
    platform: str
    layout: str
    format: str
    records: RecordSet = field(default_factory=RecordSet)
    #: every setting as exported: raw key -> raw value (JSON-compatible)
    settings: dict[str, Any] = field(default_factory=dict)
    #: sections found (path -> number of records), for the report's inventory
    sections: dict[str, int] = field(default_factory=dict)
    unrecognized: list[Unrecognized] = field(default_factory=list)
    unreadable: list[Unreadable] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: platform-specific counts that have no generic record type (e.g. "advertisers")
    extra_counts: dict[str, int] = field(default_factory=dict)
    language: str | None = None
    layout_name: str | None = None  # human-readable layout, e.g. "G4 (Apr 2025 onwards)"
    #: record tables whose sections exist in the export, even when empty ("logins",
    #: "off_platform_events"...): lets findings tell "none recorded" from "not in this export"
    present: set[str] = field(default_factory=set)


class Source(Protocol):
    platform: str
    display_name: str

    def detect(self, inp: ExportInput) -> Detection | None: ...

    def read(self, inp: ExportInput, detection: Detection, progress: Progress) -> ReadResult: ...
