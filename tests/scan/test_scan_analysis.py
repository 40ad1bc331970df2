"""Unit tests: canary search, sites, classification, verdict, HTML escaping."""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path
from urllib.parse import quote

from privacyscope.scan.analyze import reached_server, vendor_cell, verdict
from privacyscope.scan.canary import Canary, CanaryIndex
from privacyscope.scan.classify import Classifier
from privacyscope.scan.model import CapturedRequest, ConsentLog, CookieObservation, PhaseCapture
from privacyscope.scan.sites import party, site_of
from privacyscope.scan.vendors import BY_ID

CANARY = Canary(
    token="abcd1234",
    email="ps.canary.abcd1234@example.org",
    phone="+44 7700 900123",
    first_name="Canaria",
    last_name="Tokabcd1234",
)
INDEX = CanaryIndex.build(CANARY)


def encodings(url: str, body: str | None = None) -> set[tuple[str, str]]:
    return {(m.field, m.encoding) for m in INDEX.search(url, body)}


def test_canary_forms() -> None:
    email = CANARY.email
    assert ("email", "plain") in encodings("https://t.example/?e=" + quote(email))
    sha = hashlib.sha256(email.encode()).hexdigest()
    assert ("email", "sha256") in encodings("https://t.example/", json.dumps({"em": sha.upper()}))
    md5 = hashlib.md5(email.encode()).hexdigest()
    assert ("email", "md5") in encodings(f"https://t.example/?h={md5}")
    b64 = base64.b64encode(email.encode()).decode()
    assert ("email", "base64") in encodings("https://t.example/", f"x={b64}")
    phone_sha = hashlib.sha256(b"447700900123").hexdigest()
    assert ("phone", "sha256") in encodings("https://t.example/", phone_sha)
    assert encodings("https://t.example/?q=nothing", "unrelated body") == set()


def test_canary_inside_base64_gzip_json() -> None:
    import gzip

    sha = hashlib.sha256(CANARY.email.encode()).hexdigest()
    blob = base64.b64encode(gzip.compress(json.dumps({"hem": sha}).encode())).decode()
    assert ("email", "sha256") in encodings("https://px.ads.linkedin.com/wa/", blob)


def test_fresh_canaries_differ() -> None:
    a, b = Canary.fresh(), Canary.fresh()
    assert a.email != b.email and a.email.endswith("@example.org")


def test_sites_offline_psl() -> None:
    assert site_of("www.shop.example.co.uk") == "example.co.uk"
    assert site_of("analytics.tiktok.com") == "tiktok.com"
    assert site_of("127.0.0.1") == "127.0.0.1"
    assert party(".tiktok.com", "shop.test") == "third"
    assert party("www.shop.test", "shop.test") == "first"


def test_classifier_reports_matching_rule(tmp_path: Path) -> None:
    lst = tmp_path / "mini.txt"
    lst.write_text("! test list\n||collector.tracker.example^$third-party\n/pixel.gif?\n")
    clf = Classifier.from_paths([str(lst)], use_system=False)
    rows = clf.classify(
        [
            ("https://collector.tracker.example/hit?u=1", "https://shop.test/", "ping"),
            ("https://cdn.other.example/pixel.gif?a=1", "https://shop.test/", "image"),
            ("https://static.shop.test/app.js", "https://shop.test/", "script"),
            ("https://analytics.tiktok.com/api/v2/pixel", "https://shop.test/", "fetch"),
            ("https://fonts.example/f.woff2", "https://shop.test/", "font"),
        ],
        "shop.test",
    )
    by_host = {r.host: r for r in rows}
    assert "static.shop.test" not in by_host  # first party
    assert by_host["collector.tracker.example"].rule == "||collector.tracker.example^$third-party"
    assert by_host["collector.tracker.example"].list_name == "mini.txt"
    assert by_host["cdn.other.example"].rule == "/pixel.gif?"
    assert by_host["analytics.tiktok.com"].category == "vendor:tiktok"  # own signatures first
    assert by_host["fonts.example"].category == "unclassified"


def test_classifier_without_lists_still_knows_vendors() -> None:
    clf = Classifier.from_paths([], use_system=False)
    rows = clf.classify(
        [("https://www.facebook.com/tr?id=1", "https://s.test/", "image")], "s.test"
    )
    assert rows[0].category == "vendor:meta" and rows[0].rule is None


def _capture(
    reqs: list[CapturedRequest], cookies: list[CookieObservation], consent_t: float | None = None
) -> PhaseCapture:
    return PhaseCapture(
        phase="reject",
        requests=reqs,
        cookies=cookies,
        consent=ConsentLog(action="optOut", t=consent_t),
    )


def test_vendor_cell_levels_and_failed_requests() -> None:
    ok_script = CapturedRequest(
        id=0,
        page_index=0,
        resource_type="script",
        t=0.1,
        method="GET",
        url="https://analytics.tiktok.com/i18n/pixel/events.js?sdkid=P9",
        status=200,
    )
    dns_fail = CapturedRequest(
        id=1,
        page_index=0,
        resource_type="fetch",
        t=0.2,
        method="POST",
        url="https://analytics.tiktok.com/api/v2/pixel",
        post_data='{"event":"Pageview"}',
        failure="net::ERR_NAME_NOT_RESOLVED",
    )
    assert not reached_server(dns_fail)
    cookies = [
        CookieObservation(name="_ttp", domain="shop.test", source="jar"),
        CookieObservation(
            name="ttwid",
            domain=".tiktok.com",
            source="blocked-set",
            blocked_reasons=["ThirdPartyPhaseout"],
        ),
        CookieObservation(name="_ttp", domain="other.example", source="jar"),
    ]
    cell = vendor_cell(
        BY_ID["tiktok"], _capture([ok_script, dns_fail], cookies), "shop.test", INDEX
    )
    assert cell["script_fetched"] and not cell["event_sent"]
    assert cell["identifier_cookie"]
    assert cell["details"]["pixel_ids"] == ["P9"]
    assert cell["details"]["failed_requests"] == 1
    assert [c["name"] for c in cell["details"]["cookies"]] == ["_ttp"]
    assert cell["details"]["blocked_cookies"][0]["blocked_reasons"] == ["ThirdPartyPhaseout"]


def test_verdict_without_banner_counts_accept_as_pre_consent() -> None:
    def cell(level: int) -> dict:
        keys = ("script_fetched", "event_sent", "identifier_cookie", "hashed_pii")
        return {k: i < level for i, k in enumerate(keys)}

    vendors = {"tiktok": {"no-interaction": cell(0), "reject": cell(0), "accept": cell(4)}}
    assert verdict(vendors, None)["level"] == 4
    with_banner = verdict(vendors, "Onetrust")
    assert with_banner["level"] == 0 and with_banner["vendors"]["tiktok"]["after_accept_level"] == 4


def test_html_summary_escapes_everything() -> None:
    from privacyscope.scan.report import render_html

    evil = "<script>alert(1)</script>"
    empty = {k: False for k in ("script_fetched", "event_sent", "identifier_cookie", "hashed_pii")}
    empty["details"] = {
        "events": [evil],
        "pixel_ids": [],
        "cookies": [],
        "blocked_cookies": [],
        "identifier_fields": [],
        "consent_signals": [],
    }
    empty["event_sent"] = True
    summary = {
        "url": "https://x.test/?q=" + evil,
        "cookie_policy": "allow-third-party",
        "consent_platform": evil,
        "phases": ["no-interaction"],
        "vendors": {"tiktok": {"no-interaction": empty}},
        "verdict": {
            "level": 2,
            "summary": evil,
            "vendors": {"tiktok": {"level": 2, "text": evil, "phase": evil}},
        },
        "pages": [
            {
                "phase": "no-interaction",
                "index": 0,
                "url": evil,
                "status": "ok",
                "detail": evil,
                "network_idle": True,
                "seconds": 1,
                "screenshot": None,
            }
        ],
        "other_third_parties": {
            "no-interaction": [
                {"host": evil, "category": "x", "rule": evil, "list": None, "requests": 1}
            ]
        },
        "filter_lists": [],
    }

    class Run:
        browser_version = evil
        seconds = 1

    html = render_html(summary, Run())  # type: ignore[arg-type]
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
