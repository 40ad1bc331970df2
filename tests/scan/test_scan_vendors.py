"""Unit tests of each vendor signature against payload fixtures written for these tests."""

from __future__ import annotations

import base64
import gzip
import json
from urllib.parse import urlencode

import pytest
from hypothesis import given
from hypothesis import strategies as st

from privacyscope.scan.vendors import BY_ID, VENDOR_IDS, VENDORS, RequestView, vendor_for_host

SHA = "a" * 64


def req(url: str, body: str | bytes | None = None, method: str = "GET") -> RequestView:
    if isinstance(body, str):
        body = body.encode()
    return RequestView(url=url, method="POST" if body is not None else method, body=body)


def test_registry_order_and_uniqueness() -> None:
    assert (
        tuple(v.id for v in VENDORS)
        == VENDOR_IDS
        == ("tiktok", "meta", "linkedin", "snap", "x", "google")
    )


# --- TikTok ----------------------------------------------------------------------------------

TT = BY_ID["tiktok"]


def test_tiktok_script_and_pixel_id() -> None:
    r = req("https://analytics.tiktok.com/i18n/pixel/events.js?sdkid=CABC123&lib=ttq")
    assert TT.is_script(r) and TT.script_pixel_id(r) == "CABC123"
    assert not TT.events(r)


def test_tiktok_v2_event_with_advanced_matching() -> None:
    body = {
        "event": "CompletePayment",
        "context": {
            "pixel": {"code": "CABC123"},
            "page": {"url": "https://shop.example/p"},
            "user": {"email": SHA, "phone_number": "b" * 64, "anonymous_id": "x1"},
        },
        "properties": {"value": 3},
    }
    (ev,) = TT.events(req("https://analytics.tiktok.com/api/v2/pixel", json.dumps(body)))
    assert ev.event == "CompletePayment" and ev.pixel_id == "CABC123"
    assert ev.page_url == "https://shop.example/p"
    assert ev.pii == {"email": SHA, "phone": "b" * 64}
    assert ev.identifiers == {"anonymous_id": "x1"}


def test_tiktok_batch_and_legacy_and_get_variant() -> None:
    batch = {
        "batch": [
            {"event": "Pageview", "context": {"pixel": {"code": "P1"}}},
            {"event": "ViewContent", "context": {"pixel": {"code": "P1"}}},
        ]
    }
    evs = TT.events(req("https://analytics.tiktok.com/api/v2/pixel/act", json.dumps(batch)))
    assert [e.event for e in evs] == ["Pageview", "ViewContent"]
    legacy = TT.events(
        req(
            "https://analytics.tiktok.com/api/v1/track",
            json.dumps({"event": "Browse", "context": {"pixel": {"code": "OLD"}}}),
        )
    )
    assert legacy[0].pixel_id == "OLD"
    msg = base64.b64encode(
        json.dumps({"event": "ClickButton", "context": {"pixel": {"code": "G1"}}}).encode()
    ).decode()
    (get,) = TT.events(
        req("https://analytics.tiktok.com/api/v2/pixel?" + urlencode({"analytics_message": msg}))
    )
    assert get.event == "ClickButton" and get.pixel_id == "G1"


def test_tiktok_telemetry_is_not_an_event() -> None:
    for path in ("/api/v2/monitor", "/api/v2/pixel/perf", "/api/v2/pixel/inter"):
        assert not TT.events(req("https://analytics.tiktok.com" + path, '{"event":"x"}'))


def test_tiktok_cookies() -> None:
    assert TT.cookie("_ttp") and TT.cookie("ttwid") and not TT.cookie("_ga")
    assert TT.cookie("ttwid").first_party is False  # type: ignore[union-attr]


# --- Meta ------------------------------------------------------------------------------------

META = BY_ID["meta"]


def test_meta_image_get_with_user_data() -> None:
    q = urlencode(
        {
            "id": "1234",
            "ev": "Purchase",
            "dl": "https://shop.example/c",
            "rl": "",
            "ud[em]": SHA,
            "ud[ph]": "c" * 64,
            "ud[zp]": "d" * 64,
            "fbp": "fb.1.1.2",
        }
    )
    (ev,) = META.events(req("https://www.facebook.com/tr/?" + q))
    assert (ev.pixel_id, ev.event, ev.page_url) == ("1234", "Purchase", "https://shop.example/c")
    assert ev.pii == {"email": SHA, "phone": "c" * 64, "zip": "d" * 64}
    assert ev.identifiers == {"fbp": "fb.1.1.2"}


def test_meta_beacon_post_body() -> None:
    (ev,) = META.events(req("https://www.facebook.com/tr", "id=99&ev=Lead&dl=https%3A%2F%2Fa.b%2F"))
    assert ev.pixel_id == "99" and ev.event == "Lead" and ev.page_url == "https://a.b/"


def test_meta_scripts() -> None:
    assert META.is_script(req("https://connect.facebook.net/en_US/fbevents.js"))
    assert META.is_script(req("https://connect.facebook.net/signals/config/1234?v=2"))
    assert not META.is_script(req("https://www.facebook.com/tr?id=1"))


# --- LinkedIn --------------------------------------------------------------------------------

LI = BY_ID["linkedin"]


def test_linkedin_collect_and_wa_hashed_email() -> None:
    (ev,) = LI.events(
        req(
            "https://px.ads.linkedin.com/collect?"
            + urlencode({"pid": "555", "fmt": "js", "url": "https://shop.example/", "time": "1"})
        )
    )
    assert ev.pixel_id == "555" and ev.event == "page_view"
    conv = LI.events(req("https://px.ads.linkedin.com/collect?pid=5&conversionId=77&fmt=gif"))
    assert conv[0].event == "conversion"
    blob = base64.b64encode(
        gzip.compress(
            json.dumps(
                {"pid": 555, "url": "https://shop.example/", "hem": SHA, "signalType": "CLICK"}
            ).encode()
        )
    ).decode()
    (wa,) = LI.events(req("https://px.ads.linkedin.com/wa/", blob))
    assert wa.pii == {"email": SHA} and wa.event == "CLICK" and wa.pixel_id == "555"
    assert LI.is_script(req("https://snap.licdn.com/li.lms-analytics/insight.min.js"))


# --- Snap ------------------------------------------------------------------------------------

SNAP = BY_ID["snap"]


def test_snap_beacon() -> None:
    body = urlencode(
        {
            "pid": "abc-1",
            "ev": "PURCHASE",
            "pl": "https://shop.example/",
            "u_hem": SHA,
            "u_hpn": "e" * 64,
        }
    )
    (ev,) = SNAP.events(req("https://tr.snapchat.com/p", body))
    assert (ev.pixel_id, ev.event) == ("abc-1", "PURCHASE")
    assert ev.pii == {"email": SHA, "phone": "e" * 64}
    assert SNAP.is_script(req("https://sc-static.net/scevent.min.js"))
    assert SNAP.cookie("_scid_r") is not None


# --- X ---------------------------------------------------------------------------------------

XV = BY_ID["x"]


def test_x_adsct() -> None:
    q = urlencode(
        {
            "txn_id": "o1x2y",
            "p_id": "Twitter",
            "tw_document_href": "https://s.e/",
            "events": json.dumps([["pageview", {}], ["purchase", {"value": 1}]]),
        }
    )
    evs = XV.events(req("https://analytics.twitter.com/i/adsct?" + q))
    assert [e.event for e in evs] == ["pageview", "purchase"]
    assert evs[0].pixel_id == "o1x2y" and evs[0].page_url == "https://s.e/"
    assert XV.events(req("https://t.co/i/adsct?" + q))
    assert XV.is_script(req("https://static.ads-twitter.com/uwt.js"))


# --- Google ----------------------------------------------------------------------------------

GOOGLE = BY_ID["google"]


def test_ga4_hit_with_consent_mode() -> None:
    q = urlencode(
        {
            "v": "2",
            "tid": "G-ABC",
            "cid": "1.2",
            "en": "page_view",
            "dl": "https://shop.example/",
            "gcs": "G100",
            "gcd": "13p3p3p2p5",
        }
    )
    (ev,) = GOOGLE.events(req("https://region1.google-analytics.com/g/collect?" + q))
    assert ev.pixel_id == "G-ABC" and ev.event == "page_view"
    assert ev.consent == {"gcs": "G100", "gcd": "13p3p3p2p5"}
    assert ev.identifiers == {"cid": "1.2"}


def test_ga4_batched_post() -> None:
    url = "https://www.google-analytics.com/g/collect?v=2&tid=G-ABC&cid=9&gcs=G111"
    evs = GOOGLE.events(req(url, "en=scroll&ep.x=1\r\nen=purchase&em=tv.1~em." + SHA))
    assert [e.event for e in evs] == ["scroll", "purchase"]
    assert evs[1].pii == {"email": SHA}
    assert all(e.consent["gcs"] == "G111" for e in evs)


def test_google_ads_and_loaders() -> None:
    (ev,) = GOOGLE.events(
        req(
            "https://googleads.g.doubleclick.net/pagead/viewthroughconversion/987654/?gcs=G100&url=x"
        )
    )
    assert ev.pixel_id == "AW-987654" and ev.consent["gcs"] == "G100"
    gtm = req("https://www.googletagmanager.com/gtm.js?id=GTM-XYZ")
    assert GOOGLE.is_script(gtm) and GOOGLE.script_pixel_id(gtm) == "GTM-XYZ"
    assert GOOGLE.is_script(req("https://www.googletagmanager.com/gtag/js?id=G-1"))
    assert not GOOGLE.is_script(req("https://www.google.com/recaptcha/api.js"))


def test_vendor_for_host() -> None:
    assert vendor_for_host("analytics.tiktok.com").id == "tiktok"  # type: ignore[union-attr]
    assert vendor_for_host("px.ads.linkedin.com").id == "linkedin"  # type: ignore[union-attr]
    assert vendor_for_host("nottiktok.com") is None
    assert vendor_for_host("shop.example") is None


@pytest.mark.parametrize("vendor", VENDORS, ids=lambda v: v.id)
@given(url_tail=st.text(max_size=80), body=st.one_of(st.none(), st.binary(max_size=300)))
def test_parsers_never_crash(vendor: object, url_tail: str, body: bytes | None) -> None:
    from privacyscope.scan.vendors.base import Vendor

    assert isinstance(vendor, Vendor)
    host = vendor.hosts[0]
    for path in ("/api/v2/pixel", "/tr", "/collect", "/p", "/i/adsct", "/g/collect", "/wa/"):
        vendor.events(RequestView(url=f"https://{host}{path}?{url_tail}", method="POST", body=body))
