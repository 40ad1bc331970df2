"""Run a scan: three fresh profiles (no interaction, reject, accept), the same pages in each.

Every page gets a result (ok, http-error, unreachable, tls-error, redirect-loop, timeout, error,
skipped); per-page and per-scan time limits bound everything, and browsers are closed (then
their profiles removed) even when a page hangs.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urlsplit

from playwright.async_api import BrowserContext, Error, Page, Playwright, async_playwright
from playwright.async_api import TimeoutError as PlaywrightTimeout

from privacyscope.scan.browser import (
    Profile,
    Recorder,
    browser_version,
    chromium_flags,
    launch,
    net_error,
)
from privacyscope.scan.canary import Canary
from privacyscope.scan.consent import ConsentDriver
from privacyscope.scan.forms import fill_forms
from privacyscope.scan.model import ConsentLog, PageVisit, PhaseCapture, ScanSettings
from privacyscope.scan.sites import site_of, site_of_url

_ACTIONS = {"no-interaction": None, "reject": "optOut", "accept": "optIn"}
_SKIP_EXT = (
    ".pdf",
    ".zip",
    ".jpg",
    ".jpeg",
    ".png",
    ".gif",
    ".svg",
    ".mp4",
    ".mp3",
    ".dmg",
    ".exe",
)
_UNREACHABLE = (
    "ERR_NAME_NOT_RESOLVED",
    "ERR_CONNECTION_REFUSED",
    "ERR_CONNECTION_RESET",
    "ERR_CONNECTION_CLOSED",
    "ERR_ADDRESS_UNREACHABLE",
    "ERR_CONNECTION_TIMED_OUT",
    "ERR_INTERNET_DISCONNECTED",
    "ERR_EMPTY_RESPONSE",
    "ERR_NAME_RESOLUTION_FAILED",
    "ERR_ADDRESS_INVALID",
    "ERR_TIMED_OUT",
)


@dataclass
class ScanRun:
    settings: ScanSettings
    canary: Canary
    phases: list[PhaseCapture] = field(default_factory=list)
    page_urls: list[str] = field(default_factory=list)
    browser_version: str = "unknown"
    flags: list[str] = field(default_factory=list)
    started: float = 0.0
    seconds: float = 0.0
    timed_out: bool = False
    profiles: list[Profile] = field(default_factory=list)


def classify_failure(exc: BaseException) -> tuple[str, str]:
    if isinstance(exc, PlaywrightTimeout | asyncio.TimeoutError):
        return "timeout", "page did not finish loading within the page time limit"
    message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    code = net_error(message)
    if code is None:
        return "error", message[:300]
    if any(code.endswith(u) for u in _UNREACHABLE):
        return "unreachable", code
    if "CERT" in code or "SSL" in code:
        return "tls-error", code
    if code.endswith("ERR_TOO_MANY_REDIRECTS"):
        return "redirect-loop", code
    if code.endswith("ERR_TIMED_OUT"):
        return "timeout", code
    return "error", code


def normalise_link(href: str) -> str | None:
    url, _ = urldefrag(href)
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    if parts.path.lower().endswith(_SKIP_EXT):
        return None
    return url


async def run_scan(settings: ScanSettings, out_dir: Path) -> ScanRun:
    run = ScanRun(settings=settings, canary=Canary.fresh(), started=time.time())
    run.flags = chromium_flags(settings.host_rules)
    deadline = time.monotonic() + settings.scan_timeout
    t_start = time.monotonic()
    try:
        async with async_playwright() as pw:
            for phase in settings.phases:
                capture = await _run_phase(pw, run, phase, out_dir, deadline)
                run.phases.append(capture)
    finally:
        # the driver has stopped, so no browser can still write into a profile
        for profile in run.profiles:
            profile.remove()
    run.seconds = round(time.monotonic() - t_start, 2)
    run.timed_out = time.monotonic() > deadline
    return run


async def _run_phase(
    pw: Playwright, run: ScanRun, phase: str, out_dir: Path, deadline: float
) -> PhaseCapture:
    settings = run.settings
    phase_dir = out_dir / phase
    phase_dir.mkdir(parents=True, exist_ok=True)
    t0 = time.monotonic()
    capture = PhaseCapture(phase=phase, consent=ConsentLog(action=_ACTIONS[phase] or "none"))
    recorder = Recorder(t0=t0)
    consent = ConsentDriver(_ACTIONS[phase], capture.consent, t0)
    profile = Profile(settings.cookie_policy)
    run.profiles.append(profile)
    har = phase_dir / "requests.har"
    context: BrowserContext | None = None
    discover = not run.page_urls
    queue: list[str] = [settings.url] if discover else list(run.page_urls)
    seen: set[str] = set(queue)
    try:
        try:
            context = await asyncio.wait_for(
                launch(
                    pw,
                    profile,
                    host_rules=settings.host_rules,
                    insecure=settings.insecure,
                    har_path=har,
                ),
                timeout=60,
            )
        except (TimeoutError, Error) as exc:
            for i, url in enumerate(queue[: settings.max_pages]):
                capture.pages.append(
                    PageVisit(
                        index=i,
                        url=url,
                        phase=phase,
                        status="error",
                        detail=f"browser did not start: {exc}"[:300],
                    )
                )
            return capture
        if run.browser_version == "unknown":
            run.browser_version = await browser_version(context)
        recorder.attach(context)
        await consent.attach(context)
        for p in list(context.pages):  # persistent contexts open with one blank tab
            with contextlib.suppress(Error):
                await p.close()
        index = 0
        while index < len(queue) and index < settings.max_pages:
            url = queue[index]
            remaining = deadline - time.monotonic()
            if remaining <= 1:
                capture.pages.append(
                    PageVisit(
                        index=index,
                        url=url,
                        phase=phase,
                        status="skipped",
                        detail="scan time limit reached",
                    )
                )
                index += 1
                continue
            visit, links = await _visit(
                context,
                recorder,
                consent,
                run,
                phase,
                index,
                url,
                phase_dir,
                min(remaining, _page_budget(settings)),
            )
            capture.pages.append(visit)
            if discover:
                for link in links:
                    if link not in seen and site_of_url(link) == site_of_url(settings.url):
                        seen.add(link)
                        queue.append(link)
            index += 1
        if discover:
            run.page_urls = [p.url for p in capture.pages]
    finally:
        try:
            if context is not None:
                try:
                    cookies = await asyncio.wait_for(context.cookies(), timeout=10)
                except (TimeoutError, Error):
                    cookies = []
                _add_jar(recorder, cookies)
                try:
                    await asyncio.wait_for(context.close(), timeout=30)
                    capture.har = f"{phase}/requests.har" if har.exists() else None
                except (TimeoutError, Error):
                    capture.har = None  # the driver kills the browser when playwright stops
        finally:
            profile.remove()
    capture.requests = recorder.requests
    capture.cookies = recorder.cookies
    capture.console_errors = recorder.console_errors
    return capture


def _page_budget(settings: ScanSettings) -> float:
    return settings.page_timeout + 2 * settings.idle_timeout + settings.consent_timeout + 10


def _add_jar(recorder: Recorder, cookies: Sequence[Mapping[str, Any]]) -> None:
    import hashlib

    from privacyscope.scan.model import CookieObservation

    for c in cookies:
        value = str(c.get("value", ""))
        recorder.cookies.append(
            CookieObservation(
                name=str(c.get("name", "")),
                domain=str(c.get("domain", "")),
                source="jar",
                expires=float(c["expires"]) if float(c.get("expires", -1) or -1) > 0 else None,
                value_sha256=hashlib.sha256(value.encode()).hexdigest()[:16],
            )
        )


async def _visit(
    context: BrowserContext,
    recorder: Recorder,
    consent: ConsentDriver,
    run: ScanRun,
    phase: str,
    index: int,
    url: str,
    phase_dir: Path,
    budget: float,
) -> tuple[PageVisit, list[str]]:
    settings = run.settings
    visit = PageVisit(index=index, url=url, phase=phase, status="ok")
    recorder.page_index = index
    consent.new_page(index)
    links: list[str] = []
    page: Page | None = None
    started = time.monotonic()
    try:
        page = await asyncio.wait_for(context.new_page(), timeout=15)
        await recorder.attach_cdp(context, page)
        page.set_default_timeout(settings.page_timeout * 1000)
        links = await asyncio.wait_for(
            _load_and_interact(page, visit, recorder, consent, run, phase_dir), timeout=budget
        )
    except (TimeoutError, Error) as exc:
        visit.status, visit.detail = classify_failure(exc)
    finally:
        visit.load_seconds = round(time.monotonic() - started, 2)
        if page is not None:
            if visit.status != "ok" and settings.screenshots and visit.screenshot is None:
                await _screenshot(page, visit, phase_dir, index)
            with contextlib.suppress(Error, asyncio.TimeoutError):
                await asyncio.wait_for(page.close(run_before_unload=False), timeout=10)
    return visit, links


async def _load_and_interact(
    page: Page,
    visit: PageVisit,
    recorder: Recorder,
    consent: ConsentDriver,
    run: ScanRun,
    phase_dir: Path,
) -> list[str]:
    settings = run.settings
    response = await page.goto(visit.url, wait_until="load", timeout=settings.page_timeout * 1000)
    visit.final_url = page.url
    if response is not None:
        visit.http_status = response.status
        if response.status >= 400:
            visit.status, visit.detail = "http-error", f"HTTP {response.status}"
    visit.network_idle = await _idle(page, settings.idle_timeout)
    acted_before = consent.consent_action_t
    await consent.settle(page, settings.consent_timeout)
    recorder.consent_action_t = consent.consent_action_t
    if consent.consent_action_t != acted_before:  # clicked on this page: let tags react
        await page.wait_for_timeout(300)
        idle_again = await _idle(page, settings.idle_timeout)
        visit.network_idle = visit.network_idle and idle_again
    if settings.fill_forms:
        visit.forms_filled = await fill_forms(page, run.canary)
        if visit.forms_filled:
            await page.wait_for_timeout(300)
            idle_again = await _idle(page, settings.idle_timeout)
            visit.network_idle = visit.network_idle and idle_again
    if settings.screenshots:
        await _screenshot(page, visit, phase_dir, visit.index)
    try:
        hrefs = await asyncio.wait_for(
            page.eval_on_selector_all("a[href]", "els => els.slice(0, 500).map(e => e.href)"),
            timeout=5,
        )
    except (TimeoutError, Error):
        hrefs = []
    page_site = site_of(urlsplit(visit.final_url or visit.url).hostname or "")
    links = []
    for href in hrefs if isinstance(hrefs, list) else []:
        link = normalise_link(str(href))
        if link and site_of_url(link) == page_site:
            links.append(link)
    return links


async def _idle(page: Page, timeout: float) -> bool:
    try:
        await page.wait_for_load_state("networkidle", timeout=timeout * 1000)
        return True
    except (Error, PlaywrightTimeout):
        return False


async def _screenshot(page: Page, visit: PageVisit, phase_dir: Path, index: int) -> None:
    path = phase_dir / f"page-{index}.png"
    try:
        await asyncio.wait_for(page.screenshot(path=str(path), timeout=5000), timeout=8)
        visit.screenshot = f"{phase_dir.name}/{path.name}"
    except (TimeoutError, Error):
        visit.screenshot = None
