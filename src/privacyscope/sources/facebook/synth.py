"""Synthetic Facebook exports for tests: layouts g1-g4, en/nl/de labels, adversarial variants.

Uses the same abstract dataset as the Instagram generator (the same invented person), so
``compare`` can be tested on "the same person". Variants as in
:mod:`privacyscope.sources.instagram.synth`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from privacyscope.sources.instagram.synth import (
    BASE_EPOCH,
    LANGS,
    VARIANTS,
    Dataset,
    LoginRow,
    advertisers_flags,
    advertisers_lv,
    build_dataset,
    factor,
    ip_for,
    layout_files,
    listed,
    lv,
    off_meta_dict,
    off_meta_list,
    thread_json,
    value_in,
    write_export,
)
from privacyscope.sources.meta_common import translate
from privacyscope.synth import writer
from privacyscope.synth.persona import PERSONA

LAYOUTS: tuple[str, ...] = ("g1", "g2", "g3", "g4")
__all__ = ["LANGS", "LAYOUTS", "VARIANTS", "expected_counts", "expected_settings", "generate"]

PRIVACY = (
    ("Who can see your future posts?", "Public", None, None),
    ("Who can send you friend requests?", "Everyone", None, None),
    (
        "Who can look you up using the email address you provided?",
        "Everyone",
        "findable_by_others",
        "on",
    ),
    (
        "Who can look you up using the phone number you provided?",
        "Friends",
        "findable_by_others",
        "on",
    ),
    ("Who can comment on your public posts?", "Public", "comments", "everyone"),
)
AD_PREFS = (
    ("Personalized ads", "On", "personalized_ads", "on"),
    ("Ads based on data from partners", "On", "ads_off_platform_activity", "on"),
)
PLACES = ("Utrecht Centraal", "Café de Zaak", "Jaarbeurs")


def _history(ds: Dataset) -> list[tuple[int, float | None, float | None, str]]:
    base = ds.location[0][0]
    out: list[tuple[int, float | None, float | None, str]] = []
    for k, name in enumerate(PLACES):
        if ds.variant == "missing-keys" and k == 0:
            out.append((base - k * 86_400, None, None, name))
        else:
            out.append(
                (base - k * 86_400, round(52.09 + k * 0.01, 4), round(5.12 + k * 0.01, 4), name)
            )
    return out


def _coord(lat: float | None, lon: float | None) -> dict[str, Any]:
    return {} if lat is None or lon is None else {"coordinate": {"latitude": lat, "longitude": lon}}


def _with_ip(d: dict[str, Any], key: str, ip: str | None) -> dict[str, Any]:
    if ip is not None:
        d[key] = ip
    return d


def _accesses(ds: Dataset) -> list[dict[str, Any]]:
    rows: list[LoginRow] = [*ds.logins, *ds.logouts]
    return [
        _with_ip(
            {"action": r.action, "timestamp": r.time, "site": "www.facebook.com"},
            "ip_address",
            r.ip,
        )
        for r in listed(ds, rows)
    ]


def _account_activity(ds: Dataset) -> list[dict[str, Any]]:
    return [
        _with_ip(
            {
                "action": r.action,
                "timestamp": r.time,
                "user_agent": r.ua,
                "datr_cookie": "synthDatrCookie01",
                "city": PERSONA.city,
                "region": "Utrecht",
                "country": PERSONA.country,
                "site_name": "www.facebook.com",
            },
            "ip_address",
            r.ip,
        )
        for r in listed(ds, ds.account_activity)
    ]


def _sessions(ds: Dataset) -> list[dict[str, Any]]:
    return [
        _with_ip(
            {
                "created_timestamp": r.time,
                "updated_timestamp": r.time + 3600,
                "user_agent": r.ua,
                "datr_cookie": "synthDatrCookie01",
                "device": "iPhone15,2",
                "location": f"{PERSONA.city}, NL",
                "app": "Facebook for iPhone",
                "session_type": "mobile",
            },
            "ip_address",
            r.ip,
        )
        for r in listed(ds, ds.sessions)
    ]


def _ip_activity(ds: Dataset) -> list[dict[str, Any]]:
    return [
        _with_ip({"action": "Login", "timestamp": r.time, "user_agent": r.ua}, "ip", r.ip)
        for r in listed(ds, ds.ip_activity)
    ]


def _profile(ds: Dataset) -> dict[str, Any]:
    p = PERSONA
    y, m, d = (int(x) for x in p.birth_date.split("-"))
    return {
        "name": {
            "full_name": p.display_name,
            "first_name": p.first_name,
            "middle_name": "",
            "last_name": p.last_name,
        },
        "emails": {
            "emails": [p.email],
            "previous_emails": [],
            "pending_emails": [],
            "ad_account_emails": [],
        },
        "birthday": {"year": y, "month": m, "day": d},
        "gender": {"gender_option": "NON_BINARY", "pronoun": "THEY"},
        "current_city": {"name": "Utrecht, Nederland", "timestamp": BASE_EPOCH - 86_400 * 300},
        "hometown": {"name": "’s-Hertogenbosch", "timestamp": BASE_EPOCH - 86_400 * 900},
        "phone_numbers": [{"phone_type": "Mobile", "phone_number": p.phone, "verified": True}],
        "username": p.username,
        "registration_timestamp": BASE_EPOCH - 86_400 * 3000,
        "profile_uri": f"https://www.facebook.com/{p.username}",
    }


def _searches(ds: Dataset) -> list[dict[str, Any]]:
    return [
        {
            "timestamp": ts,
            "attachments": [{"data": [{"text": term}]}],
            "data": [{"text": term}],
            "title": "You searched Facebook",
        }
        for ts, term, _m in listed(ds, ds.searches)
    ]


def _posts(ds: Dataset) -> list[dict[str, Any]]:
    return [
        {"timestamp": ts, "data": [{"post": cap}], "title": f"{PERSONA.display_name} posted"}
        for ts, cap in listed(ds, ds.posts)
    ]


def _friends(ds: Dataset) -> list[dict[str, Any]]:
    return [{"name": n, "timestamp": ts} for ts, n in listed(ds, ds.followers)]


def _interacted(ds: Dataset) -> list[dict[str, Any]]:
    return [
        {"title": a, "action": "Clicked ad", "timestamp": ts} for ts, a in listed(ds, ds.ads_viewed)
    ]


def _label_settings(
    ds: Dataset, lang: str, table: tuple[tuple[str, str, str | None, str | None], ...]
) -> dict[str, Any]:
    return {
        "label_values": listed(
            ds,
            [{"label": translate(k, lang), "value": value_in(lang, v)} for k, v, _m, _n in table],
        )
    }


def _messages(ds: Dataset, root: str) -> dict[str, Any]:
    return {
        f"{root}messages/{th.folder}/{th.slug}/message_1.json": thread_json(ds, th)
        for th in ds.threads
    }


def files_g1(ds: Dataset, lang: str) -> dict[str, Any]:
    sec = "security_and_login_information/"
    ads = "ads_and_businesses/"
    out: dict[str, Any] = {
        "profile_information/profile_information.json": {"profile": _profile(ds)},
        sec + "account_activity.json": {"account_activity": _account_activity(ds)},
        sec + "logins_and_logouts.json": {"account_accesses": _accesses(ds)},
        sec + "where_you're_logged_in.json": {"active_sessions": _sessions(ds)},
        sec + "used_ip_addresses.json": {"used_ip_address": _ip_activity(ds)},
        sec + "mobile_devices.json": {
            "devices": [
                {
                    "type": "IPHONE",
                    "os": "iOS 18.3.1",
                    "advertiser_id": f"SYNTH-IDFA-{k:04d}",
                    "device_locale": "nl_NL",
                    "update_time": ts,
                }
                for k, (ts, _d, _ua) in enumerate(listed(ds, ds.devices))
            ]
        },
        ads + "your_off-facebook_activity.json": off_meta_dict(
            ds, "off_facebook_activity", with_ids=False
        ),
        ads + "advertisers_who_uploaded_a_contact_list_with_your_information.json": {
            "custom_audiences": [a[0] for a in listed(ds, ds.advertisers) if a[1]]
        },
        ads + "advertisers_you've_interacted_with.json": {"history": _interacted(ds)},
        ads + "ads_interests.json": {"topics": listed(ds, ds.interests)},
        "location/location_history.json": {
            "location_history": [
                {"name": name, **_coord(lat, lon), "creation_timestamp": ts}
                for ts, lat, lon, name in listed(ds, _history(ds))
            ]
        },
        "search_history/your_search_history.json": {"searches": _searches(ds)},
        "friends/friends.json": {"friends": _friends(ds)},
        "posts/your_posts_1.json": _posts(ds),
    }
    out.update(_messages(ds, ""))
    return out


def _security_v2(ds: Dataset) -> dict[str, Any]:
    sec = "security_and_login_information/"
    return {
        sec + "account_activity.json": {"account_activity_v2": _account_activity(ds)},
        sec + "logins_and_logouts.json": {"account_accesses_v2": _accesses(ds)},
        sec + "where_you're_logged_in.json": {"active_sessions_v2": _sessions(ds)},
        sec + "ip_address_activity.json": {"used_ip_address_v2": _ip_activity(ds)},
        sec + "recognized_devices.json": {
            "recognized_devices_v2": [
                _with_ip(
                    {
                        "name": ua.split(" (")[0],
                        "created_timestamp": ts,
                        "updated_timestamp": ts + 60,
                        "user_agent": ua,
                        "datr_cookie": f"synthDatr{k:02d}",
                    },
                    "ip_address",
                    ip_for(k, ds.variant),
                )
                for k, (ts, _d, ua) in enumerate(listed(ds, ds.devices))
            ]
        },
    }


def files_g2(ds: Dataset, lang: str) -> dict[str, Any]:
    out: dict[str, Any] = {
        "profile_information/profile_information.json": {"profile_v2": _profile(ds)},
        **_security_v2(ds),
        "apps_and_websites_off_of_facebook/your_off-facebook_activity.json": off_meta_dict(
            ds, "off_facebook_activity_v2"
        ),
        "ads_information/advertisers_using_your_activity_or_information.json": advertisers_flags(
            ds, "custom_audiences_all_types_v2"
        ),
        "ads_information/advertisers_you've_interacted_with.json": {"history_v2": _interacted(ds)},
        "other_logged_information/ads_interests.json": {"topics_v2": listed(ds, ds.interests)},
        "location/location_history.json": {
            "location_history_v2": [
                {"name": name, **_coord(lat, lon), "creation_timestamp": ts}
                for ts, lat, lon, name in listed(ds, _history(ds))
            ]
        },
        "location/primary_location.json": {
            "primary_location_v2": {
                "city_region_pairs": [["Utrecht", "Utrecht"]],
                "zipcode": ["0000"],
            }
        },
        "search/your_search_history.json": {"searches_v2": _searches(ds)},
        "friends_and_followers/friends.json": {"friends_v2": _friends(ds)},
        "posts/your_posts_1.json": _posts(ds),
    }
    out.update(_messages(ds, ""))
    return out


def files_g3(ds: Dataset, lang: str, g4: bool = False) -> dict[str, Any]:
    act = "your_facebook_activity/" if g4 else "your_activity_across_facebook/"
    loc = "logged_information/location/"
    off = "apps_and_websites_off_of_facebook/your_activity_off_meta_technologies.json"
    adv = "ads_information/advertisers_using_your_activity_or_information.json"
    out: dict[str, Any] = {
        "personal_information/profile_information/profile_information.json": {
            "profile_v2": _profile(ds)
        },
        **_security_v2(ds),
        "ads_information/advertisers_you've_interacted_with.json": {"history_v2": _interacted(ds)},
        "ads_information/ad_preferences.json": _label_settings(ds, lang, AD_PREFS),
        "ads_information/other_categories_used_to_reach_you.json": {
            "label_values": [
                {"label": translate("Name", lang), "vec": [{"value": "Frequent travellers"}]}
            ]
        },
        "logged_information/other_logged_information/ads_interests.json": {
            "topics_v2": listed(ds, ds.interests)
        },
        loc + "last_location.json": {
            "last_location_v2": listed(
                ds, [{**_coord(lat, lon), "time": ts} for ts, lat, lon in ds.location]
            )
        },
        loc + "timezone.json": {"timezone_v2": "Europe/Amsterdam"},
        "logged_information/search/your_search_history.json": {"searches_v2": _searches(ds)},
        "connections/friends/your_friends.json": {"friends_v2": _friends(ds)},
        "connections/followers/who_you've_followed.json": {
            "following_v3": [{"name": n, "timestamp": ts} for ts, n in listed(ds, ds.following)]
        },
        act + "posts/your_posts__check_ins__photos_and_videos_1.json": _posts(ds),
        "preferences/preferences/privacy_settings.json": _label_settings(ds, lang, PRIVACY),
    }
    if g4:
        out[off] = off_meta_list(ds, lang)
        out[adv] = advertisers_lv(ds, lang)
        out[loc + "primary_location.json"] = {
            "label_values": listed(
                ds,
                [
                    {"label": translate("City", lang), "value": "Utrecht"},
                    {"label": translate("Region", lang), "value": "Utrecht"},
                    {"label": translate("Zip code", lang), "value": "0000"},
                ],
            )
        }
        out["personal_information/profile_information/registration_information.json"] = {
            "label_values": listed(
                ds,
                [
                    {
                        "label": translate("Registration date", lang),
                        "timestamp_value": BASE_EPOCH - 86_400 * 3000,
                    },
                    {"label": translate("IP Address", lang), "value": ip_for(0, ds.variant)},
                    {"label": translate("Email", lang), "value": PERSONA.email},
                ],
            )
        }
        out["personal_information/device_information/your_devices.json"] = [
            lv(
                lang,
                ts,
                [
                    ("Type", "value", "IPHONE"),
                    ("Operating system", "value", "iOS 18"),
                    ("Advertiser ID", "value", f"SYNTH-IDFA-{k:04d}"),
                    ("Last updated", "timestamp_value", ts),
                ],
            )
            for k, (ts, _d, _ua) in enumerate(listed(ds, ds.devices))
        ]
    else:
        out[off] = off_meta_dict(ds, "off_facebook_activity_v2")
        out[adv] = advertisers_flags(ds, "custom_audiences_all_types_v2")
        out[loc + "primary_location.json"] = {
            "primary_location_v2": {
                "city_region_pairs": [["Utrecht", "Utrecht"]],
                "zipcode": ["0000"],
            }
        }
    out.update(_messages(ds, act))
    return out


def _check(layout: str, lang: str, variant: str | None) -> None:
    writer.check_options(layout, lang, variant, layouts=LAYOUTS, langs=LANGS, variants=VARIANTS)


def export_files(layout: str, lang: str, seed: int, variant: str | None) -> dict[str, Any]:
    _check(layout, lang, variant)
    return layout_files(layout, build_dataset(seed, variant), lang, files_g1, files_g2, files_g3)


def generate(
    out: Path,
    *,
    layout: str,
    lang: str = "en",
    seed: int = 0,
    variant: str | None = None,
    as_zip: bool = True,
) -> Path:
    """Write a synthetic Facebook export; returns the zip or folder path."""
    files = export_files(layout, lang, seed, variant)
    target = writer.target_path(Path(out), "facebook", layout, lang, seed, variant, as_zip)
    return write_export(files, target, as_zip, mojibake=variant == "mojibake")


def expected_settings(
    layout: str, lang: str = "en", variant: str | None = None
) -> dict[str, tuple[Any, str | None, str | None]]:
    """raw key -> (raw value, meaning, normalised value) that a read must report."""
    _check(layout, lang, variant)
    if layout in ("g1", "g2") or variant == "empty":
        return {}
    return {translate(k, lang): (value_in(lang, v), m, n) for k, v, m, n in (*AD_PREFS, *PRIVACY)}


def expected_counts(layout: str, variant: str | None = None) -> dict[str, int]:
    """The counts an audit must find in ``generate(layout=..., variant=...)``.

    logins = logins_and_logouts "Login" actions + account_activity "Login" actions."""
    _check(layout, "en", variant)
    ds = build_dataset(0, variant)
    k = factor(variant)
    empty = variant == "empty"
    rows = [*ds.logins, *ds.logouts, *ds.sessions, *ds.ip_activity, *ds.account_activity]
    events = sum(len(b.events or []) for b in ds.businesses)
    sources = len([b for b in ds.businesses if b.events])
    logins = len(ds.logins) + sum(1 for r in ds.account_activity if r.action == "Login")
    advertisers = (
        len([a for a in ds.advertisers if a[1]]) if layout == "g1" else len(ds.advertisers)
    )
    points = len(_history(ds)) if layout in ("g1", "g2") else len(ds.location)
    return {
        "logins": k * logins,
        "ip_addresses": 0 if empty else len({r.ip for r in rows if r.ip is not None}),
        "off_platform_events": k * k * events,
        "off_platform_sources": 0 if empty else sources,
        "messages": k * sum(len(t.messages) for t in ds.threads),
        "searches": k * len(ds.searches),
        "location_points": k * points,
        "advertisers": 0 if empty else advertisers,
        "followers": 0,
        "following": k * len(ds.following) if layout in ("g3", "g4") else 0,
        "likes": 0,
        "posts": k * len(ds.posts),
    }
