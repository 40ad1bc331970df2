"""TikTok sections -> records. Shared by the JSON reader and the TXT reader.

A section is found by its name, whatever category holds it (the same section moves between
``Activity``, ``Your Activity``, ``Profile And Settings`` and ``Likes and Favorites`` across
generations). ``HANDLERS`` maps a normalised section name to a handler; each handler turns the
section's value into records and reports the keys it did not expect.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import msgspec

from privacyscope.model import (
    ActivityEvent,
    AdItem,
    Columns,
    Comment,
    DeviceIdentifier,
    Location,
    Login,
    Message,
    OffPlatformEvent,
    OtherRecord,
    Post,
    ProfileField,
    Purchase,
    Record,
    Unrecognized,
)
from privacyscope.sources.base import ReadResult
from privacyscope.sources.tiktok.columnar import Fields, RawList, Seen
from privacyscope.sources.tiktok.settings import is_known_setting, settings_records
from privacyscope.sources.tiktok.values import as_int, cfirst, clean, first, raw_json, yes_no
from privacyscope.timeparse import parse_time

#: keys that wrap lists everywhere and carry no data of their own
WRAPPER_KEYS = frozenset({"App", "IsFastLane"})
_MISSING: Any = object()


def norm_name(name: str) -> str:
    """Normalise a section name: case, spaces, punctuation ("Income+ Wallet" ~ "Income Plus")."""
    n = name.lower().replace("+", " plus ").replace("&", " and ")
    return re.sub(r"[^a-z0-9]+", "", n)


class SectionContext:
    """Collects records, section inventory and unknown keys while a reader walks an export."""

    def __init__(self, result: ReadResult, full: bool = True) -> None:
        self.result = result
        self._unknown: dict[tuple[str, str], int] = {}
        self.seen = Seen()
        self.records_read = 0
        #: keep every field (``--db``); False drops fields the audit never reads
        self.full = full
        #: "section:<path>" -> the section's ``section_runs``, computed ahead of the walk
        #: (see ``parallel``); None when the fast path refused the section
        self.prefetched: dict[str, Any] = {}

    # -- records -------------------------------------------------------------------------
    def add(self, record: Record) -> None:
        self.result.records.add(record)
        self.records_read += 1

    def add_run(self, run: Columns) -> None:
        self.result.records.add_columns(run)
        self.records_read += run.n

    def inventory(self, path: str, n: int) -> None:
        self.result.sections[path] = self.result.sections.get(path, 0) + n

    def unknown_key(self, path: str, key: str, count: int = 1) -> None:
        k = (path, key)
        self._unknown[k] = self._unknown.get(k, 0) + count

    def unknown_section(self, path: str, value: Any) -> None:
        n, keys = _count_records(value)
        self.result.unrecognized.append(
            Unrecognized(path=path, kind="section", records=n, example_keys=keys[:10])
        )
        for i, item in enumerate(_iter_records(value)):
            self.add(
                OtherRecord(
                    ref=f"{path}[{i}]", section=path, data=raw_json(item), time=_any_time(item)
                )
            )
        self.inventory(path, n)

    def duplicate_of(self, handler: str, path: str, value: Any) -> str | None:
        """If an identical section was already read by ``handler``, return its path."""
        return self.seen.duplicate_of(handler, path, value)

    def finish(self) -> None:
        for (path, key), count in sorted(self._unknown.items()):
            self.result.unrecognized.append(
                Unrecognized(path=f"{path}.{key}", kind="key", records=count)
            )
        self._unknown.clear()
        self.seen.clear()

    # -- walking lists -------------------------------------------------------------------
    def each(
        self,
        value: Any,
        path: str,
        list_keys: tuple[str, ...],
        known: frozenset[str],
        build: Callable[[dict[str, Any], str], Record | None],
        dedupe: str | None = None,
    ) -> int:
        """Build a record from every item of the section's list(s); report unknown keys."""
        lists = list(_find_lists(value, list_keys, path, self))
        total = 0
        for list_path, items in lists:
            if dedupe is not None:
                dup = self.duplicate_of(dedupe, list_path, items)
                if dup is not None:
                    self.result.notes.append(
                        f"{list_path} repeats {dup} record for record: counted once"
                    )
                    continue
            run = _as_run(build, items, known, list_path, self.full)
            if run is not None:
                self.add_run(run)
                n = run.n
            else:
                n = self.each_item(items, list_path, known, build)
            self.inventory(list_path, n)
            total += n
        return total

    def each_item(
        self,
        items: list[Any],
        list_path: str,
        known: frozenset[str],
        build: Callable[[dict[str, Any], str], Record | None],
        start: int = 0,
    ) -> int:
        """Records from the items of one list (``start``: index of the first item)."""
        last_keys: tuple[str, ...] = ()
        last_unknown: list[str] = []
        n = 0
        for i, item in enumerate(items, start):
            ref = f"{list_path}[{i}]"
            if not isinstance(item, dict):
                if item is not None:
                    self.unknown_key(list_path, f"<{type(item).__name__} item>")
                continue
            keys = tuple(item)
            if keys != last_keys:  # records share a shape: check keys once per shape
                last_keys = keys
                last_unknown = [k for k in keys if k not in known]
            for k in last_unknown:
                self.unknown_key(list_path, k)
            rec = build(item, ref)
            if rec is not None:
                self.add(rec)
                n += 1
        return n


#: long lists of plain records (TXT exports, dicts) are read column-wise too (ADR 0006)
COLUMNAR = True
_MIN_RUN = 64


def _as_run(
    build: Any, items: list[Any], known: frozenset[str], list_path: str, full: bool
) -> Columns | None:
    """``items`` as one column run if every item is a record of known string fields."""
    if not (COLUMNAR and isinstance(build, Fields) and len(items) >= _MIN_RUN):
        return None
    try:
        item: Any = build.item_type(known)
        typed = msgspec.convert(items, type=list[item])
    except msgspec.ValidationError:
        return None
    return build.columns(typed, known, list_path, full)


def _find_lists(
    value: Any, list_keys: tuple[str, ...], path: str, ctx: SectionContext
) -> Iterable[tuple[str, list[Any]]]:
    if value is None or value == {} or value == []:
        return
    if isinstance(value, list):
        yield path, value
        return
    if not isinstance(value, dict):
        ctx.unknown_key(path, f"<{type(value).__name__}>")
        return
    for k, v in value.items():
        if k in list_keys:
            if isinstance(v, list):
                yield f"{path}/{k}", v
            elif v is None or v == {} or v == "":
                continue
            elif isinstance(v, dict):  # list given as a one-record dict
                yield f"{path}/{k}", [v]
            else:
                ctx.unknown_key(path, k)
        elif k in WRAPPER_KEYS:
            continue
        else:
            ctx.unknown_key(path, k)


def _iter_records(value: Any) -> Iterable[Any]:
    if isinstance(value, list):
        yield from value
    elif isinstance(value, dict):
        lists = [v for k, v in value.items() if isinstance(v, list) and k not in WRAPPER_KEYS]
        if lists:
            for lst in lists:
                yield from lst
        elif value:
            yield value


def _count_records(value: Any) -> tuple[int, list[str]]:
    keys: list[str] = []
    n = 0
    for item in _iter_records(value):
        n += 1
        if isinstance(item, dict) and not keys:
            keys = [str(k) for k in item]
    if isinstance(value, dict) and not keys:
        keys = [str(k) for k in value]
    return n, keys


def _any_time(item: Any) -> str | None:
    if isinstance(item, dict):
        for k in ("Date", "date", "TimeStamp", "CreateTime", "time"):
            if k in item:
                return parse_time(item[k])
    return None


# ------------------------------------------------------------------------------------------
# record builders
# ------------------------------------------------------------------------------------------
DATE_KEYS = ("Date", "date")
LINK_KEYS = ("Link", "VideoLink", "link", "Video Link")


def activity(
    kind: str, value_keys: tuple[str, ...] = LINK_KEYS, title_keys: tuple[str, ...] = ()
) -> Fields:
    fields = {"value": ("clean", value_keys)}
    if title_keys:
        fields["title"] = ("clean", title_keys)
    # links of watched / liked videos: millions of them, read by no finding
    bulky = frozenset(fields) if value_keys == LINK_KEYS else frozenset()
    return Fields(ActivityEvent, DATE_KEYS, fields, const={"kind": kind}, bulky=bulky)


login = Fields(
    Login,
    DATE_KEYS,
    {
        "ip": ("clean", ("IP", "ip")),
        "device_model": ("clean", ("DeviceModel", "Device Model")),
        "os": ("strip", ("DeviceSystem", "Device System")),
        "network_type": ("clean", ("NetworkType", "Network Type")),
        "carrier": ("clean", ("Carrier",)),
    },
)
share = Fields(
    ActivityEvent,
    DATE_KEYS,
    {
        "value": ("clean", ("Link", "link")),
        "title": ("clean", ("SharedContent", "Shared Content")),
        "method": ("clean", ("Method",)),
    },
    const={"kind": "share"},
)
off_platform = Fields(
    OffPlatformEvent,
    ("TimeStamp", "Date", "date"),
    {"source": ("clean", ("Source",)), "event": ("clean", ("Event",))},
)
#: one chat message; ``chat`` and ``kind`` are set per chat
message = Fields(
    Message,
    ("Date", "date"),
    {"sender": ("clean", ("From", "Sender", "From User")), "content": ("raw", ("Content",))},
    bulky=frozenset({"content"}),  # only the HTML report and SQLite show message texts
)
MESSAGE_KEYS = frozenset({"Date", "date", "From", "Content", "From User", "Sender"})


def comment(r: dict[str, Any], ref: str) -> Record | None:
    return Comment(
        ref=ref,
        time=parse_time(first(r, *DATE_KEYS)),
        text=cfirst(r, "Comment", "comment"),
        link=cfirst(r, "Url", "url", "originalPostUrl", "original post link", "video"),
    )


def review(r: dict[str, Any], ref: str) -> Record | None:
    return Location(
        ref=ref,
        kind="review",
        time=parse_time(first(r, *DATE_KEYS)),
        place=cfirst(r, "PlaceName", "Place Name"),
        raw=cfirst(r, "ReviewText", "Review Text"),
    )


def ad_item(
    kind: str,
    name_keys: tuple[str, ...],
    time_keys: tuple[str, ...] = DATE_KEYS,
    link_keys: tuple[str, ...] = (),
) -> Callable[[dict[str, Any], str], Record | None]:
    def build(r: dict[str, Any], ref: str) -> Record | None:
        return AdItem(
            ref=ref,
            kind=kind,
            name=cfirst(r, *name_keys) or (raw_json(r) if not name_keys else None),
            time=parse_time(first(r, *time_keys)),
            link=cfirst(r, *link_keys) if link_keys else None,
        )

    return build


_VISIBILITY = {
    "everyone": "everyone",
    "public": "everyone",
    "iedereen": "everyone",
    "friends": "friends",
    "followers": "friends",
    "vrienden": "friends",
    "only you": "only_me",
    "only me": "only_me",
    "private": "only_me",
    "alleen jij": "only_me",
}


def post(deleted: bool, kind: str = "post") -> Callable[[dict[str, Any], str], Record | None]:
    def build(r: dict[str, Any], ref: str) -> Record | None:
        vis_raw = cfirst(r, "WhoCanView", "Who can view")
        vis = _VISIBILITY.get(vis_raw.strip().lower(), vis_raw) if vis_raw else None
        return Post(
            ref=ref,
            kind=kind,
            time=parse_time(first(r, *DATE_KEYS)),
            link=cfirst(r, *LINK_KEYS),
            title=cfirst(r, "Title", "Description"),
            visibility=vis,
            allow_comments=yes_no(first(r, "AllowComments", "Allow comments")),
            allow_duet=yes_no(first(r, "AllowDuets", "Allow duets")),
            allow_stitch=yes_no(first(r, "AllowStitches", "Allow stitches")),
            location=cfirst(r, "Location"),
            likes=as_int(first(r, "Likes", "Like(s)", "Likes(s)")),
            deleted=deleted,
            deleted_time=parse_time(first(r, "DateDeleted", "Date Deleted")) if deleted else None,
        )

    return build


def purchase(
    kind: str,
    item_keys: tuple[str, ...],
    amount_keys: tuple[str, ...],
    party_keys: tuple[str, ...] = (),
    time_keys: tuple[str, ...] = DATE_KEYS,
) -> Callable[[dict[str, Any], str], Record | None]:
    def build(r: dict[str, Any], ref: str) -> Record | None:
        return Purchase(
            ref=ref,
            kind=kind,
            time=parse_time(first(r, *time_keys)),
            item=cfirst(r, *item_keys) if item_keys else None,
            amount=cfirst(r, *amount_keys) if amount_keys else None,
            counterparty=cfirst(r, *party_keys) if party_keys else None,
        )

    return build


# ------------------------------------------------------------------------------------------
# handlers: (ctx, value, path) -> None
# ------------------------------------------------------------------------------------------
Handler = Callable[[SectionContext, Any, str], None]


class ListHandler:
    """A section holding record lists under ``list_keys``; fast columnar path for big lists."""

    def __init__(
        self,
        list_keys: tuple[str, ...],
        known: Iterable[str],
        build: Callable[[dict[str, Any], str], Record | None],
        dedupe: str | None = None,
    ) -> None:
        self.list_keys = list_keys
        self.known = frozenset(known)
        self.build = build
        self.dedupe = dedupe

    def __call__(self, ctx: SectionContext, value: Any, path: str) -> None:
        ctx.each(value, path, self.list_keys, self.known, self.build, dedupe=self.dedupe)

    def fast(self, ctx: SectionContext, raw: msgspec.Raw, path: str) -> bool:
        """Read the section from its JSON text; False (nothing added) if its shape surprises."""
        if not isinstance(self.build, Fields):
            return False
        pre = ctx.prefetched.pop(f"section:{path}", _MISSING)
        if self.dedupe is None:
            found = self.section_runs(raw, path, ctx.full) if pre is _MISSING else pre
            return _add_section_runs(ctx, path, found)
        if pre is None:
            return False
        ready = {} if pre is _MISSING else dict(pre)
        decode = _list_decoder(self.build, self.known, ctx.full).decode
        for split in self.splits(raw):
            if split is None:
                return False
            lists: list[tuple[str, RawList, str | None, list[Columns]]] = []
            try:
                for k, v in split.items():
                    list_path = f"{path}/{k}"
                    seen = RawList(v, decode)
                    # a list byte-identical to one already read needs no decoding at all
                    dup = ctx.seen.find(self.dedupe, seen)
                    runs = [] if dup else ready.get(k) or self.runs(v, list_path, ctx.full)
                    lists.append((list_path, seen, dup, runs))
            except (msgspec.DecodeError, msgspec.ValidationError, RecursionError):
                continue
            break
        else:
            return False
        for list_path, seen, dup, runs in lists:
            dup = dup or ctx.duplicate_of(self.dedupe, list_path, seen)
            if dup is not None:
                note = f"{list_path} repeats {dup} record for record: counted once"
                ctx.result.notes.append(note)
                continue
            for run in runs:
                ctx.add_run(run)
            ctx.inventory(list_path, sum(r.n for r in runs))
        return True

    def splits(self, raw: msgspec.Raw) -> Iterator[dict[str, msgspec.Raw] | None]:
        """Ways to read the section's lists, to try in turn until one decodes: the one list
        ``_one_list`` finds without a scan (when it finds one), then :meth:`split`."""
        one = _one_list(raw)
        if one is not None and one[0] in self.list_keys:
            yield {one[0]: one[1]}
        try:
            exact = self.split(raw)
        except (msgspec.DecodeError, msgspec.ValidationError, RecursionError):
            exact = None
        yield exact

    def split(self, raw: msgspec.Raw) -> dict[str, msgspec.Raw] | None:
        """The section's lists as JSON text by key; None when it holds any other key."""
        out = {}
        for k, v in _SECTION.decode(raw).items():
            if k in self.list_keys:
                out[k] = v
            elif k not in WRAPPER_KEYS:
                return None
        return out

    def section_runs(
        self, raw: msgspec.Raw, path: str, full: bool
    ) -> list[tuple[str, list[Columns]]] | None:
        """(list key, column runs) of every list of the section; None if anything surprises."""
        for split in self.splits(raw):
            if split is None:
                return None
            try:
                return [(k, self.runs(v, f"{path}/{k}", full)) for k, v in split.items()]
            except (msgspec.DecodeError, msgspec.ValidationError, RecursionError):
                continue
        return None

    def runs(self, raw: msgspec.Raw, list_path: str, full: bool) -> list[Columns]:
        """Column runs of one list; a long list is decoded a slice at a time, so only a slice
        of full Structs exists at once (ValidationError if any item surprises)."""
        fields = self.build
        assert isinstance(fields, Fields)
        decoder = _list_decoder(fields, self.known, full)
        view = memoryview(raw)
        if len(view) < CHUNK_BYTES or view[:1] != b"[":  # small, or not a list at all
            return [fields.columns(decoder.decode(raw), self.known, list_path, full)]
        runs: list[Columns] = []
        try:  # slices cut between items where the text shows "}, {"
            start = 0
            for text in _slices(raw):
                items = decoder.decode(text)
                runs.append(fields.columns(items, self.known, list_path, full, None, start))
                start += len(items)
            return runs
        except (msgspec.DecodeError, msgspec.ValidationError):
            pass  # a cut fell inside a string (or an item surprises): split exactly
        runs = []
        parts = _RAW_ITEMS.decode(raw)
        for start in range(0, len(parts), CHUNK):
            text = b"".join((b"[", b",".join(parts[start : start + CHUNK]), b"]"))
            items = decoder.decode(text)
            runs.append(fields.columns(items, self.known, list_path, full, None, start))
        return runs


def _one_list(raw: msgspec.Raw) -> tuple[str, msgspec.Raw] | None:
    """(key, list) of a section written ``{"Key": [...]}``, found from its first and last bytes
    without scanning the list (a second scan of a big section costs as much as the first).

    The span from the first ``[`` to the last ``]`` is that one list whenever the section has
    one key. Should the section hold more keys (``{"A": [...], "B": [...]}``), the span holds
    ``], "B": [`` at its top level, which no JSON list can: decoding it fails, and the caller
    reads the section exactly (see ``ListHandler.runs`` / ``fast``)."""
    view = memoryview(raw)
    if len(view) < _ONE_LIST_MIN:
        return None
    m = _FIRST_KEY.match(view[:512])
    if m is None:
        return None
    end = len(view)
    while end and view[end - 1] in _SPACE:
        end -= 1
    if not end or view[end - 1] != ord("}"):
        return None
    end -= 1
    while end and view[end - 1] in _SPACE:
        end -= 1
    if not end or view[end - 1] != ord("]"):
        return None
    try:
        key = msgspec.json.decode(m.group(1), type=str)
    except msgspec.DecodeError:
        return None
    return key, msgspec.Raw(view[m.end() - 1 : end])


_FIRST_KEY = re.compile(rb'\s*\{\s*("(?:[^"\\]|\\.)*")\s*:\s*\[')
_SPACE = frozenset(b" \t\r\n")
#: smaller sections are split by msgspec (exact, and cheap at that size)
_ONE_LIST_MIN = 1 << 20


def _slices(raw: msgspec.Raw) -> Iterator[bytes]:
    """A JSON list of objects as JSON lists of about CHUNK_BYTES each, cut after a ``}`` that
    ``,`` and ``{`` follow. A cut inside a string or a nested object leaves a slice that is not
    valid JSON or not a list of objects, which the decoder rejects: the caller then splits
    item by item."""
    view = memoryview(raw)
    end = len(view)
    while end and view[end - 1] != ord("]"):
        end -= 1
    pos = 1  # after "["
    while pos < end - 1:
        m = _BETWEEN_ITEMS.search(raw, pos + CHUNK_BYTES) if pos + CHUNK_BYTES < end else None
        cut = m.start() + 1 if m else end - 1
        yield b"".join((b"[", view[pos:cut], b"]"))
        pos = m.end() - 1 if m else end


_BETWEEN_ITEMS = re.compile(rb"\}\s*,\s*\{")


def _add_section_runs(
    ctx: SectionContext, path: str, found: list[tuple[str, list[Columns]]] | None
) -> bool:
    """Add a section's ``section_runs`` (False, nothing added, when the fast path refused)."""
    if found is None:
        return False
    for k, runs in found:
        for run in runs:
            ctx.add_run(run)
        ctx.inventory(f"{path}/{k}", sum(r.n for r in runs))
    return True


_SECTION = msgspec.json.Decoder(dict[str, msgspec.Raw])
_RAW_ITEMS = msgspec.json.Decoder(list[msgspec.Raw])
CHUNK = 100_000
CHUNK_BYTES = 8 << 20


def _list_decoder(
    fields: Fields, known: frozenset[str], full: bool
) -> msgspec.json.Decoder[list[Any]]:
    item: Any = fields.item_type(known, full)
    return msgspec.json.Decoder(list[item])


def list_handler(
    list_keys: tuple[str, ...],
    known: Iterable[str],
    build: Callable[[dict[str, Any], str], Record | None],
    dedupe: str | None = None,
) -> Handler:
    return ListHandler(list_keys, known, build, dedupe)


_STATUS_IDS = (
    ("IDFA", True),
    ("GAID", True),
    ("Android ID", False),
    ("IDFV", False),
    ("Web ID", False),
    ("DID", False),
    ("Idfa", True),
    ("GAid", True),
    ("OpenUdid", False),
    ("Clientudid", False),
)
_STATUS_KNOWN = frozenset(
    ["Resolution", "Screen Resolution", "App Version", "AppVersion", "UID"]
    + [k for k, _ in _STATUS_IDS]
)


def status(ctx: SectionContext, value: Any, path: str) -> None:
    """Status List (one record per device/app state) or the pre-2022 single object."""
    items: list[tuple[str, dict[str, Any]]] = []
    if isinstance(value, dict) and "Status List" in value:
        lst = value.get("Status List")
        if isinstance(lst, list):
            items = [
                (f"{path}/Status List[{i}]", x) for i, x in enumerate(lst) if isinstance(x, dict)
            ]
        for k in value:
            if k not in ("Status List", *WRAPPER_KEYS):
                ctx.unknown_key(path, k)
        lst_path = f"{path}/Status List"
    elif isinstance(value, dict) and value:
        items = [(path, value)]  # pre-2022 single object
        lst_path = path
    elif isinstance(value, list):
        items = [(f"{path}[{i}]", x) for i, x in enumerate(value) if isinstance(x, dict)]
        lst_path = path
    else:
        return
    for ref, r in items:
        for k in r:
            if k not in _STATUS_KNOWN:
                ctx.unknown_key(lst_path, k)
        device = (
            " ".join(
                x
                for x in (
                    cfirst(r, "Resolution", "Screen Resolution"),
                    cfirst(r, "App Version", "AppVersion"),
                )
                if x
            )
            or None
        )
        for key, advertising in _STATUS_IDS:
            if key in r:
                ctx.add(
                    DeviceIdentifier(
                        ref=f"{ref}.{key}",
                        id_type=key,
                        value=clean(r[key]),
                        advertising=advertising,
                        device=device,
                    )
                )
        if "UID" in r and clean(r["UID"]):  # the account's user id, not a device id
            ctx.add(
                ProfileField(ref=f"{ref}.UID", key="UID", value=clean(r["UID"]), category="other")
            )
    ctx.inventory(lst_path, len(items))


def recent_location(ctx: SectionContext, value: Any, path: str) -> None:
    data = value.get("LocationData", value) if isinstance(value, dict) else value
    if not isinstance(data, dict):
        return
    sub = f"{path}/LocationData" if isinstance(value, dict) and "LocationData" in value else path
    for k in data:
        if k not in ("Date", "GpsData", "LastRegion"):
            ctx.unknown_key(sub, k)
    gps = clean(data.get("GpsData"))
    region = clean(data.get("LastRegion"))
    lat = lon = None
    if gps:
        m = re.search(r"(-?\d{1,3}(?:\.\d+)?)\s*[,; ]\s*(-?\d{1,3}(?:\.\d+)?)", gps)
        if m:
            la, lo = float(m.group(1)), float(m.group(2))
            if -90 <= la <= 90 and -180 <= lo <= 180:
                lat, lon = la, lo
    if gps or region:
        ctx.add(
            Location(
                ref=sub,
                kind="recent",
                time=parse_time(data.get("Date")),
                region=region,
                latitude=lat,
                longitude=lon,
                raw=gps,
            )
        )
        ctx.inventory(sub, 1)
    else:
        ctx.inventory(sub, 0)
        ctx.result.notes.append(f'{sub}: present but empty ("N/A")')


def ad_interests(ctx: SectionContext, value: Any, path: str) -> None:
    if not isinstance(value, dict):
        return
    n = 0
    for k, v in value.items():
        if k == "AdInterestCategories":
            text = clean(v)
            items: list[str] = []
            if isinstance(v, list):
                items = [str(x) for x in v if clean(x)]
            elif text:
                items = [x.strip() for x in re.split(r"[|,\n]", text) if x.strip()]
            for i, name in enumerate(items):
                ctx.add(AdItem(ref=f"{path}/AdInterestCategories[{i}]", kind="interest", name=name))
                n += 1
        elif k not in WRAPPER_KEYS:
            ctx.unknown_key(path, k)
    ctx.inventory(path, n)


def partners(ctx: SectionContext, value: Any, path: str) -> None:
    if not isinstance(value, dict):
        return
    n = 0
    for k, v in value.items():
        kind = {"AdvertiserList": "advertiser", "DataPartnerList": "partner"}.get(k)
        if kind is None:
            if k not in WRAPPER_KEYS:
                ctx.unknown_key(path, k)
            continue
        names: list[str] = []
        if isinstance(v, list):
            names = [c for c in (clean(x) for x in v) if c]
        elif clean(v):
            names = [x.strip() for x in re.split(r"[|,\n]", str(v)) if x.strip()]
        for i, name in enumerate(names):
            ctx.add(AdItem(ref=f"{path}/{k}[{i}]", kind=kind, name=name))
            n += 1
    ctx.inventory(path, n)


def settings(ctx: SectionContext, value: Any, path: str) -> None:
    if not isinstance(value, dict):
        return
    smap = value.get("SettingsMap", None)
    if smap is None and "SettingsMap" not in value:
        smap = {k: v for k, v in value.items() if k not in WRAPPER_KEYS}
        sub = path
    else:
        sub = f"{path}/SettingsMap"
        for k in value:
            if k not in ("SettingsMap", *WRAPPER_KEYS):
                ctx.unknown_key(path, k)
    if not isinstance(smap, dict):
        return
    for rec in settings_records(smap, sub):
        ctx.add(rec)
        if rec.meaning is None and not is_known_setting(rec.key):
            ctx.unknown_key(sub, rec.key)
    ctx.result.settings.update(smap)
    ctx.inventory(sub, len(smap))


_PROFILE_CATEGORIES = {
    "emailaddress": "email",
    "email": "email",
    "telephonenumber": "phone",
    "phonenumber": "phone",
    "birthdate": "birth_date",
    "username": "username",
    "displayname": "name",
    "firstname": "name",
    "lastname": "name",
    "biodescription": "bio",
    "inferredgender": "gender",
    "accountregion": "region",
    "address": "address",
    "zipcode": "address",
    "unit": "address",
    "city": "address",
    "state": "address",
    "country": "address",
    "profilephoto": "photo",
    "profilevideo": "photo",
    "instagramlink": "link",
    "youtubelink": "link",
    "lemon8link": "link",
    "likesreceived": "other",
    "followercount": "other",
    "followingcount": "other",
    "aiself": "other",
    "fundraiser": "other",
}


def _profile_fields(ctx: SectionContext, data: dict[str, Any], path: str) -> int:
    n = 0
    for k, v in data.items():
        if k in WRAPPER_KEYS:
            continue
        if k == "PlatformInfo" and isinstance(v, list):
            for i, p in enumerate(v):
                if isinstance(p, dict):
                    plat = cfirst(p, "Platform")
                    name = cfirst(p, "Name", "Description")
                    if plat or name:
                        ctx.add(
                            ProfileField(
                                ref=f"{path}.PlatformInfo[{i}]",
                                key="PlatformInfo",
                                value=" / ".join(x for x in (plat, name) if x),
                                category="linked_platform",
                            )
                        )
                        n += 1
            continue
        cat = _PROFILE_CATEGORIES.get(norm_name(k))
        if cat is None:
            ctx.unknown_key(path, k)
            cat = "other"
        val = clean(v)
        if val is None:
            continue
        if cat == "address" and norm_name(k) == "country" and path.endswith("ProfileMap"):
            cat = "region"
        ctx.add(ProfileField(ref=f"{path}.{k}", key=k, value=val, category=cat))
        n += 1
    return n


def profile_info(ctx: SectionContext, value: Any, path: str) -> None:
    if not isinstance(value, dict):
        return
    data = value.get("ProfileMap")
    if isinstance(data, dict):
        for k in value:
            if k not in ("ProfileMap", *WRAPPER_KEYS):
                ctx.unknown_key(path, k)
        sub = f"{path}/ProfileMap"
    else:
        data, sub = value, path
    ctx.inventory(sub, _profile_fields(ctx, data, sub))


def autofill(ctx: SectionContext, value: Any, path: str) -> None:
    if not isinstance(value, dict):
        return
    ctx.inventory(path, _profile_fields(ctx, value, path))


def third_platform(ctx: SectionContext, value: Any, path: str) -> None:
    n = 0
    for i, item in enumerate(_iter_records(value)):
        if isinstance(item, dict):
            ctx.add(
                ProfileField(
                    ref=f"{path}[{i}]",
                    key="UserThirdPlatformInformation",
                    value=raw_json(item),
                    category="linked_platform",
                )
            )
            n += 1
    ctx.inventory(path, n)


_CHAT_PREFIX = re.compile(r"^(?:Chat History with|Chatgeschiedenis met)\s*(.*?):*\s*$", re.I)


def _chat_name(chat_key: str) -> str:
    m = _CHAT_PREFIX.match(chat_key)
    return m.group(1) if m else chat_key.rstrip(":")


def _messages(ctx: SectionContext, chats: Any, path: str, kind: str) -> int:
    if not isinstance(chats, dict):
        return 0
    n = 0
    for chat_key, msgs in chats.items():
        other = _chat_name(chat_key)
        cpath = f"{path}/{chat_key}"
        if not isinstance(msgs, list):
            continue
        n += message_items(ctx, msgs, cpath, kind, other)
    return n


def message_items(
    ctx: SectionContext, msgs: list[Any], cpath: str, kind: str, other: str, start: int = 0
) -> int:
    """Messages of one chat (``start``: index of the first one)."""
    n = 0
    for i, r in enumerate(msgs, start):
        if not isinstance(r, dict):
            continue
        for k in r:
            if k not in MESSAGE_KEYS:
                ctx.unknown_key(cpath, k)
        rec = message(r, f"{cpath}[{i}]")
        assert isinstance(rec, Message)
        rec.kind, rec.chat = kind, other
        ctx.add(rec)
        n += 1
    return n


#: (list key, one column run per chat) of a chat section
ChatRuns = list[tuple[str, list[Columns]]]


class ChatHandler:
    """``{list_key: {"Chat History with x:": [messages]}}``; fast columnar path per chat."""

    def __init__(self, list_keys: tuple[str, ...], kind: str) -> None:
        self.list_keys = list_keys
        self.kind = kind

    def __call__(self, ctx: SectionContext, value: Any, path: str) -> None:
        if not isinstance(value, dict):
            return
        for k, v in value.items():
            if k in self.list_keys:
                ctx.inventory(f"{path}/{k}", _messages(ctx, v, f"{path}/{k}", self.kind))
            elif k not in WRAPPER_KEYS:
                ctx.unknown_key(path, k)

    def fast(self, ctx: SectionContext, raw: msgspec.Raw, path: str) -> bool:
        found = ctx.prefetched.pop(f"section:{path}", _MISSING)
        if found is _MISSING:
            found = self.section_runs(raw, path, ctx.full)
        return _add_section_runs(ctx, path, found)

    def section_runs(self, raw: msgspec.Raw, path: str, full: bool) -> ChatRuns | None:
        """(list key, one column run per chat) of the section; None if its shape surprises."""
        item: Any = message.item_type(MESSAGE_KEYS, full)
        decoder = msgspec.json.Decoder(dict[str, list[item]])
        try:
            found = []
            for k, v in _SECTION.decode(raw).items():
                if k in self.list_keys:
                    found.append((k, decoder.decode(v)))
                elif k not in WRAPPER_KEYS:
                    return None
        except (msgspec.DecodeError, msgspec.ValidationError, RecursionError):
            return None
        out: ChatRuns = []
        for k, chats in found:
            runs = []
            for chat_key, items in chats.items():
                const = {"kind": self.kind, "chat": _chat_name(chat_key)}
                cpath = f"{path}/{k}/{chat_key}"
                runs.append(message.columns(items, MESSAGE_KEYS, cpath, full, const))
            out.append((k, runs))
        return out


chat_history = ChatHandler(("ChatHistory",), "direct")
group_chat = ChatHandler(("GroupChat", "GroupChatHistory"), "group")


def tako_chat(ctx: SectionContext, value: Any, path: str) -> None:
    lst = value.get("TakoChatHistoryList") if isinstance(value, dict) else value
    if not isinstance(lst, list):
        return
    n = 0
    base = f"{path}/TakoChatHistoryList"
    for i, chat in enumerate(lst):
        if not isinstance(chat, dict):
            continue
        title = cfirst(chat, "Chat Title")
        for j, r in enumerate(chat.get("Messages") or []):
            if isinstance(r, dict):
                content = first(r, "Content")
                ctx.add(
                    Message(
                        ref=f"{base}[{i}].Messages[{j}]",
                        kind="ai_chat",
                        chat=title,
                        time=parse_time(first(r, "Date", "date")),
                        sender=cfirst(r, "From", "Role"),
                        content=raw_json(content),
                    )
                )
                n += 1
    ctx.inventory(base, n)


def purchases(ctx: SectionContext, value: Any, path: str) -> None:
    if not isinstance(value, dict):
        return
    builders = {
        "SendGifts": purchase("gift_sent", (), ("GiftAmount",), ("UserName",)),
        "BuyGifts": purchase("coins", (), ("Price",)),
    }
    for k, v in value.items():
        build = builders.get(k)
        if build is None:
            if k not in WRAPPER_KEYS:
                ctx.unknown_key(path, k)
            continue
        known = frozenset({"Date", "date", "GiftAmount", "UserName", "Price"})
        ctx.each(v, f"{path}/{k}", (k,), known, build)


def activity_summary(ctx: SectionContext, value: Any, path: str) -> None:
    data = value.get("ActivitySummaryMap", value) if isinstance(value, dict) else None
    if isinstance(data, dict) and data:
        ctx.add(OtherRecord(ref=f"{path}/ActivitySummaryMap", section=path, data=raw_json(data)))
        ctx.inventory(f"{path}/ActivitySummaryMap", 1)


def watch_live(ctx: SectionContext, value: Any, path: str) -> None:
    if not isinstance(value, dict):
        return
    wmap = value.get("WatchLiveMap")
    n = 0
    if isinstance(wmap, dict):
        for live_id, item in wmap.items():
            if not isinstance(item, dict):
                continue
            ref = f"{path}/WatchLiveMap/{live_id}"
            ctx.add(
                ActivityEvent(
                    ref=ref,
                    kind="watch_live",
                    time=parse_time(item.get("WatchTime")),
                    value=cfirst(item, "Link"),
                )
            )
            n += 1
            for j, c in enumerate(item.get("Comments") or []):
                if isinstance(c, dict):
                    ctx.add(
                        Comment(
                            ref=f"{ref}.Comments[{j}]",
                            kind="live_comment",
                            time=parse_time(first(c, "CommentTime", "RawTime")),
                            text=cfirst(c, "CommentContent"),
                            link=cfirst(item, "Link"),
                        )
                    )
    for k in value:
        if k not in ("WatchLiveMap", *WRAPPER_KEYS):
            ctx.unknown_key(path, k)
    ctx.inventory(path, n)


def generic(kind: str, record: str = "activity") -> Handler:
    """Known sections with lenient structure: every list item becomes a record."""

    def handle(ctx: SectionContext, value: Any, path: str) -> None:
        n = 0
        for list_path, items in _generic_lists(value, path):
            for i, item in enumerate(items):
                ref = f"{list_path}[{i}]"
                if record == "purchase":
                    rec: Record = Purchase(
                        ref=ref,
                        kind=kind,
                        time=_any_time(item),
                        item=raw_json(item)
                        if not isinstance(item, dict)
                        else cfirst(
                            item,
                            "product_name",
                            "ProductName",
                            "Type",
                            "shop_name",
                            "ShopName",
                            "Title",
                        )
                        or raw_json(item),
                        amount=cfirst(
                            item, "total_price", "Price", "CoinAmount", "Amount", "SkuCount"
                        )
                        if isinstance(item, dict)
                        else None,
                    )
                elif record == "other":
                    rec = OtherRecord(
                        ref=ref, section=path, time=_any_time(item), data=raw_json(item)
                    )
                else:
                    rec = ActivityEvent(
                        ref=ref,
                        kind=kind,
                        time=_any_time(item),
                        value=cfirst(
                            item, *LINK_KEYS, "EffectLink", "SoundLink", "UserName", "Name", "Title"
                        )
                        if isinstance(item, dict)
                        else clean(item),
                    )
                ctx.add(rec)
                n += 1
        ctx.inventory(path, n)

    return handle


def _generic_lists(value: Any, path: str) -> Iterable[tuple[str, list[Any]]]:
    if isinstance(value, list):
        yield path, value
    elif isinstance(value, dict):
        found = False
        for k, v in value.items():
            if k in WRAPPER_KEYS:
                continue
            if isinstance(v, list):
                found = True
                yield f"{path}/{k}", v
            elif isinstance(v, dict) and v and all(isinstance(x, dict | list) for x in v.values()):
                found = True
                yield (
                    f"{path}/{k}",
                    [
                        {"key": kk, **vv} if isinstance(vv, dict) else {"key": kk, "items": vv}
                        for kk, vv in v.items()
                    ],
                )
        if not found and any(
            v not in (None, "", [], {}) for k, v in value.items() if k not in WRAPPER_KEYS
        ):
            yield path, [value]


_DATE = frozenset(DATE_KEYS)
_LINK = frozenset(LINK_KEYS)

#: normalised section name -> handler
HANDLERS: dict[str, Handler] = {}
#: normalised section name -> record table it feeds (for ReadResult.present)
TABLES: dict[str, str] = {}


def _reg(names: Iterable[str], handler: Handler, table: str = "activity") -> None:
    for name in names:
        HANDLERS[norm_name(name)] = handler
        TABLES[norm_name(name)] = table


_reg(
    ["Video Browsing History", "Watch History"],
    list_handler(
        ("VideoList",), _DATE | _LINK | {"Title"}, activity("watch", title_keys=("Title",))
    ),
)
_reg(
    ["Search History", "Searches"],
    list_handler(
        ("SearchList",),
        _DATE | {"SearchTerm", "Search Term"},
        activity("search", ("SearchTerm", "Search Term")),
    ),
)
_reg(["Like List"], list_handler(("ItemFavoriteList",), _DATE | _LINK, activity("like")))
_reg(
    ["Favorite Videos", "Favourite Videos"],
    list_handler(("FavoriteVideoList",), _DATE | _LINK, activity("favorite_video")),
)
_reg(
    ["Favorite Sounds", "Favourite Sounds"],
    list_handler(
        ("FavoriteSoundList",),
        _DATE | _LINK | {"SoundLink", "Sound Link"},
        activity("favorite_sound", ("Link", "link", "SoundLink", "Sound Link")),
    ),
)
_reg(
    ["Favorite Hashtags", "Favourite Hashtags"],
    list_handler(
        ("FavoriteHashtagList",),
        _DATE | _LINK | {"HashTag Link"},
        activity("favorite_hashtag", ("Link", "link", "HashTag Link")),
    ),
)
_reg(
    ["Favorite Effects", "Favourite Effects"],
    list_handler(
        ("FavoriteEffectsList",),
        _DATE | {"EffectLink", "Effect Link"},
        activity("favorite_effect", ("EffectLink", "Effect Link")),
    ),
)
_reg(
    ["Follower List", "Follower", "Followers"],
    list_handler(
        ("FansList",),
        _DATE | {"UserName", "Username"},
        activity("follower", ("UserName", "Username")),
        dedupe="follower",
    ),
)
_reg(
    ["Following List", "Following"],
    list_handler(
        ("Following",),
        _DATE | {"UserName", "Username"},
        activity("following", ("UserName", "Username")),
        dedupe="following",
    ),
)
_reg(
    ["Block", "Block List"],
    list_handler(
        ("BlockList",),
        _DATE | {"UserName", "Username"},
        activity("block", ("UserName", "Username")),
        dedupe="block",
    ),
)
_reg(
    ["Hashtag"],
    list_handler(
        ("HashtagList",),
        {"HashtagName", "HashtagLink", "Hashtag Name", "Hashtag Link"},
        activity("hashtag", ("HashtagName", "Hashtag Name"), ("HashtagLink", "Hashtag Link")),
    ),
)
_reg(
    ["Share History"],
    list_handler(
        ("ShareHistoryList",),
        _DATE | {"SharedContent", "Shared Content", "Link", "link", "Method"},
        share,
    ),
)
_reg(
    ["Login History"],
    list_handler(
        ("LoginHistoryList",),
        _DATE | {"IP", "DeviceModel", "DeviceSystem", "NetworkType", "Carrier"},
        login,
    ),
    table="logins",
)
_reg(["Status"], status, table="device_identifiers")
_reg(["Most Recent Location Data"], recent_location, table="locations")
_reg(["Purchase History", "Purchases"], purchases, table="purchases")
_reg(["Activity Summary"], activity_summary, table="other_records")
_reg(
    ["Comments"],
    list_handler(
        ("CommentsList",),
        _DATE
        | {
            "Comment",
            "comment",
            "Photo",
            "photo",
            "Url",
            "url",
            "video",
            "sticker",
            "originalPostUrl",
            "original post link",
        },
        comment,
    ),
    table="comments",
)
_reg(
    ["POI Review", "Location Reviews", "Location Review"],
    list_handler(
        ("ReviewsList",), _DATE | {"PlaceName", "Rating", "Status", "Likes", "ReviewText"}, review
    ),
    table="locations",
)
_reg(
    ["Off TikTok Activity"],
    list_handler(
        ("OffTikTokActivityDataList",),
        {"TimeStamp", "Source", "Event", "Date"},
        off_platform,
        dedupe="off_platform",
    ),
    table="off_platform_events",
)
_reg(["Ad Interests"], ad_interests, table="ads")
_reg(
    ["Instant Form Ads Responses"],
    list_handler(
        ("ResponsesList",),
        {"Date", "date", "AdvertiserName", "FormName", "Responses"},
        ad_item("form_response", ("AdvertiserName", "FormName")),
    ),
    table="ads",
)
_reg(
    ["Ads Visit History", "Ad Link History"],
    list_handler(
        ("AdsVisitHistoryList",),
        {"CreateTime", "AdTitle", "AdLink"},
        ad_item("ad_visit", ("AdTitle",), ("CreateTime", "Date"), ("AdLink",)),
    ),
    table="ads",
)
_reg(["Ads Based On Data Received From Partners"], partners, table="ads")
_reg(
    ["Usage Data From Third-Party Apps And Websites"],
    generic("third_party_usage", "other"),
    table="other_records",
)
_reg(["Settings"], settings, table="settings")
_reg(["Profile Information", "Profile Info"], profile_info, table="profile")
_reg(["Auto Fill", "Autofill"], autofill, table="profile")
_reg(["AIMoji", "AI-Moji"], generic("aimoji", "other"), table="other_records")
_reg(["UserThirdPlatformInformation"], third_platform, table="profile")
_reg(["Chat History", "Direct Messages"], chat_history, table="messages")
_reg(["Group Chat"], group_chat, table="messages")
_reg(["Tako Chat History"], tako_chat, table="messages")
_POST_KEYS = (
    _DATE
    | _LINK
    | {
        "Likes",
        "WhoCanView",
        "AllowComments",
        "AllowStitches",
        "AllowDuets",
        "AllowStickers",
        "AllowSharingToStory",
        "ContentDisclosure",
        "AIGeneratedContent",
        "Sound",
        "Location",
        "Title",
        "AddYoursText",
        "AlternateText",
        "CoverImage",
    }
)
_reg(["Videos", "Posts"], list_handler(("VideoList",), _POST_KEYS, post(False)), table="posts")
_reg(
    ["RecentlyDeletedPosts", "Recently Deleted Posts"],
    list_handler(("PostList", "VideoList"), _POST_KEYS | {"DateDeleted"}, post(True)),
    table="posts",
)
_reg(
    ["Story", "Stories"],
    list_handler(("StoryList", "VideoList", "PostList"), _POST_KEYS, post(False, "story")),
    table="posts",
)
_reg(["Reposts"], list_handler(("RepostList",), _DATE | _LINK, activity("repost")))
for _name in (
    "Stickers",
    "Collection",
    "Donation",
    "Favorite Collection",
    "Favorite Comment",
    "Favorite Location",
    "Fundraiser",
    "Mini Drama Watch History",
    "Favorite Movies and TV",
    "Favorite Playlists",
    "ProfileViews",
    "Profile Views",
    "TikTokFavoriteItem",
    "Favorite Item",
):
    _reg([_name], generic(norm_name(_name)))
_reg(
    ["Income Plus Wallet Transaction", "Transaction History"],
    generic("wallet", "purchase"),
    table="purchases",
)
_reg(["Coin Purchase History"], generic("coins", "purchase"), table="purchases")
_reg(["Watch Live History"], watch_live)
for _name in (
    "Watch Live Settings",
    "Go Live Settings",
    "Go Live History",
    "Watch Live Comment",
    "Live Comments",
):
    _reg([_name], generic(norm_name(_name), "other"), table="other_records")

#: categories whose unknown sections are still plainly shop / wallet data
SHOP_CATEGORIES = frozenset({norm_name(x) for x in ("Tiktok Shopping", "TikTok Shop")})
WALLET_CATEGORIES = frozenset(
    {norm_name(x) for x in ("Income Plus Wallet Transactions", "Income+ Wallet")}
)


def handler_for(category: str, section: str) -> tuple[Handler, str] | None:
    """(handler, record table) for a section, or None when the section is unknown."""
    name = norm_name(section)
    h = HANDLERS.get(name)
    if h is not None:
        return h, TABLES[name]
    cat = norm_name(category)
    if cat in SHOP_CATEGORIES:
        return generic("shop_" + name, "purchase"), "purchases"
    if cat in WALLET_CATEGORIES:
        return generic("wallet", "purchase"), "purchases"
    return None
