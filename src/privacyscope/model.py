"""The platform-neutral record model.

Every platform reader maps its export into these record types. The model does no I/O
and imports nothing from the rest of the package (see docs/adr/0001-architecture.md).

Conventions
-----------
* ``time`` fields are ISO-8601 UTC strings ``YYYY-MM-DDTHH:MM:SSZ`` (or ``None`` when the
  export gives no usable time). Strings sort chronologically and read well in SQLite.
* ``ref`` points at the place in the export a record came from, e.g.
  ``"Your Activity/Login History/LoginHistoryList[12]"``. It is the evidence pointer used by
  findings and the stable id in the SQLite output.
* Text from the export is kept verbatim; reporters escape it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar, TypeVar

import msgspec


class Record(msgspec.Struct, kw_only=True, gc=False):
    """Base class. ``table`` is the SQLite table and the RecordSet bucket."""

    table: ClassVar[str] = "records"
    #: columns searched with SQLite full-text search
    fts: ClassVar[tuple[str, ...]] = ()
    #: columns worth faceting on in datasette
    facets: ClassVar[tuple[str, ...]] = ()
    ref: str = ""


class Login(Record, kw_only=True, gc=False):
    """A login or session event."""

    table: ClassVar[str] = "logins"
    facets: ClassVar[tuple[str, ...]] = ("device_model", "os", "network_type", "carrier")
    time: str | None = None
    ip: str | None = None
    device_model: str | None = None
    os: str | None = None
    network_type: str | None = None
    carrier: str | None = None
    kind: str = "login"  # login | logout | session | ip_activity


class DeviceIdentifier(Record, kw_only=True, gc=False):
    """One device or advertising identifier as the export lists it (empty values included)."""

    table: ClassVar[str] = "device_identifiers"
    facets: ClassVar[tuple[str, ...]] = ("id_type", "advertising")
    id_type: str  # IDFA, GAID, Android ID, IDFV, Web ID, DID, ...
    value: str | None = None
    advertising: bool = False  # IDFA / GAID: resettable advertising ids
    device: str | None = None  # resolution / app version / model, whatever identifies the device
    time: str | None = None


class OffPlatformEvent(Record, kw_only=True, gc=False):
    """An event a business or app reported to the platform about the user."""

    table: ClassVar[str] = "off_platform_events"
    facets: ClassVar[tuple[str, ...]] = ("source", "event")
    fts: ClassVar[tuple[str, ...]] = ("source",)
    time: str | None = None
    source: str | None = None
    event: str | None = None


class AdItem(Record, kw_only=True, gc=False):
    """Ad interests, advertisers and data partners, ads seen/clicked."""

    table: ClassVar[str] = "ads"
    facets: ClassVar[tuple[str, ...]] = ("kind",)
    fts: ClassVar[tuple[str, ...]] = ("name",)
    kind: (
        str  # interest | advertiser | partner | ad_visit | form_response | impression | engagement
    )
    name: str | None = None
    time: str | None = None
    link: str | None = None


class Setting(Record, kw_only=True, gc=False):
    """A setting exactly as exported, with its normalised meaning when known."""

    table: ClassVar[str] = "settings"
    facets: ClassVar[tuple[str, ...]] = ("meaning",)
    key: str
    value: str | None = None  # raw value, JSON-encoded when not a string
    meaning: str | None = None  # normalised name, e.g. "account_private"
    normalized: str | None = None  # normalised value, e.g. "on", "off", "everyone", "friends"


class Post(Record, kw_only=True, gc=False):
    table: ClassVar[str] = "posts"
    facets: ClassVar[tuple[str, ...]] = ("visibility", "allow_duet", "allow_stitch", "deleted")
    fts: ClassVar[tuple[str, ...]] = ("title", "location")
    time: str | None = None
    link: str | None = None
    title: str | None = None
    visibility: str | None = None  # everyone | friends | only_me | raw value when unknown
    allow_comments: bool | None = None
    allow_duet: bool | None = None
    allow_stitch: bool | None = None
    allow_download: bool | None = None
    location: str | None = None
    likes: int | None = None
    deleted: bool = False
    deleted_time: str | None = None
    kind: str = "post"  # post | story


class Message(Record, kw_only=True, gc=False):
    table: ClassVar[str] = "messages"
    facets: ClassVar[tuple[str, ...]] = ("chat", "sender", "kind")
    fts: ClassVar[tuple[str, ...]] = ("content",)
    time: str | None = None
    chat: str | None = None  # the other party / chat title
    sender: str | None = None
    content: str | None = None
    kind: str = "direct"  # direct | group | ai_chat


class Comment(Record, kw_only=True, gc=False):
    table: ClassVar[str] = "comments"
    fts: ClassVar[tuple[str, ...]] = ("text",)
    time: str | None = None
    text: str | None = None
    link: str | None = None
    kind: str = "comment"  # comment | live_comment


class ActivityEvent(Record, kw_only=True, gc=False):
    """Watch / search / like / favorite / share / follow / block / hashtag ... events."""

    table: ClassVar[str] = "activity"
    facets: ClassVar[tuple[str, ...]] = ("kind", "method")
    fts: ClassVar[tuple[str, ...]] = ("value", "title")
    kind: str  # watch | search | like | favorite_video | favorite_sound | ... | share | follower
    time: str | None = None
    value: str | None = None  # link, search term, username, hashtag...
    title: str | None = None
    method: str | None = None  # share method etc.


class Location(Record, kw_only=True, gc=False):
    table: ClassVar[str] = "locations"
    facets: ClassVar[tuple[str, ...]] = ("kind", "region")
    fts: ClassVar[tuple[str, ...]] = ("place",)
    kind: str  # recent | post | review | region | history | visit
    time: str | None = None
    place: str | None = None
    region: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    raw: str | None = None


class ProfileField(Record, kw_only=True, gc=False):
    table: ClassVar[str] = "profile"
    facets: ClassVar[tuple[str, ...]] = ("category",)
    key: str
    value: str | None = None
    #: email | phone | birth_date | address | name | username | bio | linked_platform |
    #: gender | region | photo | link | other
    category: str = "other"


class Purchase(Record, kw_only=True, gc=False):
    table: ClassVar[str] = "purchases"
    facets: ClassVar[tuple[str, ...]] = ("kind",)
    fts: ClassVar[tuple[str, ...]] = ("item",)
    kind: str  # gift_sent | coins | order | cart | product_view | wallet | address
    time: str | None = None
    item: str | None = None
    amount: str | None = None
    counterparty: str | None = None


class Contact(Record, kw_only=True, gc=False):
    table: ClassVar[str] = "contacts"
    name: str | None = None
    detail: str | None = None
    time: str | None = None


class OtherRecord(Record, kw_only=True, gc=False):
    """A record from a recognised section the model has no type for (live, shop...)."""

    table: ClassVar[str] = "other_records"
    facets: ClassVar[tuple[str, ...]] = ("section",)
    section: str
    time: str | None = None
    data: str | None = None  # JSON of the raw record


RECORD_TYPES: tuple[type[Record], ...] = (
    Login,
    DeviceIdentifier,
    OffPlatformEvent,
    AdItem,
    Setting,
    Post,
    Message,
    Comment,
    ActivityEvent,
    Location,
    ProfileField,
    Purchase,
    Contact,
    OtherRecord,
)


class Unrecognized(msgspec.Struct, kw_only=True):
    """A section or key the reader did not recognise: reported, never dropped."""

    path: str  # section path, or section path + "." + key
    kind: str  # "section" | "key" | "file"
    records: int = 0  # how many records hold it
    example_keys: list[str] = msgspec.field(default_factory=list)


class Unreadable(msgspec.Struct, kw_only=True):
    """Part of an export that could not be read: reported prominently."""

    path: str
    reason: str


R = TypeVar("R", bound=Record)


class RecordSet:
    """All records of one export, grouped by record type, in export order."""

    def __init__(self) -> None:
        self._by_type: dict[type[Record], list[Record]] = {t: [] for t in RECORD_TYPES}

    def add(self, record: Record) -> None:
        self._by_type[type(record)].append(record)

    def extend(self, records: list[Record]) -> None:
        for r in records:
            self._by_type[type(r)].append(r)

    def of(self, kind: type[R]) -> list[R]:
        return self._by_type[kind]  # type: ignore[return-value]

    def types(self) -> Iterator[tuple[type[Record], list[Record]]]:
        yield from self._by_type.items()

    def __len__(self) -> int:
        return sum(len(v) for v in self._by_type.values())


def to_builtins(record: Record) -> dict[str, Any]:
    out: dict[str, Any] = msgspec.to_builtins(record)
    return out


#: The normalised setting vocabulary shared by all platforms: ``Setting.meaning`` ->
#: allowed ``Setting.normalized`` values. Readers map their raw keys/values onto these;
#: findings only ever look at these (the raw key and value stay in the record as evidence).
SETTING_MEANINGS: dict[str, tuple[str, ...]] = {
    "account_private": ("on", "off"),
    "personalized_ads": ("on", "off"),
    "ads_off_platform_activity": ("on", "off"),  # ads based on partners' data / off-platform
    "downloads": ("everyone", "friends", "off"),
    "duet": ("everyone", "friends", "only_me", "off"),
    "stitch": ("everyone", "friends", "only_me", "off"),
    "comments": ("everyone", "friends", "only_me", "off"),
    "messages": ("everyone", "friends", "only_me", "off"),
    "reuse_of_content": ("everyone", "friends", "off"),
    "liked_videos_visibility": ("everyone", "friends", "only_me"),
    "following_list_visibility": ("everyone", "friends", "only_me"),
    "suggest_to_contacts": ("on", "off"),
    "suggest_to_facebook_friends": ("on", "off"),
    "suggest_to_link_openers": ("on", "off"),
    "findable_by_others": ("on", "off"),  # found by email / phone / contacts
    "location_history": ("on", "off"),
    "web_and_app_activity": ("on", "off"),
    "activity_status": ("on", "off"),
    "filter_comments": ("on", "off"),
}
