"""TikTok JSON exports (G1, G2, the 2024 US variant, G3, G4): layout detection and walking."""

from __future__ import annotations

from functools import partial
from typing import Any

import msgspec
import orjson

from privacyscope.errors import InputError
from privacyscope.model import Unreadable, Unrecognized
from privacyscope.sources.base import Progress, ReadResult
from privacyscope.sources.tiktok import parallel
from privacyscope.sources.tiktok.columnar import Fields
from privacyscope.sources.tiktok.parallel import Job, run_jobs
from privacyscope.sources.tiktok.sections import (
    ChatHandler,
    ListHandler,
    SectionContext,
    handler_for,
    message,
    norm_name,
)
from privacyscope.textdecode import Bytes, is_plain_utf8, json_bytes, json_bytes_error

#: every top-level category seen in any generation (normalised)
CATEGORIES = frozenset(
    norm_name(c)
    for c in (
        "Activity",
        "Ads and data",
        "App Settings",
        "Comment",
        "Direct Messages",
        "Direct Message",
        "Profile",
        "Tiktok Live",
        "TikTok Live",
        "Tiktok Shopping",
        "TikTok Shop",
        "Video",
        "Income Plus Wallet Transactions",
        "Income+ Wallet",
        "Poi Review",
        "Location Review",
        "Post",
        "Your Activity",
        "Likes and Favorites",
        "Profile And Settings",
    )
)

LAYOUT_NAMES = {
    "g1": "G1 (2021-2023)",
    "g2": "G2 (2023 - Dec 2024)",
    "us": "V-US (US 2024 variant)",
    "g3": "G3 (Dec 2024 - Nov 2025)",
    "g4": "G4 (Apr 2025 onwards)",
    "txt": "TXT export",
}


def looks_like_tiktok(top: Any) -> bool:
    if not isinstance(top, dict):
        return False
    known = sum(1 for k in top if isinstance(k, str) and norm_name(k) in CATEGORIES)
    return known >= 2 or (known == 1 and len(top) <= 3)


def detect_layout(top: dict[str, Any]) -> str:
    keys = {norm_name(k) for k in top}
    if keys & {
        norm_name("Profile And Settings"),
        norm_name("Likes and Favorites"),
        norm_name("Income+ Wallet"),
    }:
        return "g4"
    if norm_name("Your Activity") in keys:
        return "g3"
    activity = top.get("Activity")
    profile = top.get("Profile")
    act = {norm_name(k) for k in activity} if isinstance(activity, dict) else set()
    prof = {norm_name(k) for k in profile} if isinstance(profile, dict) else set()
    if act & {"comments", "poireview"} or "followerlist" in prof:
        return "us"
    if keys & {norm_name("Income Plus Wallet Transactions"), norm_name("Poi Review")}:
        return "g2"
    return "g1"


def load(value: Any) -> Any:
    """A value still as JSON text (``msgspec.Raw``) -> Python objects (orjson, as before)."""
    if isinstance(value, msgspec.Raw):
        return orjson.loads(memoryview(value))
    return value


def split_top(body: Bytes) -> dict[str, Any] | None:
    """Category -> section -> JSON text, without building any record-level object.

    Returns None when msgspec cannot split the text (not an object, broken, too deep...);
    the caller then parses with orjson, whose errors carry line and column.
    """
    try:  # one pass when every category is an object (all known layouts)
        return dict(_CATEGORIES.decode(body))
    except (msgspec.DecodeError, msgspec.ValidationError, RecursionError, UnicodeError):
        pass
    try:
        top = _TOP.decode(body)
        return {k: _split(v) for k, v in top.items()}
    except (msgspec.DecodeError, msgspec.ValidationError, RecursionError, UnicodeError):
        return None


#: exports at least this big are checked (UTF-8, NUL bytes) by a forked process while this one
#: splits them (docs/adr/0007-two-cores.md)
CHECK_APART_BYTES = 64 << 20


def split_checked(data: Bytes, label: str) -> tuple[Bytes, dict[str, Any] | None]:
    """(``json_bytes(data)``, ``split_top`` of it). A big export without BOM is checked by a
    forked child while this process splits it; the check's error wins, as when it ran first."""
    if len(data) < CHECK_APART_BYTES or not is_plain_utf8(data):
        body = json_bytes(data, label)
        return body, split_top(body)
    with parallel.Background(partial(json_bytes_error, data, label)) as check:
        try:
            top = split_top(data)
        finally:  # whatever the split met in bad text, the check's error is the one to report
            error = check.result()
            if error is not None:
                raise InputError(*error)
    return data, top


def _split(raw: msgspec.Raw) -> Any:
    head = bytes(memoryview(raw)[:1])
    if head == b"{":
        return _TOP.decode(raw)
    return load(raw)


_TOP = msgspec.json.Decoder(dict[str, msgspec.Raw])
_CATEGORIES = msgspec.json.Decoder(dict[str, dict[str, msgspec.Raw]])
#: the columnar fast path for big lists (tests turn it off to compare both paths)
FAST_PATH = True


def read_tree(
    top: dict[str, Any],
    result: ReadResult,
    progress: Progress,
    size: int,
    full: bool = True,
    ctx: SectionContext | None = None,
) -> None:
    """Walk Category -> Section and hand every section to its handler.

    Section values may still be JSON text (``msgspec.Raw``, from :func:`split_top`): a handler
    with a ``fast`` path reads them column-wise, everything else is parsed first.
    """
    own = ctx is None
    ctx = ctx or SectionContext(result, full)
    if FAST_PATH:
        ctx.prefetched.update(run_jobs(plan_jobs(top, ctx.full)))
    categories = list(top.items())
    for n, (category, cval) in enumerate(categories):
        if not isinstance(category, str):
            continue
        if norm_name(category) not in CATEGORIES:
            cval = {k: load(v) for k, v in cval.items()} if isinstance(cval, dict) else cval
            if isinstance(cval, dict) and cval and all(isinstance(v, dict) for v in cval.values()):
                for section, sval in cval.items():  # an unknown category of sections
                    ctx.unknown_section(f"{category}/{section}", sval)
            else:
                ctx.unknown_section(category, cval)
            continue
        if cval is None or cval == {} or cval == []:
            result.sections.setdefault(category, 0)
            continue
        if not isinstance(cval, dict):
            result.unrecognized.append(
                Unrecognized(
                    path=category, kind="section", records=0, example_keys=[type(cval).__name__]
                )
            )
            continue
        for section, sval in cval.items():
            path = f"{category}/{section}"
            found = handler_for(category, section)
            if found is None:
                ctx.unknown_section(path, load(sval))
                continue
            handler, table = found
            result.present.add(table)
            try:
                fast = getattr(handler, "fast", None) if FAST_PATH else None
                if not (
                    isinstance(sval, msgspec.Raw) and fast is not None and fast(ctx, sval, path)
                ):
                    handler(ctx, load(sval), path)
            except (TypeError, AttributeError, ValueError, KeyError, RecursionError) as exc:
                result.unreadable.append(
                    Unreadable(path=path, reason=f"unexpected structure ({type(exc).__name__})")
                )
        progress(size * (n + 1) // max(len(categories), 1), ctx.records_read)
    if own:
        ctx.finish()


def plan_jobs(top: dict[str, Any], full: bool) -> list[Job]:
    """The big sections whose records can be read ahead of the walk (``parallel``): one job
    each, except a section byte-identical to one already planned for the same de-duplicated
    handler (the walk counts it once and never decodes it)."""
    jobs: list[Job] = []
    planned: dict[str, list[msgspec.Raw]] = {}
    for category, cval in top.items():
        if not (isinstance(cval, dict) and isinstance(category, str)):
            continue
        if norm_name(category) not in CATEGORIES:
            continue
        for section, sval in cval.items():
            if not isinstance(sval, msgspec.Raw) or len(memoryview(sval)) < parallel.MIN_JOB_BYTES:
                continue
            found = handler_for(category, section)
            handler = found[0] if found else None
            path = f"{category}/{section}"
            fields = message
            if isinstance(handler, ListHandler) and isinstance(handler.build, Fields):
                fields = handler.build
                if handler.dedupe:
                    same = planned.setdefault(handler.dedupe, [])
                    if any(sval == other for other in same):
                        continue
                    same.append(sval)
            elif not isinstance(handler, ChatHandler):
                continue
            run = partial(handler.section_runs, sval, path, full)
            # bulky keys (video links, message texts) are skipped, not decoded: cheaper bytes
            size = len(memoryview(sval)) // (2 if not full and fields.skipped_keys() else 1)
            jobs.append(Job(f"section:{path}", size, run))
    return jobs
