"""Consent banners: detect and drive them.

First ``@duckduckgo/autoconsent`` (vendored, MPL-2.0) with its full rule set; when it finds no
known CMP, a small generic driver that looks for a visible cookie notice with an
"Accept all" / "Reject all" style button. The no-interaction phase only detects, never clicks.
"""

from __future__ import annotations

import asyncio
import gzip
import json
import time
from functools import lru_cache
from importlib import resources
from typing import Any

from playwright.async_api import BrowserContext, Error, Page

from privacyscope.scan.model import ConsentLog

GENERIC_CMP = "custom (generic text match)"


@lru_cache(maxsize=1)
def _generic_js() -> str:
    return (
        resources.files("privacyscope.scan")
        .joinpath("generic_banner.js")
        .read_text(encoding="utf-8")
    )


@lru_cache(maxsize=1)
def _script() -> str:
    return (
        resources.files("privacyscope.scan.vendor")
        .joinpath("autoconsent.playwright.js")
        .read_text(encoding="utf-8")
    )


@lru_cache(maxsize=1)
def _rules_json() -> str:
    raw = (
        resources.files("privacyscope.scan.vendor")
        .joinpath("autoconsent-rules.json.gz")
        .read_bytes()
    )
    rules = json.loads(gzip.decompress(raw))
    return json.dumps({"autoconsent": rules.get("autoconsent", [])})


class ConsentDriver:
    """One per phase/profile. ``action`` is None (detect only), "optOut" or "optIn"."""

    def __init__(self, action: str | None, log: ConsentLog, t0: float) -> None:
        self.action = action
        self.log = log
        self.t0 = t0
        self.page_index = 0
        self.handled = False  # a banner was acted on in this profile
        self._done = asyncio.Event()
        self._nothing = asyncio.Event()
        self._popup = asyncio.Event()
        self._detected_here = False
        self.consent_action_t: float | None = None

    async def attach(self, context: BrowserContext) -> None:
        await context.expose_binding("autoconsentSendMessage", self._on_message)
        await context.add_init_script(script=_script())

    def new_page(self, index: int) -> None:
        self.page_index = index
        self._done = asyncio.Event()
        self._nothing = asyncio.Event()
        self._popup = asyncio.Event()
        self._detected_here = False

    def _note(self, text: str) -> None:
        if len(self.log.messages) < 200:
            self.log.messages.append(
                f"{time.monotonic() - self.t0:.2f}s page {self.page_index}: {text}"
            )

    async def _on_message(self, source: dict[str, Any], msg: Any) -> None:
        if not isinstance(msg, dict):
            return
        frame = source.get("frame")
        kind = msg.get("type")
        try:
            if kind == "init" and frame is not None:
                config: dict[str, Any] = {
                    "enabled": True,
                    "autoAction": self.action,
                    "disabledCmps": [],
                    "enablePrehide": False,
                    "enableCosmeticRules": True,
                    "enableGeneratedRules": True,
                    "enableHeuristicDetection": False,
                    "heuristicMode": "off",
                    "detectRetries": 8,
                    "isMainWorld": True,
                    "prehideTimeout": 2000,
                    "visualTest": False,
                    "logs": {
                        "lifecycle": False,
                        "rulesteps": False,
                        "errors": False,
                        "messages": False,
                        "evals": False,
                        "detectionsteps": False,
                        "waits": False,
                    },
                }
                await frame.evaluate(
                    f"autoconsentReceiveMessage({{type: 'initResp', config: {json.dumps(config)},"
                    f" rules: {_rules_json()}}})"
                )
            elif kind == "eval" and frame is not None:
                result = await frame.evaluate(msg.get("code", "false"))
                await frame.evaluate(
                    "([id, result]) => autoconsentReceiveMessage({id, type: 'evalResp', result})",
                    [msg.get("id"), result],
                )
            elif kind in ("cmpDetected", "popupFound"):
                self.log.cmp = self.log.cmp or str(msg.get("cmp"))
                self._detected_here = True
                self.log.method = self.log.method or "autoconsent"
                self._note(f"{kind} {msg.get('cmp')}")
                if kind == "popupFound":
                    self.log.popup_found = True
                    if self.log.page_index is None:
                        self.log.page_index = self.page_index
                    self._popup.set()
                    if self.action:
                        self.consent_action_t = time.monotonic() - self.t0
                        self.log.t = self.log.t if self.log.t is not None else self.consent_action_t
            elif kind in ("optOutResult", "optInResult"):
                self.log.result = bool(msg.get("result"))
                self.handled = self.handled or bool(msg.get("result"))
                self._note(f"{kind} {msg.get('cmp')} result={msg.get('result')}")
            elif kind == "autoconsentDone":
                self._note(f"done {msg.get('cmp')}")
                self._done.set()
            elif kind == "autoconsentError":
                self._note("autoconsent error")
            elif kind == "report":
                state = msg.get("state") or {}
                if msg.get("mainFrame") and state.get("lifecycle") == "nothingDetected":
                    self._nothing.set()
        except Error:
            pass  # frame navigated or detached meanwhile: harmless

    async def settle(self, page: Page, timeout: float) -> None:
        """Wait for autoconsent to finish, else try the generic driver. Bounded by ``timeout``.

        The page has already reached network idle (or its idle limit), so CMP scripts have had
        their chance to load: with no CMP detected and no generic banner after ``quiet`` seconds,
        the page has no banner.
        """
        start = time.monotonic()
        deadline = start + timeout
        quiet = min(1.0, timeout)
        generic_tried = False
        while time.monotonic() < deadline:
            waited = time.monotonic() - start
            if self._done.is_set() or (self._nothing.is_set() and generic_tried):
                return
            if self._popup.is_set():
                if not self.action:
                    return  # detect only: banner seen, do not click
            elif waited >= quiet or self._nothing.is_set():
                if not generic_tried:
                    generic_tried = True
                    if await self._generic(page):
                        return
                if self.handled or not self._detected_here:
                    return  # consent already given in this profile, or no banner at all
            await asyncio.sleep(0.1)

    async def _generic(self, page: Page) -> bool:
        if self.handled:
            return False
        try:
            res = await page.evaluate(_generic_js(), self.action)
        except Error:
            return False
        if not isinstance(res, dict) or not res.get("found"):
            return False
        if self.log.cmp is None:
            self.log.cmp = GENERIC_CMP
            self.log.method = "generic-text"
            self.log.page_index = self.page_index
        self.log.popup_found = True
        if res.get("clicked"):
            self.consent_action_t = time.monotonic() - self.t0
            self.log.t = self.log.t if self.log.t is not None else self.consent_action_t
            self.log.result = True
            self.handled = True
            self._note(f"generic click '{res.get('clicked')}'")
        else:
            self._note("generic banner seen")
        return True
