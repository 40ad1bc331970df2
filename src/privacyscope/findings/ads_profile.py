from collections import Counter

from privacyscope.context import AuditContext
from privacyscope.findings.base import Outcome, Rule
from privacyscope.model import AdItem

RULE = Rule(
    id="ads.profile",
    title="An advertising profile is held",
    severity="low",
    category="ads",
    description=(
        "Ad interests, advertisers and data partners that used information about the account, "
        "ads visited and ad forms answered. The platform could infer interests from them."
    ),
)


def check(ctx: AuditContext) -> Outcome:
    items = ctx.records.of(AdItem)
    if not items:
        if ctx.present("ads"):
            return Outcome("absent", "The export's ad sections are empty.")
        return Outcome("not_in_export", "This export has no ads section.")
    kinds = Counter(i.kind for i in items)
    evidence = {
        "by_kind": dict(kinds),
        "advertisers": sorted({i.name for i in items if i.kind == "advertiser" and i.name})[:30],
        "partners": sorted({i.name for i in items if i.kind == "partner" and i.name})[:30],
        "interests": sorted({i.name for i in items if i.kind == "interest" and i.name})[:30],
    }
    summary = "Held: " + ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in kinds.items()) + "."
    return Outcome("present", summary, evidence, [i.ref for i in items[:50]], "ads")
