"""Click options shared by ``privacyscope facts`` and ``privacyscope brief``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

import click

from privacyscope.errors import UsageError

F = TypeVar("F", bound=Callable[..., Any])

DEFAULT_STALE_AFTER_DAYS = 365


def facts_file_option(func: F) -> F:
    return click.option(
        "--facts-file",
        "facts_files",
        multiple=True,
        metavar="YAML",
        help="Extra facts (same schema); an existing id is overridden, a new id added. "
        "Repeatable; also read from $PRIVACYSCOPE_FACTS.",
    )(func)


def staleness_options(func: F) -> F:
    func = click.option(
        "--stale-after-days",
        type=click.IntRange(min=0),
        default=DEFAULT_STALE_AFTER_DAYS,
        show_default=True,
        help="Mark facts older than this as possibly stale.",
    )(func)
    return click.option(
        "--as-of",
        "as_of",
        metavar="YYYY-MM-DD",
        default=None,
        help="Reference date for staleness (default: today).",
    )(func)


def parse_as_of(value: str | None) -> dt.date:
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise UsageError(
            f"--as-of '{value}' is not a date like 2026-11-29", where="--as-of"
        ) from None
