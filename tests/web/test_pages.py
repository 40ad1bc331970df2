"""Pages over HTTP: content, escaping, filters, search, pagination, downloads, delete."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from privacyscope.audit import run_audit

from .conftest import Live, upload, wait_done

XSS = "<script>alert('dm')</script>"


def test_overview(live: Live, audited: str, exports: dict[str, Path]) -> None:
    result = run_audit(exports["zip"])
    present = [f for f in result.findings if f.status == "present"]
    with live.client() as c:
        html = c.get(f"/audits/{audited}/").text
    assert f'id="present-count">{len(present)}<' in html
    assert "TikTok" in html and s_period(html)
    top = re.findall(r'<ol class="top">(.*?)</ol>', html, re.S)[0]
    assert top.count("<li>") == 3 and "What to do:" in top
    assert present[0].title in top


def test_dm_with_html_is_escaped_everywhere(live: Live, audited: str) -> None:
    with live.client() as c:
        for path in [
            "/records/messages",
            "/records/messages?q=alert",
            "/findings/messages.retained",
        ]:
            html = c.get(f"/audits/{audited}{path}").text
            assert "&lt;script&gt;alert(" in html, path
            assert XSS not in html and "<img src=x" not in html, path
        one = c.get(f"/audits/{audited}/records/messages", params={"q": "onerror"}).text
        assert "&lt;img src=x onerror=alert(1)&gt;" in one


def test_findings_filters(live: Live, audited: str) -> None:
    with live.client() as c:
        base = f"/audits/{audited}/findings"
        every = c.get(base).text.count('class="card finding"')
        high = c.get(base, params={"severity": "high"}).text
        absent = c.get(base, params={"status": "absent"}).text
        cat = c.get(base, params={"category": "exposure", "severity": "medium"}).text
    assert every >= 15
    n_high = high.count('class="card finding"')
    assert 0 < n_high < every and high.count("badge sev-high") == n_high
    assert absent.count("badge st-absent") == absent.count('class="card finding"') > 0
    assert cat.count('class="card finding"') == cat.count('badge cat">exposure')


def test_finding_links_to_its_records(live: Live, audited: str) -> None:
    with live.client() as c:
        html = c.get(f"/audits/{audited}/findings/tracking.off_platform").text
        assert "Page 1 of 1 · 48 records" in html
        assert html.count("<tr>") == 49  # header + 48 records
        assert c.get(f"/audits/{audited}/findings/nope").status_code == 404


def test_records_pagination_search_and_filters(live: Live, audited: str) -> None:
    with live.client() as c:
        base = f"/audits/{audited}/records"
        p2 = c.get(f"{base}/activity", params={"per": 25, "page": 2}).text
        assert "Page 2 of" in p2 and p2.count("<tr>") == 26
        watch = c.get(f"{base}/activity", params={"f_kind": "watch", "per": 200}).text
        assert "· 120 records" in watch
        for q in ['"', "a OR (", "NEAR(", "*", "'; DROP TABLE x; --", "%_\\"]:
            assert c.get(f"{base}/messages", params={"q": q}).status_code == 200, q
            assert c.get(f"{base}/logins", params={"q": q}).status_code == 200, q
        assert c.get(f"{base}/sqlite_master").status_code == 404
        assert c.get(f"{base}/findings").status_code == 404
        assert c.get(f"{base}/activity", params={"f_nope": "x"}).status_code == 200
        assert c.get(f"{base}/activity", params={"page": "999999"}).status_code == 200


def test_record_view_and_ref_redirect(live: Live, audited: str) -> None:
    with live.client() as c:
        claims = c.get(f"/audits/{audited}/claims").text
        ref = re.findall(r'href="(/audits/[^"]+/ref\?r=[^"]+)"', claims)[0]
        r = c.get(ref.replace("&amp;", "&"))
        assert r.status_code == 303 and "/records/" in r.headers["location"]
        assert c.get(r.headers["location"]).status_code == 200
        assert c.get(f"/audits/{audited}/ref", params={"r": "nope"}).status_code == 404


def test_knows_page_and_adjustable_watch_time(live: Live, audited: str) -> None:
    with live.client() as c:
        base = f"/audits/{audited}/knows"
        html = c.get(base).text
        for part in [
            'id="chart-daily"',
            'id="chart-hourly"',
            'id="ip-table"',
            'id="countries"',
            'id="off-sources"',
            'id="settings-table"',
            "<rect",
        ]:
            assert part in html, part
        hours = re.findall(r'id="watch-hours">([^<]+)<', html)[0]
        longer = re.findall(r'id="watch-hours">([^<]+)<', c.get(base, params={"gap": 1}).text)
        assert float(longer[0]) < float(hours)
        assert c.get(base, params={"gap": "abc"}).status_code == 200
        assert c.get(base, params={"gap": "-5"}).status_code == 200


def test_settings_checklist(live: Live, audited: str) -> None:
    with live.client() as c:
        html = c.get(f"/audits/{audited}/knows").text
    table = re.findall(r'id="settings-table">(.*?)</table>', html, re.S)[0]
    row = re.findall(r"<tr><td>Private account.*?</tr>", table, re.S)[0]
    assert ">off<" in row and ">on<" in row and "state-change" in row
    assert "Privacy" in row  # how to change it


def test_claims_page(live: Live, audited: str) -> None:
    with live.client() as c:
        html = c.get(f"/audits/{audited}/claims").text
    assert html.count('class="card claim"') == 6 and "contradicted" in html


def test_downloads(live: Live, audited: str) -> None:
    with live.client() as c:
        for name in ["report.html", "report.json", "audit.db"]:
            r = c.get(f"/audits/{audited}/download/{name}")
            assert r.status_code == 200
            assert r.headers["content-disposition"].startswith("attachment")
            assert len(r.content) > 1000
        for bad in ["meta.json", "..%2Fmeta.json", "dashboard.json", "audit.metadata.json"]:
            assert c.get(f"/audits/{audited}/download/{bad}").status_code == 404


@pytest.mark.parametrize("bad", ["...", "x", "20260101-000000-zzzzzz", "..%2F..%2Fetc"])
def test_bad_audit_ids_404(live: Live, bad: str) -> None:
    with live.client() as c:
        assert c.get(f"/audits/{bad}/").status_code == 404
        assert c.post(f"/audits/{bad}/delete").status_code == 404
        assert c.get("/switch", params={"audit": bad}).status_code == 404


def test_delete_removes_the_files(live: Live, exports: dict[str, Path]) -> None:
    with live.client() as c:
        audit_id = upload(c, exports["json"], name="to-delete")
        assert wait_done(c, audit_id)["phase"] == "done"
        folder = live.data_dir / "audits" / audit_id
        assert (folder / "audit.db").is_file()
        assert "Delete this audit and its files" in c.get(f"/audits/{audit_id}/delete").text
        r = c.post(f"/audits/{audit_id}/delete")
        assert r.status_code == 303 and "deleted=to-delete" in r.headers["location"]
        assert not folder.exists()
        assert c.get(f"/audits/{audit_id}/").status_code == 404
        assert audit_id not in c.get("/").text


def test_several_audits_switch(live: Live, audited: str) -> None:
    with live.client() as c:
        home = c.get("/").text
        assert f'value="{audited}"' in home
        r = c.get("/switch", params={"audit": audited})
        assert r.status_code == 303 and r.headers["location"] == f"/audits/{audited}/"


def test_sqlite_is_the_store(live: Live, audited: str) -> None:
    db = live.data_dir / "audits" / audited / "audit.db"
    con = sqlite3.connect(db)
    try:
        assert con.execute("SELECT count(*) FROM messages").fetchone()[0] == 16
    finally:
        con.close()


def s_period(html: str) -> bool:
    return bool(re.search(r"\d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d", html))


def test_upload_name_is_escaped(live: Live) -> None:
    with live.client() as c:
        name = "<script>alert(1)</script>.zip"
        audit_id = c.post("/api/audits", json={"name": name}).json()["id"]
        home = c.get("/").text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;.zip" in home
        assert "<script>alert(1)" not in home
        assert c.post(f"/audits/{audit_id}/delete").status_code == 303


def test_unfinished_audit_shows_progress_page(live: Live) -> None:
    with live.client() as c:
        audit_id = c.post("/api/audits", json={"name": "pending.zip"}).json()["id"]
        html = c.get(f"/audits/{audit_id}/").text
        assert 'id="job-status"' in html and "/static/status.js" in html
        assert c.get(f"/audits/{audit_id}/findings").status_code == 409
        assert c.get(f"/api/audits/{audit_id}/status").json()["phase"] == "uploading"
        assert c.post(f"/audits/{audit_id}/delete").status_code == 303
