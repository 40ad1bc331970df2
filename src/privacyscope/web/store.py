"""Audits on disk: ``<data>/audits/<id>/`` holds ``meta.json``, ``audit.db``, ``report.html``,
``report.json``, ``dashboard.json`` and, while it is being read, the uploaded export under
``upload/``. Deleting an audit removes its folder."""

from __future__ import annotations

import os
import re
import secrets
import shutil
import tempfile
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

ID_RE = re.compile(r"^[0-9]{8}-[0-9]{6}-[0-9a-f]{6}$")
FINAL_STATES = frozenset({"done", "error"})
DOWNLOADS = {
    "report.html": "text/html",
    "report.json": "application/json",
    "audit.db": "application/vnd.sqlite3",
}


def atomic_json(path: Path, data: Any) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(orjson.dumps(data, option=orjson.OPT_NON_STR_KEYS))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class AuditStore:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.root = data_dir / "audits"
        self.root.mkdir(parents=True, exist_ok=True, mode=0o700)
        self._lock = threading.Lock()

    # -- paths --------------------------------------------------------------------------
    def folder(self, audit_id: str) -> Path:
        """The audit's folder; KeyError for a malformed id (never a path outside root)."""
        if not ID_RE.match(audit_id):
            raise KeyError(audit_id)
        return self.root / audit_id

    def upload_dir(self, audit_id: str) -> Path:
        return self.folder(audit_id) / "upload"

    def db_path(self, audit_id: str) -> Path:
        return self.folder(audit_id) / "audit.db"

    # -- metadata -----------------------------------------------------------------------
    def create(self, name: str) -> dict[str, Any]:
        now = datetime.now(UTC)
        audit_id = f"{now:%Y%m%d-%H%M%S}-{secrets.token_hex(3)}"
        folder = self.folder(audit_id)
        folder.mkdir(mode=0o700)
        (folder / "upload").mkdir(mode=0o700)
        meta = {
            "id": audit_id,
            "name": name[:200] or "export",
            "created": now.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "state": "uploading",
            "error": None,
            "upload_bytes": 0,
            "files": 0,
        }
        self.save(meta)
        return meta

    def get(self, audit_id: str) -> dict[str, Any] | None:
        try:
            data = orjson.loads((self.folder(audit_id) / "meta.json").read_bytes())
        except (KeyError, OSError, orjson.JSONDecodeError):
            return None
        return data if isinstance(data, dict) else None

    def save(self, meta: dict[str, Any]) -> None:
        with self._lock:
            folder = self.folder(meta["id"])
            if folder.is_dir():
                atomic_json(folder / "meta.json", meta)

    def update(self, audit_id: str, **changes: Any) -> dict[str, Any] | None:
        meta = self.get(audit_id)
        if meta is None:
            return None
        meta.update(changes)
        self.save(meta)
        return meta

    def all(self) -> list[dict[str, Any]]:
        out = []
        for entry in self.root.iterdir():
            if ID_RE.match(entry.name) and entry.is_dir():
                meta = self.get(entry.name)
                if meta is not None:
                    out.append(meta)
        return sorted(out, key=lambda m: m["id"], reverse=True)

    def done(self) -> list[dict[str, Any]]:
        return [m for m in self.all() if m.get("state") == "done"]

    # -- removal ------------------------------------------------------------------------
    def delete(self, audit_id: str) -> bool:
        folder = self.folder(audit_id)
        if not folder.is_dir():
            return False
        with self._lock:
            shutil.rmtree(folder)
        return True

    def remove_upload(self, audit_id: str) -> None:
        shutil.rmtree(self.upload_dir(audit_id), ignore_errors=True)

    def recover(self) -> None:
        """At start: audits left mid-way by a previous server are marked failed."""
        for meta in self.all():
            if meta.get("state") not in FINAL_STATES:
                self.remove_upload(meta["id"])
                self.update(
                    meta["id"],
                    state="error",
                    error="interrupted: the server stopped before this audit finished",
                )
