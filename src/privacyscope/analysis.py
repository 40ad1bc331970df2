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
from collections.abc import Callable, Container, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

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
    distinct,
    epoch_to_iso,
    epochs,
    iso_to_epoch,
    iter_part,
    parts_of,
    ref_of,
    time_array,
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
        "ip_addresses": len(distinct(logins, "ip") - {None, ""}),
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
        "off_platform_sources": len(distinct(off, "source") - {None, ""}),
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
    # run by run (never an array of every login): per IP, in order of first appearance,
    # logins, first/last time, the first five records; logins per day
    code_of: dict[Any, int] = {}
    big = np.iinfo(np.int64).max
    counts = np.zeros(0, dtype=np.int64)
    first_t = np.zeros(0, dtype=np.int64)
    last_t = np.zeros(0, dtype=np.int64)
    refs: dict[int, list[int]] = {}
    days: Counter[int] = Counter()
    chunks: list[tuple[int, npt.NDArray[np.int32]]] = []
    offset = 0
    for times, ips in _time_and_field(logins, "ip"):
        if not times.size:
            continue
        codes = _codes(ips, code_of)
        chunks.append((offset, codes))
        grow = len(code_of) - counts.size
        if grow:
            counts = np.concatenate((counts, np.zeros(grow, dtype=np.int64)))
            first_t = np.concatenate((first_t, np.full(grow, big, dtype=np.int64)))
            last_t = np.concatenate((last_t, np.full(grow, NO_TIME, dtype=np.int64)))
        counts += np.bincount(codes, minlength=counts.size)
        timed = times != NO_TIME
        np.minimum.at(first_t, codes[timed], times[timed])
        np.maximum.at(last_t, codes[timed], times[timed])
        days.update(day_counts(times[timed]))
        order = np.argsort(codes, kind="stable")  # this run's indexes grouped by IP
        grouped = codes[order]
        heads = np.flatnonzero(np.concatenate(([True], grouped[1:] != grouped[:-1])))
        for c, h in zip(grouped[heads].tolist(), heads.tolist(), strict=True):
            have = refs.setdefault(c, [])
            if len(have) < 5:
                take = order[h : h + 5 - len(have)]
                have.extend((take[grouped[h : h + take.size] == c] + offset).tolist())
        offset += int(times.size)
    # the IP's earliest login (earliest index on ties): a second pass over the runs
    first_i = np.full(len(code_of), big, dtype=np.int64)
    runs = (ts for ts, _ in _time_and_field(logins, "ip") if ts.size)
    for (start, codes), times in zip(chunks, runs, strict=True):
        hits = np.flatnonzero((times == first_t[codes]) & (times != NO_TIME))
        np.minimum.at(first_i, codes[hits], hits + start)
    per_day = dict(sorted(days.items()))
    real = [ip for ip in code_of if ip]  # None and "" are no IP
    real_codes = np.array([code_of[ip] for ip in real], dtype=np.int64)
    n_ip = dict(zip(real, counts[real_codes].tolist(), strict=True))
    first = {ip: t for ip, t in zip(real, first_t[real_codes].tolist(), strict=True) if t != big}
    last = {ip: t for ip, t in zip(real, last_t[real_codes].tolist(), strict=True) if t != NO_TIME}
    first_at = {ip: int(first_i[code_of[ip]]) for ip in first}
    ref_at = {ip: refs[code_of[ip]] for ip in real}
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
        c = count_by(logins, field)
        c.pop(None, None)
        c.pop("", None)
        return dict(c.most_common())

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
        per_day={day_of_epoch(d): n for d, n in per_day.items()},
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
    for kind, ts in _kind_times(rs):
        ts = ts[ts != NO_TIME]
        if not ts.size:
            continue
        days = per_day[kind]
        for d, n in day_counts(ts).items():
            days[day_of_epoch(d)] += n
        clock = by_hour[kind]
        for h, n in enumerate(np.bincount((ts % 86400) // 3600, minlength=24).tolist()):
            clock[h] += n
    return ActivitySeries(
        per_day={k: dict(sorted(v.items())) for k, v in per_day.items() if v},
        by_hour={k: v for k, v in by_hour.items() if any(v)},
    )


_ACTIVITY_KINDS = ("watch", "search", "like")


def _kind_times(rs: RecordSet) -> Iterator[tuple[str, npt.NDArray[np.int64]]]:
    """(series kind, epoch times) per run of records of every series."""
    yield from _kind_times_of(rs.of(ActivityEvent), "", _ACTIVITY_KINDS)
    yield from _kind_times_of(rs.of(Login), "login")
    yield from _kind_times_of(rs.of(OffPlatformEvent), "off_platform")
    yield from _kind_times_of(rs.of(Message), "message")
    yield from _kind_times_of(rs.of(Post), "post")


def _kind_times_of(
    records: Sequence[Any], kind: str = "", kinds: tuple[str, ...] = ()
) -> Iterator[tuple[str, npt.NDArray[np.int64]]]:
    """(kind, epoch times) per run: with ``kinds``, runs are split by the records' own
    ``kind`` (only those listed), else all records count as ``kind``. Column-stored runs are
    never built into records."""
    for part in parts_of(records):
        if isinstance(part, Columns) and "kind" not in part.cols:
            k = part.const.get("kind", kind)
            if not kinds or k in kinds:
                col = part.cols.get("time")
                yield (
                    (k if kinds else kind),
                    (time_array(col) if col is not None else np.full(part.n, NO_TIME)),
                )
        else:
            by_kind: dict[str, list[int]] = defaultdict(list)
            for r in iter_part(part):
                if r.time and (not kinds or r.kind in kinds):
                    by_kind[r.kind if kinds else kind].append(iso_to_epoch(r.time))
            for k, found in by_kind.items():
                yield k, np.array(found, dtype=np.int64)


def _time_and_field(
    records: Sequence[Any], field: str
) -> Iterator[tuple[npt.NDArray[np.int64], Sequence[Any]]]:
    """(times, values of ``field``) run by run; column-stored runs are not built."""
    for part in parts_of(records):
        if isinstance(part, Columns):
            col = part.cols.get("time")
            ts = time_array(col) if col is not None else np.full(part.n, NO_TIME)
            vals = part.cols.get(field)
            yield ts, vals if vals is not None else list(part.values(field))
        else:
            yield np.fromiter(epochs(part), np.int64, len(part)), [getattr(r, field) for r in part]


def _codes(values: Sequence[Any], code_of: dict[Any, int]) -> npt.NDArray[np.int32]:
    """Each value's index in ``code_of`` (new values appended, in order of appearance)."""
    code_array = getattr(values, "code_array", None)  # compact.CodedStrings
    if code_array is not None:  # its distinct values: in order of first appearance, all used
        distinct: list[Any] = getattr(values, "values")  # noqa: B009
        lut = np.array([code_of.setdefault(v, len(code_of)) for v in distinct], dtype=np.int32)
        return lut[code_array()]
    for v in dict.fromkeys(values):  # distinct values in order of first appearance
        code_of.setdefault(v, len(code_of))
    return np.fromiter(map(code_of.__getitem__, values), dtype=np.int32, count=len(values))


_CHUNK = 1 << 16
#: session gaps (seconds) up to this are tallied with ``np.bincount`` (else ``np.unique``)
_BINCOUNT_MAX = 1 << 20


def sorted_times(
    runs: Callable[[], Iterable[npt.NDArray[np.int64]]],
) -> tuple[int, npt.NDArray[Any]]:
    """(base, offsets): the times of ``runs()`` (epoch arrays; NO_TIME dropped), sorted, as
    uint32 offsets from ``base`` (int64 from 0 when they span 136 years or more). ``runs`` is
    called twice (bounds, then values), so no int64 array of all times is ever built."""
    n, lo, hi = 0, None, None
    for ts in runs():
        ts = ts[ts != NO_TIME]
        if ts.size:
            n += int(ts.size)
            lo = int(ts.min()) if lo is None else min(lo, int(ts.min()))
            hi = int(ts.max()) if hi is None else max(hi, int(ts.max()))
    if lo is None or hi is None:
        return 0, np.empty(0, dtype=np.int64)
    base, dtype = (lo, np.uint32) if hi - lo < 2**32 else (0, np.int64)
    out = np.empty(n, dtype=dtype)
    k = 0
    for ts in runs():
        ts = ts[ts != NO_TIME]
        out[k : k + ts.size] = ts - base
        k += int(ts.size)
    out.sort(kind="stable")  # timsort: exports list times in (reverse) order, so near O(n)
    return base, out


def _overlapping(a: npt.NDArray[Any]) -> Iterator[npt.NDArray[np.int64]]:
    """``a`` as int64 chunks that overlap by one value (consecutive pairs all seen once)."""
    for i in range(0, max(int(a.size) - 1, 0), _CHUNK):
        yield a[i : i + _CHUNK + 1].astype(np.int64)


def positive_gaps(a: npt.NDArray[Any]) -> npt.NDArray[np.uint32] | npt.NDArray[np.int64]:
    """The positive differences between consecutive values of sorted ``a``."""
    parts = []
    for part in _overlapping(a):
        d = np.diff(part)
        d = d[d > 0]
        parts.append(d.astype(np.uint32) if d.size and int(d.max()) < 2**32 else d)
    if not parts:
        return np.empty(0, dtype=np.int64)
    return np.concatenate(parts)


def day_counts(ts: npt.NDArray[np.int64]) -> dict[int, int]:
    """Day number (since 1970-01-01) -> how many of the epoch times ``ts`` fall on it, in
    day order (a bincount over the days spanned: no sort)."""
    if not ts.size:
        return {}
    days = ts // 86400
    lo = int(days.min())
    counts = np.bincount(days - lo)
    nz = np.flatnonzero(counts)
    return dict(zip((nz + lo).tolist(), counts[nz].tolist(), strict=True))


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
    videos = count_by(acts, "kind")["watch"]
    base, times = sorted_times(lambda: (ts for _, ts in _kind_times_of(acts, "", ("watch",))))
    gap = session_gap_minutes * 60
    n_in = total_in = changes = 0
    hist: Counter[int] = Counter()
    for part in _overlapping(times):  # gaps a chunk at a time: no array of all gaps
        d = np.diff(part)
        ins = d[d <= gap]
        n_in += int(ins.size)
        total_in += int(ins.sum())
        if gap <= _BINCOUNT_MAX:  # gaps of 0..gap seconds: a tally, no sort
            c = np.bincount(ins)
            v = np.flatnonzero(c)
            c = c[v]
        else:
            v, c = np.unique(ins, return_counts=True)
        hist.update(dict(zip(v.tolist(), c.tolist(), strict=True)))
        changes += int(np.count_nonzero(np.diff((part + base) // 86400)))
    n_gaps = max(int(times.size) - 1, 0)
    sessions = n_gaps - n_in + 1 if times.size else 0
    total = float(total_in)
    tail = float(median_of_counts(hist)) if n_in else 0.0
    total += tail * sessions
    days = changes + 1 if times.size else 0
    hours = total / 3600
    return WatchTime(
        videos=videos,
        timed_videos=int(times.size),
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
