"""Facebook ads files: advertisers you've interacted with, ad interests and topics, information
submitted to advertisers. (Advertisers using your information, categories used to reach you and
off-Meta activity are read by :mod:`privacyscope.sources.meta_common`.)"""

from __future__ import annotations

from typing import Any

from privacyscope.inputs import ExportFile
from privacyscope.model import AdItem
from privacyscope.sources.meta_common import (
    MetaContext,
    as_str,
    as_time,
    each_flat,
    top_records,
)


def read_interacted(ctx: MetaContext, f: ExportFile, data: Any) -> None:
    """``history_v2[{title, action, timestamp}]``: AdItem(kind="advertiser_interaction")."""
    ctx.touch("advertiser_interactions")
    keys = ("history_v2", "history")
    for ref, d in each_flat(ctx, f, data, keys, ("title", "action", "timestamp")):
        ctx.add(
            "advertiser_interactions",
            AdItem(
                kind="advertiser_interaction",
                name=as_str(d.get("title"), ref),
                time=as_time(d.get("timestamp")),
                ref=ref,
            ),
        )


def read_topics(ctx: MetaContext, f: ExportFile, data: Any) -> None:
    """``topics_v2`` / ``inferred_topics_v2`` (lists of strings): AdItem(kind="interest")."""
    ctx.touch("ad_interests")
    keys = ("topics_v2", "topics", "inferred_topics_v2")
    for i, raw in enumerate(top_records(ctx, data, f.name, keys)):
        ref = f"{f.name}[{i}]"
        ctx.add("ad_interests", AdItem(kind="interest", name=as_str(raw, ref), ref=ref))


def read_lead_gen(ctx: MetaContext, f: ExportFile, data: Any) -> None:
    keys = ("lead_gen_info_v2", "lead_gen_info")
    for ref, d in each_flat(ctx, f, data, keys, ("label", "value")):
        label, value = as_str(d.get("label"), ref), as_str(d.get("value"), ref)
        ctx.add(
            "submitted_to_advertisers",
            AdItem(
                kind="form_response",
                name=f"{label}: {value}" if label else value,
                ref=ref,
            ),
        )
