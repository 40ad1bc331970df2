"""Fixtures for the dashboard tests: a live uvicorn server on a free loopback port (in a
thread, stopped at teardown), an httpx client carrying the token cookie, and audited exports."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from privacyscope.sources.tiktok import synth
from privacyscope.web.app import create_app

TOKEN = "test-token-" + "t" * 20


@dataclass
class Live:
    url: str
    port: int
    token: str
    data_dir: Path
    server: uvicorn.Server
    thread: threading.Thread

    def client(self, authed: bool = True) -> httpx.Client:
        cookies = {f"privacyscope_{self.port}": self.token} if authed else {}
        return httpx.Client(base_url=self.url, cookies=cookies, timeout=30, follow_redirects=False)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)


def start_live(data_dir: Path, max_upload_bytes: int = 64 * 1024 * 1024) -> Live:
    app = create_app(data_dir, TOKEN, max_upload_bytes)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [sock]}, daemon=True, name=f"uvicorn-{port}"
    )
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("test server did not start")
        time.sleep(0.02)
    return Live(f"http://127.0.0.1:{port}", port, TOKEN, data_dir, server, thread)


@pytest.fixture(scope="session")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    srv = start_live(tmp_path_factory.mktemp("web-data"))
    yield srv
    srv.stop()


@pytest.fixture(scope="session")
def exports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("exports")
    return {form: synth.generate(root / form, form=form) for form in ("zip", "folder", "json")}


def upload(client: httpx.Client, path: Path, name: str | None = None) -> str:
    """Upload a file or folder through the API, start the audit, return its id."""
    files = (
        [(p.relative_to(path.parent).as_posix(), p) for p in sorted(path.rglob("*")) if p.is_file()]
        if path.is_dir()
        else [(path.name, path)]
    )
    total = sum(p.stat().st_size for _, p in files)
    r = client.post("/api/audits", json={"name": name or path.name, "bytes": total})
    assert r.status_code == 201, r.text
    audit_id: str = r.json()["id"]
    for rel, p in files:
        r = client.put(
            f"/api/audits/{audit_id}/files", params={"path": rel}, content=p.read_bytes()
        )
        assert r.status_code == 200, r.text
    r = client.post(f"/api/audits/{audit_id}/start")
    assert r.status_code == 202, r.text
    return audit_id


def wait_done(client: httpx.Client, audit_id: str, timeout: float = 60) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        st: dict[str, Any] = client.get(f"/api/audits/{audit_id}/status").json()
        if st["phase"] in ("done", "error"):
            return st
        if time.monotonic() > deadline:
            raise AssertionError(f"audit did not finish: {st}")
        time.sleep(0.1)


@pytest.fixture(scope="session")
def audited(live: Live, exports: dict[str, Path]) -> str:
    with live.client() as c:
        audit_id = upload(c, exports["zip"])
        st = wait_done(c, audit_id)
    assert st["phase"] == "done", st
    return audit_id
