"""TikTok JSON exports (G1, G2, the 2024 US variant, G3, G4): layout detection and walking."""

from __future__ import annotations

from typing import Any

from privacyscope.model import Unreadable, Unrecognized
from privacyscope.sources.base import Progress, ReadResult
from privacyscope.sources.tiktok.sections import SectionContext, handler_for, norm_name

#: every top-level category seen in any generation (normalised)
CATEGORIES = frozenset(
    norm_name(c)
    for c in (
        "Activity",
        "Ads and data",
        "App Settings",
        "Comment",
        "Direct Messages",
        "Direct Message",
        "Profile",
        "Tiktok Live",
        "TikTok Live",
        "Tiktok Shopping",
        "TikTok Shop",
        "Video",
        "Income Plus Wallet Transactions",
        "Income+ Wallet",
        "Poi Review",
        "Location Review",
        "Post",
        "Your Activity",
        "Likes and Favorites",
        "Profile And Settings",
    )
)

LAYOUT_NAMES = {
    "g1": "G1 (2021-2023)",
    "g2": "G2 (2023 - Dec 2024)",
    "us": "V-US (US 2024 variant)",
    "g3": "G3 (Dec 2024 - Nov 2025)",
    "g4": "G4 (Apr 2025 onwards)",
    "txt": "TXT export",
}


def looks_like_tiktok(top: Any) -> bool:
    if not isinstance(top, dict):
        return False
    known = sum(1 for k in top if isinstance(k, str) and norm_name(k) in CATEGORIES)
    return known >= 2 or (known == 1 and len(top) <= 3)


def detect_layout(top: dict[str, Any]) -> str:
    keys = {norm_name(k) for k in top}
    if keys & {
        norm_name("Profile And Settings"),
        norm_name("Likes and Favorites"),
        norm_name("Income+ Wallet"),
    }:
        return "g4"
    if norm_name("Your Activity") in keys:
        return "g3"
    activity = top.get("Activity")
    profile = top.get("Profile")
    act = {norm_name(k) for k in activity} if isinstance(activity, dict) else set()
    prof = {norm_name(k) for k in profile} if isinstance(profile, dict) else set()
    if act & {"comments", "poireview"} or "followerlist" in prof:
        return "us"
    if keys & {norm_name("Income Plus Wallet Transactions"), norm_name("Poi Review")}:
        return "g2"
    return "g1"


def read_tree(top: dict[str, Any], result: ReadResult, progress: Progress, size: int) -> None:
    """Walk Category -> Section and hand every section to its handler."""
    ctx = SectionContext(result)
    categories = list(top.items())
    for n, (category, cval) in enumerate(categories):
        if not isinstance(category, str):
            continue
        if norm_name(category) not in CATEGORIES:
            if isinstance(cval, dict) and cval and all(isinstance(v, dict) for v in cval.values()):
                for section, sval in cval.items():  # an unknown category of sections
                    ctx.unknown_section(f"{category}/{section}", sval)
            else:
                ctx.unknown_section(category, cval)
            continue
        if cval is None or cval == {} or cval == []:
            result.sections.setdefault(category, 0)
            continue
        if not isinstance(cval, dict):
            result.unrecognized.append(
                Unrecognized(
                    path=category, kind="section", records=0, example_keys=[type(cval).__name__]
                )
            )
            continue
        for section, sval in cval.items():
            path = f"{category}/{section}"
            found = handler_for(category, section)
            if found is None:
                ctx.unknown_section(path, sval)
                continue
            handler, table = found
            result.present.add(table)
            try:
                handler(ctx, sval, path)
            except (TypeError, AttributeError, ValueError, KeyError) as exc:
                result.unreadable.append(
                    Unreadable(path=path, reason=f"unexpected structure ({type(exc).__name__})")
                )
        progress(size * (n + 1) // max(len(categories), 1), ctx.records_read)
    ctx.finish()
