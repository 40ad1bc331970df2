"""Reading the big files of a TXT export ahead of the walk, on two cores (``txt_reader._prepare``,
``txt_parallel``), gives exactly the one-core result; a file whose job fails is read by the walk.

Every case writes a synthetic export to disk (only files on disk are read ahead: they are
memory-mapped before the fork), makes every list and DM file a job, and reads it with two
processes and with one: records field by field with their refs, how they are stored (lists,
column runs), inventory (in order), notes, unknown keys, unreadable files, tables present and
the progress reported must be equal.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest

from privacyscope.audit import run_audit
from privacyscope.inputs import open_export
from privacyscope.model import Columns, parts_of, to_builtins
from privacyscope.report import jsonreport
from privacyscope.sources.base import ReadResult, no_progress
from privacyscope.sources.tiktok import (
    parallel,
    synth,
    txt_parallel,
    txt_reader,
    txt_reference,
    txt_tokens,
)
from privacyscope.sources.tiktok.sections import SectionContext

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")

SIZES = synth.LONG_LISTS
WATCH = "Tiktok/Activity/Browsing History.txt"
LOGIN = "Tiktok/Activity/Login History.txt"
LIKES = "Tiktok/Activity/Like List.txt"
SEARCH = "Tiktok/Activity/Searches.txt"
OFF = "Tiktok/Ads and data/Off TikTok Activity.txt"
DM = "Tiktok/Direct Messages/Direct Messages.txt"
FAVORITES = "Tiktok/Activity/Favorite Videos.txt"


@pytest.fixture(autouse=True)
def every_file_is_a_job(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "MIN_JOB_BYTES", 0)
    monkeypatch.setattr(txt_reader, "JOB_MIN", 0)
    # two processes even where the machine has one core (PRIVACYSCOPE_WORKERS decides)
    monkeypatch.setattr(parallel, "workers", lambda: int(os.environ.get(parallel.ENV, "2")))


def export(lang: str = "en", variant: str | None = None) -> dict[str, bytes]:
    files = synth.build_txt(synth.apply_variant(synth.build_data(0, SIZES), variant), lang)
    return {name: text.encode() for name, text in files.items()}


def _dm(chats: int = 4, per_chat: int = 90) -> bytes:
    lines = ["2024-01-01 00:00:00 UTC nobody: before any header"]
    for c in range(chats):
        lines += [f">>> Chat History with friend_{c:05d}::", ""]
        for i in range(per_chat):
            lines.append(f"2024-01-01 {c:02d}:{i // 60:02d}:{i % 60:02d} UTC friend_{c}: hé {i}")
            if i % 17 == 0:
                lines.append("a continued line")
        lines.append("")
    lines.append(">>> Chat History with short::")
    lines.append("2024-01-02 03:04:05 UTC short: only one")
    return ("\r\n".join(lines) + "\r\n").encode()


def write(tmp_path: Path, blobs: dict[str, bytes]) -> Path:
    root = tmp_path / "export"
    for name, data in blobs.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    return root


def read(root: Path, workers: str, full: bool, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Everything a read gives, comparable with ``==``."""
    monkeypatch.setenv(parallel.ENV, workers)
    progress: list[tuple[int, int]] = []
    with open_export(root) as inp:
        result = ReadResult(platform="tiktok", layout="txt", format="txt")
        txt_reader.read_txt(inp.files, result, lambda d, n: progress.append((d, n)), full)
    return {
        "records": {
            t.__name__: [to_builtins(x) for x in recs] for t, recs in result.records.types()
        },
        "parts": {
            t.__name__: [
                (p.n, p.start, p.ref_base, sorted(p.cols))
                if isinstance(p, Columns)
                else ("list", len(p))
                for p in parts_of(recs)
            ]
            for t, recs in result.records.types()
        },
        "sections": list(result.sections.items()),
        "notes": result.notes,
        "unrecognized": [to_builtins(u) for u in result.unrecognized],
        "unreadable": [to_builtins(u) for u in result.unreadable],
        "present": sorted(result.present),
        "settings": result.settings,
        "progress": progress,
    }


def prepared(root: Path, full: bool = True) -> set[str]:
    """Names of the files read ahead of the walk."""
    with open_export(root) as inp:
        got = txt_reader._prepare(inp.files, full)
        return {inp.files[i].name for i in got}


def assert_same(root: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    for full in (True, False):
        two = read(root, "2", full, monkeypatch)
        one = read(root, "1", full, monkeypatch)
        assert two["records"] == one["records"]
        assert two == one
    return one


@pytest.mark.parametrize("lang", synth.LANGS)
def test_two_processes_read_exactly_what_one_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    blobs = export(lang)
    root = write(tmp_path, blobs)
    ahead = prepared(root)
    # every list read column-wise and the DM file are jobs; the others are read by the walk
    assert {WATCH, LOGIN, DM} <= ahead or lang != "en"
    assert len(ahead) >= 6
    assert "Tiktok/App Settings/Settings.txt" not in ahead
    one = assert_same(root, monkeypatch)
    assert any(kind == "list" for parts in one["parts"].values() for kind, *_ in parts)
    assert any(kind != "list" for parts in one["parts"].values() for kind, *_ in parts)


@pytest.mark.parametrize("variant", synth.VARIANTS)
def test_every_variant(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, variant: str) -> None:
    assert_same(write(tmp_path, export("en", variant)), monkeypatch)


def test_non_ascii_crlf_irregular_short_and_dm(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blobs = export()
    blobs[WATCH] = blobs[WATCH].replace(b"Link: ", "Link: é".encode())  # non-ASCII
    blobs[LOGIN] = blobs[LOGIN].replace(b"\n", b"\r\n")  # CRLF
    blobs[LIKES] = synth.irregular_watch_txt(
        900, 5
    ).encode()  # a table: unknown keys, continued lines
    blobs[SEARCH] = b"\n\n".join(blobs[SEARCH].split(b"\n\n")[:20])  # short: record by record
    blobs[DM] = _dm()  # CRLF, non-ASCII, continued lines, a short chat
    blobs["Tiktok/Activity/Hashtag.txt"] = b"   \n\n"  # empty
    root = write(tmp_path, blobs)
    assert {WATCH, LOGIN, LIKES, SEARCH, DM} <= prepared(root)
    one = assert_same(root, monkeypatch)
    assert any(u["kind"] == "key" for u in one["unrecognized"])


def test_a_file_whose_job_fails_is_read_by_the_walk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Invalid UTF-8, a BOM, UTF-16, NUL: the job gives no result, the walk reads the file
    (reporting it as a one-core read does)."""
    blobs = export()
    blobs[LIKES] += b"\xff\xfe broken"
    blobs[LOGIN] = b"\xef\xbb\xbf" + blobs[LOGIN]
    blobs[OFF] = blobs[OFF].decode().encode("utf-16")
    blobs[SEARCH] = blobs[SEARCH].replace(b"\n\n", b"\n\x00\n", 3)
    root = write(tmp_path, blobs)
    ahead = prepared(root)
    assert WATCH in ahead and DM in ahead
    assert not ahead & {LIKES, LOGIN, OFF, SEARCH}
    one = assert_same(root, monkeypatch)
    assert one["unreadable"] and any("NUL" in n for n in one["notes"])


def test_duplicate_lists_are_counted_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A list de-duplicated against an earlier one: the walk checks, and adds the note."""
    blobs = export()
    follower = blobs["Tiktok/Activity/Follower.txt"]
    blobs["Tiktok/Other/Followers.txt"] = follower
    blobs["Tiktok/Other/Volgers.txt"] = follower.replace(b"user_", b"usr_")
    blobs["Tiktok/Other/Off TikTok Activity.txt"] = blobs[OFF]
    root = write(tmp_path, blobs)
    assert {"Tiktok/Other/Followers.txt", "Tiktok/Other/Off TikTok Activity.txt"} <= prepared(root)
    one = assert_same(root, monkeypatch)
    assert sum("counted once" in n for n in one["notes"]) == 2


def test_one_core_or_too_little_work_reads_nothing_ahead(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write(tmp_path, export())
    monkeypatch.setenv(parallel.ENV, "1")
    assert prepared(root) == set()
    monkeypatch.setenv(parallel.ENV, "2")
    monkeypatch.setattr(parallel, "MIN_JOB_BYTES", 1 << 20)  # no file that big
    assert prepared(root) == set()


def _zip_of(path: Path, blobs: dict[str, bytes]) -> Path:
    import zipfile

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in blobs.items():
            zf.writestr(name, data)
    return path


def test_zip_members_read_ahead_through_their_own_handle(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Members of a zip on disk are read ahead, each job opening the archive again (a forked
    child must not move the parent's handle); the result is the one-core result."""
    blobs = export()
    blobs[DM] = _dm()
    path = _zip_of(tmp_path / "export.zip", blobs)
    assert {WATCH, LOGIN, DM} <= prepared(path)
    assert_same(path, monkeypatch)


def test_zip_member_that_fails_is_read_by_the_walk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A member that cannot be read again (here: invalid UTF-8; a nested zip's members have no
    handle of their own) is left to the walk, which reports it as before."""
    blobs = export()
    blobs[LOGIN] = blobs[LOGIN][:500] + b"\xff\xfe" + blobs[LOGIN][500:]
    path = _zip_of(tmp_path / "export.zip", blobs)
    assert LOGIN not in prepared(path) and WATCH in prepared(path)
    assert_same(path, monkeypatch)
    outer = _zip_of(tmp_path / "outer.zip", {"inner.zip": path.read_bytes()})
    assert prepared(outer) == set()


def test_the_audit_report_is_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = write(tmp_path, export())

    def audit(workers: str) -> dict[str, Any]:
        monkeypatch.setenv(parallel.ENV, workers)
        report = jsonreport.to_dict(run_audit(root))
        report.pop("generated_at")
        return report

    assert audit("2") == audit("1")


def test_a_capture_refuses_what_it_cannot_replay() -> None:
    def second_check(ctx: SectionContext) -> None:
        ctx.duplicate_of("x", "a/List", [])
        ctx.duplicate_of("x", "b/List", [])

    def settings(ctx: SectionContext) -> None:
        ctx.result.settings["k"] = "v"

    def check_after_notes(ctx: SectionContext) -> None:
        ctx.result.notes.append("a note")
        ctx.duplicate_of("x", "a/List", [])

    def extra_counts(ctx: SectionContext) -> None:
        ctx.result.extra_counts["advertisers"] = 3

    def new_state(ctx: SectionContext) -> None:
        ctx.something_new = 1  # type: ignore[attr-defined]

    for read in (second_check, settings, check_after_notes, extra_counts, new_state):
        with pytest.raises(txt_parallel.Surprise):
            txt_parallel.capture(read, True)
    added = txt_parallel.capture(lambda ctx: ctx.duplicate_of("x", "a/List", []), False)
    assert added.dedupe == ("x", "a/List") and not added.records


@pytest.fixture
def small_slices(monkeypatch: pytest.MonkeyPatch) -> None:
    """Lists cut in many slices and runs, chunks of a few blocks."""
    monkeypatch.setattr(txt_reader, "SLICE", 5000)  # (watch history: ~90 records a slice)
    monkeypatch.setattr(txt_reader, "BATCH", 70)
    monkeypatch.setattr(txt_tokens, "CHUNK", 700)


def _odd_export() -> dict[str, bytes]:
    blobs = export()
    watch = blobs[WATCH].decode()
    watch = re.sub(
        r"Link: [^\n]*", lambda m: "Link: N/A" if hash(m.group()) % 7 == 0 else m.group(), watch
    )
    blobs[WATCH] = watch.replace(
        "Link: https://www.tiktokv.com/share/video/7", "Link: é/7"
    ).encode()
    blobs[LOGIN] = blobs[LOGIN].replace(b"\n", b"\r\n")
    blobs[LIKES] = synth.irregular_watch_txt(900, 5).encode()
    blobs[DM] = _dm()
    blocks = blobs[SEARCH].split(b"\n\n")  # short (read record by record) over 3 slices
    blobs[SEARCH] = b"\n\n".join(blocks[:30]) + b"\n\n" + b"\n" * 6000
    blocks = blobs[FAVORITES].split(b"\n\n")  # short, with video links, over 4 slices
    blobs[FAVORITES] = (b"\n" * 250).join(blocks[:40])
    return blobs


@pytest.mark.usefixtures("small_slices")
def test_lists_in_slices_read_exactly_what_one_core_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Slices of one list read apart (some by the child, some by the parent) give the runs,
    refs, counts and unknown keys of one read; sent packed or not."""
    monkeypatch.setattr(txt_parallel, "PACK_MIN", 16)  # (the child is forked: it sees this)
    root = write(tmp_path, _odd_export())
    with open_export(root) as inp:
        got = txt_reader._prepare(inp.files, True)
        sliced = {inp.files[i].name: p for i, p in got.items() if isinstance(p, list)}
    assert min(len(sliced.get(name, ())) for name in (WATCH, LIKES)) >= 3
    # their slices are taken as they are (a first slice of 64 records or more)
    assert all(sum(sliced[name][0].sections.values()) >= 64 for name in (WATCH, LIKES))
    one = assert_same(root, monkeypatch)
    watch = [p for p in one["parts"]["ActivityEvent"] if p[0] != "list"]
    assert len(watch) > 20 and any(p[1] for p in watch)  # runs cut at slices, not from 0


@pytest.mark.usefixtures("small_slices")
def test_slicing_gives_the_reference_records(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A list read slice by slice (one core) is still exactly what the reference reads."""
    root = write(tmp_path, _odd_export())
    monkeypatch.setenv(parallel.ENV, "1")
    with open_export(root) as inp:
        new = ReadResult(platform="tiktok", layout="txt", format="txt")
        txt_reader.read_txt(inp.files, new, no_progress)
        ref = ReadResult(platform="tiktok", layout="txt", format="txt")
        txt_reference.read_txt(inp.files, ref, no_progress)
    assert (new.sections, new.notes, new.unrecognized) == (
        ref.sections,
        ref.notes,
        ref.unrecognized,
    )
    for (t, a), (_, b) in zip(new.records.types(), ref.records.types(), strict=True):
        assert [to_builtins(x) for x in a] == [to_builtins(x) for x in b], t.__name__


@pytest.mark.usefixtures("small_slices")
def test_slices_that_fail_short_lists_and_duplicates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A slice that fails (invalid UTF-8 in the middle), a list in slices short enough to be
    read record by record, a list in slices that repeats another: the walk decides as one
    core would."""
    blobs = export()
    middle = len(blobs[WATCH]) // 2
    blobs[WATCH] = blobs[WATCH][:middle] + b"\xff" + blobs[WATCH][middle:]
    blocks = blobs[SEARCH].split(b"\n\n")
    blobs[SEARCH] = b"\n\n".join(blocks[:30]) + b"\n\n" + b"\n" * 6000  # 30 records, 3 slices
    follower = blobs["Tiktok/Activity/Follower.txt"]
    blobs["Tiktok/Other/Followers.txt"] = follower
    monkeypatch.setattr(txt_reader, "SLICE", 300)
    root = write(tmp_path, blobs)
    with open_export(root) as inp:
        got = txt_reader._prepare(inp.files, True)
        names = {inp.files[i].name: p for i, p in got.items()}
    assert WATCH not in names  # one slice failed: the walk reads the file
    assert isinstance(names[SEARCH], list) and isinstance(names["Tiktok/Other/Followers.txt"], list)
    one = assert_same(root, monkeypatch)
    assert (SEARCH + "/SearchList", 30) in one["sections"] or any(
        p == (SEARCH, 30) for p in one["sections"]
    ), one["sections"]
    assert any(kind == "list" for kind, *_ in one["parts"]["ActivityEvent"])  # record by record
    assert sum("counted once" in n for n in one["notes"]) == 1


@pytest.mark.usefixtures("small_slices")
def test_slicing_changes_no_record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One core, with and without ``audit --json``'s lean read: slices give the records of a
    whole-file read (only where runs are cut differs)."""
    root = write(tmp_path, _odd_export())
    for full in (True, False):
        sliced = read(root, "1", full, monkeypatch)
        monkeypatch.setattr(txt_reader, "SLICE", 1 << 30)
        whole = read(root, "1", full, monkeypatch)
        monkeypatch.setattr(txt_reader, "SLICE", 5000)
        assert sliced["parts"] != whole["parts"]
        sliced.pop("parts"), whole.pop("parts")
        assert sliced == whole


def test_partition_leaves_the_child_room_to_send_its_results() -> None:
    jobs = [parallel.Job(f"j{i}", size, int) for i, size in enumerate([50, 30, 20, 10, 10])]
    _, theirs = parallel.partition(jobs)
    assert [j.key for j in theirs] == ["j0", "j3"]  # (no allowance: 60 / 60)
    _, theirs = parallel.partition(jobs, child_extra=15)
    assert [j.key for j in theirs] == ["j1", "j2"]  # 50 (+ 15 to send) / 70
