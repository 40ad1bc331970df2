from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

Runner = Callable[..., tuple[int, str, str]]  # the `run` fixture (tests/conftest.py)
AS_OF = "2026-11-29"


@pytest.fixture(autouse=True)
def _no_env_facts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PRIVACYSCOPE_FACTS", raising=False)


def observation(**levels: bool) -> dict[str, Any]:
    base = {
        "script_fetched": False,
        "event_sent": False,
        "identifier_cookie": False,
        "hashed_pii": False,
        "details": {},
    }
    base.update(levels)
    return base


def scan_doc(*, tiktok_before_consent: bool = True) -> dict[str, Any]:
    early = tiktok_before_consent
    return {
        "schema_version": 1,
        "url": "https://shop.example.com/",
        "cookie_policy": "allow-third-party",
        "consent_platform": "ExampleCMP",
        "vendors": {
            "tiktok": {
                "no-interaction": observation(
                    script_fetched=early,
                    event_sent=early,
                    identifier_cookie=early,
                    details={
                        "endpoints": ["analytics.tiktok.com/api/v2/pixel"],
                        "cookies": ["_ttp"],
                    },
                ),
                "reject": observation(script_fetched=early),
                "accept": observation(
                    script_fetched=True, event_sent=True, identifier_cookie=True, hashed_pii=True
                ),
            },
            "meta": {
                "no-interaction": observation(),
                "reject": observation(),
                "accept": observation(script_fetched=True, event_sent=True),
                "future-state": {"whatever": 1},
            },
            "newvendor": {"accept": observation(script_fetched=True)},
        },
        "pages": ["/", "/checkout"],
        "extra_top_level": {"tolerated": True},
    }


def audit_doc() -> dict[str, Any]:
    return {
        "schema_version": 1,
        "platform": "tiktok",
        "export": {"layout": "g4", "format": "json"},
        "period": {"first": "2025-01-01T00:00:00Z", "last": "2026-10-31T00:00:00Z"},
        "settings": {"private_account": "off", "allow_downloads": "on"},
        "findings": [
            {
                "id": "exposure.public_account",
                "severity": "high",
                "status": "present",
                "title": "The business account is public",
                "explanation": "e",
                "evidence": {"setting": "off"},
                "remediation": "Review who can see your videos.",
            },
            {
                "id": "exposure.downloads",
                "severity": "medium",
                "status": "present",
                "title": "Anyone can download your videos",
                "remediation": "Turn off downloads.",
                "unknown_key": [1, 2],
            },
            {"id": "location.precise", "severity": "low", "status": "absent", "title": "t"},
            {"id": "ads.off_platform", "severity": "info", "status": "not_in_export"},
            "not a dict",
        ],
        "claims": [
            {
                "id": "location_every_30s",
                "claim": "c",
                "verdict": "contradicted",
                "evidence": {},
                "explanation": "Location points are days apart in this export.",
            },
            {"id": "claim.public-by-default", "verdict": "supported"},
            {"id": "something_new", "verdict": "partly"},
        ],
        "counts": {"records": 10},
        "unrecognized": [],
    }


def write_json(path: Path, doc: Any) -> Path:
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def statements_in(node: Any) -> list[dict[str, Any]]:
    """Every statement anywhere in a brief's JSON (a dict with 'text' and 'basis')."""
    found: list[dict[str, Any]] = []
    if isinstance(node, dict):
        if "text" in node and "basis" in node:
            found.append(node)
        for value in node.values():
            found.extend(statements_in(value))
    elif isinstance(node, list):
        for value in node:
            found.extend(statements_in(value))
    return found
