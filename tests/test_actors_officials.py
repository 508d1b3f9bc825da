"""Heads of organisations (igo_officials.csv), one office held in several
states at once, and seat cities of organisations ("Brussels").

Every sentence here is written for these tests; the facts (terms of office)
are public."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from blocwatch.actors.resolve import resolve
from blocwatch.actors.scan import scan_text
from blocwatch.actors.tables import read_tables
from blocwatch.errors import ActorError

FIXTURE_TABLES = Path(__file__).parent / "fixtures" / "actors" / "tables"


def r(tables, text, when, context=None):
    return resolve(text, date=when, context=context, tables=tables)


# -- organisation officials -------------------------------------------------------


@pytest.mark.parametrize(("text", "when", "kind", "code", "country", "role"), [
    # a surname of people_leaders.csv: the role held ON the date
    ("Stoltenberg", date(2016, 5, 1), "igo", "NATO", None, "secretary_general"),
    ("Stoltenberg", date(2010, 5, 1), "person", "NORGOV", "NOR", "head_of_government"),
    ("Stoltenberg", date(2014, 9, 30), "person", "NORELI", "NOR", "former_head_of_government"),
    ("Stoltenberg", date(2014, 10, 1), "igo", "NATO", None, "secretary_general"),
    ("Stoltenberg", date(2024, 10, 1), "person", "NORELI", "NOR", "former_secretary_general"),
    ("Rutte", date(2024, 9, 30), "person", "NLDELI", "NLD", "former_head_of_government"),
    ("Rutte", date(2024, 10, 1), "igo", "NATO", None, "secretary_general"),
    ("Rutte", date(2020, 1, 1), "person", "NLDGOV", "NLD", "head_of_government"),
    ("Guterres", date(2001, 1, 1), "person", "PRTGOV", "PRT", "head_of_government"),
    ("Guterres", date(2023, 1, 1), "igo", "UN", None, "secretary_general"),
    ("Juncker", date(2010, 1, 1), "person", "LUXGOV", "LUX", "head_of_government"),
    ("Juncker", date(2017, 1, 1), "igo", "EU", None, "commission_president"),
    ("Barroso", date(2003, 1, 1), "person", "PRTGOV", "PRT", "head_of_government"),
    ("Barroso", date(2010, 1, 1), "igo", "EU", None, "commission_president"),
    ("Tusk", date(2016, 1, 1), "igo", "EU", None, "council_president"),
    ("Tusk", date(2024, 1, 1), "person", "POLGOV", "POL", "head_of_government"),
    # people only the organisation table knows: no country to fall back on
    ("Kofi Annan", date(2005, 1, 1), "igo", "UN", None, "secretary_general"),
    ("Kofi Annan", date(2010, 1, 1), "person", None, None, "former_secretary_general"),
    ("Ngozi Okonjo-Iweala", date(2022, 1, 1), "igo", "WTO", None, "director_general"),
    ("Tedros", date(2020, 3, 11), "igo", "WHO", None, "director_general"),
    ("Dilma Rousseff", date(2024, 1, 1), "igo", "NDB", None, "president"),
    ("Dilma Rousseff", date(2012, 1, 1), "person", "BRAGOV", "BRA", "head_of_state"),
    ("Kristalina Georgieva", date(2019, 3, 1), "igo", "WB", None, "president"),
    ("Kristalina Georgieva", date(2022, 1, 1), "igo", "IMF", None, "managing_director"),
    ("Ahmed Aboul Gheit", date(2010, 1, 1), "person", "EGYGOV", "EGY", "foreign_minister"),
    ("Ahmed Aboul Gheit", date(2018, 1, 1), "igo", "LAS", None, "secretary_general"),
])
def test_officials_take_the_role_of_the_date(tables, text, when, kind, code, country, role):
    a = r(tables, text, when)
    assert (a.kind, a.code, a.country, a.role) == (kind, code, country, role), a
    if code in {"NATO", "UN", "EU", "IMF"}:
        assert a.members, a  # the organisation's members on the date


def test_organisation_actor_carries_members_and_person(tables):
    a = r(tables, "Jens Stoltenberg", date(2020, 1, 1))
    assert a.kind == "igo" and a.name == "Jens Stoltenberg"
    assert "USA" in a.members and "SWE" not in a.members  # Sweden joined in 2024
    assert a.reason == "secretary_general of the North Atlantic Treaty Organization on the date"


def test_former_official_keeps_the_country_of_the_people_tables(tables):
    a = r(tables, "Jens Stoltenberg", date(2025, 3, 1))
    assert (a.kind, a.code, a.country, a.sector) == ("person", "NORELI", "NOR", "ELI")
    assert a.reason == "no role on the date: secretary_general of NATO until 2024-10-01"


@pytest.mark.parametrize(("text", "when", "person"), [
    ("the NATO secretary-general", date(2016, 5, 1), "Jens Stoltenberg"),
    ("Secretary-General of NATO", date(2025, 1, 1), "Mark Rutte"),
    ("the European Commission president", date(2021, 1, 1), "Ursula von der Leyen"),
    ("the IMF managing director", date(2021, 1, 1), "Kristalina Georgieva"),
    ("the WHO director-general", date(2021, 1, 1), "Tedros Adhanom"),
])
def test_a_title_of_an_organisation_is_its_holder_on_the_date(tables, text, when, person):
    a = r(tables, text, when, context=f"{text[0].upper()}{text[1:]} spoke after the meeting.")
    assert (a.kind, a.name) == ("igo", person), a


def test_an_ambiguous_organisation_title_stays_open(tables):
    # the EU has a Commission, a Council and a central bank president at once
    a = r(tables, "the EU president", date(2021, 1, 1), context="The EU president spoke in Strasbourg.")
    assert a.kind == "unresolved" and a.reason.startswith("several heads of EU hold a 'president' title")


def test_the_scanner_reads_officials_in_running_text():
    text = "Stoltenberg met the Norwegian prime minister in Oslo. Rutte flew to Kyiv."
    found = {m.text: m.actor for m in scan_text(text, date(2016, 5, 1))}
    assert found["Stoltenberg"].code == "NATO"
    assert found["Rutte"].code == "NLDGOV"


def test_an_unknown_organisation_code_names_the_file_and_line(tmp_path):
    for f in FIXTURE_TABLES.iterdir():
        shutil.copy(f, tmp_path / f.name)
    (tmp_path / "igo_officials.csv").write_text(
        "# test\nname,aliases,igo,role,start,end,note\nA B,,NATO,secretary_general,2001-01-01,,\n"
        "C D,,XYZ,secretary_general,2001-01-01,,\n", encoding="utf-8")
    with pytest.raises(ActorError, match=r"igo_officials.csv:4: 'XYZ' is not an organisation code of igos.csv"):
        read_tables(tmp_path)


# -- one office in several states at once ------------------------------------------


def test_the_monarch_of_several_realms_is_the_one_of_his_own_state(tables):
    a = r(tables, "King Charles", date(2023, 5, 6), context="King Charles was crowned in London.")
    assert (a.code, a.role) == ("GBRGOV", "head_of_state")


def test_the_realm_the_sentence_names_wins(tables):
    a = r(tables, "King Charles", date(2023, 5, 6), context="King Charles opened the session in Ottawa.")
    assert a.code == "CANGOV"
    a = r(tables, "Queen Elizabeth", date(2011, 1, 1), context="New Zealand's parliament thanked Queen Elizabeth.")
    assert a.code == "NZLGOV"


def test_two_realms_named_leave_the_country_open(tables):
    a = r(tables, "Charles III", date(2023, 5, 6),
          context="Canadian and Australian flags flew for Charles III.")
    assert (a.kind, a.country, a.role) == ("person", None, "head_of_state")
    assert a.reason == "holds head_of_state in AUS, CAN at once; the mention does not say which"


def test_realm_choice_does_not_depend_on_row_order(tables):
    spells = tables.spells["Charles III"]
    try:
        tables.spells["Charles III"] = tuple(reversed(spells))
        assert r(tables, "King Charles", date(2023, 5, 6)).code == "GBRGOV"
    finally:
        tables.spells["Charles III"] = spells


# -- seats of organisations ----------------------------------------------------------


def test_brussels_as_agent_is_the_eu(tables):
    a = r(tables, "Brussels", date(2019, 4, 10), context="Brussels offered London a longer extension.")
    assert (a.kind, a.code) == ("igo", "EU")
    assert a.reason == "Brussels stands for the European Union"


def test_brussels_about_the_alliance_is_nato(tables):
    a = r(tables, "Brussels", date(2019, 4, 10), context="Brussels told the allies to spend more on defence.")
    assert (a.kind, a.code) == ("igo", "NATO")
    a = r(tables, "Brussels", date(2019, 4, 10), context="Brussels and NATO planners disagreed.")
    assert a.code == "NATO"


def test_brussels_as_a_place_is_belgium(tables):
    for context in ("Leaders met at a summit in Brussels.", "The Brussels summit ended late."):
        a = r(tables, "Brussels", date(2019, 4, 10), context=context)
        assert (a.kind, a.country) == ("place", "BEL"), context


def test_officials_in_brussels_are_not_belgian(tables):
    a = r(tables, "officials", date(2019, 4, 10), context="Officials in Brussels said the deal was done.")
    assert a.country is None
    assert r(tables, "the Belgian government", date(2019, 4, 10)).code == "BELGOV"


def test_show_lists_an_organisations_heads_and_a_persons_organisation_spells(tables):
    import json

    from click.testing import CliRunner

    from blocwatch.cli import cli

    result = CliRunner().invoke(cli, ["actors", "show", "NATO", "--date", "2016-07-05"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["heads"] == {"secretary_general": ["Jens Stoltenberg"]}
    result = CliRunner().invoke(cli, ["actors", "show", "Jens Stoltenberg", "--date", "2016-07-05"])
    shown = json.loads(result.output)
    assert (shown["kind"], shown["code"]) == ("igo", "NATO")
    assert {"role": "secretary_general", "country": None, "organisation": "NATO", "sector": None,
            "start": "2014-10-01", "end": "2024-10-01", "note": ""} in shown["spells"]


def test_then_and_former_titles_of_organisations(tables):
    a = r(tables, "then-NATO Secretary General Jens Stoltenberg", date(2025, 3, 1))
    assert (a.kind, a.code, a.role) == ("igo", "NATO", "secretary_general")
    assert a.reason == "'then-' title: a role held earlier than the article's date"
    a = r(tables, "former UN Secretary-General Ban Ki-moon", date(2020, 1, 1))
    assert (a.kind, a.code, a.role) == ("person", "KORELI", "former_secretary_general")


def test_a_title_under_an_organisation_head_belongs_to_the_organisation(tables):
    context = "Stoltenberg's spokesman declined to comment."
    a = r(tables, "Stoltenberg's spokesman", date(2016, 1, 1), context)
    assert (a.kind, a.code, a.matched_by) == ("igo", "NATO", "possessor+title")
    assert r(tables, "Stoltenberg's spokesman", date(2010, 1, 1), context).code == "NORGOV"
