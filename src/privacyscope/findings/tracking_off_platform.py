from collections import Counter

from privacyscope.context import AuditContext
from privacyscope.findings.base import Outcome, Rule
from privacyscope.model import OffPlatformEvent, count_by, time_range

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
    # column-wise: an export may hold millions of events (docs/adr/0006-performance.md)
    sources: Counter[str] = Counter()
    for s, n in count_by(events, "source").items():
        sources[s or "unknown"] += n
    raw_kinds = count_by(events, "event")
    kinds: Counter[str] = Counter()
    for k, n in raw_kinds.items():
        kinds[k or "unknown"] += n
    purchases = sum(n for k, n in raw_kinds.items() if _norm(k) in PURCHASE_EVENTS)
    installs = sum(n for k, n in raw_kinds.items() if _norm(k) in INSTALL_EVENTS)
    first, last = time_range(events)
    numeric = sum(1 for s in sources if s.isdigit())
    evidence = {
        "events": len(events),
        "sources": len(sources),
        "numeric_source_ids": numeric,
        "event_types": dict(kinds.most_common()),
        "purchase_or_checkout_events": purchases,
        "app_install_or_launch_events": installs,
        "top_sources": dict(sources.most_common(10)),
        "first": first,
        "last": last,
    }
    summary = (
        f"{len(events)} events from {len(sources)} businesses or apps"
        + (f", including {purchases} purchase/checkout events" if purchases else "")
        + (f" and {installs} app installs/launches" if installs else "")
        + (f", {first[:10]} to {last[:10]}" if first and last else "")
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
