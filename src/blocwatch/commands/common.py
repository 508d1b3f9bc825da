"""Options and helpers shared by the commands."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from blocwatch.settings import Settings
from blocwatch.store import Store, open_store

db_option = click.option(
    "--db", "db", type=click.Path(dir_okay=False), default=None,
    help="Store file [default: blocwatch.duckdb in the working folder].",
)
json_option = click.option("--json", "as_json", is_flag=True, help="JSON lines for machines.")


def settings_of(ctx: click.Context) -> Settings:
    return ctx.find_root().obj


def store_from(ctx: click.Context, db: str | None, *, read_only: bool = False) -> Store:
    settings = settings_of(ctx)
    return open_store(db or settings.db, read_only=read_only)


def pass_settings(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.pass_context(f)
