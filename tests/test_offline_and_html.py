"""An audit opens no network connection; the HTML report is offline-safe and escapes input."""

from __future__ import annotations

import asyncio
import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from privacyscope.audit import run_audit
from privacyscope.report import html

HOOK = r"""
import sys
events = []
def hook(event, args):
    if event.startswith("socket.") or event in ("urllib.Request", "http.client.connect"):
        events.append(event)
        raise RuntimeError("network access during audit: " + event)
sys.addaudithook(hook)
from privacyscope.cli import main
try:
    main(sys.argv[1:])
finally:
    if events:
        print("NETWORK:", events, file=sys.stderr)
"""


def test_audit_opens_no_network_connection(
    tiktok_export: Callable[..., Path], tmp_path: Path
) -> None:
    """Every socket operation in the audit process raises (Python audit hooks see them all)."""
    for layout in ("g4", "txt"):
        proc = subprocess.run(
            [
                sys.executable,
                "-c",
                HOOK,
                "audit",
                str(tiktok_export(layout)),
                "--out",
                str(tmp_path / layout),
                "-q",
            ],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert proc.returncode == 0, proc.stderr
        assert "NETWORK" not in proc.stderr
        assert (tmp_path / layout / "report.html").exists()


def test_hook_would_catch_a_connection(tmp_path: Path) -> None:
    """The guard above is real: a socket attempt under the same hook fails loudly."""
    code = HOOK.replace(
        "from privacyscope.cli import main",
        "import socket\ndef main(a):\n    socket.create_connection(('127.0.0.1', 9))",
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode != 0
    assert "NETWORK" in proc.stderr


def test_html_escapes_export_strings_and_loads_nothing_remote(
    tiktok_export: Callable[..., Path],
) -> None:
    page = html.render(run_audit(tiktok_export("g4")))
    # the DM payload appears as text, never as markup
    assert "&lt;script&gt;alert(&#39;dm&#39;)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<script" not in page.lower()
    assert "onerror=" not in page.replace("&lt;img src=x onerror=alert(1)&gt;", "")
    # no attribute or CSS loads anything from the network
    assert not re.search(r"""(src|href|action|srcset)\s*=\s*["']?\s*(https?:)?//""", page, re.I)
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", page, re.I)
    assert "<svg" in page and "Login locations" in page


def test_sqlite_opens_in_datasette_with_facets(
    tiktok_export: Callable[..., Path], tmp_path: Path
) -> None:
    from datasette.app import Datasette

    from privacyscope.store import sqlite as store

    db = tmp_path / "audit.db"
    store.write(run_audit(tiktok_export("g4")), db)
    metadata = json.loads(db.with_suffix(".metadata.json").read_text())

    async def go() -> tuple[dict[str, Any], dict[str, Any]]:
        ds = Datasette([str(db)], metadata=metadata)
        r1 = await ds.client.get("/audit/off_platform_events.json")
        r2 = await ds.client.get("/audit/messages.json?_search=weekend")
        return r1.json(), r2.json()

    events, search = asyncio.run(go())
    facets = events["facet_results"]  # configured in metadata, not asked for in the URL
    assert {"source", "event"} <= set(facets)
    assert len(facets["source"]["results"]) == 6
    assert len(search["rows"]) == 10
