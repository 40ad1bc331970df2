from privacyscope.findings._setting import setting_check
from privacyscope.findings.base import Rule

RULE = Rule(
    id="exposure.liked_videos_public",
    title="Liked videos are visible to everyone",
    severity="low",
    category="exposure",
    description=(
        "The list of liked videos is public. Others could infer interests, opinions or "
        "circumstances from it."
    ),
    platforms=("tiktok",),
)
check = setting_check(
    "liked_videos_visibility",
    frozenset({"everyone"}),
    "'{key}' is {value}: anyone can see the liked videos.",
    "'{key}' is {value}: liked videos are not public.",
)
