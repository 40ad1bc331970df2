"""Synthetic Instagram exports for tests: every layout (g1-g4), en/nl/de labels, adversarial
variants. All values are invented (the shared persona, example.com addresses).

The generator first builds an abstract :class:`Dataset` (also used by the Facebook generator),
applies the variant to it, then serialises it in the layout's file structure.
``expected_counts`` derives the counts from the same dataset, so they cannot drift apart.

Variants: ``empty`` (every record list emptied), ``missing-keys`` (IP addresses, coordinates and
one business's events omitted), ``duplicates`` (every record list written twice),
``mojibake`` (every string, keys included, written the way Meta writes UTF-8),
``ipv6`` (every IP address IPv6).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from privacyscope.sources.meta_common import to_mojibake, translate
from privacyscope.synth import writer
from privacyscope.synth.persona import PERSONA, rng

LAYOUTS: tuple[str, ...] = ("g1", "g2", "g3", "g4")
LANGS: tuple[str, ...] = ("en", "nl", "de")
VARIANTS: tuple[str | None, ...] = (None, "empty", "missing-keys", "duplicates", "mojibake", "ipv6")
BASE_EPOCH = 1_735_689_600  # 2025-01-01T00:00:00Z
ZIP_DATE = (2025, 1, 1, 0, 0, 0)  # every zip member's date, so the bytes are reproducible

UAS = (
    "Instagram 320.0.0.42.101 (iPhone15,2; iOS 18_3_1; nl_NL; nl-NL; scale=3.00)",
    "Instagram 321.0.0.30.112 Android (34/14; 420dpi; SM-G991B; samsung; nl_NL)",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0",
)


# -------------------------------------------------------------------------------------------
# Abstract dataset


@dataclass
class LoginRow:
    time: int
    ip: str | None
    ua: str
    action: str = "Login"


@dataclass
class Thread:
    folder: str  # inbox | message_requests
    slug: str
    title: str
    participants: list[str]
    messages: list[tuple[int, str, str]]  # (time ms, sender, content)


@dataclass
class Business:
    name: str
    events: list[tuple[int, str, int]] | None  # (id, type, time); None = key omitted


@dataclass
class Dataset:
    seed: int
    variant: str | None
    logins: list[LoginRow]
    logouts: list[LoginRow]
    sessions: list[LoginRow]  # IG G4 profile activity / FB active sessions
    ip_activity: list[LoginRow]  # FB ip_address_activity
    account_activity: list[LoginRow]  # FB account_activity (mixed actions)
    searches: list[tuple[int, str, str]]  # (time, term, method)
    businesses: list[Business]
    location: list[tuple[int, float | None, float | None]]  # last known / history points
    advertisers: list[tuple[str, bool, bool, bool]]  # name, list upload, activity, store visit
    threads: list[Thread]
    followers: list[tuple[int, str]]
    following: list[tuple[int, str]]
    likes: list[tuple[int, str, str]]  # (time, owner, url)
    ads_viewed: list[tuple[int, str]]
    interests: list[str]
    links: list[tuple[int, str, str]]
    posts: list[tuple[int, str]]
    contacts: list[tuple[str, str, str]]
    devices: list[tuple[int, str, str]]  # (time, device id, user agent)
    private: bool = False
    comments_from: str = "Everyone"
    extra: dict[str, Any] = field(default_factory=dict)


def ip_for(i: int, variant: str | None) -> str:
    ips = PERSONA.ips
    if variant == "ipv6":
        return f"2a02:a440:1234::{i % len(ips) + 1:x}"
    return ips[i % len(ips)]


def build_dataset(seed: int, variant: str | None) -> Dataset:
    """The persona's activity, identical in size for every seed (seed only moves times)."""
    r = rng(seed)

    def t(day: int) -> int:
        return BASE_EPOCH + day * 86_400 + r.randint(0, 86_399)

    def login(i: int, ip_index: int, action: str = "Login") -> LoginRow:
        ip: str | None = ip_for(ip_index, variant)
        if variant == "missing-keys" and i % 2 == 0:
            ip = None
        return LoginRow(time=t(10 + i), ip=ip, ua=UAS[i % len(UAS)], action=action)

    p = PERSONA
    terms = [*p.search_terms, "café crème", "Bäckerei Müller", "São Paulo 🌴", "überweisung"]
    searches = [
        (t(20 + i), terms[i % len(terms)], m)
        for i, m in enumerate(["profile"] * 5 + ["keyword"] * 4 + ["hashtag"] * 2)
    ]
    businesses = [
        Business(
            p.advertisers[0],
            [
                (1000 + k, ("PAGE_VIEW", "VIEW_CONTENT", "SEARCH", "PURCHASE")[k], t(30 + k))
                for k in range(4)
            ],
        ),
        Business("Café Exemple SARL", [(2000 + k, "CUSTOM", t(40 + k)) for k in range(2)]),
        Business(p.advertisers[2], [(3000 + k, "PAGE_VIEW", t(50 + k)) for k in range(3)]),
    ]
    if variant == "missing-keys":
        businesses[2] = Business(businesses[2].name, None)
    precise = (52.0907, 5.1214)
    loc: list[tuple[int, float | None, float | None]] = [
        (t(60), None, None) if variant == "missing-keys" else (t(60), *precise)
    ]
    advertisers = [
        (p.advertisers[0], True, True, False),
        (p.advertisers[1], False, True, False),
        ("Bäckerei Beispiel GmbH", True, False, True),
        (p.advertisers[3], False, True, False),
        (p.advertisers[4], False, False, True),
    ]
    f = p.friends
    threads = [
        Thread(
            "inbox",
            f"{f[0]}_1234567890",
            f[0],
            [f[0], p.display_name],
            [
                (t(70 + k) * 1000, (f[0], p.display_name)[k % 2], c)
                for k, c in enumerate(
                    [
                        "Hoi! Zin in koffie?",
                        "Ja, café om 10:00 ☕",
                        "Top 👍",
                        "Tot morgen",
                        "Vergeet je jas niet",
                    ]
                )
            ],
        ),
        Thread(
            "inbox",
            "groupchat_2345678901",
            "Weekend plans",
            [f[1], f[2], p.display_name],
            [
                (t(80 + k) * 1000, (f[1], f[2], p.display_name)[k % 3], c)
                for k, c in enumerate(
                    ["Wie gaat er mee?", "Ik! 🙋", "Prima, zaterdag dan", "Gezellig"]
                )
            ],
        ),
        Thread(
            "message_requests",
            f"{f[3]}_3456789012",
            f[3],
            [f[3], p.display_name],
            [
                (t(90 + k) * 1000, f[3], c)
                for k, c in enumerate(["Hallo, ken ik je?", "Groetjes uit München"])
            ],
        ),
    ]
    return Dataset(
        seed=seed,
        variant=variant,
        logins=[login(i, i % 5) for i in range(6)],
        logouts=[login(6, 5, "Log Out"), login(7, 0, "Log Out")],
        sessions=[login(8, 6, "Session"), login(9, 1, "Session"), login(11, 2, "Session")],
        ip_activity=[login(12, 3, "Login"), login(13, 6, "Login")],
        account_activity=[
            login(14, 0, "Login"),
            login(15, 1, "Session updated"),
            login(16, 4, "Password change"),
            login(17, 6, "Login"),
        ],
        searches=searches,
        businesses=businesses,
        location=loc,
        advertisers=advertisers,
        threads=threads,
        followers=[(t(100 + k), f[k]) for k in range(4)],
        following=[(t(110 + k), f[4 + k]) for k in range(3)],
        likes=[(t(120 + k), f[k], f"https://www.instagram.com/p/SYNTH{k}/") for k in range(3)],
        ads_viewed=[(t(130 + k), p.advertisers[k]) for k in range(3)],
        interests=list(p.interests[:3]),
        links=[
            (t(140 + k), f"https://shop.example.com/item/{k}", f"Example item {k} – sale")
            for k in range(2)
        ],
        posts=[(t(150 + k), c) for k, c in enumerate(["Zomer in Utrecht ☀️", "Nieuwe schoenen"])],
        contacts=[
            ("Alex", "Example", "+31 6 00000001"),
            ("Kim", "Fictional", "kim.fictional@example.com"),
        ],
        devices=[(t(160 + k), f"synthetic-device-{k:04d}", UAS[k]) for k in range(2)],
    )


def listed(ds: Dataset, xs: list[Any]) -> list[Any]:
    """A record list as the variant writes it."""
    if ds.variant == "empty":
        return []
    if ds.variant == "duplicates":
        return list(xs) + list(xs)
    return list(xs)


def factor(variant: str | None) -> int:
    return {"empty": 0, "duplicates": 2}.get(variant or "", 1)


def iso(epoch: int) -> str:
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%dT%H:%M:%S+00:00")


# -------------------------------------------------------------------------------------------
# Meta record shapes


def sm(
    lang: str, title: str, fields: dict[str, tuple[str | None, int]], drop_none: bool = True
) -> dict[str, Any]:
    """A string-map record. ``fields``: canonical label -> (value, timestamp)."""
    data: dict[str, Any] = {}
    for label, (value, ts) in fields.items():
        if value is None and ts == 0 and drop_none:
            continue
        entry: dict[str, Any] = {"timestamp": ts}
        if value is not None:
            entry = {"value": value, "timestamp": ts}
        data[translate(label, lang)] = entry
    return {"title": title, "media_map_data": {}, "string_map_data": data}


def sl(title: str, items: list[tuple[str | None, str | None, int]]) -> dict[str, Any]:
    """A string-list record: items (href, value, timestamp)."""
    out = []
    for href, value, ts in items:
        e: dict[str, Any] = {}
        if href is not None:
            e["href"] = href
        if value is not None:
            e["value"] = value
        e["timestamp"] = ts
        out.append(e)
    return {"title": title, "media_list_data": [], "string_list_data": out}


def lv(
    lang: str, ts: int | None, items: list[tuple[str, str, Any]], title: str | None = None
) -> dict[str, Any]:
    """A label_values record: items (canonical label, kind, value) with kind in
    value | href | timestamp_value | vec."""
    rec: dict[str, Any] = {}
    if ts is not None:
        rec["timestamp"] = ts
    rec["media"] = []
    rec["label_values"] = [
        {"label": translate(label, lang), kind: value} for label, kind, value in items
    ]
    rec["fbid"] = "1234567890123456"
    if title is not None:
        rec["title"] = title
    return rec


def thread_json(ds: Dataset, th: Thread) -> dict[str, Any]:
    return {
        "participants": [{"name": n} for n in th.participants],
        "messages": [
            {"sender_name": s, "timestamp_ms": ms, "content": c}
            for ms, s, c in listed(ds, sorted(th.messages, reverse=True))
        ],
        "title": th.title,
        "is_still_participant": True,
        "thread_path": f"{th.folder}/{th.slug}",
    }


def off_meta_dict(ds: Dataset, key: str, with_ids: bool = True) -> dict[str, Any]:
    out = []
    for b in listed(ds, ds.businesses):
        item: dict[str, Any] = {"name": b.name}
        if b.events is not None:
            item["events"] = [
                (
                    {"id": i, "type": typ, "timestamp": ts}
                    if with_ids
                    else {"type": typ, "timestamp": ts}
                )
                for i, typ, ts in listed(ds, b.events)
            ]
        out.append(item)
    return {key: out}


def off_meta_list(ds: Dataset, lang: str) -> list[dict[str, Any]]:
    out = []
    for b in listed(ds, ds.businesses):
        items: list[tuple[str, str, Any]] = []
        if b.events is not None:
            vec = [
                {
                    "dict": [
                        {"label": translate("ID", lang), "value": str(i)},
                        {"label": translate("Event", lang), "value": typ},
                        {"label": translate("Received on", lang), "timestamp_value": ts},
                    ]
                }
                for i, typ, ts in listed(ds, b.events)
            ]
            items.append(("Events", "vec", vec))
        out.append(lv(lang, None, items, title=b.name))
    return out


REASONS = (
    "Advertisers who uploaded a list with your information",
    "Advertisers using your activity on their websites or apps",
    "Advertisers who matched you to an in-person store visit",
)


def advertisers_lv(ds: Dataset, lang: str) -> dict[str, Any]:
    items = []
    for idx, reason in enumerate(REASONS):
        names = [a[0] for a in listed(ds, ds.advertisers) if a[1 + idx]]
        items.append({"label": translate(reason, lang), "vec": [{"value": n} for n in names]})
    return {"label_values": items}


def advertisers_flags(ds: Dataset, key: str) -> dict[str, Any]:
    return {
        key: [
            {
                "advertiser_name": n,
                "has_data_file_custom_audience": a,
                "has_remarketing_custom_audience": b,
                "has_in_person_store_visit": c,
            }
            for n, a, b, c in listed(ds, ds.advertisers)
        ]
    }


def value_in(lang: str, english: str) -> str:
    table = {
        "nl": {
            "Everyone": "Iedereen",
            "Friends": "Vrienden",
            "Only me": "Alleen ik",
            "Public": "Openbaar",
            "On": "Aan",
            "Off": "Uit",
            "No": "Nee",
        },
        "de": {
            "Everyone": "Alle",
            "Friends": "Freunde",
            "Only me": "Nur ich",
            "Public": "Öffentlich",
            "On": "An",
            "Off": "Aus",
            "No": "Nein",
        },
    }
    return table.get(lang, {}).get(english, english)


# -------------------------------------------------------------------------------------------
# Layouts


def _searches_sm(ds: Dataset, lang: str, method: str, key: str) -> dict[str, Any]:
    return {
        key: [
            sm(lang, "", {"Search": (term, 0), "Time": (None, ts)})
            for ts, term, m in listed(ds, ds.searches)
            if m == method
        ]
    }


def _searches_lv(ds: Dataset, lang: str, method: str) -> list[dict[str, Any]]:
    return [
        lv(lang, ts, [("Search", "value", term), ("Time", "timestamp_value", ts)])
        for ts, term, m in listed(ds, ds.searches)
        if m == method
    ]


def _login_sm(
    ds: Dataset, lang: str, rows: list[LoginRow], key: str, port: bool = False
) -> dict[str, Any]:
    out = []
    for row in listed(ds, rows):
        fields: dict[str, tuple[str | None, int]] = {
            "Cookie Name": ("synthcookie" + str(row.time % 997), 0),
            "IP Address": (row.ip, 0),
            "Language Code": ("nl", 0),
            "Time": (None, row.time),
            "User Agent": (row.ua, 0),
        }
        if port:
            fields["Port"] = ("443", 0)
        out.append(sm(lang, iso(row.time), fields))
    return {key: out}


def _profile_sm(ds: Dataset, lang: str) -> dict[str, Any]:
    p = PERSONA
    return {
        "profile_user": listed(
            ds,
            [
                sm(
                    lang,
                    "",
                    {
                        "Email": (p.email, 0),
                        "Phone Number": (p.phone, 0),
                        "Username": (p.username, 0),
                        "Name": (p.display_name, 0),
                        "Bio": ("Koffie ☕ en hardlopen – Utrecht", 0),
                        "Gender": ("Non-binary", 0),
                        "Date of birth": (p.birth_date, 0),
                        "Private Account": (str(ds.private), 0),
                    },
                )
            ],
        )
    }


def _comments_sm(ds: Dataset, lang: str) -> dict[str, Any]:
    return {
        "settings_allow_comments_from": listed(
            ds, [sm(lang, "", {"Comments Allowed From": (value_in(lang, ds.comments_from), 0)})]
        )
    }


def _followers_sm(ds: Dataset, rows: list[tuple[int, str]]) -> list[dict[str, Any]]:
    return [sl("", [(f"https://www.instagram.com/{n}", n, ts)]) for ts, n in listed(ds, rows)]


def _signup_sm(ds: Dataset, lang: str) -> dict[str, Any]:
    p = PERSONA
    return {
        "account_history_registration_info": [
            sm(
                lang,
                "",
                {
                    "Username": (p.username, 0),
                    "IP Address": (ip_for(0, ds.variant), 0),
                    "Time": (None, BASE_EPOCH - 400 * 86_400),
                    "Email": (p.email, 0),
                    "Phone Number": (p.phone, 0),
                    "Device": ("iPhone15,2", 0),
                },
            )
        ]
    }


def _last_location(ds: Dataset, lang: str) -> dict[str, Any]:
    recs = []
    for ts, lat, lon in listed(ds, ds.location):
        fields: dict[str, tuple[str | None, int]] = {
            "Imprecise Latitude": ("52.09", 0),
            "Imprecise Longitude": ("5.12", 0),
        }
        if lat is not None and lon is not None:
            fields["Precise Latitude"] = (f"{lat}", 0)
            fields["Precise Longitude"] = (f"{lon}", 0)
        fields["GPS Time Uploaded"] = (None, ts)
        recs.append(sm(lang, "", fields))
    return {"account_history_imprecise_last_known_location": recs}


def _messages(ds: Dataset, root: str) -> dict[str, Any]:
    return {
        f"{root}messages/{th.folder}/{th.slug}/message_1.json": thread_json(ds, th)
        for th in ds.threads
    }


def _posts(ds: Dataset) -> list[dict[str, Any]]:
    return [
        {
            "media": [
                {
                    "uri": f"media/posts/202501/synthetic_{k}.jpg",
                    "creation_timestamp": ts,
                    "title": cap,
                }
            ],
            "title": cap,
            "creation_timestamp": ts,
        }
        for k, (ts, cap) in enumerate(listed(ds, ds.posts))
    ]


def files_g1(ds: Dataset, lang: str) -> dict[str, Any]:
    p = PERSONA
    login_rows = []
    for row in listed(ds, ds.logins):
        r: dict[str, Any] = {
            "cookie_name": "synthcookie",
            "language_code": "nl",
            "timestamp": iso(row.time),
            "user_agent": row.ua,
        }
        if row.ip is not None:
            r["ip_address"] = row.ip
        login_rows.append(r)
    logout_rows = []
    for row in listed(ds, ds.logouts):
        r = {"timestamp": iso(row.time), "user_agent": row.ua}
        if row.ip is not None:
            r["ip_address"] = row.ip
        logout_rows.append(r)
    threads = [
        {
            "participants": th.participants,
            "conversation": [
                {"sender": s, "created_at": iso(ms // 1000), "text": c}
                for ms, s, c in listed(ds, th.messages)
            ],
        }
        for th in ds.threads
    ]
    return {
        "profile.json": {
            "biography": "Koffie ☕ en hardlopen – Utrecht",
            "date_joined": iso(BASE_EPOCH - 9_000_000),
            "email": p.email,
            "gender": "non-binary",
            "is_business_account": False,
            "private_account": ds.private,
            "name": p.display_name,
            "phone_number": p.phone,
            "username": p.username,
            "date_of_birth": p.birth_date,
        },
        "settings.json": {
            "allow_comments_from": ds.comments_from,
            "filtered_keywords": [],
            "blocked_commenters": [],
        },
        "account_history.json": {
            "login_history": login_rows,
            "logout_history": logout_rows,
            "registration_info": {
                "registration_username": p.username,
                "ip_address": ip_for(0, ds.variant),
                "registration_timestamp": iso(BASE_EPOCH - 9_000_000),
                "registration_email": p.email,
                "registration_phone_number": p.phone,
                "device_name": "iPhone15,2",
            },
            "password_change_history": [],
        },
        "connections.json": {
            "followers": {n: iso(ts) for ts, n in listed(ds, ds.followers)},
            "following": {n: iso(ts) for ts, n in listed(ds, ds.following)},
            "blocked_users": {},
        },
        "searches.json": [
            {"search_click": term, "time": iso(ts), "type": {"profile": "user"}.get(m, m)}
            for ts, term, m in listed(ds, ds.searches)
        ],
        "likes.json": {
            "media_likes": [[iso(ts), who] for ts, who, _u in listed(ds, ds.likes)],
            "comment_likes": [],
        },
        "media.json": {
            "photos": [
                {"caption": cap, "taken_at": iso(ts), "path": f"photos/202501/synthetic_{k}.jpg"}
                for k, (ts, cap) in enumerate(listed(ds, ds.posts))
            ],
            "videos": [],
            "stories": [],
        },
        "messages.json": threads,
        "devices.json": {
            "devices": [
                {"device_id": d, "last_login": iso(ts), "user_agent": ua}
                for ts, d, ua in listed(ds, ds.devices)
            ]
        },
        "seen_content.json": {
            "ads_seen": [
                {"timestamp": iso(ts), "author": a} for ts, a in listed(ds, ds.ads_viewed)
            ],
            "posts_seen": [],
            "videos_watched": [],
            "chaining_seen": [],
        },
        "uploaded_contacts.json": [
            {"first_name": a, "last_name": b, "contact": c} for a, b, c in listed(ds, ds.contacts)
        ],
        "information_about_you.json": {"primary_location": {"city_name": p.city}},
    }


def files_g2(ds: Dataset, lang: str) -> dict[str, Any]:
    out: dict[str, Any] = {
        "account_information/personal_information.json": _profile_sm(ds, lang),
        "comments_settings/comments_allowed_from.json": _comments_sm(ds, lang),
        "login_and_account_creation/login_activity.json": _login_sm(
            ds, lang, ds.logins, "account_history_login_history"
        ),
        "login_and_account_creation/logout_activity.json": _login_sm(
            ds, lang, ds.logouts, "account_history_logout_history"
        ),
        "login_and_account_creation/signup_information.json": _signup_sm(ds, lang),
        "information_about_you/account_based_in.json": {
            "inferred_data_primary_location": [sm(lang, "", {"City Name": (PERSONA.city, 0)})]
        },
        "device_information/devices.json": {
            "devices_devices": [
                sm(lang, "", {"User Agent": (ua, 0), "Last Login": (None, ts)})
                for ts, _d, ua in listed(ds, ds.devices)
            ]
        },
        "followers_and_following/followers.json": {
            "relationships_followers": _followers_sm(ds, ds.followers)
        },
        "followers_and_following/following.json": {
            "relationships_following": _followers_sm(ds, ds.following)
        },
        "recent_searches/account_searches.json": _searches_sm(ds, lang, "profile", "searches_user"),
        "recent_searches/word_or_phrase_searches.json": _searches_sm(
            ds, lang, "keyword", "searches_keyword"
        ),
        "recent_searches/tag_searches.json": _searches_sm(ds, lang, "hashtag", "searches_hashtag"),
        "your_topics/your_topics.json": {
            "topics_your_topics": [sm(lang, "", {"Name": (n, 0)}) for n in listed(ds, ds.interests)]
        },
        "ads_and_businesses/advertisers_using_your_activity_or_information.json": advertisers_flags(
            ds, "ig_custom_audiences_all_types"
        ),
        "ads_and_content/ads_viewed.json": {
            "impressions_history_ads_seen": [
                sm(lang, "", {"Author": (a, 0), "Time": (None, ts)})
                for ts, a in listed(ds, ds.ads_viewed)
            ]
        },
        "likes/liked_posts.json": {
            "likes_media_likes": [
                sl(who, [(url, "👍", ts)]) for ts, who, url in listed(ds, ds.likes)
            ]
        },
        "content/posts_1.json": _posts(ds),
    }
    out.update(_messages(ds, ""))
    return out


def files_g3(ds: Dataset, lang: str, g4: bool = False) -> dict[str, Any]:
    sec = "security_and_login_information/login_and_" + (
        "profile_creation/" if g4 else "account_creation/"
    )
    ads = "ads_information/"
    out: dict[str, Any] = {
        "personal_information/personal_information/personal_information.json": _profile_sm(
            ds, lang
        ),
        "personal_information/information_about_you/profile_based_in.json": {
            "inferred_data_primary_location": [sm(lang, "", {"City Name": (PERSONA.city, 0)})]
        },
        "personal_information/device_information/devices.json": {
            "devices_devices": [
                sm(lang, "", {"User Agent": (ua, 0), "Last Login": (None, ts)})
                for ts, _d, ua in listed(ds, ds.devices)
            ]
        },
        "personal_information/device_information/camera_information.json": {
            "devices_camera": [
                sm(lang, "", {"Device ID": (d, 0)}) for _ts, d, _ua in listed(ds, ds.devices)
            ]
        },
        sec + "login_activity.json": _login_sm(
            ds, lang, ds.logins, "account_history_login_history", port=g4
        ),
        sec + "logout_activity.json": _login_sm(
            ds, lang, ds.logouts, "account_history_logout_history", port=g4
        ),
        sec + "signup_details.json": _signup_sm(ds, lang),
        sec + "last_known_location.json": _last_location(ds, lang),
        "connections/followers_and_following/following.json": {
            "relationships_following": _followers_sm(ds, ds.following)
        },
        "connections/contacts/synced_contacts.json": {
            "contacts_contact_info": [
                sm(
                    lang,
                    "",
                    {"First name": (a, 0), "Surname": (b, 0), "Contact information": (c, 0)},
                )
                for a, b, c in listed(ds, ds.contacts)
            ]
        },
        "logged_information/link_history/link_history.json": [
            lv(
                lang,
                ts,
                [
                    ("Website link you visited", "href", url),
                    ("Title of website page you visited", "value", title),
                    ("Website session start time", "timestamp_value", ts),
                ],
            )
            for ts, url, title in listed(ds, ds.links)
        ],
        ads + "instagram_ads_and_businesses/other_categories_used_to_reach_you.json": {
            "label_values": [
                {"label": translate("Name", lang), "vec": [{"value": "Frequent travellers"}]}
            ]
        },
        "preferences/your_topics/your_topics.json": {
            "topics_your_topics": [sm(lang, "", {"Name": (n, 0)}) for n in listed(ds, ds.interests)]
        },
        "preferences/settings/comments_allowed_from.json": _comments_sm(ds, lang),
        "your_instagram_activity/content/posts_1.json": _posts(ds),
    }
    off = "apps_and_websites_off_of_instagram/apps_and_websites/"
    if g4:
        out[sec + "profile_activity.json"] = [
            lv(
                lang,
                row.time,
                [
                    ("IP Address", "value", row.ip),
                    ("Port number", "value", "443"),
                    ("User Agent", "value", row.ua),
                    ("Language", "value", "nl"),
                    ("App", "value", "Instagram"),
                    ("Device ID", "value", f"synthetic-device-{k:04d}"),
                ]
                if row.ip is not None
                else [
                    ("Port number", "value", "443"),
                    ("User Agent", "value", row.ua),
                    ("Language", "value", "nl"),
                    ("App", "value", "Instagram"),
                    ("Device ID", "value", f"synthetic-device-{k:04d}"),
                ],
            )
            for k, row in enumerate(listed(ds, ds.sessions))
        ]
        out["connections/followers_and_following/followers_1.json"] = _followers_sm(
            ds, ds.followers
        )
        for method, name in (
            ("profile", "profile_searches.json"),
            ("keyword", "word_or_phrase_searches.json"),
            ("hashtag", "tag_searches.json"),
        ):
            out["logged_information/recent_searches/" + name] = _searches_lv(ds, lang, method)
        out[ads + "ads_and_topics/ads_viewed.json"] = [
            lv(lang, ts, [("Author", "value", a), ("Time", "timestamp_value", ts)])
            for ts, a in listed(ds, ds.ads_viewed)
        ]
        out[
            ads + "instagram_ads_and_businesses/advertisers_using_your_activity_or_information.json"
        ] = advertisers_lv(ds, lang)
        out[off + "your_activity_off_meta_technologies.json"] = off_meta_list(ds, lang)
        out["your_instagram_activity/likes/liked_posts.json"] = [
            lv(
                lang,
                ts,
                [("Username", "value", who), ("URL", "href", url), ("Time", "timestamp_value", ts)],
            )
            for ts, who, url in listed(ds, ds.likes)
        ]
    else:
        out["connections/followers_and_following/followers_1.json"] = _followers_sm(
            ds, ds.followers
        )
        out["logged_information/recent_searches/profile_searches.json"] = _searches_sm(
            ds, lang, "profile", "searches_user"
        )
        out["logged_information/recent_searches/word_or_phrase_searches.json"] = _searches_sm(
            ds, lang, "keyword", "searches_keyword"
        )
        out["logged_information/recent_searches/tag_searches.json"] = _searches_sm(
            ds, lang, "hashtag", "searches_hashtag"
        )
        out[ads + "ads_and_topics/ads_viewed.json"] = {
            "impressions_history_ads_seen": [
                sm(lang, "", {"Author": (a, 0), "Time": (None, ts)})
                for ts, a in listed(ds, ds.ads_viewed)
            ]
        }
        out[
            ads + "instagram_ads_and_businesses/advertisers_using_your_activity_or_information.json"
        ] = advertisers_flags(ds, "ig_custom_audiences_all_types")
        out[off + "your_activity_off_meta_technologies.json"] = off_meta_dict(
            ds, "apps_and_websites_off_meta_activity"
        )
        out["your_instagram_activity/likes/liked_posts.json"] = {
            "likes_media_likes": [
                sl(who, [(url, "👍", ts)]) for ts, who, url in listed(ds, ds.likes)
            ]
        }
    out.update(_messages(ds, "your_instagram_activity/"))
    return out


def layout_files(
    layout: str,
    ds: Dataset,
    lang: str,
    g1: Callable[[Dataset, str], dict[str, Any]],
    g2: Callable[[Dataset, str], dict[str, Any]],
    g3: Callable[[Dataset, str, bool], dict[str, Any]],
) -> dict[str, Any]:
    """The files of a Meta ``layout``: g1 and g2 have their own structure, g4 is g3 plus more."""
    if layout == "g1":
        return g1(ds, lang)
    if layout == "g2":
        return g2(ds, lang)
    return g3(ds, lang, layout == "g4")


def export_files(layout: str, lang: str, seed: int, variant: str | None) -> dict[str, Any]:
    """path inside the export -> JSON value."""
    _check(layout, lang, variant)
    return layout_files(layout, build_dataset(seed, variant), lang, files_g1, files_g2, files_g3)


def _check(layout: str, lang: str, variant: str | None) -> None:
    writer.check_options(layout, lang, variant, layouts=LAYOUTS, langs=LANGS, variants=VARIANTS)


# -------------------------------------------------------------------------------------------
# Writing


def encode(value: Any, mojibake: bool) -> bytes:
    if mojibake:
        # Meta's own encoding: every UTF-8 byte as a \u00XX escape
        return json.dumps(to_mojibake(value), ensure_ascii=True, indent=2).encode("ascii")
    return json.dumps(value, ensure_ascii=False, indent=2).encode("utf-8")


def write_export(files: dict[str, Any], target: Path, as_zip: bool, mojibake: bool) -> Path:
    """Write ``files`` as a zip (fixed member dates, sorted) or a folder at ``target``."""
    blobs = {name: encode(files[name], mojibake) for name in sorted(files)}
    return writer.write_export(target, blobs, as_zip, date_time=ZIP_DATE)


def generate(
    out: Path,
    *,
    layout: str,
    lang: str = "en",
    seed: int = 0,
    variant: str | None = None,
    as_zip: bool = True,
) -> Path:
    """Write a synthetic Instagram export; returns the zip or folder path."""
    files = export_files(layout, lang, seed, variant)
    target = writer.target_path(Path(out), "instagram", layout, lang, seed, variant, as_zip)
    return write_export(files, target, as_zip, mojibake=variant == "mojibake")


def expected_settings(
    layout: str, lang: str = "en", variant: str | None = None
) -> dict[str, tuple[Any, str | None, str | None]]:
    """raw key -> (raw value, meaning, normalised value) that a read must report."""
    _check(layout, lang, variant)
    ds = build_dataset(0, variant)
    if layout == "g1":
        return {
            "private_account": (ds.private, "account_private", "on" if ds.private else "off"),
            "allow_comments_from": (ds.comments_from, "comments", "everyone"),
            "filtered_keywords": ([], None, None),
            "blocked_commenters": ([], None, None),
        }
    if variant == "empty":
        return {}
    key = translate("Private Account", lang)
    com = translate("Comments Allowed From", lang)
    if variant == "mojibake":
        pass  # the reader repairs keys and values
    return {
        key: (str(ds.private), "account_private", "on" if ds.private else "off"),
        com: (value_in(lang, ds.comments_from), "comments", "everyone"),
    }


def expected_counts(layout: str, variant: str | None = None) -> dict[str, int]:
    """The counts an audit must find in ``generate(layout=..., variant=...)``."""
    _check(layout, "en", variant)
    ds = build_dataset(0, variant)
    k = factor(variant)
    empty = variant == "empty"
    logins = [*ds.logins, *ds.logouts] + (ds.sessions if layout == "g4" else [])
    has_off = layout in ("g3", "g4")
    events = sum(len(b.events or []) for b in ds.businesses)
    sources = len([b for b in ds.businesses if b.events])
    return {
        "logins": k * len(ds.logins),
        "ip_addresses": 0 if empty else len({r.ip for r in logins if r.ip is not None}),
        "off_platform_events": k * k * events if has_off else 0,
        "off_platform_sources": 0 if empty or not has_off else sources,
        "messages": k * sum(len(t.messages) for t in ds.threads),
        "searches": k * len(ds.searches),
        "location_points": k * len(ds.location) if layout in ("g3", "g4") else 0,
        "advertisers": 0 if empty or layout == "g1" else len(ds.advertisers),
        "followers": (1 if layout == "g1" and variant == "duplicates" else k) * len(ds.followers),
        "following": (1 if layout == "g1" and variant == "duplicates" else k) * len(ds.following),
        "likes": k * len(ds.likes),
        "posts": k * len(ds.posts),
    }


__all__ = ["LANGS", "LAYOUTS", "VARIANTS", "expected_counts", "expected_settings", "generate"]
