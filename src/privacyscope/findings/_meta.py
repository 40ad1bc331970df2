"""Shared check for the ``meta_*`` advertiser findings (one AdItem kind each)."""

from __future__ import annotations

from typing import Any

from privacyscope.findings.base import Outcome
from privacyscope.model import AdItem

#: AdItem kind -> (extra count set when the file can show it, present text, absent text)
_REASONS = {
    "advertiser_list_upload": (
        "advertisers_list_upload",
        "{n} advertiser(s) uploaded a list that Meta matched to this account, "
        "for example {examples}.",
        "The export's advertiser file names no advertiser that uploaded a list.",
    ),
    "advertiser_activity": (
        "advertisers_activity",
        "{n} advertiser(s) reached this account using activity on their websites or "
        "apps, for example {examples}.",
        "The export's advertiser file names no advertiser using activity on its sites.",
    ),
    "advertiser_store_visit": (
        "advertisers_store_visit",
        "{n} advertiser(s) matched this account to an in-person store visit, for "
        "example {examples}.",
        "The export's advertiser file names no advertiser with store-visit audiences.",
    ),
}


def advertiser_reason_outcome(ctx: Any, kind: str) -> Outcome:
    """The shared check of the ``meta_*`` advertiser findings (``ctx``: platform, records,
    read). ``not_in_export`` unless the advertisers file was read and can show this reason."""
    count_name, present, absent = _REASONS[kind]
    read = ctx.read
    if count_name not in read.extra_counts:
        broken = [u.path for u in read.unreadable if "advertisers" in u.path]
        summary = (
            "The advertisers file could not be read."
            if broken
            else "This export does not show this kind of advertiser audience."
        )
        return Outcome("not_in_export", summary, {"unreadable": broken})
    items = [a for a in ctx.records.of(AdItem) if a.kind == kind]
    names = sorted({a.name for a in items if a.name})
    if not names:
        return Outcome("absent", absent, {"advertisers": 0}, record_table="ads")
    examples = ", ".join(names[:3]) + (" and others" if len(names) > 3 else "")
    return Outcome(
        "present",
        present.format(n=len(names), examples=examples),
        {
            "advertisers": len(names),
            "names": names[:50],
            "all_advertisers_using_your_information": read.extra_counts.get("advertisers", 0),
        },
        [a.ref for a in items[:50]],
        "ads",
    )
