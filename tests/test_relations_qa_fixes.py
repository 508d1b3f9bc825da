"""QA findings on the relations commands: unknown state codes, reversed or
unreadable windows, imports that read nothing, dissolved organisations and
states, numbers near zero, plain-words notes and piped table width."""

from __future__ import annotations

import io
import json
import math
from datetime import date

import numpy as np
import pyarrow as pa
from click.testing import CliRunner

from blocwatch.cli import cli
from blocwatch.relations.alliances import AllianceFinding, calibrate
from blocwatch.relations.analysis import analyse, drop_after_state_end
from blocwatch.relations.importers import Side, _to_arrow, event_row, row_key
from blocwatch.relations.numbers import signed, tidy
from blocwatch.relations.ties import packaged_ties
from blocwatch.settings import Settings
from blocwatch.store import relations as sql


def _invoke(*args):
    return CliRunner().invoke(cli, [*args])


def _events(store, pairs, when=date(2016, 6, 1), count=6):
    rows = []
    for a, b in pairs:
        for n in range(count):
            rows.append(event_row(
                origin="icews", import_key=row_key("qa", a, b, when, n), when=when,
                source=Side(a, a, "state"), target=Side(b, b, "state"), event="COOPERATE",
                cameo_code="06", quad=2))
    with store.transaction():
        sql.insert_imported_events(store, _to_arrow(rows))


def test_dyad_with_an_unknown_code_names_it_and_the_fix(tmp_path):
    result = _invoke("dyad", "XXX", "USA", "--db", str(tmp_path / "x.duckdb"))
    assert result.exit_code != 0
    assert "XXX is not an ISO 3166 alpha-3 code" in result.output
    assert "It's often worth trying: blocwatch actors list --kind state" in result.output


def test_dyad_of_known_codes_without_events_is_not_an_error(tmp_path):
    result = _invoke("dyad", "NZL", "USA", "--db", str(tmp_path / "x.duckdb"))
    assert result.exit_code == 0, result.output
    assert "no events between NZL and USA in the store" in result.output


def test_reversed_or_unreadable_window_is_one_line_error(tmp_path):
    db = str(tmp_path / "x.duckdb")
    for command in ("dyads", "alliances", "blocs"):
        result = _invoke(command, "--from", "2020", "--to", "2015", "--db", db)
        assert result.exit_code != 0
        assert "--from 2020 is after --to 2015" in result.output
        assert "It's often worth trying: --from 2015 --to 2020" in result.output
        result = _invoke(command, "--from", "2020-13", "--db", db)
        assert result.exit_code != 0
        assert "not a date: '2020-13'" in result.output


def test_import_of_an_empty_file_fails(tmp_path):
    empty = tmp_path / "empty.tab"
    empty.write_text("")
    result = _invoke("import", "icews", str(empty), "--db", str(tmp_path / "x.duckdb"))
    assert result.exit_code != 0
    assert f"{empty}: no rows to import: the file is empty or has only a header" in result.output


def test_import_where_every_row_is_bad_fails_with_the_first_bad_rows(tmp_path):
    bad = tmp_path / "bad.tab"
    bad.write_text("one\ttwo\nthree\tfour\n")
    result = _invoke("import", "icews", str(bad), "--db", str(tmp_path / "x.duckdb"))
    assert result.exit_code != 0
    assert "all 2 rows are bad, nothing was imported" in result.output
    assert f"(first: {bad}:1:" in result.output and f"{bad}:2:" in result.output


def test_dissolved_organisations_tie_nobody_after_their_end():
    ties = packaged_ties()
    seato = [t for t in ties.between("FRA", "THA") if "Southeast Asia" in t.source]
    assert seato and all(t.end is not None and t.end <= date(1977, 6, 30) for t in seato)
    assert not [t for t in ties.between("FRA", "THA", date(2014, 1, 1), date(2024, 12, 31))
                if "Southeast Asia" in t.source]


def test_organisation_end_ends_every_membership(tmp_path):
    (tmp_path / "igos.csv").write_text(
        "code,name,aliases,kind,start,end,note,seats\n"
        "PACT,Test Pact,,alliance,1950-01-01,1960-01-01,,\n")
    (tmp_path / "igo_members.csv").write_text(
        "igo,iso3,start,end,status\nPACT,AAA,1950-01-01,,member\nPACT,BBB,1950-01-01,,member\n")
    (found,) = packaged_ties(tmp_path).between("AAA", "BBB")
    assert found.end == date(1960, 1, 1)
    assert not packaged_ties(tmp_path).between("AAA", "BBB", date(1970, 1, 1), date(1980, 1, 1))


def test_open_window_counts_only_ties_in_force_during_the_events(store):
    # France and Thailand were both SEATO members; in 2016 no pact binds them.
    _events(store, [("FRA", "THA"), ("AUS", "USA")])
    result = analyse(store, Settings().with_values(resamples=0))
    formal = {(f.a, f.b): f.ties for f in result.alliances if f.kind == "formal"}
    assert ("FRA", "THA") not in formal
    assert formal[("AUS", "USA")] and not any("Southeast Asia" in t for t in formal[("AUS", "USA")])


def test_events_after_a_state_ended_are_dropped_with_a_note(store):
    _events(store, [("SUN", "USA"), ("CHN", "RUS")])
    result = analyse(store, Settings().with_values(resamples=0))
    assert "SUN" not in {p["a"] for p in result.pairs} | {p["b"] for p in result.pairs}
    assert "SUN" not in json.dumps(result.blocs) + json.dumps(result.swing_states)
    assert "6 event(s) naming SUN dated after it ceased to exist on 1991-12-26 were left out" \
        in result.notes


def test_events_before_a_state_ended_are_kept():
    table = pa.table({"date": [date(1985, 1, 1), date(1995, 1, 1)], "source": ["SUN", "SUN"],
                      "target": ["USA", "USA"]})
    kept, notes = drop_after_state_end(table, {"SUN": date(1991, 12, 26)})
    assert kept.column("date").to_pylist() == [date(1985, 1, 1)]
    assert notes == ["1 event(s) naming SUN dated after it ceased to exist on 1991-12-26 "
                     "were left out"]


def test_numbers_near_zero_are_rounded_and_never_negative_zero():
    assert tidy(2.5e-24) == 0.0
    assert math.copysign(1.0, tidy(-2.5e-24)) == 1.0
    assert tidy(0.123456) == 0.1235
    assert signed(-1e-9) == "+0.00" and signed(-0.5) == "-0.50"
    finding = AllianceFinding("AAA", "BBB", "formal", -2.5e-24, 0.5, 1e-30, 3.0, 1.0)
    text = json.dumps(finding.to_dict())
    assert '"alignment": 0.0,' in text and "e-" not in text and "-0.0" not in text


def test_default_threshold_note_is_plain_words():
    none = np.zeros(3, dtype=bool)
    thresholds = calibrate(np.zeros(3), np.zeros(3), np.ones(3), none)
    assert thresholds.notes == (
        "No formally allied pair has enough events here to calibrate the undeclared-alliance "
        "threshold (at least 5 are needed), so the documented default is used",)


def test_tables_are_wide_when_piped(monkeypatch):
    from blocwatch.commands.relations import _out

    monkeypatch.setattr("sys.stdout", io.StringIO())
    assert _out().width == 160
