"""Instagram export detection: file paths plus a bounded peek, never dates.

Layouts: ``g1`` legacy flat root files (~2018-2020), ``g2`` root category folders (late 2020 -
mid 2022), ``g3`` 2023-2025 folders (security_and_login_information/, your_instagram_activity/),
``g4`` 2025-26 (login_and_profile_creation/, label_values records).
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

G1_FILES = ("account_history.json", "seen_content.json", "connections.json", "media.json")


LAYOUT_NAMES: dict[str, str] = {
    "g1": "G1 legacy (~2018-2020, flat root files)",
    "g2": "G2 (late 2020 - mid 2022, root category folders)",
    "g3": "G3 (2023-2025, security_and_login_information/ and your_instagram_activity/)",
    "g4": "G4 (2025-26, label_values records, login_and_profile_creation/)",
}


def layout_of(inp: ExportInput) -> str:
    if has_dir(inp, "login_and_profile_creation") or find_file(inp, "profile_activity.json"):
        return "g4"
    viewed = find_file(inp, "ads_viewed.json")
    if viewed is not None and sniff_json_keys(viewed, 256).lstrip().startswith("["):
        return "g4"
    if has_dir(
        inp,
        "security_and_login_information",
        "your_instagram_activity",
        "logged_information",
        "personal_information",
    ):
        return "g3"
    if has_dir(
        inp,
        "login_and_account_creation",
        "account_information",
        "ads_and_content",
        "recent_searches",
        "followers_and_following",
    ):
        return "g2"
    if find_file(inp, *G1_FILES):
        return "g1"
    return "g3"


def detect(inp: ExportInput) -> Detection | None:
    ig, fb, _js = marker_counts(inp)
    if ig == 0:
        return None
    fmt = "html" if html_only(inp) else "json"
    notes: list[str] = []
    if fmt == "html":
        notes.append("HTML export: request a JSON export from Instagram to audit it")
    layout = layout_of(inp)
    return Detection(
        platform="instagram",
        layout=layout,
        format=fmt,
        score=detection_score(ig, fb),
        notes=notes,
    )
