"""TikTok TXT exports: localized files mapped onto the JSON sections, read column-wise.

Each TXT file is a list of blocks of ``Key: value`` lines (``txt_specs`` maps its name and keys
onto a JSON section and its keys). The records are exactly those of the reference reader kept
in ``txt_reference`` (blocks -> dicts -> the JSON section handler), but the big lists are not
read block by block:

* a list whose handler builds records with ``Fields`` (watch history, likes, searches, logins,
  off-TikTok events, followers...; comments through the ``Fields`` their builder amounts to)
  is cut into columns by ``txt_tokens`` (128 KiB at a time, no Python step per line) and
  turned into ``Columns`` runs of up to ``BATCH`` records by ``txt_columns.build`` (times via
  ``timeparse.epochs_of`` per column); lists under 64 records are built record by record,
  as ``SectionContext.each`` does;
* direct messages are cut into columns with numpy (``txt_dm``), and each chat with 64
  messages or more becomes a ``Columns`` run;
* everything else (profile, settings, posts, unknown files) goes through the reference
  handlers with the fast ``parse_blocks``.

Big plain files are memory-mapped instead of copied; the cyclic GC is paused while reading.
On two cores (as the JSON reader, ADR 0007) the list and DM files of 1 MiB or more are read
ahead of the walk, the biggest share in a forked child (``parallel.run_jobs``): each job reads
one file, or one 16 MB slice of a long list (``SLICE``), into a ``txt_parallel.Capture``, and
the walk applies what it captured in file order, so the result is that of a one-core read
(``tests/test_txt_parallel.py``). A zip member is read whole by its job through the archive
opened again (the child must not move the parent's archive handle); a job that fails leaves
its file to the walk.
Without ``full`` (``audit --json``), long lists leave out the fields no finding reads, as the
JSON reader does. What does not fit (odd keys, odd separators, rare line breaks) is parsed by
the reference code, so the records, refs (``<file>/<ListKey>[i]``), unknown keys, notes and
inventory are the reference's; ``tests/test_txt_equivalence.py`` checks it.
"""

from __future__ import annotations

import codecs
import gc
import io
import mmap
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from functools import partial
from itertools import chain
from typing import Any

from privacyscope.errors import InputError
from privacyscope.inputs import ExportFile
from privacyscope.model import Columns, Comment, Unreadable
from privacyscope.sources.base import Progress, ReadResult
from privacyscope.sources.tiktok import parallel, sections, txt_dm, txt_parallel, txt_reference
from privacyscope.sources.tiktok.columnar import Fields
from privacyscope.sources.tiktok.sections import (
    DATE_KEYS,
    HANDLERS,
    TABLES,
    ListHandler,
    SectionContext,
    _chat_name,
    chat_history,
    comment,
    message,
    message_items,
    norm_name,
)
from privacyscope.sources.tiktok.txt_columns import Rows, build, epochs
from privacyscope.sources.tiktok.txt_specs import (  # file names and keys: see txt_specs
    _KEY_LINE,
    DM_FILES,
    TXT_FILES,
    TxtSpec,
    is_dm_file,
    is_empty_text,
    looks_like_tiktok_txt,
    spec_for,
)
from privacyscope.sources.tiktok.txt_specs import key_value as _key_value
from privacyscope.sources.tiktok.txt_tokens import Run, Table, parse_blocks, scan_bytes, separator
from privacyscope.textdecode import to_utf8

#: records per ``Columns`` run of a long list (the date strings of one batch live at once)
BATCH = 1 << 16
#: record builders of list handlers written as the ``Fields`` they amount to (column path)
_AS_FIELDS: dict[Any, Fields] = {
    comment: Fields(
        Comment,
        DATE_KEYS,
        {
            "text": ("clean", ("Comment", "comment")),
            "link": ("clean", ("Url", "url", "originalPostUrl", "original post link", "video")),
        },
    ),
}


def read_txt(
    files: list[ExportFile], result: ReadResult, progress: Progress, full: bool = True
) -> None:
    """Read the ``.txt`` files of an export (``full``: keep fields no finding reads)."""
    if not sections.COLUMNAR:  # the record-by-record path, for comparisons
        txt_reference.read_txt(files, result, progress)
        return
    with _gc_paused():
        _read_files(files, SectionContext(result, full), progress)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """The cyclic GC off while reading: the reader makes millions of strings held by a few
    long lists, which every full collection walks again (a tenth of the time) for no cycle."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _read_files(files: list[ExportFile], ctx: SectionContext, progress: Progress) -> None:
    prepared = _prepare(files, ctx.full)
    done = 0
    for i, f in enumerate(files):
        if not f.name.lower().endswith(".txt"):
            continue
        got = prepared.pop(i, None)
        if not (got is not None and _apply(ctx, f, got)) and not _read_file(ctx, f):
            continue
        done += f.size
        progress(done, ctx.records_read)
    ctx.finish()


def _read_file(ctx: SectionContext, f: ExportFile, body: Body | None = None) -> bool:
    """Read one file (``body``: its text if already loaded); False if it is unreadable."""
    if body is None:
        body = _load(f, ctx.result)
        if body is None:
            return False
    try:
        spec = spec_for(f)
        if spec is not None:
            read_txt_file(ctx, f, spec, body)
        elif is_dm_file(f):
            read_dm_file(ctx, f, body)
        elif not _is_empty(body):
            blocks = parse_blocks(_text(body))
            ctx.unknown_section(f.name, [dict(b) for b in blocks])
    finally:
        if isinstance(body, mmap.mmap):
            body.close()
    return True


# -- two cores ---------------------------------------------------------------------------------
#: files at least this big are read ahead of the walk (smaller than a JSON job: one fork
#: serves all files, and what the child does not take the parent reads while it waits)
JOB_MIN = 1 << 20
#: the child's share is smaller by about 1/CHILD_EXTRA of the work (half as much with
#: ``full``): it pickles its results, and the parent waits for them before it unpickles them
CHILD_EXTRA = 30


#: what a file read ahead adds: one ``Added``, or one per slice of a list cut in slices
Prepared = txt_parallel.Added | list[txt_parallel.Added]


def _prepare(files: list[ExportFile], full: bool) -> dict[int, Prepared]:
    """What the big files add (index in ``files`` -> ``Prepared``), read ahead of the walk on
    two cores (``parallel.run_jobs``); {} when that would not help. A long list is cut in
    slices (``_slices``), one job each. A file whose job (or one of whose jobs) fails is
    missing: the walk reads it."""
    if parallel.workers() < 2:
        return {}
    jobs: list[parallel.Job] = []
    planned: list[tuple[int, int]] = []  # (file, slices: 0 if read whole)
    maps: list[mmap.mmap] = []
    try:
        for i, f in enumerate(files):
            if not f.name.lower().endswith(".txt") or f.size < JOB_MIN:
                continue
            cost = _cost(f, full)
            if cost is None:
                continue
            # mapped before the fork: the child shares the pages; a zip member is read whole
            # by its job through the archive opened again (a forked child must not move the
            # parent's handle), so its inflating is shared between the cores too
            mm = _open_map(f)
            if mm is None:
                if f.detachable:
                    jobs.append(parallel.Job(f"txt:{i}", cost, partial(_detached_job, f, full)))
                    planned.append((i, 0))
                continue
            maps.append(mm)
            parts = _slices(mm) if spec_for(f) is not None else []
            if len(parts) < 2:
                jobs.append(parallel.Job(f"txt:{i}", cost, partial(_job, f, mm, full)))
                planned.append((i, 0))
                continue
            for k, (lo, hi) in enumerate(parts):
                run = partial(_part_job, f, mm, full, lo, hi)
                jobs.append(parallel.Job(f"txt:{i}:{k}", cost * (hi - lo) // len(mm), run))
            planned.append((i, len(parts)))
        # the child also pickles what it read (more with ``full``: links, message texts)
        extra = sum(j.size for j in jobs) // (CHILD_EXTRA // 2 if full else CHILD_EXTRA)
        results = parallel.run_jobs(jobs, extra)
    finally:
        for mm in maps:
            with suppress(BufferError):  # (nothing read ahead keeps a view of the text)
                mm.close()
    out: dict[int, Prepared] = {}
    for i, n in planned:
        if not n:
            if f"txt:{i}" in results:
                out[i] = results[f"txt:{i}"]
            continue
        got = [results.get(f"txt:{i}:{k}") for k in range(n)]
        if all(got):
            out[i] = [a for a in got if a is not None]
    return out


def _cost(f: ExportFile, full: bool) -> int | None:
    """About how long a file takes to read (in bytes of plain list text); None if its read
    is not planned (neither a list read column-wise nor direct messages)."""
    spec = spec_for(f)
    if spec is None:
        return f.size * 5 // 3 if is_dm_file(f) else None  # (DM: cut with numpy, slower)
    fields = _list_fields(spec)
    handler = HANDLERS[norm_name(spec.section)]
    if fields is None or not isinstance(handler, ListHandler):
        return None
    bulky = _bulky_keys(fields, handler.known)
    if not bulky:
        return f.size
    return f.size // 2 if not full else f.size * 11 // 20  # (bulky values: few to clean)


def _job(f: ExportFile, mm: Body, full: bool) -> txt_parallel.Added:
    """What reading the file adds (``txt_parallel.Surprise`` if it is not plain UTF-8: the
    walk then loads it as usual)."""
    if not _plain(mm):
        raise txt_parallel.Surprise("not plain UTF-8")
    spec = spec_for(f)

    def read(ctx: SectionContext) -> None:
        if spec is not None:
            read_txt_file(ctx, f, spec, mm)
        else:
            read_dm_file(ctx, f, mm)

    return txt_parallel.capture(read, full)


def _detached_job(f: ExportFile, full: bool) -> txt_parallel.Added:
    """``_job`` of a file read through a handle of its own (a zip member)."""
    body = f.read_detached()
    if body is None:
        raise txt_parallel.Surprise("no handle of its own")
    return _job(f, body, full)


def _part_job(f: ExportFile, mm: mmap.mmap, full: bool, lo: int, hi: int) -> txt_parallel.Added:
    """What one slice of a list file adds (its runs start at 0)."""
    spec = spec_for(f)
    # (valid UTF-8 slice by slice: they are cut after a blank line, never inside a character)
    if spec is None or _is_empty(mm) or not _plain(mm, lo, hi):
        raise txt_parallel.Surprise("not a plain list")
    return txt_parallel.capture(lambda ctx: read_txt_file(ctx, f, spec, mm, (lo, hi)), full)


def _apply(ctx: SectionContext, f: ExportFile, got: Prepared) -> bool:
    """Add what a file read ahead adds, as reading it would; False if the walk must read it
    after all: a list in slices whose runs a one-core read cuts otherwise (its first slice
    has under ``_MIN_RUN`` records: see ``SLICE``; or all of it, read record by record)."""
    items = partial(_items_of, f)
    if isinstance(got, txt_parallel.Added):
        txt_parallel.apply(ctx, got, items, _repeats)
        return True
    counts = [sum(a.sections.values()) for a in got]
    before = sum(counts[:-1])
    if counts[0] < sections._MIN_RUN and (before or counts[-1] < sections._MIN_RUN):
        return False
    runs = [[r for r in a.records if isinstance(r, Columns)] for a in got]
    if any(len(r) != len(a.records) for r, a in zip(runs, got, strict=True)):
        return False
    at = 0
    for a, mine, n in zip(got, runs, counts, strict=True):
        for run in mine:
            run.start += at
        at += n
        if not txt_parallel.apply(ctx, a, items, _repeats):
            break  # a duplicate list: counted once (the first slice's check)
    return True


#: a file's UTF-8 text: bytes, or the file itself mapped into memory (no copy to make)
Body = bytes | mmap.mmap
#: files at least this big are mapped when they can be
MAP_MIN = 1 << 20


def _text(body: Body) -> str:
    return bytes(body).decode("utf-8")


def _load(f: ExportFile, result: ReadResult | None) -> Body | None:
    """The file as UTF-8 without BOM and NUL (reported in ``result``); None if unreadable."""
    mapped = _map(f)
    if mapped is not None:
        return mapped
    try:
        body = to_utf8(f.read_bytes(), f.display)
    except (InputError, OSError) as exc:
        if result is not None:
            result.unreadable.append(Unreadable(path=f.name, reason=str(exc)))
        return None
    if b"\x00" in body:
        body = body.replace(b"\x00", b"")
        if result is not None:
            result.notes.append(f"{f.name}: NUL bytes removed")
    return body


def _map(f: ExportFile) -> mmap.mmap | None:
    """A big plain file of valid UTF-8 without BOM or NUL, mapped; None for anything else
    (a zip member, a small file, UTF-16, a BOM, NUL, invalid UTF-8: ``_load`` reads those)."""
    if f.size < MAP_MIN:
        return None
    mm = _open_map(f)
    if mm is not None and not _plain(mm):
        mm.close()
        return None
    return mm


def _open_map(f: ExportFile) -> mmap.mmap | None:
    """The file mapped into memory; None if it cannot be (a zip member, no file)."""
    try:
        with f.open() as fh:
            return mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        return None


def _plain(mm: Body, lo: int = 0, hi: int | None = None) -> bool:
    """Whether the mapped text (``mm[lo:hi]``) is valid UTF-8 without BOM or NUL."""
    hi = len(mm) if hi is None else hi
    head = mm[:3] if lo == 0 else b""
    if head == codecs.BOM_UTF8 or head[:2] in _BOMS16:
        return False
    return mm.find(b"\x00", lo, hi) < 0 and _utf8(mm, lo, hi)


_BOMS16 = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def _utf8(mm: Body, lo: int = 0, hi: int | None = None, size: int = 1 << 20) -> bool:
    """Whether the mapping (``mm[lo:hi]``) is valid UTF-8 (ASCII pieces are not decoded)."""
    hi = len(mm) if hi is None else hi
    dec = codecs.getincrementaldecoder("utf-8")()
    try:
        for pos in range(lo, hi, size):
            piece = mm[pos : min(pos + size, hi)]
            if not (piece.isascii() and not dec.getstate()[0]):
                dec.decode(piece)
        dec.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _is_empty(body: Body) -> bool:
    """``is_empty_text`` of the decoded text, without copying a big text to find out."""
    if len(body) > 8192:
        head = body[:1024].decode("utf-8", "ignore").strip()
        tail = body[-1024:].decode("utf-8", "ignore").strip()
        if head and tail and not tail.endswith("."):
            return False  # over 6 KB between the first and the last visible character
    return is_empty_text(_text(body))


def read_txt_file(
    ctx: SectionContext,
    file: ExportFile,
    spec: TxtSpec,
    body: Body,
    part: tuple[int, int] | None = None,
) -> None:
    """Read one file mapped onto a JSON section (``part``: one slice of a list, see
    ``_read_list``)."""
    path = file.name
    ctx.result.present.add(TABLES[norm_name(spec.section)])
    if _is_empty(body):
        ctx.inventory(path, 0)
        return
    handler = HANDLERS[norm_name(spec.section)]
    fields = _list_fields(spec)
    if fields is not None and isinstance(handler, ListHandler):
        _read_list(ctx, file, spec, handler, fields, body, part)
    else:
        assert part is None
        txt_reference.read_blocks(ctx, path, spec, parse_blocks(_text(body)))


def _list_fields(spec: TxtSpec) -> Fields | None:
    """The ``Fields`` a list file is read column-wise with; None if it is not."""
    handler = HANDLERS[norm_name(spec.section)]
    if isinstance(handler, ListHandler) and spec.list_key in handler.list_keys:
        build = handler.build
        return build if isinstance(build, Fields) else _AS_FIELDS.get(build)
    return None


def _read_list(
    ctx: SectionContext,
    file: ExportFile,
    spec: TxtSpec,
    handler: ListHandler,
    fields: Fields,
    body: Body,
    part: tuple[int, int] | None = None,
) -> None:
    """What ``ctx.each`` does with ``{list_key: items}``, from columns instead of items
    (``fields``: the handler's record builder, or what it amounts to). ``part``: only this
    slice of the file (``_slices``; two cores): its runs start at 0, and whether the list is
    short (read record by record) is the caller's to decide."""
    assert spec.list_key is not None
    list_path = f"{file.name}/{spec.list_key}"
    if handler.dedupe is not None and (part is None or part[0] == 0):
        dup = ctx.duplicate_of(handler.dedupe, list_path, _Items(file, spec))
        if dup is not None:
            ctx.result.notes.append(_repeats(list_path, dup))
            return
    known = handler.known
    # without ``full`` the fields no finding reads are left out of long lists (as the JSON
    # reader does), and so are their values; short lists are built record by record, in full
    skip = frozenset() if ctx.full else _bulky_keys(fields, known)
    parts = _slices(body) if part is None else [part]
    start, rows, unknown = _collect(ctx, spec, fields, known, list_path, body, skip, parts)
    if part is None and start == 0 and rows.n < sections._MIN_RUN:  # short: as ``each``
        if skip:
            _, rows, _ = _collect(ctx, spec, fields, known, list_path, body, frozenset(), parts)
        n = ctx.each_item(rows.items(strip=True), list_path, known, handler.build)
    else:
        if rows.n:
            ctx.add_run(build(fields, rows, list_path, ctx.full, start))
            start += rows.n
        for k, c in unknown.items():
            ctx.unknown_key(list_path, k, c)
        n = start
    ctx.inventory(list_path, n)


#: a list file is read in slices of about this many bytes, cut after a blank line. A run of
#: records ends with its slice once the list has ``_MIN_RUN`` records (before, the list may
#: still be short, read record by record), so slices read apart (two cores) give the same runs
SLICE = 16 << 20


def _slices(body: Body) -> list[tuple[int, int]]:
    """(start, end) of the slices of a file."""
    sep = separator(body)
    out = []
    pos, n = 0, len(body)
    while pos < n:
        cut = body.find(sep, pos + SLICE)
        end = n if cut < 0 else cut + len(sep)
        out.append((pos, end))
        pos = end
    return out or [(0, 0)]


def _collect(
    ctx: SectionContext,
    spec: TxtSpec,
    fields: Fields,
    known: frozenset[str],
    list_path: str,
    body: Body,
    skip: frozenset[str],
    parts: list[tuple[int, int]],
) -> tuple[int, Rows, dict[str, int]]:
    """Read these slices of the list, adding a run every ``BATCH`` records and at the end of
    every slice but the last (see ``SLICE``); returns (records added, the rows not added yet,
    unknown key -> records holding it)."""
    keymap = spec.keys
    json_keys: dict[tuple[str, ...], list[str]] = {}
    unknown: dict[str, int] = {}
    rows = Rows()
    start = 0
    sep = separator(body)

    def canon(key: str) -> str:
        return keymap.get(key.lower(), key)

    for p, (lo, hi) in enumerate(parts):
        if p and rows.n and start + rows.n >= sections._MIN_RUN:  # (see SLICE)
            ctx.add_run(build(fields, rows, list_path, ctx.full, start))
            start += rows.n
            rows = Rows()
        for seg in scan_bytes(body, canon=canon, skip=skip, lo=lo, hi=hi, sep=sep):
            if isinstance(seg, Run):
                keys = json_keys.get(seg.keys)
                if keys is None:
                    keys = json_keys[seg.keys] = [canon(k) for k in seg.keys]
                rows.add_columns(keys, seg.cols, seg.n)
                for k in set(keys) - known:
                    unknown[k] = unknown.get(k, 0) + seg.n
            elif isinstance(seg, Table):
                rows.add_columns(seg.keys, seg.cols, seg.n, seg.sparse)
                for k, c in zip(seg.keys, seg.counts, strict=True):
                    if k not in known:
                        unknown[k] = unknown.get(k, 0) + c
            else:
                for rec in txt_reference.list_items(spec, seg.blocks):
                    rec = {k: v for k, v in rec.items() if k not in skip}
                    rows.add_row(rec)
                    for k in rec:
                        if k not in known:
                            unknown[k] = unknown.get(k, 0) + 1
            if rows.n >= BATCH:
                ctx.add_run(build(fields, rows, list_path, ctx.full, start))
                start += rows.n
                rows = Rows()
    return start, rows, unknown


def _repeats(list_path: str, dup: str) -> str:
    return f"{list_path} repeats {dup} record for record: counted once"


def _bulky_keys(fields: Fields, known: frozenset[str]) -> frozenset[str]:
    """Known keys only ``bulky`` fields read."""
    used = set(fields.time)
    bulky: set[str] = set()
    for name, (_mode, keys) in fields.fields.items():
        (bulky if name in fields.bulky else used).update(keys)
    return frozenset((bulky - used) & known)


def _items_of(f: ExportFile) -> _Items:
    spec = spec_for(f)
    assert spec is not None  # (only list files check for duplicates)
    return _Items(f, spec)


class _Items:
    """A list section's items for the de-duplication of lists (``Seen``), parsed by the
    reference reader from the file only if another list of the same section is compared."""

    __slots__ = ("_items", "file", "spec")

    def __init__(self, file: ExportFile, spec: TxtSpec) -> None:
        self.file = file
        self.spec = spec
        self._items: list[dict[str, Any]] | None = None

    def items(self) -> list[dict[str, Any]] | None:
        if self._items is None:
            body = _load(self.file, None)
            if body is None:
                return None
            try:
                blocks = txt_reference.parse_blocks(_text(body))
            finally:
                if isinstance(body, mmap.mmap):
                    body.close()
            self._items = txt_reference.list_items(self.spec, blocks)
        return self._items

    def __eq__(self, other: object) -> bool:
        mine = self.items()
        theirs = other.items() if isinstance(other, _Items) else other
        return mine is not None and theirs is not None and mine == theirs

    __hash__ = None  # type: ignore[assignment]


# -- direct messages ---------------------------------------------------------------------------
def read_dm_file(ctx: SectionContext, file: ExportFile, body: Body) -> None:
    ctx.result.present.add("messages")
    if _is_empty(body):
        ctx.inventory(file.name, 0)
        return
    data = bytes(body)
    found = txt_dm.chats(data)
    if found is None:  # other line breaks: the reference reads it
        txt_reference.read_dm_file(ctx, file, data.decode("utf-8"))
        return
    handler = chat_history
    base = f"{file.name}/{handler.list_keys[0]}"
    # chats read column-wise (64 messages or more; parse_time keeps non-ASCII digits in the
    # string where epochs_of converts them, so such dates are read record by record, as the
    # reference reads every message); their times in one call
    runs = {
        key: len(chat[0])
        for key, chat in found.items()
        if len(chat[0]) >= sections._MIN_RUN and "".join(chat[0]).isascii()
    }
    times = epochs(list(chain.from_iterable(found[key][0] for key in runs)))
    at = 0
    total = 0
    for key, (dates, senders, contents) in found.items():
        cpath = f"{base}/{key}"
        other = _chat_name(key)
        n = len(dates)
        if key in runs:
            rows = Rows()
            rows.add_columns(("Date", "From", "Content"), [dates, senders, contents], n)
            const = {"kind": handler.kind, "chat": other}
            run = build(message, rows, cpath, ctx.full, 0, const, False, times[at : at + n])
            ctx.add_run(run)
            at += n
        elif n:
            msgs = [
                {"Date": d, "From": s, "Content": c}
                for d, s, c in zip(dates, senders, contents, strict=True)
            ]
            message_items(ctx, msgs, cpath, handler.kind, other)
        total += n
    ctx.inventory(base, total)


__all__ = [
    "DM_FILES",
    "TXT_FILES",
    "_KEY_LINE",
    "TxtSpec",
    "_key_value",
    "is_dm_file",
    "is_empty_text",
    "looks_like_tiktok_txt",
    "parse_blocks",
    "read_txt",
    "spec_for",
]
