"""Registry of vendor signatures: one module per vendor, each exposing ``VENDOR``.

The product's own signatures; they work without any third-party filter list.
Order matters: it is the order of the JSON summary and of the report.
"""

from __future__ import annotations

import importlib

from privacyscope.scan.vendors.base import RequestView, Vendor, VendorEvent

#: vendor ids in report order; each is a module ``privacyscope.scan.vendors.<id>``
VENDOR_IDS: tuple[str, ...] = ("tiktok", "meta", "linkedin", "snap", "x", "google")


def _load() -> tuple[Vendor, ...]:
    vendors: list[Vendor] = []
    seen: set[str] = set()
    for vid in VENDOR_IDS:
        module = importlib.import_module(f"{__name__}.{vid}")
        vendor = module.VENDOR
        if not isinstance(vendor, Vendor) or vendor.id != vid or vid in seen:
            raise RuntimeError(f"bad vendor signature module: {vid}")
        seen.add(vid)
        vendors.append(vendor)
    return tuple(vendors)


VENDORS: tuple[Vendor, ...] = _load()
BY_ID: dict[str, Vendor] = {v.id: v for v in VENDORS}


def vendor_for_host(host: str) -> Vendor | None:
    for vendor in VENDORS:
        if vendor.owns_host(host):
            return vendor
    return None


__all__ = [
    "BY_ID",
    "VENDORS",
    "VENDOR_IDS",
    "RequestView",
    "Vendor",
    "VendorEvent",
    "vendor_for_host",
]
