"""The relations commands end to end on small files: import, dyads, dyad,
alliances, blocs, ties import."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from blocwatch.cli import cli

FIXTURES = Path(__file__).parent / "fixtures" / "relations"


def _run(*args):
    result = CliRunner().invoke(cli, [*args])
    assert result.exit_code == 0, result.output
    return result.output


def test_import_then_dyads_json(tmp_path):
    db = str(tmp_path / "cli.duckdb")
    out = _run("import", "icews", str(FIXTURES / "icews_dataverse.tab"), "--db", db, "--json")
    summary = json.loads(out)
    assert summary["added"] == 3 and summary["bad"] == 1
    assert summary["problems"][0]["where"].endswith("icews_dataverse.tab:5")
    rows = [json.loads(line) for line in _run("dyads", "--db", db, "--json").splitlines()]
    assert rows and set(rows[0]) == {"a", "b", "period", "alignment", "uncertainty",
                                     "net_cooperation", "events"}
    assert all(r["a"] < r["b"] for r in rows)
    assert {(r["a"], r["b"]) for r in rows} == {("CHN", "RUS"), ("CHN", "USA")}
    again = json.loads(_run("import", "icews", str(FIXTURES / "icews_dataverse.tab"), "--db", db,
                            "--json"))
    assert again["added"] == 0


def test_dyad_alliances_blocs_and_ties(tmp_path):
    db = str(tmp_path / "cli.duckdb")
    _run("import", "icews", str(FIXTURES / "icews_dataverse.tab"), "--db", db)
    series = [json.loads(line) for line in _run("dyad", "rus", "chn", "--db", db, "--json").splitlines()]
    assert [s["period"] for s in series] == ["2016"]
    assert series[0]["types"] == {"CONSULT": 1.0, "SUPPORT": 1.0}
    table = _run("dyad", "RUS", "CHN", "--db", db)
    assert "CHN – RUS" in table
    _run("alliances", "--db", db, "--json")
    blocs = json.loads(_run("-s", "resamples", "2", "blocs", "--db", db, "--json"))
    assert blocs["polarity"]["reading"] in {"unipolar", "bipolar", "multipolar", "nonpolar"}
    out = json.loads(_run("ties", "import", str(FIXTURES / "cow_alliances.csv"), "--layout", "cow",
                          "--db", db, "--json"))
    assert out["added"] == 3


def test_bad_dyad_is_one_clear_line(tmp_path):
    result = CliRunner().invoke(cli, ["dyad", "RUS", "RUS", "--db", str(tmp_path / "x.duckdb")])
    assert result.exit_code != 0
    assert "a dyad is two different ISO alpha-3 codes, got RUS RUS" in result.output
