"""``privacyscope facts list|show|validate``: browse and check the knowledge base."""

from __future__ import annotations

from pathlib import Path

import click
import orjson

from privacyscope.errors import InputError
from privacyscope.facts.export import fact_to_dict
from privacyscope.facts.loader import is_stale, load, parse_document, read_yaml, resolve_platform
from privacyscope.facts.options import facts_file_option, parse_as_of, staleness_options
from privacyscope.facts.schema import TOPICS


@click.group()
def facts() -> None:
    """The sourced platform facts behind `privacyscope brief`."""


@facts.command("list")
@click.option("--platform", "platform", default=None, help="Only facts about this platform.")
@click.option("--topic", type=click.Choice(TOPICS), default=None, help="Only this topic.")
@click.option("--stale", "only_stale", is_flag=True, help="Only possibly stale facts.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@facts_file_option
@staleness_options
def list_facts(
    platform: str | None,
    topic: str | None,
    only_stale: bool,
    as_json: bool,
    facts_files: tuple[str, ...],
    stale_after_days: int,
    as_of: str | None,
) -> None:
    """List facts: id, date, confidence, platforms, statement."""
    day = parse_as_of(as_of)
    kb = load(facts_files)
    canon = resolve_platform(platform) if platform else None
    selected = [
        f
        for f in sorted(kb.facts.values(), key=lambda f: (f.topic, f.id))
        if (canon is None or canon in f.platforms) and (topic is None or f.topic == topic)
    ]
    if only_stale:
        selected = [f for f in selected if is_stale(f, day, stale_after_days)]
    if as_json:
        rows = [fact_to_dict(f, stale=is_stale(f, day, stale_after_days)) for f in selected]
        click.echo(orjson.dumps(rows, option=orjson.OPT_INDENT_2).decode())
        return
    for f in selected:
        flags = []
        if is_stale(f, day, stale_after_days):
            flags.append("stale?")
        if f.overrides:
            flags.append("overridden")
        elif f.origin != "built-in":
            flags.append("user")
        flag = f" [{', '.join(flags)}]" if flags else ""
        text = f.statement if len(f.statement) <= 110 else f.statement[:107] + "..."
        click.echo(
            f"{f.id:<8} {f.date_label[:12]:<12} {f.confidence:<15} "
            f"{','.join(f.platforms):<22}{flag} {text}"
        )
    newest = kb.newest()
    click.echo(
        f"{len(selected)} of {len(kb.facts)} facts; newest source "
        f"{newest.date if newest else 'none'}; as of {day.isoformat()}",
        err=True,
    )


@facts.command("show")
@click.argument("fact_id")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@facts_file_option
@staleness_options
def show_fact(
    fact_id: str,
    as_json: bool,
    facts_files: tuple[str, ...],
    stale_after_days: int,
    as_of: str | None,
) -> None:
    """Show one fact with all its sources."""
    day = parse_as_of(as_of)
    kb = load(facts_files)
    fact = kb.get(fact_id.strip())
    if fact is None:
        raise InputError(f"no fact with id '{fact_id}' (see `privacyscope facts list`)", where="id")
    stale = is_stale(fact, day, stale_after_days)
    data = fact_to_dict(fact, stale=stale)
    if as_json:
        click.echo(orjson.dumps(data, option=orjson.OPT_INDENT_2).decode())
        return
    click.echo(f"{fact.id}  ({fact.topic}; {', '.join(fact.platforms)})")
    click.echo(
        f"date:       {fact.date_label}" + (f"  [{fact.date_text}]" if fact.date_text else "")
    )
    click.echo(f"confidence: {fact.confidence}" + ("   POSSIBLY STALE" if stale else ""))
    click.echo(f"statement:  {fact.statement}")
    if fact.note:
        click.echo(f"note:       {fact.note}")
    if fact.tags:
        click.echo(f"tags:       {', '.join(fact.tags)}")
    if fact.action:
        a = fact.action
        amounts = "; ".join(
            f"{amt.currency} {amt.value:,.0f} ({', '.join(amt.platforms)})" for amt in a.amounts
        )
        click.echo(
            f"action:     {a.authority}; {a.kind}; {a.status}" + (f"; {amounts}" if amounts else "")
        )
    if fact.restriction:
        r = fact.restriction
        click.echo(f"restriction: {r.country}; {r.scope} ({r.scope_kind}); {r.status}")
    click.echo("sources:")
    for source in fact.sources:
        click.echo(f"  - {source}")
    click.echo(
        f"origin:     {fact.origin}" + (f" (overrides {fact.overrides})" if fact.overrides else "")
    )


@facts.command("validate")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
def validate(files: tuple[Path, ...]) -> None:
    """Validate the built-in facts and each FILE (exit 2 naming the file, fact id and field)."""
    kb = load(use_env=False)
    for path in files:
        parse_document(read_yaml(path), str(path), str(path))
    merged = load([str(p) for p in files], use_env=False) if files else kb
    summary = f"ok: {len(kb.facts)} built-in facts, {len(kb.claims)} claims"
    if files:
        summary += (
            f"; {len(files)} file(s): {len(merged.added)} added, "
            f"{len(merged.overridden)} overridden"
        )
    click.echo(summary)
