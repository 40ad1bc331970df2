"""Google tags: GTM/gtag loaders, GA4 ``/g/collect`` hits, Ads conversions, Consent Mode."""

from __future__ import annotations

from urllib.parse import parse_qsl

from privacyscope.scan.vendors.base import (
    PII_EMAIL,
    PII_PHONE,
    CookieSignature,
    RequestView,
    Vendor,
    VendorEvent,
)

#: Consent Mode ``gcs`` values: G1<ad_storage><analytics_storage>, 1 granted, 0 denied.
GCS_MEANING = {
    "G100": "ad_storage and analytics_storage denied",
    "G110": "ad_storage granted, analytics_storage denied",
    "G101": "ad_storage denied, analytics_storage granted",
    "G111": "ad_storage and analytics_storage granted",
}


def _user_data(em: str) -> dict[str, str]:
    """Enhanced conversions: ``em=tv.1~em.<hash>~pn.<hash>``."""
    pii: dict[str, str] = {}
    for part in em.split("~"):
        key, _, value = part.partition(".")
        if key == "em" and value:
            pii[PII_EMAIL] = value
        elif key == "pn" and value:
            pii[PII_PHONE] = value
    if not pii and em and not em.startswith("tv."):
        pii[PII_EMAIL] = em
    return pii


def _ga4_hit(pairs: dict[str, str], url: str) -> VendorEvent:
    consent = {k: pairs[k] for k in ("gcs", "gcd", "npa", "dma") if k in pairs}
    ids = {k: pairs[k] for k in ("cid", "uid", "sid") if pairs.get(k)}
    return VendorEvent(
        vendor="google",
        event=pairs.get("en") or pairs.get("t") or "hit",
        pixel_id=pairs.get("tid") or None,
        page_url=pairs.get("dl") or None,
        pii=_user_data(pairs.get("em", "")),
        identifiers=ids,
        consent=consent,
    )


def parse(req: RequestView) -> list[VendorEvent]:
    path = req.path
    query = dict(req.query())
    if path.endswith("/collect"):
        body = req.body_text()
        lines = [ln for ln in body.splitlines() if "=" in ln] if body else []
        if not lines:
            return [_ga4_hit(query, req.url)]
        # a batch: shared query + one hit per body line
        return [_ga4_hit({**query, **dict(parse_qsl(ln))}, req.url) for ln in lines]
    # Ads: /pagead/viewthroughconversion/<id>/ , /pagead/1p-conversion/<id>/ , /pagead/conversion/
    parts = [p for p in path.split("/") if p]
    conv_id = None
    for i, part in enumerate(parts):
        if "conversion" in part and i + 1 < len(parts):
            conv_id = "AW-" + parts[i + 1]
    params = req.params()
    return [
        VendorEvent(
            vendor="google",
            event=params.get("en") or params.get("label") or "conversion",
            pixel_id=conv_id,
            page_url=params.get("url") or None,
            pii=_user_data(params.get("em", "")),
            identifiers={k: params[k] for k in ("gclaw", "auid") if params.get(k)},
            consent={k: params[k] for k in ("gcs", "gcd", "npa") if k in params},
        )
    ]


VENDOR = Vendor(
    id="google",
    name="Google tags (GA4, Ads, GTM)",
    hosts=(
        "googletagmanager.com",
        "google-analytics.com",
        "analytics.google.com",
        "doubleclick.net",
        "googleadservices.com",
        "googlesyndication.com",
        "google.com",
    ),
    scripts=(
        r"googletagmanager\.com/(gtm\.js|gtag/js)",
        r"google-analytics\.com/(analytics|ga)\.js",
    ),
    endpoints=(
        r"google-analytics\.com/(g/|j/)?collect$",
        r"analytics\.google\.com/g/collect$",
        r"/pagead/(viewthroughconversion|1p-conversion|conversion)/",
    ),
    cookies=(
        CookieSignature("_ga", prefix=True),
        CookieSignature("_gid"),
        CookieSignature("_gcl_", prefix=True),
        CookieSignature("IDE", first_party=False),
        CookieSignature("test_cookie", first_party=False),
        CookieSignature("NID", first_party=False),
    ),
    parse=parse,
)
