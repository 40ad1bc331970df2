"""``--low-memory``: read a TikTok JSON export as a stream (ijson, yajl2_c backend).

The export is never held in memory: categories and sections are walked from parse events; a
big list (watch history, logins, off-TikTok events, chats) is read in batches of
:data:`BATCH` items, each batch turned into a compact ``Columns`` run (or, if it surprises, into
records by the generic path, which reports unknown keys as usual); small sections are built
and handed to their handler unchanged. Records end up exactly as with the default reader
(``tests/test_perf_columnar.py``). Broken JSON is handed back to the default reader, whose
error names the line and column.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import ijson
import msgspec
import orjson

from privacyscope.model import Unreadable, Unrecognized
from privacyscope.sources.base import Progress, ReadResult
from privacyscope.sources.tiktok.columnar import Fields
from privacyscope.sources.tiktok.json_reader import CATEGORIES
from privacyscope.sources.tiktok.sections import (
    MESSAGE_KEYS,
    ChatHandler,
    ListHandler,
    SectionContext,
    handler_for,
    message,
    message_items,
    norm_name,
)

BATCH = 20_000
_SCALARS = frozenset({"string", "number", "boolean", "null"})
Events = Iterator[tuple[str, Any]]


class StreamError(Exception):
    """The stream cannot be read as a TikTok export: the caller falls back to the default path."""


@dataclass(frozen=True)
class StreamedList:
    """A streamed list for de-duplication: digest of its items (keys sorted) and length."""

    digest: bytes
    n: int


def _value(ev: str, val: Any, it: Events) -> Any:
    if ev == "start_map":
        d: dict[str, Any] = {}
        for ev, key in it:
            if ev == "end_map":
                return d
            ev2, v2 = next(it)
            d[key] = v2 if ev2 in _SCALARS else _value(ev2, v2, it)
    elif ev == "start_array":
        lst: list[Any] = []
        for ev, v in it:
            if ev == "end_array":
                return lst
            lst.append(v if ev in _SCALARS else _value(ev, v, it))
    elif ev in _SCALARS:
        return val
    raise StreamError(f"unexpected {ev}")


def _batches(it: Events) -> Iterator[list[Any]]:
    """The items of a list whose ``start_array`` was just read, BATCH at a time."""
    batch: list[Any] = []
    for ev, val in it:
        if ev == "end_array":
            break
        batch.append(val if ev in _SCALARS else _value(ev, val, it))
        if len(batch) >= BATCH:
            yield batch
            batch = []
    yield batch


class _Counting:
    """Counts the bytes ijson reads, for the progress bar."""

    def __init__(self, fh: Any) -> None:
        self._fh = fh
        self.done = 0

    def read(self, n: int = -1) -> bytes:
        data: bytes = self._fh.read(n)
        self.done += len(data)
        return data


class Reader:
    def __init__(self, result: ReadResult, full: bool, progress: Progress, fh: Any) -> None:
        self.ctx = SectionContext(result, full)
        self.result = result
        self.progress = progress
        self.fh = fh
        self.top_keys: list[str] = []
        self.sub_keys: dict[str, list[str]] = {}
        self.status: Any = None

    def read(self) -> None:
        it: Events = iter(ijson.basic_parse(self.fh, use_float=True, buf_size=1 << 16))
        try:
            ev, _ = next(it)
            if ev != "start_map":
                raise StreamError("not an object")
            for ev, category in it:
                if ev == "end_map":
                    break
                self.top_keys.append(category)
                self._category(category, it)
            self.ctx.finish()
        except (ijson.JSONError, ijson.IncompleteJSONError, StopIteration, RecursionError) as exc:
            raise StreamError(str(exc)) from None

    def _category(self, category: str, it: Events) -> None:
        ev, val = next(it)
        result = self.result
        if norm_name(category) not in CATEGORIES or ev != "start_map":
            cval = _value(ev, val, it)
            from privacyscope.sources.tiktok.json_reader import read_tree

            read_tree({category: cval}, result, lambda d, r: None, 0, self.ctx.full, self.ctx)
            return
        keys = self.sub_keys.setdefault(category, [])
        for ev, section in it:
            if ev == "end_map":
                break
            keys.append(section)
            self._section(category, section, it)
        if not keys:
            result.sections.setdefault(category, 0)
        self.progress(self.fh.done, self.ctx.records_read)

    def _section(self, category: str, section: str, it: Events) -> None:
        ctx = self.ctx
        path = f"{category}/{section}"
        ev, val = next(it)
        found = handler_for(category, section)
        if found is None:
            ctx.unknown_section(path, _value(ev, val, it))
            return
        handler, table = found
        self.result.present.add(table)
        try:
            if isinstance(handler, ListHandler) and isinstance(handler.build, Fields):
                self._list_section(handler, ev, val, it, path)
            elif isinstance(handler, ChatHandler) and ev == "start_map":
                self._chat_section(handler, it, path)
            else:
                value = _value(ev, val, it)
                if category == "Activity" and section == "Status":
                    self.status = value
                handler(ctx, value, path)
        except (TypeError, AttributeError, ValueError, KeyError) as exc:
            self.result.unreadable.append(
                Unreadable(path=path, reason=f"unexpected structure ({type(exc).__name__})")
            )

    # -- lists of flat records ----------------------------------------------------------------
    def _list_section(self, h: ListHandler, ev: str, val: Any, it: Events, path: str) -> None:
        if ev == "start_array":
            self._list(h, path, it, section_level=True)
            return
        if ev != "start_map":
            h(self.ctx, _value(ev, val, it), path)
            return
        for ev, key in it:
            if ev == "end_map":
                break
            ev, val = next(it)
            if key in h.list_keys and ev == "start_array":
                self._list(h, f"{path}/{key}", it)
            else:  # anything else: as the generic path would see it
                h(self.ctx, {key: _value(ev, val, it)}, path)

    def _list(
        self, h: ListHandler, list_path: str, it: Events, section_level: bool = False
    ) -> None:
        ctx, fields = self.ctx, h.build
        assert isinstance(fields, Fields)
        item_type: Any = fields.item_type(h.known)
        digest = hashlib.sha256()
        pending: list[tuple[int, Any]] = []
        start = n = 0
        for batch in _batches(it):
            if not batch:
                continue
            if h.dedupe is not None:
                digest.update(orjson.dumps(batch, option=orjson.OPT_SORT_KEYS) + b"\n")
            try:
                items = msgspec.convert(batch, type=list[item_type])
                pending.append(
                    (start, fields.columns(items, h.known, list_path, ctx.full, None, start))
                )
            except msgspec.ValidationError:
                pending.append((start, batch))
            start += len(batch)
            if h.dedupe is None:
                n += self._flush(h, list_path, pending)
        if section_level and start == 0:
            return  # an empty list as the section value: nothing, as _find_lists does
        if h.dedupe is not None:
            dup = ctx.duplicate_of(h.dedupe, list_path, StreamedList(digest.digest(), start))
            if dup is not None:
                ctx.result.notes.append(
                    f"{list_path} repeats {dup} record for record: counted once"
                )
                return
            n += self._flush(h, list_path, pending)
        ctx.inventory(list_path, n)

    def _flush(self, h: ListHandler, list_path: str, pending: list[tuple[int, Any]]) -> int:
        n = 0
        for start, part in pending:
            if isinstance(part, list):
                n += self.ctx.each_item(part, list_path, h.known, h.build, start)
            else:
                self.ctx.add_run(part)
                n += part.n
        pending.clear()
        return n

    # -- chats --------------------------------------------------------------------------------
    def _chat_section(self, h: ChatHandler, it: Events, path: str) -> None:
        ctx = self.ctx
        for ev, key in it:
            if ev == "end_map":
                break
            ev, val = next(it)
            if key not in h.list_keys or ev != "start_map":
                h(ctx, {key: _value(ev, val, it)}, path)
                continue
            n = 0
            for ev, chat_key in it:
                if ev == "end_map":
                    break
                ev, val = next(it)
                if ev != "start_array":
                    _value(ev, val, it)  # not a list of messages: skipped, as before
                    continue
                n += self._chat(h, f"{path}/{key}/{chat_key}", chat_key, it)
            ctx.inventory(f"{path}/{key}", n)

    def _chat(self, h: ChatHandler, cpath: str, chat_key: str, it: Events) -> int:
        from privacyscope.sources.tiktok.sections import _chat_name

        item_type: Any = message.item_type(MESSAGE_KEYS)
        const = {"kind": h.kind, "chat": _chat_name(chat_key)}
        n = start = 0
        for batch in _batches(it):
            try:
                items = msgspec.convert(batch, type=list[item_type])
                run = message.columns(items, MESSAGE_KEYS, cpath, self.ctx.full, const, start)
                self.ctx.add_run(run)
                n += run.n
            except msgspec.ValidationError:
                n += message_items(self.ctx, batch, cpath, h.kind, const["chat"], start)
            start += len(batch)
        return n


def read_stream(fh: Any, result: ReadResult, progress: Progress, full: bool) -> Reader:
    """Stream ``fh`` into ``result``; raises :class:`StreamError` for anything unusual."""
    r = Reader(result, full, progress, _Counting(fh))
    r.read()
    return r


__all__ = ["BATCH", "StreamError", "Unrecognized", "read_stream"]
