"""The finding registry: every module in this package (not starting with ``_`` and not
``base``) defines ``RULE`` and ``check``. Duplicate ids are rejected at load time."""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass, field
from functools import cache
from types import ModuleType
from typing import Any

from privacyscope.context import AuditContext
from privacyscope.findings.base import SEVERITY_ORDER, Check, Outcome, Rule

STATUS_ORDER = {"present": 0, "not_in_export": 1, "absent": 2}
#: within a severity, what a person can change comes first
CATEGORY_ORDER = {
    "exposure": 0,
    "tracking": 1,
    "location": 2,
    "profile": 3,
    "identifiers": 4,
    "logins": 5,
    "messages": 6,
    "ads": 7,
    "activity": 8,
}


@dataclass
class Finding:
    """A rule's metadata plus its outcome for one export (what every reporter renders)."""

    id: str
    title: str
    severity: str
    category: str
    status: str
    summary: str
    description: str
    remediation: str
    evidence: dict[str, Any] = field(default_factory=dict)
    refs: list[str] = field(default_factory=list)
    record_table: str | None = None
    references: list[str] = field(default_factory=list)


@cache
def registry() -> dict[str, tuple[Rule, Check]]:
    rules: dict[str, tuple[Rule, Check]] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if info.name.startswith("_") or info.name == "base":
            continue
        module: ModuleType = importlib.import_module(f"{__name__}.{info.name}")
        rule = getattr(module, "RULE", None)
        check = getattr(module, "check", None)
        if not isinstance(rule, Rule) or not callable(check):
            raise RuntimeError(f"finding module {info.name} lacks RULE or check()")
        if rule.id in rules:
            raise RuntimeError(f"duplicate finding id {rule.id!r} in {info.name}")
        if rule.severity not in SEVERITY_ORDER:
            raise RuntimeError(f"finding {rule.id}: bad severity {rule.severity!r}")
        rules[rule.id] = (rule, check)
    return rules


def platform_remediation(platform: str) -> dict[str, str]:
    try:
        module = importlib.import_module(f"privacyscope.sources.{platform}")
    except ImportError:
        return {}
    return dict(getattr(module, "REMEDIATION", {}))


def applies(rule: Rule, platform: str) -> bool:
    return "*" in rule.platforms or platform in rule.platforms


def run_findings(ctx: AuditContext) -> list[Finding]:
    remediation = platform_remediation(ctx.platform)
    out: list[Finding] = []
    for rule, check in registry().values():
        if not applies(rule, ctx.platform):
            continue
        outcome: Outcome = check(ctx)
        fix = (
            remediation.get(rule.id)
            or rule.remediation.get(ctx.platform)
            or rule.remediation.get("*", "Review this in the platform's privacy settings.")
        )
        out.append(
            Finding(
                id=rule.id,
                title=rule.title,
                severity=outcome.severity or rule.severity,
                category=rule.category,
                status=outcome.status,
                summary=outcome.summary,
                description=rule.description,
                remediation=fix,
                evidence=outcome.evidence,
                refs=outcome.refs,
                record_table=outcome.record_table,
                references=list(rule.references),
            )
        )
    out.sort(
        key=lambda f: (
            STATUS_ORDER[f.status],
            SEVERITY_ORDER[f.severity],
            CATEGORY_ORDER.get(f.category, 99),
            f.id,
        )
    )
    return out
