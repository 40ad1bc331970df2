"""The comparison page: one self-contained file linking to each platform's own report."""

from __future__ import annotations

from typing import Any

from privacyscope.report.html import _env
from privacyscope.report.terminal import PLATFORM_NAMES


def render(data: dict[str, Any]) -> str:
    return _env().get_template("compare.html.j2").render(d=data, names=PLATFORM_NAMES)
