"""TikTok SettingsMap keys -> the normalised vocabulary in ``model.SETTING_MEANINGS``."""

from __future__ import annotations

from typing import Any

from privacyscope.model import Setting
from privacyscope.sources.tiktok.values import raw_json

#: raw key (lower-cased, trailing colons stripped) -> meaning
KEY_MEANINGS: dict[str, str] = {
    "private account": "account_private",
    "personalized ads": "personalized_ads",
    "personalised ads": "personalized_ads",
    "allow download": "downloads",
    "who can duet with me": "duet",
    "who can stitch with your videos": "stitch",
    "who can post comments": "comments",
    "who can send me message": "messages",
    "who can send me messages": "messages",
    "who can view videos i liked": "liked_videos_visibility",
    "who can see your following list": "following_list_visibility",
    "allow reuse of content": "reuse_of_content",
    "suggest your account to contacts": "suggest_to_contacts",
    "suggest your account to facebook friends": "suggest_to_facebook_friends",
    "suggest your account to people who open or send links to you": "suggest_to_link_openers",
    "allow others to find me": "findable_by_others",
    "filter comments": "filter_comments",
    # Dutch TXT exports (translations; unverified beyond the reference's examples)
    "privéaccount": "account_private",
    "gepersonaliseerde advertenties": "personalized_ads",
    "downloaden toestaan": "downloads",
}

#: keys TikTok exports that carry no exposure meaning (kept raw, not reported as unknown)
KNOWN_WITHOUT_MEANING = frozenset(
    {
        "app language",
        "web language",
        "interests",
        "content preferences",
        "push notification",
        "autofill contact information",
        "autofill payment information",
        "familypairing",
        "family pairing",
        "screentime",
        "screen time",
        "taal van app",
        "taal",
    }
)

_AUDIENCE = {
    "everyone": "everyone",
    "public": "everyone",
    "iedereen": "everyone",
    "enabled": "everyone",  # 2022 "Allow DownLoad: Enabled" = downloads for everyone
    "on": "everyone",
    "friends": "friends",
    "mutual friends": "friends",
    "followers": "friends",
    "vrienden": "friends",
    "myself": "only_me",
    "only me": "only_me",
    "only you": "only_me",
    "alleen ik": "only_me",
    "no one": "off",
    "nobody": "off",
    "off": "off",
    "disabled": "off",
    "niemand": "off",
    "uit": "off",
}
_ONOFF = {
    "enabled": "on",
    "enable": "on",
    "on": "on",
    "true": "on",
    "yes": "on",
    "ingeschakeld": "on",
    "aan": "on",
    "disabled": "off",
    "disable": "off",
    "off": "off",
    "false": "off",
    "no": "off",
    "uitgeschakeld": "off",
    "uit": "off",
}
_AUDIENCE_MEANINGS = frozenset(
    {
        "downloads",
        "duet",
        "stitch",
        "comments",
        "messages",
        "liked_videos_visibility",
        "following_list_visibility",
        "reuse_of_content",
    }
)


def _norm_key(key: str) -> str:
    return key.strip().rstrip(":").strip().lower()


def is_known_setting(key: str) -> bool:
    k = _norm_key(key)
    return k in KEY_MEANINGS or k in KNOWN_WITHOUT_MEANING


def normalize(key: str, value: Any) -> tuple[str | None, str | None]:
    """(meaning, normalised value) for a raw setting; (None, None) when unknown."""
    meaning = KEY_MEANINGS.get(_norm_key(key))
    if meaning is None:
        return None, None
    if not isinstance(value, str):
        return meaning, None
    v = value.strip().lower()
    if meaning in _AUDIENCE_MEANINGS:
        return meaning, _AUDIENCE.get(v)
    if meaning == "messages" and v == "default":
        return meaning, None
    return meaning, _ONOFF.get(v)


def settings_records(settings: dict[str, Any], ref_prefix: str) -> list[Setting]:
    out: list[Setting] = []
    for key, value in settings.items():
        meaning, normalized = normalize(key, value)
        out.append(
            Setting(
                ref=f"{ref_prefix}.{key}",
                key=key,
                value=raw_json(value),
                meaning=meaning,
                normalized=normalized,
            )
        )
    return out
