"""Integration: the fixture matrix scanned through the CLI in real Chromium, all on loopback."""

from __future__ import annotations

import hashlib
import json

import pytest
from scan_support import Scans, leftover_profiles, scan_processes

from privacyscope.scan.vendors import VENDOR_IDS

pytestmark = [pytest.mark.browser, pytest.mark.timeout(240)]
PHASES = ("no-interaction", "reject", "accept")
LEVEL_KEYS = ("script_fetched", "event_sent", "identifier_cookie", "hashed_pii")


def flags(cell: dict) -> tuple[bool, ...]:
    return tuple(cell[k] for k in LEVEL_KEYS)


def test_summary_schema(scans: Scans) -> None:
    s = scans.get("precon").summary
    assert s["schema_version"] == 1
    assert s["url"] == scans.web.url("/s/precon/")
    assert s["cookie_policy"] == "allow-third-party"
    assert set(s["vendors"]) == set(VENDOR_IDS)
    for vid in VENDOR_IDS:
        assert set(s["vendors"][vid]) == set(PHASES)
        for phase in PHASES:
            cell = s["vendors"][vid][phase]
            for key in LEVEL_KEYS:
                assert isinstance(cell[key], bool)
            assert {"events", "pixel_ids", "cookies", "identifier_fields"} <= set(cell["details"])
    assert isinstance(s["pages"], list) and s["pages"]
    # scan.json carries the same summary keys at top level (read by `privacyscope brief`)
    full = scans.get("precon").scan
    for key in ("schema_version", "url", "cookie_policy", "consent_platform", "vendors", "pages"):
        assert full[key] == s[key]


def test_pixels_before_consent_no_banner(scans: Scans) -> None:
    out = scans.get("precon")
    s = out.summary
    assert s["consent_platform"] is None
    for vid in VENDOR_IDS:
        for phase in PHASES:
            cell = s["vendors"][vid][phase]
            assert cell["script_fetched"] and cell["event_sent"], (vid, phase)
            assert cell["identifier_cookie"], (vid, phase)
    tt = out.cell("tiktok", "no-interaction")["details"]
    assert "Pageview" in tt["events"]
    assert tt["pixel_ids"] == ["CTESTPIXEL0001"]
    assert any(u.endswith("/s/precon/page2") for u in tt["page_urls"])  # crawled page 2
    names = {(c["name"], c["party"]) for c in tt["cookies"]}
    assert ("_ttp", "first") in names and ("ttwid", "third") in names
    meta = out.cell("meta", "no-interaction")["details"]
    assert meta["pixel_ids"] == ["123456789012345"] and "PageView" in meta["events"]
    assert "fbp" in meta["payload_identifiers"]
    # snap init carried a hashed e-mail of a known customer (not the canary)
    snap = out.cell("snap", "no-interaction")
    assert snap["hashed_pii"] and snap["details"]["identifier_fields"] == ["email"]
    assert s["verdict"]["level"] == 4
    assert "before any consent" in s["verdict"]["summary"]
    # pages: start page + page2 (fragment duplicate dropped, other site not followed)
    urls = [p["url"] for p in s["pages"] if p["phase"] == "no-interaction"]
    assert urls == [scans.web.url("/s/precon/"), scans.web.url("/s/precon/page2")]
    assert all(p["status"] == "ok" for p in s["pages"])


def test_other_trackers_classified(scans: Scans) -> None:
    rows = scans.get("precon").summary["other_third_parties"]["no-interaction"]
    by_host = {r["host"]: r for r in rows}
    assert by_host["analytics.tiktok.com"]["category"] == "vendor:tiktok"
    assert "cdn.tracker.example" in by_host
    assert by_host["collector.tracker.example"]["category"] in ("filter-list", "unclassified")


def test_third_party_cookie_blocked_policy(scans: Scans) -> None:
    out = scans.get("precon-block")
    assert out.summary["cookie_policy"] == "block-third-party"
    tt = out.cell("tiktok", "no-interaction")
    assert tt["identifier_cookie"]  # first-party _ttp still set
    cookies = {c["name"] for c in tt["details"]["cookies"]}
    assert "ttwid" not in cookies and "_ttp" in cookies
    blocked = tt["details"]["blocked_cookies"]
    assert any(c["name"] == "ttwid" and c["blocked_reasons"] for c in blocked)
    meta_blocked = out.cell("meta", "no-interaction")["details"]["blocked_cookies"]
    assert any(c["name"] == "fr" for c in meta_blocked)
    assert out.scan["settings"]["cookie_policy"] == "block-third-party"


def test_consent_gated_onetrust(scans: Scans) -> None:
    out = scans.get("onetrust")
    s = out.summary
    assert s["consent_platform"] == "Onetrust"
    for vid in ("tiktok", "meta", "google"):
        assert flags(out.cell(vid, "no-interaction")) == (False,) * 4
        assert flags(out.cell(vid, "reject")) == (False,) * 4
        accept = out.cell(vid, "accept")
        assert accept["script_fetched"] and accept["event_sent"] and accept["identifier_cookie"]
        assert not accept["details"]["before_consent_action"]
    assert s["verdict"]["level"] == 0
    consent = out.scan["captures"]
    assert consent["reject"]["consent"]["result"] is True
    assert consent["accept"]["consent"]["action"] == "optIn"
    assert consent["no-interaction"]["consent"]["popup_found"] is True
    # consent given once carries over to page 2 of the same profile
    accept_pages = [p for p in s["pages"] if p["phase"] == "accept"]
    assert len(accept_pages) == 2
    assert any(u.endswith("/page2") for u in out.cell("tiktok", "accept")["details"]["page_urls"])


def test_tiktok_hold_consent_custom_banner(scans: Scans) -> None:
    out = scans.get("holdconsent")
    assert out.summary["consent_platform"] == "custom (generic text match)"
    before = out.cell("tiktok", "no-interaction")
    assert before["script_fetched"] and not before["event_sent"]
    assert flags(out.cell("tiktok", "reject"))[:2] == (True, False)
    after = out.cell("tiktok", "accept")
    assert after["event_sent"] and "Pageview" in after["details"]["events"]
    v = out.summary["verdict"]["vendors"]["tiktok"]
    assert v["level"] == 1 and v["after_accept_level"] >= 2


def test_meta_consent_revoke(scans: Scans) -> None:
    out = scans.get("fbrevoke")
    assert out.summary["consent_platform"] == "Onetrust"
    for phase in ("no-interaction", "reject"):
        cell = out.cell("meta", phase)
        assert cell["script_fetched"] and not cell["event_sent"] and not cell["identifier_cookie"]
    accept = out.cell("meta", "accept")
    assert accept["event_sent"] and accept["identifier_cookie"]


def test_google_consent_mode_denied_default(scans: Scans) -> None:
    out = scans.get("gcm")
    before = out.cell("google", "no-interaction")
    assert before["event_sent"] and not before["identifier_cookie"]
    assert "gcs=G100" in before["details"]["consent_signals"]
    assert before["details"]["pixel_ids"] == ["G-TEST12345"]
    reject = out.cell("google", "reject")
    assert "gcs=G111" not in reject["details"]["consent_signals"]
    accept = out.cell("google", "accept")
    assert "gcs=G111" in accept["details"]["consent_signals"]
    assert any(c["name"] == "_ga" for c in accept["details"]["cookies"])


def test_automatic_advanced_matching_canary(scans: Scans) -> None:
    out = scans.get("aam")
    cell = out.cell("tiktok", "no-interaction")
    assert cell["hashed_pii"]
    assert set(cell["details"]["identifier_fields"]) >= {"email", "phone"}
    matches = cell["details"]["canary_matches"]
    assert {"field": "email", "encoding": "sha256"}.items() <= matches[0].items() or any(
        m["field"] == "email" and m["encoding"] == "sha256" for m in matches
    )
    assert "SubmitForm" in cell["details"]["events"]
    pages = out.summary["pages"]
    assert all(p["forms_filled"] >= 2 for p in pages)
    canary = out.scan["canary"]["email"]
    assert canary.endswith("@example.org")


def test_hostile_pages_each_get_a_result(scans: Scans) -> None:
    out = scans.get("robust")
    pages = {p["url"].split("shop.test", 1)[1]: p for p in out.summary["pages"]}
    assert len(out.summary["pages"]) == 8
    assert pages["/robust/"]["status"] == "ok"
    assert pages["/slow-never-loads"]["status"] == "timeout"
    assert pages["/loop"]["status"] == "redirect-loop"
    # 8 MB of HTML: loads in about a second here, may hit the 3 s limit on a loaded machine
    assert pages["/huge"]["status"] in ("ok", "timeout")
    assert pages["/busy"]["status"] == "ok" and pages["/busy"]["network_idle"] is False
    unreachable = pages["/"]  # https://unreachable.shop.test/
    assert unreachable["status"] == "unreachable"
    assert unreachable["detail"] == "net::ERR_NAME_NOT_RESOLVED"
    assert sum(1 for u in pages if u.startswith("/trap/")) == 2  # crawler trap bounded by --pages
    for p in out.summary["pages"]:
        assert p["seconds"] < 3 + 2 * 1.5 + 4 + 10 + 5
    assert "unreachable, net::ERR_NAME_NOT_RESOLVED" in out.stdout


def test_evidence_bundle_and_manifest(scans: Scans) -> None:
    out = scans.get("precon")
    root = out.out_dir
    for name in ("scan.json", "summary.html", "browser.json", "MANIFEST.sha256"):
        assert (root / name).is_file(), name
    for phase in PHASES:
        har = json.loads((root / phase / "requests.har").read_text())
        posts = [
            e
            for e in har["log"]["entries"]
            if e["request"]["method"] == "POST"
            and "analytics.tiktok.com/api/v2/pixel" in e["request"]["url"]
        ]
        assert posts and posts[0]["request"]["postData"]["text"]  # bodies kept
        assert (root / phase / "page-0.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    lines = (root / "MANIFEST.sha256").read_text().splitlines()
    listed = {}
    for line in lines:
        digest, rel = line.split("  ", 1)
        listed[rel] = digest
    files = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}
    assert set(listed) == files - {"MANIFEST.sha256"}
    for rel, digest in listed.items():
        assert hashlib.sha256((root / rel).read_bytes()).hexdigest() == digest
    browser = json.loads((root / "browser.json").read_text())
    assert "Chrom" in browser["version"] or browser["version"][0].isdigit()
    assert any(
        f.startswith("--host-resolver-rules=") and "MAP * ~NOTFOUND" in f for f in browser["flags"]
    )
    html = (root / "summary.html").read_text()
    assert "http://" not in html.replace("http-equiv", "") and "<script" not in html
    raw = out.scan["captures"]["no-interaction"]["requests"]
    assert any(r["post_data"] and "CTESTPIXEL0001" in r["post_data"] for r in raw)


def test_nothing_leaves_loopback(scans: Scans) -> None:
    """Every request went to a host mapped onto the fixture server, or failed to resolve."""
    from urllib.parse import urlsplit

    from fixture_site import HOSTS

    out = scans.get("precon")
    for phase, cap in out.scan["captures"].items():
        for r in cap["requests"]:
            parts = urlsplit(r["url"])
            if parts.scheme not in ("http", "https"):
                continue
            mapped = parts.hostname in HOSTS
            assert mapped or "ERR_NAME_NOT_RESOLVED" in (r["failure"] or ""), (phase, r["url"])
            if mapped:
                assert r["status"] is not None, (phase, r["url"], r["failure"])
    hosts = {h for h, _, _ in scans.web.hits}
    assert hosts <= set(HOSTS)


def test_no_browser_left_behind(scans: Scans) -> None:
    for name in list(scans.futures):
        scans.get(name)
    assert scan_processes() == []


def test_profiles_removed(scans: Scans) -> None:
    for name in list(scans.futures):
        scans.get(name)
    assert leftover_profiles() == []
