"""The Starlette application factory."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from privacyscope.web import api, pages
from privacyscope.web.config import ALLOWED_HOSTS, DEFAULT_MAX_UPLOAD_MB, WebConfig
from privacyscope.web.jobs import JobManager
from privacyscope.web.render import page
from privacyscope.web.security import SecurityMiddleware
from privacyscope.web.state import WebState
from privacyscope.web.store import AuditStore

STATIC = Path(__file__).with_name("static")


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": exc.detail}, status_code=exc.status_code)
    return page(
        "error.html.j2",
        status_code=exc.status_code,
        code=exc.status_code,
        message=exc.detail,
        nav="",
        audits=[],
    )


def routes() -> list[Route | Mount]:
    a = "/audits/{audit_id}"
    return [
        Route("/", pages.home),
        Route("/switch", pages.switch),
        Route("/api/audits", api.create, methods=["POST"]),
        Route("/api/audits/{audit_id}/files", api.upload_file, methods=["PUT"]),
        Route("/api/audits/{audit_id}/start", api.start, methods=["POST"]),
        Route("/api/audits/{audit_id}/status", api.status),
        Route(f"{a}/", pages.overview),
        Route(f"{a}/findings", pages.findings),
        Route(f"{a}/findings/{{finding_id}}", pages.finding),
        Route(f"{a}/knows", pages.knows),
        Route(f"{a}/claims", pages.claims),
        Route(f"{a}/records", pages.tables),
        Route(f"{a}/records/{{table}}", pages.records),
        Route(f"{a}/ref", pages.ref),
        Route(f"{a}/downloads", pages.downloads),
        Route(f"{a}/download/{{name}}", pages.download),
        Route(f"{a}/delete", pages.delete_confirm, methods=["GET"]),
        Route(f"{a}/delete", pages.delete, methods=["POST"]),
        Mount("/static", app=StaticFiles(directory=STATIC), name="static"),
    ]


def create_app(
    data_dir: Path,
    token: str,
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD_MB * 1024 * 1024,
    allowed_hosts: tuple[str, ...] = ALLOWED_HOSTS,
) -> Starlette:
    """The dashboard app. Every request must carry ``token`` (query or cookie)."""
    if len(token) < 16:
        raise ValueError("the access token must be at least 16 characters")
    config = WebConfig(
        data_dir=data_dir,
        token=token,
        max_upload_bytes=max_upload_bytes,
        allowed_hosts=allowed_hosts,
    )
    store = AuditStore(data_dir)
    store.recover()
    state = WebState(config=config, store=store, jobs=JobManager(store))

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        state.jobs.shutdown()

    app = Starlette(
        routes=routes(),
        middleware=[Middleware(SecurityMiddleware, token=token, allowed_hosts=allowed_hosts)],
        exception_handlers={HTTPException: _http_error},
        lifespan=lifespan,
    )
    app.state.web = state
    return app
