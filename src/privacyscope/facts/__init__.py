"""Sourced, dated platform facts (the knowledge base behind ``privacyscope brief``).

Public API: :func:`load` (built-in data + user override files), :class:`KnowledgeBase`,
:class:`Fact`, :class:`Claim`, :func:`is_stale`, :func:`resolve_platform`.
"""

from __future__ import annotations

from privacyscope.facts.loader import KnowledgeBase, is_stale, load, resolve_platform
from privacyscope.facts.schema import PLATFORM_NAMES, PLATFORMS, TOPICS, Claim, Fact

__all__ = [
    "PLATFORMS",
    "PLATFORM_NAMES",
    "TOPICS",
    "Claim",
    "Fact",
    "KnowledgeBase",
    "is_stale",
    "load",
    "resolve_platform",
]
