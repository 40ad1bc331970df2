"""The upload API the page's script uses: create an audit, stream each file to disk (size
limit enforced while streaming), start the audit, poll its status."""

from __future__ import annotations

import threading
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse

from privacyscope.web.state import WebState, web
from privacyscope.web.uploads import UploadRejected, prepare_target, safe_relpath, write_stream

MAX_FILES = 20000
_budget_lock = threading.Lock()
_inflight: set[str] = set()  # audits with a file upload in progress (one at a time)


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


def _uploading(st: WebState, audit_id: str) -> dict[str, Any] | None:
    try:
        meta = st.store.get(audit_id)
    except KeyError:
        return None
    return meta if meta is not None and meta.get("state") == "uploading" else None


async def create(request: Request) -> JSONResponse:
    st = web(request)
    try:
        body = await request.json()
    except ValueError:
        body = {}
    if not isinstance(body, dict):
        body = {}
    name = str(body.get("name") or "export")[:200]
    announced = body.get("bytes")
    limit = st.config.max_upload_bytes
    if isinstance(announced, int) and announced > limit:
        return _error(
            413,
            f"The export is larger than the limit ({limit // 2**20} MB); "
            "restart with a larger --max-upload-mb.",
        )
    meta = await run_in_threadpool(st.store.create, name)
    return JSONResponse({"id": meta["id"], "max_bytes": limit}, status_code=201)


async def upload_file(request: Request) -> JSONResponse:
    st = web(request)
    audit_id = request.path_params["audit_id"]
    meta = _uploading(st, audit_id)
    if meta is None:
        return _error(409, "This audit is not accepting uploads.")
    with _budget_lock:
        if audit_id in _inflight:
            return _error(409, "Another file of this audit is being uploaded; send one at a time.")
        _inflight.add(audit_id)
    try:
        return await _receive(st, request, audit_id, meta)
    finally:
        with _budget_lock:
            _inflight.discard(audit_id)


async def _receive(
    st: WebState, request: Request, audit_id: str, meta: dict[str, Any]
) -> JSONResponse:
    try:
        rel = safe_relpath(request.query_params.get("path", ""))
        if meta.get("files", 0) >= MAX_FILES:
            raise UploadRejected(413, "too many files")
        limit = st.config.max_upload_bytes
        budget = limit - int(meta.get("upload_bytes", 0))
        declared = request.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > budget:
            raise UploadRejected(413, f"The export is larger than the limit ({limit // 2**20} MB).")
        target = prepare_target(st.store.upload_dir(audit_id), rel)
        written = await write_stream(request.stream(), target, budget)
    except UploadRejected as exc:
        if exc.status == 413:
            await run_in_threadpool(st.store.remove_upload, audit_id)
            st.store.update(audit_id, state="error", error=exc.message)
        return _error(exc.status, exc.message)
    with _budget_lock:
        meta = st.store.get(audit_id) or meta
        meta["upload_bytes"] = int(meta.get("upload_bytes", 0)) + written
        meta["files"] = int(meta.get("files", 0)) + 1
        st.store.save(meta)
    return JSONResponse({"path": str(rel), "bytes": written})


async def start(request: Request) -> JSONResponse:
    st = web(request)
    audit_id = request.path_params["audit_id"]
    meta = _uploading(st, audit_id)
    if meta is None:
        return _error(409, "This audit is not waiting to start.")
    if not meta.get("files"):
        return _error(400, "Nothing was uploaded.")
    status = st.jobs.submit(audit_id)
    return JSONResponse(status.as_dict(), status_code=202)


async def status(request: Request) -> JSONResponse:
    st = web(request)
    try:
        result = st.jobs.status(request.path_params["audit_id"])
    except KeyError:
        result = None
    if result is None:
        return _error(404, "No such audit.")
    return JSONResponse(result)
