from collections import Counter

from privacyscope.context import AuditContext
from privacyscope.findings.base import Outcome, Rule
from privacyscope.model import OffPlatformEvent

RULE = Rule(
    id="tracking.off_platform",
    title="Advertisers report your activity outside the platform",
    severity="high",
    category="tracking",
    description=(
        "Businesses and apps send the platform events about what you do on their websites and "
        "apps (page views, purchases, app installs) through pixels, SDKs and server-to-server "
        "APIs. The platform could use them to target ads and infer interests and habits."
    ),
)
PURCHASE_EVENTS = frozenset(
    {
        "purchase",
        "completepayment",
        "checkout",
        "initiatecheckout",
        "addpaymentinfo",
        "placeanorder",
        "subscribe",
        "starttrial",
    }
)
INSTALL_EVENTS = frozenset({"installapp", "launchapp", "activateapp", "install"})


def _norm(event: str | None) -> str:
    return (event or "").replace("_", "").replace(" ", "").lower()


def check(ctx: AuditContext) -> Outcome:
    events = ctx.records.of(OffPlatformEvent)
    if not events:
        if ctx.present("off_platform_events"):
            return Outcome(
                "absent", "The export's off-platform activity list is empty.", {"events": 0}
            )
        return Outcome("not_in_export", "This export has no off-platform activity section.")
    sources = Counter(e.source or "unknown" for e in events)
    kinds = Counter(e.event or "unknown" for e in events)
    purchases = sum(1 for e in events if _norm(e.event) in PURCHASE_EVENTS)
    installs = sum(1 for e in events if _norm(e.event) in INSTALL_EVENTS)
    times = sorted(e.time for e in events if e.time)
    numeric = sum(1 for s in sources if s.isdigit())
    evidence = {
        "events": len(events),
        "sources": len(sources),
        "numeric_source_ids": numeric,
        "event_types": dict(kinds.most_common()),
        "purchase_or_checkout_events": purchases,
        "app_install_or_launch_events": installs,
        "top_sources": dict(sources.most_common(10)),
        "first": times[0] if times else None,
        "last": times[-1] if times else None,
    }
    summary = (
        f"{len(events)} events from {len(sources)} businesses or apps"
        + (f", including {purchases} purchase/checkout events" if purchases else "")
        + (f" and {installs} app installs/launches" if installs else "")
        + (f", {times[0][:10]} to {times[-1][:10]}" if times else "")
        + "."
    )
    return Outcome(
        "present",
        summary,
        evidence,
        [e.ref for e in events[:50]],
        "off_platform_events",
        severity="high" if purchases else "medium",
    )
