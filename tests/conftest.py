"""Shared fixtures: synthetic exports are generated at test time, never committed."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from privacyscope.cli import cli, main
from privacyscope.sources.tiktok import synth


@pytest.fixture(scope="session")
def export_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("exports")


@pytest.fixture(scope="session")
def tiktok_export(export_dir: Path) -> Callable[..., Path]:
    """Cached generator: tiktok_export(layout, form="zip", variant=None, lang="en")."""
    cache: dict[tuple[str, str, str | None, str], Path] = {}

    def make(
        layout: str = "g4", form: str = "zip", variant: str | None = None, lang: str = "en"
    ) -> Path:
        key = (layout, form, variant, lang)
        if key not in cache:
            out = export_dir / f"{layout}-{form}-{variant}-{lang}"
            cache[key] = synth.generate(out, layout=layout, form=form, variant=variant, lang=lang)
        return cache[key]

    return make


@pytest.fixture
def run_cli() -> Iterator[Callable[..., Result]]:
    runner = CliRunner()

    def run(*args: str) -> Result:
        return runner.invoke(cli, list(args), catch_exceptions=False)

    yield run


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, str, str]]:
    """Run the real console entry point (``main``); return (exit code, stdout, stderr)."""

    def _run(*argv: str) -> tuple[int, str, str]:
        try:
            main(list(argv))
            code = 0
        except SystemExit as exc:
            code = int(exc.code or 0)
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return _run
