from privacyscope.findings._setting import setting_check
from privacyscope.findings.base import Rule

RULE = Rule(
    id="exposure.personalized_ads",
    title="Personalised ads are on",
    severity="medium",
    category="exposure",
    description=(
        "Ads are chosen from the account's activity and, where allowed, from data advertisers "
        "send about activity elsewhere. The platform could infer interests from what is watched."
    ),
)
check = setting_check(
    "personalized_ads",
    frozenset({"on"}),
    "'{key}' is {value}: ads are personalised.",
    "'{key}' is {value}: personalised ads are off.",
)
