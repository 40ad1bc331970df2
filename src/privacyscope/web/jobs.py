"""Background audits: one worker thread runs ``run_audit`` on an uploaded export, writes the
outputs and ``dashboard.json``, feeds a status the page polls, then deletes the upload."""

from __future__ import annotations

import logging
import os
import threading
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from privacyscope.errors import InputError
from privacyscope.web.store import AuditStore, atomic_json

log = logging.getLogger("privacyscope.web")


@dataclass
class JobStatus:
    audit_id: str
    phase: str = "queued"  # queued | reading | writing | done | error
    bytes_done: int = 0
    bytes_total: int = 0
    records: int = 0
    error: str | None = None
    started: float = 0.0
    finished: float | None = None

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["fraction"] = min(self.bytes_done / self.bytes_total, 1.0) if self.bytes_total else 0.0
        return data


def pick_input(upload_dir: Path) -> Path:
    """A single uploaded file, the single uploaded folder, or the upload folder itself."""
    entries = [e for e in upload_dir.iterdir() if not e.name.startswith(".")]
    if not entries:
        raise InputError("nothing was uploaded")
    if len(entries) == 1:
        return entries[0]
    return upload_dir


def input_size(path: Path) -> int:
    """Uncompressed bytes the reader will go through (for the progress bar)."""
    try:
        if path.is_dir():
            return sum(
                p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink()
            )
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as zf:
                return sum(i.file_size for i in zf.infolist())
        return path.stat().st_size
    except (OSError, zipfile.BadZipFile):
        return 0


class JobManager:
    def __init__(self, store: AuditStore) -> None:
        self.store = store
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="privacyscope-audit")
        self._jobs: dict[str, JobStatus] = {}
        self._lock = threading.Lock()

    def submit(self, audit_id: str) -> JobStatus:
        status = JobStatus(audit_id=audit_id, started=time.time())
        with self._lock:
            self._jobs[audit_id] = status
        self.store.update(audit_id, state="queued")
        self._executor.submit(self._run, status)
        return status

    def status(self, audit_id: str) -> dict[str, Any] | None:
        with self._lock:
            st = self._jobs.get(audit_id)
        if st is not None:
            return st.as_dict()
        meta = self.store.get(audit_id)
        if meta is None:
            return None
        return JobStatus(
            audit_id=audit_id, phase=meta.get("state", "error"), error=meta.get("error")
        ).as_dict()

    def running(self, audit_id: str) -> bool:
        with self._lock:
            st = self._jobs.get(audit_id)
        return st is not None and st.phase not in ("done", "error")

    def forget(self, audit_id: str) -> None:
        with self._lock:
            self._jobs.pop(audit_id, None)

    def shutdown(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)

    # -- the worker -----------------------------------------------------------------------
    def _run(self, st: JobStatus) -> None:
        audit_id = st.audit_id
        upload = self.store.upload_dir(audit_id)
        try:
            self._audit(st, upload)
        except InputError as exc:
            self._fail(
                st, exc.one_line().replace(f"{upload}{os.sep}", "").replace(str(upload), "upload")
            )
        except Exception as exc:  # keep the server alive; the page shows one line
            log.exception("audit %s failed", audit_id)
            self._fail(st, f"internal error: {type(exc).__name__}: {exc}")
        finally:
            self.store.remove_upload(audit_id)

    def _fail(self, st: JobStatus, message: str) -> None:
        st.error = message
        st.phase = "error"
        st.finished = time.time()
        self.store.update(st.audit_id, state="error", error=message)

    def _audit(self, st: JobStatus, upload: Path) -> None:
        from privacyscope.audit import run_audit
        from privacyscope.commands._outputs import write_outputs
        from privacyscope.web.summary import build

        meta = self.store.get(st.audit_id) or {}
        folder = self.store.folder(st.audit_id)
        path = pick_input(upload)
        st.bytes_total = input_size(path)
        st.phase = "reading"
        self.store.update(st.audit_id, state="reading")

        def progress(done: int, records: int) -> None:
            st.bytes_done = done
            st.records = records

        result = run_audit(path, None, progress)
        st.bytes_done = max(st.bytes_done, st.bytes_total)
        st.records = len(result.read.records)
        st.phase = "writing"
        self.store.update(st.audit_id, state="writing")
        write_outputs(result, folder / "report.json", folder / "report.html", folder / "audit.db")
        summary = build(result, meta.get("name", "export"))
        atomic_json(folder / "dashboard.json", summary)
        st.phase = "done"
        st.finished = time.time()
        self.store.update(
            st.audit_id,
            state="done",
            platform=summary["platform_name"],
            present=summary["present_total"],
            records=summary["records_total"],
            period=summary["period"],
            seconds=round(st.finished - st.started, 1),
        )
