"""Meta: advertisers who uploaded a list with your information (custom audiences)."""

from __future__ import annotations

from typing import Any

from privacyscope.findings.base import Outcome, Rule
from privacyscope.model import AdItem

_STEPS = (
    "{app} > Accounts Center > Ad preferences > Manage info > Audience-based "
    "advertising (menu names vary by region and app version): open each advertiser listed and "
    "review what Meta shows about the list. You can also ask the advertiser (GDPR art. 15) "
    "where it got your contact details, and object (art. 21) to their use for marketing."
)
RULE = Rule(
    id="ads.meta_custom_audiences",
    title="Advertisers uploaded a list that matched this account",
    severity="medium",
    category="ads",
    description=(
        "Meta lists advertisers that uploaded a customer list (for example email addresses or "
        "phone numbers) which Meta matched to this account, so the advertiser could show ads "
        "to the people on it. The export does not say what the list contained, how the "
        "advertiser obtained it, or when it was uploaded; a match suggests the advertiser "
        "holds contact details that could be linked to this account."
    ),
    remediation={
        "instagram": _STEPS.format(app="Instagram: Settings and activity"),
        "facebook": _STEPS.format(app="Facebook: Settings & privacy > Settings"),
    },
    platforms=("instagram", "facebook"),
)


def advertiser_reason_outcome(
    ctx: Any, *, kind: str, count_name: str, present: str, absent: str
) -> Outcome:
    """The shared check of the ``meta_*`` advertiser findings (``ctx``: platform, records,
    read). ``not_in_export`` unless the advertisers file was read and can show this reason."""
    read = ctx.read
    if count_name not in read.extra_counts:
        broken = [u.path for u in read.unreadable if "advertisers" in u.path]
        summary = (
            "The advertisers file could not be read."
            if broken
            else "This export does not show this kind of advertiser audience."
        )
        return Outcome("not_in_export", summary, {"unreadable": broken})
    items = [a for a in ctx.records.of(AdItem) if a.kind == kind]
    names = sorted({a.name for a in items if a.name})
    if not names:
        return Outcome("absent", absent, {"advertisers": 0}, record_table="ads")
    examples = ", ".join(names[:3]) + (" and others" if len(names) > 3 else "")
    return Outcome(
        "present",
        present.format(n=len(names), examples=examples),
        {
            "advertisers": len(names),
            "names": names[:50],
            "all_advertisers_using_your_information": read.extra_counts.get("advertisers", 0),
        },
        [a.ref for a in items[:50]],
        "ads",
    )


def check(ctx: Any) -> Outcome:
    return advertiser_reason_outcome(
        ctx,
        kind="advertiser_list_upload",
        count_name="advertisers_list_upload",
        present=(
            "{n} advertiser(s) uploaded a list that Meta matched to this account, "
            "for example {examples}."
        ),
        absent="The export's advertiser file names no advertiser that uploaded a list.",
    )
