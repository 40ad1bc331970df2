from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from privacyscope.sources.tiktok.txt_reader import is_empty_text, parse_blocks

KEY = st.from_regex(r"[A-Z][a-z]{2,10}( [A-Z][a-z]{1,8})?", fullmatch=True)
VALUE = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=40
).map(str.strip)


def test_blocks_continuations_and_double_colons() -> None:
    text = (
        "Date: 2024-01-02 03:04:05\nLink: https://x.example/v/1\n\n"
        "HashTag Link:: https://x.example/tag\n\n"
        "Date: 2024-01-03 00:00:00\nContent: line one\nline two\nhttps://img.example/1.jpg\n"
    )
    blocks = parse_blocks(text)
    assert blocks[0] == [("Date", "2024-01-02 03:04:05"), ("Link", "https://x.example/v/1")]
    assert blocks[1] == [("HashTag Link", "https://x.example/tag")]
    assert blocks[2][1] == ("Content", "line one\nline two\nhttps://img.example/1.jpg")


def test_crlf_and_empty_markers() -> None:
    assert parse_blocks("Date: 1\r\nIP: 2\r\n\r\nDate: 3\r\n") == [
        [("Date", "1"), ("IP", "2")],
        [("Date", "3")],
    ]
    assert is_empty_text("You have no data in this section.\n")
    assert is_empty_text("Dit gedeelte bevat geen gegevens")


@given(st.lists(st.lists(st.tuples(KEY, VALUE), min_size=1, max_size=5), max_size=8))
def test_round_trip(blocks: list[list[tuple[str, str]]]) -> None:
    text = "\n\n".join("\n".join(f"{k}: {v}" for k, v in b) for b in blocks)
    parsed = parse_blocks(text)
    assert [[k for k, _ in b] for b in parsed] == [[k for k, _ in b] for b in blocks]
    assert [[v for _, v in b] for b in parsed] == [[v for _, v in b] for b in blocks]


@given(st.text())
def test_never_raises(text: str) -> None:
    for block in parse_blocks(text):
        assert all(isinstance(k, str) and isinstance(v, str) for k, v in block)
