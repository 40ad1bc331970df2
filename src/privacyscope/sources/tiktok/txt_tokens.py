"""Column-wise tokenizer for TikTok TXT block files (``Key: value`` lines, blank-line blocks).

The reference parser (``txt_reference.parse_blocks``) takes one Python step per line, ~10 MB/s.
Here a chunk of text is split into lines once (``str.split``, in C) and read in *runs*: blocks
of the same shape (the same ``Key: `` prefixes in the same order, one blank line after each),
which is what a TikTok file is made of. A run is checked and cut into columns with list
slices and ``map`` (``str.removeprefix``: a line without the prefix comes back as itself), so
no Python code runs per line. What breaks a run is handed, block by block, to the reference
parser; a reader that files values by key (``canon``) instead gets the rest of the chunk as a
``Table``: every line cut once at its first ``": "``, blocks of any shape laid out column-wise
with numpy, continuation lines added to their value as the reference adds them, and only the
blocks the reference reads otherwise (odd keys, ``>>`` prefixes, ``----`` separators,
whitespace-only lines, a key twice) parsed by it. The result is always exactly the reference's:

* the reference resets its state at every blank line, so parsing the text between blank lines
  separately gives the same blocks (chunks are cut after blank lines too);
* a prefix is taken only if the reference itself reads a line starting with it as that key
  (``key_value``): the key, ``:`` or ``::``, one whitespace; the reference's value of every
  such line is then ``line[len(prefix):].strip()``;
* "Key:" with nothing after it is read as "Key: " (the reference strips every line first), so
  empty values do not break a run; CRLF is read as LF (``splitlines`` does the same); text with
  other line breaks ``splitlines`` knows (``\\v``, ``\\f``, ``\\x1c``-``\\x1e``, ``\\x85``,
  U+2028/2029, a lone ``\\r``) or with NUL goes to the reference parser whole.
"""

from __future__ import annotations

import mmap
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import compress, count, repeat
from operator import add, is_, itemgetter, not_
from typing import Any

import numpy as np

from privacyscope.sources.tiktok.columnar import UNSET
from privacyscope.sources.tiktok.txt_reference import parse_blocks as parse_blocks_reference
from privacyscope.sources.tiktok.txt_specs import key_value

Block = list[tuple[str, str]]

#: bytes per chunk of a file (cut after a blank line): small enough to stay in the CPU caches
CHUNK = 1 << 17
#: a run is first checked whole; after a block that broke a run, in windows growing from this
_WINDOW = 16
_BREAKS = ("\x00", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e")
_BREAKS_NON_ASCII = ("\x85", "\u2028", "\u2029")


@dataclass(slots=True)
class Run:
    """``n`` consecutive blocks of one shape: ``cols[c][i]`` is the value of ``keys[c]`` in
    block ``i`` as cut from its line (the reference's value is its ``strip()``)."""

    keys: tuple[str, ...]
    cols: list[list[str]]
    n: int


@dataclass(slots=True)
class Table:
    """``n`` blocks of mixed shapes (``scan`` with ``canon``): ``cols[c][i]`` is the value of
    the canonical key ``keys[c]`` in block ``i`` as cut from its line, or ``UNSET`` if the
    block has none (``sparse[c]``: the column holds UNSET; ``counts[c]``: blocks that have
    it). No block holds two lines of the same canonical key (such a block is irregular)."""

    keys: tuple[str, ...]
    cols: list[list[Any]]
    n: int
    sparse: tuple[bool, ...]
    counts: tuple[int, ...]


@dataclass(slots=True)
class Irregular:
    """Blocks the fast path did not take, as the reference parser gives them."""

    blocks: list[Block]


Segment = Run | Table | Irregular


def separator(body: bytes | mmap.mmap, size: int | None = None) -> bytes:
    """The blank line a file is cut after: CRLF if its first chunk has CRLF line ends."""
    return b"\n\r\n" if b"\r\n" in body[: size or CHUNK] else b"\n\n"


def chunks(
    body: bytes | mmap.mmap,
    size: int | None = None,
    lo: int = 0,
    hi: int | None = None,
    sep: bytes | None = None,
) -> Iterator[bytes]:
    """``body[lo:hi]`` in pieces of about ``size`` bytes (``CHUNK``), each ending with a
    blank line (``sep``, else ``separator(body)``) or the end of the text."""
    size = size or CHUNK
    sep = sep or separator(body, size)
    pos, n = lo, len(body) if hi is None else hi
    while pos < n:
        cut = body.find(sep, pos + size, n)
        end = n if cut < 0 else cut + len(sep)
        yield body[pos:end]
        pos = end


def scan_bytes(
    body: bytes | mmap.mmap,
    size: int | None = None,
    canon: Callable[[str], str] | None = None,
    skip: frozenset[str] = frozenset(),
    lo: int = 0,
    hi: int | None = None,
    sep: bytes | None = None,
) -> Iterator[Segment]:
    """The segments of a whole file (valid UTF-8 without BOM), chunk by chunk (``lo``, ``hi``,
    ``sep``: only ``body[lo:hi]``, cut as ``chunks`` cuts it)."""
    for chunk in chunks(body, size, lo, hi, sep):
        # control characters other than "\n": if there are none, no line break but "\n" either
        ctrl = int(np.count_nonzero(np.frombuffer(chunk, np.uint8) < 32))
        yield from scan(chunk.decode("utf-8"), ctrl, canon, skip)


def parse_blocks(text: str) -> list[Block]:
    """Exactly ``txt_reference.parse_blocks(text)``, fast for regular text."""
    out: list[Block] = []
    for seg in scan(text):
        if isinstance(seg, Run):
            keys = seg.keys
            for vals in zip(*seg.cols, strict=True):
                out.append([(k, v.strip()) for k, v in zip(keys, vals, strict=True)])
        elif isinstance(seg, Irregular):
            out += seg.blocks
    return out


def _normalize(text: str) -> str | None:
    """The text with LF line ends and a final LF; None if it holds other line breaks (or NUL,
    the column separator used below)."""
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    for c in _BREAKS:
        if c in text:
            return None
    if not text.isascii():
        for c in _BREAKS_NON_ASCII:
            if c in text:
                return None
    return text if text.endswith("\n") else text + "\n"


def scan(
    text: str,
    ctrl: int | None = None,
    canon: Callable[[str], str] | None = None,
    skip: frozenset[str] = frozenset(),
) -> list[Segment]:
    """Runs and irregular blocks of one piece of text, in order. Values are cut from their
    lines and not stripped (``str.strip`` gives the reference's value).

    ``ctrl``: how many characters below U+0020 the text holds, if known: when they are all
    "\n", the text needs no other check for line breaks. ``canon``: the key a reader files a
    value under (its JSON key): with it, once blocks change shape, the rest of the text is
    read as a ``Table`` (the order of the lines in a block is then lost: only for readers
    that do not need it). ``skip``: canonical keys whose values are not needed: their lines
    are checked but their columns left out of runs and tables (``canon`` needed).
    """
    lines = None
    if ctrl is not None and text.endswith("\n"):
        lines = text.split("\n")
        other = not text.isascii() and any(c in text for c in _BREAKS_NON_ASCII)
        if other or ctrl != len(lines) - 1:
            lines = None
    if lines is None:
        norm = _normalize(text)
        if norm is None:
            return [Irregular(parse_blocks_reference(text))]
        text = norm
        lines = text.split("\n")
    out = _scan_lines(lines, canon, skip)
    if any(isinstance(seg, Irregular) for seg in out) and ":\n" in text:
        # "Key:" with nothing after it: the reference strips lines, so "Key: " is the same
        out = _scan_lines(text.replace(":\n", ": \n").split("\n"), canon, skip)
    return out


def _scan_lines(
    lines: list[str], canon: Callable[[str], str] | None, skip: frozenset[str] = frozenset()
) -> list[Segment]:
    """Segments of ``lines`` (the last one empty, no line holding another line break)."""
    out: list[Segment] = []
    n = len(lines)
    i = 0
    cautious = False  # after a block that broke a run: check runs in growing windows
    while i < n:
        if not lines[i]:
            i += 1
            continue
        j = lines.index("", i)
        shape = _shape(lines, i, j)
        if shape is not None:
            prefixes, keys = shape
            period = len(prefixes) + 1
            most = (n - i) // period
            keep = tuple(not skip or canon is None or canon(k) not in skip for k in keys)
            cols, m = _run(lines, i, most, prefixes, cautious, keep)
            if m:  # always: the first block has this shape
                if all(keep):
                    out.append(Run(keys, cols, m))
                else:
                    kept = [c for c in range(len(keys)) if keep[c]]
                    out.append(Run(tuple(keys[c] for c in kept), [cols[c] for c in kept], m))
                i += m * period
                if m < most and canon is not None:  # the shape changes: read the rest as a table
                    return out + _scan_mixed(lines, i, canon, skip)
                cautious = cautious or m < most
                continue
        if canon is not None:
            return out + _scan_mixed(lines, i, canon, skip)
        blocks = parse_blocks_reference("\n".join(lines[i:j]))
        if out and isinstance(out[-1], Irregular):
            out[-1].blocks += blocks
        else:
            out.append(Irregular(blocks))
        i = j + 1
        cautious = True
    return out


_PREFIXES: dict[str, tuple[str, str] | None] = {}


def _shape(lines: list[str], i: int, j: int) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """(prefixes, keys) of the block ``lines[i:j]`` if every line is a plain key line."""
    prefixes = []
    keys = []
    for line in lines[i:j]:
        got = _prefix(line)
        if got is None:
            return None
        prefixes.append(got[0])
        keys.append(got[1])
    return tuple(prefixes), tuple(keys)


def _prefix(line: str) -> tuple[str, str] | None:
    """(prefix, key) of a key line: prefix = key + ``:`` or ``::`` + one whitespace."""
    idx = line.find(":")
    if idx <= 0:
        return None
    plen = idx + 2 if line.startswith("::", idx) else idx + 1
    if plen >= len(line) or not line[plen].isspace():
        return None
    prefix = line[: plen + 1]
    if prefix in _PREFIXES:
        cached = _PREFIXES[prefix]
        return cached
    got: tuple[str, str] | None = None
    c = line[0]
    if c != ">" and not c.isspace():
        kv = key_value(line.rstrip())
        key = line[:idx].strip()
        if kv is not None and kv[0] == key and kv[1] == line[plen + 1 :].strip():
            got = (prefix, key)
    if len(_PREFIXES) < 10_000:
        _PREFIXES[prefix] = got
    return got


def _run(
    lines: list[str],
    i: int,
    most: int,
    prefixes: tuple[str, ...],
    cautious: bool,
    keep: tuple[bool, ...],
) -> tuple[list[list[str]], int]:
    """Columns of the longest run of blocks of this shape from line ``i`` (at most ``most``
    blocks; the first one is known to fit) and its length in blocks (``keep``: which columns
    to cut; the others are only checked and stay empty)."""
    if not cautious:
        whole = _take(lines, i, most, prefixes, keep)
        if whole is not None:
            return whole, most
    period = len(prefixes) + 1
    cols: list[list[str]] = [[] for _ in prefixes]
    m = 0
    w = _WINDOW
    while m < most:
        w = min(w, most - m)
        start = i + m * period
        got = _take(lines, start, w, prefixes, keep)
        if got is None:
            w = _first_misfit(lines, start, w, prefixes)
            got = _take(lines, start, w, prefixes, keep) if w else None
            if got is None:
                break
            for col, part in zip(cols, got, strict=True):
                col += part
            m += w
            break
        for col, part in zip(cols, got, strict=True):
            col += part
        m += w
        w *= 4
    return cols, m


def _take(
    lines: list[str], start: int, w: int, prefixes: tuple[str, ...], keep: tuple[bool, ...]
) -> list[list[str]] | None:
    """The value columns of ``w`` blocks from line ``start``, or None if one does not fit."""
    period = len(prefixes) + 1
    end = start + w * period
    if any(lines[start + period - 1 : end : period]):
        return None  # a block is not followed by a blank line
    out: list[list[str]] = []
    for c, prefix in enumerate(prefixes):
        col = lines[start + c : end : period]
        if not keep[c]:
            if not all(map(str.startswith, col, repeat(prefix))):
                return None
            out.append([])
            continue
        vals = _values(col, prefix)
        if vals is None:
            return None
        out.append(vals)
    return out


def _values(col: list[str], prefix: str) -> list[str] | None:
    """``line[len(prefix):]`` of every line, or None unless all start with the prefix."""
    w = len(col)
    cut = len(prefix)
    if w >= 64 and len(set(col[:64])) <= 16:  # few distinct lines: check and cut each once
        distinct = dict.fromkeys(col)
        if len(distinct) <= w // 2:
            memo: dict[str, str] = {}
            for line in distinct:
                if not line.startswith(prefix):
                    return None
                memo[line] = line[cut:]
            return list(map(memo.__getitem__, col))
    vals = list(map(str.removeprefix, col, repeat(prefix)))
    # a line without the prefix comes back as itself (a cut line is a new string, or "")
    return None if any(map(is_, vals, col)) else vals


def _first_misfit(lines: list[str], start: int, w: int, prefixes: tuple[str, ...]) -> int:
    """Index of the first of ``w`` blocks from line ``start`` that does not fit the shape."""
    period = len(prefixes) + 1
    end = start + w * period
    first = next(compress(count(), lines[start + period - 1 : end : period]), w)
    for c, prefix in enumerate(prefixes):
        col = lines[start + c : end : period]
        misfits = compress(count(), map(not_, map(str.startswith, col, repeat(prefix))))
        first = min(first, next(misfits, w))
    return first


_BLANK = object()
_MISS = object()
#: "Key: " (as ``str.partition(": ")`` cuts a line) -> the key, None if not a plain key line
_KEYS: dict[str, object] = {"": _BLANK}


def _key_of(head: str) -> str | None:
    """The key of lines starting with ``head`` (``<raw key>: ``), if they are plain key lines."""
    got = _prefix(head + "x")
    key = got[1] if got is not None and got[0] == head else None
    if len(_KEYS) < 10_000:
        _KEYS[head] = key
    return key


def _scan_mixed(
    lines: list[str], i: int, canon: Callable[[str], str], skip: frozenset[str] = frozenset()
) -> list[Segment]:
    """``lines[i:]`` as tables of blocks of any shape (and irregular blocks), in order.

    A block with a line that is not a plain key line, or with two lines of one canonical key,
    is parsed by the reference parser; if that gives one record, it becomes its row in the
    table, else the table is cut there and the blocks go as they are.
    """
    sub = lines[i:]  # ends with ""
    parts = list(map(str.partition, sub, repeat(": ")))
    vals = list(map(itemgetter(2), parts))
    heads = list(map(add, map(itemgetter(0), parts), map(itemgetter(1), parts)))
    keys: list[Any] = list(map(_KEYS.get, heads, repeat(_MISS)))
    for j in list(compress(count(), map(is_, keys, repeat(_MISS)))):
        keys[j] = _key_of(heads[j]) if parts[j][1] else None  # (continued text: not cached)
    # line -> id: -1 blank, -2 not a plain key line, else the canonical key's column
    columns: dict[str, int] = {}
    ident: dict[Any, int] = {_BLANK: -1, None: -2}
    for k in dict.fromkeys(keys):
        if isinstance(k, str):
            ident[k] = columns.setdefault(canon(k), len(columns))
    ids = np.fromiter(map(ident.__getitem__, keys), np.int64, len(keys))
    blank = ids == -1
    if int(blank.sum()) != sub.count(""):  # ": value" lines: no key, yet cut like blank ones
        return [Irregular(parse_blocks_reference("\n".join(sub)))]
    before = np.concatenate(([True], blank[:-1]))
    starts = np.flatnonzero(~blank & before)  # first line of each block
    ends = np.flatnonzero(blank & ~before)  # the blank line after it
    n = len(starts)
    block = np.cumsum(~blank & before) - 1  # block of each line
    odd = np.zeros(n, bool)
    other = np.flatnonzero(ids == -2)
    if len(other):
        _continued(sub, other.tolist(), ids, vals)
        odd[block[ids == -2]] = True
    where = []
    for c in range(len(columns)):
        at = np.flatnonzero(ids == c)
        odd |= np.bincount(block[at], minlength=n) > 1
        where.append(at)
    rows: dict[int, dict[str, str]] = {}  # odd block -> its one record
    cuts: list[tuple[int, list[Block]]] = []  # odd blocks that are not one record
    for b in np.flatnonzero(odd).tolist():
        blocks = parse_blocks_reference("\n".join(sub[starts[b] : ends[b]]))
        rec = {canon(k): v for k, v in blocks[0] if k} if len(blocks) == 1 else {}
        if rec:
            rows[b] = rec
        else:
            cuts.append((b, blocks))
    names = tuple(columns)
    out: list[Segment] = []
    prev = 0
    for b, blocks in [*cuts, (n, [])]:
        if b > prev:
            out.append(_table(names, where, block, odd, vals, rows, prev, b, skip))
        if b < n:
            if out and isinstance(out[-1], Irregular):
                out[-1].blocks += blocks
            else:
                out.append(Irregular(blocks))
        prev = b + 1
    return out


def _table(
    names: tuple[str, ...],
    where: list[np.ndarray[Any, Any]],
    block: np.ndarray[Any, Any],
    odd: np.ndarray[Any, Any],
    vals: list[str],
    rows: dict[int, dict[str, str]],
    lo: int,
    hi: int,
    skip: frozenset[str],
) -> Table:
    """Blocks ``lo:hi``: the plain ones from their lines, the odd ones from ``rows``."""
    n = hi - lo
    patch = {b - lo: rec for b, rec in rows.items() if lo <= b < hi}
    table: dict[str, list[Any]] = {}
    for name, at in zip(names, where, strict=True):
        if name in skip:
            continue
        b = block[at]
        a, z = np.searchsorted(b, [lo, hi])
        at, b = at[a:z], b[a:z]
        if patch:
            plain = ~odd[b]
            at, b = at[plain], b[plain]
        if not len(at):
            continue
        got = list(map(vals.__getitem__, at.tolist()))
        if len(at) < n:
            spread = np.full(n, UNSET, dtype=object)
            spread[b - lo] = _objects(got)
            got = spread.tolist()
        table[name] = got
    for row, rec in patch.items():
        for name, col in table.items():
            col[row] = rec.get(name, UNSET)
        for name, v in rec.items():
            if name not in table and name not in skip:
                table[name] = [UNSET] * n
                table[name][row] = v
    counts = tuple(n - col.count(UNSET) for col in table.values())
    sparse = tuple(c < n for c in counts)
    return Table(tuple(table), list(table.values()), n, sparse, counts)


def _objects(values: list[str]) -> np.ndarray[Any, Any]:
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


def _continued(
    sub: list[str], other: list[int], ids: np.ndarray[Any, Any], vals: list[str]
) -> None:
    """Mark (id -3) the lines that only continue the value of a key line above them, and add
    their text to that value in ``vals`` as the reference does (``"<value>\n<line>"``, both
    stripped). Lines the reference reads otherwise keep id -2."""
    owner: dict[int, int] = {}  # continuation line -> its key line
    extended: set[int] = set()  # key lines whose value in ``vals`` is already the reference's
    for j in other:
        line = sub[j].rstrip()
        s = line.strip()
        if j == 0 or not s or (s[0] in "-=" and set(s) <= {"-", "="}):
            continue  # (whitespace and separator lines end a block for the reference)
        stripped = line.lstrip(">").strip()
        if key_value(stripped) is not None:
            continue  # a key line after all
        first = j - 1 if ids[j - 1] >= 0 else owner.get(j - 1)
        if first is None:
            continue  # the first line of a block, or below a line that is not a key line
        v = vals[first] if first in extended else vals[first].strip()
        vals[first] = f"{v}\n{stripped}" if v else stripped
        extended.add(first)
        owner[j] = first
        ids[j] = -3
