"""Upload size limit (enforced while streaming), path sanitising, bad input, folder/JSON."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path, PurePosixPath

import pytest

from privacyscope.web.uploads import UploadRejected, prepare_target, safe_relpath

from .conftest import Live, start_live, upload, wait_done

BAD_PATHS = [
    "",
    "../x.json",
    "a/../../x.json",
    "/etc/passwd",
    "C:/x.json",
    "C:\\x.json",
    "a\\..\\..\\x.json",
    "a//b.json",
    "./x.json",
    "a/./b.json",
    "x\x00.json",
    "~/x.json",
    "a/" + "b" * 300,
    "/".join(["d"] * 40),
]


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    srv = start_live(tmp_path_factory.mktemp("small-data"), max_upload_bytes=1000)
    yield srv
    srv.stop()


def _uploads(srv: Live) -> list[Path]:
    return [p for p in (srv.data_dir / "audits").rglob("upload/*")]


def test_announced_size_over_limit_refused(small: Live) -> None:
    with small.client() as c:
        r = c.post("/api/audits", json={"name": "big.zip", "bytes": 5000})
        assert r.status_code == 413


def test_content_length_over_limit_refused(small: Live) -> None:
    with small.client() as c:
        audit_id = c.post("/api/audits", json={"name": "a"}).json()["id"]
        r = c.put(f"/api/audits/{audit_id}/files", params={"path": "a.json"}, content=b"x" * 5000)
        assert r.status_code == 413
        assert not (small.data_dir / "audits" / audit_id / "upload").exists()
        assert c.get(f"/api/audits/{audit_id}/status").json()["phase"] == "error"


def test_streamed_body_over_limit_stops_while_streaming(small: Live) -> None:
    sent: list[int] = []

    def body() -> Iterator[bytes]:
        for _ in range(50):
            sent.append(1)
            yield b"y" * 100

    with small.client() as c:
        audit_id = c.post("/api/audits", json={"name": "b"}).json()["id"]
        r = c.put(f"/api/audits/{audit_id}/files", params={"path": "b.json"}, content=body())
        assert r.status_code == 413
        folder = small.data_dir / "audits" / audit_id
        assert not any(folder.rglob("b.json"))


def test_total_of_several_files_counts(small: Live) -> None:
    with small.client() as c:
        audit_id = c.post("/api/audits", json={"name": "c"}).json()["id"]
        url = f"/api/audits/{audit_id}/files"
        assert c.put(url, params={"path": "d/1.json"}, content=b"1" * 600).status_code == 200
        assert c.put(url, params={"path": "d/2.json"}, content=b"2" * 600).status_code == 413


@pytest.mark.parametrize("bad", BAD_PATHS)
def test_bad_paths_rejected(live: Live, bad: str) -> None:
    with pytest.raises(UploadRejected):
        safe_relpath(bad)
    with live.client() as c:
        audit_id = c.post("/api/audits", json={"name": "p"}).json()["id"]
        r = c.put(f"/api/audits/{audit_id}/files", params={"path": bad}, content=b"{}")
        assert r.status_code == 400
        folder = live.data_dir / "audits" / audit_id / "upload"
        assert list(folder.iterdir()) == []
    assert not (live.data_dir.parent / "x.json").exists()


@pytest.mark.parametrize(
    "good",
    [
        "user_data_tiktok.json",
        "TikTok Data/Activity/Login History.txt",
        "dossier/données.json",
        "a\\b.json",
    ],
)
def test_good_paths_accepted(good: str) -> None:
    assert safe_relpath(good) == PurePosixPath(good.replace("\\", "/"))


def test_symlink_in_upload_folder_not_followed(tmp_path: Path) -> None:
    root = tmp_path / "upload"
    root.mkdir()
    outside = tmp_path / "outside"
    outside.mkdir()
    (root / "link").symlink_to(outside)
    with pytest.raises(UploadRejected):
        prepare_target(root, PurePosixPath("link/x.json"))


def test_same_file_twice_refused(live: Live) -> None:
    with live.client() as c:
        audit_id = c.post("/api/audits", json={"name": "twice"}).json()["id"]
        url = f"/api/audits/{audit_id}/files"
        assert c.put(url, params={"path": "a.json"}, content=b"{}").status_code == 200
        assert c.put(url, params={"path": "a.json"}, content=b"{}").status_code == 409


def test_not_an_export_fails_with_one_line_and_upload_removed(live: Live, tmp_path: Path) -> None:
    junk = tmp_path / "notes.txt"
    junk.write_text("hello, not an export\n")
    with live.client() as c:
        audit_id = upload(c, junk)
        st = wait_done(c, audit_id)
        assert st["phase"] == "error"
        assert st["error"] and "\n" not in st["error"]
        assert str(live.data_dir) not in st["error"]
        assert not (live.data_dir / "audits" / audit_id / "upload").exists()
        page = c.get(f"/audits/{audit_id}/")
        assert page.status_code == 200 and "The audit failed" in page.text


@pytest.mark.parametrize("form", ["folder", "json"])
def test_folder_and_json_uploads(live: Live, exports: dict[str, Path], form: str) -> None:
    with live.client() as c:
        audit_id = upload(c, exports[form])
        st = wait_done(c, audit_id)
        assert st["phase"] == "done", st
        assert st["records"] > 300
        assert not (live.data_dir / "audits" / audit_id / "upload").exists()
        assert c.get(f"/audits/{audit_id}/").status_code == 200


def test_start_without_files_and_uploads_after_start_refused(
    live: Live, exports: dict[str, Path]
) -> None:
    with live.client() as c:
        audit_id = c.post("/api/audits", json={"name": "empty"}).json()["id"]
        assert c.post(f"/api/audits/{audit_id}/start").status_code == 400
        done = upload(c, exports["json"])
        wait_done(c, done)
        r = c.put(f"/api/audits/{done}/files", params={"path": "late.json"}, content=b"{}")
        assert r.status_code == 409
