"""Snapchat value parsing: times ("YYYY/MM/DD HH:MM:SS UTC" and others) and lenient
coordinates ("52.09 ± 14.5 meters, 5.12 ± 14.5 meters", "Latitude, Longitude: 52.1, 5.1")."""

from __future__ import annotations

import re
from typing import Any

from privacyscope.timeparse import parse_time

_SLASH_DATE = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})")
_FLOAT = re.compile(r"[-+]?\d+(?:\.\d+)?")


def snap_time(value: Any) -> str | None:
    if isinstance(value, str):
        m = _SLASH_DATE.match(value.strip())
        if m:
            value = (
                f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
                + value.strip()[m.end() :]
            )
    return parse_time(value)


def _first_float(text: str) -> float | None:
    m = _FLOAT.search(text)
    return float(m.group(0)) if m else None


def latlng(value: Any) -> tuple[float | None, float | None]:
    """Lenient coordinate pair from a string; (None, None) when there is none."""
    if not isinstance(value, str):
        return None, None
    text = value.rsplit(":", 1)[-1] if ":" in value else value
    parts = text.split(",")
    if len(parts) < 2:
        return None, None
    lat, lng = _first_float(parts[0]), _first_float(parts[1])
    if lat is None or lng is None or not (-90 <= lat <= 90 and -180 <= lng <= 180):
        return None, None
    return lat, lng


def entry_latlng(entry: dict[str, Any]) -> tuple[float | None, float | None]:
    """Coordinates from any of the key shapes Snapchat has used."""
    for key, value in entry.items():
        low = key.lower()
        if "latitude" in low and "longitude" in low:
            return latlng(value)
        if low in ("coordinates", "location") and isinstance(value, str):
            return latlng(value)
    lat = next((v for k, v in entry.items() if k.lower() == "latitude"), None)
    lng = next((v for k, v in entry.items() if k.lower() == "longitude"), None)
    if lat is not None and lng is not None:
        la, ln = _first_float(str(lat)), _first_float(str(lng))
        if la is not None and ln is not None and -90 <= la <= 90 and -180 <= ln <= 180:
            return la, ln
    return None, None


def s(value: Any) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else str(value)
