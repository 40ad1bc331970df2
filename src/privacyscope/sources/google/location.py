"""Location History: Records.json (streamed), Semantic Location History, Settings.json and the
on-device Timeline export.

Records.json can be gigabytes: it is streamed with ijson (the C backend when available) and
each point becomes one compact ``Location`` (no raw JSON kept), so memory grows with the number
of points, never with the file's text.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import ijson
import orjson

from privacyscope.errors import InputError
from privacyscope.inputs import ExportFile
from privacyscope.model import DeviceIdentifier, Location, Setting
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
from privacyscope.timeparse import parse_time

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


def _point_time(item: dict[str, Any]) -> str | None:
    t = item.get("timestamp")
    if t is not None:
        return parse_time(t)
    return parse_time(item.get("timestampMs"))


def read_records(f: ExportFile, result: ReadResult, progress: Progress) -> None:
    """Stream ``{"locations": [...]}``; a broken tail keeps the points read before it."""
    path = ref_name(f.name)
    add = result.records.add
    unknown: Counter[str] = Counter()
    tags: dict[str, str | None] = {}
    n = 0
    try:
        with f.open() as fh:
            for item in _IJSON.items(fh, "locations.item", use_float=True):
                if not isinstance(item, dict):
                    n += 1
                    continue
                add(
                    Location(
                        ref=f"{path}[{n}]",
                        kind="history",
                        time=_point_time(item),
                        latitude=e7(item.get("latitudeE7")),
                        longitude=e7(item.get("longitudeE7")),
                    )
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
