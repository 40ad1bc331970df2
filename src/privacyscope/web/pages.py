"""HTML pages: home (upload + audits), overview, findings, what the platform knows, claims,
records, downloads and delete. Sync handlers (Starlette runs them in its thread pool) because
they query SQLite."""

from __future__ import annotations

import dataclasses
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response

from privacyscope.findings.base import SEVERITY_ORDER
from privacyscope.web import db
from privacyscope.web.render import page
from privacyscope.web.state import WebState, web
from privacyscope.web.store import DOWNLOADS

STATUSES = ("present", "not_in_export", "absent")


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _ctx(request: Request, nav: str) -> tuple[WebState, dict[str, Any], dict[str, Any]]:
    st = web(request)
    audit_id = request.path_params["audit_id"]
    meta = st.meta(audit_id)
    if meta.get("state") != "done":
        raise HTTPException(409, "This audit is not finished.")
    summary = st.summary(audit_id)
    ctx = {
        "audit": meta,
        "s": summary,
        "nav": nav,
        "base": f"/audits/{audit_id}",
        "audits": st.store.done(),
    }
    return st, summary, ctx


def home(request: Request) -> Response:
    st = web(request)
    return page(
        "home.html.j2",
        audits=st.store.all(),
        nav="home",
        max_mb=st.config.max_upload_bytes // (1024 * 1024),
        deleted=request.query_params.get("deleted"),
    )


def switch(request: Request) -> Response:
    audit_id = request.query_params.get("audit", "")
    web(request).meta(audit_id)
    return RedirectResponse(f"/audits/{audit_id}/", status_code=303)


def overview(request: Request) -> Response:
    st = web(request)
    audit_id = request.path_params["audit_id"]
    meta = st.meta(audit_id)
    if meta.get("state") != "done":
        return page(
            "processing.html.j2",
            audit=meta,
            nav="",
            status=st.jobs.status(audit_id),
            audits=st.store.done(),
        )
    _, s, ctx = _ctx(request, "overview")
    top = [f for f in s["findings"] if f["status"] == "present"][:3]
    return page("overview.html.j2", top=top, **ctx)


def findings(request: Request) -> Response:
    _, s, ctx = _ctx(request, "findings")
    qp = request.query_params
    filters = {k: qp.get(k, "") for k in ("severity", "status", "category")}
    shown = [f for f in s["findings"] if all(not v or f[k] == v for k, v in filters.items())]
    categories = sorted({f["category"] for f in s["findings"]})
    return page(
        "findings.html.j2",
        shown=shown,
        filters=filters,
        categories=categories,
        severities=list(SEVERITY_ORDER),
        statuses=STATUSES,
        **ctx,
    )


def finding(request: Request) -> Response:
    st, s, ctx = _ctx(request, "findings")
    fid = request.path_params["finding_id"]
    f = next((x for x in s["findings"] if x["id"] == fid), None)
    if f is None:
        raise HTTPException(404, "No such finding.")
    with db.connect(st.store.db_path(ctx["audit"]["id"])) as con:
        recs = db.finding_records(
            con,
            fid,
            f["record_table"],
            _int(request.query_params.get("page"), 1),
            _int(request.query_params.get("per"), 50),
        )
    return page("finding.html.j2", f=f, recs=recs, params=dict(request.query_params), **ctx)


def _watch(st: WebState, audit_id: str, s: dict[str, Any], gap_text: str | None) -> Any:
    default = s["watch"]
    try:
        gap = float(gap_text) if gap_text else default["session_gap_minutes"]
    except ValueError:
        gap = default["session_gap_minutes"]
    gap = min(max(gap, 0.5), 1440.0)
    if gap == default["session_gap_minutes"]:
        return default

    def compute() -> dict[str, Any]:
        from privacyscope.analysis import watch_time
        from privacyscope.model import ActivityEvent, RecordSet

        rs = RecordSet()
        with db.connect(st.store.db_path(audit_id)) as con:
            rs.extend([ActivityEvent(kind="watch", time=t) for t in db.watch_times(con)])
        result = dataclasses.asdict(watch_time(rs, gap))
        result["videos"] = default["videos"]
        result["assumption"] = result["assumption"].replace(
            "Change with --session-gap.", "Change it with the form below."
        )
        return result

    return st.cache.get(("watch", audit_id, gap), compute)


def knows(request: Request) -> Response:
    from privacyscope.report import charts

    st, s, ctx = _ctx(request, "knows")
    audit_id = ctx["audit"]["id"]
    per_day = s["series"]["per_day"]
    by_hour = s["series"]["by_hour"]
    kinds = [k for k in charts.COLORS if k in per_day]

    def make_charts() -> dict[str, Any]:
        from privacyscope.web.charts import timeline

        return {
            "daily": timeline(per_day, kinds),
            "hourly": charts.hour_bars(by_hour, kinds),
            "logins": timeline({"login": s["trail"]["per_day"]}, ["login"], height=120),
            "off": timeline(per_day, ["off_platform"], height=120),
        }

    svg = st.cache.get(("charts", audit_id), make_charts)
    with db.connect(st.store.db_path(audit_id)) as con:
        identifiers = db.rows(con, "device_identifiers", 200)
        profile = db.rows(con, "profile", 200)
    watch = _watch(st, audit_id, s, request.query_params.get("gap"))
    return page(
        "knows.html.j2",
        svg=svg,
        kinds=kinds,
        watch=watch,
        identifiers=identifiers,
        profile=profile,
        colors=charts.COLORS,
        **ctx,
    )


def claims(request: Request) -> Response:
    _, _, ctx = _ctx(request, "claims")
    return page("claims.html.j2", **ctx)


def tables(request: Request) -> Response:
    _, _, ctx = _ctx(request, "records")
    return page("tables.html.j2", **ctx)


def records(request: Request) -> Response:
    st, s, ctx = _ctx(request, "records")
    table = request.path_params["table"]
    if table not in db.TABLES:
        raise HTTPException(404, "No such record table.")
    qp = request.query_params
    path = st.store.db_path(ctx["audit"]["id"])
    with db.connect(path) as con:
        one = qp.get("id")
        if one is not None:
            rec = db.record(con, table, one)
            if rec is None:
                raise HTTPException(404, "No such record.")
            return page("record.html.j2", table=table, rec=rec, **ctx)
        filters = {k[2:]: v for k, v in qp.items() if k.startswith("f_")}
        result = db.page(
            con,
            table,
            q=qp.get("q", "")[:200],
            filters=filters,
            page_no=_int(qp.get("page"), 1),
            per=_int(qp.get("per"), 50),
            total_hint=s["tables"].get(table),
        )
        facets = st.cache.get(("facets", ctx["audit"]["id"], table), lambda: db.facets(con, table))
    params = {k: v for k, v in qp.items() if k != "page"}
    return page(
        "records.html.j2",
        table=table,
        p=result,
        facets=facets,
        params=params,
        searchable=db.FTS.get(table),
        **ctx,
    )


def ref(request: Request) -> Response:
    st, _, ctx = _ctx(request, "records")
    target = request.query_params.get("r", "")
    with db.connect(st.store.db_path(ctx["audit"]["id"])) as con:
        table = db.locate(con, target)
    if table is None:
        raise HTTPException(404, "No record with this id.")
    from urllib.parse import urlencode

    return RedirectResponse(
        f"{ctx['base']}/records/{table}?{urlencode({'id': target})}", status_code=303
    )


def downloads(request: Request) -> Response:
    st, _, ctx = _ctx(request, "downloads")
    folder = st.store.folder(ctx["audit"]["id"])
    files = [
        (name, (folder / name).stat().st_size) for name in DOWNLOADS if (folder / name).is_file()
    ]
    return page("downloads.html.j2", files=files, **ctx)


def download(request: Request) -> Response:
    st, s, ctx = _ctx(request, "downloads")
    name = request.path_params["name"]
    if name not in DOWNLOADS:
        raise HTTPException(404, "No such file.")
    path = st.store.folder(ctx["audit"]["id"]) / name
    if not path.is_file():
        raise HTTPException(404, "No such file.")
    stem = f"privacyscope-{s['platform']}-{ctx['audit']['id']}"
    return FileResponse(
        path,
        media_type=DOWNLOADS[name],
        filename=f"{stem}-{name}",
        content_disposition_type="attachment",
    )


def delete_confirm(request: Request) -> Response:
    st = web(request)
    meta = st.meta(request.path_params["audit_id"])
    return page(
        "delete.html.j2",
        audit=meta,
        nav="",
        audits=st.store.done(),
        running=st.jobs.running(meta["id"]),
    )


def delete(request: Request) -> Response:
    st = web(request)
    meta = st.meta(request.path_params["audit_id"])
    if st.jobs.running(meta["id"]):
        raise HTTPException(409, "This audit is still running; delete it when it has finished.")
    st.store.delete(meta["id"])
    st.forget(meta["id"])
    from urllib.parse import urlencode

    return RedirectResponse("/?" + urlencode({"deleted": meta["name"]}), status_code=303)
