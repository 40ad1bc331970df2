"""Finding rules: static metadata plus one check function returning data.

A finding module defines ``RULE = Rule(...)`` (a static literal, listable without running it)
and a ``check(ctx: AuditContext) -> Outcome`` function. :mod:`privacyscope.findings` discovers
the modules, rejects duplicate ids, and runs the rules whose ``platforms`` match.

Remediation text is per platform: ``Rule.remediation`` holds the ones written with the rule;
a platform package may add its own through ``privacyscope.sources.<platform>.REMEDIATION``
(finding id -> text), so adding a platform never touches finding modules.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

Severity = Literal["high", "medium", "low", "info"]
#: present: the export shows the issue; absent: the export shows it is not there;
#: not_in_export: the data needed to decide is missing or unreadable (never "no problem")
Status = Literal["present", "absent", "not_in_export"]
SEVERITY_ORDER: dict[str, int] = {"high": 0, "medium": 1, "low": 2, "info": 3}


@dataclass(frozen=True)
class Rule:
    id: str  # stable, dotted: "<family>.<name>"
    title: str
    severity: Severity
    #: exposure | tracking | identifiers | logins | location | profile | messages | ads | activity
    category: str
    description: str  # what it means, plain language, hedged ("TikTok could infer...")
    remediation: dict[str, str] = field(default_factory=dict)  # platform -> exact steps
    references: tuple[str, ...] = ()
    platforms: tuple[str, ...] = ("*",)  # "*" = every platform whose data allows it


@dataclass
class Outcome:
    status: Status
    summary: str = ""  # one sentence on what the data shows
    evidence: dict[str, Any] = field(default_factory=dict)  # counts, values, top lists
    refs: list[str] = field(default_factory=list)  # record refs (evidence pointers)
    record_table: str | None = None  # SQLite table the refs live in
    severity: Severity | None = None  # override when the evidence warrants it


Check = Callable[[Any], Outcome]
