"""Synthetic TikTok exports in every layout (G1, G2, US, G3, G4, TXT), with adversarial variants.

Used by ``privacyscope demo``, ``privacyscope generate`` and the tests. Values are invented
(see :mod:`privacyscope.synth.persona`); structure follows docs/platforms/tiktok.md.
``expected_counts`` gives the exact JSON ``counts`` an audit must report for a generated export.
"""

from __future__ import annotations

import copy
import json
import random
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from privacyscope.synth.persona import PERSONA

LAYOUTS: tuple[str, ...] = ("g1", "g2", "us", "g3", "g4", "txt")
LANGS: tuple[str, ...] = ("en", "nl")
VARIANTS: tuple[str, ...] = (
    "empty",
    "missing-keys",
    "duplicates",
    "ipv6",
    "na",
    "unknown",
    "private",
    "status-object",
)
ZERO_UUID = "00000000-0000-0000-0000-000000000000"
START = datetime(2025, 3, 1, 6, 0, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Sizes:
    logins: int = 37
    watch: int = 120
    searches: int = 15
    likes: int = 40
    favorites: int = 6
    followers: int = 9
    following: int = 12
    blocks: int = 2
    shares: int = 5
    off_events: int = 48
    comments: int = 4


#: every list long enough (64 records or more) for the column-wise readers' fast paths
LONG_LISTS = Sizes(
    logins=300,
    watch=700,
    searches=90,
    likes=150,
    favorites=70,
    followers=80,
    following=90,
    blocks=65,
    shares=70,
    off_events=200,
    comments=4,
)


def _ts(dt: datetime) -> str:
    return dt.strftime("%Y-%m-%d %H:%M:%S")


def _video(r: random.Random) -> str:
    return f"https://www.tiktokv.com/share/video/{r.randrange(7 * 10**18, 8 * 10**18)}/"


@dataclass
class Data:
    """Canonical (G3-style keys) record lists; layouts re-key and re-place them."""

    logins: list[dict[str, Any]]
    status: list[dict[str, Any]]
    watch: list[dict[str, Any]]
    searches: list[dict[str, Any]]
    likes: list[dict[str, Any]]
    favorites: list[dict[str, Any]]
    followers: list[dict[str, Any]]
    following: list[dict[str, Any]]
    blocks: list[dict[str, Any]]
    shares: list[dict[str, Any]]
    off: list[dict[str, Any]]
    comments: list[dict[str, Any]]
    chats: dict[str, list[dict[str, Any]]]
    group_chat: dict[str, list[dict[str, Any]]]
    ai_chat: list[dict[str, Any]]
    posts: list[dict[str, Any]]
    deleted: list[dict[str, Any]]
    reviews: list[dict[str, Any]]
    settings: dict[str, Any]
    profile: dict[str, Any]
    autofill: dict[str, Any]
    location: dict[str, Any]
    gifts: list[dict[str, Any]]
    coins: list[dict[str, Any]]
    partners: dict[str, Any]
    ads_visits: list[dict[str, Any]]


def build_data(seed: int = 0, sizes: Sizes | None = None) -> Data:
    s = sizes or Sizes()
    r = random.Random(seed)
    p = PERSONA
    t = START

    def step(lo: int, hi: int) -> datetime:
        nonlocal t
        t += timedelta(seconds=r.randint(lo, hi))
        return t

    logins = []
    for _ in range(s.logins):
        model, system = r.choice(p.devices)
        logins.append(
            {
                "Date": _ts(step(3600, 5 * 86400)),
                "IP": r.choice(p.ips[:4] + p.ips[5:]),
                "DeviceModel": model,
                "DeviceSystem": system,
                "NetworkType": r.choice(["Wi-Fi", "4G", "Wi-Fi", "5G"]),
                "Carrier": r.choice(["", "KPN"]),
            }
        )
    logins.reverse()  # newest first, as TikTok lists them
    status = [
        {
            "Resolution": "1179*2556",
            "App Version": "38.2.0",
            "IDFA": "6F1B3C2A-9D4E-4B7F-8A21-3C5D7E9F1A2B",
            "GAID": "",
            "Android ID": "",
            "IDFV": "A1B2C3D4-E5F6-4711-8899-AABBCCDDEEFF",
            "Web ID": "",
        },
        {
            "Resolution": "1080*2400",
            "App Version": "37.9.4",
            "IDFA": "",
            "GAID": ZERO_UUID,
            "Android ID": "9f8e7d6c5b4a3921",
            "IDFV": "",
            "Web ID": "",
        },
        {
            "Resolution": "1920x1080",
            "App Version": "",
            "IDFA": "",
            "GAID": "",
            "Android ID": "",
            "IDFV": "",
            "Web ID": "7391827364519283746",
        },
    ]
    t = START
    watch: list[dict[str, Any]] = []
    while len(watch) < s.watch:  # sessions of short views separated by long gaps
        step(3 * 3600, 20 * 3600)
        for _ in range(min(r.randint(5, 25), s.watch - len(watch))):
            watch.append({"Date": _ts(step(8, 90)), "Link": _video(r)})
    watch.reverse()
    t = START
    searches = [
        {"Date": _ts(step(3600, 86400 * 4)), "SearchTerm": p.search_terms[i % len(p.search_terms)]}
        for i in range(s.searches)
    ]
    t = START
    likes = [{"date": _ts(step(600, 86400)), "link": _video(r)} for _ in range(s.likes)]
    favorites = [{"Date": _ts(step(600, 86400 * 3)), "Link": _video(r)} for _ in range(s.favorites)]
    users = [f"user_{r.randrange(10**6):06d}" for _ in range(s.followers + s.following + s.blocks)]
    followers = [{"Date": _ts(step(3600, 86400 * 5)), "UserName": u} for u in users[: s.followers]]
    following = [
        {"Date": _ts(step(3600, 86400 * 5)), "UserName": u}
        for u in users[s.followers : s.followers + s.following]
    ]
    blocks = [
        {"Date": _ts(step(3600, 86400 * 9)), "UserName": u}
        for u in users[s.followers + s.following :]
    ]
    shares = [
        {
            "Date": _ts(step(3600, 86400 * 6)),
            "SharedContent": "video",
            "Link": _video(r),
            "Method": r.choice(["chat_head", "whatsapp", "copy", "sms"]),
        }
        for _ in range(s.shares)
    ]
    t = START
    sources = [
        "Example Shoes BV",
        "shop.example.com",
        "1234567890",
        "Fictional Airlines",
        "9876543210",
        "sample-grocer.example",
    ]
    events = [
        "Pageview",
        "ViewContent",
        "AddToCart",
        "Checkout",
        "Purchase",
        "InstallApp",
        "LaunchAPP",
        "CompletePayment",
    ]
    off = [
        {
            "TimeStamp": _ts(step(1800, 86400 * 2)),
            "Source": sources[i % len(sources)],
            "Event": events[(i * 7 + i // 6) % len(events)],
        }
        for i in range(s.off_events)
    ]
    t = START
    comments = [
        {"date": _ts(step(3600, 86400 * 7)), "comment": c, "photo": "N/A", "url": ""}
        for c in ["nice!", "where is this?", "😂😂", "<b>bold</b> & 'quoted'"][: s.comments]
    ]
    t = START
    chats: dict[str, list[dict[str, Any]]] = {}
    for friend, n in (("alex_example", 5), ("kim.fictional", 3), ("noor_sample", 2)):
        msgs = []
        for i in range(n):
            sender = p.username if i % 2 else friend
            msgs.append(
                {
                    "Date": _ts(step(60, 7200)),
                    "From": sender,
                    "Content": f"message {i} about the weekend",
                }
            )
        chats[f"Chat History with {friend}:"] = msgs
    chats["Chat History with alex_example:"].append(
        {
            "Date": _ts(step(60, 600)),
            "From": "alex_example",
            "Content": "<script>alert('dm')</script><img src=x onerror=alert(1)>",
        }
    )
    group = {
        "Group Chat with weekend crew:": [
            {"Date": _ts(step(60, 600)), "From": "lee_dummy", "Content": "who is in?"},
            {"Date": _ts(step(60, 600)), "From": p.username, "Content": "me"},
            {"Date": _ts(step(60, 600)), "From": "ria_mock", "Content": "same"},
        ]
    }
    ai = [
        {
            "Chat Title": "Recipe ideas",
            "Messages": [
                {
                    "Date": _ts(step(60, 600)) + " UTC",
                    "Content": {"role": "user", "text": "pasta ideas?"},
                },
                {
                    "Date": _ts(step(5, 60)) + " UTC",
                    "Content": {"role": "assistant", "text": "try pesto"},
                },
            ],
        }
    ]
    t = START
    posts = []
    for i, (vis, loc) in enumerate(
        [
            ("Everyone", "Utrecht Centraal"),
            ("Everyone", "Vondelpark"),
            ("Everyone", ""),
            ("Friends", "Home sweet home"),
            ("Only You", ""),
        ]
    ):
        posts.append(
            {
                "Date": _ts(step(86400, 86400 * 9)),
                "Link": _video(r),
                "Likes": str(r.randint(0, 300)),
                "WhoCanView": vis,
                "AllowComments": "Yes",
                "AllowStitches": "Yes",
                "AllowDuets": "Yes" if i % 2 == 0 else "No",
                "AllowStickers": "Yes",
                "AllowSharingToStory": "Yes",
                "ContentDisclosure": "",
                "AIGeneratedContent": "No",
                "Sound": "original sound",
                "Location": loc,
                "Title": f"post number {i}",
                "AddYoursText": "",
            }
        )
    deleted = [
        dict(posts[0], Link=_video(r), Title="deleted post", DateDeleted=_ts(step(3600, 86400)))
    ]
    reviews = [
        {
            "PlaceName": "Cafe Placeholder",
            "Date": _ts(step(3600, 86400)),
            "Rating": "4/5",
            "Status": "Published",
            "Likes": "2",
            "ReviewText": "good coffee",
        }
    ]
    settings = {
        "Allow DownLoad": "Everyone",
        "Allow Others to Find Me": "Disabled",
        "App Language": "English",
        "Filter Comments": "Disabled",
        "Interests": "",
        "Personalized Ads": "Enabled",
        "Private Account": "Disabled",
        "Suggest your account to Facebook friends": "disabled",
        "Suggest your account to contacts": "enabled",
        "Suggest your account to people who open or send links to you": "enabled",
        "Web Language": "N/A",
        "Who Can Duet With Me": "Everyone",
        "Who Can Post Comments": "Everyone",
        "Who Can Send Me Message": "Friends",
        "Who Can Stitch with your videos": "Everyone",
        "Who Can View Videos I Liked": "Myself",
    }
    profile = {
        "PlatformInfo": [
            {
                "Description": "",
                "Name": p.display_name,
                "Platform": "Google",
                "Profile Photo": "N/A",
            }
        ],
        "bioDescription": "just testing things",
        "birthDate": "17-May-1994",
        "emailAddress": p.email,
        "likesReceived": "1234",
        "profilePhoto": "https://p16-sign.tiktokcdn.example/avatar.jpeg",
        "profileVideo": "",
        "telephoneNumber": p.phone,
        "userName": p.username,
    }
    autofill = {
        "PhoneNumber": p.phone,
        "Email": p.email,
        "FirstName": p.first_name,
        "LastName": p.last_name,
        "Address": p.street,
        "ZipCode": p.zip_code,
        "Unit": "N/A",
        "City": p.city,
        "State": "N/A",
        "Country": "Netherlands",
    }
    location = {"Date": "N/A", "GpsData": "N/A", "LastRegion": "N/A"}
    gifts = [{"Date": _ts(step(3600, 86400)), "GiftAmount": "5", "UserName": "kim.fictional"}]
    coins = [{"Date": _ts(step(3600, 86400)), "Price": "$1.09 US Dollars"}]
    partners = {
        "AdvertiserList": "Example Shoes BV, Placeholder Bank",
        "DataPartnerList": "Mock Data Partner Inc",
    }
    ads_visits = [
        {
            "CreateTime": _ts(step(3600, 86400)),
            "AdTitle": "Shoes sale",
            "AdLink": "https://shop.example.com/sale",
        }
    ]
    return Data(
        logins,
        status,
        watch,
        searches,
        likes,
        favorites,
        followers,
        following,
        blocks,
        shares,
        off,
        comments,
        chats,
        group,
        ai,
        posts,
        deleted,
        reviews,
        settings,
        profile,
        autofill,
        location,
        gifts,
        coins,
        partners,
        ads_visits,
    )


# ------------------------------------------------------------------------------------------
# variants
# ------------------------------------------------------------------------------------------
def apply_variant(d: Data, variant: str | None) -> Data:
    d = copy.deepcopy(d)
    if variant in (None, "", "private", "status-object", "unknown"):
        if variant == "private":
            d.settings.update(
                {
                    "Private Account": "Enabled",
                    "Personalized Ads": "Disabled",
                    "Allow DownLoad": "Off",
                    "Who Can Duet With Me": "No One",
                    "Who Can Stitch with your videos": "No One",
                    "Who Can Post Comments": "Friends",
                    "Suggest your account to contacts": "disabled",
                    "Suggest your account to people who open or send links to you": "disabled",
                }
            )
            for post in d.posts:
                post["WhoCanView"] = "Only You"
        return d
    if variant == "empty":
        for name in (
            "logins",
            "status",
            "watch",
            "searches",
            "likes",
            "favorites",
            "followers",
            "following",
            "blocks",
            "shares",
            "off",
            "comments",
            "posts",
            "deleted",
            "reviews",
            "gifts",
            "coins",
            "ai_chat",
            "ads_visits",
        ):
            setattr(d, name, [])
        d.chats, d.group_chat = {}, {}
    elif variant == "missing-keys":
        del d.settings["Personalized Ads"]
        for rec in d.logins:
            rec.pop("Carrier", None)
        for rec in d.watch[::2]:
            rec.pop("Link", None)
    elif variant == "duplicates":
        d.watch = d.watch + d.watch[:10]
        d.logins = d.logins + d.logins[:3]
    elif variant == "ipv6":
        for i, rec in enumerate(d.logins):
            if i % 3 == 0:
                rec["IP"] = "2a02:a440:1234::1" if i % 2 else "2001:67c:2e8:22::c100:68b"
    elif variant == "na":
        for rec in d.logins:
            rec.update({"DeviceModel": "N/A", "NetworkType": "None", "Carrier": "N/A"})
        for rec in d.status:
            for k in rec:
                rec[k] = "N/A"
        d.profile.update({"telephoneNumber": "None", "birthDate": "N/A", "bioDescription": ""})
        d.autofill = {k: "N/A" for k in d.autofill}
    else:
        raise ValueError(f"unknown variant {variant!r} (known: {', '.join(VARIANTS)})")
    return d


# ------------------------------------------------------------------------------------------
# layouts
# ------------------------------------------------------------------------------------------
def _rekey(items: list[dict[str, Any]], mapping: dict[str, str]) -> list[dict[str, Any]]:
    return [{mapping.get(k, k): v for k, v in it.items()} for it in items]


def _empty(items: list[Any] | dict[str, Any], style: int) -> Any:
    """Empty sections come as null, [] or {} depending on the section: rotate through them."""
    if items:
        return items
    return (None, [], {})[style % 3]


def build_json(d: Data, layout: str, variant: str | None = None) -> dict[str, Any]:
    old = layout in ("g1", "g2", "us")
    like_keys = (
        {"date": "Date", "link": "VideoLink"}
        if layout == "g1"
        else ({"date": "Date", "link": "Link"} if layout == "us" else {})
    )
    watch = _rekey(d.watch, {"Link": "VideoLink"}) if layout == "g1" else d.watch
    comments = (
        _rekey(d.comments, {"date": "Date", "comment": "Comment", "photo": "Photo", "url": "Url"})
        if layout in ("g1", "us")
        else d.comments
    )
    if layout == "g4":
        comments = [
            dict(c, date=c["date"] + " UTC", video="", sticker="", originalPostUrl="")
            for c in d.comments
        ]
    posts = (
        [{"Date": p["Date"], "VideoLink": p["Link"], "Likes": p["Likes"]} for p in d.posts]
        if layout == "g1"
        else d.posts
    )
    status_value: Any = {"Status List": _empty(d.status, 1)}
    if variant == "status-object":
        status_value = {
            "Resolution": "1179*2556",
            "AppVersion": "19.1.3",
            "Idfa": "6F1B3C2A-9D4E-4B7F-8A21-3C5D7E9F1A2B",
            "GAid": "",
            "OpenUdid": "0a1b2c3d4e5f60718293a4b5c6d7e8f901234567",
            "Clientudid": "",
        }
    chat = {"ChatHistory": _empty(d.chats, 2)}
    activity: dict[str, Any] = {
        "Favorite Videos": {"FavoriteVideoList": _empty(d.favorites, 0)},
        "Hashtag": {"HashtagList": None},
        "Login History": {"LoginHistoryList": _empty(d.logins, 0)},
        "Most Recent Location Data": {"LocationData": d.location},
        "Search History" if old else "Searches": {"SearchList": _empty(d.searches, 1)},
        "Share History": {"ShareHistoryList": _empty(d.shares, 2)},
        "Status": status_value,
        ("Video Browsing History" if old else "Watch History"): {"VideoList": _empty(watch, 0)},
        ("Purchase History" if old else "Purchases"): {
            "SendGifts": {"SendGifts": _empty(d.gifts, 1)},
            "BuyGifts": {"BuyGifts": _empty(d.coins, 1)},
        },
    }
    like = {"App": 1, "ItemFavoriteList": _empty(_rekey(d.likes, like_keys), 0)}
    followers = {"App": 1, "IsFastLane": False, "FansList": _empty(d.followers, 0)}
    following = {"App": 1, "IsFastLane": False, "Following": _empty(d.following, 0)}
    blocks = {"App": 1, "BlockList": _empty(d.blocks, 1)}
    settings = {"App": 1, "SettingsMap": d.settings}
    off = {"OffTikTokActivityDataList": _empty(d.off, 0)}
    ads: dict[str, Any] = {
        "Ad Interests": {"AdInterestCategories": ""},
        "Instant Form Ads Responses": {"ResponsesList": None},
        "Off TikTok Activity": off,
    }
    reviews = {"ReviewsList": _empty(d.reviews, 0)}
    profile_info = {"App": 1, "ProfileMap": d.profile}
    posts_value = {"VideoList": _empty(posts, 0)}
    deleted_value = {"PostList": _empty(d.deleted, 1)}
    live = {"Watch Live History": {"WatchLiveMap": {}}, "Go Live History": {"GoLiveList": None}}
    shop = {
        "Product Browsing History": {"ProductBrowsingHistories": None},
        "Shopping Cart List": {"ShoppingCart": None},
    }
    top: dict[str, Any]
    if old:
        activity["Like List"] = like
        activity["Follower List"] = followers
        activity["Following List"] = following
        if layout == "g1":
            ads["Ads Based On Data Received From Partners"] = d.partners
        top = {
            "Activity": activity,
            "Ads and data": ads,
            "App Settings": {"Block": blocks, "Settings": settings},
            "Comment": {"Comments": {"App": 1, "CommentsList": _empty(comments, 2)}},
            "Direct Messages": {"Chat History": chat},
            "Profile": {"Profile Information": profile_info, "Auto Fill": d.autofill},
            "Tiktok Live": live,
            "Tiktok Shopping": shop,
            "Video": {"Videos": posts_value},
        }
        if layout in ("g2", "us"):
            top["Video"]["RecentlyDeletedPosts"] = deleted_value
        if layout == "g2":
            top["Income Plus Wallet Transactions"] = {
                "Income Plus Wallet Transaction": {"TransactionsList": None}
            }
            top["Poi Review"] = {"POI Review": reviews}
        if layout == "us":
            activity["Comments"] = top.pop("Comment")["Comments"]
            activity["POI Review"] = reviews
            top["Profile"]["Follower List"] = activity.pop("Follower List")
            top["Profile"]["Following List"] = activity.pop("Following List")
    elif layout == "g3":
        activity["Like List"] = like
        activity["Follower"] = followers
        activity["Following"] = following
        top = {
            "Ads and data": ads,
            "App Settings": {"Block List": blocks, "Settings": settings},
            "Comment": {"Comments": {"App": 1, "CommentsList": _empty(comments, 2)}},
            "Direct Message": {"Direct Messages": chat},
            "Income Plus Wallet Transactions": {"Transaction History": {"TransactionsList": None}},
            "Location Review": {"Location Reviews": reviews},
            "Post": {"Posts": posts_value, "Recently Deleted Posts": deleted_value},
            "Profile": {"Profile Info": profile_info, "Autofill": d.autofill},
            "TikTok Shop": shop,
            "Tiktok Live": live,
            "Your Activity": activity,
        }
    elif layout == "g4":
        status_list = status_value.get("Status List")
        if isinstance(status_list, list):
            status_value = {
                "Status List": [
                    dict(s, UID=7000000000000000001, DID="7391827364519283001") if i == 0 else s
                    for i, s in enumerate(status_list)
                ]
            }
            activity["Status"] = status_value
        for k in ("Ad Interests", "Instant Form Ads Responses", "Off TikTok Activity"):
            activity[k] = ads[k]
        activity["Ads Visit History"] = {"AdsVisitHistoryList": _empty(d.ads_visits, 0)}
        activity["Reposts"] = {"RepostList": []}
        top = {
            "Comment": {"Comments": {"App": 1, "CommentsList": _empty(comments, 2)}},
            "Direct Message": {
                "Direct Messages": chat,
                "Group Chat": {"GroupChat": _empty(d.group_chat, 2)},
                "Tako Chat History": {"TakoChatHistoryList": _empty(d.ai_chat, 1)},
            },
            "Income+ Wallet": {
                "Transaction History": {"TransactionsList": None},
                "Coin Purchase History": {"CoinPurchaseHistoryList": None},
            },
            "Likes and Favorites": {
                "Like List": like,
                "Favorite Videos": activity.pop("Favorite Videos"),
            },
            "Location Review": {"Location Reviews": reviews},
            "Post": {"Posts": posts_value, "Recently Deleted Posts": deleted_value},
            "Profile And Settings": {
                "Autofill": d.autofill,
                "Block List": blocks,
                "Follower": followers,
                "Following": following,
                "Off TikTok Activity": copy.deepcopy(off),  # the same list twice, as in G4
                "Profile Info": profile_info,
                "Settings": settings,
            },
            "TikTok Live": live,
            "TikTok Shop": shop,
            "Your Activity": activity,
        }
    else:
        raise ValueError(f"unknown JSON layout {layout!r}")
    if variant == "missing-keys":
        activity.pop("Most Recent Location Data", None)
    if variant == "unknown":
        top["Brand New Category"] = {"Mystery Section": {"MysteryList": [{"A": 1}, {"A": 2}]}}
        first_cat = "Your Activity" if layout in ("g3", "g4") else "Activity"
        top[first_cat]["Unheard Of Section"] = {"SomeList": [{"Date": "2025-01-01 00:00:00"}]}
        for rec in d.logins[:4]:
            rec["NewField"] = "x"
    return {k: top[k] for k in sorted(top)}


# ------------------------------------------------------------------------------------------
# TXT
# ------------------------------------------------------------------------------------------
_TXT_NAMES = {
    "en": {
        "login": "Activity/Login History.txt",
        "status": "Activity/Status.txt",
        "watch": "Activity/Browsing History.txt",
        "search": "Activity/Searches.txt",
        "like": "Activity/Like List.txt",
        "fav": "Activity/Favorite Videos.txt",
        "follower": "Activity/Follower.txt",
        "following": "Activity/Following.txt",
        "share": "Activity/Share History.txt",
        "off": "Ads and data/Off TikTok Activity.txt",
        "settings": "App Settings/Settings.txt",
        "block": "App Settings/Block List.txt",
        "comments": "Comments/Comments.txt",
        "dm": "Direct Messages/Direct Messages.txt",
        "posts": "Posts/Posts.txt",
        "deleted": "Posts/Recently Deleted Posts.txt",
        "profile": "Profile/Profile Info.txt",
        "autofill": "Profile/Autofill.txt",
        "location": "Activity/Most Recent Location Data.txt",
        "hashtag": "Activity/Hashtag.txt",
    },
    "nl": {
        "login": "Activiteit/Inloggeschiedenis.txt",
        "status": "Activiteit/Status.txt",
        "watch": "Activiteit/Kijkgeschiedenis.txt",
        "search": "Activiteit/Zoekopdrachten.txt",
        "like": "Activiteit/Lijst met vind-ik-leuks.txt",
        "fav": "Activiteit/Favoriete video's.txt",
        "follower": "Activiteit/Volgers.txt",
        "following": "Activiteit/Volgend.txt",
        "share": "Activiteit/Deelgeschiedenis.txt",
        "off": "Advertenties en gegevens/Activiteit buiten TikTok.txt",
        "settings": "App-instellingen/Instellingen.txt",
        "block": "App-instellingen/Geblokkeerd.txt",
        "comments": "Opmerkingen/Opmerkingen.txt",
        "dm": "Directe berichten/Directe berichten.txt",
        "posts": "Posts/Posts.txt",
        "deleted": "Posts/Recent verwijderde posts.txt",
        "profile": "Profiel/Profielinformatie.txt",
        "autofill": "Profiel/Autofill.txt",
        "location": "Activiteit/Meest recente locatiegegevens.txt",
        "hashtag": "Activiteit/Hashtag.txt",
    },
}
_NL_KEYS = {
    "Date": "Datum",
    "Device Model": "Apparaatmodel",
    "Device System": "Apparaatsysteem",
    "Network Type": "Netwerktype",
    "Carrier": "Provider",
    "Search Term": "Zoekterm",
    "Username": "Gebruikersnaam",
    "Source": "Bron",
    "Event": "Gebeurtenis",
    "Shared Content": "Gedeelde inhoud",
    "Method": "Methode",
    "Comment": "Opmerking",
    "Email": "E-mailadres",
    "Phone Number": "Telefoonnummer",
    "Birthdate": "Geboortedatum",
    "Who can view": "Wie kan bekijken",
    "Location": "Locatie",
}
_EMPTY_TXT = {"en": "You have no data in this section.", "nl": "Dit gedeelte bevat geen gegevens."}


def _blocks(records: list[list[tuple[str, Any]]], lang: str) -> str:
    if not records:
        return _EMPTY_TXT[lang] + "\n"
    out = []
    for rec in records:
        lines = []
        for k, v in rec:
            key = _NL_KEYS.get(k, k) if lang == "nl" else k
            lines.append(f"{key}: {'' if v is None else v}")
        out.append("\n".join(lines))
    return "\n\n".join(out) + "\n"


def build_txt(d: Data, lang: str = "en") -> dict[str, str]:
    names = _TXT_NAMES[lang]
    files: dict[str, str] = {}
    files[names["login"]] = _blocks(
        [
            [
                ("Date", x["Date"]),
                ("IP", x["IP"]),
                ("Device Model", x["DeviceModel"]),
                ("Device System", x["DeviceSystem"]),
                ("Network Type", x["NetworkType"]),
                ("Carrier", x.get("Carrier", "")),
            ]
            for x in d.logins
        ],
        lang,
    )
    files[names["status"]] = _blocks(
        [
            [
                ("Screen Resolution", x["Resolution"]),
                ("App Version", x["App Version"]),
                ("IDFA", x["IDFA"]),
                ("GAID", x["GAID"]),
                ("Android ID", x["Android ID"]),
                ("IDFV", x["IDFV"]),
                ("Web ID", x["Web ID"]),
            ]
            for x in d.status
        ],
        lang,
    )
    files[names["watch"]] = _blocks(
        [[("Date", x["Date"]), ("Link", x.get("Link", ""))] for x in d.watch], lang
    )
    files[names["search"]] = _blocks(
        [[("Date", x["Date"]), ("Search Term", x["SearchTerm"])] for x in d.searches], lang
    )
    files[names["like"]] = _blocks(
        [[("Date", x["date"]), ("Link", x["link"])] for x in d.likes], lang
    )
    files[names["fav"]] = _blocks(
        [[("Date", x["Date"]), ("Link", x["Link"])] for x in d.favorites], lang
    )
    files[names["follower"]] = _blocks(
        [[("Date", x["Date"]), ("Username", x["UserName"])] for x in d.followers], lang
    )
    files[names["following"]] = _blocks(
        [[("Date", x["Date"]), ("Username", x["UserName"])] for x in d.following], lang
    )
    files[names["block"]] = _blocks(
        [[("Date", x["Date"]), ("Username", x["UserName"])] for x in d.blocks], lang
    )
    files[names["share"]] = _blocks(
        [
            [
                ("Date", x["Date"]),
                ("Shared Content", x["SharedContent"]),
                ("Link", x["Link"]),
                ("Method", x["Method"]),
            ]
            for x in d.shares
        ],
        lang,
    )
    files[names["off"]] = _blocks(
        [[("Date", x["TimeStamp"]), ("Source", x["Source"]), ("Event", x["Event"])] for x in d.off],
        lang,
    )
    files[names["settings"]] = _blocks([list(d.settings.items())], lang)
    files[names["comments"]] = _blocks(
        [[("Date", x["date"]), ("Comment", x["comment"])] for x in d.comments], lang
    )
    files[names["posts"]] = _blocks(
        [
            [
                ("Date", x["Date"]),
                ("Link", x["Link"]),
                ("Like(s)", x["Likes"]),
                ("Who can view", x["WhoCanView"]),
                ("Allow comments", x["AllowComments"]),
                ("Allow stitches", x["AllowStitches"]),
                ("Allow duets", x["AllowDuets"]),
                ("Allow stickers", x["AllowStickers"]),
                ("Allow sharing to story", x["AllowSharingToStory"]),
                ("Sound", x["Sound"]),
                ("Location", x["Location"]),
            ]
            for x in d.posts
        ],
        lang,
    )
    files[names["deleted"]] = _blocks(
        [
            [("Date", x["Date"]), ("Link", x["Link"]), ("Date Deleted", x["DateDeleted"])]
            for x in d.deleted
        ],
        lang,
    )
    pr = d.profile
    files[names["profile"]] = _blocks(
        [
            [
                ("Username", pr["userName"]),
                ("Email", pr["emailAddress"]),
                ("Phone Number", pr["telephoneNumber"]),
                ("Birthdate", pr["birthDate"]),
                ("Bio", pr["bioDescription"]),
            ]
        ],
        lang,
    )
    af = d.autofill
    files[names["autofill"]] = _blocks(
        [
            [
                ("Phone Number", af["PhoneNumber"]),
                ("Email", af["Email"]),
                ("First Name", af["FirstName"]),
                ("Last Name", af["LastName"]),
                ("Address", af["Address"]),
                ("Zip Code", af["ZipCode"]),
                ("City", af["City"]),
                ("Country", af["Country"]),
            ]
        ],
        lang,
    )
    files[names["hashtag"]] = _EMPTY_TXT[lang] + "\n"
    header = "Chatgeschiedenis met" if lang == "nl" else "Chat History with"
    dm_lines: list[str] = []
    for chat, msgs in d.chats.items():
        other = chat[len("Chat History with ") :].rstrip(":")
        dm_lines += [f">>> {header} {other}::", ""]
        dm_lines += [f"{m['Date']} UTC {m['From']}: {m['Content']}" for m in msgs]
        dm_lines.append("")
    files[names["dm"]] = "\n".join(dm_lines) + "\n" if dm_lines else _EMPTY_TXT[lang] + "\n"
    return {f"Tiktok/{k}": v for k, v in files.items()}


# ------------------------------------------------------------------------------------------
# writing
# ------------------------------------------------------------------------------------------
def irregular_watch_txt(n: int = 3000, seed: int = 7) -> str:
    """A TXT watch history with odd blocks (adversarial cases for the TXT readers): continued
    lines, unknown keys, missing, repeated and empty keys, a value that looks like a key, a
    variant key, an extra known key."""
    r = random.Random(seed)
    blocks = []
    for i in range(n):
        b = [f"Date: 2024-01-{1 + i % 28:02d} 10:{i % 60:02d}:00", f"Link: https://v/{i}"]
        roll = r.random()
        if roll < 0.01:
            b.append("a continued line")
        elif roll < 0.02:
            b.append(f"Mystery Key: {i}")
        elif roll < 0.03:
            b = b[:1]
        elif roll < 0.04:
            b.append("Link: https://again")
        elif roll < 0.045:
            b.insert(0, "http: not a key")
        elif roll < 0.05:
            b[1] = "Link:"
        elif roll < 0.055:
            b[1] = "Video Link: https://v/other"
        elif roll < 0.06:
            b.append("Title: a title")
        blocks.append("\n".join(b))
    return "\n\n".join(blocks) + "\n"


def generate(
    out: Path,
    *,
    layout: str = "g4",
    lang: str = "en",
    seed: int = 0,
    variant: str | None = None,
    as_zip: bool = True,
    sizes: Sizes | None = None,
    form: str | None = None,
) -> Path:
    """Write a synthetic export under ``out`` and return its path.

    ``form`` overrides ``as_zip``: "zip", "folder" or "json" (the bare JSON file).
    """
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r} (known: {', '.join(LAYOUTS)})")
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r} (known: {', '.join(LANGS)})")
    form = form or ("zip" if as_zip else "folder")
    d = apply_variant(build_data(seed, sizes), variant)
    out.mkdir(parents=True, exist_ok=True)
    stem = f"TikTok_Data_{1732000000 + seed}" + (f"_{layout}" if layout else "")
    if layout == "txt":
        files = build_txt(d, lang)
        if variant == "unknown":
            files["Tiktok/Activity/Brand New Thing.txt"] = "Date: 2025-01-01 00:00:00\nFoo: bar\n"
        payload = {k: v.encode() for k, v in files.items()}
    else:
        name = "user_data.json" if layout in ("g1", "g2", "us") else "user_data_tiktok.json"
        data = json.dumps(build_json(d, layout, variant), ensure_ascii=False, indent=2)
        payload = {name: data.encode()}
    if form == "json":
        if layout == "txt":
            raise ValueError("a TXT export has no single JSON file")
        target = out / f"{stem}.json"
        target.write_bytes(next(iter(payload.values())))
        return target
    if form == "zip":
        target = out / f"{stem}.zip"
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, blob in sorted(payload.items()):
                zf.writestr(name, blob)
        return target
    target = out / stem
    for name, blob in payload.items():
        fp = target / name
        fp.parent.mkdir(parents=True, exist_ok=True)
        fp.write_bytes(blob)
    return target


def _nonzero(v: str) -> bool:
    return bool(v) and v != "N/A" and set(v.replace("-", "")) != {"0"}


def expected_counts(
    layout: str, variant: str | None = None, seed: int = 0, sizes: Sizes | None = None
) -> dict[str, int]:
    """The exact ``counts`` an audit must report for ``generate(layout=..., variant=...)``."""
    d = apply_variant(build_data(seed, sizes), variant)
    ids: set[str] = set()
    status = d.status
    if variant == "status-object" and layout != "txt":
        ids = {"6F1B3C2A-9D4E-4B7F-8A21-3C5D7E9F1A2B", "0a1b2c3d4e5f60718293a4b5c6d7e8f901234567"}
    else:
        for s in status:
            for k in ("IDFA", "GAID", "Android ID", "IDFV", "Web ID"):
                if _nonzero(s[k]):
                    ids.add(s[k])
        if layout == "g4" and status:
            ids.add("7391827364519283001")  # DID
    json_only = layout != "txt"
    messages = sum(len(v) for v in d.chats.values())
    if layout == "g4":
        messages += sum(len(v) for v in d.group_chat.values())
    deleted = len(d.deleted) if layout in ("g2", "us", "g3", "g4", "txt") else 0
    return {
        "logins": len(d.logins),
        "ip_addresses": len({x["IP"] for x in d.logins}),
        "device_identifiers": len(ids),
        "watch_history": len(d.watch),
        "searches": len(d.searches),
        "likes": len(d.likes),
        "followers": len(d.followers),
        "following": len(d.following),
        "posts": len(d.posts),
        "deleted_posts": deleted,
        "messages": messages,
        "ai_chat_messages": sum(len(c["Messages"]) for c in d.ai_chat) if layout == "g4" else 0,
        "off_platform_events": len(d.off),
        "off_platform_sources": len({x["Source"] for x in d.off}),
        "comments": len(d.comments),
        "location_reviews": len(d.reviews) if json_only and layout != "g1" else 0,
    }
