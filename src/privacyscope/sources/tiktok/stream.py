"""``--low-memory``: read a TikTok JSON export as a stream, never holding it in memory.

The export is read :data:`READ_SIZE` bytes at a time. Categories, sections and the keys around
the big lists are walked token by token (:class:`Scanner`); a small section's value is cut out
as JSON text and parsed as the default reader parses it. A big list (watch history, logins,
off-TikTok events, chats) is cut into batches of whole items, about :data:`BATCH` of JSON
text each, and every batch is decoded by msgspec straight into the typed Structs of the default
reader's fast path, then turned into columns; batches of one list are gathered into compact runs
(:mod:`privacyscope.compact`: dictionary-coded strings, 4-byte times) of up to :data:`RUN`
records. A batch that surprises (unknown key, non-string value) goes through the generic path,
which reports unknown keys as usual. Records end up exactly as with the default reader
(``tests/test_perf_columnar.py``, ``tests/test_lowmem_stream.py``).

Where a batch ends: the cheap guess (the first ``]`` of the window, else the last ``}`` before a
``,``) is right when msgspec decodes the batch: a prefix of valid JSON that ends inside a string
or inside a nested value never parses. When the guess fails, :func:`_structure` finds the
structure exactly (numpy: quotes, escapes, brackets and commas outside strings).

Anything unusual in the JSON itself (broken, truncated, trailing data, another encoding) raises
:class:`StreamError`: the caller hands the file to the default reader, whose error names the line
and column.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import msgspec
import numpy as np
import numpy.typing as npt
import orjson

from privacyscope.compact import RunBuilder
from privacyscope.model import Columns, Unreadable, Unrecognized
from privacyscope.sources.base import Progress, ReadResult
from privacyscope.sources.tiktok.columnar import Fields
from privacyscope.sources.tiktok.json_reader import CATEGORIES
from privacyscope.sources.tiktok.sections import (
    MESSAGE_KEYS,
    ChatHandler,
    ListHandler,
    SectionContext,
    _chat_name,
    handler_for,
    message,
    message_items,
    norm_name,
)

#: bytes read from the export at a time
READ_SIZE = 1 << 19
#: JSON text of one batch of list items (a single bigger item makes a bigger batch)
BATCH = 1 << 18
#: records of one compact run
RUN = 1 << 18
#: failed guesses of a batch end after which a list is cut exactly
MAX_MISSES = 3


class StreamError(Exception):
    """The stream cannot be read as a TikTok export: the caller falls back to the default path."""


@dataclass(frozen=True)
class StreamedList:
    """A streamed list for de-duplication: digest of its items (canonical JSON) and length."""

    digest: bytes
    n: int


try:  # built into CPython: importing hashlib would load OpenSSL (~3 MB of RSS) for one digest
    from _blake2 import blake2b as _digest
except ImportError:  # pragma: no cover
    from hashlib import blake2b as _digest

#: JSON errors (any of them means: let the default reader explain)
_SYNTAX = (msgspec.DecodeError, orjson.JSONDecodeError, UnicodeDecodeError, RecursionError)
_NON_WS = re.compile(rb"[^ \t\r\n]")
_SCALAR_END = re.compile(rb"[ \t\r\n,\]}:\[{\"]")
_BOM = b"\xef\xbb\xbf"
_OPEN, _CLOSE, _QUOTE, _ESC, _COMMA = 1, 2, 3, 4, 5


def _table(commas: bool) -> bytes:
    t = bytearray(256)
    for ch, kind in ((b"{", _OPEN), (b"[", _OPEN), (b"}", _CLOSE), (b"]", _CLOSE)):
        t[ch[0]] = kind
    t[ord('"')], t[ord("\\")] = _QUOTE, _ESC
    if commas:
        t[ord(",")] = _COMMA
    return bytes(t)


_BRACKETS, _WITH_COMMAS = _table(False), _table(True)


def _structure(
    buf: bytes, lo: int, hi: int, in_string: bool, commas: bool
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.uint8], bool]:
    """Positions and kinds (``_OPEN``, ``_CLOSE``, ``_COMMA``) of the brackets (and commas) of
    ``buf[lo:hi]`` that are outside strings, and whether ``hi`` is inside a string.

    ``in_string``: whether ``lo`` is inside a string. ``hi`` must not split a run of backslashes.
    """
    a = np.frombuffer(buf[lo:hi].translate(_WITH_COMMAS if commas else _BRACKETS), np.uint8)
    idx = np.flatnonzero(a)
    kind = a[idx]
    if buf.find(b"\\", lo, hi) >= 0:
        esc = kind == _ESC
        # a quote right after a backslash is escaped when the run of backslashes is odd
        after = np.flatnonzero((kind[1:] == _QUOTE) & esc[:-1] & (np.diff(idx) == 1)) + 1
        keep = ~esc
        for j in after.tolist():
            p = lo + int(idx[j])
            run = 0
            while p - run - 1 >= lo and buf[p - run - 1] == 0x5C:
                run += 1
            if run % 2:
                keep[j] = False
        idx, kind = idx[keep], kind[keep]
    quote = kind == _QUOTE
    seen = np.cumsum(quote, dtype=np.int64)  # quotes up to and including each entry
    if in_string:
        seen += 1
    outside = (seen & 1) == 0
    outside &= ~quote
    ends_in_string = bool(seen[-1] & 1) if len(seen) else in_string
    return idx[outside] + lo, kind[outside], ends_in_string


def _depths(kind: npt.NDArray[np.uint8], depth: int) -> npt.NDArray[np.int64]:
    """Depth after each entry (``_OPEN`` +1, ``_CLOSE`` -1, ``_COMMA`` 0), from ``depth``."""
    step = (kind == _OPEN).astype(np.int64)
    step -= kind == _CLOSE
    d = np.cumsum(step)
    d += depth
    return d


class Scanner:
    """JSON tokens from a file read chunk by chunk; ``pos`` is the next unread byte of ``buf``.

    Only the consumed prefix is dropped when more is read, so offsets from ``pos`` stay valid.
    """

    def __init__(self, fh: Any) -> None:
        self.fh = fh
        self.buf = b""
        self.pos = 0
        self.eof = False
        self.misses = 0  # failed guesses of batch ends in the current list

    # -- the buffer ----------------------------------------------------------------------------
    def more(self) -> bool:
        """Read more of the input; False at its end."""
        if self.eof:
            return False
        # a value bigger than a read (a 500 MB string) doubles the read: copying the buffer
        # on every read would make reading it quadratic
        data = self.fh.read(max(READ_SIZE, len(self.buf) - self.pos))
        if not data:
            self.eof = True
            return False
        if not isinstance(data, bytes):
            data = bytes(data)
        self.buf = self.buf[self.pos :] + data if self.pos < len(self.buf) else data
        self.pos = 0
        return True

    def ensure(self, n: int) -> None:
        """At least ``n`` bytes after ``pos`` (fewer only at the end of the input)."""
        while len(self.buf) - self.pos < n and self.more():
            pass

    def _scan_end(self, limit: int) -> int:
        """Where a structure scan may stop, at most ``limit``: never inside a run of
        backslashes (but at the end of the input)."""
        buf = self.buf
        hi = min(limit, len(buf))
        if hi < len(buf) or not self.eof:
            while hi > self.pos and buf[hi - 1] == 0x5C:
                hi -= 1
        return hi

    # -- tokens --------------------------------------------------------------------------------
    def peek(self) -> int:
        """The next byte that is not whitespace (not consumed; -1 at the end of the input)."""
        while True:
            m = _NON_WS.search(self.buf, self.pos)
            if m is not None:
                self.pos = m.start()
                return self.buf[self.pos]
            self.pos = len(self.buf)
            if not self.more():
                return -1

    def expect(self, ch: bytes) -> None:
        if self.peek() != ch[0]:
            raise StreamError(f"expected {ch!r}")
        self.pos += 1

    def object_keys(self) -> Iterator[str]:
        """The keys of the object whose ``{`` was just read; the caller reads each value."""
        c = self.peek()
        if c == ord("}"):
            self.pos += 1
            return
        while True:
            if c != ord('"'):
                raise StreamError("expected a key")
            key = _decode_str(self._string())
            self.expect(b":")
            yield key
            c = self.peek()
            if c == ord("}"):
                self.pos += 1
                return
            if c != ord(","):
                raise StreamError("expected ',' or '}'")
            self.pos += 1
            c = self.peek()

    def _string(self) -> bytes:
        """The JSON text of the string starting at ``pos`` (consumed)."""
        end = 1
        while True:
            j = self.buf.find(b'"', self.pos + end)
            if j < 0:
                end = max(1, len(self.buf) - self.pos)
                if not self.more():
                    raise StreamError("unterminated string")
                continue
            run = 0
            while self.buf[j - run - 1] == 0x5C:
                run += 1
            if run % 2 == 0:
                text = self.buf[self.pos : j + 1]
                self.pos = j + 1
                return text
            end = j + 1 - self.pos

    def value_bytes(self) -> bytes:
        """The JSON text of the next value (consumed)."""
        c = self.peek()
        if c == ord('"'):
            return self._string()
        if c in (ord("{"), ord("[")):
            end = self._container_end()
        elif c < 0:
            raise StreamError("truncated")
        else:
            seen = 0
            while True:
                m = _SCALAR_END.search(self.buf, self.pos + seen)
                if m is not None or self.eof:
                    end = (m.start() if m is not None else len(self.buf)) - self.pos
                    break
                seen = len(self.buf) - self.pos
                self.more()
            if end == 0:
                raise StreamError("unexpected character")
        text = self.buf[self.pos : self.pos + end]
        self.pos += end
        return text

    def value(self) -> Any:
        """The next value, parsed by orjson as the default reader parses it (consumed)."""
        return _loads(self.value_bytes())

    def _container_end(self) -> int:
        """Offset from ``pos`` just past the object or array that starts at ``pos``."""
        scanned, depth, in_string = 0, 0, False
        window = 1 << 14  # most values are small: scan a little first, then more and more
        while True:
            lo = self.pos + scanned
            want = lo + window
            window *= 4
            hi = self._scan_end(want)
            if hi > lo:
                at, kind, in_string = _structure(self.buf, lo, hi, in_string, commas=False)
                if len(kind):
                    d = _depths(kind, depth)
                    hit = np.flatnonzero(d == 0)
                    if len(hit):
                        return int(at[hit[0]]) + 1 - self.pos
                    depth = int(d[-1])
                scanned = hi - self.pos
            if want >= len(self.buf) and not self.more():
                raise StreamError("truncated")

    # -- big lists -----------------------------------------------------------------------------
    def batches(self, decode: Callable[[bytes], Any]) -> Iterator[Any]:
        """The items of the array whose ``[`` was just read, as ``decode(b"[items]")`` of
        batches of whole items; the closing ``]`` is consumed. ``decode`` raises one of
        ``_SYNTAX`` for text that is not JSON."""
        self.misses = 0
        c = self.peek()
        if c == ord("]"):
            self.pos += 1
            return
        while True:
            if c < 0:
                raise StreamError("truncated")
            self.ensure(BATCH)
            out: Any = None
            cut = self._guess_cut() if self.misses < MAX_MISSES else None
            if cut is not None:
                try:
                    out = decode(self._items(cut))
                except _SYNTAX:
                    self.misses += 1
                    cut = None
            if cut is None:
                cut = self._exact_cut()
                try:
                    out = decode(self._items(cut))
                except _SYNTAX as exc:
                    raise StreamError(str(exc)) from None
            self.pos += cut
            yield out
            c = self.peek()
            if c == ord("]"):
                self.pos += 1
                return
            if c != ord(","):
                raise StreamError("expected ',' or ']'")
            self.pos += 1
            c = self.peek()
            if c == ord("]"):
                raise StreamError("trailing comma")

    def _items(self, cut: int) -> bytes:
        """``[`` + the next ``cut`` bytes + ``]`` (one copy)."""
        return b"".join((b"[", memoryview(self.buf)[self.pos : self.pos + cut], b"]"))

    def _guess_cut(self) -> int | None:
        """A likely end of the next batch (offset from ``pos``): the first ``]`` of the window,
        else the last ``}`` followed by ``,``. Only a successful decode confirms it."""
        buf, pos = self.buf, self.pos
        end = min(len(buf), pos + BATCH)
        j = buf.find(b"]", pos, end)
        if j >= 0:
            return j - pos
        k = end
        for _ in range(8):
            k = buf.rfind(b"}", pos, k)
            if k < 0:
                return None
            m = _NON_WS.search(buf, k + 1)
            if m is not None and buf[m.start()] == ord(","):
                return k + 1 - pos
        return None

    def _exact_cut(self) -> int:
        """The end of the next batch (offset from ``pos``), from the exact structure: the last
        item separator before :data:`BATCH`, or the array's end; past it if a single item
        is bigger."""
        scanned, depth, in_string = 0, 0, False
        best: int | None = None
        while True:
            lo = self.pos + scanned
            hi = self._scan_end(len(self.buf))
            if hi > lo:
                at, kind, in_string = _structure(self.buf, lo, hi, in_string, commas=True)
                if len(kind):
                    d = _depths(kind, depth)
                    depth = int(d[-1])
                    closed = np.flatnonzero(d < 0)
                    stop = int(closed[0]) if len(closed) else len(d)
                    seps = np.flatnonzero((kind[:stop] == _COMMA) & (d[:stop] == 0))
                    rel = at[seps] - self.pos
                    below = rel[rel <= BATCH]
                    if len(below):
                        best = int(below[-1])
                    if len(closed):  # the array ends here
                        end = int(at[stop]) - self.pos
                        return end if end <= BATCH or best is None else best
                    if best is None and len(rel):
                        return int(rel[0])
                    if best is not None and (len(rel) > len(below) or hi - self.pos > BATCH):
                        return best
                scanned = hi - self.pos
            if not self.more():
                raise StreamError("truncated")


def _loads(text: bytes) -> Any:
    try:
        return orjson.loads(text)
    except _SYNTAX as exc:
        raise StreamError(str(exc)) from None


def _decode_str(text: bytes) -> str:
    try:
        return msgspec.json.decode(text, type=str)
    except _SYNTAX as exc:
        raise StreamError(str(exc)) from None


class _Batch:
    """Decodes a batch into typed Structs, or into plain objects when an item surprises."""

    def __init__(self, item_type: Any) -> None:
        self.item_type = item_type
        self.decoder = msgspec.json.Decoder(list[item_type])

    def __call__(self, text: bytes) -> tuple[bool, list[Any]]:
        try:
            return True, self.decoder.decode(text)
        except msgspec.ValidationError:
            pass
        return False, orjson.loads(text)

    def canonical(self, typed: bool, items: list[Any]) -> bytes:
        """The items as JSON that does not depend on whitespace, key order or batching."""
        if typed:
            return msgspec.json.encode(items)[1:-1] + b","
        out = []
        for item in items:
            try:
                out.append(msgspec.json.encode(msgspec.convert(item, type=self.item_type)))
            except msgspec.ValidationError:
                out.append(b"\0" + msgspec.json.encode(item, order="sorted"))
        return b",".join(out) + b","


_BATCHES: dict[Any, _Batch] = {}


def _batch(item_type: Any) -> _Batch:
    b = _BATCHES.get(item_type)
    if b is None:
        b = _BATCHES[item_type] = _Batch(item_type)
    return b


class _Counting:
    """Counts the bytes read, for the progress bar."""

    def __init__(self, fh: Any) -> None:
        self._fh = fh
        self.done = 0

    def read(self, n: int = -1) -> bytes:
        data: bytes = self._fh.read(n)
        self.done += len(data)
        return data


Pending = list[Columns | tuple[int, list[Any]]]


class Reader:
    def __init__(self, result: ReadResult, full: bool, progress: Progress, fh: Any) -> None:
        self.ctx = SectionContext(result, full)
        self.result = result
        self.progress = progress
        self.fh = fh
        self.s = Scanner(fh)
        self.top_keys: list[str] = []
        self.sub_keys: dict[str, list[str]] = {}
        self.status: Any = None

    def read(self) -> None:
        s = self.s
        s.ensure(len(_BOM))
        if s.buf.startswith(_BOM, s.pos):
            s.pos += len(_BOM)
        if s.peek() != ord("{"):
            raise StreamError("not an object")
        s.pos += 1
        for category in s.object_keys():
            self.top_keys.append(category)
            self._category(category)
        if s.peek() != -1:
            raise StreamError("trailing data")
        self.ctx.finish()

    def _category(self, category: str) -> None:
        s, result = self.s, self.result
        if norm_name(category) not in CATEGORIES or s.peek() != ord("{"):
            cval = s.value()
            from privacyscope.sources.tiktok.json_reader import read_tree

            read_tree({category: cval}, result, lambda d, r: None, 0, self.ctx.full, self.ctx)
            return
        s.pos += 1
        keys = self.sub_keys.setdefault(category, [])
        for section in s.object_keys():
            keys.append(section)
            self._section(category, section)
        if not keys:
            result.sections.setdefault(category, 0)
        self.progress(self.fh.done, self.ctx.records_read)

    def _section(self, category: str, section: str) -> None:
        ctx, s = self.ctx, self.s
        path = f"{category}/{section}"
        found = handler_for(category, section)
        if found is None:
            ctx.unknown_section(path, s.value())
            return
        handler, table = found
        self.result.present.add(table)
        try:
            if isinstance(handler, ListHandler) and isinstance(handler.build, Fields):
                self._list_section(handler, path)
            elif isinstance(handler, ChatHandler) and s.peek() == ord("{"):
                s.pos += 1
                self._chat_section(handler, path)
            else:
                value = s.value()
                if category == "Activity" and section == "Status":
                    self.status = value
                handler(ctx, value, path)
        except (TypeError, AttributeError, ValueError, KeyError) as exc:
            self.result.unreadable.append(
                Unreadable(path=path, reason=f"unexpected structure ({type(exc).__name__})")
            )

    # -- lists of flat records ----------------------------------------------------------------
    def _list_section(self, h: ListHandler, path: str) -> None:
        s = self.s
        c = s.peek()
        if c == ord("["):
            s.pos += 1
            self._list(h, path, section_level=True)
            return
        if c != ord("{"):
            h(self.ctx, s.value(), path)
            return
        s.pos += 1
        for key in s.object_keys():
            if key in h.list_keys and s.peek() == ord("["):
                s.pos += 1
                self._list(h, f"{path}/{key}")
            else:  # anything else: as the generic path would see it
                h(self.ctx, {key: s.value()}, path)

    def _list(self, h: ListHandler, list_path: str, section_level: bool = False) -> None:
        ctx, fields = self.ctx, h.build
        assert isinstance(fields, Fields)
        batch = _batch(fields.item_type(h.known, ctx.full))
        digest = _digest(digest_size=32) if h.dedupe is not None else None
        pending: Pending = []
        runs = _Runs(pending)
        start = n = 0
        for typed, items in self.s.batches(batch):
            if not items:
                continue
            if digest is not None:
                digest.update(batch.canonical(typed, items))
            if typed:
                runs.add(fields.columns(items, h.known, list_path, ctx.full, None, start))
            else:
                runs.close()
                pending.append((start, items))
            start += len(items)
            if h.dedupe is None:
                n += self._flush(h, list_path, pending)
            self.progress(self.fh.done, ctx.records_read)
        runs.close()
        if section_level and start == 0:
            return  # an empty list as the section value: nothing, as _find_lists does
        if digest is not None and h.dedupe is not None:
            dup = ctx.duplicate_of(h.dedupe, list_path, StreamedList(digest.digest(), start))
            if dup is not None:
                ctx.result.notes.append(
                    f"{list_path} repeats {dup} record for record: counted once"
                )
                return
        n += self._flush(h, list_path, pending)
        ctx.inventory(list_path, n)

    def _flush(self, h: ListHandler, list_path: str, pending: Pending) -> int:
        n = 0
        for part in pending:
            if isinstance(part, Columns):
                self.ctx.add_run(part)
                n += part.n
            else:
                start, items = part
                n += self.ctx.each_item(items, list_path, h.known, h.build, start)
        pending.clear()
        return n

    # -- chats --------------------------------------------------------------------------------
    def _chat_section(self, h: ChatHandler, path: str) -> None:
        ctx, s = self.ctx, self.s
        for key in s.object_keys():
            if key not in h.list_keys or s.peek() != ord("{"):
                h(ctx, {key: s.value()}, path)
                continue
            s.pos += 1
            n = 0
            for chat_key in s.object_keys():
                if s.peek() != ord("["):
                    s.value()  # not a list of messages: skipped, as before
                    continue
                s.pos += 1
                n += self._chat(h, f"{path}/{key}/{chat_key}", chat_key)
            ctx.inventory(f"{path}/{key}", n)

    def _chat(self, h: ChatHandler, cpath: str, chat_key: str) -> int:
        ctx = self.ctx
        batch = _batch(message.item_type(MESSAGE_KEYS, ctx.full))
        const = {"kind": h.kind, "chat": _chat_name(chat_key)}
        pending: Pending = []
        runs = _Runs(pending)
        n = start = 0
        for typed, items in self.s.batches(batch):
            if typed:
                runs.add(message.columns(items, MESSAGE_KEYS, cpath, ctx.full, const, start))
            else:
                runs.close()
                n += self._flush_runs(pending)
                n += message_items(ctx, items, cpath, h.kind, const["chat"], start)
            start += len(items)
            n += self._flush_runs(pending)
        runs.close()
        return n + self._flush_runs(pending)

    def _flush_runs(self, pending: Pending) -> int:
        n = 0
        for part in pending:
            assert isinstance(part, Columns)
            self.ctx.add_run(part)
            n += part.n
        pending.clear()
        return n


class _Runs:
    """Gathers the column batches of one list into compact runs of up to :data:`RUN` records."""

    def __init__(self, pending: Pending) -> None:
        self.pending = pending
        self.open: RunBuilder | None = None

    def add(self, run: Columns) -> None:
        if not run.n:
            return
        b = self.open
        if b is not None and b.accepts(run) and b.n + run.n <= RUN:
            b.add(run)
            return
        self.close()
        self.open = RunBuilder(run)

    def close(self) -> None:
        if self.open is not None:
            self.pending.append(self.open.build())
            self.open = None


def read_stream(fh: Any, result: ReadResult, progress: Progress, full: bool) -> Reader:
    """Stream ``fh`` into ``result``; raises :class:`StreamError` for anything unusual."""
    r = Reader(result, full, progress, _Counting(fh))
    try:
        r.read()
    except RecursionError as exc:
        raise StreamError(str(exc)) from None
    finally:
        release_free_memory()
    return r


def release_free_memory() -> None:
    """Hand the heap's free pages back to the system (glibc ``malloc_trim``; nothing
    elsewhere). Millions of small objects were created and freed batch by batch: the holes
    they leave between the columns stay in the process's RSS until trimmed."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.cache
def _malloc_trim() -> Any:
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        return ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None


__all__ = ["BATCH", "READ_SIZE", "RUN", "StreamError", "Unrecognized", "read_stream"]
