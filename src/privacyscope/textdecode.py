"""Decoding of export files: BOMs, UTF-16, invalid UTF-8 and JSON errors with line/column."""

from __future__ import annotations

import codecs
import mmap
from typing import Any, overload

import orjson

from privacyscope.errors import InputError

#: an export file's bytes: read, or memory-mapped when big (``ExportFile.map_bytes``)
Bytes = bytes | mmap.mmap

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _sniff(data: Bytes) -> tuple[str, int]:
    head = bytes(data[:64])
    for bom, enc in _BOMS:
        if head.startswith(bom):
            return enc, len(bom)
    # UTF-16 without BOM: every other byte NUL in an ASCII-heavy text
    if len(head) >= 4 and head[1:2] == b"\0" and head[3:4] == b"\0" and head[0:1] != b"\0":
        return "utf-16-le", 0
    if len(head) >= 4 and head[0:1] == b"\0" and head[2:3] == b"\0" and head[1:2] != b"\0":
        return "utf-16-be", 0
    return "utf-8", 0


def _line_col(data: Bytes, offset: int) -> str:
    line = data.count(b"\n", 0, offset) + 1 if isinstance(data, bytes) else _count_nl(data, offset)
    col = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return f"line {line}, column {col}"


def _count_nl(data: Bytes, offset: int) -> int:
    view = memoryview(data)
    return 1 + sum(
        bytes(view[i : min(i + _CHUNK, offset)]).count(b"\n") for i in range(0, offset, _CHUNK)
    )


@overload
def to_utf8(data: bytes, label: str) -> bytes: ...
@overload
def to_utf8(data: Bytes, label: str) -> Bytes: ...
def to_utf8(data: Bytes, label: str) -> Bytes:
    """Return UTF-8 bytes without BOM; raises InputError for undecodable text."""
    enc, skip = _sniff(data)
    if enc == "utf-8":
        body = data[skip:] if skip else data
        bad = _first_invalid_utf8(body)
        if bad is not None:
            raise InputError(
                f"not valid UTF-8 text (byte 0x{body[bad]:02x} at {_line_col(body, bad)})",
                label,
            )
        return body
    try:
        return data[skip:].decode(enc).encode("utf-8")
    except UnicodeError as exc:
        raise InputError(f"not valid {enc.upper()} text: {exc}", label) from None


_CHUNK = 1 << 20


def _is_ascii(body: Bytes) -> bool:
    if isinstance(body, bytes):
        return body.isascii()
    import numpy as np

    return not len(body) or int(np.frombuffer(body, dtype=np.uint8).max()) < 0x80


def _first_invalid_utf8(body: Bytes) -> int | None:
    """Offset of the first byte that is not valid UTF-8, or None. Checks 1 MiB at a time and
    decodes only the chunks that are not plain ASCII (decoding a 1 GB export in one piece
    would hold a 1-4 GB string for nothing)."""
    if _is_ascii(body):
        return None
    dec = codecs.getincrementaldecoder("utf-8")()
    view = memoryview(body)
    for start in range(0, len(body), _CHUNK):
        chunk = bytes(view[start : start + _CHUNK])
        pending = len(dec.getstate()[0])
        if chunk.isascii() and not pending:
            continue
        try:
            dec.decode(chunk)
        except UnicodeDecodeError as exc:
            return start - pending + exc.start
    pending = len(dec.getstate()[0])
    return len(body) - pending if pending else None


@overload
def json_bytes(data: bytes, label: str) -> bytes: ...
@overload
def json_bytes(data: Bytes, label: str) -> Bytes: ...
def json_bytes(data: Bytes, label: str) -> Bytes:
    """UTF-8 JSON text without BOM and without NUL bytes, or InputError naming the place."""
    body = to_utf8(data, label)
    pos = body.find(b"\0")
    if pos >= 0:
        raise InputError(f"NUL byte in JSON text at {_line_col(body, pos)}", label)
    return body


def is_plain_utf8(data: Bytes) -> bool:
    """No BOM and no sign of UTF-16: ``json_bytes`` would give ``data`` itself (if valid)."""
    return _sniff(data) == ("utf-8", 0)


def json_bytes_error(data: Bytes, label: str) -> tuple[str, str | None, str | None] | None:
    """``json_bytes``'s :class:`InputError` as (message, path, where), or None: picklable, for
    a check run in another process (``parallel.Background``)."""
    try:
        json_bytes(data, label)
    except InputError as exc:
        return exc.message, exc.path, exc.where
    return None


def decode_text(data: bytes, label: str) -> str:
    return to_utf8(data, label).decode("utf-8")


def loads_json(data: Bytes, label: str) -> Any:
    """Parse JSON; errors name the file, line and column."""
    body = json_bytes(data, label)
    try:
        return orjson.loads(body if isinstance(body, bytes) else memoryview(body))
    except orjson.JSONDecodeError as exc:
        msg = exc.msg
        if "recursion" in msg.lower():
            raise InputError("JSON nested too deeply (over 1,024 levels)", label) from None
        where = f"line {exc.lineno}, column {exc.colno}"
        if exc.pos >= len(body) - 1 or "EOF" in msg or "end of" in msg.lower():
            msg = f"truncated or broken JSON: {msg}"
        else:
            msg = f"broken JSON: {msg}"
        raise InputError(msg, label, where) from None
