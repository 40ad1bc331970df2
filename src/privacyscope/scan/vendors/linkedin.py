"""LinkedIn Insight Tag: insight.min.js, beacons to ``px.ads.linkedin.com``."""

from __future__ import annotations

import json

from privacyscope.scan.vendors.base import (
    PII_EMAIL,
    CookieSignature,
    RequestView,
    Vendor,
    VendorEvent,
    decode_blob,
    maybe_decompress,
)


def _wa_body(req: RequestView) -> dict[str, object] | None:
    """``/wa/`` bodies are base64(gzip(JSON)); tolerate plain JSON and raw gzip too."""
    if not req.body:
        return None
    raw = maybe_decompress(req.body)
    for candidate in (raw, decode_blob(raw.decode("latin-1"))):
        if not candidate:
            continue
        try:
            doc = json.loads(candidate)
        except ValueError:
            continue
        if isinstance(doc, dict):
            return doc
    return None


def parse(req: RequestView) -> list[VendorEvent]:
    params = req.params()
    if "/wa" in req.path:
        doc = _wa_body(req) or {}
        pii = {PII_EMAIL: str(doc["hem"])} if doc.get("hem") else {}
        return [
            VendorEvent(
                vendor="linkedin",
                event=str(doc.get("signalType") or doc.get("type") or "website-action"),
                pixel_id=str(doc.get("pid") or params.get("pid") or "") or None,
                page_url=str(doc.get("url") or params.get("url") or "") or None,
                pii=pii,
            )
        ]
    pii = {PII_EMAIL: params["hem"]} if params.get("hem") else {}
    event = "conversion" if params.get("conversionId") else "page_view"
    if "attribution_trigger" in req.path:
        event = "attribution_trigger"
    return [
        VendorEvent(
            vendor="linkedin",
            event=event,
            pixel_id=params.get("pid") or None,
            page_url=params.get("url") or None,
            pii=pii,
            identifiers={"li_fat_id": params["li_fat_id"]} if params.get("li_fat_id") else {},
        )
    ]


VENDOR = Vendor(
    id="linkedin",
    name="LinkedIn Insight Tag",
    hosts=("linkedin.com", "licdn.com"),
    scripts=(r"snap\.licdn\.com/li\.lms-analytics/insight(\.min)?\.js$",),
    endpoints=(r"px\.ads\.linkedin\.com/(collect|wa|attribution_trigger)",),
    cookies=(
        CookieSignature("li_fat_id"),
        CookieSignature("li_sugr", first_party=False),
        CookieSignature("bcookie", first_party=False),
        CookieSignature("lidc", first_party=False),
        CookieSignature("UserMatchHistory", first_party=False),
        CookieSignature("AnalyticsSyncHistory", first_party=False),
    ),
    parse=parse,
    script_id_params=("pid",),
)
