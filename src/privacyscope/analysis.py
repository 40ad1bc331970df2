"""Derived facts shared by findings, claims and reports: counts, login trail, activity series,
watch-time estimate. Pure functions of a ``ReadResult``; GeoIP lookups are offline (geoip2fast
ships its database inside the PyPI package; it has countries and networks (ASN), no cities).
"""

from __future__ import annotations

import ipaddress
import itertools
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from privacyscope.model import (
    ActivityEvent,
    Comment,
    DeviceIdentifier,
    Location,
    Login,
    Message,
    OffPlatformEvent,
    Post,
    RecordSet,
)
from privacyscope.sources.base import ReadResult
from privacyscope.timeparse import to_epoch

#: identifier types counted by ``counts.device_identifiers``
DEVICE_ID_TYPES = frozenset(
    {
        "IDFA",
        "GAID",
        "Android ID",
        "IDFV",
        "Web ID",
        "DID",
        "Idfa",
        "GAid",
        "OpenUdid",
        "Clientudid",
    }
)
LOCATION_POINT_KINDS = frozenset({"history", "visit", "recent"})


def is_real_identifier(value: str | None) -> bool:
    """Non-empty and not all zeros (an all-zero IDFA/GAID means ad tracking was limited)."""
    if not value:
        return False
    stripped = value.replace("-", "").replace(":", "").strip()
    return bool(stripped) and set(stripped) != {"0"}


def counts(read: ReadResult) -> dict[str, int]:
    rs = read.records
    acts = Counter(a.kind for a in rs.of(ActivityEvent))
    logins = rs.of(Login)
    msgs = Counter(m.kind for m in rs.of(Message))
    posts = rs.of(Post)
    off = rs.of(OffPlatformEvent)
    ids = {
        d.value
        for d in rs.of(DeviceIdentifier)
        if (d.id_type in DEVICE_ID_TYPES or read.platform != "tiktok")
        and is_real_identifier(d.value)
    }
    out = {
        "logins": sum(1 for x in logins if x.kind == "login"),
        "ip_addresses": len({x.ip for x in logins if x.ip}),
        "device_identifiers": len(ids),
        "watch_history": acts["watch"],
        "searches": acts["search"],
        "likes": acts["like"],
        "followers": acts["follower"],
        "following": acts["following"],
        "posts": sum(1 for p in posts if not p.deleted and p.kind == "post"),
        "deleted_posts": sum(1 for p in posts if p.deleted),
        "messages": msgs["direct"] + msgs["group"],
        "ai_chat_messages": msgs["ai_chat"],
        "off_platform_events": len(off),
        "off_platform_sources": len({e.source for e in off if e.source}),
        "location_points": sum(1 for loc in rs.of(Location) if loc.kind in LOCATION_POINT_KINDS),
        "comments": len(rs.of(Comment)),
        "location_reviews": sum(1 for loc in rs.of(Location) if loc.kind == "review"),
    }
    for k, v in read.extra_counts.items():
        out.setdefault(k, v)
    return out


def period(rs: RecordSet) -> tuple[str | None, str | None]:
    first: str | None = None
    last: str | None = None
    for _, records in rs.types():
        for r in records:
            t = getattr(r, "time", None)
            if t:
                if first is None or t < first:
                    first = t
                if last is None or t > last:
                    last = t
    return first, last


# ------------------------------------------------------------------------------------------
# GeoIP (offline)
# ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class IpInfo:
    ip: str
    version: int
    country_code: str | None
    country: str | None
    network: str | None  # ASN / organisation name
    private: bool


@cache
def _geo() -> Any:
    from geoip2fast import GeoIP2Fast

    return GeoIP2Fast(geoip2fast_data_file="geoip2fast-asn-ipv6.dat.gz", verbose=False)


def lookup_ip(ip: str) -> IpInfo:
    try:
        addr = ipaddress.ip_address(ip.strip())
    except ValueError:
        return IpInfo(ip, 0, None, None, None, False)
    if addr.is_private or addr.is_loopback or addr.is_link_local or addr.is_reserved:
        return IpInfo(ip, addr.version, None, None, None, True)
    r = _geo().lookup(str(addr))
    cc = r.country_code if r.country_code and r.country_code != "--" else None
    name = r.country_name if cc else None
    asn = getattr(r, "asn_name", "") or None
    return IpInfo(ip, addr.version, cc, name, asn, False)


@dataclass
class LoginTrail:
    logins: int
    distinct_ips: int
    ipv6: int
    countries: dict[str, int]  # country name -> logins
    networks: dict[str, int]  # ASN name -> logins
    devices: dict[str, int]
    systems: dict[str, int]
    network_types: dict[str, int]
    carriers: dict[str, int]
    per_day: dict[str, int]
    max_per_day: int
    ips: list[dict[str, Any]]  # per IP: ip, country, network, logins, first, last
    new_locations: list[dict[str, Any]]  # first appearance of each country / network
    cities_available: bool = False


def login_trail(rs: RecordSet) -> LoginTrail:
    logins = rs.of(Login)
    per_ip: dict[str, dict[str, Any]] = {}
    countries: Counter[str] = Counter()
    networks: Counter[str] = Counter()
    per_day: Counter[str] = Counter()
    infos: dict[str, IpInfo] = {}
    for lg in logins:
        if lg.time:
            per_day[lg.time[:10]] += 1
        if not lg.ip:
            continue
        info = infos.get(lg.ip)
        if info is None:
            info = infos[lg.ip] = lookup_ip(lg.ip)
        e = per_ip.setdefault(
            lg.ip,
            {
                "ip": lg.ip,
                "country": info.country,
                "country_code": info.country_code,
                "network": info.network,
                "private": info.private,
                "logins": 0,
                "first": None,
                "last": None,
                "refs": [],
            },
        )
        e["logins"] += 1
        if len(e["refs"]) < 5:
            e["refs"].append(lg.ref)
        if lg.time:
            e["first"] = lg.time if e["first"] is None or lg.time < e["first"] else e["first"]
            e["last"] = lg.time if e["last"] is None or lg.time > e["last"] else e["last"]
        countries[info.country or ("private network" if info.private else "unknown")] += 1
        networks[info.network or "unknown"] += 1
    seen_c: set[str] = set()
    seen_n: set[str] = set()
    new_locations: list[dict[str, Any]] = []
    for lg in sorted((x for x in logins if x.ip and x.time), key=lambda x: x.time or ""):
        info = infos[lg.ip or ""]
        c = info.country or "unknown"
        n = info.network or "unknown"
        if c not in seen_c or n not in seen_n:
            new_locations.append(
                {
                    "time": lg.time,
                    "ip": lg.ip,
                    "country": c,
                    "network": n,
                    "new_country": c not in seen_c,
                    "ref": lg.ref,
                }
            )
            seen_c.add(c)
            seen_n.add(n)
    return LoginTrail(
        logins=len(logins),
        distinct_ips=len(per_ip),
        ipv6=sum(1 for ip in per_ip if ":" in ip),
        countries=dict(countries.most_common()),
        networks=dict(networks.most_common()),
        devices=dict(Counter(x.device_model for x in logins if x.device_model).most_common()),
        systems=dict(Counter(x.os for x in logins if x.os).most_common()),
        network_types=dict(Counter(x.network_type for x in logins if x.network_type).most_common()),
        carriers=dict(Counter(x.carrier for x in logins if x.carrier).most_common()),
        per_day=dict(sorted(per_day.items())),
        max_per_day=max(per_day.values(), default=0),
        ips=sorted(per_ip.values(), key=lambda e: -e["logins"]),
        new_locations=new_locations,
    )


# ------------------------------------------------------------------------------------------
# activity over time
# ------------------------------------------------------------------------------------------
@dataclass
class ActivitySeries:
    per_day: dict[str, dict[str, int]]  # kind -> day -> n
    by_hour: dict[str, list[int]]  # kind -> 24 counts (UTC)


SERIES_KINDS = ("watch", "search", "like", "login", "off_platform", "message", "comment", "post")


def activity_series(rs: RecordSet) -> ActivitySeries:
    per_day: dict[str, Counter[str]] = defaultdict(Counter)
    by_hour: dict[str, list[int]] = defaultdict(lambda: [0] * 24)

    def add(kind: str, t: str | None) -> None:
        if t:
            per_day[kind][t[:10]] += 1
            by_hour[kind][int(t[11:13])] += 1

    for a in rs.of(ActivityEvent):
        if a.kind in ("watch", "search", "like"):
            add(a.kind, a.time)
    for lg in rs.of(Login):
        add("login", lg.time)
    for e in rs.of(OffPlatformEvent):
        add("off_platform", e.time)
    for m in rs.of(Message):
        add("message", m.time)
    for p in rs.of(Post):
        add("post", p.time)
    return ActivitySeries(
        per_day={k: dict(sorted(v.items())) for k, v in per_day.items()},
        by_hour=dict(by_hour),
    )


# ------------------------------------------------------------------------------------------
# watch time
# ------------------------------------------------------------------------------------------
DEFAULT_SESSION_GAP_MIN = 5.0


@dataclass
class WatchTime:
    videos: int
    timed_videos: int
    sessions: int
    hours: float
    session_gap_minutes: float
    tail_seconds: float
    per_day_minutes: float
    assumption: str
    days: int = 0
    extras: dict[str, Any] = field(default_factory=dict)


def watch_time(rs: RecordSet, session_gap_minutes: float = DEFAULT_SESSION_GAP_MIN) -> WatchTime:
    """Estimate viewing time from watch-history timestamps.

    Consecutive views less than ``session_gap_minutes`` apart belong to one session and the
    time between them counts as watching; the last video of a session is counted as the
    median in-session gap (``tail_seconds``). Exports hold start times only, so this is an
    estimate, and the gap is adjustable.
    """
    times = sorted(to_epoch(a.time) for a in rs.of(ActivityEvent) if a.kind == "watch" and a.time)
    videos = sum(1 for a in rs.of(ActivityEvent) if a.kind == "watch")
    gap = session_gap_minutes * 60
    in_session: list[int] = []
    sessions = 0
    total = 0.0
    prev: int | None = None
    for t in times:
        if prev is None or t - prev > gap:
            sessions += 1
        else:
            d = t - prev
            in_session.append(d)
            total += d
        prev = t
    tail = float(statistics.median(in_session)) if in_session else 0.0
    total += tail * sessions
    days = len({t // 86400 for t in times})
    hours = total / 3600
    return WatchTime(
        videos=videos,
        timed_videos=len(times),
        sessions=sessions,
        hours=round(hours, 2),
        session_gap_minutes=session_gap_minutes,
        tail_seconds=tail,
        per_day_minutes=round(total / 60 / days, 1) if days else 0.0,
        days=days,
        assumption=(
            f"views less than {session_gap_minutes:g} min apart are one session and the time "
            f"between them was spent watching; each session's last video counts "
            f"{tail:.0f} s (the median gap). Change with --session-gap."
        ),
    )


# ------------------------------------------------------------------------------------------
# location density (for the "every 30 seconds" claim)
# ------------------------------------------------------------------------------------------
def location_intervals(rs: RecordSet) -> dict[str, Any]:
    """Which records carry a location, and how dense the densest location series is."""
    locs = rs.of(Location)
    by_kind = Counter(loc.kind for loc in locs)
    precise = [loc for loc in locs if loc.latitude is not None]
    series = sorted(
        to_epoch(loc.time) for loc in locs if loc.time and loc.kind in LOCATION_POINT_KINDS
    )
    gaps = [b - a for a, b in itertools.pairwise(series) if b > a]
    return {
        "records": len(locs),
        "by_kind": dict(by_kind),
        "precise_points": len(precise),
        "timed_points": len(series),
        "median_interval_seconds": statistics.median(gaps) if gaps else None,
        "refs": [loc.ref for loc in locs[:20]],
    }
