from privacyscope.context import AuditContext
from privacyscope.findings.base import Outcome, Rule

RULE = Rule(
    id="logins.ip_trail",
    title="A trail of login IP addresses and devices is kept",
    severity="medium",
    category="logins",
    description=(
        "Each login records the IP address, device model, system and network. IP addresses "
        "reveal approximate location and internet provider; the trail could show where and when "
        "the account holder travels. Recorded whatever the privacy settings."
    ),
)


def check(ctx: AuditContext) -> Outcome:
    t = ctx.trail
    if not t.logins:
        if ctx.present("logins"):
            return Outcome("absent", "The export's login history is empty.")
        return Outcome("not_in_export", "This export has no login history.")
    countries = [c for c in t.countries if c not in ("unknown", "private network")]
    evidence = {
        "logins": t.logins,
        "distinct_ips": t.distinct_ips,
        "ipv6_addresses": t.ipv6,
        "countries": t.countries,
        "networks": dict(list(t.networks.items())[:10]),
        "devices": t.devices,
        "systems": t.systems,
        "network_types": t.network_types,
        "max_logins_per_day": t.max_per_day,
        "days_with_logins": len(t.per_day),
        "new_locations": t.new_locations[:20],
        "cities": "not available: the offline GeoIP database has countries and networks only",
    }
    summary = (
        f"{t.logins} logins from {t.distinct_ips} IP addresses in "
        f"{len(countries)} countr{'y' if len(countries) == 1 else 'ies'} "
        f"({', '.join(countries[:5]) or 'unknown'}) on {len(t.devices)} device model(s)."
    )
    refs = [r for e in t.ips for r in e["refs"]][:50]
    return Outcome("present", summary, evidence, refs, "logins")
