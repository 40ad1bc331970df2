"""The TXT reader as it was before the columnar tokenizer: one Python step per line.

Kept as the reference the fast reader (``txt_reader``) is tested against, record for record
(``tests/test_txt_equivalence.py``), and as its fallback for text it does not take the fast
path for (``parse_blocks``, ``read_dm_text``). Behaviour must not change here.
"""

from __future__ import annotations

from typing import Any

from privacyscope.errors import InputError
from privacyscope.inputs import ExportFile
from privacyscope.model import Unreadable
from privacyscope.sources.base import Progress, ReadResult
from privacyscope.sources.tiktok.sections import HANDLERS, TABLES, SectionContext, norm_name
from privacyscope.sources.tiktok.txt_specs import (
    _DM_HEADER,
    _DM_LINE,
    TxtSpec,
    is_dm_file,
    is_empty_text,
    key_value,
    spec_for,
)
from privacyscope.textdecode import decode_text


def parse_blocks(text: str) -> list[list[tuple[str, str]]]:
    """Blocks of (key, value) pairs separated by blank lines. Never raises.

    Lines without a ``Key:`` prefix continue the previous value (multi-line text, photo-mode
    image URLs). ``>>Name:`` prefixes and ``-----`` separators are tolerated.
    """
    blocks: list[list[tuple[str, str]]] = []
    cur: list[tuple[str, str]] = []
    for raw in text.splitlines():
        line = raw.rstrip()
        s = line.strip()
        if not s or (s[0] in "-=" and set(s) <= {"-", "="}):
            if cur:
                blocks.append(cur)
                cur = []
            continue
        stripped = line.lstrip(">").strip()
        kv = key_value(stripped)
        if kv is not None:
            cur.append(kv)
        elif cur:
            k, v = cur[-1]
            cur[-1] = (k, f"{v}\n{stripped}" if v else stripped)
        else:
            cur.append(("", stripped))
    if cur:
        blocks.append(cur)
    return blocks


def read_txt_file(ctx: SectionContext, file: ExportFile, spec: TxtSpec, text: str) -> None:
    path = file.name
    ctx.result.present.add(TABLES[norm_name(spec.section)])
    if is_empty_text(text):
        ctx.inventory(path, 0)
        return
    read_blocks(ctx, path, spec, parse_blocks(text))


def read_blocks(
    ctx: SectionContext, path: str, spec: TxtSpec, blocks: list[list[tuple[str, str]]]
) -> None:
    """Hand the blocks of one file to its section handler, as the JSON reader would."""
    handler = HANDLERS[norm_name(spec.section)]
    if spec.list_key is None:
        merged: dict[str, Any] = {}
        for block in blocks:
            for k, v in block:
                if not k:
                    continue
                merged[spec.keys.get(k.lower(), k)] = v
        if spec.map_key is None:
            value: Any = merged
        else:
            value = {spec.map_key: merged}
        handler(ctx, value, path)
        return
    handler(ctx, {spec.list_key: list_items(spec, blocks)}, path)


def list_items(spec: TxtSpec, blocks: list[list[tuple[str, str]]]) -> list[dict[str, Any]]:
    """The JSON list items of a list section's blocks (TXT keys mapped to JSON keys)."""
    items: list[dict[str, Any]] = []
    for block in blocks:
        rec: dict[str, Any] = {}
        for k, v in block:
            if not k:
                continue
            rec[spec.keys.get(k.lower(), k)] = v
        if rec:
            items.append(rec)
    return items


def read_dm_file(ctx: SectionContext, file: ExportFile, text: str) -> None:
    ctx.result.present.add("messages")
    if is_empty_text(text):
        ctx.inventory(file.name, 0)
        return
    chats = dm_chats(text)
    ctx.result.present.add("messages")
    HANDLERS[norm_name("Chat History")](ctx, {"ChatHistory": chats}, file.name)


def dm_chats(text: str) -> dict[str, list[dict[str, Any]]]:
    """The chats of a direct messages file: ``Chat History with <name>:`` -> messages."""
    chats: dict[str, list[dict[str, Any]]] = {}
    current: list[dict[str, Any]] | None = None
    for raw in text.splitlines():
        line = raw.rstrip("\r")
        h = _DM_HEADER.match(line.strip())
        if h:
            current = chats.setdefault(f"Chat History with {h.group(1)}:", [])
            continue
        if current is None:
            continue
        m = _DM_LINE.match(line)
        if m:
            current.append({"Date": m.group(1), "From": m.group(2), "Content": m.group(3)})
        elif line.strip() and current:
            current[-1]["Content"] = f"{current[-1]['Content']}\n{line}"
    return chats


def read_txt(files: list[ExportFile], result: ReadResult, progress: Progress) -> None:
    ctx = SectionContext(result)
    done = 0
    for f in files:
        if not f.name.lower().endswith(".txt"):
            continue
        try:
            text = decode_text(f.read_bytes(), f.display)
        except (InputError, OSError) as exc:
            result.unreadable.append(Unreadable(path=f.name, reason=str(exc)))
            continue
        if "\x00" in text:
            text = text.replace("\x00", "")
            result.notes.append(f"{f.name}: NUL bytes removed")
        spec = spec_for(f)
        if spec is not None:
            read_txt_file(ctx, f, spec, text)
        elif is_dm_file(f):
            read_dm_file(ctx, f, text)
        elif not is_empty_text(text):
            blocks = parse_blocks(text)
            ctx.unknown_section(f.name, [dict(b) for b in blocks])
        done += f.size
        progress(done, ctx.records_read)
    ctx.finish()
