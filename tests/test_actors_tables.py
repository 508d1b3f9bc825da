"""Reading the actor tables."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from blocwatch.actors.tables import active_on, load_tables, name_key, read_tables
from blocwatch.errors import ActorError

FIXTURE_TABLES = Path(__file__).parent / "fixtures" / "actors" / "tables"
PACKAGED = Path(__file__).resolve().parents[1] / "src" / "blocwatch" / "data"


def test_fixture_tables_are_indexed():
    t = load_tables(FIXTURE_TABLES)
    assert t is load_tables(FIXTURE_TABLES)  # read once per process
    assert t.country_names[name_key("Republic of China")] == {"TWN"}
    assert t.country_names[name_key("People’s Republic of China")] == {"CHN"}
    assert t.seats["kremlin"] >= {"RUS"}
    assert "georgia" not in t.country_names and t.ambiguous["georgia"] == {"GEO"}
    assert t.surnames["putin"] == {"Vladimir Putin"}
    assert t.sector_nouns["warplanes"] == "MIL" and t.sector_nouns["armies"] == "MIL"
    assert t.exact_case["us"] >= {"US"}


def test_spells_are_half_open():
    assert active_on(date(2017, 1, 20), None, date(2017, 1, 20))
    assert not active_on(date(2009, 1, 20), date(2017, 1, 20), date(2017, 1, 20))
    t = load_tables(FIXTURE_TABLES)
    assert t.holders("USA", "head_of_state", date(2017, 1, 20)) == ["Donald Trump"]
    assert t.holders("USA", "head_of_state", date(2017, 1, 19)) == ["Barack Obama"]


def test_members_on_a_date():
    t = load_tables(FIXTURE_TABLES)
    assert "IND" not in t.members_on("SCO", date(2016, 1, 1))
    assert t.members_on("SCO", date(2016, 1, 1), status="observer") == ("IND",)
    assert "IND" in t.members_on("SCO", date(2018, 1, 1))
    assert t.allies_of("USA", date(2018, 1, 1)) == ("DEU", "GBR")


def test_missing_tables_are_named(tmp_path):
    with pytest.raises(ActorError, match=r"actor tables missing in .*countries\.csv"):
        read_tables(tmp_path)


def test_missing_column_names_the_file(tmp_path):
    for f in FIXTURE_TABLES.iterdir():
        shutil.copy(f, tmp_path / f.name)
    (tmp_path / "igos.csv").write_text("# a comment\ncode,title\nNATO,x\n", encoding="utf-8")
    with pytest.raises(ActorError, match=r"igos.csv: missing column\(s\) name"):
        read_tables(tmp_path)


def test_bad_date_names_file_and_line(tmp_path):
    for f in FIXTURE_TABLES.iterdir():
        shutil.copy(f, tmp_path / f.name)
    (tmp_path / "people_extra.csv").write_text(
        "# extra\nname,aliases,iso3,role,sector,start,end,note\nA B,,RUS,official,GOV,2001-02-30,,\n",
        encoding="utf-8",
    )
    with pytest.raises(ActorError, match=r"people_extra.csv:3: '2001-02-30' is not an ISO date"):
        read_tables(tmp_path)


def test_packaged_tables_load_and_are_compact():
    if not (PACKAGED / "countries.csv").is_file() or not (PACKAGED / "sectors.csv").is_file():
        pytest.skip("packaged actor tables not written yet")
    t = load_tables()
    assert len(t.countries) >= 190
    assert {"NATO", "SCO", "BRICS", "EAEU", "NDB", "AIIB", "WP"} <= set(t.igos)
    assert "WST" in t.groups
