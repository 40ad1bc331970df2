from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

Runner = Callable[..., tuple[int, str, str]]  # the `run` fixture (tests/conftest.py)


@pytest.fixture(autouse=True)
def _no_env_facts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PRIVACYSCOPE_FACTS", raising=False)


def good_fact(**changes: object) -> dict[str, object]:
    fact: dict[str, object] = {
        "id": "user-01",
        "platform": ["tiktok"],
        "topic": "defaults",
        "date": "2026-10-01",
        "confidence": "primary",
        "statement": "Our legal team confirmed the TikTok Business Center setting X on 1 Oct 2026.",
        "sources": ["https://example.org/legal/memo-17"],
    }
    fact.update(changes)
    return {k: v for k, v in fact.items() if v is not None or k == "date"}


def write_yaml(path: Path, doc: object) -> Path:
    path.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    return path
