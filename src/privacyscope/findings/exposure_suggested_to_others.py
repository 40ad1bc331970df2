from privacyscope.context import AuditContext
from privacyscope.findings.base import Outcome, Rule

RULE = Rule(
    id="exposure.suggested_to_others",
    title="The account is suggested to contacts, Facebook friends or link openers",
    severity="medium",
    category="exposure",
    description=(
        "The platform recommends the account to people who have your phone number, are your "
        "Facebook friends or open links you share: people you may not want to find it. It also "
        "means the platform uses contact lists to connect accounts."
    ),
)
MEANINGS = {
    "suggest_to_contacts": "contacts",
    "suggest_to_facebook_friends": "Facebook friends",
    "suggest_to_link_openers": "people who open or send links to you",
    "findable_by_others": "people searching by email or phone",
}


def check(ctx: AuditContext) -> Outcome:
    found = [(m, ctx.setting(m)) for m in MEANINGS]
    known = [(m, s) for m, s in found if s is not None]
    if not known:
        return Outcome("not_in_export", "This export does not include the suggestion settings.")
    on = [(m, s) for m, s in known if s.normalized == "on"]
    evidence = {s.key: s.value for _, s in known}
    refs = [s.ref for _, s in known]
    if on:
        who = ", ".join(MEANINGS[m] for m, _ in on)
        return Outcome(
            "present",
            f"The account is suggested to: {who}.",
            evidence | {"suggested_to": [MEANINGS[m] for m, _ in on]},
            refs,
            "settings",
        )
    return Outcome(
        "absent", "All suggestion settings in the export are off.", evidence, refs, "settings"
    )
