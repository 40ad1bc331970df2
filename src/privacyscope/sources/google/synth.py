"""Synthetic Google Takeout exports (several layouts, en/nl/de names, adversarial variants).

Structure follows docs/platforms/google.md. Records.json is written by a streaming writer, so
``n_points`` can be large (the benchmark uses it).
"""

from __future__ import annotations

import io
import json
import random
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, BinaryIO

from privacyscope.synth import writer
from privacyscope.synth.persona import PERSONA
from privacyscope.synth.writer import Payload

LAYOUTS: tuple[str, ...] = ("takeout", "takeout-2019", "split", "html", "device-timeline")
LANGS: tuple[str, ...] = ("en", "nl", "de")
VARIANTS: tuple[str, ...] = ("empty", "missing-keys", "duplicates", "ipv6", "unknown", "broken")
START = datetime(2025, 3, 1, 6, 0, 0, tzinfo=UTC)
STAMP = "20250401T101500Z"

#: (YouTube dir, history dir, watch stem, search stem, My Activity dir, MyActivity stem,
#:  Location dir, Semantic dir, Settings stem, Access log dir)
NAMES: dict[str, dict[str, str]] = {
    "en": {
        "yt": "YouTube and YouTube Music",
        "hist": "history",
        "watch": "watch-history",
        "search": "search-history",
        "ma": "My Activity",
        "loc": "Location History (Timeline)",
        "loc_old": "Location History",
        "sem": "Semantic Location History",
        "settings": "Settings",
        "access": "Access Log Activity",
        "watched": "Watched",
        "searched": "Searched for",
        "removed": "Watched a video that has been removed",
    },
    "nl": {
        "yt": "YouTube en YouTube Music",
        "hist": "geschiedenis",
        "watch": "kijkgeschiedenis",
        "search": "zoekgeschiedenis",
        "ma": "Mijn activiteit",
        "loc": "Locatiegeschiedenis (tijdlijn)",
        "loc_old": "Locatiegeschiedenis",
        "sem": "Semantische locatiegeschiedenis",
        "settings": "Instellingen",
        "access": "Activiteit in toegangslogboek",
        "watched": "Bekeken",
        "searched": "Gezocht naar",
        "removed": "Een video bekeken die is verwijderd",
    },
    "de": {
        "yt": "YouTube und YouTube Music",
        "hist": "Verlauf",
        "watch": "Wiedergabeverlauf",
        "search": "Suchverlauf",
        "ma": "Meine Aktivitäten",
        "loc": "Standortverlauf (Zeitachse)",
        "loc_old": "Standortverlauf",
        "sem": "Semantischer Standortverlauf",
        "settings": "Einstellungen",
        "access": "Zugriffsprotokollaktivität",
        "watched": "Angesehen",
        "searched": "Gesucht nach",
        "removed": "Ein Video angesehen, das entfernt wurde",
    },
}
ACCESS_A = [
    "Gaia ID",
    "Activity Timestamp",
    "IP Address",
    "Activity Country",
    "Activity Region",
    "Activity City",
    "User Agent String",
    "Product Name",
    "Activity Type",
]
ACCESS_B = [
    "Activity Timestamp",
    "IP Address",
    "IP Address Country",
    "Device Type",
    "User Agent String",
    "Product Name",
    "Sub-Product Name",
]
UA_DESKTOP = "Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0"
IPV6 = ("2a02:a440:1234::1", "2a02:a440:1234::2", "2001:67c:2e8::a", "2a00:1450:4001::200e")


@dataclass
class Sizes:
    watch: int = 30
    ads: int = 3
    removed: int = 2
    searches: int = 12
    my_activity: int = 8
    points: int = 200
    visits: int = 12
    segments: int = 6
    access: int = 25
    chrome: int = 15


@dataclass
class Data:
    watch: list[dict[str, Any]] = field(default_factory=list)
    searches: list[dict[str, Any]] = field(default_factory=list)
    my_activity: list[dict[str, Any]] = field(default_factory=list)
    points: list[dict[str, Any]] = field(default_factory=list)
    timeline: list[dict[str, Any]] = field(default_factory=list)
    access: list[list[str]] = field(default_factory=list)
    chrome: list[dict[str, Any]] = field(default_factory=list)
    device_tags: tuple[int, ...] = (1234567890, -987654321)


def _iso(dt: datetime, ms: int = 0) -> str:
    return dt.strftime("%Y-%m-%dT%H:%M:%S") + f".{ms:03d}Z"


def _vid(r: random.Random) -> str:
    alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-"
    return "".join(r.choice(alphabet) for _ in range(11))


def build(seed: int, lang: str, variant: str | None, sizes: Sizes) -> Data:
    r = random.Random(seed)
    n = NAMES[lang]
    d = Data()
    if variant == "empty":
        return d
    t = START
    for i in range(sizes.watch):
        t += timedelta(minutes=r.randint(3, 90))
        if i < sizes.removed:
            d.watch.append(
                {
                    "header": "YouTube",
                    "title": n["removed"],
                    "time": _iso(t),
                    "products": ["YouTube"],
                    "activityControls": ["YouTube watch history"],
                }
            )
            continue
        e: dict[str, Any] = {
            "header": "YouTube",
            "title": f"{n['watched']} Synthetic video {i}",
            "titleUrl": f"https://www.youtube.com/watch?v={_vid(r)}",
            "subtitles": [
                {
                    "name": f"Example Channel {i % 5}",
                    "url": f"https://www.youtube.com/channel/UC{_vid(r)}",
                }
            ],
            "time": _iso(t, r.randrange(1000)),
            "products": ["YouTube"],
            "activityControls": ["YouTube watch history"],
        }
        if i >= sizes.watch - sizes.ads:
            e["details"] = [{"name": "From Google Ads"}]
        d.watch.append(e)
    for i in range(sizes.searches):
        t += timedelta(minutes=r.randint(5, 200))
        term = PERSONA.search_terms[i % len(PERSONA.search_terms)]
        d.searches.append(
            {
                "header": "YouTube",
                "title": f"{n['searched']} {term}",
                "titleUrl": "https://www.youtube.com/results?search_query="
                + term.replace(" ", "+"),
                "time": _iso(t),
                "products": ["YouTube"],
                "activityControls": ["YouTube search history"],
            }
        )
    for i in range(sizes.my_activity):
        t += timedelta(hours=r.randint(1, 20))
        term = PERSONA.search_terms[i % len(PERSONA.search_terms)]
        d.my_activity.append(
            {
                "header": "Search",
                "title": f"{n['searched']} {term}",
                "titleUrl": "https://www.google.com/search?q=" + term.replace(" ", "+"),
                "time": _iso(t),
                "products": ["Search"],
                "activityControls": ["Web & App Activity"],
                "locationInfos": [
                    {
                        "name": "At this general area",
                        "url": "https://www.google.com/maps/@?api=1&map_action=map"
                        "&center=52.090000,5.120000&zoom=12",
                        "source": "From your places (Home)",
                    }
                ],
            }
        )
    home, work = (52.0907, 5.1214), (52.0860, 5.1780)
    pt = START
    for i in range(sizes.points):
        pt += timedelta(seconds=r.choice((60, 120, 180, 300, 600)))
        base = home if (pt.hour < 8 or pt.hour >= 18) else work
        p: dict[str, Any] = {
            "latitudeE7": int((base[0] + r.uniform(-0.002, 0.002)) * 1e7),
            "longitudeE7": int((base[1] + r.uniform(-0.002, 0.002)) * 1e7),
            "accuracy": r.randint(5, 60),
            "source": r.choice(("WIFI", "GPS", "CELL")),
            "deviceTag": d.device_tags[i % 2],
            "platformType": ("ANDROID", "IOS")[i % 2],
            "timestamp": _iso(pt, r.randrange(1000)),
        }
        if i % 3 == 0:
            p["activity"] = [
                {"activity": [{"type": "STILL", "confidence": 90}], "timestamp": _iso(pt)}
            ]
        d.points.append(p)
    vt = START
    for i in range(sizes.visits + sizes.segments):
        vt += timedelta(hours=r.randint(2, 9))
        end = vt + timedelta(minutes=r.randint(20, 180))
        dur = {"startTimestamp": _iso(vt), "endTimestamp": _iso(end)}
        if i < sizes.visits:
            base = (home, work)[i % 2]
            d.timeline.append(
                {
                    "placeVisit": {
                        "location": {
                            "latitudeE7": int(base[0] * 1e7),
                            "longitudeE7": int(base[1] * 1e7),
                            "placeId": f"ChIJ{_vid(r)}",
                            "address": f"{PERSONA.street}, {PERSONA.city}",
                            "name": ("Home", "Example Office BV")[i % 2],
                        },
                        "duration": dur,
                        "placeConfidence": "HIGH_CONFIDENCE",
                    }
                }
            )
        else:
            d.timeline.append(
                {
                    "activitySegment": {
                        "startLocation": {
                            "latitudeE7": int(home[0] * 1e7),
                            "longitudeE7": int(home[1] * 1e7),
                        },
                        "endLocation": {
                            "latitudeE7": int(work[0] * 1e7),
                            "longitudeE7": int(work[1] * 1e7),
                        },
                        "duration": dur,
                        "distance": 4100,
                        "activityType": "CYCLING",
                    }
                }
            )
    ips = [ip for ip in PERSONA.ips if ":" not in ip]
    if variant == "ipv6":
        ips = ips[:2] + list(IPV6)
    at = START
    for i in range(sizes.access):
        at += timedelta(hours=r.randint(1, 30))
        ip = ips[r.randrange(len(ips))] if i >= len(ips) else ips[i]
        d.access.append(
            [
                at.strftime("%Y-%m-%d %H:%M:%S UTC"),
                ip,
                (UA_DESKTOP, "YouTube/19.45 iOS")[i % 2],
                ("YouTube", "Gmail", "Maps")[i % 3],
            ]
        )
    ct = START
    for i in range(sizes.chrome):
        ct += timedelta(minutes=r.randint(1, 400))
        d.chrome.append(
            {
                "page_transition": "LINK",
                "title": f"Example page {i}",
                "url": f"https://www.example.com/page/{i}",
                "client_id": "c2FtcGxl",
                "time_usec": int(ct.timestamp() * 1e6),
            }
        )
    return _apply(d, variant)


def _apply(d: Data, variant: str | None) -> Data:
    if variant == "missing-keys":
        for i, e in enumerate(d.watch):
            if i % 4 == 1:
                e.pop("titleUrl", None)
                e.pop("subtitles", None)
            if i % 7 == 3:
                e.pop("time", None)
        for i, p in enumerate(d.points):
            if i % 10 == 5:
                p.pop("timestamp")
            if i % 13 == 7:
                p.pop("latitudeE7")
                p.pop("longitudeE7")
        for i, row in enumerate(d.access):
            if i % 6 == 2:
                row[1] = ""
    elif variant == "duplicates":
        d.watch = [e for i, e in enumerate(d.watch) for _ in range(2 if i % 5 == 0 else 1)]
        d.points = [p for i, p in enumerate(d.points) for _ in range(2 if i % 5 == 0 else 1)]
        d.access = d.access + d.access[:5]
    elif variant == "unknown":
        for e in d.watch[:3]:
            e["brandNewField"] = "x"
        if d.points:
            d.points[0]["brandNewKey"] = 1
    return d


# --- writers ---------------------------------------------------------------------------------
def _point_json(p: dict[str, Any]) -> str:
    body = json.dumps(p, indent=2)
    return "  " + body.replace("\n", "\n  ")


def write_records(fh: BinaryIO, points: list[dict[str, Any]], legacy: bool = False) -> None:
    fh.write(b'{\n  "locations": [')
    for i, p in enumerate(points):
        if legacy and "timestamp" in p:
            p = dict(p)
            ts = datetime.strptime(p.pop("timestamp")[:19], "%Y-%m-%dT%H:%M:%S").replace(tzinfo=UTC)
            p["timestampMs"] = str(int(ts.timestamp() * 1000))
        fh.write((", " if i else "").encode() + _point_json(p).encode())
    fh.write(b"]\n}\n")


def write_big_records(fh: BinaryIO, n_points: int, seed: int = 0) -> int:
    """Stream ``n_points`` realistic points (about 330 bytes each) without holding them."""
    r = random.Random(seed)
    fh.write(b'{\n  "locations": [')
    t = int(START.timestamp())
    tpl = (
        '{sep}{{\n    "latitudeE7": {lat},\n    "longitudeE7": {lng},\n    "accuracy": {acc},\n'
        '    "source": "{src}",\n    "deviceTag": 1234567890,\n    "platformType": "ANDROID",\n'
        '{act}    "timestamp": "{ts}"\n  }}'
    )
    act = (
        '    "activity": [{{\n      "activity": [{{\n        "type": "STILL",\n'
        '        "confidence": 90\n      }}],\n      "timestamp": "{ts}"\n    }}],\n'
    )
    buf: list[str] = []
    for i in range(n_points):
        t += r.choice((60, 120, 300))
        ts = datetime.fromtimestamp(t, UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")
        buf.append(
            tpl.format(
                sep=", " if i else "",
                lat=520900000 + r.randrange(-20000, 20000),
                lng=51200000 + r.randrange(-20000, 20000),
                acc=r.randint(5, 60),
                src=("WIFI", "GPS", "CELL")[i % 3],
                ts=ts,
                act=act.format(ts=ts) if i % 3 == 0 else "",
            )
        )
        if len(buf) >= 5000:
            fh.write("".join(buf).encode())
            buf.clear()
    fh.write("".join(buf).encode())
    fh.write(b"]\n}\n")
    return n_points


def _csv(header: list[str], rows: list[list[str]]) -> bytes:
    import csv

    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return out.getvalue().encode()


def _access_rows(d: Data, set_b: bool) -> tuple[list[str], list[list[str]]]:
    if set_b:
        return ACCESS_B, [[ts, ip, "NL", "Phone", ua, prod, ""] for ts, ip, ua, prod in d.access]
    return ACCESS_A, [
        ["108000000000000000001", ts, ip, "NL", "Utrecht", PERSONA.city, ua, prod, "Access"]
        for ts, ip, ua, prod in d.access
    ]


def _html(entries: list[dict[str, Any]]) -> bytes:
    cells = []
    for e in entries:
        link = (
            f'<a href="{e["titleUrl"]}">{e["title"].split(" ", 1)[-1]}</a>'
            if "titleUrl" in e
            else e["title"]
        )
        cells.append(
            '<div class="outer-cell mdl-cell mdl-cell--12-col mdl-shadow--2dp">'
            '<div class="mdl-grid"><div class="content-cell mdl-cell mdl-cell--6-col '
            f'mdl-typography--body-1">{link}<br>Mar 1, 2025, 10:00:00 AM CET<br></div>'
            "</div></div>"
        )
    return ('<html><body><div class="mdl-grid">' + "".join(cells) + "</div></body></html>").encode()


def _j(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False, indent=2).encode()


def build_files(
    layout: str, lang: str, seed: int, variant: str | None, sizes: Sizes
) -> dict[str, Payload]:
    d = build(seed, lang, variant, sizes)
    n = NAMES[lang]
    if layout == "device-timeline":
        return {"Timeline.json": _j(_device_timeline(d))}
    old = layout == "takeout-2019"
    T = "Takeout"
    yt = f"{T}/{n['yt']}/{n['hist']}"
    files: dict[str, Payload] = {f"{T}/archive_browser.html": b"<html><body>Takeout</body></html>"}
    if layout == "html":
        files[f"{yt}/{n['watch']}.html"] = _html(d.watch)
        files[f"{yt}/{n['search']}.html"] = _html(d.searches)
    else:
        files[f"{yt}/{n['watch']}.json"] = _j(d.watch)
        files[f"{yt}/{n['search']}.json"] = _j(d.searches)
    files[f"{T}/{n['ma']}/Search/MyActivity.json"] = _j(d.my_activity)
    loc = f"{T}/{n['loc_old'] if old else n['loc']}"
    rec_name = f"{loc}/Location History.json" if old else f"{loc}/Records.json"
    files[rec_name] = lambda fh: write_records(fh, d.points, legacy=old)
    months: dict[str, list[dict[str, Any]]] = {}
    for obj in d.timeline:
        inner = obj.get("placeVisit") or obj.get("activitySegment") or {}
        start = inner["duration"]["startTimestamp"]
        dt = datetime.strptime(start[:10], "%Y-%m-%d")
        months.setdefault(f"{dt.year}/{dt.year}_{dt.strftime('%B').upper()}", []).append(obj)
    if old:
        for objs in months.values():
            for obj in objs:
                inner = obj.get("placeVisit") or obj.get("activitySegment") or {}
                dur = inner["duration"]
                for k in ("startTimestamp", "endTimestamp"):
                    dt = datetime.strptime(dur[k][:19], "%Y-%m-%dT%H:%M:%S").replace(tzinfo=UTC)
                    dur[k + "Ms"] = str(int(dt.timestamp() * 1000))
                    del dur[k]
    for key, objs in (months or {"2025/2025_MARCH": []}).items():
        files[f"{loc}/{n['sem']}/{key}.json"] = _j({"timelineObjects": objs})
    if not old:
        files[f"{loc}/{n['settings']}.json"] = _j(_settings(d, variant))
    header, rows = _access_rows(d, set_b=old)
    files[
        f"{T}/{n['access']}/Activities - A list of Google services accessed by "
        f"{PERSONA.display_name}.csv"
    ] = _csv(header, rows)
    chrome = f"{T}/Chrome/BrowserHistory.json" if old else f"{T}/Chrome/History.json"
    files[chrome] = _j({"Browser History": d.chrome})
    files[f"{T}/Google Play Store/Devices.json"] = _j(
        [
            {
                "device": {
                    "deviceRegistrationTime": "2023-01-05T10:00:00.000Z",
                    "mostRecentData": {
                        "deviceIpCountry": "NL",
                        "carrierName": "Example Mobile",
                        "modelName": "Pixel 8",
                        "manufacturer": "Google",
                    },
                }
            }
        ]
    )
    if variant == "unknown":
        files[f"{T}/Brand New Product/data.json"] = _j({"something": [1, 2]})
    if variant == "broken":
        files[chrome] = b'{"Browser History": [{"title": "cut off'
    return files


def _settings(d: Data, variant: str | None) -> dict[str, Any]:
    return {
        "createdTime": "2019-04-02T08:00:00.000Z",
        "modifiedTime": "2025-02-01T09:00:00.000Z",
        "historyEnabled": variant != "empty",
        "retentionWindowDays": 1095,
        "hasReportedLocations": True,
        "hasSetRetention": True,
        "deviceSettings": []
        if variant == "empty"
        else [
            {
                "deviceTag": d.device_tags[0],
                "reportingEnabled": True,
                "devicePrettyName": "Pixel 8",
                "platformType": "ANDROID",
                "deviceCreationTime": "2023-01-05T10:00:00.000Z",
            },
            {
                "deviceTag": 555000111,
                "reportingEnabled": False,
                "devicePrettyName": "iPhone",
                "platformType": "IOS",
                "deviceCreationTime": "2022-06-01T10:00:00.000Z",
            },
        ],
    }


def _fmt_latlng(e7_lat: int, e7_lng: int) -> str:
    return f"{e7_lat / 1e7:.7f}°, {e7_lng / 1e7:.7f}°"


def _device_timeline(d: Data) -> dict[str, Any]:
    segs: list[dict[str, Any]] = []
    for obj in d.timeline:
        if "placeVisit" in obj:
            pv = obj["placeVisit"]
            segs.append(
                {
                    "startTime": pv["duration"]["startTimestamp"],
                    "endTime": pv["duration"]["endTimestamp"],
                    "visit": {
                        "hierarchyLevel": 0,
                        "probability": 0.9,
                        "topCandidate": {
                            "placeId": pv["location"]["placeId"],
                            "semanticType": "HOME",
                            "probability": 0.8,
                            "placeLocation": {
                                "latLng": _fmt_latlng(
                                    pv["location"]["latitudeE7"], pv["location"]["longitudeE7"]
                                )
                            },
                        },
                    },
                }
            )
        else:
            seg = obj["activitySegment"]
            segs.append(
                {
                    "startTime": seg["duration"]["startTimestamp"],
                    "endTime": seg["duration"]["endTimestamp"],
                    "timelinePath": [
                        {
                            "point": _fmt_latlng(
                                seg["startLocation"]["latitudeE7"],
                                seg["startLocation"]["longitudeE7"],
                            ),
                            "time": seg["duration"]["startTimestamp"],
                        }
                    ],
                }
            )
    raws = [
        {
            "position": {
                "LatLng": _fmt_latlng(p.get("latitudeE7", 0), p.get("longitudeE7", 0)),
                "accuracyMeters": p["accuracy"],
                "source": p["source"].lower(),
                "timestamp": p.get("timestamp", ""),
            }
        }
        for p in d.points
    ]
    return {
        "semanticSegments": segs,
        "rawSignals": raws,
        "userLocationProfile": {
            "frequentPlaces": [
                {"placeId": "ChIJhome", "placeLocation": "52.0907°, 5.1214°", "label": "HOME"}
            ]
        },
    }


def _write_zip(path: Path, files: dict[str, Payload]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, payload in files.items():
            with zf.open(name, "w", force_zip64=True) as fh:
                if isinstance(payload, bytes):
                    fh.write(payload)
                else:
                    payload(fh)  # type: ignore[arg-type]


def _split(files: dict[str, Payload]) -> list[dict[str, Payload]]:
    parts: list[dict[str, Payload]] = [{}, {}, {}]
    for name, payload in files.items():
        if name.endswith("archive_browser.html"):
            parts[0][name] = payload
            parts[2][name] = payload
        elif "/YouTube" in name:
            parts[0][name] = payload
        elif name.endswith(".json") and (
            "Records" in name
            or "Semantic" in name
            or "Locati" in name
            or "Standort" in name
            or "Location" in name
        ):
            parts[1][name] = payload
        else:
            parts[2][name] = payload
    return parts


def generate(
    out: Path,
    *,
    layout: str = "takeout",
    lang: str = "en",
    seed: int = 0,
    variant: str | None = None,
    as_zip: bool = True,
    sizes: Sizes | None = None,
    n_points: int | None = None,
) -> Path:
    """Write a synthetic export under ``out`` and return its path.

    ``split`` writes ``takeout-<ts>-00N.zip`` parts: into a folder (``as_zip=False``), or into
    one zip holding the parts (``as_zip=True``). ``n_points`` sets the Records.json size.
    """
    writer.check_options(layout, lang, variant, layouts=LAYOUTS, langs=LANGS, variants=VARIANTS)
    sizes = sizes or Sizes()
    if n_points is not None:
        sizes = Sizes(**{**sizes.__dict__, "points": n_points})
    files = build_files(layout, lang, seed, variant, sizes)
    stem = f"takeout-{STAMP}-{layout}-{lang}"
    if layout == "split":
        parts = _split(files)
        folder = writer.named_target(out, stem, variant, as_zip=False)
        folder.mkdir(parents=True, exist_ok=True)
        for i, part in enumerate(parts, 1):
            _write_zip(folder / f"takeout-{STAMP}-{i:03d}.zip", part)
        if not as_zip:
            return folder
        target = writer.named_target(out, stem, variant, as_zip=True)
        with zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as zf:
            for i in range(1, len(parts) + 1):
                zf.write(folder / f"takeout-{STAMP}-{i:03d}.zip", f"takeout-{STAMP}-{i:03d}.zip")
        return target
    target = writer.named_target(out, stem, variant, as_zip)
    if as_zip:
        _write_zip(target, files)
        return target
    return writer.write_folder(target, files)


def expected_counts(
    layout: str,
    variant: str | None = None,
    seed: int = 0,
    sizes: Sizes | None = None,
    lang: str = "en",
) -> dict[str, int]:
    """The exact counts a reader must produce for ``generate(layout=..., variant=...)``."""
    d = build(seed, lang, variant, sizes or Sizes())
    timeline_visits = sum(1 for o in d.timeline if "placeVisit" in o)
    ips = {row[1] for row in d.access if row[1]}
    tags = {str(p["deviceTag"]) for p in d.points if "deviceTag" in p}
    if layout == "device-timeline":
        return {
            "logins": 0,
            "ip_addresses": 0,
            "watch_history": 0,
            "searches": 0,
            "location_points": len(d.points) + timeline_visits,
            "messages": 0,
            "off_platform_events": 0,
            "off_platform_sources": 0,
            "device_identifiers": 0,
        }
    if layout != "takeout-2019":
        tags |= {str(x["deviceTag"]) for x in _settings(d, variant)["deviceSettings"]}
    return {
        "logins": 0,
        "ip_addresses": len(ips),
        "watch_history": len(d.watch),
        "searches": len(d.searches),
        "location_points": len(d.points) + timeline_visits,
        "messages": 0,
        "off_platform_events": 0,
        "off_platform_sources": 0,
        "device_identifiers": len(tags),
    }
