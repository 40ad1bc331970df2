"""Bad input ends with one line on stderr, exit code 2, no traceback, nothing written."""

from __future__ import annotations

import codecs
import hashlib
import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from privacyscope.cli import main
from privacyscope.sources.tiktok import synth


def run_main(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exc:
        main(args)
        raise SystemExit(0)
    out, err = capsys.readouterr()
    return int(exc.value.code or 0), out, err


def _valid_json_bytes() -> bytes:
    return json.dumps(synth.build_json(synth.build_data(), "g4"), indent=2).encode()


def _cases(tmp: Path) -> dict[str, tuple[Path, str]]:
    """name -> (input path, a fragment the one-line error must contain)."""
    c: dict[str, tuple[Path, str]] = {}

    def f(name: str, data: bytes, expect: str) -> None:
        p = tmp / name
        p.write_bytes(data)
        c[name] = (p, expect)

    valid = _valid_json_bytes()
    f("not_tiktok.json", b'{"hello": "world", "items": [1, 2]}', "not an export")
    f("user_data.json", b'{"Activity": {"Login History": ', "line 1, column")
    f("broken.json", b'{\n  "Activity": {\n    "x": [1, 2,,]\n  }\n}', "line 3, column")
    f("truncated_user_data_tiktok.json", valid[: len(valid) // 2], "truncated")
    f("array_top_user_data.json", b'[{"Activity": {}}]', "JSON object at the top")
    f("bad_utf8_user_data.json", b'{"Activity": "\xff\xfe\xfa"}', "not valid UTF-8")
    f("empty.json", b"", "empty file")
    f("not_a_zip.zip", b"this is not a zip at all", "not a zip")
    f("nul_user_data.json", b'{"Activity":\x00 {}}', "NUL byte")
    empty_zip = tmp / "empty.zip"
    with zipfile.ZipFile(empty_zip, "w"):
        pass
    c["empty.zip"] = (empty_zip, "empty zip")
    truncated_zip = tmp / "truncated.zip"
    good = tmp / "good.zip"
    with zipfile.ZipFile(good, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("user_data_tiktok.json", valid)
    truncated_zip.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    c["truncated.zip"] = (truncated_zip, "zip")
    empty_dir = tmp / "empty_dir"
    empty_dir.mkdir()
    c["empty_dir"] = (empty_dir, "empty folder")
    c["missing"] = (tmp / "does-not-exist.zip", "no such file")
    return c


CASE_NAMES = [
    "not_tiktok.json",
    "user_data.json",
    "broken.json",
    "truncated_user_data_tiktok.json",
    "array_top_user_data.json",
    "bad_utf8_user_data.json",
    "empty.json",
    "not_a_zip.zip",
    "nul_user_data.json",
    "empty.zip",
    "truncated.zip",
    "empty_dir",
    "missing",
]


@pytest.mark.parametrize("name", CASE_NAMES)
def test_bad_input_one_line_exit_2(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, expect = _cases(tmp_path)[name]
    out_dir = tmp_path / "out"
    code, _, err = run_main(["audit", str(path), "--out", str(out_dir), "-q"], capsys)
    assert code == 2, err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("privacyscope: error: ")
    assert expect.lower() in lines[0].lower()
    assert path.name in lines[0] or name == "missing"
    assert "Traceback" not in err
    assert not out_dir.exists()  # nothing written half-way


def test_broken_json_names_line_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, _ = _cases(tmp_path)["broken.json"]
    code, _, err = run_main(["audit", str(path), "--no-files"], capsys)
    assert code == 2
    assert "broken.json (line 3, column" in err


def test_utf16_and_bom_are_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    valid = _valid_json_bytes().decode()
    for name, data in (
        ("bom", codecs.BOM_UTF8 + valid.encode()),
        ("utf16", valid.encode("utf-16")),
    ):
        p = tmp_path / f"user_data_tiktok_{name}.json"
        p.write_bytes(data)
        code, _, err = run_main(
            ["audit", str(p), "--json", str(tmp_path / f"{name}.json"), "-q"], capsys
        )
        assert code == 0, err
        counts = json.loads((tmp_path / f"{name}.json").read_text())["counts"]
        assert counts["logins"] == 37


def test_zip_with_unsafe_members_reports_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    z = tmp_path / "hostile.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("user_data_tiktok.json", _valid_json_bytes())
        zf.writestr("../../evil.txt", b"x")
        zf.writestr("/abs/evil.txt", b"x")
    code, _, err = run_main(["audit", str(z), "--json", str(tmp_path / "r.json"), "-q"], capsys)
    assert code == 0, err
    report = json.loads((tmp_path / "r.json").read_text())
    reasons = {u["path"]: u["reason"] for u in report["unreadable"]}
    assert any("unsafe path" in r for r in reasons.values())
    assert not (tmp_path.parent / "evil.txt").exists()


def test_input_is_byte_identical_after_audit(
    tiktok_export: Callable[..., Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for form in ("zip", "folder", "json"):
        path = tiktok_export("g3", form)
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        before = {
            str(p): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
            for p in files
        }
        code, _, err = run_main(["audit", str(path), "--out", str(tmp_path / form), "-q"], capsys)
        assert code == 0, err
        after = {
            str(p): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
            for p in files
        }
        assert before == after
        if path.is_dir():
            assert sorted(p for p in path.rglob("*") if p.is_file()) == files
