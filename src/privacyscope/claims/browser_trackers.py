from privacyscope.claims.base import Claim, Verdict
from privacyscope.context import AuditContext
from privacyscope.model import OffPlatformEvent, count_by, distinct

CLAIM = Claim(
    id="browser_trackers",
    claim="TikTok's trackers follow your activity outside TikTok.",
)


def check(ctx: AuditContext) -> Verdict:
    events = ctx.records.of(OffPlatformEvent)
    if events:
        sources = distinct(events, "source") - {None, ""}
        kinds = sorted(k for k in count_by(events, "event") if k)
        return Verdict(
            "supported",
            f"The export lists {len(events)} events from {len(sources)} businesses or apps "
            f"about activity outside TikTok ({', '.join(kinds[:6])}).",
            {"events": len(events), "sources": len(sources), "event_types": kinds},
            [e.ref for e in events[:20]],
        )
    if ctx.present("off_platform_events"):
        return Verdict(
            "contradicted",
            "The export's off-TikTok activity list is empty: it shows no activity reported by "
            "advertisers for this account (which does not rule out data TikTok did not export).",
            {"events": 0},
        )
    return Verdict(
        "not observable in this export", "This export has no off-TikTok activity section."
    )
