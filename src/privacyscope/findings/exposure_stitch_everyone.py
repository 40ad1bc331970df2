from privacyscope.findings._setting import setting_check
from privacyscope.findings.base import Rule

RULE = Rule(
    id="exposure.stitch_everyone",
    title="Stitch: open to everyone",
    severity="medium",
    category="exposure",
    description=(
        "Any user, including strangers, can stitch the account's content or the account. "
        "For young users this is the setting most often recommended to restrict."
    ),
)
check = setting_check(
    "stitch",
    frozenset({"everyone"}),
    "'{key}' is {value}: everyone can stitch this account's content.",
    "'{key}' is {value}: Stitches are limited.",
)
