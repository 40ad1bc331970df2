"""Derived facts shared by findings, claims and reports: counts, login trail, activity series,
watch-time estimate. Pure functions of a ``ReadResult``; GeoIP lookups are offline (geoip2fast
ships its database inside the PyPI package; it has countries and networks (ASN), no cities).
"""

from __future__ import annotations

import heapq
import itertools
import operator
from array import array
from collections import Counter, defaultdict
from collections.abc import Container, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from privacyscope.geoip import lookup_ip
from privacyscope.model import (
    NO_TIME,
    ActivityEvent,
    Columns,
    Comment,
    DeviceIdentifier,
    Location,
    Login,
    Message,
    OffPlatformEvent,
    Post,
    RecordSet,
    count_by,
    day_of_epoch,
    epoch_to_iso,
    epochs,
    iter_part,
    parts_of,
    ref_of,
    time_range,
    values,
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
    acts = count_by(rs.of(ActivityEvent), "kind")
    logins = rs.of(Login)
    msgs = count_by(rs.of(Message), "kind")
    posts = rs.of(Post)
    off = rs.of(OffPlatformEvent)
    loc_kinds = count_by(rs.of(Location), "kind")
    ids = {
        d.value
        for d in rs.of(DeviceIdentifier)
        if (d.id_type in DEVICE_ID_TYPES or read.platform != "tiktok")
        and is_real_identifier(d.value)
    }
    out = {
        "logins": count_by(logins, "kind")["login"],
        "ip_addresses": len(set(values(logins, "ip")) - {None, ""}),
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
        "off_platform_sources": len(set(values(off, "source")) - {None, ""}),
        "location_points": sum(n for k, n in loc_kinds.items() if k in LOCATION_POINT_KINDS),
        "comments": len(rs.of(Comment)),
        "location_reviews": loc_kinds["review"],
    }
    for k, v in read.extra_counts.items():
        out.setdefault(k, v)
    return out


def period(rs: RecordSet) -> tuple[str | None, str | None]:
    first: str | None = None
    last: str | None = None
    for _, records in rs.types():
        lo, hi = time_range(records)
        if lo is not None and (first is None or lo < first):
            first = lo
        if hi is not None and (last is None or hi > last):
            last = hi
    return first, last


# ------------------------------------------------------------------------------------------
# GeoIP (offline)
# ------------------------------------------------------------------------------------------
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
    times = list(epochs(logins))
    ips = list(values(logins, "ip"))
    per_day = Counter(t // 86400 for t in times if t != NO_TIME)
    # per IP, in order of first appearance: logins, first/last time, the first five records
    n_ip = Counter(ip for ip in ips if ip)
    first: dict[str, int] = {}
    first_at: dict[str, int] = {}  # index of the IP's earliest login (earliest index on ties)
    last: dict[str, int] = {}
    ref_at: dict[str, list[int]] = {ip: [] for ip in n_ip}
    for i, (t, ip) in enumerate(zip(times, ips, strict=True)):
        if not ip:
            continue
        r = ref_at[ip]
        if len(r) < 5:
            r.append(i)
        if t != NO_TIME:
            f = first.get(ip)
            if f is None or t < f:
                first[ip], first_at[ip] = t, i
            if t > last.get(ip, NO_TIME):
                last[ip] = t
    infos = {ip: lookup_ip(ip) for ip in n_ip}
    countries: Counter[str] = Counter()
    networks: Counter[str] = Counter()
    per_ip: dict[str, dict[str, Any]] = {}
    for ip, n in n_ip.items():
        info = infos[ip]
        per_ip[ip] = {
            "ip": ip,
            "country": info.country,
            "country_code": info.country_code,
            "network": info.network,
            "private": info.private,
            "logins": n,
            "first": epoch_to_iso(first[ip]) if ip in first else None,
            "last": epoch_to_iso(last[ip]) if ip in last else None,
            "refs": [ref_of(logins, i) for i in ref_at[ip]],
        }
        countries[info.country or ("private network" if info.private else "unknown")] += n
        networks[info.network or "unknown"] += n
    # a login can only show a new country or network if it is its IP's earliest login
    seen_c: set[str] = set()
    seen_n: set[str] = set()
    new_locations: list[dict[str, Any]] = []
    for ip in sorted(first, key=lambda x: (first[x], first_at[x])):
        info = infos[ip]
        c = info.country or "unknown"
        net = info.network or "unknown"
        if c not in seen_c or net not in seen_n:
            new_locations.append(
                {
                    "time": epoch_to_iso(first[ip]),
                    "ip": ip,
                    "country": c,
                    "network": net,
                    "new_country": c not in seen_c,
                    "ref": ref_of(logins, first_at[ip]),
                }
            )
            seen_c.add(c)
            seen_n.add(net)

    def tally(field: str) -> dict[str, int]:
        return dict(Counter(v for v in values(logins, field) if v).most_common())

    return LoginTrail(
        logins=len(logins),
        distinct_ips=len(per_ip),
        ipv6=sum(1 for ip in per_ip if ":" in ip),
        countries=dict(countries.most_common()),
        networks=dict(networks.most_common()),
        devices=tally("device_model"),
        systems=tally("os"),
        network_types=tally("network_type"),
        carriers=tally("carrier"),
        per_day={day_of_epoch(d): n for d, n in sorted(per_day.items())},
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

    def add_run(kind: str, run: Columns) -> None:
        hours = Counter(t // 3600 for t in run.epochs() if t != NO_TIME)
        if hours:
            days, clock = per_day[kind], by_hour[kind]
            for h, n in sorted(hours.items()):
                days[day_of_epoch(h // 24)] += n
                clock[h % 24] += n

    def add_all(kind: str, records: list[Any], kinds: tuple[str, ...] = ()) -> None:
        for part in parts_of(records):
            if isinstance(part, Columns) and "kind" not in part.cols:
                k = part.const.get("kind", kind)
                if not kinds or k in kinds:
                    add_run(k if kinds else kind, part)
            else:
                for r in iter_part(part):
                    if not kinds or r.kind in kinds:
                        add(r.kind if kinds else kind, r.time)

    add_all("", rs.of(ActivityEvent), ("watch", "search", "like"))
    add_all("login", rs.of(Login))
    add_all("off_platform", rs.of(OffPlatformEvent))
    add_all("message", rs.of(Message))
    add_all("post", rs.of(Post))
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
    acts = rs.of(ActivityEvent)
    times: list[int] = []
    for part in parts_of(acts):
        if isinstance(part, Columns) and "kind" not in part.cols:
            if part.const.get("kind") == "watch":
                times.extend(t for t in part.epochs() if t != NO_TIME)
        else:
            times.extend(to_epoch(a.time) for a in iter_part(part) if a.kind == "watch" and a.time)
    times.sort()
    videos = count_by(acts, "kind")["watch"]
    gap = session_gap_minutes * 60
    gaps = [b - a for a, b in itertools.pairwise(times)]
    in_session = [d for d in gaps if d <= gap]
    sessions = len(gaps) - len(in_session) + 1 if times else 0
    total = float(sum(in_session))
    tail = float(median_of_ints(in_session)) if in_session else 0.0
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


def median_of_ints(xs: list[int]) -> float | int:
    """``statistics.median`` of many small integers, without sorting them all."""
    return median_of_counts(Counter(xs))


def median_of_counts(counts: Counter[int]) -> float | int:
    """``statistics.median`` of the integers counted in ``counts`` (value -> how many)."""
    n = sum(counts.values())
    want = {(n - 1) // 2, n // 2} if n % 2 == 0 else {n // 2}
    found: dict[int, int] = {}
    seen = 0
    for v, c in sorted(counts.items()):
        for k in want:
            if seen <= k < seen + c:
                found[k] = v
        seen += c
        if len(found) == len(want):
            break
    if n % 2:
        return found[n // 2]
    return (found[n // 2 - 1] + found[n // 2]) / 2


# ------------------------------------------------------------------------------------------
# location density (for the "every 30 seconds" claim)
# ------------------------------------------------------------------------------------------
def count_present(records: Sequence[Any], field: str) -> int:
    """How many records have ``field`` not None, without building column-stored records."""
    return sum(1 for v in values(records, field) if v is not None)


def times_of_kinds(records: Sequence[Any], kinds: Container[str]) -> list[Sequence[int]]:
    """The times (epoch seconds) of the records whose ``kind`` is in ``kinds`` and that have a
    time, as sorted runs; column-stored runs are not built (nor copied when already in order,
    as a Google Records.json is)."""
    runs: list[Sequence[int]] = []
    for part in parts_of(records):
        ts: Sequence[int]
        if isinstance(part, Columns) and "kind" not in part.cols:
            col = part.cols.get("time")
            if part.const.get("kind") not in kinds or col is None or not part.n:
                continue
            ts = col if min(col) != NO_TIME else array("q", (t for t in col if t != NO_TIME))
        else:
            ts = [to_epoch(r.time) for r in iter_part(part) if r.time and r.kind in kinds]
        if not all(map(operator.le, ts, itertools.islice(ts, 1, None))):
            ts = array("q", sorted(ts))
        if ts:
            runs.append(ts)
    return runs


def merge_runs(runs: list[Sequence[int]]) -> Iterator[int]:
    """The values of sorted runs in order: runs that follow each other are chained, the
    resulting chains merged."""
    chains: list[list[Sequence[int]]] = []
    for run in sorted(runs, key=lambda r: r[0]):
        for chain in chains:
            if chain[-1][-1] <= run[0]:
                chain.append(run)
                break
        else:
            chains.append([run])
    its = [itertools.chain.from_iterable(c) for c in chains]
    return its[0] if len(its) == 1 else heapq.merge(*its)


def median_gap(times: Iterable[int]) -> float | int | None:
    """Median of the positive gaps between consecutive sorted ``times`` (None without any)."""
    gaps = Counter(b - a for a, b in itertools.pairwise(times) if b > a)
    return median_of_counts(gaps) if gaps else None


def location_intervals(rs: RecordSet) -> dict[str, Any]:
    """Which records carry a location, and how dense the densest location series is."""
    locs = rs.of(Location)
    series = times_of_kinds(locs, LOCATION_POINT_KINDS)
    return {
        "records": len(locs),
        "by_kind": dict(count_by(locs, "kind")),
        "precise_points": count_present(locs, "latitude"),
        "timed_points": sum(map(len, series)),
        "median_interval_seconds": median_gap(merge_runs(series)),
        "refs": [loc.ref for loc in locs[:20]],
    }
