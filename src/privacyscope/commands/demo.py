"""``privacyscope demo``: generate a realistic synthetic export and audit it."""

from __future__ import annotations

from pathlib import Path

import click

from privacyscope.commands._outputs import audit_with_progress, print_summary, write_outputs
from privacyscope.context import AuditOptions
from privacyscope.sources.tiktok import synth


@click.command()
@click.option("--layout", type=click.Choice(synth.LAYOUTS), default="g4", show_default=True)
@click.option("--lang", type=click.Choice(synth.LANGS), default="en", show_default=True)
@click.option(
    "--variant",
    type=click.Choice(synth.VARIANTS),
    default=None,
    help="An adversarial variant of the synthetic export.",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    default=Path("privacyscope-demo"),
    show_default=True,
)
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("-q", "--quiet", is_flag=True)
def demo(
    layout: str, lang: str, variant: str | None, out_dir: Path, seed: int, quiet: bool
) -> None:
    """Generate a synthetic TikTok export (no real data) and audit it."""
    export = synth.generate(
        out_dir / "export", layout=layout, lang=lang, seed=seed, variant=variant
    )
    result = audit_with_progress(export, AuditOptions(), quiet)
    written = {"synthetic export": str(export)} | write_outputs(
        result, out_dir / "report.json", out_dir / "report.html", out_dir / "audit.db"
    )
    print_summary(result, written, quiet)
