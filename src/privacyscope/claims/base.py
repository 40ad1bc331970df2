"""Popular claims checked against the user's own export.

A claim module defines ``CLAIM = Claim(...)`` and ``check(ctx) -> Verdict``. Wording says what
the export shows, never more: absence of data in an export is not proof of absence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

VerdictValue = Literal["supported", "contradicted", "partly", "not observable in this export"]
VERDICTS: tuple[str, ...] = ("supported", "contradicted", "partly", "not observable in this export")


@dataclass(frozen=True)
class Claim:
    id: str
    claim: str  # the claim as people say it
    platforms: tuple[str, ...] = ("tiktok",)
    references: tuple[str, ...] = ()


@dataclass
class Verdict:
    verdict: VerdictValue
    summary: str  # what the export shows, one or two sentences
    evidence: dict[str, Any] = field(default_factory=dict)
    refs: list[str] = field(default_factory=list)
