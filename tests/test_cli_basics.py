"""Every command has --help with an example; settings are listed once."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from blocwatch.cli import cli
from blocwatch.settings import SETTINGS, load_settings


def _all_commands(group: click.Group, prefix=()):
    for name, cmd in group.commands.items():
        path = (*prefix, name)
        yield path, cmd
        if isinstance(cmd, click.Group):
            yield from _all_commands(cmd, path)


@pytest.mark.parametrize("path", [p for p, _ in _all_commands(cli)], ids=" ".join)
def test_every_command_help_has_an_example(path):
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.output


def test_settings_are_declared_once():
    names = [s.name for s in SETTINGS]
    assert len(names) == len(set(names))
    assert all(s.help for s in SETTINGS)


def test_setting_override_and_environment():
    s = load_settings([("max_file_bytes", "10")], environ={"BLOCWATCH_SEED": "7"})
    assert s.max_file_bytes == 10
    assert s.seed == 7


def test_bad_setting_is_one_clear_line():
    result = CliRunner().invoke(cli, ["--setting", "max_file_bytes", "lots", "settings"])
    assert result.exit_code != 0
    assert "setting max_file_bytes must be int" in result.output


def test_unknown_setting_names_the_command_to_list_them():
    result = CliRunner().invoke(cli, ["--setting", "nope", "1", "settings"])
    assert result.exit_code != 0
    assert "unknown setting 'nope'" in result.output
    assert "blocwatch settings" in result.output
