from privacyscope.findings._setting import setting_check
from privacyscope.findings.base import Rule

RULE = Rule(
    id="exposure.public_account",
    title="The account is public",
    severity="high",
    category="exposure",
    description=(
        "Anyone, including people without an account, can see the profile, posts, followers "
        "and following lists, and the posts can be recommended to strangers."
    ),
    references=(
        "https://support.tiktok.com/en/account-and-privacy/account-privacy-settings/"
        "making-your-account-public-or-private",
    ),
)
check = setting_check(
    "account_private",
    frozenset({"off"}),
    "'{key}' is {value}: the account is public.",
    "'{key}' is {value}: the account is private.",
)
