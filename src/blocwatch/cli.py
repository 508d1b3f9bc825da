"""The `blocwatch` command: a click group of thin commands over the Python API.

Every command lives in ``blocwatch/commands/<area>.py`` and is registered
here.  A `BlocwatchError` anywhere becomes one line on stderr and exit 1.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from blocwatch import __version__
from blocwatch.errors import BlocwatchError
from blocwatch.settings import SETTINGS, load_settings


class BlocwatchGroup(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BlocwatchError as err:
            raise click.ClickException(str(err)) from err
        except KeyboardInterrupt:
            _interrupted()
        except Exception as err:
            # DuckDB reports Ctrl-C during a query as its own exception
            from blocwatch.store.connection import is_interrupt

            if is_interrupt(err):
                _interrupted()
            raise


def _interrupted() -> None:
    click.echo("Interrupted: the store keeps every batch that finished; "
               "re-run the same command to resume.", err=True)
    sys.exit(130)


@click.group(cls=BlocwatchGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="blocwatch")
@click.option(
    "--setting", "-s", "setting_pairs", type=(str, str), multiple=True, metavar="NAME VALUE",
    help="Override a setting (see `blocwatch settings`).",
)
@click.pass_context
def cli(ctx: click.Context, setting_pairs: tuple[tuple[str, str], ...]) -> None:
    """Read news about international politics and map who is aligned with whom.

    \b
    Example:
        blocwatch analyze examples/articles --out report/
    """
    ctx.obj = load_settings(setting_pairs)


@cli.command(name="settings")
def settings_command() -> None:
    """List every setting with its default and current value.

    \b
    Example:
        blocwatch settings
        BLOCWATCH_MAX_FILE_BYTES=1000000 blocwatch ingest big/
    """
    current = click.get_current_context().obj
    for s in SETTINGS:
        click.echo(f"{s.name:18} {getattr(current, s.name)!r:24} {s.help}")


def _register() -> None:
    from blocwatch.commands import register_all

    register_all(cli)


_register()


def main() -> None:
    cli(prog_name="blocwatch")
