"""Hostile and broken input (issue #3): a clean audit or a one-line error, never a traceback.

Every input is generated at test time. Each case checks the exit code, the single error line
naming the file, that nothing is written outside the output folder and that no temporary
file is left behind.
"""

from __future__ import annotations

import io
import json
import os
import stat
import struct
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from privacyscope import inputs
from privacyscope.cli import main
from privacyscope.sources.tiktok import json_reader, parallel, synth


@pytest.fixture(params=["read", "mmap", "check-apart"])
def mapped(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run the test with the export read into memory, memory-mapped (big files), and mapped
    with its UTF-8 / NUL check in a forked process while the parent splits it (big files)."""
    if request.param in ("mmap", "check-apart"):
        monkeypatch.setattr(inputs, "MMAP_MIN_BYTES", 0)
    if request.param == "check-apart":
        monkeypatch.setattr(json_reader, "CHECK_APART_BYTES", 0)
        monkeypatch.setattr(parallel, "workers", lambda: 2)  # fork even on one core
    return str(request.param)


def _valid() -> bytes:
    return json.dumps(synth.build_json(synth.build_data(), "g4"), indent=2).encode()


def _zip(path: Path, members: dict[str, bytes], **kw: object) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def _patch_central(path: Path, member: str, offset: int, fmt: str, value: int) -> None:
    """Overwrite a field of one member's central directory entry."""
    data = bytearray(path.read_bytes())
    pos = data.rfind(b"PK\x01\x02" + b"", 0)
    while pos >= 0:
        n = struct.unpack_from("<H", data, pos + 28)[0]
        if data[pos + 46 : pos + 46 + n].decode() == member:
            struct.pack_into(fmt, data, pos + offset, value)
            break
        pos = data.rfind(b"PK\x01\x02", 0, pos)
    path.write_bytes(bytes(data))


@pytest.fixture
def run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Callable[..., tuple[int, str, Path]]:
    private_tmp = tmp_path / "tmpdir"
    private_tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(private_tmp))
    monkeypatch.setenv("TMPDIR", str(private_tmp))

    def go(path: Path, *extra: str) -> tuple[int, str, Path]:
        out = tmp_path / "out"
        before = sorted(p.name for p in tmp_path.iterdir())
        with pytest.raises(SystemExit) as exc:
            main(["audit", str(path), "--json", str(out / "r.json"), "-q", *extra])
            raise SystemExit(0)
        err = capsys.readouterr().err
        assert "Traceback" not in err
        assert list(private_tmp.iterdir()) == []  # no temporary file left behind
        after = sorted(p.name for p in tmp_path.iterdir())
        assert set(after) - set(before) <= {"out"}  # nothing written outside the output path
        return int(exc.value.code or 0), err, out

    return go


def _one_line(code: int, err: str, name: str, fragment: str) -> None:
    assert code == 2, err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert name in lines[0] and fragment.lower() in lines[0].lower(), lines[0]


def _report(out: Path) -> dict:  # type: ignore[type-arg]
    return json.loads((out / "r.json").read_bytes())  # type: ignore[no-any-return]


# -- zip bombs and hostile archives ---------------------------------------------------------
def test_zip_bomb_ratio_is_skipped_and_reported(tmp_path: Path, run: Callable) -> None:  # type: ignore[type-arg]
    z = _zip(
        tmp_path / "bomb.zip", {"user_data_tiktok.json": _valid(), "big.bin": b"\0" * (8 << 20)}
    )
    code, err, out = run(z)
    assert code == 0, err
    assert any("zip bomb" in u["reason"] for u in _report(out)["unreadable"])


def test_declared_size_limit_and_member_count(
    tmp_path: Path,
    run: Callable,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[type-arg]
) -> None:
    from privacyscope import inputs

    z = _zip(tmp_path / "many.zip", {f"f{i}.txt": b"x" for i in range(50)})
    monkeypatch.setattr(inputs, "MAX_MEMBERS", 10)
    code, err, _ = run(z)
    _one_line(code, err, "many.zip", "limit 10")


def test_lying_declared_size_is_caught(tmp_path: Path, run: Callable) -> None:  # type: ignore[type-arg]
    z = _zip(tmp_path / "liar.zip", {"user_data_tiktok.json": _valid()})
    _patch_central(z, "user_data_tiktok.json", 24, "<I", 100)  # declared uncompressed size
    code, err, _ = run(z)
    assert code == 2 and len(err.strip().splitlines()) == 1, err
    assert "liar.zip" in err or "user_data_tiktok.json" in err


def test_nested_zips_one_level_only(tmp_path: Path, run: Callable) -> None:  # type: ignore[type-arg]
    inner2 = io.BytesIO()
    with zipfile.ZipFile(inner2, "w") as zf:
        zf.writestr("deep.json", b"{}")
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as zf:
        zf.writestr("user_data_tiktok.json", _valid())
        zf.writestr("level2.zip", inner2.getvalue())
    z = _zip(tmp_path / "nested.zip", {"part1.zip": inner.getvalue()})
    code, err, out = run(z)
    assert code == 0, err
    assert any("nested more than one level" in u["reason"] for u in _report(out)["unreadable"])


def test_unsafe_symlink_and_encrypted_members(tmp_path: Path, run: Callable) -> None:  # type: ignore[type-arg]
    z = tmp_path / "evil.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("user_data_tiktok.json", _valid())
        zf.writestr("../../escape.txt", b"x")
        zf.writestr("/etc/abs.txt", b"x")
        link = zipfile.ZipInfo("link.json")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(link, "/etc/passwd")
        zf.writestr("secret.json", b"{}")
    _patch_central(z, "secret.json", 8, "<H", 0x1)  # encrypted flag
    code, err, out = run(z)
    assert code == 0, err
    reasons = " ".join(u["reason"] for u in _report(out)["unreadable"])
    for word in ("unsafe path", "symbolic link", "encrypted"):
        assert word in reasons
    assert not (tmp_path.parent / "escape.txt").exists()


def test_unknown_compression_and_corrupt_deflate(tmp_path: Path, run: Callable) -> None:  # type: ignore[type-arg]
    z = _zip(tmp_path / "method.zip", {"user_data_tiktok.json": _valid()})
    _patch_central(z, "user_data_tiktok.json", 10, "<H", 99)
    code, err, _ = run(z)
    _one_line(code, err, "", "zip")
    z2 = _zip(tmp_path / "corrupt.zip", {"user_data_tiktok.json": _valid()})
    data = bytearray(z2.read_bytes())
    data[200:260] = os.urandom(60)
    z2.write_bytes(bytes(data))
    code, err, _ = run(z2)
    assert code == 2 and len(err.strip().splitlines()) == 1 and "zip" in err.lower(), err


def test_truncated_and_fake_zip(tmp_path: Path, run: Callable) -> None:  # type: ignore[type-arg]
    z = _zip(tmp_path / "t.zip", {"user_data_tiktok.json": _valid()})
    z.write_bytes(z.read_bytes()[:-40])
    code, err, _ = run(z)
    _one_line(code, err, "t.zip", "zip")
    fake = tmp_path / "fake.zip"
    fake.write_bytes(b"PK\x03\x04 not really")
    code, err, _ = run(fake)
    _one_line(code, err, "fake.zip", "zip")


# -- hostile JSON ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "make", "fragment"),
    [
        (
            "deep_user_data.json",
            lambda: b'{"Activity": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
            "deep",
        ),
        ("trailing_user_data.json", lambda: b'{"Activity": {"Login History": {},}}', "line 1"),
        ("trunc_user_data.json", lambda: _valid()[:5000], "truncated"),
        ("badutf8_user_data.json", lambda: _valid()[:300] + b"\xc3\x28" + _valid()[300:], "utf-8"),
        ("nul_user_data.json", lambda: _valid()[:100] + b"\0" + _valid()[100:], "NUL"),
        ("array_user_data.json", lambda: b"[" + _valid() + b"]", "JSON object at the top"),
        (
            "other_platform.json",
            lambda: b'{"account": {"username": "x"}, "tweets": []}',
            "not an export",
        ),
    ],
)
@pytest.mark.usefixtures("mapped")
def test_hostile_json(
    tmp_path: Path,
    run: Callable,
    name: str,
    make: Callable[[], bytes],
    fragment: str,  # type: ignore[type-arg]
) -> None:
    p = tmp_path / name
    p.write_bytes(make())
    code, err, _ = run(p)
    _one_line(code, err, name, fragment)


@pytest.mark.usefixtures("mapped")
def test_utf16_bom_and_crlf(tmp_path: Path, run: Callable) -> None:  # type: ignore[type-arg]
    for name, data in (
        ("u16_user_data_tiktok.json", _valid().decode().encode("utf-16")),
        ("bom_user_data_tiktok.json", b"\xef\xbb\xbf" + _valid()),
        ("crlf_user_data_tiktok.json", _valid().replace(b"\n", b"\r\n")),
    ):
        p = tmp_path / name
        p.write_bytes(data)
        code, err, out = run(p)
        assert code == 0, (name, err)
        assert _report(out)["counts"]["logins"] == 37


@pytest.mark.slow
@pytest.mark.usefixtures("mapped")
def test_500mb_single_string(tmp_path: Path, run: Callable) -> None:  # type: ignore[type-arg]
    p = tmp_path / "huge_user_data_tiktok.json"
    with open(p, "wb") as fh:
        fh.write(b'{"Activity": {"Login History": {"LoginHistoryList": [{"Date": "')
        chunk = b"a" * (1 << 24)
        for _ in range(30):  # ~500 MB
            fh.write(chunk)
        fh.write(b'"}]}}, "Comment": {}}')
    code, err, out = run(p)
    assert code == 0, err
    assert _report(out)["counts"]["logins"] == 1


@pytest.mark.usefixtures("mapped")
def test_partly_readable_export_reports_the_rest(tmp_path: Path, run: Callable) -> None:  # type: ignore[type-arg]
    top = synth.build_json(synth.build_data(), "g4")
    top["Your Activity"]["Login History"] = {"LoginHistoryList": "not a list"}
    top["Your Activity"]["Watch History"] = {"VideoList": [{"Date": 5, "Link": None}, 7]}
    p = tmp_path / "user_data_tiktok.json"
    p.write_bytes(json.dumps(top).encode())
    code, err, out = run(p)
    assert code == 0, err
    rep = _report(out)
    assert rep["unrecognized"], "the unexpected shapes must be listed"
    login = next(f for f in rep["findings"] if f["id"].startswith("logins"))
    assert login["status"] != "absent" or rep["unrecognized"]


def test_impossible_dates_in_a_long_list(tmp_path: Path, run: Callable) -> None:  # type: ignore[type-arg]
    """A bad date among thousands once crashed the interpreter (numpy's datetime64 cast)."""
    top = synth.build_json(synth.build_data(), "g4")
    watch = [{"Date": f"2024-03-{1 + i % 28:02d} 10:00:00", "Link": "x"} for i in range(3000)]
    bad = ("2024-02-30 10:00:00", "2024-01-01 24:61:00")
    watch[1700:1700] = [{"Date": d, "Link": "x"} for d in bad]
    top["Your Activity"]["Watch History"] = {"VideoList": watch}
    p = tmp_path / "user_data_tiktok.json"
    p.write_bytes(json.dumps(top).encode())
    code, err, out = run(p)
    assert code == 0, err
    assert _report(out)["counts"]["watch_history"] == 3002


# -- TXT and empty input -----------------------------------------------------------------------
def test_txt_garbage_crlf_and_unknown_language(tmp_path: Path, run: Callable) -> None:  # type: ignore[type-arg]
    d = tmp_path / "txt"
    for name, text in synth.build_txt(synth.build_data()).items():
        f = d / name
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_bytes(text.replace("\n", "\r\n").encode())
    (d / "Tiktok/Activity/Garbage.txt").write_bytes(os.urandom(4096))
    (d / "Tiktok/Activity/Unknown.txt").write_text("Datum: 2024-01-01 00:00:00\nSchlüssel: Wert\n")
    code, err, out = run(d)
    assert code == 0, err
    assert _report(out)["counts"]["logins"] == 37


def test_empty_file_and_folder(tmp_path: Path, run: Callable) -> None:  # type: ignore[type-arg]
    e = tmp_path / "empty.json"
    e.write_bytes(b"")
    code, err, _ = run(e)
    _one_line(code, err, "empty.json", "empty")
    folder = tmp_path / "emptydir"
    folder.mkdir()
    code, err, _ = run(folder)
    _one_line(code, err, "emptydir", "empty")


@pytest.mark.usefixtures("mapped")
def test_input_unchanged_after_audit(tmp_path: Path, run: Callable) -> None:  # type: ignore[type-arg]
    import hashlib

    z = synth.generate(tmp_path / "in", layout="g4")
    before = hashlib.sha256(z.read_bytes()).hexdigest(), z.stat().st_mtime_ns
    code, err, _ = run(z)
    assert code == 0, err
    assert (hashlib.sha256(z.read_bytes()).hexdigest(), z.stat().st_mtime_ns) == before


def test_zip_member_without_a_name(tmp_path: Path, run: Callable) -> None:  # type: ignore[type-arg]
    """Fuzzing found zipfile raising IndexError for a member whose name is empty."""
    z = _zip(tmp_path / "noname.zip", {"user_data_tiktok.json": _valid(), "x": b"data"})
    data = bytearray(z.read_bytes())
    cd = data.rfind(b"PK\x01\x02")  # the last central directory entry: "x"
    struct.pack_into("<HH", data, cd + 28, 0, 1)  # name length 0; the "x" becomes extra data
    local = struct.unpack_from("<I", data, cd + 42)[0]
    struct.pack_into("<HH", data, local + 26, 0, 1)
    z.write_bytes(bytes(data))
    code, err, out = run(z)
    assert code == 0, err
    assert any("without a name" in u["reason"] for u in _report(out)["unreadable"])
