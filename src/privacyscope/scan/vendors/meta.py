"""Meta Pixel: ``fbq`` stub, fbevents.js loader, events to ``facebook.com/tr``."""

from __future__ import annotations

from privacyscope.scan.vendors.base import (
    PII_EMAIL,
    PII_PHONE,
    CookieSignature,
    RequestView,
    Vendor,
    VendorEvent,
)

_UD = {
    "em": PII_EMAIL,
    "ph": PII_PHONE,
    "fn": "first_name",
    "ln": "last_name",
    "ct": "city",
    "st": "state",
    "zp": "zip",
    "ge": "gender",
    "db": "date_of_birth",
    "country": "country",
    "external_id": "external_id",
}


def parse(req: RequestView) -> list[VendorEvent]:
    params = req.params()
    if "id" not in params and "ev" not in params:
        return []
    pii = {}
    for key, value in params.items():
        if key.startswith("ud[") and key.endswith("]") and value:
            name = key[3:-1]
            pii[_UD.get(name, name)] = value
    ids = {k: params[k] for k in ("fbp", "fbc") if params.get(k)}
    return [
        VendorEvent(
            vendor="meta",
            event=params.get("ev") or "unknown",
            pixel_id=params.get("id") or None,
            page_url=params.get("dl") or None,
            pii=pii,
            identifiers=ids,
        )
    ]


VENDOR = Vendor(
    id="meta",
    name="Meta Pixel",
    hosts=("facebook.com", "facebook.net"),
    scripts=(r"connect\.facebook\.net/[^/]+/fbevents\.js$", r"connect\.facebook\.net/signals/"),
    endpoints=(r"facebook\.com/tr/?$",),
    cookies=(
        CookieSignature("_fbp"),
        CookieSignature("_fbc"),
        CookieSignature("fr", first_party=False),
        CookieSignature("datr", first_party=False),
    ),
    parse=parse,
)
