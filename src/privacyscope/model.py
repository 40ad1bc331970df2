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

import itertools
from array import array
from collections import Counter
from collections.abc import Container, Iterable, Iterator, Sequence
from datetime import date, timedelta
from functools import cache
from operator import attrgetter
from typing import Any, ClassVar, TypeVar, overload

import msgspec
import numpy as np
import numpy.typing as npt


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

#: ``Columns`` stores ``time`` as epoch seconds; this marks "no time"
NO_TIME = -(2**63)
_DAYS: dict[int, str] = {}


def epoch_to_iso(t: int) -> str | None:
    """Epoch seconds -> ``YYYY-MM-DDTHH:MM:SSZ`` (``None`` for :data:`NO_TIME`)."""
    if t == NO_TIME:
        return None
    day, rest = divmod(t, 86400)
    d = _DAYS.get(day)
    c = _CLOCK.get(rest)
    if c is None:
        c = _CLOCK[rest] = _clock(rest)
    return (d if d is not None else day_of_epoch(day)) + c


#: ``THH:MM:SSZ`` of the seconds of the day used so far (all 86,400 would hold ~6 MB)
_CLOCK: dict[int, str] = {}


def _clock(rest: int) -> str:
    h, rest = divmod(rest, 3600)
    m, s = divmod(rest, 60)
    return f"T{h:02d}:{m:02d}:{s:02d}Z"


def day_of_epoch(day: int) -> str:
    """Day number since 1970-01-01 -> ``YYYY-MM-DD``."""
    d = _DAYS.get(day)
    if d is None:
        d = _DAYS[day] = (_EPOCH_DAY + timedelta(days=day)).isoformat()
    return d


def iso_to_epoch(iso: str) -> int:
    """``YYYY-MM-DDTHH:MM:SSZ`` -> epoch seconds."""
    d = (date(int(iso[0:4]), int(iso[5:7]), int(iso[8:10])) - _EPOCH_DAY).days
    return d * 86400 + int(iso[11:13]) * 3600 + int(iso[14:16]) * 60 + int(iso[17:19])


_EPOCH_DAY = date(1970, 1, 1)


def time_array(col: Sequence[int]) -> npt.NDArray[np.int64]:
    """A ``time`` column (epoch seconds, :data:`NO_TIME` for none) as a numpy int64 array:
    a zero-copy view of an ``array('q')``; any other sequence goes through ``np.asarray``
    (a compact column type can make that cheap with ``__array__``)."""
    if isinstance(col, array) and col.typecode == "q":
        return np.frombuffer(col, dtype=np.int64) if len(col) else np.empty(0, np.int64)
    return np.asarray(col, dtype=np.int64)


class Columns:
    """A run of records of one type from one list, stored column-wise (see ADR 0006).

    Large sections (watch history, logins, off-platform events, messages) hold millions of
    records; one Struct and one ``ref`` string each would cost several times the export's size.
    A run keeps each field as a column (``time`` as epoch seconds in an ``array('q')``, strings
    of few distinct values dictionary-coded as ``compact.CodedStrings``, other strings in a
    list), fields equal for the whole run as constants, and builds ``ref`` as
    ``f"{ref_base}[{i}]"``. Records are built only when someone asks for one.
    """

    __slots__ = ("cols", "const", "n", "ref_base", "rtype", "start")

    def __init__(
        self,
        rtype: type[Record],
        ref_base: str,
        n: int,
        const: dict[str, Any],
        cols: dict[str, Sequence[Any]],
        start: int = 0,
    ) -> None:
        self.rtype = rtype
        self.ref_base = ref_base
        self.n = n
        self.const = const
        self.cols = cols  # "time" is an array('q') of epochs (NO_TIME for none)
        self.start = start  # index of the first record in its list (streamed batches)

    def ref(self, i: int) -> str:
        return f"{self.ref_base}[{self.start + i}]"

    def record(self, i: int) -> Record:
        kw = dict(self.const)
        for f, col in self.cols.items():
            kw[f] = epoch_to_iso(col[i]) if f == "time" else col[i]
        return self.rtype(ref=self.ref(i), **kw)

    def values(self, field: str) -> Iterable[Any]:
        """One field of every record, in order (``time`` as ISO strings)."""
        col = self.cols.get(field)
        if col is None:
            if field == "ref":
                return (self.ref(i) for i in range(self.n))
            default = self.const.get(field, _defaults(self.rtype).get(field))
            return itertools.repeat(default, self.n)
        if field == "time":
            return (epoch_to_iso(t) for t in col)
        return col

    def epochs(self) -> Iterable[int]:
        """``time`` as epoch seconds (:data:`NO_TIME` when absent)."""
        col = self.cols.get("time")
        return col if col is not None else itertools.repeat(NO_TIME, self.n)


@cache
def _defaults(rtype: type[Record]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f, d in zip(
        rtype.__struct_fields__[-len(rtype.__struct_defaults__) :],
        rtype.__struct_defaults__,
        strict=True,
    ):
        out[f] = d
    return out


Part = Columns | Sequence[Any]


def parts_of(records: Sequence[Record]) -> list[Part]:
    """The runs of a type's records: lists of records and :class:`Columns`."""
    return records.parts() if isinstance(records, RecordList) else [records]


def iter_part(part: Part) -> Iterator[Any]:
    """The records of one run (built one by one for :class:`Columns`)."""
    if isinstance(part, Columns):
        return (part.record(i) for i in range(part.n))
    return iter(part)


def ref_of(records: Sequence[Record], index: int) -> str:
    """``records[index].ref`` without building the record."""
    for p in parts_of(records):
        size = p.n if isinstance(p, Columns) else len(p)
        if index < size:
            return p.ref(index) if isinstance(p, Columns) else str(p[index].ref)
        index -= size
    raise IndexError("record index out of range")


class RecordList(Sequence[R]):
    """The records of one type when some of them are stored as :class:`Columns`.

    A read-only sequence (iteration, ``len``, indexing, slicing, equality) that builds records
    on access. Use :func:`values`, :func:`epochs` and :func:`count_by` to read one field of
    millions of records without building them.
    """

    def __init__(self, parts: list[Part]) -> None:
        self._parts = parts

    def __len__(self) -> int:
        return sum(p.n if isinstance(p, Columns) else len(p) for p in self._parts)

    def __iter__(self) -> Iterator[R]:
        for p in self._parts:
            if isinstance(p, Columns):
                for i in range(p.n):
                    yield p.record(i)  # type: ignore[misc]
            else:
                yield from p

    @overload
    def __getitem__(self, index: int) -> R: ...
    @overload
    def __getitem__(self, index: slice) -> list[R]: ...
    def __getitem__(self, index: int | slice) -> R | list[R]:
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self))
            if step == 1 and start == 0:
                return list(itertools.islice(self, stop))
            return [self[i] for i in range(start, stop, step)]
        n = len(self)
        if index < 0:
            index += n
        if not 0 <= index < n:
            raise IndexError("record index out of range")
        for p in self._parts:
            size = p.n if isinstance(p, Columns) else len(p)
            if index < size:
                return p.record(index) if isinstance(p, Columns) else p[index]  # type: ignore[return-value]
            index -= size
        raise IndexError("record index out of range")  # pragma: no cover

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"RecordList({len(self)} records)"

    def parts(self) -> list[Part]:
        return self._parts


def values(records: Sequence[Record], field: str) -> Iterator[Any]:
    """One field of every record without building column-stored records."""
    return itertools.chain.from_iterable(
        p.values(field) if isinstance(p, Columns) else map(attrgetter(field), p)
        for p in parts_of(records)
    )


def epochs(records: Sequence[Record]) -> Iterator[int]:
    """``time`` of every record as epoch seconds (:data:`NO_TIME` when absent)."""
    for p in parts_of(records):
        if isinstance(p, Columns):
            yield from p.epochs()
        else:
            for r in p:
                t = getattr(r, "time", None)
                yield iso_to_epoch(t) if t else NO_TIME


def epoch_array(records: Sequence[Record]) -> npt.NDArray[np.int64]:
    """``time`` of every record as one numpy int64 array (:data:`NO_TIME` when absent);
    column-stored runs are copied as they are, never built into records. One array is
    allocated and filled run by run (no list of per-run arrays, no concatenation)."""
    out = np.empty(len(records), dtype=np.int64)
    k = 0
    for p in parts_of(records):
        if isinstance(p, Columns):
            n = p.n
            out[k : k + n] = time_array(p.cols["time"]) if "time" in p.cols else NO_TIME
        else:
            n = len(p)
            out[k : k + n] = np.fromiter(epochs(p), dtype=np.int64, count=n)
        k += n
    return out


def present_mask(records: Sequence[Record], field: str) -> npt.NDArray[np.bool_]:
    """Which records have a truthy ``field`` (not None, not empty), as a numpy bool array
    (dictionary-coded columns are looked up by code, not iterated)."""
    out = np.empty(len(records), dtype=np.bool_)
    k = 0
    for p in parts_of(records):
        col = p.values(field) if isinstance(p, Columns) else map(attrgetter(field), p)
        n = p.n if isinstance(p, Columns) else len(p)
        code_array = getattr(col, "code_array", None)  # compact.CodedStrings
        if code_array is not None:
            lut = np.array([bool(v) for v in getattr(col, "values")], dtype=np.bool_)  # noqa: B009
            out[k : k + n] = lut[code_array()]
        else:
            out[k : k + n] = np.fromiter(map(bool, col), dtype=np.bool_, count=n)
        k += n
    return out


def distinct(
    records: Sequence[Record], field: str, kinds: Container[str] | None = None
) -> set[Any]:
    """The distinct values of one field (of records whose ``kind`` is in ``kinds``), without
    building column-stored records; a dictionary-coded column gives its values as they are."""
    out: set[Any] = set()
    for p in parts_of(records):
        if not isinstance(p, Columns):
            out.update(getattr(r, field) for r in p if kinds is None or r.kind in kinds)
        elif kinds is None:
            out.update(_distinct_of(p.values(field)))
        elif "kind" not in p.cols:
            if p.const.get("kind", _defaults(p.rtype).get("kind")) in kinds:
                out.update(_distinct_of(p.values(field)))
        else:
            pairs = zip(p.values("kind"), p.values(field), strict=True)
            out.update(v for k, v in pairs if k in kinds)
    return out


def _distinct_of(col: Iterable[Any]) -> Iterable[Any]:
    """A column's values; a dictionary-coded one (``compact.CodedStrings``, every distinct value
    used) gives its distinct values without iterating its records."""
    return getattr(col, "values") if hasattr(col, "code_array") else col  # noqa: B009


def count_by(records: Sequence[Record], field: str) -> Counter[Any]:
    """``Counter`` of one field; constant columns are counted without iterating."""
    out: Counter[Any] = Counter()
    for p in parts_of(records):
        if isinstance(p, Columns) and field not in p.cols:
            out[next(iter(p.values(field)), None)] += p.n
        elif isinstance(p, Columns):
            col = p.values(field)
            counts = getattr(col, "value_counts", None)  # compact.CodedStrings: numpy
            out.update(counts() if counts is not None else col)
        else:
            out.update(getattr(r, field) for r in p)
    return out


def time_range(
    records: Sequence[Record], kinds: Container[str] | None = None
) -> tuple[str | None, str | None]:
    """Earliest and latest ``time`` (of records whose ``kind`` is in ``kinds``), as ``min`` /
    ``max`` of the strings would give them, without building column-stored records."""
    lo: str | None = None
    hi: str | None = None
    for p in parts_of(records):
        if kinds is not None and isinstance(p, Columns):
            if "kind" in p.cols:
                p = [r for r in iter_part(p) if r.kind in kinds]
            elif p.const.get("kind") not in kinds:
                continue
        elif kinds is not None:
            p = [r for r in iter_part(p) if r.kind in kinds]
        if isinstance(p, Columns):
            col = p.cols.get("time")
            ts = time_array(col) if col is not None else np.empty(0, np.int64)
            ts = ts[ts != NO_TIME]
            if not ts.size:
                continue
            a, b = epoch_to_iso(int(ts.min())), epoch_to_iso(int(ts.max()))
        else:
            isos = [t for t in (getattr(r, "time", None) for r in p) if t]
            if not isos:
                continue
            a, b = min(isos), max(isos)
        lo = a if lo is None or (a is not None and a < lo) else lo
        hi = b if hi is None or (b is not None and b > hi) else hi
    return lo, hi


class RecordSet:
    """All records of one export, grouped by record type, in export order."""

    def __init__(self) -> None:
        self._by_type: dict[type[Record], list[Part]] = {t: [[]] for t in RECORD_TYPES}

    def add(self, record: Record) -> None:
        parts = self._by_type[type(record)]
        last = parts[-1]
        if isinstance(last, list):
            last.append(record)
        else:
            parts.append([record])

    def extend(self, records: list[Record]) -> None:
        for r in records:
            self.add(r)

    def add_columns(self, run: Columns) -> None:
        if run.n:
            parts = self._by_type[run.rtype]
            if isinstance(parts[-1], list) and not parts[-1]:
                parts.pop()
            parts.append(run)

    def of(self, kind: type[R]) -> list[R]:
        """The records of one type: a list, or a :class:`RecordList` when column-stored."""
        parts = self._by_type[kind]
        if len(parts) == 1 and isinstance(parts[0], list):
            return parts[0]
        return RecordList(parts)  # type: ignore[return-value]

    def types(self) -> Iterator[tuple[type[Record], list[Record]]]:
        for t in self._by_type:
            yield t, self.of(t)

    def __len__(self) -> int:
        return sum(
            p.n if isinstance(p, Columns) else len(p)
            for parts in self._by_type.values()
            for p in parts
        )


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
