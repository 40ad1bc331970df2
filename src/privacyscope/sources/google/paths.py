"""Translated Takeout folder and file names, and classification of a Takeout file.

Takeout translates folder and file names into the account language. The table below holds the
names privacyscope knows; ``VERIFIED`` lists the ones seen in real exports or public parsers,
the rest are best guesses (docs/platforms/google.md). Classification therefore never relies on
names alone: JSON files are also recognised by a bounded peek at their content.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

#: role -> language -> localised names (folder names, or file stems without extension)
NAMES: dict[str, dict[str, tuple[str, ...]]] = {
    "youtube_dir": {
        "en": ("YouTube and YouTube Music", "YouTube"),
        "nl": ("YouTube en YouTube Music",),
        "de": ("YouTube und YouTube Music",),
    },
    "history_dir": {"en": ("history",), "nl": ("geschiedenis",), "de": ("Verlauf",)},
    "watch_file": {
        "en": ("watch-history",),
        "nl": ("kijkgeschiedenis",),
        "de": ("Wiedergabeverlauf",),
    },
    "search_file": {
        "en": ("search-history",),
        "nl": ("zoekgeschiedenis",),
        "de": ("Suchverlauf",),
    },
    "my_activity_dir": {
        "en": ("My Activity",),
        "nl": ("Mijn activiteit",),
        "de": ("Meine Aktivitäten",),
    },
    "location_dir": {
        "en": ("Location History", "Location History (Timeline)"),
        "nl": ("Locatiegeschiedenis", "Locatiegeschiedenis (tijdlijn)"),
        "de": ("Standortverlauf", "Standortverlauf (Zeitachse)"),
    },
    "records_file": {
        "en": ("Records", "Location History"),
        "nl": ("Locatiegeschiedenis",),
        "de": ("Standortverlauf",),
    },
    "semantic_dir": {
        "en": ("Semantic Location History",),
        "nl": ("Semantische locatiegeschiedenis",),
        "de": ("Semantischer Standortverlauf",),
    },
    "settings_file": {"en": ("Settings",), "nl": ("Instellingen",), "de": ("Einstellungen",)},
    "access_log_dir": {
        "en": ("Access Log Activity",),
        "nl": ("Activiteit in toegangslogboek",),
        "de": ("Zugriffsprotokollaktivität",),
    },
    "chrome_dir": {"en": ("Chrome",)},
    "chrome_history_file": {
        "en": ("BrowserHistory", "History"),
        "nl": ("Geschiedenis",),
        "de": ("Verlauf",),
    },
    "play_dir": {"en": ("Google Play Store",)},
    "play_devices_file": {"en": ("Devices",), "nl": ("Apparaten",), "de": ("Geräte",)},
}

#: (role, name) pairs seen in real exports or in the public parsers named in the reference
VERIFIED: frozenset[tuple[str, str]] = frozenset(
    {
        ("youtube_dir", "YouTube and YouTube Music"),
        ("youtube_dir", "YouTube en YouTube Music"),
        ("history_dir", "history"),
        ("history_dir", "geschiedenis"),
        ("watch_file", "watch-history"),
        ("watch_file", "kijkgeschiedenis"),
        ("search_file", "search-history"),
        ("my_activity_dir", "My Activity"),
        ("my_activity_dir", "Meine Aktivitäten"),
        ("location_dir", "Location History"),
        ("location_dir", "Location History (Timeline)"),
        ("records_file", "Records"),
        ("records_file", "Location History"),
        ("semantic_dir", "Semantic Location History"),
        ("settings_file", "Settings"),
        ("access_log_dir", "Access Log Activity"),
        ("chrome_dir", "Chrome"),
        ("chrome_history_file", "BrowserHistory"),
        ("chrome_history_file", "History"),
        ("play_dir", "Google Play Store"),
        ("play_devices_file", "Devices"),
    }
)

_LOOKUP: dict[str, dict[str, str]] = {
    role: {n.casefold(): lang for lang, names in by_lang.items() for n in names}
    for role, by_lang in NAMES.items()
}

SPLIT_ARCHIVE = re.compile(r"^takeout-[^/]*?-?(\d{3})\.zip$", re.I)
IGNORED_FILES = frozenset({"archive_browser.html", "index.html"})


def name_lang(role: str, name: str) -> str | None:
    """The language whose name for ``role`` is ``name`` (None when not a known name)."""
    return _LOOKUP[role].get(name.casefold())


def has(role: str, name: str) -> bool:
    return name.casefold() in _LOOKUP[role]


def classify(path: str) -> tuple[str | None, str | None]:
    """(role, language) for a Takeout file path from its names; (None, None) when unknown.

    Roles: yt_watch, yt_search, yt_activity, my_activity, records, semantic, loc_settings,
    access_log, chrome_history, play_devices, ignored.
    """
    p = PurePosixPath(path)
    parts = p.parts[:-1]
    stem, ext = p.stem, p.suffix.lower()
    if p.name.casefold() in IGNORED_FILES:
        return "ignored", None
    lang: str | None = None

    def dir_with(role: str) -> str | None:
        nonlocal lang
        for d in parts:
            found = name_lang(role, d)
            if found is not None:
                lang = lang or (found if found != "en" else None)
                return d
        return None

    if dir_with("my_activity_dir") and ext in (".json", ".html"):
        return "my_activity", lang or "en"
    if dir_with("youtube_dir"):
        for role, out in (("watch_file", "yt_watch"), ("search_file", "yt_search")):
            found = name_lang(role, stem)
            if found is not None and ext in (".json", ".html"):
                return out, lang or found
        return ("yt_activity" if ext in (".json", ".html") else None), lang or "en"
    if dir_with("semantic_dir") and ext == ".json":
        return "semantic", lang or "en"
    if dir_with("location_dir") and ext == ".json":
        if has("settings_file", stem):
            return "loc_settings", lang or name_lang("settings_file", stem)
        if has("records_file", stem):
            return "records", lang or "en"
    if dir_with("access_log_dir") and ext == ".csv":
        return "access_log", lang or "en"
    if dir_with("chrome_dir") and ext == ".json" and has("chrome_history_file", stem):
        return "chrome_history", lang or name_lang("chrome_history_file", stem)
    if dir_with("play_dir") and ext == ".json" and has("play_devices_file", stem):
        return "play_devices", lang or name_lang("play_devices_file", stem)
    return None, None


def classify_by_content(head: bytes) -> str | None:
    """Role of a JSON file from the first bytes of its content (language-independent)."""
    h = head.lstrip(b"\xef\xbb\xbf \r\n\t")
    if h[:1] == b"[" and b'"header"' in h and b'"time"' in h:
        return "yt_activity"
    if h[:1] != b"{":
        return None
    if b'"locations"' in h[:200]:
        return "records"
    if b'"timelineObjects"' in h:
        return "semantic"
    if b'"semanticSegments"' in h or b'"rawSignals"' in h or b'"userLocationProfile"' in h:
        return "device_timeline"
    if b'"Browser History"' in h:
        return "chrome_history"
    if b'"deviceSettings"' in h or b'"historyEnabled"' in h:
        return "loc_settings"
    return None
