from privacyscope.context import AuditContext
from privacyscope.findings.base import Outcome, Rule
from privacyscope.model import Post

RULE = Rule(
    id="exposure.public_posts_with_location",
    title="Public posts carry a location tag",
    severity="medium",
    category="exposure",
    description=(
        "Posts visible to everyone name a place. Together they could reveal where the account "
        "holder lives, studies, works or spends time."
    ),
)


def check(ctx: AuditContext) -> Outcome:
    posts = [p for p in ctx.records.of(Post) if not p.deleted]
    if not posts:
        return Outcome("not_in_export", "This export holds no posts to check.")
    with_vis = [p for p in posts if p.visibility is not None]
    if not with_vis:
        return Outcome(
            "not_in_export",
            "The export's posts do not say who can see them.",
            {"posts": len(posts)},
        )
    tagged = [p for p in with_vis if p.visibility == "everyone" and p.location]
    places = sorted({p.location for p in tagged if p.location})
    evidence: dict[str, object] = {
        "posts": len(posts),
        "public_posts": sum(1 for p in with_vis if p.visibility == "everyone"),
        "public_with_location": len(tagged),
        "places": places,
    }
    if tagged:
        return Outcome(
            "present",
            f"{len(tagged)} public post(s) name a place: {', '.join(places[:5])}.",
            evidence,
            [p.ref for p in tagged],
            "posts",
        )
    return Outcome("absent", "No public post carries a location tag.", evidence, [], "posts")
