"""X ads targeted through advertisers' own data: "List" and "Website Activity" criteria."""

from __future__ import annotations

from collections import Counter
from typing import Any

from privacyscope.findings.base import Outcome, Rule
from privacyscope.model import AdItem

RULE = Rule(
    id="tracking.x_targeting_lists",
    title="Advertisers targeted you on X with their own lists and website tracking",
    severity="medium",
    category="tracking",
    description=(
        "X records why each ad was shown. 'List' means the advertiser uploaded a list (emails, "
        "phone numbers or device ids) that matched your account; 'Website Activity' means the "
        "advertiser's site reported your visit to X (retargeting). Both mean data about you "
        "came from outside X; the advertiser could have linked your X account to its customer "
        "records."
    ),
    platforms=("x",),
)
OFF_PLATFORM_TYPES = ("List", "Website Activity")


def _type(name: str | None) -> str:
    return (name or "").split(": ", 1)[0].strip()


def check(ctx: Any) -> Outcome:
    ads = ctx.records.of(AdItem)
    criteria = [a for a in ads if a.kind == "targeting"]
    if not criteria:
        if "ads" in ctx.read.present:
            return Outcome("absent", "The export holds ad data but no targeting criteria.")
        return Outcome("not_in_export", "This export holds no ad impressions or engagements.")
    wanted = {t.lower(): t for t in OFF_PLATFORM_TYPES}
    hits = [a for a in criteria if _type(a.name).lower() in wanted]
    if not hits:
        return Outcome(
            "absent",
            f"None of the {len(criteria):,} targeting criteria in the export "
            "uses 'List' or 'Website Activity'.",
            {"criteria": len(criteria)},
            record_table="ads",
        )
    by_ad = {a.ref: a.name for a in ads if a.kind in ("impression", "engagement")}
    by_type = Counter(wanted[_type(a.name).lower()] for a in hits)
    advertisers = Counter(
        by_ad.get(a.ref.rsplit(".matchedTargetingCriteria", 1)[0]) or "(unnamed)" for a in hits
    )
    values = Counter(a.name.split(": ", 1)[1] for a in hits if a.name and ": " in a.name)
    ev = {
        "by_type": dict(by_type),
        "criteria": len(criteria),
        "matches": len(hits),
        "advertisers": dict(advertisers.most_common(10)),
        "values": dict(values.most_common(10)),
    }
    parts = ", ".join(f"'{t}' {n:,} times" for t, n in by_type.most_common())
    summary = (
        f"Ads were aimed at you with advertisers' own data: {parts}, by "
        f"{len(advertisers)} advertiser(s)."
    )
    return Outcome("present", summary, ev, [a.ref for a in hits[:20]], "ads")
