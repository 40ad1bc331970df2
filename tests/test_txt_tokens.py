"""Property tests of the TXT tokenizer and the DM reader against the reference parser.

Whatever the text, the fast paths give the reference's blocks / chats, and reading a file of
any bytes gives the reference's result (records or the clean "unreadable" entry), never an
exception.
"""

from __future__ import annotations

import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from privacyscope.inputs import ExportFile
from privacyscope.model import to_builtins
from privacyscope.sources.base import ReadResult, no_progress
from privacyscope.sources.tiktok import txt_dm, txt_reader, txt_reference, txt_tokens
from privacyscope.sources.tiktok.columnar import UNSET

#: pieces that make and break the structure: keys, separators, odd spaces and line breaks
PIECES = [
    "Date",
    "Link",
    "Carrier",
    "IP",
    "http",
    ":",
    "::",
    ": ",
    " ",
    "  ",
    "\t",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\x0b",
    "\x1c",
    "\x85",
    "\u2028",
    "\xa0",
    ">>",
    "---",
    "é",
    "x",
    "2024-01-02 03:04:05",
    "N/A",
]
ODD_TEXT = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)

KEYS = st.sampled_from(["Date", "Link", "Title", "Search Term", "Carrier", "Wie kan bekijken"])
VALUES = st.one_of(
    st.sampled_from(["", " ", "N/A", "2024-01-02 03:04:05", "https://x/1", " padded ", "a: b"]),
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r"),
        max_size=12,
    ),
)
LINE = st.one_of(
    st.tuples(KEYS, st.sampled_from([": ", ":", ":: ", ":\t", ":  "]), VALUES).map("".join),
    VALUES,  # a continuation line (or anything)
)
BLOCK = st.lists(LINE, min_size=1, max_size=4).map("\n".join)


@st.composite
def block_texts(draw: st.DrawFn) -> str:
    """Mostly runs of one shape, with a few odd blocks and odd separators."""
    shape = draw(st.lists(st.tuples(KEYS, st.sampled_from([": ", ":: ", ":\t"])), max_size=3))
    blocks = []
    for _ in range(draw(st.integers(0, 40))):
        if shape and draw(st.integers(0, 9)):
            blocks.append("\n".join(f"{k}{sep}{draw(VALUES)}" for k, sep in shape))
        else:
            blocks.append(draw(BLOCK))
    sep = draw(st.sampled_from(["\n\n", "\n\n", "\r\n\r\n", "\n \n", "\n\n\n", "\n---\n"]))
    end = draw(st.sampled_from(["", "\n", "\n\n", "\r\n"]))
    return sep.join(blocks) + end


def _blocks(segments: list[txt_tokens.Segment]) -> list[list[tuple[str, str]]]:
    out: list[list[tuple[str, str]]] = []
    for seg in segments:
        if isinstance(seg, txt_tokens.Run):
            for vals in zip(*seg.cols, strict=True):
                out.append([(k, v.strip()) for k, v in zip(seg.keys, vals, strict=True)])
        else:
            out += seg.blocks
    return out


@settings(max_examples=1500, deadline=None)
@given(st.one_of(st.text(), ODD_TEXT))
def test_any_text_gives_the_reference_blocks(text: str) -> None:
    assert txt_tokens.parse_blocks(text) == txt_reference.parse_blocks(text)


@settings(max_examples=800, deadline=None)
@given(block_texts(), st.sampled_from([1, 7, 64, 1 << 16]))
def test_block_files_in_chunks_give_the_reference_blocks(text: str, size: int) -> None:
    body = text.encode()
    want = txt_reference.parse_blocks(text)
    assert txt_tokens.parse_blocks(text) == want
    assert _blocks(list(txt_tokens.scan_bytes(body, size))) == want


DM_LINE = st.one_of(
    st.tuples(
        st.sampled_from(["2024-01-02 03:04:05", "2024-1-02 03:04:05", "٢٠٢٤-01-02 03:04:05"]),
        st.sampled_from([" UTC ", " ", " UTC", "  ", " UTC : "]),
        st.sampled_from(["kim", "a:b", "", "é", "UTC"]),
        st.sampled_from([": ", ":", ": : "]),
        st.text(
            alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r"),
            max_size=8,
        ),
    ).map("".join),
    st.sampled_from(
        [
            ">>> Chat History with kim::",
            ">> Chatgeschiedenis met noor:",
            "  >Chat History with  sam  ",
            "",
            " ",
            "continued text",
            "\r",
            "\x0b",
            "\u2028",
        ]
    ),
)


@settings(max_examples=1500, deadline=None)
@given(st.lists(DM_LINE, max_size=30), st.sampled_from(["\n", "\r\n"]), st.integers(1, 200))
def test_direct_messages_give_the_reference_chats(lines: list[str], eol: str, piece: int) -> None:
    text = eol.join(lines)
    old = txt_dm.PIECE
    txt_dm.PIECE = piece
    try:
        got = txt_dm.chats(text.encode())
    finally:
        txt_dm.PIECE = old
    want = txt_reference.dm_chats(text)
    if got is None:  # other line breaks: left to the reference
        breaks = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
        assert any(c in text.replace("\r\n", "\n") for c in breaks)
        return
    assert {k: [list(m.values()) for m in v] for k, v in want.items()} == {
        k: [list(m) for m in zip(*v, strict=True)] for k, v in got.items()
    }


NAMES = [
    "Tiktok/Activity/Browsing History.txt",
    "Tiktok/Activity/Login History.txt",
    "Tiktok/Comments/Comments.txt",
    "Tiktok/Profile/Profile Info.txt",
    "Tiktok/Direct Messages/Direct Messages.txt",
    "Tiktok/Activity/Whatever.txt",
]


def _read(fn: object, name: str, data: bytes) -> ReadResult:
    result = ReadResult(platform="tiktok", layout="txt", format="txt")
    f = ExportFile(name=name, size=len(data), _opener=lambda: io.BytesIO(data))
    fn([f], result, no_progress)  # type: ignore[operator]
    return result


@settings(
    max_examples=600, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.sampled_from(NAMES),
    st.one_of(
        st.binary(max_size=300),
        block_texts().map(str.encode),
        st.lists(DM_LINE, max_size=20).map(lambda x: "\n".join(x).encode()),
    ),
)
def test_any_file_reads_as_the_reference(name: str, data: bytes) -> None:
    new = _read(txt_reader.read_txt, name, data)
    ref = _read(txt_reference.read_txt, name, data)
    assert (new.sections, new.notes, new.unreadable) == (ref.sections, ref.notes, ref.unreadable)
    assert new.unrecognized == ref.unrecognized
    for (t, a), (_, b) in zip(new.records.types(), ref.records.types(), strict=True):
        assert [to_builtins(x) for x in a] == [to_builtins(x) for x in b], t.__name__


CANON = {"date": "Date", "link": "Link", "video link": "Link", "title": "Title"}


def _canon(key: str) -> str:
    return CANON.get(key.lower(), key)


def _items(segments: list[txt_tokens.Segment]) -> list[dict[str, str]]:
    """Rows as a list reader files them: canonical key -> stripped value, last one wins."""
    out: list[dict[str, str]] = []
    for seg in segments:
        if isinstance(seg, txt_tokens.Run):
            keys = [_canon(k) for k in seg.keys]
            for vals in zip(*seg.cols, strict=True) if seg.cols else [()] * seg.n:
                out.append({k: v.strip() for k, v in zip(keys, vals, strict=True)})
        elif isinstance(seg, txt_tokens.Table):
            for vals in zip(*seg.cols, strict=True) if seg.cols else [()] * seg.n:
                row = {k: v.strip() for k, v in zip(seg.keys, vals, strict=True) if v is not UNSET}
                out.append(row)
        else:
            for block in seg.blocks:
                rec = {_canon(k): v for k, v in block if k}
                if rec:
                    out.append(rec)
    return out


@settings(max_examples=800, deadline=None)
@given(block_texts(), st.sampled_from([1, 7, 64, 1 << 16]))
def test_mixed_shapes_give_the_reference_items(text: str, size: int) -> None:
    want = [
        rec
        for rec in ({_canon(k): v for k, v in b if k} for b in txt_reference.parse_blocks(text))
        if rec
    ]
    got = _items(list(txt_tokens.scan_bytes(text.encode(), size, canon=_canon)))
    assert got == want


@settings(max_examples=500, deadline=None)
@given(block_texts(), st.sampled_from([1, 64, 1 << 16]))
def test_skipped_keys_are_checked_but_left_out(text: str, size: int) -> None:
    skip = frozenset({"Link"})
    want = [
        {k: v for k, v in rec.items() if k not in skip}
        for rec in ({_canon(k): v for k, v in b if k} for b in txt_reference.parse_blocks(text))
        if rec
    ]
    segments = list(txt_tokens.scan_bytes(text.encode(), size, canon=_canon, skip=skip))
    got = []
    for seg in segments:
        if isinstance(seg, txt_tokens.Irregular):
            for block in seg.blocks:
                rec = {_canon(k): v for k, v in block if k}
                if rec:
                    got.append({k: v for k, v in rec.items() if k not in skip})
        else:
            assert not skip & set(seg.keys)
            got += _items([seg])
    assert got == want
