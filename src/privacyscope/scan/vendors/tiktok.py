"""TikTok Pixel: ``ttq`` stub, events.js loader, JSON events to ``/api/v2/pixel``."""

from __future__ import annotations

import json
from typing import Any

from privacyscope.scan.vendors.base import (
    PII_EMAIL,
    PII_PHONE,
    CookieSignature,
    RequestView,
    Vendor,
    VendorEvent,
    decode_blob,
    dig,
    nonempty,
)

_PII_KEYS = {
    "email": PII_EMAIL,
    "sha256_email": PII_EMAIL,
    "phone_number": PII_PHONE,
    "sha256_phone_number": PII_PHONE,
    "external_id": "external_id",
}
_ID_KEYS = ("anonymous_id", "ttp")


def _event(doc: dict[str, Any]) -> VendorEvent:
    user = dig(doc, "context", "user") or {}
    pii: dict[str, str] = {}
    ids: dict[str, str] = {}
    if isinstance(user, dict):
        for key, value in nonempty(user).items():
            if key in _PII_KEYS:
                pii[_PII_KEYS[key]] = value
            elif key in _ID_KEYS:
                ids[key] = value
    ttp = dig(doc, "context", "ad", "ttp") or doc.get("_ttp")
    if ttp:
        ids["ttp"] = str(ttp)
    return VendorEvent(
        vendor="tiktok",
        event=str(doc.get("event") or "unknown"),
        pixel_id=dig(doc, "context", "pixel", "code"),
        page_url=dig(doc, "context", "page", "url"),
        pii=pii,
        identifiers=ids,
    )


def _docs(payload: Any) -> list[dict[str, Any]]:
    if isinstance(payload, list):
        return [d for d in payload if isinstance(d, dict)]
    if not isinstance(payload, dict):
        return []
    for key in ("batch", "data", "events"):
        if isinstance(payload.get(key), list):
            shared_context = payload.get("context")
            docs = []
            for doc in payload[key]:
                if isinstance(doc, dict):
                    if "context" not in doc and isinstance(shared_context, dict):
                        doc = {**doc, "context": shared_context}
                    docs.append(doc)
            return docs
    return [payload]


def parse(req: RequestView) -> list[VendorEvent]:
    payload = req.json()
    if payload is None:
        message = req.params().get("analytics_message")
        if message:
            raw = decode_blob(message)
            payload = json.loads(raw) if raw else None
    return [_event(doc) for doc in _docs(payload)]


VENDOR = Vendor(
    id="tiktok",
    name="TikTok Pixel",
    hosts=("analytics.tiktok.com", "analytics-sg.tiktok.com", "tiktok.com", "tiktokw.us"),
    scripts=(r"/i18n/pixel/(events|sdk|static/main)[^/]*\.js$", r"/i18n/pixel/static/"),
    endpoints=(r"analytics[^/]*\.tiktok\.com/api/v[0-9]+/(pixel|track)",),
    telemetry=(r"/(inter|perf|monitor)(/|$)",),
    cookies=(
        CookieSignature("_ttp"),
        CookieSignature("_tt_enable_cookie"),
        CookieSignature("ttclid"),
        CookieSignature("ttcsid", prefix=True, first_party=False),
        CookieSignature("ttwid", first_party=False),
        CookieSignature("msToken", first_party=False),
    ),
    parse=parse,
    script_id_params=("sdkid",),
)
