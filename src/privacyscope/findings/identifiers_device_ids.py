from collections import Counter

from privacyscope.analysis import is_real_identifier
from privacyscope.context import AuditContext
from privacyscope.findings.base import Outcome, Rule
from privacyscope.model import DeviceIdentifier

RULE = Rule(
    id="identifiers.device_ids",
    title="Device and advertising identifiers are held",
    severity="medium",
    category="identifiers",
    description=(
        "Identifiers tie the account to phones and browsers. A non-zero advertising ID (IDFA on "
        "iOS, GAID on Android) means ad tracking was not limited on that device: advertisers "
        "could match this account with activity in other apps."
    ),
)


def mask(value: str) -> str:
    return value if len(value) <= 8 else f"{value[:4]}…{value[-4:]}"


def check(ctx: AuditContext) -> Outcome:
    ids = ctx.records.of(DeviceIdentifier)
    if not ids:
        if ctx.present("device_identifiers"):
            return Outcome("absent", "The export's device list is empty.")
        return Outcome("not_in_export", "This export has no device identifier section.")
    real = [d for d in ids if is_real_identifier(d.value)]
    ad = [d for d in real if d.advertising]
    zeroed = [d for d in ids if d.advertising and d.value and not is_real_identifier(d.value)]
    distinct = {d.value for d in real}
    devices = {d.device for d in ids if d.device}
    evidence = {
        "distinct_identifiers": len(distinct),
        "by_type": dict(Counter(d.id_type for d in real)),
        "devices": len(devices),
        "advertising_ids_not_limited": sorted({mask(d.value or "") for d in ad}),
        "advertising_ids_zeroed": len(zeroed),
    }
    if not real:
        return Outcome(
            "absent",
            "Only empty or all-zero identifiers are listed.",
            evidence,
            [d.ref for d in ids[:20]],
            "device_identifiers",
            severity="info",
        )
    n_devices = len(devices) or "an unknown number of"
    summary = f"{len(distinct)} distinct identifiers across {n_devices} devices"
    summary += (
        f"; {len({d.value for d in ad})} advertising ID(s) are non-zero, so ad tracking "
        "was not limited on that device."
        if ad
        else "; no non-zero advertising ID."
    )
    return Outcome(
        "present",
        summary,
        evidence,
        [d.ref for d in real[:50]],
        "device_identifiers",
        severity="high" if ad else "medium",
    )
