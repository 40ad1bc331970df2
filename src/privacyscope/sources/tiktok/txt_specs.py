"""TikTok TXT exports: localized file names and keys mapped onto the JSON sections.

Shared by the TXT reader (``txt_reader``) and the reference reader kept for the tests
(``txt_reference``). File names and keys are localized: English and Dutch are mapped here (Dutch
names beyond ``Kijkgeschiedenis.txt`` / ``Datum:`` are translations, not yet verified against a
real export, and marked as such in ``docs/platforms/tiktok.md``). The line helpers
(``key_value``: one ``Key: value`` line) define what a key line is for both readers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from privacyscope.inputs import ExportFile
from privacyscope.sources.tiktok.sections import norm_name

EMPTY_MARKERS = (
    "you have no data in this section",
    "dit gedeelte bevat geen gegevens",
)


@dataclass(frozen=True)
class TxtSpec:
    section: str  # canonical JSON section name (selects the handler)
    list_key: str | None  # JSON list key; None = one block of key/values (a map)
    keys: dict[str, str]  # TXT key (lower-case) -> JSON key
    map_key: str | None = None  # for map sections: the JSON wrapper key (e.g. "SettingsMap")


_DATE = {"date": "Date", "datum": "Date"}
_LINK = {"link": "Link", "video link": "Link", "videolink": "Link"}
_USER = {"username": "UserName", "user name": "UserName", "gebruikersnaam": "UserName"}

LOGIN = TxtSpec(
    "Login History",
    "LoginHistoryList",
    {
        **_DATE,
        "ip": "IP",
        "device model": "DeviceModel",
        "device system": "DeviceSystem",
        "network type": "NetworkType",
        "carrier": "Carrier",
        "apparaatmodel": "DeviceModel",
        "apparaatsysteem": "DeviceSystem",
        "netwerktype": "NetworkType",
        "provider": "Carrier",
    },
)
STATUS = TxtSpec(
    "Status",
    "Status List",
    {
        "screen resolution": "Resolution",
        "resolution": "Resolution",
        "app version": "App Version",
        "idfa": "IDFA",
        "gaid": "GAID",
        "android id": "Android ID",
        "idfv": "IDFV",
        "web id": "Web ID",
        "did": "DID",
        "schermresolutie": "Resolution",
        "app-versie": "App Version",
    },
)
OFF = TxtSpec(
    "Off TikTok Activity",
    "OffTikTokActivityDataList",
    {
        "date": "TimeStamp",
        "datum": "TimeStamp",
        "source": "Source",
        "event": "Event",
        "bron": "Source",
        "gebeurtenis": "Event",
    },
)
SEARCH = TxtSpec(
    "Searches", "SearchList", {**_DATE, "search term": "SearchTerm", "zoekterm": "SearchTerm"}
)
SHARE = TxtSpec(
    "Share History",
    "ShareHistoryList",
    {
        **_DATE,
        **_LINK,
        "shared content": "SharedContent",
        "method": "Method",
        "gedeelde inhoud": "SharedContent",
        "methode": "Method",
    },
)
WATCH = TxtSpec(
    "Watch History", "VideoList", {**_DATE, **_LINK, "title": "Title", "titel": "Title"}
)
LIKE = TxtSpec("Like List", "ItemFavoriteList", {**_DATE, **_LINK})
FAV_VIDEOS = TxtSpec("Favorite Videos", "FavoriteVideoList", {**_DATE, **_LINK})
FAV_SOUNDS = TxtSpec(
    "Favorite Sounds", "FavoriteSoundList", {**_DATE, **_LINK, "sound link": "Link"}
)
FAV_TAGS = TxtSpec(
    "Favorite Hashtags", "FavoriteHashtagList", {**_DATE, **_LINK, "hashtag link": "Link"}
)
FAV_EFFECTS = TxtSpec(
    "Favorite Effects", "FavoriteEffectsList", {**_DATE, "effect link": "EffectLink"}
)
FOLLOWER = TxtSpec("Follower", "FansList", {**_DATE, **_USER})
FOLLOWING = TxtSpec("Following", "Following", {**_DATE, **_USER})
BLOCK = TxtSpec("Block List", "BlockList", {**_DATE, **_USER})
HASHTAG = TxtSpec(
    "Hashtag", "HashtagList", {"hashtag name": "HashtagName", "hashtag link": "HashtagLink"}
)
_POST_KEYS = {
    **_DATE,
    **_LINK,
    "like(s)": "Likes",
    "likes": "Likes",
    "who can view": "WhoCanView",
    "allow comments": "AllowComments",
    "allow stitches": "AllowStitches",
    "allow duets": "AllowDuets",
    "allow stickers": "AllowStickers",
    "allow sharing to story": "AllowSharingToStory",
    "sound": "Sound",
    "adds yours text": "AddYoursText",
    "add yours text": "AddYoursText",
    "location": "Location",
    "ai-generated content": "AIGeneratedContent",
    "title": "Title",
    "content disclosure": "ContentDisclosure",
    "date deleted": "DateDeleted",
    "wie kan bekijken": "WhoCanView",
    "locatie": "Location",
}
POSTS = TxtSpec("Posts", "VideoList", _POST_KEYS)
DELETED = TxtSpec("Recently Deleted Posts", "PostList", _POST_KEYS)
COMMENTS = TxtSpec(
    "Comments",
    "CommentsList",
    {
        **_DATE,
        "comment": "Comment",
        "photo": "Photo",
        "url": "Url",
        "opmerking": "Comment",
        "reactie": "Comment",
    },
)
REVIEWS = TxtSpec(
    "Location Reviews",
    "ReviewsList",
    {
        **_DATE,
        "place name": "PlaceName",
        "rating": "Rating",
        "status": "Status",
        "likes": "Likes",
        "review text": "ReviewText",
    },
)
REPOSTS = TxtSpec("Reposts", "RepostList", {**_DATE, **_LINK})
ADS_VISIT = TxtSpec(
    "Ads Visit History",
    "AdsVisitHistoryList",
    {
        "date": "CreateTime",
        "datum": "CreateTime",
        "ad title": "AdTitle",
        "ad link": "AdLink",
    },
)
SETTINGS = TxtSpec("Settings", None, {}, "SettingsMap")
PROFILE = TxtSpec(
    "Profile Info",
    None,
    {
        "username": "userName",
        "user name": "userName",
        "email": "emailAddress",
        "email address": "emailAddress",
        "phone number": "telephoneNumber",
        "telephone number": "telephoneNumber",
        "birthdate": "birthDate",
        "birth date": "birthDate",
        "bio": "bioDescription",
        "bio description": "bioDescription",
        "display name": "displayName",
        "likes received": "likesReceived",
        "profile photo": "profilePhoto",
        "gebruikersnaam": "userName",
        "e-mailadres": "emailAddress",
        "telefoonnummer": "telephoneNumber",
        "geboortedatum": "birthDate",
    },
    "ProfileMap",
)
AUTOFILL = TxtSpec(
    "Autofill",
    None,
    {
        "phone number": "PhoneNumber",
        "email": "Email",
        "first name": "FirstName",
        "last name": "LastName",
        "address": "Address",
        "zip code": "ZipCode",
        "unit": "Unit",
        "city": "City",
        "state": "State",
        "country": "Country",
        "e-mailadres": "Email",
        "telefoonnummer": "PhoneNumber",
        "voornaam": "FirstName",
        "achternaam": "LastName",
        "adres": "Address",
        "postcode": "ZipCode",
        "stad": "City",
        "land": "Country",
    },
)
RECENT = TxtSpec(
    "Most Recent Location Data",
    None,
    {
        **_DATE,
        "gps data": "GpsData",
        "gpsdata": "GpsData",
        "last region": "LastRegion",
        "lastregion": "LastRegion",
    },
    "LocationData",
)
AD_INTERESTS = TxtSpec(
    "Ad Interests",
    None,
    {
        "ad interest categories": "AdInterestCategories",
        "ad interests": "AdInterestCategories",
    },
    None,
)
SUMMARY = TxtSpec("Activity Summary", None, {}, "ActivitySummaryMap")

#: normalised file base name -> spec (English, then Dutch)
TXT_FILES: dict[str, TxtSpec] = {
    norm_name(name): spec
    for names, spec in (
        (("Login History", "Inloggeschiedenis"), LOGIN),
        (("Status",), STATUS),
        (("Off TikTok Activity", "Activiteit buiten TikTok"), OFF),
        (("Searches", "Search History", "Zoekopdrachten", "Zoekgeschiedenis"), SEARCH),
        (("Share History", "Deelgeschiedenis"), SHARE),
        (
            ("Browsing History", "Video Browsing History", "Watch History", "Kijkgeschiedenis"),
            WATCH,
        ),
        (("Like List", "Liked Videos", "Vind-ik-leuks", "Lijst met vind-ik-leuks"), LIKE),
        (("Favorite Videos", "Favourite Videos", "Favoriete video's"), FAV_VIDEOS),
        (("Favorite Sounds", "Favourite Sounds", "Favoriete geluiden"), FAV_SOUNDS),
        (("Favorite HashTags", "Favorite Hashtags", "Favourite Hashtags"), FAV_TAGS),
        (("Favorite Effects", "Favourite Effects"), FAV_EFFECTS),
        (("Follower", "Followers", "Volgers"), FOLLOWER),
        (("Following", "Volgend"), FOLLOWING),
        (("Block List", "Blocked", "Geblokkeerd"), BLOCK),
        (("Hashtag",), HASHTAG),
        (("Post", "Posts", "Videos", "Video's"), POSTS),
        (("Recently Deleted Posts", "Recent verwijderde posts"), DELETED),
        (("Comments", "Comment", "Opmerkingen", "Reacties"), COMMENTS),
        (("Location Reviews", "POI Review", "Locatiebeoordelingen"), REVIEWS),
        (("Reposts",), REPOSTS),
        (("Ad Link History", "Ads Visit History"), ADS_VISIT),
        (("Settings", "App Settings", "Instellingen"), SETTINGS),
        (
            ("Profile Info", "Profile Information", "Profile", "Profielinformatie", "Profiel"),
            PROFILE,
        ),
        (("Autofill", "Auto Fill"), AUTOFILL),
        (("Most Recent Location Data", "Meest recente locatiegegevens"), RECENT),
        (("Ad Interests", "Advertentie-interesses"), AD_INTERESTS),
        (("Activity Summary", "Activiteitsoverzicht"), SUMMARY),
    )
    for name in names
}
DM_FILES = frozenset(
    norm_name(n) for n in ("Direct Messages", "Directe berichten", "Chat History", "Privéberichten")
)
_KEY_LINE = re.compile(r"^([A-Za-zÀ-ÿ][\w À-ÿ'()/+.-]{0,60}?)::?(?:\s(.*)|)$")
_DM_HEADER = re.compile(r"^>+\s*(?:Chat History with|Chatgeschiedenis met)\s+(.*?):*\s*$", re.I)
_DM_LINE = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)(?: UTC)? (.+?): (.*)$")


def spec_for(file: ExportFile) -> TxtSpec | None:
    base = file.basename.rsplit(".", 1)[0]
    return TXT_FILES.get(norm_name(base))


def is_dm_file(file: ExportFile) -> bool:
    return norm_name(file.basename.rsplit(".", 1)[0]) in DM_FILES


_KEYS: dict[str, bool] = {}


def key_value(line: str) -> tuple[str, str] | None:
    """``_KEY_LINE`` for one line: (key, value) or None. Keys repeat, so their check is cached."""
    key, sep, rest = line.partition(":")
    if not sep:
        return None
    ok = _KEYS.get(key)
    if ok is None:
        ok = bool(_KEY_NAME.match(key)) and key.lower() not in ("http", "https")
        if len(_KEYS) < 10_000:
            _KEYS[key] = ok
    if not ok:
        return None
    if rest[:1] == ":":
        rest = rest[1:]
    if not rest:
        return key.strip(), ""
    if not rest[0].isspace() or rest[0] in "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029":
        return None if _KEY_LINE.match(line) is None else _slow_kv(line)
    return key.strip(), rest[1:].strip()


def _slow_kv(line: str) -> tuple[str, str] | None:
    m = _KEY_LINE.match(line)
    if m and m.group(1).lower() not in ("http", "https"):
        return m.group(1).strip(), (m.group(2) or "").strip()
    return None


_KEY_NAME = re.compile(r"[A-Za-zÀ-ÿ][\w À-ÿ'()/+.-]{0,60}\Z")


def is_empty_text(text: str) -> bool:
    t = text.strip().lower().rstrip(".")
    return not t or t in EMPTY_MARKERS


def looks_like_tiktok_txt(files: list[ExportFile]) -> int:
    """How many files carry a known TikTok TXT name."""
    return sum(
        1
        for f in files
        if f.name.lower().endswith(".txt") and (spec_for(f) is not None or is_dm_file(f))
    )
