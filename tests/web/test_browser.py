"""Real browser tests: Playwright driving Debian's Chromium against a live server.

Screenshots of each main page go to ``test-artifacts/web/``. Without /usr/bin/chromium these
tests fail under CI (``CI`` set) and are skipped elsewhere.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from privacyscope.audit import run_audit

from .conftest import Live

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "web"
TIMEOUT = 60_000


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        message = f"{CHROMIUM} is missing: install Debian's chromium package"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture()
def page(browser: Any, live: Live) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(15_000)
    pg.dialogs = []  # type: ignore[attr-defined]
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.goto(f"{live.url}/?token={live.token}")
    yield pg
    context.close()


def shot(pg: Any, name: str) -> None:
    pg.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def go(pg: Any, selector: str) -> None:
    """Click a link or button that navigates, and wait until the new page has loaded."""
    with pg.expect_navigation():
        pg.click(selector)


def upload_through_page(pg: Any, selector: str, path: Path) -> str:
    pg.set_input_files(selector, str(path))
    pg.wait_for_url(re.compile(r"/audits/[0-9a-f-]+/$"), timeout=TIMEOUT)
    pg.wait_for_selector("#present-count")
    return str(pg.url).rstrip("/").rsplit("/", 1)[-1]


def test_upload_zip_and_explore_dashboard(page: Any, live: Live, exports: dict[str, Path]) -> None:
    pg = page
    expected = run_audit(exports["zip"])
    present = sum(1 for f in expected.findings if f.status == "present")
    assert pg.locator("#upload-form").is_visible()
    shot(pg, "home")
    audit_id = upload_through_page(pg, "#file-input", exports["zip"])
    assert pg.locator("#present-count").inner_text() == str(present)
    assert pg.locator("ol.top > li").count() == 3
    shot(pg, "overview")

    go(pg, "nav >> text=Findings")
    assert pg.locator("article.finding").count() == len(expected.findings)
    assert f"{len(expected.findings)} of {len(expected.findings)}" in pg.inner_text(
        "#findings-count"
    )
    pg.select_option("#f-severity", "high")
    go(pg, "form.filters button")
    highs = sum(1 for f in expected.findings if f.severity == "high")
    assert pg.locator("article.finding").count() == highs
    shot(pg, "findings")
    go(pg, "article.finding >> nth=0 >> h2 a")
    assert pg.locator("table.records tbody tr").count() >= 1
    shot(pg, "finding")

    go(pg, "header nav >> text=What TikTok knows")
    assert pg.locator("#chart-daily svg rect").count() > 10
    assert pg.locator("#chart-hourly svg rect").count() > 5
    assert pg.locator("#countries tbody tr").count() >= 1
    assert pg.locator("#ip-table tbody tr").count() == expected.ctx.trail.distinct_ips
    assert pg.locator("#settings-table tbody tr").count() >= 10
    before = pg.inner_text("#watch-hours")
    pg.fill("#gap", "1")
    pg.click("#watch button")
    pg.wait_for_url(re.compile(r"gap=1"))
    assert pg.inner_text("#watch-hours") != before
    shot(pg, "knows")

    go(pg, "header nav >> text=Claims")
    assert pg.locator("article.claim").count() == len(expected.claims)
    shot(pg, "claims")

    go(pg, "header nav >> text=Records")
    go(pg, "#record-tables >> text=activity")
    go(pg, ".facets >> text=watch")
    assert "120 records" in pg.inner_text("nav.pager >> nth=0")
    pg.select_option("#per", "25")
    go(pg, "form.search button")
    go(pg, "text=Next → >> nth=0")
    assert "Page 2 of 5" in pg.inner_text("nav.pager >> nth=0")
    pg.fill("#q", "tiktokv")
    go(pg, "form.search button")
    assert pg.locator("table.records tbody tr").count() == 25
    shot(pg, "records")

    go(pg, "header nav >> text=Downloads")
    assert pg.locator("#downloads li").count() == 3
    with pg.expect_download() as dl:
        pg.click("#downloads >> text=report.json")
    assert dl.value.suggested_filename.endswith("report.json")
    shot(pg, "downloads")
    assert audit_id in pg.url
    assert pg.dialogs == []


def test_token_enforced_in_the_browser(browser: Any, live: Live) -> None:
    context = browser.new_context()
    pg = context.new_page()
    try:
        response = pg.goto(f"{live.url}/")
        assert response is not None and response.status == 403
        assert "Forbidden" in pg.inner_text("body")
        response = pg.goto(f"{live.url}/static/app.css")
        assert response is not None and response.status == 403
        response = pg.goto(f"{live.url}/?token={live.token}")
        assert response is not None and response.status == 200
        assert "token=" not in pg.url  # redirected: the token does not stay in the address
    finally:
        context.close()


def test_xss_payload_in_a_dm_is_inert(page: Any, live: Live, audited: str) -> None:
    pg = page
    errors: list[str] = []
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    pg.goto(f"{live.url}/audits/{audited}/records/messages?q=alert")
    cell = pg.locator("table.records td", has_text="<script>alert('dm')</script>")
    assert cell.count() >= 1
    assert "<img src=x onerror=alert(1)>" in cell.first.inner_text()
    assert pg.locator("table.records img, table.records script").count() == 0
    pg.wait_for_timeout(300)
    assert pg.dialogs == []
    assert pg.evaluate("() => document.querySelectorAll('main script').length") == 0
    shot(pg, "messages-xss")


def test_folder_upload_and_drop(page: Any, exports: dict[str, Path]) -> None:
    pg = page
    first = upload_through_page(pg, "#folder-input", exports["folder"])
    assert int(pg.inner_text("#present-count")) > 0
    pg.click("a.brand")
    pg.wait_for_load_state("load")
    pg.wait_for_selector("#upload-form")
    data = exports["json"].read_text()
    pg.evaluate(
        """(text) => {
            const dt = new DataTransfer();
            dt.items.add(new File([text], "user_data_tiktok.json", {type: "application/json"}));
            const form = document.getElementById("upload-form");
            form.dispatchEvent(new DragEvent("drop", {dataTransfer: dt, bubbles: true,
                                                      cancelable: true}));
        }""",
        data,
    )
    pg.wait_for_function(
        "(first) => /^\\/audits\\/[0-9a-f-]+\\/$/.test(location.pathname)"
        " && !location.pathname.includes(first)",
        arg=first,
        timeout=TIMEOUT,
    )
    pg.wait_for_selector("#present-count")
    assert int(pg.inner_text("#present-count")) > 0


def test_delete_from_the_audit_list(page: Any, live: Live, exports: dict[str, Path]) -> None:
    pg = page
    audit_id = upload_through_page(pg, "#file-input", exports["json"])
    folder = live.data_dir / "audits" / audit_id
    assert folder.is_dir()
    pg.click("a.brand")
    row = pg.locator(f'tr[data-audit="{audit_id}"]')
    row.locator("text=Delete").click()
    shot(pg, "delete-confirm")
    pg.click("#confirm-delete")
    pg.wait_for_url(re.compile(r"deleted="))
    assert pg.locator(f'tr[data-audit="{audit_id}"]').count() == 0
    assert "Deleted the audit" in pg.inner_text("main")
    assert not folder.exists()


def test_keyboard_and_phone_width(page: Any, live: Live, audited: str) -> None:
    pg = page
    pg.goto(f"{live.url}/audits/{audited}/")
    pg.keyboard.press("Tab")
    assert pg.evaluate("() => document.activeElement.textContent") == "Skip to content"
    pg.keyboard.press("Enter")
    pg.keyboard.press("Tab")
    focused = pg.evaluate("() => document.activeElement.tagName")
    assert focused in ("A", "BUTTON", "SELECT", "INPUT", "DIV")
    pg.set_viewport_size({"width": 390, "height": 844})
    for path in ["/", "/findings", "/knows"]:
        pg.goto(f"{live.url}/audits/{audited}{path}")
        overflow = pg.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 1, path
        shot(pg, "phone-" + (path.strip("/") or "overview"))
    labels = pg.evaluate("""() => Array.from(document.querySelectorAll('input, select'))
        .filter(e => e.type !== 'hidden')
        .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label'))
        .map(e => e.id || e.name)""")
    assert labels == []
