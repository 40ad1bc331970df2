"""Token, Host, Origin, headers, and no remote URL in any page."""

from __future__ import annotations

import re

import pytest

from .conftest import Live

PAGES = [
    "/",
    "/findings",
    "/findings/messages.retained",
    "/knows",
    "/claims",
    "/records",
    "/records/messages",
    "/downloads",
    "/delete",
]
REMOTE = re.compile(r"""(?:src|href|action|url)\s*[=(]\s*["']?\s*(?:https?:)?//""", re.I)


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/static/app.css",
        "/static/upload.js",
        "/switch",
        "/api/audits/20260101-000000-abcdef/status",
    ],
)
def test_no_token_is_403(live: Live, path: str) -> None:
    with live.client(authed=False) as c:
        assert c.get(path).status_code == 403
        assert c.get(path, params={"token": "wrong-token-wrong-token"}).status_code == 403
        c.cookies.set(f"privacyscope_{live.port}", "wrong-token-wrong-token")
        assert c.get(path).status_code == 403


def test_audit_pages_and_downloads_need_the_token(live: Live, audited: str) -> None:
    with live.client(authed=False) as c:
        for path in [*PAGES, "/download/audit.db", "/download/report.html"]:
            assert c.get(f"/audits/{audited}{path}").status_code == 403, path
        assert c.post(f"/audits/{audited}/delete").status_code == 403
        assert c.post("/api/audits", json={}).status_code == 403


def test_token_in_query_sets_cookie_and_redirects(live: Live) -> None:
    with live.client(authed=False) as c:
        r = c.get("/", params={"token": live.token, "x": "1"})
        assert r.status_code == 303
        assert r.headers["location"] == "/?x=1"
        cookie = r.headers["set-cookie"]
        assert f"privacyscope_{live.port}={live.token}" in cookie
        assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
        assert c.get("/").status_code == 200  # the cookie jar now carries the token


def test_host_header_must_be_loopback(live: Live) -> None:
    with live.client() as c:
        assert c.get("/", headers={"Host": "evil.example"}).status_code == 421
        assert c.get("/", headers={"Host": f"evil.example:{live.port}"}).status_code == 421
        assert c.get("/", headers={"Host": f"localhost:{live.port}"}).status_code == 200


def test_cross_origin_writes_refused(live: Live) -> None:
    with live.client() as c:
        r = c.post("/api/audits", json={"name": "x"}, headers={"Origin": "http://evil.example"})
        assert r.status_code == 403


def test_security_headers(live: Live) -> None:
    with live.client() as c:
        for path in ["/", "/static/app.css"]:
            h = c.get(path).headers
            csp = h["content-security-policy"]
            assert "default-src 'none'" in csp and "script-src 'self'" in csp
            assert "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
            assert h["x-content-type-options"] == "nosniff"
            assert h["referrer-policy"] == "no-referrer"


def test_no_remote_url_in_any_page_or_static_file(live: Live, audited: str) -> None:
    from privacyscope.web.app import STATIC

    with live.client() as c:
        bodies = [c.get("/").text] + [c.get(f"/audits/{audited}{p}").text for p in PAGES]
    for body in bodies:
        assert not REMOTE.search(body)
        assert "<script>" not in body  # no inline script: only <script src="/static/...">
        assert " style=" not in body  # no inline style (CSP has no 'unsafe-inline')
    for f in STATIC.iterdir():
        text = f.read_text()
        assert "http://" not in text and "https://" not in text, f.name
