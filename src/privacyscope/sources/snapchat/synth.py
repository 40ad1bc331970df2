"""Synthetic Snapchat "My Data" exports: 2021+ ``json/`` layout and the legacy root layout."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from privacyscope.synth import writer
from privacyscope.synth.persona import PERSONA

LAYOUTS: tuple[str, ...] = ("json", "legacy")
LANGS: tuple[str, ...] = ("en",)
VARIANTS: tuple[str, ...] = ("empty", "missing-keys", "duplicates", "ipv6", "unknown", "broken")
START = datetime(2025, 1, 10, 9, 0, 0, tzinfo=UTC)
IPV6 = ("2a02:a440:1234::1", "2a02:a440:1234::2", "2001:67c:2e8::a")


def _utc(dt: datetime) -> str:
    return dt.strftime("%Y-%m-%d %H:%M:%S UTC")


def _slash(dt: datetime) -> str:
    return dt.strftime("%Y/%m/%d %H:%M:%S UTC")


def build(seed: int, layout: str, variant: str | None) -> dict[str, dict[str, Any]]:
    """File name (without folder) -> JSON object."""
    r = random.Random(seed)
    t = START
    ips = [ip for ip in PERSONA.ips if ":" not in ip]
    if variant == "ipv6":
        ips = ips[:2] + list(IPV6)
    logins = []
    for i in range(14):
        t += timedelta(hours=r.randint(3, 50))
        dev = PERSONA.devices[i % len(PERSONA.devices)]
        logins.append(
            {
                "IP": ips[i % len(ips)],
                "Country": "NL",
                "Created": _utc(t),
                "Status": "failure" if i % 7 == 6 else "success",
                "Device": dev[0],
            }
        )
    account = {
        "Basic Information": {
            "Username": PERSONA.username,
            "Name": PERSONA.display_name,
            "Creation Date": "2018-03-04 10:00:00 UTC",
            "Registration IP": "217.62.0.10",
            "Country": "NL",
        },
        "Device Information": {"Make": "Apple", "Model ID": "iPhone15,2", "OS Type": "iOS"},
        "Device History": [
            {"Make": "Apple", "Model": m, "Start Time": _utc(START), "Device Type": "PHONE"}
            for m, _ in PERSONA.devices
        ],
        "Login History": logins,
    }
    friends = {
        "Friends": [
            {
                "Username": f,
                "Display Name": f.title(),
                "Creation Timestamp": _utc(START - timedelta(days=30 * i)),
                "Last Modified Timestamp": _utc(START),
                "Source": "Added by Search",
            }
            for i, f in enumerate(PERSONA.friends)
        ],
        "Blocked Users": [
            {"Username": "spam_example", "Display Name": "Spam", "Creation Timestamp": _utc(START)}
        ],
        "Friend Requests Sent": [],
    }
    chats: dict[str, list[dict[str, Any]]] = {}
    for f in PERSONA.friends[:4]:
        msgs = []
        for j in range(5):
            t += timedelta(minutes=r.randint(2, 400))
            mine = j % 2 == 0
            msgs.append(
                {
                    "From": PERSONA.username if mine else f,
                    "Media Type": "TEXT",
                    "Created": _utc(t),
                    "Content": "synthetic chat",
                    "Conversation Title": None,
                    "IsSender": mine,
                    "Created(microseconds)": int(t.timestamp() * 1000),
                }
            )
        chats[f] = msgs
    group = []
    for _ in range(3):
        t += timedelta(minutes=r.randint(2, 400))
        group.append(
            {
                "From": PERSONA.friends[5],
                "Media Type": "TEXT",
                "Created": _utc(t),
                "Content": "group chat",
                "Conversation Title": "Synthetic Crew",
                "IsSender": False,
                "Created(microseconds)": int(t.timestamp() * 1000),
            }
        )
    chats["group-1234"] = group
    if layout == "legacy":
        flat = [m for msgs in chats.values() for m in msgs]
        chat_json: dict[str, Any] = {
            "Received Saved Chat History": [
                {
                    "From": m["From"],
                    "Media Type": "TEXT",
                    "Created": m["Created"],
                    "Text": m["Content"],
                }
                for m in flat
                if not m["IsSender"]
            ],
            "Sent Saved Chat History": [
                {
                    "To": "alex_example",
                    "Media Type": "TEXT",
                    "Created": m["Created"],
                    "Text": m["Content"],
                }
                for m in flat
                if m["IsSender"]
            ],
        }
    else:
        chat_json = chats
    snaps = {
        "Received Snap History": [
            {
                "From": "kim.fictional",
                "Media Type": "IMAGE",
                "Created": _utc(START + timedelta(days=i)),
            }
            for i in range(6)
        ],
        "Sent Snap History": [
            {
                "To": "kim.fictional",
                "Media Type": "VIDEO",
                "Created": _utc(START + timedelta(days=i)),
            }
            for i in range(4)
        ],
    }
    pts = []
    lt = START
    for _ in range(40):
        lt += timedelta(minutes=r.choice((5, 15, 30, 60)))
        lat, lng = 52.09 + r.uniform(-0.01, 0.01), 5.12 + r.uniform(-0.01, 0.01)
        if layout == "legacy":
            pts.append({"Time": _slash(lt), "Latitude": f"{lat:.6f}", "Longitude": f"{lng:.6f}"})
        else:
            acc = r.choice((14.5, 20.0, 65.3))
            pts.append(
                {
                    "Time": _slash(lt),
                    "Latitude, Longitude": f"{lat:.6f} ± {acc} meters, {lng:.6f} ± {acc} meters",
                }
            )
    location: dict[str, Any] = {
        "Frequent Locations": [{"City": PERSONA.city, "Country": "NL", "Region": "Utrecht"}],
        "Latest Location": [{"City": PERSONA.city, "Country": "NL", "Region": "Utrecht"}],
        "Home & Work": {"Home": "52.09, 5.12", "Work": "52.08, 5.17"},
        "Location History": pts,
        "Businesses and public places you may have visited": [
            {
                "Date": _utc(START + timedelta(days=i)),
                "Business": f"Example Cafe {i}",
                "Address": f"{PERSONA.street}, {PERSONA.city}",
            }
            for i in range(5)
        ],
    }
    profile: dict[str, Any] = {
        "App Profile": {
            "Country": "NL",
            "Creation Time": "2018-03-04 10:00:00 UTC",
            "In-app Language": "en",
        },
        "Demographics": {"Cohort Age": "25-34", "Derived Ad Demographic": "Female 25-34"},
        "Interest Categories": list(PERSONA.interests),
        "Content Categories": ["Comedy", "News"],
        "Interactions": {
            "Web Interactions": ["shop.example.com", "news.example.org", "shop.example.com"],
            "App Interactions": ["Invented Games Ltd", "Mock Streaming Co"],
        },
        "Off-Platform Sharing": ["Example Shoes BV"],
        "Ads You Interacted With": [{"Ad Title": "Synthetic ad", "Date": _utc(START)}],
    }
    mem = {
        "Saved Media": [
            {
                "Date": _utc(START),
                "Media Type": "Image",
                "Location": "Latitude, Longitude: 52.0907, 5.1214",
                "Download Link": "https://example.com/memory/1",
            }
        ]
    }
    files: dict[str, dict[str, Any]] = {
        "account.json": account,
        "friends.json": friends,
        "chat_history.json": chat_json,
        "snap_history.json": snaps,
        "location_history.json": location,
        "user_profile.json": profile,
        "memories_history.json": mem,
    }
    return _apply(files, variant)


def _apply(files: dict[str, dict[str, Any]], variant: str | None) -> dict[str, dict[str, Any]]:
    acc, loc = files["account.json"], files["location_history.json"]
    if variant == "empty":
        acc["Login History"] = []
        acc["Basic Information"].pop("Registration IP")
        for k in loc:
            loc[k] = []
        chat = files["chat_history.json"]
        for k in list(chat):
            chat[k] = []
        files["user_profile.json"]["Interactions"] = {}
    elif variant == "missing-keys":
        for i, e in enumerate(acc["Login History"]):
            if i % 4 == 1:
                del e["IP"]
            if i % 5 == 2:
                del e["Status"]
        for i, p in enumerate(loc["Location History"]):
            if i % 6 == 3:
                p.pop("Time")
    elif variant == "duplicates":
        acc["Login History"] = acc["Login History"] + acc["Login History"][:4]
        loc["Location History"] = loc["Location History"] + loc["Location History"][:5]
    elif variant == "unknown":
        loc["Brand New Location Section"] = [{"Time": "2025/01/01 00:00:00 UTC"}]
    return files


def build_files(layout: str, seed: int, variant: str | None) -> dict[str, bytes]:
    data = build(seed, layout, variant)
    prefix = "json/" if layout == "json" else ""
    files = {
        f"{prefix}{k}": json.dumps(v, indent=2, ensure_ascii=False).encode()
        for k, v in data.items()
    }
    if layout == "json":
        files["html/account.html"] = b"<html><body>account</body></html>"
        files["index.html"] = b"<html><body>My Data</body></html>"
    if variant == "unknown":
        files[f"{prefix}brand_new_feature.json"] = b'{"Something": []}'
    if variant == "broken":
        files[f"{prefix}memories_history.json"] = b'{"Saved Media": [{"Date": '
    return files


def generate(
    out: Path,
    *,
    layout: str = "json",
    lang: str = "en",
    seed: int = 0,
    variant: str | None = None,
    as_zip: bool = True,
) -> Path:
    writer.check_options(layout, lang, variant, layouts=LAYOUTS, langs=LANGS, variants=VARIANTS)
    files = build_files(layout, seed, variant)
    target = writer.named_target(out, f"mydata~{1736500000 + seed}-{layout}", variant, as_zip)
    return writer.write_export(target, files, as_zip)


def expected_counts(
    layout: str, variant: str | None = None, seed: int = 0, lang: str = "en"
) -> dict[str, int]:
    d = build(seed, layout, variant)
    acc, loc = d["account.json"], d["location_history.json"]
    logins = [e for e in acc["Login History"] if e.get("Status", "success") != "failure"]
    ips = {e["IP"] for e in acc["Login History"] if e.get("IP")}
    if "Registration IP" in acc["Basic Information"]:
        ips.add(acc["Basic Information"]["Registration IP"])
    chat = d["chat_history.json"]
    inter = d["user_profile.json"]["Interactions"]
    events = [v for vs in inter.values() for v in vs]
    return {
        "logins": len(logins),
        "ip_addresses": len(ips),
        "watch_history": 0,
        "searches": 0,
        "location_points": len(loc["Location History"])
        + len(loc["Latest Location"])
        + len(loc["Businesses and public places you may have visited"]),
        "messages": sum(len(v) for v in chat.values()),
        "off_platform_events": len(events),
        "off_platform_sources": len(set(events)),
        "device_identifiers": 0,
    }
