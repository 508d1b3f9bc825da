"""Importers: ICEWS (both layouts), GDELT 2.0, PLOVER JSON, COW alliance
dyad-years; bad rows are reported with file:line; re-importing adds nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from blocwatch.errors import InputError
from blocwatch.relations.importers import import_events
from blocwatch.relations.ties import formal_ties, import_alliances
from blocwatch.store import relations as sql

FIXTURES = Path(__file__).parent / "fixtures" / "relations"


def _events(store, origin):
    return store.con.execute(
        "SELECT source_country, source_kind, source_sector, source_role, event, cameo, quad, "
        "target_country, target_sector, date FROM events WHERE origin = ? ORDER BY date, event", [origin]
    ).fetchall()


def test_icews_four_columns_places_actors_and_reports_bad_rows(store):
    path = FIXTURES / "icews_four_columns.tsv"
    summary = import_events(store, path, "icews")
    assert (summary.read, summary.added, summary.bad) == (8, 5, 3)
    reasons = {p.where: p.reason for p in summary.problems}
    assert reasons[f"{path}:6"] == "unknown CAMEO event name 'Dance a jig'"
    assert f"{path}:7" in reasons and "not-a-date" in reasons[f"{path}:7"]
    assert reasons[f"{path}:8"] == "expected 4 tab-separated columns (actor, event, actor, date), got 2"
    rows = _events(store, "icews")
    jpn_usa, obama, police, pak_chn, mil = rows
    assert jpn_usa[:2] == ("JPN", "state") and jpn_usa[4:7] == ("CONSULT", "04", 1)
    assert pak_chn[0] == "PAK" and pak_chn[3] == "head_of_government" and pak_chn[7] == "CHN"
    assert police[2] == "COP" and police[8] == "CVL" and police[4] == "COERCE"
    assert obama[0] == "USA" and obama[1] == "person"
    assert mil[2] == "MIL" and mil[8] == "MIL" and mil[4] == "COOPERATE"


def test_reimport_adds_nothing(store):
    path = FIXTURES / "icews_four_columns.tsv"
    import_events(store, path, "icews")
    again = import_events(store, path, "icews")
    assert again.added == 0
    assert sql.count_events(store, "icews") == 5


def test_icews_dataverse_layout(store):
    path = FIXTURES / "icews_dataverse.tab"
    summary = import_events(store, path, "icews")
    assert summary.added == 3
    assert summary.problems[0].where == f"{path}:5"
    assert summary.problems[0].reason == "unknown CAMEO code 'XYZ'"
    rows = _events(store, "icews")
    assert rows[0][0] == "RUS" and rows[0][4] == "CONSULT" and rows[0][7] == "CHN"
    assert rows[1][4] == "SUPPORT" and rows[1][1] == "state" and rows[1][2] is None
    assert rows[2][2] == "MIL" and rows[2][4] == "MOBILIZE"


def test_gdelt_export(store):
    path = FIXTURES / "gdelt_events.csv"
    summary = import_events(store, path, "gdelt")
    assert summary.added == 3 and summary.skipped == 1 and summary.bad == 2
    assert {p.reason for p in summary.problems} == {
        "SQLDATE 'Jan6' is not YYYYMMDD",
        "expected 61 tab-separated columns (GDELT 2.0 events), got 3",
    }
    rows = _events(store, "gdelt")
    by_event = {r[4]: r for r in rows}
    assert by_event["AGREE"][:3] == ("RUS", "state", None)
    assert by_event["THREATEN"][2] == "GOV" and by_event["THREATEN"][8] == "MIL"
    # CAMEO's ROM is ISO's ROU.
    assert by_event["CONSULT"][0] == "ROU"


def test_plover_lines_and_array(store):
    lines = import_events(store, FIXTURES / "plover_events.jsonl", "plover")
    assert lines.added == 2 and lines.bad == 2
    assert lines.problems[0].reason == "unknown PLOVER event type 'DANCE'"
    assert lines.problems[1].reason.startswith("not JSON")
    array = import_events(store, FIXTURES / "plover_events.json", "plover")
    assert array.added == 2
    rows = _events(store, "plover")
    assert [r[4] for r in rows] == ["AGREE", "ASSAULT", "CONSULT", "AGREE"]
    assert rows[0][0] == "RUS" and rows[0][7] == "CHN"
    assert rows[1][2] == "MIL" and rows[1][7] == "UKR"
    assert rows[3][0] == "RUS" and rows[3][7] == "CHN"


def test_missing_file_is_a_clear_error(store, tmp_path):
    with pytest.raises(InputError, match="no such file"):
        import_events(store, tmp_path / "nope.tsv", "icews")


def test_cow_alliance_years(store):
    summary = import_alliances(store, FIXTURES / "cow_alliances.csv", "cow")
    assert summary.added == 3 and summary.skipped == 1 and summary.bad == 1
    assert summary.problems[0].where.endswith("cow_alliances.csv:6")
    ties = formal_ties(store)
    from datetime import date

    def imported(a, b, year):
        return [t.kind for t in ties.between(a, b, date(year, 1, 1), date(year, 12, 31))
                if t.source == "imported"]

    assert imported("USA", "JPN", 2011) == ["defense"]
    assert imported("USA", "JPN", 2013) == []
    assert imported("RUS", "CHN", 2010) == ["entente"]


def test_wrong_alliance_layout_names_the_columns(store):
    with pytest.raises(InputError, match="not the atop layout: no column statea, stateb"):
        import_alliances(store, FIXTURES / "cow_alliances.csv", "atop")


def test_compressed_files_are_read_in_place(store, tmp_path):
    import gzip
    import zipfile

    packed = tmp_path / "events.export.CSV.zip"
    with zipfile.ZipFile(packed, "w") as archive:
        archive.write(FIXTURES / "gdelt_events.csv", "20240105.export.CSV")
    assert import_events(store, packed, "gdelt").added == 3
    lines = tmp_path / "polecat.jsonl.gz"
    lines.write_bytes(gzip.compress((FIXTURES / "plover_events.jsonl").read_bytes()))
    summary = import_events(store, lines, "plover")
    assert (summary.added, summary.bad) == (2, 2)


def test_icews_people_the_name_tables_miss_are_placed_by_the_actor_resolver():
    from datetime import date

    from blocwatch.relations.import_icews import resolved_actor

    pm = resolved_actor("Benjamin Netanyahu", date(2011, 2, 6))
    assert (pm.country, pm.kind, pm.role) == ("ISR", "person", "head_of_government")
    # Out of office on the date: placed, but not as an official.
    former = resolved_actor("Tony Blair", date(2011, 2, 6))
    assert former.country == "GBR" and former.role.startswith("former")
    # A whole ICEWS name matching only a namesake's surname is not that namesake.
    assert resolved_actor("Rashid Qureshi", date(2010, 5, 23)).country is None
    # Officials of organisations are not state actors.
    assert resolved_actor("Javier Solana", date(2007, 1, 1)).kind == "unresolved"
