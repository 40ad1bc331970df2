"""Shared machinery for Meta exports (Instagram and Facebook).

* :func:`fix_mojibake` repairs Meta's UTF-8-bytes-as-``\\u00XX`` encoding, recursively, keys
  included; :func:`to_mojibake` is its inverse (used by the synthetic generators).
* :class:`ShapeError` is raised by the defensive accessors when a file's structure is not what a
  reader expects; the dispatcher turns it into an ``Unreadable`` entry for that file (never a
  silent empty table, never a crash of the whole read).
* :func:`parse_record` turns the four Meta record shapes (string map, string list, flat ``_v2``
  objects, ``label_values``) into one :class:`Rec` keyed by *canonical* (English) labels, using the
  translated-label table :data:`LABELS`.
* :class:`MetaContext` collects records, sections, settings, unrecognised and unreadable parts.

Readers shared by both platforms (messages, off-Meta activity, advertisers) are at the end of
this module.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import orjson

from privacyscope.errors import InputError
from privacyscope.inputs import ExportFile, ExportInput
from privacyscope.model import Record, Setting, Unreadable, Unrecognized
from privacyscope.sources.base import Progress, ReadResult
from privacyscope.textdecode import loads_json
from privacyscope.timeparse import parse_time

# --------------------------------------------------------------------------------------------
# Mojibake


def fix_text(s: str) -> str:
    """``s.encode('latin-1').decode('utf-8')`` when that round trip works, else ``s``."""
    if s.isascii():
        return s
    try:
        return s.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return s


def fix_mojibake(obj: Any) -> Any:
    """Repair Meta mojibake in every string of a decoded JSON value, dictionary keys included."""
    if isinstance(obj, str):
        return fix_text(obj)
    if isinstance(obj, list):
        return [fix_mojibake(x) for x in obj]
    if isinstance(obj, dict):
        return {fix_text(k) if isinstance(k, str) else k: fix_mojibake(v) for k, v in obj.items()}
    return obj


def to_mojibake(obj: Any) -> Any:
    """Encode every string the way Meta does (UTF-8 bytes read as Latin-1). For generators."""
    if isinstance(obj, str):
        return obj.encode("utf-8").decode("latin-1")
    if isinstance(obj, list):
        return [to_mojibake(x) for x in obj]
    if isinstance(obj, dict):
        return {to_mojibake(k): to_mojibake(v) for k, v in obj.items()}
    return obj


# --------------------------------------------------------------------------------------------
# Shapes and accessors


class ShapeError(ValueError):
    """The JSON structure of a file is not one the reader knows."""


def as_list(v: Any, where: str) -> list[Any]:
    if v is None:
        return []
    if isinstance(v, list):
        return v
    raise ShapeError(f"expected a list at {where}, found {type(v).__name__}")


def as_dict(v: Any, where: str) -> dict[str, Any]:
    if v is None:
        return {}
    if isinstance(v, dict):
        return v
    raise ShapeError(f"expected an object at {where}, found {type(v).__name__}")


def as_str(v: Any, where: str = "") -> str | None:
    """A scalar as text (``""`` becomes None); objects and lists are a shape error."""
    if v is None:
        return None
    if isinstance(v, bool):
        return "True" if v else "False"
    if isinstance(v, str):
        return v if v.strip() else None
    if isinstance(v, int | float):
        return str(v)
    raise ShapeError(f"expected a text value at {where}, found {type(v).__name__}")


def as_float(v: Any) -> float | None:
    if isinstance(v, bool) or v is None:
        return None
    if isinstance(v, int | float):
        f = float(v)
    elif isinstance(v, str):
        try:
            f = float(v.strip().replace(",", "."))
        except ValueError:
            return None
    else:
        return None
    return f if math.isfinite(f) else None


def as_time(v: Any) -> str | None:
    if isinstance(v, list | dict):
        return None
    return parse_time(v)


def raw_json(v: Any) -> Any:
    """A JSON-compatible raw value for ``ReadResult.settings``."""
    return v


def dumps(v: Any) -> str:
    return orjson.dumps(v).decode()


# --------------------------------------------------------------------------------------------
# Translated labels.  canonical English label -> (Dutch, German, verified)
# ``verified`` = the translation appears in the reference (export-formats-meta-...md) or the
# D3I label lists it cites; the others are best guesses from Meta's UI wording.

LABELS: dict[str, tuple[str, str, bool]] = {
    "Time": ("Tijd", "Zeit", True),
    "Author": ("Auteur", "Autor", True),
    "Username": ("Gebruikersnaam", "Benutzername", True),
    "Name": ("Naam", "Name", True),
    "URL": ("URL", "URL", True),
    "IP Address": ("IP-adres", "IP-Adresse", False),  # German verified, Dutch guessed
    "Cookie Name": ("Cookienaam", "Cookie-Name", False),
    "Language Code": ("Taalcode", "Sprachcode", False),
    "User Agent": ("User-agent", "User-Agent", False),
    "Port": ("Poort", "Port", False),
    "Port number": ("Poortnummer", "Portnummer", False),
    "Language": ("Taal", "Sprache", False),
    "App": ("App", "App", False),
    "Device ID": ("Apparaat-ID", "Geräte-ID", False),
    "Device": ("Apparaat", "Gerät", False),
    "Email": ("E-mailadres", "E-Mail-Adresse", False),
    "Phone Number": ("Telefoonnummer", "Telefonnummer", False),
    "Date of birth": ("Geboortedatum", "Geburtsdatum", False),
    "Gender": ("Geslacht", "Geschlecht", False),
    "Bio": ("Bio", "Steckbrief", False),
    "Private Account": ("Privéaccount", "Privates Konto", False),
    "Imprecise Latitude": ("Onnauwkeurige breedtegraad", "Ungenauer Breitengrad", False),
    "Imprecise Longitude": ("Onnauwkeurige lengtegraad", "Ungenauer Längengrad", False),
    "Precise Latitude": ("Nauwkeurige breedtegraad", "Genauer Breitengrad", False),
    "Precise Longitude": ("Nauwkeurige lengtegraad", "Genauer Längengrad", False),
    "GPS Time Uploaded": ("GPS-tijd geüpload", "GPS-Zeit hochgeladen", False),
    "City Name": ("Plaatsnaam", "Stadtname", False),
    "Last Login": ("Laatste aanmelding", "Letzte Anmeldung", False),
    "Search": ("Zoekopdracht", "Suche", False),
    "Website link you visited": ("Bezochte websitelink", "Besuchter Website-Link", False),
    "Title of website page you visited": (
        "Titel van bezochte webpagina",
        "Titel der besuchten Webseite",
        False,
    ),
    "Website session start time": (
        "Starttijd websitesessie",
        "Startzeit der Website-Sitzung",
        False,
    ),
    "Website session end time": ("Eindtijd websitesessie", "Endzeit der Website-Sitzung", False),
    "Comments Allowed From": ("Opmerkingen toegestaan van", "Kommentare erlaubt von", False),
    "Events": ("Gebeurtenissen", "Ereignisse", False),
    "ID": ("ID", "ID", False),
    "Event": ("Gebeurtenis", "Ereignis", False),
    "Received on": ("Ontvangen op", "Erhalten am", False),
    "Interest": ("Interesse", "Interesse", False),
    "First name": ("Voornaam", "Vorname", False),
    "Surname": ("Achternaam", "Nachname", False),
    "Contact information": ("Contactgegevens", "Kontaktinformationen", False),
    "Registration date": ("Registratiedatum", "Registrierungsdatum", False),
    "City": ("Stad", "Stadt", False),
    "Region": ("Regio", "Region", False),
    "Zip code": ("Postcode", "Postleitzahl", False),
    "Type": ("Type", "Typ", False),
    "Operating system": ("Besturingssysteem", "Betriebssystem", False),
    "Advertiser ID": ("Adverteerders-ID", "Werbetreibenden-ID", False),
    "Last updated": ("Laatst bijgewerkt", "Zuletzt aktualisiert", False),
    # advertisers-using-your-information reasons (G4 label_values; wording unverified)
    "Advertisers who uploaded a list with your information": (
        "Adverteerders die een lijst met je gegevens hebben geüpload",
        "Werbetreibende, die eine Liste mit deinen Informationen hochgeladen haben",
        False,
    ),
    "Advertisers using your activity on their websites or apps": (
        "Adverteerders die je activiteit op hun websites of apps gebruiken",
        "Werbetreibende, die deine Aktivitäten auf ihren Websites oder Apps nutzen",
        False,
    ),
    "Advertisers who matched you to an in-person store visit": (
        "Adverteerders die je hebben gekoppeld aan een winkelbezoek",
        "Werbetreibende, die dich einem Besuch im Geschäft zugeordnet haben",
        False,
    ),
    # Facebook privacy settings (label_values; wording unverified)
    "Who can see your future posts?": (
        "Wie kan je toekomstige berichten zien?",
        "Wer kann deine zukünftigen Beiträge sehen?",
        False,
    ),
    "Who can send you friend requests?": (
        "Wie kan je vriendschapsverzoeken sturen?",
        "Wer kann dir Freundschaftsanfragen senden?",
        False,
    ),
    "Who can look you up using the email address you provided?": (
        "Wie kan je opzoeken met het e-mailadres dat je hebt opgegeven?",
        "Wer kann dich mithilfe der von dir angegebenen E-Mail-Adresse finden?",
        False,
    ),
    "Who can look you up using the phone number you provided?": (
        "Wie kan je opzoeken met het telefoonnummer dat je hebt opgegeven?",
        "Wer kann dich mithilfe der von dir angegebenen Telefonnummer finden?",
        False,
    ),
    "Who can comment on your public posts?": (
        "Wie kan reageren op je openbare berichten?",
        "Wer kann deine öffentlichen Beiträge kommentieren?",
        False,
    ),
    "Who can message you?": (
        "Wie kan je berichten sturen?",
        "Wer kann dir Nachrichten senden?",
        False,
    ),
    "Personalized ads": ("Gepersonaliseerde advertenties", "Personalisierte Werbung", False),
    "Ads based on data from partners": (
        "Advertenties op basis van gegevens van partners",
        "Werbung basierend auf Daten von Partnern",
        False,
    ),
    "Location History": ("Locatiegeschiedenis", "Standortverlauf", False),
    "Active Status": ("Activiteitsstatus", "Aktivitätsstatus", False),
}

LANGUAGES: tuple[str, ...] = ("en", "nl", "de")


def _build_reverse() -> dict[str, tuple[str, str]]:
    rev: dict[str, tuple[str, str]] = {}
    for canon, (nl, de, _v) in LABELS.items():
        for lang, text in (("de", de), ("nl", nl), ("en", canon)):
            key = text.casefold()
            # English wins over a translation spelled the same (e.g. German "Name")
            rev[key] = (canon, "en" if text == canon else lang)
    return rev


_REVERSE = _build_reverse()


def translate(label: str, lang: str) -> str:
    """The label as an export in ``lang`` writes it (generators)."""
    if lang == "en" or label not in LABELS:
        return label
    nl, de, _verified = LABELS[label]
    return nl if lang == "nl" else de


def canonical(label: str) -> tuple[str, str] | None:
    """(canonical English label, language) for a label as exported, or None when unknown."""
    return _REVERSE.get(label.strip().casefold())


#: translated setting values -> English
VALUE_WORDS: dict[str, str] = {
    "openbaar": "public",
    "öffentlich": "public",
    "vrienden": "friends",
    "freunde": "friends",
    "vrienden van vrienden": "friends of friends",
    "freunde von freunden": "friends of friends",
    "alleen ik": "only me",
    "nur ich": "only me",
    "iedereen": "everyone",
    "alle": "everyone",
    "jeder": "everyone",
    "aan": "on",
    "an": "on",
    "ein": "on",
    "uit": "off",
    "aus": "off",
    "ja": "yes",
    "nee": "no",
    "nein": "no",
    "waar": "true",
    "wahr": "true",
    "onwaar": "false",
    "falsch": "false",
    "niemand": "no one",
    "mensen die je volgt": "people you follow",
    "personen, denen du folgst": "people you follow",
    "je volgers": "your followers",
    "deine follower": "your followers",
}

_AUDIENCE = {
    "everyone": "everyone",
    "public": "everyone",
    "anyone": "everyone",
    "friends of friends": "friends",
    "friends": "friends",
    "people you follow": "friends",
    "your followers": "friends",
    "followers": "friends",
    "people you follow and your followers": "friends",
    "only me": "only_me",
    "no one": "off",
    "nobody": "off",
    "off": "off",
}
_ONOFF = {
    "true": "on",
    "on": "on",
    "yes": "on",
    "enabled": "on",
    "false": "off",
    "off": "off",
    "no": "off",
    "disabled": "off",
}


def english_value(raw: str) -> str:
    low = raw.strip().casefold()
    return VALUE_WORDS.get(low, low)


def normalize_onoff(raw: str | None) -> str | None:
    return None if raw is None else _ONOFF.get(english_value(raw))


def normalize_audience(raw: str | None) -> str | None:
    return None if raw is None else _AUDIENCE.get(english_value(raw))


def normalize_findable(raw: str | None) -> str | None:
    """ "Who can look you up": anyone beyond "only me" means findable."""
    aud = normalize_audience(raw)
    if aud is None:
        return None
    return "off" if aud in ("only_me", "off") else "on"


#: canonical setting label -> (meaning, normaliser); shared by both platforms
SETTING_LABELS: dict[str, tuple[str, Callable[[str | None], str | None]]] = {
    "Private Account": ("account_private", normalize_onoff),
    "Comments Allowed From": ("comments", normalize_audience),
    "Who can comment on your public posts?": ("comments", normalize_audience),
    "Who can message you?": ("messages", normalize_audience),
    "Who can look you up using the email address you provided?": (
        "findable_by_others",
        normalize_findable,
    ),
    "Who can look you up using the phone number you provided?": (
        "findable_by_others",
        normalize_findable,
    ),
    "Personalized ads": ("personalized_ads", normalize_onoff),
    "Ads based on data from partners": ("ads_off_platform_activity", normalize_onoff),
    "Location History": ("location_history", normalize_onoff),
    "Active Status": ("activity_status", normalize_onoff),
}


# --------------------------------------------------------------------------------------------
# Records in canonical form


@dataclass
class Entry:
    """One labelled value of a Meta record."""

    value: str | None = None
    href: str | None = None
    time: str | None = None
    vec: list[Entry] = field(default_factory=list)
    sub: dict[str, Entry] = field(default_factory=dict)

    @property
    def text(self) -> str | None:
        return self.value if self.value is not None else self.href


@dataclass
class Rec:
    title: str | None = None
    time: str | None = None
    fields: dict[str, Entry] = field(default_factory=dict)  # canonical label -> entry
    items: list[Entry] = field(default_factory=list)  # string_list_data
    raw_labels: dict[str, str] = field(default_factory=dict)  # canonical -> label as exported

    def text(self, label: str) -> str | None:
        e = self.fields.get(label)
        return None if e is None else e.text

    def when(self, label: str) -> str | None:
        e = self.fields.get(label)
        if e is None:
            return None
        return e.time or (as_time(e.value) if e.value else None)


_REC_KEYS = frozenset(
    {
        "title",
        "media_map_data",
        "string_map_data",
        "string_list_data",
        "media_list_data",
        "timestamp",
        "media",
        "label_values",
        "fbid",
        "href",
        "value",
    }
)
_ENTRY_KEYS = frozenset({"href", "value", "timestamp"})
_LV_KEYS = frozenset(
    {"label", "value", "href", "timestamp_value", "vec", "dict", "ent_field_name", "title"}
)


# --------------------------------------------------------------------------------------------
# Read context


@dataclass
class _Tally:
    records: int = 0
    examples: list[str] = field(default_factory=list)


#: section name used by the readers -> record table (for ``ReadResult.present``)
SECTION_TABLES: dict[str, str] = {
    **dict.fromkeys(
        (
            "logins",
            "logouts",
            "profile_activity",
            "account_activity",
            "logins_and_logouts",
            "ip_address_activity",
            "active_sessions",
            "device_sessions",
        ),
        "logins",
    ),
    "devices": "device_identifiers",
    **dict.fromkeys(("last_known_location", "last_location", "location_history"), "locations"),
    **dict.fromkeys(
        ("searches", "follower", "following", "friend", "likes", "link_history"), "activity"
    ),
    "posts": "posts",
    "messages": "messages",
    "off_platform_activity": "off_platform_events",
    **dict.fromkeys(
        (
            "ads_viewed",
            "ads_clicked",
            "ad_interests",
            "ad_categories",
            "advertisers",
            "advertiser_interactions",
        ),
        "ads",
    ),
    "profile": "profile",
    "contacts": "contacts",
    "settings": "settings",
}


class MetaContext:
    """State of one read: the result under construction plus bookkeeping."""

    def __init__(self, inp: ExportInput, platform: str, layout: str, progress: Progress) -> None:
        self.inp = inp
        self.result = ReadResult(platform=platform, layout=layout, format="json")
        self.progress = progress
        self.lang_hits: Counter[str] = Counter()
        self._unknown: dict[tuple[str, str], _Tally] = {}
        self._bytes = 0

    # -- files --------------------------------------------------------------------------
    def load(self, f: ExportFile) -> Any:
        """Parse a JSON file and repair mojibake; raises InputError (reported by the caller)."""
        data = fix_mojibake(loads_json(f.read_bytes(), f.name))
        self._bytes += f.size
        self.progress(self._bytes, len(self.result.records))
        return data

    def unreadable(self, path: str, reason: str) -> None:
        self.result.unreadable.append(Unreadable(path=path, reason=reason))

    # -- records ------------------------------------------------------------------------
    def add(self, section: str, record: Record) -> None:
        self.result.records.add(record)
        self.result.sections[section] = self.result.sections.get(section, 0) + 1
        self.result.present.add(type(record).table)

    def touch(self, section: str) -> None:
        """The section exists in the export (possibly empty)."""
        self.result.sections.setdefault(section, 0)
        if section in SECTION_TABLES:
            self.result.present.add(SECTION_TABLES[section])

    def setting(self, key: str, value: Any, ref: str, canon: str | None = None) -> Setting:
        """Record a setting as exported; the meaning comes from :data:`SETTING_LABELS` (looked up
        by the canonical form of ``key``, or by ``canon`` for snake_case keys)."""
        self.result.settings[key] = value
        if canon is None:
            found = canonical(key)
            canon = found[0] if found else None
        meaning = normalized = None
        if canon in SETTING_LABELS:
            meaning, norm = SETTING_LABELS[canon]
            normalized = norm(value if isinstance(value, str) else as_str(value))
        rec = Setting(
            key=key,
            value=value if isinstance(value, str) or value is None else dumps(value),
            meaning=meaning,
            normalized=normalized,
            ref=ref,
        )
        self.add("settings", rec)
        return rec

    # -- unknowns -----------------------------------------------------------------------
    def unknown(
        self, path: str, kind: str = "key", example: str | None = None, records: int = 1
    ) -> None:
        t = self._unknown.setdefault((path, kind), _Tally())
        t.records += records
        if example and example not in t.examples and len(t.examples) < 5:
            t.examples.append(example)

    def check_keys(self, path: str, obj: dict[str, Any], known: Iterable[str]) -> None:
        ks = frozenset(known)
        for k in obj:
            if k not in ks:
                self.unknown(f"{path}.{k}", "key", k)

    # -- labels -------------------------------------------------------------------------
    def canon(self, label: str, path: str) -> str:
        found = canonical(label)
        if found is None:
            self.unknown(f"{path}.{label}", "key", label)
            return label
        self.lang_hits[found[1]] += 1
        return found[0]

    def finish(self) -> ReadResult:
        for (path, kind), t in sorted(self._unknown.items()):
            self.result.unrecognized.append(
                Unrecognized(path=path, kind=kind, records=t.records, example_keys=t.examples)
            )
        translated = {k: v for k, v in self.lang_hits.items() if k != "en"}
        if translated:
            self.result.language = max(sorted(translated), key=lambda k: translated[k])
        elif self.lang_hits:
            self.result.language = "en"
        return self.result


# --------------------------------------------------------------------------------------------
# Shapes -> Rec


def top_records(ctx: MetaContext, data: Any, path: str, keys: tuple[str, ...]) -> list[Any]:
    """The record list of a file: a top-level list, a bare label_values object, or the value of
    the first of ``keys`` present (other top-level keys are reported as unrecognised)."""
    if isinstance(data, list):
        return data
    if not isinstance(data, dict):
        raise ShapeError(f"expected an object or a list at the top, found {type(data).__name__}")
    if "label_values" in data:
        return [data]
    found: list[Any] | None = None
    for k, v in data.items():
        if k in keys and found is None:
            found = as_list(v, f"{path}:{k}") if not isinstance(v, dict) else [v]
        elif k not in keys:
            ctx.unknown(f"{path}:{k}", "key", k)
    return found or []


def each_record(
    ctx: MetaContext, f: ExportFile, data: Any, keys: tuple[str, ...]
) -> Iterator[tuple[str, Rec]]:
    """(ref, record) for every record of a shape 1/2/4 file."""
    for i, raw in enumerate(top_records(ctx, data, f.name, keys)):
        where = f"{f.name}[{i}]"
        yield where, parse_record(ctx, raw, f.name, where)


def each_flat(
    ctx: MetaContext, f: ExportFile, data: Any, keys: tuple[str, ...], known: Iterable[str]
) -> Iterator[tuple[str, dict[str, Any]]]:
    """(ref, object) for every flat ``_v2``-style record; unknown fields are reported."""
    fields = frozenset(known)
    for i, raw in enumerate(top_records(ctx, data, f.name, keys)):
        where = f"{f.name}[{i}]"
        d = as_dict(raw, where)
        ctx.check_keys(f.name, d, fields)
        yield where, d


def _entry(ctx: MetaContext, raw: Any, where: str) -> Entry:
    d = as_dict(raw, where)
    ctx.check_keys(where, d, _ENTRY_KEYS)
    ts = d.get("timestamp")
    return Entry(
        value=as_str(d.get("value"), where),
        href=as_str(d.get("href"), where),
        time=as_time(ts) if ts not in (0, None) else None,
    )


def _lv_entry(ctx: MetaContext, raw: Any, where: str) -> tuple[str | None, Entry]:
    d = as_dict(raw, where)
    ctx.check_keys(where, d, _LV_KEYS)
    e = Entry(
        value=as_str(d.get("value"), where) or as_str(d.get("ent_field_name"), where),
        href=as_str(d.get("href"), where),
        time=as_time(d.get("timestamp_value")),
    )
    for i, item in enumerate(as_list(d.get("vec"), where + ".vec")):
        _lab, sub = _lv_entry(ctx, item, f"{where}.vec[{i}]")
        e.vec.append(sub)
    if "dict" in d:
        e.sub = lv_fields(ctx, as_list(d.get("dict"), where + ".dict"), where)
    label = d.get("label")
    return (label if isinstance(label, str) else None), e


def lv_fields(ctx: MetaContext, items: list[Any], path: str) -> dict[str, Entry]:
    out: dict[str, Entry] = {}
    for i, item in enumerate(items):
        label, e = _lv_entry(ctx, item, f"{path}[{i}]")
        if label is None:
            # an unlabelled value (seen in vec items); keep it under its position
            out[f"#{i}"] = e
            continue
        out[ctx.canon(label, path)] = e
    return out


def parse_record(ctx: MetaContext, raw: Any, path: str, where: str) -> Rec:
    """One record of shapes 1, 2 or 4 as a :class:`Rec` with canonical labels.

    ``path`` names the file (for unrecognised-key reports, aggregated per file); ``where`` the
    record (for shape errors)."""
    d = as_dict(raw, where)
    ctx.check_keys(path, d, _REC_KEYS)
    rec = Rec(title=as_str(d.get("title"), where))
    ts = d.get("timestamp")
    rec.time = as_time(ts) if ts not in (0, None) else None
    for label, val in as_dict(d.get("string_map_data"), where + ".string_map_data").items():
        canon = ctx.canon(label, path)
        rec.fields[canon] = _entry(ctx, val, f"{path}.{label}")
        rec.raw_labels[canon] = label
    for val in as_list(d.get("string_list_data"), where + ".string_list_data"):
        rec.items.append(_entry(ctx, val, f"{path}.string_list_data"))
    if "label_values" in d:
        for i, item in enumerate(as_list(d.get("label_values"), where + ".label_values")):
            lab, e = _lv_entry(ctx, item, f"{path}.label_values")
            if lab is None:
                raise ShapeError(f"label_values item without a label at {where}[{i}]")
            canon = ctx.canon(lab, path)
            rec.fields[canon] = e
            rec.raw_labels[canon] = lab
    if "value" in d or "href" in d:  # flat follower entries of some G4 files
        rec.items.append(
            Entry(
                value=as_str(d.get("value"), where),
                href=as_str(d.get("href"), where),
                time=rec.time,
            )
        )
    return rec


# --------------------------------------------------------------------------------------------
# Dispatch

Handler = Callable[[MetaContext, ExportFile, Any], None]

MESSAGE_PATH = re.compile(
    r"(?:^|/)messages/(inbox|message_requests|archived_threads|filtered_threads|e2ee_cutover)/"
    r"[^/]+/message_\d+\.json$"
)
MEDIA_SUFFIXES = (
    ".jpg",
    ".jpeg",
    ".png",
    ".gif",
    ".webp",
    ".heic",
    ".mp4",
    ".mov",
    ".m4a",
    ".mp3",
    ".aac",
    ".opus",
    ".wav",
    ".srt",
    ".pdf",
)


def dispatch(
    ctx: MetaContext,
    handlers: dict[str, Handler],
    message_handler: Handler,
    folder_handlers: tuple[tuple[str, Handler], ...] = (),
) -> None:
    """Run the handler for every file (by base name, then by folder); unknown JSON files are
    reported as unrecognised, media files are only counted."""
    for f in ctx.inp.files:
        low = f.name.lower()
        if low.endswith(MEDIA_SUFFIXES):
            ctx.result.sections["media_files"] = ctx.result.sections.get("media_files", 0) + 1
            continue
        if low.endswith((".html", ".htm")):
            ctx.unknown(f.name, "file")
            continue
        if f.basename == "no-data.txt":
            continue
        if MESSAGE_PATH.search(f.name):
            handler: Handler | None = message_handler
        else:
            handler = handlers.get(f.basename)
            if handler is None and low.endswith(".json"):
                for folder, h in folder_handlers:
                    if f"/{folder}/" in "/" + f.name:
                        handler = h
                        break
        if handler is None:
            ctx.unknown(f.name, "file")
            continue
        try:
            data = ctx.load(f)
            handler(ctx, f, data)
        except InputError as exc:
            ctx.unreadable(f.name, exc.one_line())
        except ShapeError as exc:
            ctx.unreadable(f.name, f"{f.name}: unexpected structure: {exc}")


# --------------------------------------------------------------------------------------------
# Shared section readers


def read_messages(ctx: MetaContext, f: ExportFile, data: Any) -> None:
    """A thread file ``messages/<folder>/<thread>/message_N.json`` (also the camelCase E2EE
    download). Messages: kind "group" when the thread has more than two participants."""
    from privacyscope.model import Message

    ctx.touch("messages")
    d = as_dict(data, f.name)
    ctx.check_keys(
        f.name,
        d,
        {
            "participants",
            "messages",
            "title",
            "is_still_participant",
            "thread_path",
            "thread_type",
            "magic_words",
            "image",
            "joinable_mode",
            "threadName",
        },
    )
    parts = as_list(d.get("participants"), f.name + ":participants")
    names: list[str] = []
    for p in parts:
        if isinstance(p, dict):
            n = as_str(p.get("name"), f.name + ":participants")
        else:
            n = as_str(p, f.name + ":participants")
        if n:
            names.append(n)
    title = as_str(d.get("title"), f.name) or as_str(d.get("threadName"), f.name)
    kind = "group" if len(names) > 2 else "direct"
    chat = title or ", ".join(names) or None
    known = {
        "sender_name",
        "timestamp_ms",
        "content",
        "share",
        "photos",
        "videos",
        "audio_files",
        "files",
        "gifs",
        "sticker",
        "reactions",
        "call_duration",
        "is_geoblocked_for_viewer",
        "is_unsent",
        "type",
        "users",
        "missed",
        "is_taken_down",
        "bumped_message_metadata",
        "ip",
        "is_unsent_image_by_messenger_kid_parent",
        "senderName",
        "timestamp",
        "text",
        "isUnsent",
        "media",
    }
    for i, raw in enumerate(as_list(d.get("messages"), f.name + ":messages")):
        where = f"{f.name}[{i}]"
        m = as_dict(raw, where)
        ctx.check_keys(f.name, m, known)
        content = as_str(m.get("content"), where) or as_str(m.get("text"), where)
        share = m.get("share")
        if content is None and isinstance(share, dict):
            content = as_str(share.get("link"), where)
        ctx.add(
            "messages",
            Message(
                time=as_time(m.get("timestamp_ms", m.get("timestamp"))),
                chat=chat,
                sender=as_str(m.get("sender_name"), where) or as_str(m.get("senderName"), where),
                content=content,
                kind=kind,
                ref=where,
            ),
        )


def read_off_meta(ctx: MetaContext, f: ExportFile, data: Any) -> None:
    """Off-Meta activity, every generation: ``{<key>: [{name, events[{id, type, timestamp}]}]}``
    (dict at top) or a top-level list of label_values records with an "Events" vec (G4)."""
    from privacyscope.model import OffPlatformEvent

    keys = (
        "off_facebook_activity",
        "off_facebook_activity_v2",
        "apps_and_websites_off_meta_activity",
        "apps_and_websites_off_meta_activity_v2",
    )
    ctx.touch("off_platform_activity")
    for bi, biz in enumerate(top_records(ctx, data, f.name, keys)):
        where = f"{f.name}[{bi}]"
        b = as_dict(biz, where)
        if "label_values" in b:
            rec = parse_record(ctx, b, f.name, where)
            source = rec.title or rec.text("Name")
            events = rec.fields.get("Events")
            for ei, ev in enumerate(events.vec if events else []):
                ctx.add(
                    "off_platform_activity",
                    OffPlatformEvent(
                        time=ev.sub["Received on"].time if "Received on" in ev.sub else ev.time,
                        source=source,
                        event=(ev.sub["Event"].text if "Event" in ev.sub else ev.text),
                        ref=f"{where}.events[{ei}]",
                    ),
                )
            continue
        ctx.check_keys(f.name, b, ("name", "events"))
        source = as_str(b.get("name"), where)
        for ei, raw in enumerate(as_list(b.get("events"), where + ".events")):
            ew = f"{where}.events[{ei}]"
            ev_d = as_dict(raw, ew)
            ctx.check_keys(f.name + ".events", ev_d, ("id", "type", "timestamp"))
            ctx.add(
                "off_platform_activity",
                OffPlatformEvent(
                    time=as_time(ev_d.get("timestamp")),
                    source=source,
                    event=as_str(ev_d.get("type"), ew),
                    ref=ew,
                ),
            )


#: AdItem kinds emitted for "advertisers using your activity or information"
ADVERTISER_KINDS = {
    "has_data_file_custom_audience": "advertiser_list_upload",
    "has_remarketing_custom_audience": "advertiser_activity",
    "has_in_person_store_visit": "advertiser_store_visit",
}
_REASON_WORDS = (
    ("advertiser_list_upload", ("list", "lijst", "liste")),
    ("advertiser_store_visit", ("store", "winkel", "geschäft", "in-person", "in person")),
)


def reason_kind(reason: str) -> str:
    """G4 reason label -> AdItem kind (keyword match; the exact wording is unverified)."""
    low = reason.casefold()
    for kind, words in _REASON_WORDS:
        if any(w in low for w in words):
            return kind
    return "advertiser_activity"


#: extra count per reason: distinct advertisers, set only when the file's shape can show it
REASON_COUNTS = {
    "advertiser_list_upload": "advertisers_list_upload",
    "advertiser_activity": "advertisers_activity",
    "advertiser_store_visit": "advertisers_store_visit",
}


def read_advertisers(ctx: MetaContext, f: ExportFile, data: Any) -> None:
    """Advertisers using your activity or information (custom audiences), every generation.

    One ``AdItem(kind="advertiser")`` per distinct advertiser, plus one AdItem per reason:
    ``advertiser_list_upload`` (uploaded a list with your information), ``advertiser_activity``
    (used your activity on their site or app), ``advertiser_store_visit`` (in-person store
    visit). ``extra_counts["advertisers"]`` = number of distinct advertiser names; per reason
    ``advertisers_list_upload`` / ``advertisers_activity`` / ``advertisers_store_visit`` =
    distinct names, set only when the file can show that reason (Facebook's G1
    contact-list file shows list uploads only)."""
    from privacyscope.model import AdItem

    keys = (
        "ig_custom_audiences_all_types",
        "custom_audiences_all_types_v2",
        "custom_audiences_all_types",
        "custom_audiences",
        "custom_audiences_v2",
    )
    ctx.touch("advertisers")
    seen: dict[str, None] = dict.fromkeys(
        a.name or "" for a in ctx.result.records.of(AdItem) if a.kind == "advertiser"
    )
    by_reason: dict[str, set[str]] = {}
    shown: set[str] = set()

    def advertiser(name: str | None, ref: str) -> None:
        if name is None or name in seen:
            return
        seen[name] = None
        ctx.add("advertisers", AdItem(kind="advertiser", name=name, ref=ref))

    def reason(kind: str, name: str | None, ref: str) -> None:
        ctx.add("advertisers", AdItem(kind=kind, name=name, ref=ref))
        if name is not None:
            by_reason.setdefault(kind, set()).add(name)

    for ri, raw in enumerate(top_records(ctx, data, f.name, keys)):
        where = f"{f.name}[{ri}]"
        if isinstance(raw, str):  # G1: custom_audiences: [advertiser names]
            shown.add("advertiser_list_upload")
            advertiser(raw, where)
            reason("advertiser_list_upload", raw, where)
            continue
        d = as_dict(raw, where)
        if "label_values" in d:
            shown.update(REASON_COUNTS)
            for li, lv in enumerate(as_list(d["label_values"], where + ".label_values")):
                lw = f"{where}.label_values[{li}]"
                label, e = _lv_entry(ctx, lv, f"{f.name}.label_values")
                if label is None:
                    raise ShapeError(f"label_values item without a label at {lw}")
                kind = reason_kind(ctx.canon(label, f.name))
                for vi, item in enumerate(e.vec):
                    advertiser(item.text, f"{lw}.vec[{vi}]")
                    reason(kind, item.text, f"{lw}.vec[{vi}]")
            continue
        shown.update(REASON_COUNTS)
        ctx.check_keys(f.name, d, ("advertiser_name", *ADVERTISER_KINDS))
        name = as_str(d.get("advertiser_name"), where)
        advertiser(name, where)
        for flag, kind in ADVERTISER_KINDS.items():
            if d.get(flag) is True:
                reason(kind, name, where)
    ctx.result.extra_counts["advertisers"] = len(seen)
    if not shown:  # an empty file still shows "none", for the reasons its kind can show
        shown = {"advertiser_list_upload"} if "contact_list" in f.basename else set(REASON_COUNTS)
    for kind, count_name in REASON_COUNTS.items():
        if kind in shown:
            prev = ctx.result.extra_counts.get(count_name, 0)
            ctx.result.extra_counts[count_name] = max(prev, len(by_reason.get(kind, ())))


def read_label_settings(ctx: MetaContext, f: ExportFile, data: Any) -> None:
    """A settings file (Instagram ``preferences/settings/*.json``, Facebook privacy settings,
    ad preferences): every labelled value becomes a setting, raw key and value kept."""
    groups: list[tuple[Any, tuple[str, ...]]]
    if isinstance(data, dict) and "label_values" not in data:
        groups = [({k: v}, (k,)) for k, v in data.items()]
    else:
        groups = [(data, ())]
    for group, keys in groups:
        for ref, rec in each_record(ctx, f, group, keys):
            for canon, entry in rec.fields.items():
                ctx.setting(rec.raw_labels.get(canon, canon), entry.text, ref)
            for i, item in enumerate(rec.items):
                if rec.title:
                    ctx.setting(rec.title, item.text, f"{ref}.string_list_data[{i}]")


def read_other_categories(ctx: MetaContext, f: ExportFile, data: Any) -> None:
    """Categories used to reach you (label_values "Name" vec): AdItem(kind="category")."""
    from privacyscope.model import AdItem

    ctx.touch("ad_categories")
    for ref, rec in each_record(ctx, f, data, ("label_values",)):
        entry = rec.fields.get("Name")
        values = entry.vec if entry and entry.vec else ([entry] if entry else [])
        for i, e in enumerate(values):
            ctx.add("ad_categories", AdItem(kind="category", name=e.text, ref=f"{ref}.vec[{i}]"))


def sniff_json_keys(f: ExportFile, limit: int = 4096) -> str:
    """The first bytes of a file as text (bounded peek for detection)."""
    try:
        with f.open() as fh:
            head = fh.read(limit)
    except InputError:
        return ""
    return bytes(head).decode("utf-8", "replace")


# --------------------------------------------------------------------------------------------
# Detection markers: paths only Instagram or only Facebook exports use. Shared folders
# (security_and_login_information/, logged_information/, messages/...) count for neither.

IG_DIRS = (
    "your_instagram_activity",
    "apps_and_websites_off_of_instagram",
    "instagram_ads_and_businesses",
    "login_and_profile_creation",
    "login_and_account_creation",
    "followers_and_following",
    "recent_searches",
    "ads_and_content",
)
#: file names only Instagram uses
IG_FILES = (
    "seen_content.json",
    "followers_1.json",
    "liked_posts.json",
    "profile_searches.json",
    "word_or_phrase_searches.json",
    "signup_details.json",
    "profile_based_in.json",
    "account_based_in.json",
    "last_known_location.json",
    "profile_activity.json",
)
#: generic names: they count only when a peek shows a Meta structure
IG_WEAK = (
    "login_activity.json",
    "personal_information.json",
    "account_history.json",
    "connections.json",
    "account_searches.json",
    "tag_searches.json",
    "signup_information.json",
)
FB_DIRS = (
    "your_facebook_activity",
    "apps_and_websites_off_of_facebook",
    "your_activity_across_facebook",
    "about_you",
    "friends_and_followers",
    "other_logged_information",
    "facebook_news",
    "facebook_marketplace",
    "facebook_gaming",
)
FB_FILES = (
    "logins_and_logouts.json",
    "where_you're_logged_in.json",
    "ip_address_activity.json",
    "used_ip_addresses.json",
    "your_off-facebook_activity.json",
    "recognized_devices.json",
    "advertisers_you've_interacted_with.json",
    "your_friends.json",
    "who_you've_followed.json",
    "advertisers_who_uploaded_a_contact_list_with_your_information.json",
)
FB_WEAK = (
    "account_activity.json",
    "profile_information.json",
    "mobile_devices.json",
    "your_search_history.json",
    "primary_location.json",
    "last_location.json",
    "location_history.json",
    "registration_information.json",
    "your_devices.json",
)
#: byte strings seen only in Meta JSON (record shapes, Meta key prefixes)
META_SIGNATURES = (
    b"account_history_",
    b"string_map_data",
    b"string_list_data",
    b"label_values",
    b'_v2"',
    b"relationships_",
    b"profile_user",
    b"off_facebook_activity",
    b'"login_history"',
    b'"account_accesses"',
    b'"account_activity"',
    b'"location_history"',
    b'"profile"',
)
#: files that are TikTok's, never Meta's (a TikTok export must not be claimed)
TIKTOK_FILES = ("user_data.json", "user_data_tiktok.json", "tiktok_data.json")
_MAX_PEEKS = 3


def _meta_peek(f: ExportFile) -> bool:
    try:
        with f.open() as fh:
            head = bytes(fh.read(2048))
    except InputError:
        return False
    return any(sig in head for sig in META_SIGNATURES)


def marker_counts(inp: ExportInput) -> tuple[int, int, int]:
    """(Instagram markers, Facebook markers, JSON files) over the export's paths. Generic file
    names count only when no distinctive marker exists and a bounded peek (2 KB of at most
    three files) shows a Meta structure."""
    ig = fb = js = 0
    weak_ig: list[ExportFile] = []
    weak_fb: list[ExportFile] = []
    for f in inp.files:
        low = f.name.lower()
        base = f.basename.lower()
        if low.endswith(".json"):
            js += 1
        if base in TIKTOK_FILES:
            return 0, 0, js
        dirs = low.split("/")[:-1]
        ig += sum(1 for d in dirs if d in IG_DIRS) + (base in IG_FILES)
        fb += sum(1 for d in dirs if d in FB_DIRS) + (base in FB_FILES)
        if base in IG_WEAK:
            weak_ig.append(f)
        if base in FB_WEAK:
            weak_fb.append(f)
    if ig == 0:
        ig = sum(1 for f in weak_ig[:_MAX_PEEKS] if _meta_peek(f))
    if fb == 0:
        fb = sum(1 for f in weak_fb[:_MAX_PEEKS] if _meta_peek(f))
    return ig, fb, js


def has_dir(inp: ExportInput, *names: str) -> bool:
    for f in inp.files:
        dirs = f.name.lower().split("/")[:-1]
        if any(n in dirs for n in names):
            return True
    return False


def find_file(inp: ExportInput, *basenames: str) -> ExportFile | None:
    for f in inp.files:
        if f.basename in basenames:
            return f
    return None


def detection_score(own: int, other: int) -> float:
    """Score for the platform with ``own`` markers against ``other``'s."""
    return round(0.05 + 0.9 * own / (own + other), 3)


def html_only(inp: ExportInput) -> bool:
    names = [f.name.lower() for f in inp.files]
    return any(n.endswith(".html") for n in names) and not any(n.endswith(".json") for n in names)
