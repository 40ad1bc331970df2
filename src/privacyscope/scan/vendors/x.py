"""X (Twitter) pixel: ``twq`` stub, uwt.js, beacons to ``analytics.twitter.com/i/adsct``."""

from __future__ import annotations

import json

from privacyscope.scan.vendors.base import (
    PII_EMAIL,
    PII_PHONE,
    CookieSignature,
    RequestView,
    Vendor,
    VendorEvent,
)


def _event_names(raw: str) -> list[str]:
    try:
        doc = json.loads(raw)
    except ValueError:
        return [raw] if raw else []
    names: list[str] = []
    if isinstance(doc, list):
        for item in doc:
            if isinstance(item, list) and item:
                names.append(str(item[0]))
            elif isinstance(item, str | int):
                names.append(str(item))
    return names


def parse(req: RequestView) -> list[VendorEvent]:
    params = req.params()
    if "txn_id" not in params and "p_id" not in params:
        return []
    names = _event_names(params.get("events", "")) or [params.get("type") or "pageview"]
    pii = {}
    for key, label in (("email_address", PII_EMAIL), ("phone_number", PII_PHONE)):
        if params.get(key):
            pii[label] = params[key]
    return [
        VendorEvent(
            vendor="x",
            event=name,
            pixel_id=params.get("txn_id") or None,
            page_url=params.get("tw_document_href") or None,
            pii=pii,
            identifiers={"twclid": params["twclid"]} if params.get("twclid") else {},
        )
        for name in names
    ]


VENDOR = Vendor(
    id="x",
    name="X (Twitter) Pixel",
    hosts=("twitter.com", "ads-twitter.com", "t.co", "x.com"),
    scripts=(r"static\.ads-twitter\.com/(uwt|oct)\.js$",),
    endpoints=(r"(analytics\.twitter\.com|t\.co|ads-api\.x\.com)/i/adsct",),
    cookies=(
        CookieSignature("_twclid"),
        CookieSignature("muc_ads", first_party=False),
        CookieSignature("personalization_id", first_party=False),
        CookieSignature("guest_id", prefix=True, first_party=False),
    ),
    parse=parse,
    script_id_params=("id", "txn_id"),
)
