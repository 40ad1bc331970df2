"""What one TXT file adds to a read, computed apart and applied later (two cores, ADR 0007).

The TXT reader reads its big files (watch history, logins, off-TikTok events, likes, direct
messages...) ahead of the walk, the biggest share in a forked child (``parallel.run_jobs``).
Each such job reads one file into a :class:`Capture`: a ``SectionContext`` of its own that
keeps, in order, what the file adds (records and column runs, inventory, notes, unknown keys,
unrecognized and unreadable entries, record tables present) instead of adding it to the
export's result. The walk then applies each file's :class:`Added` where it would have read the
file, so the result is exactly that of a one-core read.

The only state a file's read depends on besides its own bytes is the de-duplication of lists
(``SectionContext.seen``): a capture records the check (``Added.dedupe``) and answers "no
duplicate"; :func:`apply` makes the real check and, on a duplicate, adds the note instead of
the records, as the walk would. Anything else a capture cannot replay (settings, a second
check, a check after records) makes the job fail, and the walk reads the file itself.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, fields
from functools import cache
from itertools import compress, count, repeat
from operator import is_
from typing import Any

from privacyscope.model import Columns, Record, Unreadable, Unrecognized
from privacyscope.sources.base import ReadResult
from privacyscope.sources.tiktok.sections import SectionContext


class Surprise(Exception):
    """A file's read did something a capture cannot replay: the walk reads it instead."""


@dataclass(slots=True)
class Added:
    """What one file adds to a ``SectionContext``, in the order it adds it."""

    #: records and column runs, in the order added
    records: list[Record | Columns]
    #: inventory: path -> records, in the order first counted
    sections: dict[str, int]
    notes: list[str]
    present: set[str]
    unrecognized: list[Unrecognized]
    unreadable: list[Unreadable]
    #: (path, key) -> records holding the unknown key
    unknown: dict[tuple[str, str], int]
    #: (handler, list path) of the de-duplication check made before anything was added
    dedupe: tuple[str, str] | None

    # a forked child sends its ``Added`` pickled: columns of distinct strings are sent packed
    def __getstate__(self) -> tuple[Any, ...]:
        records = [_packed(r) if isinstance(r, Columns) else r for r in self.records]
        return (records, *(getattr(self, k) for k in _FIELDS[1:]))

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        for k, v in zip(_FIELDS, state, strict=True):
            object.__setattr__(self, k, v)
        for r in self.records:
            if isinstance(r, Columns):
                _unpack(r)


_FIELDS = tuple(Added.__dataclass_fields__)


class Packed:
    """A column of strings (None where ``nones`` say) as one string: pickle writes and reads
    every string of a list one by one, memoized (~0.3 us each), ``str.join`` / ``str.split``
    take a few ns. Only columns of mostly distinct values (video links, message texts) are
    packed; the others share their strings, which pickle keeps shared."""

    __slots__ = ("joined", "n", "nones")

    def __init__(self, joined: str, n: int, nones: list[int]) -> None:
        self.joined = joined
        self.n = n
        self.nones = nones

    def __getstate__(self) -> tuple[str, int, list[int]]:
        return self.joined, self.n, self.nones

    def __setstate__(self, state: tuple[str, int, list[int]]) -> None:
        self.joined, self.n, self.nones = state

    def column(self) -> list[Any]:
        col: list[Any] = self.joined.split(_SEP)
        for i in self.nones:
            col[i] = None
        return col


_SEP = "\x00"  # (a file read ahead holds no NUL, so no value does)
#: columns shorter than this are pickled as they are
PACK_MIN = 1024


def pack(col: Any) -> Any:
    """``col`` as a ``Packed`` if worth it and exact, else ``col``."""
    if not isinstance(col, list) or len(col) < PACK_MIN or len(set(col[:256])) <= 128:
        return col
    nones = list(compress(count(), map(is_, col, repeat(None)))) if None in col else []
    try:
        joined = _SEP.join([v or "" for v in col] if nones else col)
    except TypeError:  # not all strings
        return col
    if joined.count(_SEP) != len(col) - 1:
        return col
    return Packed(joined, len(col), nones)


def _packed(run: Columns) -> Columns:
    cols = {k: pack(v) for k, v in run.cols.items()}
    if all(v is run.cols[k] for k, v in cols.items()):
        return run
    out = copy.copy(run)
    out.cols = cols
    return out


def _unpack(run: Columns) -> None:
    if any(isinstance(v, Packed) for v in run.cols.values()):
        run.cols = {k: v.column() if isinstance(v, Packed) else v for k, v in run.cols.items()}


class Capture(SectionContext):
    """A ``SectionContext`` that keeps what is added for :func:`apply`."""

    def __init__(self, full: bool) -> None:
        super().__init__(ReadResult(platform="", layout="", format=""), full)
        self.added: list[Record | Columns] = []
        self.dedupe: tuple[str, str] | None = None

    def add(self, record: Record) -> None:
        self.added.append(record)
        self.records_read += 1

    def add_run(self, run: Columns) -> None:
        self.added.append(run)
        self.records_read += run.n

    def duplicate_of(self, handler: str, path: str, value: Any) -> str | None:
        r = self.result
        if self.dedupe is not None or self.added or r.sections or r.notes or r.unrecognized:
            raise Surprise("a de-duplication check after something was read")
        self.dedupe = (handler, path)
        return None

    def finish(self) -> None:
        raise Surprise("finish is the walk's")

    def result_added(self) -> Added:
        """What was captured; ``Surprise`` if the read touched what ``apply`` does not add
        (another field of the result, another attribute of the context)."""
        r = self.result
        fresh = ReadResult(platform="", layout="", format="")
        if len(r.records) or any(
            getattr(r, f.name) != getattr(fresh, f.name)
            for f in fields(ReadResult)
            if f.name not in _REPLAYED
        ):
            raise Surprise("the read added something a capture does not replay")
        if set(vars(self)) != _attrs():
            raise Surprise("the context has state a capture does not know")
        return Added(
            records=self.added,
            sections=r.sections,
            notes=r.notes,
            present=r.present,
            unrecognized=r.unrecognized,
            unreadable=r.unreadable,
            unknown=self._unknown,
            dedupe=self.dedupe,
        )


#: what ``apply`` adds of a result (records: ``Capture.added``)
_REPLAYED = {"records", "sections", "notes", "present", "unrecognized", "unreadable"}


@cache
def _attrs() -> set[str]:
    """The attributes of a fresh ``Capture``: a read that adds one (a new kind of state of
    ``SectionContext``) is not replayed."""
    return set(vars(Capture(True)))


def capture(read: Callable[[SectionContext], None], full: bool) -> Added:
    """What ``read`` adds to a context (``full`` as the export's context)."""
    ctx = Capture(full)
    read(ctx)
    return ctx.result_added()


def apply(
    ctx: SectionContext,
    added: Added,
    dedupe_value: Callable[[], Any],
    repeats_note: Callable[[str, str], str],
) -> bool:
    """Add to ``ctx`` what the file added to its capture, as the walk reading it would;
    False if the list turned out to be a duplicate (only the note is added then).

    ``dedupe_value``: the value the reader hands to ``duplicate_of`` (made only if a check was
    captured); ``repeats_note(list_path, duplicate_of)``: the reader's note for a duplicate.
    """
    result = ctx.result
    result.present |= added.present
    if added.dedupe is not None:
        handler, path = added.dedupe
        dup = ctx.duplicate_of(handler, path, dedupe_value())
        if dup is not None:
            result.notes.append(repeats_note(path, dup))
            return False
    for rec in added.records:
        if isinstance(rec, Columns):
            ctx.add_run(rec)
        else:
            ctx.add(rec)
    for path, n in added.sections.items():
        ctx.inventory(path, n)
    result.notes += added.notes
    result.unrecognized += added.unrecognized
    result.unreadable += added.unreadable
    for (path, key), c in added.unknown.items():
        ctx.unknown_key(path, key, c)
    return True
