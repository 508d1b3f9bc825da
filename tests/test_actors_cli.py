"""`blocwatch actors ...` commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from blocwatch.cli import cli

FIXTURE_TABLES = Path(__file__).parent / "fixtures" / "actors" / "tables"


def run(*args: str):
    result = CliRunner().invoke(cli, ["actors", *args, "--tables", str(FIXTURE_TABLES)])
    return result


def test_resolve_prints_the_actor_as_json():
    result = run("resolve", "President Xi", "--date", "2017-07-04")
    assert result.exit_code == 0, result.output
    actor = json.loads(result.output)
    assert actor["code"] == "CHNGOV" and actor["role"] == "head_of_state"
    assert actor["name"] == "Xi Jinping" and actor["matched_by"]
    assert set(actor) >= {"code", "country", "sector", "role", "name", "kind", "matched_by", "reason", "members"}


def test_resolve_batch_goes_on_after_bad_lines(tmp_path):
    path = tmp_path / "mentions.jsonl"
    path.write_text(
        '{"id": "a", "text": "the Kremlin", "date": "2017-07-04"}\n'
        "this is not json\n"
        '{"id": "c", "text": "Putin", "date": "2010-13-45"}\n'
        '{"id": "d"}\n'
        '{"id": "e", "text": "Georgia", "context": "The governor of Georgia spoke in Atlanta."}\n',
        encoding="utf-8",
    )
    result = run("resolve", "--input", str(path))
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in result.output.splitlines()]
    assert [x["id"] for x in lines] == ["a", None, "c", "d", "e"]
    assert lines[0]["code"] == "RUSGOV"
    assert lines[1]["error"].startswith(f"{path}:2: not JSON")
    assert f"{path}:3" in lines[2]["error"] and "not a date" in lines[2]["error"]
    assert "no text" in lines[3]["error"]
    assert lines[4]["kind"] == "place" and lines[4]["country"] == "USA"


def test_resolve_needs_text_or_input():
    result = run("resolve")
    assert result.exit_code != 0
    assert "nothing to resolve" in result.output


def test_show_an_organisation_with_members_on_a_date():
    before = json.loads(run("show", "SCO", "--date", "2016-07-05").output)
    after = json.loads(run("show", "SCO", "--date", "2017-07-04").output)
    assert "IND" not in before["members"] and "IND" in before["observers"]
    assert "IND" in after["members"]


def test_show_a_state_and_a_person():
    state = json.loads(run("show", "RUS", "--date", "2016-07-05").output)
    assert state["office_holders"]["chief_of_staff"] == ["Sergey Ivanov"]
    assert "SCO" in state["member_of"]
    person = json.loads(run("show", "Vladimir Putin", "--date", "2010-01-01").output)
    assert person["role"] == "head_of_government" and len(person["spells"]) == 3


def test_show_unknown_says_what_to_try():
    result = run("show", "Atlantis", "--date", "2016-07-05")
    assert result.exit_code != 0
    assert "no organisation, group, state or person called 'Atlantis'" in result.output
    assert "blocwatch actors list" in result.output


@pytest.mark.parametrize("kind", ["igo", "state", "person", "group"])
def test_list_json(kind):
    result = run("list", "--kind", kind, "--json")
    assert result.exit_code == 0, result.output
    rows = [json.loads(x) for x in result.output.splitlines()]
    assert rows


def test_list_table_escapes_nothing_dangerous():
    result = run("list", "--kind", "igo")
    assert result.exit_code == 0 and "NATO" in result.output


def test_help_texts_have_examples():
    for args in (["actors", "--help"], ["actors", "resolve", "--help"], ["actors", "list", "--help"],
                 ["actors", "show", "--help"]):
        result = CliRunner().invoke(cli, args)
        assert "Example:" in result.output, args
