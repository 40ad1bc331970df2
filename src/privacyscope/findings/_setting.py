"""Shared check for findings that read one normalised setting."""

from __future__ import annotations

from collections.abc import Callable

from privacyscope.context import AuditContext
from privacyscope.findings.base import Outcome


def setting_check(
    meaning: str, bad: frozenset[str], present_text: str, absent_text: str
) -> Callable[[AuditContext], Outcome]:
    """``present`` when the setting's normalised value is in ``bad``; ``not_in_export`` when
    the export does not hold the setting or its value is not one we can interpret."""

    def check(ctx: AuditContext) -> Outcome:
        s = ctx.setting(meaning)
        if s is None:
            return Outcome("not_in_export", "This export does not include this setting.")
        evidence = {"setting": s.key, "value": s.value, "normalized": s.normalized}
        if s.normalized is None:
            return Outcome(
                "not_in_export",
                f"The export lists '{s.key}' as {s.value!r}, a value privacyscope "
                "cannot interpret.",
                evidence,
                [s.ref],
                "settings",
            )
        if s.normalized in bad:
            return Outcome(
                "present",
                present_text.format(key=s.key, value=s.value),
                evidence,
                [s.ref],
                "settings",
            )
        return Outcome(
            "absent", absent_text.format(key=s.key, value=s.value), evidence, [s.ref], "settings"
        )

    return check
