"""The claims registry: every module here (not ``base``, not ``_*``) defines CLAIM and check."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from privacyscope.claims.base import VERDICTS, Claim, Verdict
from privacyscope.context import AuditContext


@dataclass
class ClaimResult:
    id: str
    claim: str
    verdict: str
    summary: str
    evidence: dict[str, Any] = field(default_factory=dict)
    refs: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)


@cache
def registry() -> dict[str, tuple[Claim, Callable[[AuditContext], Verdict]]]:
    out: dict[str, tuple[Claim, Callable[[AuditContext], Verdict]]] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if info.name.startswith("_") or info.name == "base":
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        claim, check = getattr(module, "CLAIM", None), getattr(module, "check", None)
        if not isinstance(claim, Claim) or not callable(check):
            raise RuntimeError(f"claim module {info.name} lacks CLAIM or check()")
        if claim.id in out:
            raise RuntimeError(f"duplicate claim id {claim.id!r}")
        out[claim.id] = (claim, check)
    return out


def run_claims(ctx: AuditContext) -> list[ClaimResult]:
    results = []
    for claim, check in registry().values():
        if "*" not in claim.platforms and ctx.platform not in claim.platforms:
            continue
        v = check(ctx)
        assert v.verdict in VERDICTS, v.verdict
        results.append(
            ClaimResult(
                claim.id,
                claim.claim,
                v.verdict,
                v.summary,
                v.evidence,
                v.refs,
                list(claim.references),
            )
        )
    return results
