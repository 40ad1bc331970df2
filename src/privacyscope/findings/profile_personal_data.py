from collections import defaultdict

from privacyscope.context import AuditContext
from privacyscope.findings.base import Outcome, Rule
from privacyscope.model import ProfileField

RULE = Rule(
    id="profile.personal_data",
    title="Personal contact and identity data is held",
    severity="medium",
    category="profile",
    description=(
        "Email, phone number, birth date, a saved (autofill) postal address and linked logins "
        "identify the account holder directly and link the account to other services."
    ),
)
SENSITIVE = ("email", "phone", "birth_date", "address", "name", "linked_platform", "gender")


def check(ctx: AuditContext) -> Outcome:
    fields = [f for f in ctx.records.of(ProfileField) if f.value]
    if not fields:
        if ctx.present("profile"):
            return Outcome("absent", "The export's profile sections hold no personal data.")
        return Outcome("not_in_export", "This export has no profile section.")
    by_cat: dict[str, list[ProfileField]] = defaultdict(list)
    for f in fields:
        by_cat[f.category].append(f)
    held = [c for c in SENSITIVE if c in by_cat]
    evidence = {
        "categories": {c: len(by_cat[c]) for c in held},
        "fields": sorted({f.key for c in held for f in by_cat[c]}),
        "autofill_address": any(f.category == "address" for f in fields),
        "linked_platforms": [f.value for f in by_cat.get("linked_platform", [])],
    }
    if not held:
        return Outcome(
            "absent",
            "No contact or identity fields are filled in.",
            evidence,
            [f.ref for f in fields[:20]],
            "profile",
            severity="info",
        )
    names = {
        "email": "email",
        "phone": "phone number",
        "birth_date": "birth date",
        "address": "postal address (autofill)",
        "name": "name",
        "linked_platform": "linked login(s)",
        "gender": "inferred gender",
    }
    summary = "Held: " + ", ".join(names[c] for c in held) + "."
    refs = [f.ref for c in held for f in by_cat[c]][:50]
    return Outcome(
        "present",
        summary,
        evidence,
        refs,
        "profile",
        severity="high" if "address" in by_cat else "medium",
    )
