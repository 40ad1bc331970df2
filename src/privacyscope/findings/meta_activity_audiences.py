"""Meta: advertisers who used your activity on their own websites or apps (remarketing)."""

from __future__ import annotations

from typing import Any

from privacyscope.findings._meta import advertiser_reason_outcome
from privacyscope.findings.base import Outcome, Rule

_STEPS = (
    "{app} > Accounts Center > Your information and permissions > Your activity "
    "off Meta technologies > Manage future activity > Disconnect future activity; and Ad "
    "preferences > Manage info > 'Activity information from ad partners'."
)
RULE = Rule(
    id="tracking.meta_activity_audiences",
    title="Advertisers reached this account using activity on their own sites or apps",
    severity="medium",
    category="tracking",
    description=(
        "Meta lists advertisers that built an audience from people's activity on the "
        "advertiser's website or app (remarketing), and found this account in it. This "
        "suggests the advertiser's pixel or SDK linked visits to this account; the export does "
        "not show which pages or actions were involved."
    ),
    remediation={
        "instagram": _STEPS.format(app="Instagram: Settings and activity"),
        "facebook": _STEPS.format(app="Facebook: Settings & privacy > Settings"),
    },
    platforms=("instagram", "facebook"),
)


def check(ctx: Any) -> Outcome:
    return advertiser_reason_outcome(ctx, "advertiser_activity")
