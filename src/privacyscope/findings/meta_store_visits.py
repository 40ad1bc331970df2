"""Meta: advertisers who matched the account to an in-person store visit."""

from __future__ import annotations

from typing import Any

from privacyscope.findings._meta import advertiser_reason_outcome
from privacyscope.findings.base import Outcome, Rule

_STEPS = (
    "{app} > Accounts Center > Ad preferences > Manage info (menu names vary by "
    "region); turn off location access for the app in the phone's settings; ask the "
    "advertiser (GDPR art. 15) which in-store data it shared."
)
RULE = Rule(
    id="tracking.meta_store_visits",
    title="Advertisers matched this account to in-person store visits",
    severity="medium",
    category="tracking",
    description=(
        "Meta lists advertisers whose audiences are based on in-person store visits and that "
        "include this account. Such matches could come from location data or from the shop's "
        "own records (for example a loyalty card or payment); the export does not say which "
        "visits or how they were matched."
    ),
    remediation={
        "instagram": _STEPS.format(app="Instagram: Settings and activity"),
        "facebook": _STEPS.format(app="Facebook: Settings & privacy > Settings"),
    },
    platforms=("instagram", "facebook"),
)


def check(ctx: Any) -> Outcome:
    return advertiser_reason_outcome(ctx, "advertiser_store_visit")
