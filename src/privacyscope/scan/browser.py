"""Launch Debian's Chromium in a fresh profile and record what the pages send.

One persistent context per phase: a fresh user-data-dir whose ``Default/Preferences`` sets the
third-party cookie policy explicitly (Chromium's default here blocks them). Requests come from
Playwright's context events (all frames, beacons, bodies); cookie sent/set/blocked details come
from the DevTools ``Network.*ExtraInfo`` events of each page.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.async_api import (
    BrowserContext,
    CDPSession,
    Error,
    Page,
    Playwright,
    Request,
    Response,
)

from privacyscope.scan.model import CapturedRequest, CookieObservation

CHROMIUM = os.environ.get("PRIVACYSCOPE_CHROMIUM", "/usr/bin/chromium")
BASE_FLAGS: tuple[str, ...] = (
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--disable-extensions",
    "--disable-default-apps",
    "--metrics-recording-only",
    "--no-pings",
)
PROFILE_PREFIX = "privacyscope-scan-"
MAX_BODY = 256 * 1024
USER_AGENT_NOTE = "Chromium default user agent (headless)"


def chromium_flags(host_rules: str | None) -> list[str]:
    flags = list(BASE_FLAGS)
    if host_rules:
        flags.append(f"--host-resolver-rules={host_rules}")
    return flags


def write_profile(user_data_dir: Path, cookie_policy: str) -> None:
    block = cookie_policy == "block-third-party"
    prefs = {
        "profile": {
            "cookie_controls_mode": 1 if block else 0,
            "block_third_party_cookies": block,
            "exit_type": "Normal",
        },
        "browser": {"has_seen_welcome_page": True},
    }
    default = user_data_dir / "Default"
    default.mkdir(parents=True, exist_ok=True)
    (default / "Preferences").write_text(json.dumps(prefs), encoding="utf-8")


def net_error(message: str) -> str | None:
    found = re.search(r"net::ERR_[A-Z0-9_]+", message)
    return found.group(0) if found else None


@dataclass
class Recorder:
    """Collects requests and cookie observations for one phase."""

    t0: float
    page_index: int = 0
    consent_action_t: float | None = None
    requests: list[CapturedRequest] = field(default_factory=list)
    cookies: list[CookieObservation] = field(default_factory=list)
    _by_request: dict[Request, CapturedRequest] = field(default_factory=dict)
    _cdp_urls: dict[str, str] = field(default_factory=dict)
    console_errors: int = 0

    def attach(self, context: BrowserContext) -> None:
        context.on("request", self._on_request)
        context.on("response", self._on_response)
        context.on("requestfailed", self._on_failed)

    def now(self) -> float:
        return round(time.monotonic() - self.t0, 3)

    def _on_request(self, request: Request) -> None:
        try:
            body = request.post_data_buffer
        except Error:
            body = None
        text: str | None = None
        truncated = False
        if body:
            truncated = len(body) > MAX_BODY
            text = body[:MAX_BODY].decode("utf-8", errors="replace")
            if "\ufffd" in text:  # binary (gzip, protobuf): keep bytes losslessly
                text = body[:MAX_BODY].decode("latin-1")
        try:
            frame_url = request.frame.url
        except Error:
            frame_url = ""
        t = self.now()
        rec = CapturedRequest(
            id=len(self.requests),
            page_index=self.page_index,
            url=request.url,
            method=request.method,
            resource_type=request.resource_type,
            t=t,
            frame_url=frame_url,
            post_data=text,
            post_data_truncated=truncated,
            after_consent_action=self.consent_action_t is not None and t >= self.consent_action_t,
        )
        self.requests.append(rec)
        self._by_request[request] = rec

    def _on_response(self, response: Response) -> None:
        rec = self._by_request.get(response.request)
        if rec is not None:
            rec.status = response.status

    def _on_failed(self, request: Request) -> None:
        rec = self._by_request.get(request)
        if rec is not None:
            rec.failure = request.failure or "failed"

    async def attach_cdp(self, context: BrowserContext, page: Page) -> CDPSession | None:
        try:
            cdp = await context.new_cdp_session(page)
            cdp.on("Network.requestWillBeSent", self._cdp_sent)
            cdp.on("Network.requestWillBeSentExtraInfo", self._cdp_request_extra)
            cdp.on("Network.responseReceivedExtraInfo", self._cdp_response_extra)
            await cdp.send("Network.enable")
            return cdp
        except Error:
            return None

    def _cdp_sent(self, params: dict[str, Any]) -> None:
        req = params.get("request") or {}
        self._cdp_urls[str(params.get("requestId"))] = str(req.get("url", ""))

    def _cdp_request_extra(self, params: dict[str, Any]) -> None:
        url = self._cdp_urls.get(str(params.get("requestId")), "")
        for item in params.get("associatedCookies") or []:
            cookie = item.get("cookie") or {}
            reasons = [str(r) for r in item.get("blockedReasons") or []]
            self.cookies.append(
                CookieObservation(
                    name=str(cookie.get("name", "")),
                    domain=str(cookie.get("domain", "")),
                    source="blocked-sent" if reasons else "sent",
                    url=url,
                    expires=_expiry(cookie.get("expires")),
                    blocked_reasons=reasons,
                )
            )

    def _cdp_response_extra(self, params: dict[str, Any]) -> None:
        url = self._cdp_urls.get(str(params.get("requestId")), "")
        blocked_lines: set[str] = set()
        for item in params.get("blockedCookies") or []:
            cookie = item.get("cookie") or {}
            line = str(item.get("cookieLine", ""))
            blocked_lines.add(line)
            name = str(cookie.get("name") or line.split("=", 1)[0].strip())
            self.cookies.append(
                CookieObservation(
                    name=name,
                    domain=str(cookie.get("domain", "")),
                    source="blocked-set",
                    url=url,
                    expires=_expiry(cookie.get("expires")),
                    blocked_reasons=[str(r) for r in item.get("blockedReasons") or []],
                )
            )
        headers = params.get("headers") or {}
        for key, value in headers.items():
            if key.lower() != "set-cookie":
                continue
            for line in str(value).split("\n"):
                if line and line not in blocked_lines:
                    self.cookies.append(
                        CookieObservation(
                            name=line.split("=", 1)[0].strip(), domain="", source="set", url=url
                        )
                    )


def _expiry(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if number > 0 else None


class Profile:
    """A throw-away user-data-dir; removed on close."""

    def __init__(self, cookie_policy: str) -> None:
        self.path = Path(tempfile.mkdtemp(prefix=PROFILE_PREFIX))
        write_profile(self.path, cookie_policy)

    def remove(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)


async def launch(
    pw: Playwright,
    profile: Profile,
    *,
    host_rules: str | None,
    insecure: bool,
    har_path: Path | None,
) -> BrowserContext:
    kwargs: dict[str, Any] = {}
    if har_path is not None:
        kwargs.update(
            record_har_path=str(har_path), record_har_content="embed", record_har_mode="full"
        )
    return await pw.chromium.launch_persistent_context(
        str(profile.path),
        executable_path=CHROMIUM,
        headless=True,
        args=chromium_flags(host_rules),
        ignore_https_errors=insecure,
        viewport={"width": 1280, "height": 900},
        locale="en-GB",
        accept_downloads=False,
        service_workers="allow",
        **kwargs,
    )


async def browser_version(context: BrowserContext) -> str:
    browser = context.browser
    if browser is not None:
        return browser.version
    try:
        page = context.pages[0] if context.pages else await context.new_page()
        cdp = await context.new_cdp_session(page)
        info = await cdp.send("Browser.getVersion")
        await cdp.detach()
        return f"{info.get('product', '')} ({info.get('userAgent', '')})"
    except Error:
        return "unknown"
