"""Location History: Records.json (streamed), Semantic Location History, Settings.json and the
on-device Timeline export.

Records.json can be gigabytes: it is streamed with ijson (the C backend when available) and its
points are kept column-wise (:class:`~privacyscope.model.Columns`: epoch seconds, latitude and
longitude in arrays, ~24 bytes a point, see docs/platforms/google.md "Memory"); the
``Location`` records are built only when someone asks for one.
"""

from __future__ import annotations

import re
from array import array
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import Any, overload

import ijson
import orjson

from privacyscope.errors import InputError
from privacyscope.inputs import ExportFile
from privacyscope.model import NO_TIME, Columns, DeviceIdentifier, Location, RecordSet, Setting
from privacyscope.sources.base import Progress, ReadResult
from privacyscope.sources.google.common import (
    add_unknown_counter,
    as_str,
    e7,
    load_json,
    ref_name,
    report_unknown_keys,
    sub,
    unreadable,
)
from privacyscope.timeparse import epochs_of, parse_time

try:
    _IJSON: Any = ijson.get_backend("yajl2_c")
except ImportError:  # pragma: no cover - depends on the installed wheel
    _IJSON = ijson

RECORD_KEYS = frozenset(
    {
        "latitudeE7",
        "longitudeE7",
        "accuracy",
        "altitude",
        "verticalAccuracy",
        "source",
        "deviceTag",
        "platformType",
        "timestamp",
        "timestampMs",
        "activity",
        "velocity",
        "heading",
        "osLevel",
        "serverTimestamp",
        "deviceTimestamp",
        "batteryCharging",
        "formFactor",
        "locationMetadata",
        "placeId",
        "inferredLocation",
        "deviceDesignation",
        "activeWifiScan",
        "ssid",
        "batteryPercent",
    }
)
_JSON_ERRORS: tuple[type[BaseException], ...] = (
    ijson.JSONError,
    ijson.IncompleteJSONError,
    InputError,
    OSError,
    ValueError,
)


#: points per ``Columns`` run (bounds the growth of one array) and per time conversion batch
_RUN = 1 << 20
_BATCH = 1 << 14
_NAN = float("nan")


class _Floats(Sequence[float | None]):
    """A float column with some values missing (``None``): an ``array('d')`` plus the indices
    of the missing values, so one point without coordinates does not cost a list of floats."""

    __slots__ = ("_arr", "_missing")

    def __init__(self, arr: array[float], missing: frozenset[int]) -> None:
        self._arr = arr
        self._missing = missing

    def __len__(self) -> int:
        return len(self._arr)

    @overload
    def __getitem__(self, i: int) -> float | None: ...
    @overload
    def __getitem__(self, i: slice) -> list[float | None]: ...
    def __getitem__(self, i: int | slice) -> float | list[float | None] | None:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self._arr)
        v = self._arr[i]  # IndexError as a list would
        return None if i in self._missing else v

    def __iter__(self) -> Iterator[float | None]:
        missing = self._missing
        for i, v in enumerate(self._arr):
            yield None if i in missing else v


class _Points:
    """Records.json points collected column-wise and added as ``Columns`` runs of ``history``
    locations; ``ref`` is ``f"{path}[{i}]"`` with ``i`` the point's index in the list, as
    one record per point had it."""

    def __init__(self, records: RecordSet, path: str) -> None:
        self.records = records
        self.path = path
        self._start(0)

    def _start(self, start: int) -> None:
        self.start = start
        self.times = array("q")
        self.pending: list[Any] = []  # raw timestamps not yet converted
        self.lat = array("d")
        self.lng = array("d")
        self.lat_missing: list[int] = []
        self.lng_missing: list[int] = []

    def add(self, time: Any, lat: float | None, lng: float | None) -> None:
        """One point: its raw timestamp (``parse_time`` input) and coordinates in degrees."""
        pending = self.pending
        if lat is None:
            self.lat_missing.append(len(self.lat))
            lat = _NAN
        if lng is None:
            self.lng_missing.append(len(self.lng))
            lng = _NAN
        self.lat.append(lat)
        self.lng.append(lng)
        pending.append(time)
        if len(pending) >= _BATCH:
            self.times.extend(epochs_of(pending, NO_TIME))
            pending.clear()
            if len(self.times) >= _RUN:
                self.flush(self.start + len(self.times))

    def flush(self, next_start: int) -> None:
        """Add the points collected so far as one run; the next point has index ``next_start``."""
        if self.pending:
            self.times.extend(epochs_of(self.pending, NO_TIME))
        n = len(self.times)
        if n:
            cols: dict[str, Sequence[Any]] = {
                "time": self.times,
                "latitude": _column(self.lat, self.lat_missing),
                "longitude": _column(self.lng, self.lng_missing),
            }
            run = Columns(Location, self.path, n, {"kind": "history"}, cols, self.start)
            self.records.add_columns(run)
        self._start(next_start)


def _column(values: array[float], missing: list[int]) -> Sequence[float | None]:
    return _Floats(values, frozenset(missing)) if missing else values


def read_records(f: ExportFile, result: ReadResult, progress: Progress) -> None:
    """Stream ``{"locations": [...]}``; a broken tail keeps the points read before it."""
    path = ref_name(f.name)
    points = _Points(result.records, path)
    add = points.add
    unknown: Counter[str] = Counter()
    tags: dict[str, str | None] = {}
    n = 0
    try:
        with f.open() as fh:
            for item in _IJSON.items(fh, "locations.item", use_float=True):
                if not isinstance(item, dict):
                    n += 1
                    points.flush(n)  # refs skip this index
                    continue
                t = item.get("timestamp")
                add(
                    t if t is not None else item.get("timestampMs"),
                    e7(item.get("latitudeE7")),
                    e7(item.get("longitudeE7")),
                )
                if len(item) > 7 or not RECORD_KEYS.issuperset(item):
                    unknown.update(k for k in item if k not in RECORD_KEYS)
                tag = item.get("deviceTag")
                if tag is not None and str(tag) not in tags:
                    tags[str(tag)] = as_str(item.get("platformType"))
                n += 1
                if n % 100_000 == 0:
                    progress(0, n)
    except _JSON_ERRORS as exc:
        msg = exc.one_line() if isinstance(exc, InputError) else f"broken JSON: {exc}"
        unreadable(result, path, f"{msg} (after {n} locations; those are kept)")
    points.flush(n)
    for tag, platform in tags.items():
        result.records.add(
            DeviceIdentifier(
                ref=f"{path}:deviceTag", id_type="deviceTag", value=tag, device=platform
            )
        )
    result.sections[path] = n
    result.present.add("locations")
    add_unknown_counter(result, path, unknown)


# --- Semantic Location History ---------------------------------------------------------------
def _duration(d: Any) -> tuple[str | None, str | None]:
    if not isinstance(d, dict):
        return None, None
    start = d.get("startTimestamp", d.get("startTimestampMs"))
    end = d.get("endTimestamp", d.get("endTimestampMs"))
    return parse_time(start), parse_time(end)


def read_semantic(f: ExportFile, result: ReadResult) -> None:
    data = load_json(f, result)
    if data is None:
        return
    path = ref_name(f.name)
    objs = data.get("timelineObjects") if isinstance(data, dict) else None
    if not isinstance(objs, list):
        unreadable(result, path, "no 'timelineObjects' list")
        return
    rs = result.records
    for i, obj in enumerate(objs):
        ref = f"{path}.timelineObjects[{i}]"
        if not isinstance(obj, dict):
            continue
        visit, seg = obj.get("placeVisit"), obj.get("activitySegment")
        if isinstance(visit, dict):
            loc = sub(visit, "location")
            start, _ = _duration(visit.get("duration"))
            rs.add(
                Location(
                    ref=ref,
                    kind="visit",
                    time=start,
                    place=as_str(loc.get("name")) or as_str(loc.get("address")),
                    latitude=e7(loc.get("latitudeE7")),
                    longitude=e7(loc.get("longitudeE7")),
                    raw=as_str(loc.get("placeId")),
                )
            )
        elif isinstance(seg, dict):
            sl = sub(seg, "startLocation")
            start, _ = _duration(seg.get("duration"))
            rs.add(
                Location(
                    ref=ref,
                    kind="route",
                    time=start,
                    raw=as_str(seg.get("activityType")),
                    latitude=e7(sl.get("latitudeE7")),
                    longitude=e7(sl.get("longitudeE7")),
                )
            )
    result.sections[path] = len(objs)
    result.present.add("locations")
    report_unknown_keys(
        result, f"{path}.timelineObjects", objs, frozenset({"placeVisit", "activitySegment"})
    )


# --- Settings.json ---------------------------------------------------------------------------
def read_loc_settings(f: ExportFile, result: ReadResult) -> None:
    data = load_json(f, result)
    if data is None:
        return
    path = ref_name(f.name)
    if not isinstance(data, dict):
        unreadable(result, path, "expected a JSON object")
        return
    for key, value in data.items():
        result.settings[key] = value
        if key == "deviceSettings" and isinstance(value, list):
            for i, dev in enumerate(value):
                if isinstance(dev, dict):
                    result.records.add(
                        DeviceIdentifier(
                            ref=f"{path}.deviceSettings[{i}]",
                            id_type="deviceTag",
                            value=as_str(dev.get("deviceTag")),
                            device=as_str(dev.get("devicePrettyName")),
                            time=parse_time(dev.get("deviceCreationTime")),
                        )
                    )
            continue
        meaning = normalized = None
        if key == "historyEnabled":
            meaning = "location_history"
            normalized = {True: "on", False: "off"}.get(value) if isinstance(value, bool) else None
        raw = value if isinstance(value, str) else _json(value)
        result.records.add(
            Setting(ref=f"{path}.{key}", key=key, value=raw, meaning=meaning, normalized=normalized)
        )
    result.sections[path] = len(data)
    result.present.add("settings")


def _json(value: Any) -> str:
    return orjson.dumps(value).decode()


# --- on-device Timeline export (2024+) -------------------------------------------------------
_LATLNG = re.compile(r"(-?\d+(?:\.\d+)?)\s*°?\s*,\s*(-?\d+(?:\.\d+)?)")


def latlng(value: Any) -> tuple[float | None, float | None]:
    """``"52.09°, 5.12°"`` (or without degree signs) -> (52.09, 5.12)."""
    if not isinstance(value, str):
        return None, None
    m = _LATLNG.search(value)
    if not m:
        return None, None
    return float(m.group(1)), float(m.group(2))


def read_device_timeline(f: ExportFile, result: ReadResult) -> None:
    data = load_json(f, result)
    if data is None:
        return
    path = ref_name(f.name)
    if not isinstance(data, dict):
        unreadable(result, path, "expected a JSON object")
        return
    rs = result.records
    segs = data.get("semanticSegments") or []
    for i, seg in enumerate(segs if isinstance(segs, list) else []):
        if not isinstance(seg, dict):
            continue
        ref = f"{path}.semanticSegments[{i}]"
        visit = seg.get("visit")
        if isinstance(visit, dict):
            top = sub(visit, "topCandidate")
            pl = sub(top, "placeLocation")
            lat, lng = latlng(pl.get("latLng"))
            rs.add(
                Location(
                    ref=ref,
                    kind="visit",
                    time=parse_time(seg.get("startTime")),
                    place=as_str(top.get("semanticType")),
                    latitude=lat,
                    longitude=lng,
                    raw=as_str(top.get("placeId")),
                )
            )
        for j, pt in enumerate(seg.get("timelinePath") or []):
            if isinstance(pt, dict):
                lat, lng = latlng(pt.get("point"))
                rs.add(
                    Location(
                        ref=f"{ref}.timelinePath[{j}]",
                        kind="path",
                        time=parse_time(pt.get("time")),
                        latitude=lat,
                        longitude=lng,
                    )
                )
    raws = data.get("rawSignals") or []
    for i, sig in enumerate(raws if isinstance(raws, list) else []):
        pos = sig.get("position") if isinstance(sig, dict) else None
        if isinstance(pos, dict):
            lat, lng = latlng(pos.get("LatLng", pos.get("latLng")))
            rs.add(
                Location(
                    ref=f"{path}.rawSignals[{i}]",
                    kind="history",
                    time=parse_time(pos.get("timestamp")),
                    latitude=lat,
                    longitude=lng,
                    raw=as_str(pos.get("source")),
                )
            )
    prof = data.get("userLocationProfile")
    places = prof.get("frequentPlaces") if isinstance(prof, dict) else None
    for i, fp in enumerate(places if isinstance(places, list) else []):
        if isinstance(fp, dict):
            lat, lng = latlng(fp.get("placeLocation"))
            rs.add(
                Location(
                    ref=f"{path}.userLocationProfile.frequentPlaces[{i}]",
                    kind="frequent",
                    place=as_str(fp.get("label")),
                    latitude=lat,
                    longitude=lng,
                    raw=as_str(fp.get("placeId")),
                )
            )
    result.sections[path] = sum(len(x) for x in (segs, raws) if isinstance(x, list))
    result.present.add("locations")
    report_unknown_keys(
        result, path, [data], frozenset({"semanticSegments", "rawSignals", "userLocationProfile"})
    )
