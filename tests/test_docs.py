from __future__ import annotations

from pathlib import Path

from privacyscope.catalog import render_markdown
from privacyscope.claims import registry as claims
from privacyscope.cli import COMMANDS
from privacyscope.findings import registry as findings

ROOT = Path(__file__).resolve().parent.parent


def test_findings_catalogue_is_in_sync() -> None:
    doc = (ROOT / "docs" / "findings.md").read_text()
    assert doc == render_markdown(), "run: python -m privacyscope.catalog > docs/findings.md"


def test_every_rule_and_claim_documented() -> None:
    doc = (ROOT / "docs" / "findings.md").read_text()
    for fid in findings():
        assert f"`{fid}`" in doc
    for cid in claims():
        assert f"`{cid}`" in doc


def test_every_command_in_readme() -> None:
    readme = (ROOT / "README.md").read_text()
    for name in COMMANDS:
        assert f"privacyscope {name}" in readme, name


def test_readme_starts_with_two_setup_commands() -> None:
    lines = [x for x in (ROOT / "README.md").read_text().splitlines() if x.strip()]
    block = lines[lines.index("```sh") + 1 : lines.index("```sh") + 3]
    assert block == [
        "make demo   # audit a built-in synthetic TikTok export (no real data)",
        "make test   # install everything and run the whole test suite",
    ]
