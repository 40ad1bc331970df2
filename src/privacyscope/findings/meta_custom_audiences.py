"""Meta: advertisers who uploaded a list with your information (custom audiences)."""

from __future__ import annotations

from typing import Any

from privacyscope.findings._meta import advertiser_reason_outcome
from privacyscope.findings.base import Outcome, Rule

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


def check(ctx: Any) -> Outcome:
    return advertiser_reason_outcome(ctx, "advertiser_list_upload")
