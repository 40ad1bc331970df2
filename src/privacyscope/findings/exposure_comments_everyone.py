from privacyscope.findings._setting import setting_check
from privacyscope.findings.base import Rule

RULE = Rule(
    id="exposure.comments_everyone",
    title="Comments: open to everyone",
    severity="low",
    category="exposure",
    description=(
        "Any user, including strangers, can comment on the account's content or the account. "
        "For young users this is the setting most often recommended to restrict."
    ),
)
check = setting_check(
    "comments",
    frozenset({"everyone"}),
    "'{key}' is {value}: everyone can comment on this account's content.",
    "'{key}' is {value}: Comments are limited.",
)
