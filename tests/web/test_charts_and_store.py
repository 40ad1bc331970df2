"""Unit tests: timeline bucketing, settings checklist, data dir, recovery, CLI."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from privacyscope.model import Setting
from privacyscope.web.charts import timeline
from privacyscope.web.checklist import checklist
from privacyscope.web.config import default_data_dir
from privacyscope.web.security import host_ok
from privacyscope.web.store import AuditStore


def _days(n: int, step: int = 1) -> dict[str, int]:
    d0 = date(2020, 1, 1)
    return {(d0 + timedelta(days=i * step)).isoformat(): 1 for i in range(n)}


@pytest.mark.parametrize(
    ("days", "step", "unit"), [(30, 1, "day"), (300, 3, "week"), (400, 30, "month")]
)
def test_timeline_buckets_long_periods(days: int, step: int, unit: str) -> None:
    svg, got = timeline({"watch": _days(days, step)}, ["watch"])
    assert got == unit
    assert svg.count("<rect") <= 450
    assert svg.count("<rect") >= 1


def test_timeline_empty_and_escaped() -> None:
    svg, _ = timeline({}, ["watch"])
    assert "No dated activity" in svg
    svg, _ = timeline({"<b>": {"2024-01-01": 2}}, ["<b>"])
    assert "&lt;b&gt;" in svg and "<b>" not in svg


def test_checklist_states_and_howto() -> None:
    settings = [
        Setting(
            ref="s1",
            key="Private Account",
            value="Disabled",
            meaning="account_private",
            normalized="off",
        ),
        Setting(
            ref="s2",
            key="Personalized Ads",
            value="Disabled",
            meaning="personalized_ads",
            normalized="off",
        ),
        Setting(ref="s3", key="Odd", value="??", meaning="downloads", normalized=None),
        Setting(ref="s4", key="App Language", value="English"),
    ]
    rows = {r["meaning"]: r for r in checklist(settings, [], "tiktok")}
    assert set(rows) == {"account_private", "personalized_ads", "downloads"}
    assert rows["account_private"]["state"] == "change"
    assert rows["account_private"]["recommended"] == "on"
    assert rows["personalized_ads"]["state"] == "ok"
    assert rows["downloads"]["state"] == "unknown"
    assert "Privacy" in rows["account_private"]["howto"]


def test_data_dir_respects_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert default_data_dir() == tmp_path / "privacyscope"
    monkeypatch.setenv("XDG_DATA_HOME", "relative/ignored")
    assert default_data_dir() == Path.home() / ".local" / "share" / "privacyscope"
    monkeypatch.delenv("XDG_DATA_HOME")
    assert default_data_dir() == Path.home() / ".local" / "share" / "privacyscope"


def test_recover_marks_interrupted_audits(tmp_path: Path) -> None:
    store = AuditStore(tmp_path)
    meta = store.create("half.zip")
    (store.upload_dir(meta["id"]) / "half.zip").write_bytes(b"PK")
    store.recover()
    again = store.get(meta["id"])
    assert again is not None and again["state"] == "error" and "interrupted" in again["error"]
    assert not store.upload_dir(meta["id"]).exists()
    with pytest.raises(KeyError):
        store.folder("../../etc")


@pytest.mark.parametrize(
    ("host", "ok"),
    [
        ("127.0.0.1:8765", True),
        ("localhost", True),
        ("LOCALHOST:1", True),
        ("evil.example", False),
        ("127.0.0.1.evil.example", False),
        ("", False),
        ("127.0.0.1:x", False),
        ("[::1]:80", False),
    ],
)
def test_host_check(host: str, ok: bool) -> None:
    assert host_ok(host, ("127.0.0.1", "localhost")) is ok


def test_serve_help_and_port_in_use(tmp_path: Path) -> None:
    import socket

    from privacyscope.web.cli import serve

    runner = CliRunner()
    result = runner.invoke(serve, ["--help"])
    assert result.exit_code == 0 and "--no-browser" in result.output
    assert "--max-upload-mb" in result.output and "--data-dir" in result.output
    busy = socket.socket()
    busy.bind(("127.0.0.1", 0))
    busy.listen(1)
    try:
        port = busy.getsockname()[1]
        result = runner.invoke(
            serve, ["--port", str(port), "--no-browser", "--data-dir", str(tmp_path / "unused")]
        )
        assert result.exit_code != 0 and "cannot listen" in result.output
        assert not (tmp_path / "unused").exists()
    finally:
        busy.close()


def test_serve_command_end_to_end(tmp_path: Path) -> None:
    """The real command: prints a tokened URL on 127.0.0.1; 403 without it; stops cleanly."""
    import re
    import subprocess
    import sys

    import httpx

    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "privacyscope",
            "serve",
            "--port",
            "0",
            "--no-browser",
            "--data-dir",
            str(tmp_path / "data"),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        m = re.search(r"(http://127\.0\.0\.1:(\d+))/\?token=([\w-]+)", line)
        assert m, line
        base, token = m.group(1), m.group(3)
        for _ in range(100):
            try:
                r = httpx.get(base + "/", timeout=2)
                break
            except httpx.TransportError:
                import time

                time.sleep(0.05)
        assert r.status_code == 403
        r = httpx.get(f"{base}/?token={token}", follow_redirects=True, timeout=5)
        assert r.status_code == 200 and "upload-form" in r.text
        assert (tmp_path / "data" / "audits").is_dir()
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
