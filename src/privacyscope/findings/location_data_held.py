from privacyscope.analysis import count_present
from privacyscope.context import AuditContext
from privacyscope.findings.base import Outcome, Rule
from privacyscope.model import Location, Post, ProfileField, count_by, values

RULE = Rule(
    id="location.data_held",
    title="Location data is held",
    severity="medium",
    category="location",
    description=(
        "The export holds places linked to the account: a last known location or region, "
        "location-tagged posts, reviews of places. Together with the login IP trail the platform "
        "could infer home and routine locations."
    ),
)


def check(ctx: AuditContext) -> Outcome:
    locs = ctx.records.of(Location)
    tagged = [p for p in ctx.records.of(Post) if p.location]
    region = [f for f in ctx.records.of(ProfileField) if f.category == "region"]
    if not (locs or tagged or region):
        if ctx.present("locations"):
            return Outcome(
                "absent", 'The export\'s location sections are present but empty ("N/A").'
            )
        return Outcome("not_in_export", "This export has no location section.")
    # column access: a Google Records.json holds millions of points (ADR 0006)
    kinds = count_by(locs, "kind")
    precise = count_present(locs, "latitude")
    evidence = {
        "location_records": dict(kinds),
        "precise_coordinates": precise,
        "posts_with_location": len(tagged),
        "places": sorted(
            {p.location for p in tagged if p.location} | {v for v in values(locs, "place") if v}
        )[:20],
        "regions": sorted(
            {v for v in values(locs, "region") if v} | {f.value for f in region if f.value}
        ),
    }
    parts = []
    if precise:
        parts.append(f"{precise} precise coordinate(s)")
    if kinds:
        parts.append(", ".join(f"{n} {k}" for k, n in kinds.items()) + " location record(s)")
    if tagged:
        parts.append(f"{len(tagged)} post(s) with a place")
    if region:
        parts.append("a profile region")
    refs = [loc.ref for loc in locs[:30]] + [p.ref for p in tagged[:20]] + [f.ref for f in region]
    return Outcome(
        "present",
        "The export holds " + "; ".join(parts) + ".",
        evidence,
        refs,
        "locations",
        severity="high" if precise else "medium",
    )
