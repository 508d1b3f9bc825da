"""CLI commands, one module per area; each exposes ``COMMANDS``."""

from __future__ import annotations

import importlib

import click

_AREAS = ("ingest", "actors", "events", "relations", "analyze")


def register_all(group: click.Group) -> None:
    for area in _AREAS:
        try:
            module = importlib.import_module(f"blocwatch.commands.{area}")
        except ModuleNotFoundError as err:
            if err.name == f"blocwatch.commands.{area}":
                continue  # area not built yet
            raise
        for command in module.COMMANDS:
            group.add_command(command)
