"""``privacyscope generate``: write a synthetic export of any supported platform."""

from __future__ import annotations

import importlib
from pathlib import Path

import click

from privacyscope.errors import UsageError
from privacyscope.sources import all_sources


@click.command()
@click.argument("platform", default="tiktok")
@click.option("--layout", default=None, help="Layout / generation (default: the newest).")
@click.option("--lang", default="en", show_default=True)
@click.option("--variant", default=None, help="Adversarial variant (empty, missing-keys, ...).")
@click.option(
    "--form", type=click.Choice(["zip", "folder", "json"]), default="zip", show_default=True
)
@click.option("--seed", type=int, default=0, show_default=True)
@click.option(
    "--out", "out_dir", type=click.Path(path_type=Path), default=Path("."), show_default=True
)
def generate(
    platform: str,
    layout: str | None,
    lang: str,
    variant: str | None,
    form: str,
    seed: int,
    out_dir: Path,
) -> None:
    """Write a synthetic PLATFORM export (invented data only) and print its path."""
    if platform not in all_sources():
        raise UsageError(
            f"unknown platform {platform!r} (known: {', '.join(sorted(all_sources()))})"
        )
    try:
        synth = importlib.import_module(f"privacyscope.sources.{platform}.synth")
    except ImportError:
        raise UsageError(f"no generator for {platform}") from None
    layouts = synth.LAYOUTS
    chosen = layout or (layouts[-2] if platform == "tiktok" else layouts[-1])
    if chosen not in layouts:
        raise UsageError(f"unknown layout {chosen!r} for {platform} (known: {', '.join(layouts)})")
    out_dir.mkdir(parents=True, exist_ok=True)  # generators write under an existing folder
    kwargs = {"layout": chosen, "lang": lang, "seed": seed, "variant": variant}
    try:
        if platform == "tiktok":
            path = synth.generate(out_dir, form=form, **kwargs)
        else:
            path = synth.generate(out_dir, as_zip=form == "zip", **kwargs)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    click.echo(str(path))
