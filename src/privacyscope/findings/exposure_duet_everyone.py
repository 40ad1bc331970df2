from privacyscope.findings._setting import setting_check
from privacyscope.findings.base import Rule

RULE = Rule(
    id="exposure.duet_everyone",
    title="Duet: open to everyone",
    severity="medium",
    category="exposure",
    description=(
        "Any user, including strangers, can duet the account's content or the account. "
        "For young users this is the setting most often recommended to restrict."
    ),
)
check = setting_check(
    "duet",
    frozenset({"everyone"}),
    "'{key}' is {value}: everyone can duet this account's content.",
    "'{key}' is {value}: Duets are limited.",
)
