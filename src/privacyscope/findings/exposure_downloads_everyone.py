from privacyscope.findings._setting import setting_check
from privacyscope.findings.base import Rule

RULE = Rule(
    id="exposure.downloads_everyone",
    title="Anyone can download the account's videos",
    severity="medium",
    category="exposure",
    description=(
        "Downloaded copies leave the platform: deleting or hiding a post later does not remove "
        "them."
    ),
    platforms=("tiktok",),
)
check = setting_check(
    "downloads",
    frozenset({"everyone"}),
    "'{key}' is {value}: anyone who can see a video can download it.",
    "'{key}' is {value}: downloads are limited.",
)
