"""Command-line entry point: a thin click layer over the library.

Sub-commands live in their own modules and are imported lazily, so that ``privacyscope --help``
is fast and a new command is one module plus one line in ``COMMANDS``.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
from typing import Any

import click

from privacyscope import __version__
from privacyscope.errors import InputError

#: command name -> "module:attribute"
COMMANDS: dict[str, str] = {
    "audit": "privacyscope.commands.audit:audit",
    "demo": "privacyscope.commands.demo:demo",
    "generate": "privacyscope.commands.generate:generate",
    "compare": "privacyscope.commands.compare:compare",
    "serve": "privacyscope.web.cli:serve",
    "scan": "privacyscope.scan.cli:scan",
    "facts": "privacyscope.facts.cli:facts",
    "brief": "privacyscope.brief.cli:brief",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(name for name in COMMANDS if _importable(COMMANDS[name]))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None or not _importable(target):
            return None
        module_name, attr = target.split(":")
        module = importlib.import_module(module_name)
        command = getattr(module, attr)
        assert isinstance(command, click.Command)
        return command


def _importable(target: str) -> bool:
    module_name = target.split(":")[0]
    try:
        return importlib.util.find_spec(module_name) is not None
    except ModuleNotFoundError:
        return False


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="privacyscope")
def cli() -> None:
    """Audit what social-media platforms hold about you, locally and with evidence."""


def main(argv: list[str] | None = None) -> Any:
    """Console-script entry point: bad input ends with one line on stderr and exit code 2."""
    try:
        return cli.main(args=argv, prog_name="privacyscope", standalone_mode=False)
    except InputError as exc:
        click.echo(f"privacyscope: error: {exc.one_line()}", err=True)
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("privacyscope: aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("privacyscope: interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # a bug: one line unless debugging, never a bare traceback
        if os.environ.get("PRIVACYSCOPE_DEBUG"):
            raise
        click.echo(
            f"privacyscope: internal error: {type(exc).__name__}: {exc} "
            "(set PRIVACYSCOPE_DEBUG=1 for details)",
            err=True,
        )
        sys.exit(1)
