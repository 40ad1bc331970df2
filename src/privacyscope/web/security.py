"""Token, Host and Origin checks plus security headers, as one pure ASGI middleware.

* Every request needs the per-start token: ``?token=`` (first visit) or the cookie it sets.
  A GET with a valid ``?token=`` is redirected to the same URL without it, so the token does
  not stay in the address bar or history. Missing or wrong token: 403, static files included.
* The Host header must name 127.0.0.1 or localhost (stops DNS rebinding).
* Unsafe methods with an Origin header must come from the same origin.
* Every response carries a strict CSP (no inline script or style), nosniff, no referrer and
  frame-ancestors 'none'.
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qsl, urlencode

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'"
)
SECURITY_HEADERS: list[tuple[bytes, bytes]] = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
]
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def cookie_name(port: int | None) -> str:
    """Cookies ignore ports: name them per port so two servers do not clash."""
    return f"privacyscope_{port or 0}"


def _headers(scope: Scope) -> dict[str, str]:
    out: dict[str, str] = {}
    for k, v in scope.get("headers", []):
        out.setdefault(k.decode("latin-1").lower(), v.decode("latin-1"))
    return out


def host_ok(host: str, allowed: tuple[str, ...]) -> bool:
    name = host.strip().lower()
    if name.startswith("["):
        name = name.split("]")[0] + "]"
    elif ":" in name:
        name, _, port = name.partition(":")
        if not port.isdigit():
            return False
    return name in allowed


class SecurityMiddleware:
    def __init__(self, app: ASGIApp, token: str, allowed_hosts: tuple[str, ...]) -> None:
        self.app = app
        self.token = token
        self.allowed_hosts = allowed_hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = _headers(scope)
        server = scope.get("server") or (None, None)
        name = cookie_name(server[1])
        if not host_ok(headers.get("host", ""), self.allowed_hosts):
            await _plain(send, 421, "Wrong Host header: open the address privacyscope printed.")
            return
        query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        q_token = next((v for k, v in query if k == "token"), None)
        cookie = SimpleCookie()
        try:
            cookie.load(headers.get("cookie", ""))
        except Exception:  # a malformed cookie header is just "no cookie"
            cookie = SimpleCookie()
        c_token = cookie[name].value if name in cookie else None
        q_valid = q_token is not None and secrets.compare_digest(q_token, self.token)
        c_valid = c_token is not None and secrets.compare_digest(c_token, self.token)
        if not (q_valid or c_valid):
            await _plain(
                send,
                403,
                "Forbidden: open the address privacyscope serve printed "
                "(it carries the access token).",
            )
            return
        method = scope.get("method", "GET")
        if method not in SAFE_METHODS:
            origin = headers.get("origin")
            if origin and origin not in {f"http://{headers.get('host', '')}", "null"}:
                await _plain(send, 403, "Forbidden: cross-origin request.")
                return
        set_cookie = (f"{name}={self.token}; Path=/; HttpOnly; SameSite=Strict").encode()
        if q_valid and method == "GET":
            rest = urlencode([(k, v) for k, v in query if k != "token"])
            location = scope.get("path", "/") + (f"?{rest}" if rest else "")
            await send(
                {
                    "type": "http.response.start",
                    "status": 303,
                    "headers": [
                        (b"location", location.encode("latin-1", "replace")),
                        (b"set-cookie", set_cookie),
                        (b"content-length", b"0"),
                        *SECURITY_HEADERS,
                    ],
                }
            )
            await send({"type": "http.response.body", "body": b""})
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                hs = [
                    h
                    for h in message.get("headers", [])
                    if h[0].lower() not in {k for k, _ in SECURITY_HEADERS}
                ]
                hs.extend(SECURITY_HEADERS)
                if not any(k.lower() == b"cache-control" for k, _ in hs):
                    hs.append((b"cache-control", b"no-store"))
                if q_valid and not c_valid:
                    hs.append((b"set-cookie", set_cookie))
                message["headers"] = hs
            await send(message)

        await self.app(scope, receive, send_with_headers)


async def _plain(send: Send, status: int, text: str) -> None:
    body = text.encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                *SECURITY_HEADERS,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
