"""Synthetic X / Twitter archives: 2019 root files, 2020 ``data/``, 2022 and split parts.

Structure follows docs/platforms/x.md.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from privacyscope.synth import writer
from privacyscope.synth.persona import PERSONA

LAYOUTS: tuple[str, ...] = ("root-2019", "2020", "2022", "split")
LANGS: tuple[str, ...] = ("en", "nl")
VARIANTS: tuple[str, ...] = ("empty", "missing-keys", "duplicates", "ipv6", "unknown", "broken")
START = datetime(2025, 2, 1, 8, 0, 0, tzinfo=UTC)
ACCOUNT_ID = "1400000000000000001"
IPV6 = ("2a02:a440:1234::1", "2a02:a440:1234::2", "2001:67c:2e8::a")
#: (wrapper, item) data types and their wrapper key
WRAPPERS: dict[str, str] = {
    "account": "account",
    "ip-audit": "ipAudit",
    "account-creation-ip": "accountCreationIp",
    "device-token": "deviceToken",
    "ad-impressions": "ad",
    "ad-engagements": "ad",
    "ad-online-conversions-attributed": "ad",
    "ad-online-conversions-unattributed": "ad",
    "ad-mobile-conversions-attributed": "ad",
    "ad-mobile-conversions-unattributed": "ad",
    "personalization": "p13nData",
    "direct-messages": "dmConversation",
    "direct-messages-group": "dmConversation",
    "direct-message-headers": "dmConversation",
    "direct-message-group-headers": "dmConversation",
    "tweets": "tweet",
    "deleted-tweets": "tweet",
    "like": "like",
    "follower": "follower",
    "following": "following",
    "block": "blocking",
    "saved-search": "savedSearch",
    "protected-history": "protectedHistory",
    "account-timezone": "accountTimezone",
}
CONVERSION_KEYS = {
    "ad-online-conversions-attributed": "attributedOnlineConversions",
    "ad-online-conversions-unattributed": "unattributedOnlineConversions",
    "ad-mobile-conversions-attributed": "attributedMobileAppConversions",
    "ad-mobile-conversions-unattributed": "unattributedMobileAppConversions",
}


@dataclass
class Data:
    items: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


def _t(dt: datetime) -> str:
    return dt.strftime("%Y-%m-%dT%H:%M:%S.000Z")


def _ad_t(dt: datetime) -> str:
    return dt.strftime("%Y-%m-%d %H:%M:%S")


def _tweet_t(dt: datetime) -> str:
    return dt.strftime("%a %b %d %H:%M:%S +0000 %Y")


def _user(r: random.Random) -> str:
    return str(r.randrange(10**17, 10**18))


def build(seed: int, lang: str, variant: str | None) -> Data:
    r = random.Random(seed)
    d = Data()
    it = d.items
    t = START
    ips = [ip for ip in PERSONA.ips if ":" not in ip]
    if variant == "ipv6":
        ips = ips[:3] + list(IPV6)
    it["account"] = [
        {
            "email": PERSONA.email,
            "createdVia": "web",
            "username": PERSONA.username,
            "accountId": ACCOUNT_ID,
            "createdAt": "2019-05-01T10:00:00.000Z",
            "accountDisplayName": PERSONA.display_name,
        }
    ]
    it["ip-audit"] = []
    for i in range(20):
        t += timedelta(hours=r.randint(2, 40))
        it["ip-audit"].append(
            {
                "accountId": ACCOUNT_ID,
                "createdAt": _t(t),
                "loginIp": ips[i % len(ips)],
                "loginPortNumber": str(r.randint(1024, 65000)),
            }
        )
    it["account-creation-ip"] = [{"accountId": ACCOUNT_ID, "userCreationIp": "217.62.0.10"}]
    it["device-token"] = [
        {
            "clientApplicationId": str(258901 + i),
            "token": f"{r.getrandbits(128):032x}",
            "createdAt": _t(START - timedelta(days=100 * i)),
            "lastSeenAt": _t(START),
            "clientApplicationName": name,
        }
        for i, name in enumerate(("X for iPhone", "X for Android", "X Web"))
    ]
    crit_pool = [
        ("List", "Example Shoes customers"),
        ("Website Activity", "Sample Grocer basket"),
        ("Keywords", "running"),
        ("Age", "25 to 34"),
        ("Locations", "Netherlands"),
        ("Languages", "Dutch"),
        ("Follower look-alikes", "@example_shoes"),
    ]
    dev_ids = ("c2FtcGxlLWRldmljZS0x", "c2FtcGxlLWRldmljZS0y")
    for name, count in (("ad-impressions", 15), ("ad-engagements", 4)):
        entries = []
        for i in range(count):
            t += timedelta(hours=r.randint(1, 30))
            adv = PERSONA.advertisers[i % len(PERSONA.advertisers)]
            crit = [{"targetingType": a, "targetingValue": b} for a, b in r.sample(crit_pool, 3)]
            attrs = {
                "deviceInfo": {"osType": "Ios", "deviceId": dev_ids[i % 2]},
                "displayLocation": "TimelineHome",
                "promotedTweetInfo": {"tweetId": _user(r), "tweetText": "Synthetic ad"},
                "advertiserInfo": {
                    "advertiserName": adv,
                    "screenName": "@" + adv.lower().replace(" ", "_"),
                },
                "matchedTargetingCriteria": crit,
                "impressionTime": _ad_t(t),
            }
            entries.append({"impressionAttributes": attrs} if name == "ad-engagements" else attrs)
        key = "adEngagements" if name == "ad-engagements" else "adImpressions"
        lk = "engagements" if name == "ad-engagements" else "impressions"
        it[name] = [{"adsUserData": {key: {lk: entries}}}]
    for name, count in zip(CONVERSION_KEYS, (5, 3, 2, 2), strict=True):
        convs = []
        for i in range(count):
            t += timedelta(hours=r.randint(1, 50))
            c: dict[str, Any] = {
                "eventType": ("PageView", "Purchase", "AddToCart")[i % 3],
                "conversionPlatform": "Desktop" if "online" in name else "iOS",
                "conversionTime": _ad_t(t),
            }
            if "mobile" in name:
                c["applicationName"] = f"Invented Game {i % 2}"
            if name.endswith("-attributed") or "online" in name:
                adv = PERSONA.advertisers[(i + 2) % len(PERSONA.advertisers)]
                c["advertiserInfo"] = {"advertiserName": adv, "screenName": "@x"}
                c["conversionUrl"] = "https://shop.example.com/checkout"
            convs.append(c)
        it[name] = [{"adsUserData": {CONVERSION_KEYS[name]: {"conversions": convs}}}]
    it["personalization"] = [
        {
            "demographics": {
                "languages": [
                    {"language": "Dutch" if lang == "nl" else "English", "isDisabled": False}
                ],
                "genderInfo": {"gender": "female"},
            },
            "interests": {
                "interests": [{"name": n, "isDisabled": False} for n in PERSONA.interests],
                "partnerInterests": [],
                "audienceAndAdvertisers": {
                    "numAudiences": "12",
                    "advertisers": [
                        "@example_shoes",
                        "@fictional_air",
                        "@sample_grocer",
                        "@placeholder_bank",
                    ],
                    "lookalikeAdvertisers": ["@mock_streaming", "@invented_games"],
                },
                "shows": [],
            },
            "locationHistory": [f"{PERSONA.city}, Netherlands"],
            "inferredAgeInfo": {"age": ["25-34"], "birthDate": ""},
        }
    ]
    dms, group = [], []
    for _ in range(3):
        other = _user(r)
        msgs = []
        for _j in range(5):
            t += timedelta(minutes=r.randint(1, 300))
            msgs.append(
                {
                    "messageCreate": {
                        "recipientId": other,
                        "reactions": [],
                        "urls": [],
                        "text": "synthetic message",
                        "mediaUrls": [],
                        "senderId": ACCOUNT_ID,
                        "id": _user(r),
                        "createdAt": _t(t),
                    }
                }
            )
        dms.append({"conversationId": f"{ACCOUNT_ID}-{other}", "messages": msgs})
    for _ in range(2):
        msgs = [
            {
                "joinConversation": {
                    "initiatingUserId": _user(r),
                    "participantsSnapshot": [],
                    "createdAt": _t(t),
                }
            }
        ]
        for _j in range(4):
            t += timedelta(minutes=r.randint(1, 300))
            msgs.append(
                {
                    "messageCreate": {
                        "reactions": [],
                        "urls": [],
                        "text": "group hi",
                        "mediaUrls": [],
                        "senderId": _user(r),
                        "id": _user(r),
                        "createdAt": _t(t),
                    }
                }
            )
        msgs.append({"participantsLeave": {"userIds": [_user(r)], "createdAt": _t(t)}})
        group.append({"conversationId": str(r.getrandbits(60)), "messages": msgs})
    it["direct-messages"] = dms
    it["direct-messages-group"] = group
    it["direct-message-headers"] = [
        {"conversationId": x["conversationId"], "messages": []} for x in dms
    ]
    it["direct-message-group-headers"] = [
        {"conversationId": x["conversationId"], "messages": []} for x in group
    ]
    tw = []
    for i in range(10):
        t += timedelta(hours=r.randint(1, 70))
        tid = _user(r)
        tw.append(
            {
                "id_str": tid,
                "id": tid,
                "full_text": f"Synthetic post {i}",
                "created_at": _tweet_t(t),
                "favorite_count": str(r.randint(0, 40)),
                "lang": lang,
            }
        )
    it["tweets"] = tw
    it["deleted-tweets"] = [
        {
            "id_str": _user(r),
            "full_text": "deleted synthetic post",
            "created_at": _tweet_t(START),
            "deleted_at": _t(t),
        }
        for _ in range(2)
    ]
    it["like"] = [
        {
            "tweetId": _user(r),
            "fullText": f"liked {i}",
            "expandedUrl": f"https://twitter.com/i/web/status/{_user(r)}",
        }
        for i in range(12)
    ]
    it["follower"] = [
        {"accountId": _user(r), "userLink": f"https://twitter.com/intent/user?user_id={_user(r)}"}
        for _ in range(9)
    ]
    it["following"] = [
        {"accountId": _user(r), "userLink": f"https://twitter.com/intent/user?user_id={_user(r)}"}
        for _ in range(11)
    ]
    it["block"] = [{"accountId": _user(r), "userLink": "https://twitter.com/intent/user?user_id=1"}]
    it["saved-search"] = [
        {"savedSearchId": "1", "query": PERSONA.search_terms[0]},
        {"savedSearchId": "2", "query": PERSONA.search_terms[1]},
    ]
    it["protected-history"] = [
        {"protectedAt": "2023-01-01T10:00:00.000Z", "action": "Protect"},
        {"protectedAt": "2024-06-01T10:00:00.000Z", "action": "Unprotect"},
    ]
    it["account-timezone"] = [{"accountId": ACCOUNT_ID, "timeZone": "Amsterdam"}]
    return _apply(d, variant)


def _apply(d: Data, variant: str | None) -> Data:
    it = d.items
    if variant == "empty":
        for k in it:
            it[k] = []
    elif variant == "missing-keys":
        for i, e in enumerate(it["ip-audit"]):
            if i % 4 == 1:
                del e["loginIp"]
            if i % 5 == 2:
                del e["createdAt"]
        convs = it["ad-online-conversions-attributed"][0]["adsUserData"][
            "attributedOnlineConversions"
        ]["conversions"]
        convs[0].pop("advertiserInfo")
        convs[1].pop("advertiserInfo")
        convs[1].pop("conversionUrl")
        for m in it["direct-messages"][0]["messages"][:2]:
            del m["messageCreate"]["createdAt"]
    elif variant == "duplicates":
        it["ip-audit"] = it["ip-audit"] + it["ip-audit"][:6]
        it["like"] = it["like"] + it["like"][:3]
        blk = it["ad-online-conversions-attributed"][0]["adsUserData"][
            "attributedOnlineConversions"
        ]
        blk["conversions"] = blk["conversions"] * 2
    return d


def _wrap(name: str, items: list[dict[str, Any]], layout: str) -> list[dict[str, Any]]:
    wrapper = WRAPPERS.get(name)
    if layout == "root-2019" and not name.startswith("ad-"):
        return items
    return [{wrapper: x} for x in items] if wrapper else items


def _js(ytd: str, part: int, items: list[Any]) -> bytes:
    return (
        f"window.YTD.{ytd}.part{part} = " + json.dumps(items, indent=2, ensure_ascii=False)
    ).encode()


def build_files(layout: str, lang: str, seed: int, variant: str | None) -> dict[str, bytes]:
    d = build(seed, lang, variant)
    prefix = "" if layout == "root-2019" else "data/"
    files: dict[str, bytes] = {}
    for name, items in d.items.items():
        fname = name
        if name == "tweets" and layout in ("root-2019", "2020"):
            fname = "tweet"
        if name == "deleted-tweets" and layout in ("root-2019", "2020"):
            fname = "deleted-tweet"
        wrapped = _wrap(name, items, layout)
        ytd = fname.replace("-", "_")
        if layout == "split" and name in ("tweets", "direct-messages") and len(wrapped) > 1:
            half = len(wrapped) // 2 + 1
            files[f"{prefix}{fname}.js"] = _js(ytd, 0, wrapped[:half])
            files[f"{prefix}{fname}-part1.js"] = _js(ytd, 1, wrapped[half:])
        else:
            files[f"{prefix}{fname}.js"] = _js(ytd, 0, wrapped)
    if layout != "root-2019":
        manifest = {
            "userInfo": {"accountId": ACCOUNT_ID, "userName": PERSONA.username},
            "archiveInfo": {
                "generationDate": "2025-04-01T10:00:00.000Z",
                "isPartialArchive": False,
            },
            "dataTypes": {k: {"files": [{"fileName": f"data/{k}.js"}]} for k in d.items},
        }
        files["data/manifest.js"] = ("window.__THAR_CONFIG = " + json.dumps(manifest)).encode()
        title = "Je archief" if lang == "nl" else "Your archive"
        files["Your archive.html"] = f"<html><title>{title}</title></html>".encode()
        files["data/tweets_media/1-abc.jpg"] = b"\xff\xd8\xff\xe0synthetic"
    if variant == "unknown":
        files[f"{prefix}brand-new-thing.js"] = _js("brand_new_thing", 0, [{"x": {"y": 1}}])
        files[f"{prefix}ip-audit.js"] = _js(
            "ip_audit", 0, [{"ipAuditV2": x} for x in d.items["ip-audit"]]
        )
    if variant == "broken":
        files[f"{prefix}like.js"] = b'window.YTD.like.part0 = [ {"like": {"tweetId": "1"'
    return files


def generate(
    out: Path,
    *,
    layout: str = "2022",
    lang: str = "en",
    seed: int = 0,
    variant: str | None = None,
    as_zip: bool = True,
) -> Path:
    writer.check_options(layout, lang, variant, layouts=LAYOUTS, langs=LANGS, variants=VARIANTS)
    files = build_files(layout, lang, seed, variant)
    target = writer.named_target(out, f"twitter-2025-04-01-{layout}-{lang}", variant, as_zip)
    return writer.write_export(target, files, as_zip)


def expected_counts(
    layout: str, variant: str | None = None, seed: int = 0, lang: str = "en"
) -> dict[str, int]:
    """The exact counts a reader must produce for ``generate(layout=..., variant=...)``."""
    it = build(seed, lang, variant).items
    convs = [
        c
        for name in CONVERSION_KEYS
        for blk in it[name]
        for v in blk["adsUserData"].values()
        for c in v["conversions"]
    ]
    sources = {
        (c.get("advertiserInfo") or {}).get("advertiserName")
        or c.get("applicationName")
        or c.get("conversionUrl")
        for c in convs
    }
    ips = {e["loginIp"] for e in it["ip-audit"] if e.get("loginIp")}
    ips |= {e["userCreationIp"] for e in it["account-creation-ip"]}
    dev = {e["token"] for e in it["device-token"]}
    for name in ("ad-impressions", "ad-engagements"):
        for blk in it[name]:
            for v in blk["adsUserData"].values():
                for e in next(iter(v.values())):
                    dev.add((e.get("impressionAttributes") or e)["deviceInfo"]["deviceId"])
    adv = {
        a
        for p in it["personalization"]
        for a in p["interests"]["audienceAndAdvertisers"]["advertisers"]
    }
    return {
        "logins": len(it["ip-audit"]),
        "ip_addresses": len(ips),
        "watch_history": 0,
        "searches": 0,
        "location_points": 0,
        "messages": sum(
            1
            for conv in it["direct-messages"] + it["direct-messages-group"]
            for m in conv["messages"]
            if "messageCreate" in m
        ),
        "off_platform_events": len(convs),
        "off_platform_sources": len(sources - {None}),
        "device_identifiers": len(dev),
        "likes": 0 if variant == "broken" else len(it["like"]),
        "followers": len(it["follower"]),
        "following": len(it["following"]),
        "posts": len(it["tweets"]),
        "advertisers": len(adv),
    }
