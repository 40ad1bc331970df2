"""Snap Pixel: ``snaptr`` stub, scevent.min.js, beacons to ``tr.snapchat.com/p``."""

from __future__ import annotations

from privacyscope.scan.vendors.base import (
    PII_EMAIL,
    PII_PHONE,
    CookieSignature,
    RequestView,
    Vendor,
    VendorEvent,
)

_PII = {"u_hem": PII_EMAIL, "u_hpn": PII_PHONE, "u_em": PII_EMAIL, "u_pn": PII_PHONE}


def parse(req: RequestView) -> list[VendorEvent]:
    params = req.params()
    if "pid" not in params and "ev" not in params:
        return []
    pii = {_PII[k]: v for k, v in params.items() if k in _PII and v}
    ids = {k: params[k] for k in ("u_c1", "u_scsid", "u_sclid") if params.get(k)}
    return [
        VendorEvent(
            vendor="snap",
            event=params.get("ev") or "unknown",
            pixel_id=params.get("pid") or None,
            page_url=params.get("pl") or None,
            pii=pii,
            identifiers=ids,
        )
    ]


VENDOR = Vendor(
    id="snap",
    name="Snap Pixel",
    hosts=("snapchat.com", "sc-static.net"),
    scripts=(r"sc-static\.net/scevent(\.min)?\.js$",),
    endpoints=(r"tr[^/]*\.snapchat\.com/(p|gateway/p|cm/p)$",),
    cookies=(
        CookieSignature("_scid", prefix=True),
        CookieSignature("_sctr"),
        CookieSignature("sc_at", first_party=False),
    ),
    parse=parse,
)
