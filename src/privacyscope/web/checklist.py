"""The settings checklist: each normalised setting the export holds, its current value, the
value we recommend, and how to change it."""

from __future__ import annotations

from typing import Any

from privacyscope.findings import Finding
from privacyscope.model import SETTING_MEANINGS, Setting

#: meaning -> (values that are fine, how the recommendation reads)
RECOMMENDED: dict[str, tuple[frozenset[str], str]] = {
    "account_private": (frozenset({"on"}), "on"),
    "personalized_ads": (frozenset({"off"}), "off"),
    "ads_off_platform_activity": (frozenset({"off"}), "off"),
    "downloads": (frozenset({"off", "friends"}), "off (or friends)"),
    "duet": (frozenset({"off", "only_me", "friends"}), "off, only me or friends"),
    "stitch": (frozenset({"off", "only_me", "friends"}), "off, only me or friends"),
    "comments": (frozenset({"off", "only_me", "friends"}), "friends or fewer"),
    "messages": (frozenset({"off", "only_me", "friends"}), "friends or fewer"),
    "reuse_of_content": (frozenset({"off", "friends"}), "off (or friends)"),
    "liked_videos_visibility": (frozenset({"only_me"}), "only me"),
    "following_list_visibility": (frozenset({"only_me", "friends"}), "only me or friends"),
    "suggest_to_contacts": (frozenset({"off"}), "off"),
    "suggest_to_facebook_friends": (frozenset({"off"}), "off"),
    "suggest_to_link_openers": (frozenset({"off"}), "off"),
    "findable_by_others": (frozenset({"off"}), "off"),
    "location_history": (frozenset({"off"}), "off"),
    "web_and_app_activity": (frozenset({"off"}), "off"),
    "activity_status": (frozenset({"off"}), "off"),
    "filter_comments": (frozenset({"on"}), "on"),
}

LABELS: dict[str, str] = {
    "account_private": "Private account",
    "personalized_ads": "Personalised ads",
    "ads_off_platform_activity": "Ads based on activity outside the app",
    "downloads": "Who can download your videos",
    "duet": "Who can Duet with you",
    "stitch": "Who can Stitch your videos",
    "comments": "Who can comment",
    "messages": "Who can send you direct messages",
    "reuse_of_content": "Reuse of your content",
    "liked_videos_visibility": "Who can see videos you liked",
    "following_list_visibility": "Who can see your following list",
    "suggest_to_contacts": "Suggest your account to contacts",
    "suggest_to_facebook_friends": "Suggest your account to Facebook friends",
    "suggest_to_link_openers": "Suggest your account to people who open your links",
    "findable_by_others": "Others can find you by phone / email",
    "location_history": "Location history",
    "web_and_app_activity": "Web and app activity",
    "activity_status": "Activity status",
    "filter_comments": "Filter comments",
}

#: TikTok menu paths, used when no finding carries remediation text for the setting
TIKTOK_HOWTO: dict[str, str] = {
    "account_private": "Profile > menu > Settings and privacy > Privacy > Private account",
    "personalized_ads": "Profile > menu > Settings and privacy > Ads > Personalised ads",
    "ads_off_platform_activity": (
        "Profile > menu > Settings and privacy > Ads > "
        "Activity from ad partners > off, then clear it"
    ),
    "downloads": "Profile > menu > Settings and privacy > Privacy > Downloads",
    "duet": "Profile > menu > Settings and privacy > Privacy > Duet",
    "stitch": "Profile > menu > Settings and privacy > Privacy > Stitch",
    "comments": "Profile > menu > Settings and privacy > Privacy > Comments",
    "messages": "Profile > menu > Settings and privacy > Privacy > Direct messages",
    "liked_videos_visibility": "Profile > menu > Settings and privacy > Privacy > Liked videos",
    "following_list_visibility": (
        "Profile > menu > Settings and privacy > Privacy > Following list"
    ),
    "suggest_to_contacts": (
        "Profile > menu > Settings and privacy > Privacy > "
        "Suggest your account to others > Contacts"
    ),
    "suggest_to_facebook_friends": (
        "Profile > menu > Settings and privacy > Privacy > "
        "Suggest your account to others > Facebook friends"
    ),
    "suggest_to_link_openers": (
        "Profile > menu > Settings and privacy > Privacy > Suggest "
        "your account to others > People with mutual connections / "
        "who open or send links to you"
    ),
    "findable_by_others": (
        "Profile > menu > Settings and privacy > Privacy > Suggest your account to others"
    ),
    "activity_status": "Profile > menu > Settings and privacy > Privacy > Activity status",
    "filter_comments": "Profile > menu > Settings and privacy > Privacy > Comments > Filters",
}
GENERIC_HOWTO = "Open the app's Settings and privacy > Privacy and look for this setting."


def checklist(
    settings: list[Setting], findings: list[Finding], platform: str
) -> list[dict[str, Any]]:
    by_ref: dict[str, Finding] = {}
    for f in findings:
        if f.record_table == "settings":
            for ref in f.refs:
                by_ref.setdefault(ref, f)
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    for s in settings:
        if not s.meaning or s.meaning not in SETTING_MEANINGS or s.meaning in seen:
            continue
        seen.add(s.meaning)
        good, shown = RECOMMENDED.get(s.meaning, (frozenset(), "review"))
        finding = by_ref.get(s.ref)
        if s.normalized is None:
            state = "unknown"
        elif s.normalized in good:
            state = "ok"
        else:
            state = "change"
        howto = (
            (finding.remediation if finding else None)
            or (TIKTOK_HOWTO.get(s.meaning) if platform == "tiktok" else None)
            or GENERIC_HOWTO
        )
        rows.append(
            {
                "meaning": s.meaning,
                "label": LABELS.get(s.meaning, s.meaning.replace("_", " ")),
                "key": s.key,
                "value": s.value,
                "normalized": s.normalized,
                "recommended": shown,
                "state": state,
                "howto": howto,
                "ref": s.ref,
                "finding": finding.id if finding else None,
            }
        )
    order = {"change": 0, "unknown": 1, "ok": 2}
    rows.sort(key=lambda r: (order[r["state"]], r["label"]))
    return rows
