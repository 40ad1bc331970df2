"""The column-wise TXT reader gives exactly what the reference reader gives.

``txt_reference`` keeps the reader as it was (one Python step per line, blocks -> dicts -> the
JSON section handlers). Every case here reads the same files with both and compares the
records field by field, the refs, the inventory, notes, unknown keys and sections, unreadable
files, settings and the record tables present.
"""

from __future__ import annotations

import io
import random
from collections.abc import Callable
from pathlib import Path

import pytest

from privacyscope.inputs import ExportFile
from privacyscope.model import Columns, parts_of, to_builtins
from privacyscope.sources.base import ReadResult, no_progress
from privacyscope.sources.tiktok import synth, txt_reader, txt_reference, txt_tokens

BIG = synth.LONG_LISTS


def files_of(blobs: dict[str, bytes]) -> list[ExportFile]:
    return [
        ExportFile(name=name, size=len(b), _opener=lambda b=b: io.BytesIO(b))
        for name, b in blobs.items()
    ]


def read(fn: Callable[..., None], blobs: dict[str, bytes]) -> ReadResult:
    result = ReadResult(platform="tiktok", layout="txt", format="txt")
    fn(files_of(blobs), result, no_progress)
    return result


def assert_same(blobs: dict[str, bytes]) -> ReadResult:
    new = read(txt_reader.read_txt, blobs)
    ref = read(txt_reference.read_txt, blobs)
    assert new.sections == ref.sections
    assert new.notes == ref.notes
    assert new.unrecognized == ref.unrecognized
    assert new.unreadable == ref.unreadable
    assert new.present == ref.present
    assert new.settings == ref.settings
    for (t, a), (_, b) in zip(new.records.types(), ref.records.types(), strict=True):
        assert [to_builtins(x) for x in a] == [to_builtins(x) for x in b], t.__name__
    return new


def export(lang: str = "en", variant: str | None = None, sizes: synth.Sizes = BIG) -> dict:  # type: ignore[type-arg]
    files = synth.build_txt(synth.apply_variant(synth.build_data(0, sizes), variant), lang)
    return {name: text.encode() for name, text in files.items()}


def columnar(result: ReadResult) -> bool:
    return any(isinstance(p, Columns) for _, recs in result.records.types() for p in parts_of(recs))


@pytest.mark.parametrize("lang", synth.LANGS)
@pytest.mark.parametrize("variant", [None, *synth.VARIANTS])
def test_every_variant(lang: str, variant: str | None) -> None:
    new = assert_same(export(lang, variant))
    assert columnar(new) == (variant != "empty")
    assert_same(export(lang, variant, synth.Sizes()))  # short lists: record by record


def _each_file(blobs: dict[str, bytes], change: Callable[[str], str]) -> dict[str, bytes]:
    return {name: change(b.decode()).encode() for name, b in blobs.items()}


TRANSFORMS: dict[str, Callable[[str], str]] = {
    "crlf": lambda t: t.replace("\n", "\r\n"),
    "trailing spaces": lambda t: t.replace("\n", "  \n"),
    "tab after colon": lambda t: t.replace(": ", ":\t"),
    "double colon": lambda t: t.replace("Date: ", "Date:: "),
    "no space after empty key": lambda t: t.replace(": \n", ":\n"),
    "two spaces after colon": lambda t: t.replace("Link: ", "Link:  "),
    "upper-case keys": lambda t: t.replace("Date:", "DATE:"),
    "indented lines": lambda t: t.replace("\nLink", "\n  Link"),
    "quoted lines": lambda t: t.replace("\nDate", "\n>> Date"),
    "separators": lambda t: t.replace("\n\n", "\n-----\n"),
    "extra blank lines": lambda t: t.replace("\n\n", "\n\n\n \n"),
    "no final newline": lambda t: t.rstrip("\n"),
    "vertical tab": lambda t: t.replace("\n\n", "\n\x0b\n", 3),
    "line separator": lambda t: t.replace("\n\n", "\u2028\n\n", 2),
    "next line": lambda t: t.replace("\n\n", "\x85\n", 2),
    "lone cr": lambda t: t.replace("\n\n", "\r\n", 2),
    "form feed": lambda t: t.replace("\n\n", "\n\x0c", 2),
    "non-ascii": lambda t: t.replace("Link: ", "Link: é"),
    "nbsp around values": lambda t: t.replace("Link: ", "Link: \xa0").replace("/\n", "/\xa0\n"),
    "sentinels": lambda t: t.replace("Link: https", "Link: N/A\nLink: https", 50),
}


@pytest.mark.parametrize("name", list(TRANSFORMS))
def test_text_transforms(name: str) -> None:
    assert_same(_each_file(export(), TRANSFORMS[name]))


def test_encodings_nul_and_garbage() -> None:
    blobs = export()
    login = "Tiktok/Activity/Login History.txt"
    watch = "Tiktok/Activity/Browsing History.txt"
    blobs[login] = b"\xef\xbb\xbf" + blobs[login]
    blobs[watch] = blobs[watch].decode().encode("utf-16")
    blobs["Tiktok/Activity/Searches.txt"] = blobs["Tiktok/Activity/Searches.txt"].replace(
        b"\n\n", b"\n\x00\n", 5
    )
    blobs["Tiktok/Activity/Like List.txt"] += b"\xff\xfe broken"
    blobs["Tiktok/Activity/Garbage.txt"] = random.Random(3).randbytes(4096)
    blobs["Tiktok/Activity/Unknown.txt"] = "Datum: 2024-01-01 00:00:00\nSchlüssel: Wert\n".encode()
    blobs["Tiktok/Activity/Hashtag.txt"] = b"   \n\n"
    blobs["Tiktok/Activity/Status.txt"] = b""
    new = assert_same(blobs)
    assert new.unreadable and any("NUL" in n for n in new.notes)


def test_irregular_blocks_inside_long_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Continuation lines, unknown keys, missing keys, repeated keys, odd keys: the run
    breaks there and goes on after."""
    text = synth.irregular_watch_txt()
    blobs = {
        "Tiktok/Activity/Browsing History.txt": text.encode(),
        "Tiktok/Activity/Like List.txt": text.replace("\n\n", "\n\n\n").encode(),
        "Tiktok/Activity/Follower.txt": text.replace("Link", "Username").encode(),
    }
    for size in (300, 4096, txt_tokens.CHUNK):
        monkeypatch.setattr(txt_tokens, "CHUNK", size)
        new = assert_same(blobs)
    assert any(u.kind == "key" for u in new.unrecognized)


def test_batches_of_a_long_list(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(txt_reader, "BATCH", 100)
    monkeypatch.setattr(txt_tokens, "CHUNK", 1000)
    new = assert_same(export())
    watch = [p for _, r in new.records.types() for p in parts_of(r) if isinstance(p, Columns)]
    assert max(p.start for p in watch) >= 600


def test_duplicate_lists_of_a_deduplicated_section() -> None:
    blobs = export()
    follower = blobs["Tiktok/Activity/Follower.txt"]
    blobs["Tiktok/Other/Followers.txt"] = follower
    blobs["Tiktok/Other/Volgers.txt"] = follower.replace(b"user_", b"usr_")
    blobs["Tiktok/Other/Off TikTok Activity.txt"] = blobs[
        "Tiktok/Ads and data/Off TikTok Activity.txt"
    ]
    new = assert_same(blobs)
    assert sum("counted once" in n for n in new.notes) == 2


def test_comments_long_list_with_multiline_text() -> None:
    text = "\n\n".join(
        f"Date: 2024-02-03 04:05:{i % 60:02d}\nComment: comment {i}"
        + ("\nsecond line\nthird" if i % 9 == 0 else "")
        + ("\nUrl: https://x/y" if i % 4 == 0 else "")
        for i in range(400)
    )
    new = assert_same({"Tiktok/Comments/Comments.txt": text.encode()})
    assert columnar(new)


DM_CASES = {
    "plain": "",
    "no utc": "2024-01-02 03:04:05 kim: no zone\n",
    "utc then colon": "2024-01-02 03:04:05 UTC : odd\n2024-01-02 03:04:05 UTC : a: b\n",
    "continuation": "2024-01-02 03:04:05 UTC kim: first\nsecond line\n\n  third\n",
    "repeated header": ">>> Chat History with friend_00001::\n2024-01-02 03:04:05 UTC x: again\n",
    "unicode digits": "٢٠٢٤-01-02 03:04:05 UTC kim: arabic digits\n",
    "dutch header": ">> Chatgeschiedenis met noor::\n2024-01-02 03:04:05 UTC noor: hoi\n",
    "short lines": "2024-01-02\n2024-01-02 03:04:05\n2024-01-02 03:04:05 UTC\nx\n",
    "sender with colon": "2024-01-02 03:04:05 UTC a:b: c: d\n2024-01-02 03:04:05 UTC é: ü\n",
    "crlf": "\r\n2024-01-02 03:04:05 UTC kim: windows\r\n",
    "line separator": "2024-01-02 03:04:05 UTC kim: a\u2028b\n",
}


def _dm(extra: str, chats: int = 3, per_chat: int = 80) -> bytes:
    lines = ["2024-01-01 00:00:00 UTC nobody: before any header"]
    for c in range(chats):
        lines.append(f">>> Chat History with friend_{c:05d}::")
        lines.append("")
        for i in range(per_chat):
            lines.append(f"2024-01-01 {c:02d}:{i // 60:02d}:{i % 60:02d} UTC friend_{c}: msg {i}")
        lines.append("")
    return ("\n".join(lines) + "\n" + extra).encode()


@pytest.mark.parametrize("case", list(DM_CASES))
def test_direct_messages(case: str) -> None:
    blobs = {"Tiktok/Direct Messages/Direct Messages.txt": _dm(DM_CASES[case])}
    new = assert_same(blobs)
    assert case == "line separator" or columnar(new)
    assert_same({"Tiktok/Direct Messages/Direct Messages.txt": _dm(DM_CASES[case], 2, 5)})


def test_direct_messages_across_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    from privacyscope.sources.tiktok import txt_dm

    monkeypatch.setattr(txt_dm, "PIECE", 97)
    assert_same({"Tiktok/Direct Messages/Direct Messages.txt": _dm(DM_CASES["continuation"])})


@pytest.mark.parametrize("case", ["export", "irregular", "short"])
def test_full_false_drops_only_bulky_fields(case: str) -> None:
    """Without ``full`` long lists lose the fields no finding reads (as in the JSON reader);
    everything else is the same, short lists are built in full."""
    from privacyscope.model import ActivityEvent, iter_part

    if case == "export":
        blobs = export()
    else:
        text = synth.irregular_watch_txt(3000 if case == "irregular" else 40)
        blobs = {
            "Tiktok/Activity/Browsing History.txt": text.encode(),
            "Tiktok/Activity/Like List.txt": text.encode(),
        }
    full = read(txt_reader.read_txt, blobs)
    lean = ReadResult(platform="tiktok", layout="txt", format="txt")
    txt_reader.read_txt(files_of(blobs), lean, no_progress, full=False)
    assert (lean.sections, lean.notes) == (full.sections, full.notes)
    assert lean.unrecognized == full.unrecognized
    for (t, a), (_, b) in zip(lean.records.types(), full.records.types(), strict=True):
        assert len(a) == len(b), t.__name__
        i = 0
        for part in parts_of(a):
            kept = set(part.cols) | set(part.const) if isinstance(part, Columns) else None
            for rec in iter_part(part):
                x, y = to_builtins(rec), to_builtins(b[i])
                i += 1
                for k, v in y.items():
                    if kept is not None and k not in kept and k != "ref":
                        assert x[k] is None or x[k] == v  # dropped, or the type's default
                    else:
                        assert x[k] == v, (t.__name__, k)
    watch = [a for a in lean.records.of(ActivityEvent) if a.kind == "watch"]
    assert all(a.value is None for a in watch) == (case != "short")


def test_files_on_disk_are_mapped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Plain files are read through a memory map; the others (BOM, UTF-16, NUL, invalid
    UTF-8, empty) as bytes, all as the reference reads them."""
    from privacyscope.inputs import open_export

    monkeypatch.setattr(txt_reader, "MAP_MIN", 0)
    mapped = []
    real_map = txt_reader._map

    def spy(f: ExportFile) -> object:
        got = real_map(f)
        mapped.append(got is not None)
        return got

    monkeypatch.setattr(txt_reader, "_map", spy)
    blobs = export()
    blobs["Tiktok/Activity/Login History.txt"] = b"\xef\xbb\xbf" + blobs[
        "Tiktok/Activity/Login History.txt"
    ].replace(b"\n", b"\r\n")
    blobs["Tiktok/Activity/Like List.txt"] = (
        blobs["Tiktok/Activity/Like List.txt"].decode().encode("utf-16")
    )
    blobs["Tiktok/Activity/Searches.txt"] += b"\x00"
    blobs["Tiktok/Activity/Follower.txt"] += b"\xc3"
    blobs["Tiktok/Activity/Status.txt"] = b""
    blobs["Tiktok/Activity/Unknown.txt"] = "Sleutel: waarde é\n".encode()
    for name, data in blobs.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(data)
    with open_export(tmp_path) as inp:
        new = ReadResult(platform="tiktok", layout="txt", format="txt")
        txt_reader.read_txt(inp.files, new, no_progress)
        ref = ReadResult(platform="tiktok", layout="txt", format="txt")
        txt_reference.read_txt(inp.files, ref, no_progress)
    assert (new.sections, new.notes, new.unreadable) == (ref.sections, ref.notes, ref.unreadable)
    assert new.unrecognized == ref.unrecognized
    for (t, a), (_, b) in zip(new.records.types(), ref.records.types(), strict=True):
        assert [to_builtins(x) for x in a] == [to_builtins(x) for x in b], t.__name__
    assert new.unreadable and new.notes
    assert any(mapped) and not all(mapped)


def test_gc_is_paused_only_while_reading() -> None:
    import gc

    assert gc.isenabled()
    read(txt_reader.read_txt, export(sizes=synth.Sizes()))
    assert gc.isenabled()
    gc.disable()
    try:
        read(txt_reader.read_txt, export(sizes=synth.Sizes()))
        assert not gc.isenabled()
    finally:
        gc.enable()
