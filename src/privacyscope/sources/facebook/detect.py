"""Facebook export detection: file paths plus a bounded peek, never dates.

Layouts: ``g1`` (~2018-2020, keys without ``_v2``), ``g2`` (~2021-22, ``_v2`` keys,
apps_and_websites_off_of_facebook/), ``g3`` (2023-24, your_activity_across_facebook/,
logged_information/, personal_information/, preferences/), ``g4`` (2025-26, label_values for
off-Meta activity, advertisers, primary location, registration_information.json,
your_devices.json).
"""

from __future__ import annotations

from privacyscope.inputs import ExportInput
from privacyscope.sources.base import Detection
from privacyscope.sources.meta_common import (
    detection_score,
    find_file,
    has_dir,
    html_only,
    marker_counts,
    sniff_json_keys,
)

_SECURITY = ("account_activity.json", "logins_and_logouts.json", "where_you're_logged_in.json")


LAYOUT_NAMES: dict[str, str] = {
    "g1": "G1 (~2018-2020, keys without _v2)",
    "g2": "G2 (~2021-22, _v2 keys)",
    "g3": "G3 (2023-24, logged_information/ and personal_information/)",
    "g4": "G4 (2025-26, label_values for off-Meta activity, advertisers, locations)",
}


def layout_of(inp: ExportInput) -> str:
    if find_file(inp, "registration_information.json", "your_devices.json"):
        return "g4"
    off = find_file(inp, "your_activity_off_meta_technologies.json")
    if off is not None and sniff_json_keys(off, 256).lstrip().startswith("["):
        return "g4"
    if has_dir(
        inp,
        "your_activity_across_facebook",
        "your_facebook_activity",
        "logged_information",
        "personal_information",
        "preferences",
        "connections",
    ):
        return "g3"
    sec = find_file(inp, *_SECURITY)
    if sec is not None:
        return "g2" if "_v2" in sniff_json_keys(sec, 1024) else "g1"
    if has_dir(inp, "apps_and_websites_off_of_facebook", "other_logged_information"):
        return "g2"
    return "g1"


def detect(inp: ExportInput) -> Detection | None:
    ig, fb, _js = marker_counts(inp)
    if fb == 0:
        return None
    fmt = "html" if html_only(inp) else "json"
    notes = []
    if fmt == "html":
        notes.append("HTML export: request a JSON export from Facebook to audit it")
    return Detection(
        platform="facebook",
        layout=layout_of(inp),
        format=fmt,
        score=detection_score(fb, ig),
        notes=notes,
    )
