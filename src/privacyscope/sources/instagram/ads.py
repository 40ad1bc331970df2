"""Instagram ads files: ads viewed/clicked, inferred interests, topics, categories used to reach
you. (Advertisers using your information and off-Meta activity are read by
:mod:`privacyscope.sources.meta_common`.)"""

from __future__ import annotations

from typing import Any

from privacyscope.inputs import ExportFile
from privacyscope.model import AdItem
from privacyscope.sources.meta_common import MetaContext, each_record, read_other_categories

__all__ = ["read_ads_clicked", "read_ads_viewed", "read_interests", "read_other_categories"]


def read_ads_viewed(ctx: MetaContext, f: ExportFile, data: Any) -> None:
    """``impressions_history_ads_seen`` ("Author", "Time"): AdItem(kind="impression")."""
    ctx.touch("ads_viewed")
    for ref, rec in each_record(ctx, f, data, ("impressions_history_ads_seen",)):
        ctx.add(
            "ads_viewed",
            AdItem(
                kind="impression",
                name=rec.text("Author") or rec.title,
                time=rec.when("Time") or rec.time,
                ref=ref,
            ),
        )


def read_ads_clicked(ctx: MetaContext, f: ExportFile, data: Any) -> None:
    """``impressions_history_ads_clicked``: AdItem(kind="engagement")."""
    ctx.touch("ads_clicked")
    for ref, rec in each_record(ctx, f, data, ("impressions_history_ads_clicked",)):
        when = rec.items[0].time if rec.items else rec.when("Time")
        ctx.add(
            "ads_clicked",
            AdItem(
                kind="engagement",
                name=rec.title or rec.text("Author"),
                time=when or rec.time,
                ref=ref,
            ),
        )


def read_interests(ctx: MetaContext, f: ExportFile, data: Any) -> None:
    """``inferred_data_ig_interest`` / ``topics_your_topics``: AdItem(kind="interest")."""
    ctx.touch("ad_interests")
    keys = ("inferred_data_ig_interest", "topics_your_topics")
    for ref, rec in each_record(ctx, f, data, keys):
        ctx.add(
            "ad_interests",
            AdItem(
                kind="interest",
                name=rec.text("Interest") or rec.text("Name") or rec.title,
                ref=ref,
            ),
        )
