from privacyscope.findings._setting import setting_check
from privacyscope.findings.base import Rule

RULE = Rule(
    id="exposure.messages_everyone",
    title="Direct messages: open to everyone",
    severity="medium",
    category="exposure",
    description=(
        "Any user, including strangers, can message the account. "
        "For young users this is the setting most often recommended to restrict."
    ),
)
check = setting_check(
    "messages",
    frozenset({"everyone"}),
    "'{key}' is {value}: everyone can message this account.",
    "'{key}' is {value}: Messages are limited.",
)
