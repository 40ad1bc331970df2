"""Sourced platform brief for a marketing decision ("should we use TikTok?").

Every statement in a brief is a :class:`~privacyscope.brief.model.Statement` carrying the fact ids
it rests on (or, for measurements, the scan/audit evidence). Public API: :func:`build_brief`,
:func:`render_html`, :func:`render_pdf`, :func:`brief_to_dict`.
"""

from __future__ import annotations

from privacyscope.brief.build import build_brief
from privacyscope.brief.model import Brief, Section, Statement, brief_to_dict
from privacyscope.brief.render import render_html, render_pdf

__all__ = [
    "Brief",
    "Section",
    "Statement",
    "brief_to_dict",
    "build_brief",
    "render_html",
    "render_pdf",
]
