"""Checks of the packaged officials table (`data/people_officials.csv`).

The table is hand-compiled, so these tests guard its shape (columns, dates,
codes), the absence of impossible overlaps, and a few facts the seed
articles depend on.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections import defaultdict
from itertools import pairwise
from pathlib import Path

import pytest

DATA_DIR = Path(__file__).resolve().parents[1] / "src" / "blocwatch" / "data"
OFFICIALS = DATA_DIR / "people_officials.csv"
COUNTRIES = DATA_DIR / "countries.csv"
COLUMNS = ["name", "aliases", "iso3", "role", "sector", "start", "end", "note"]
CAMEO_SECTORS = {
    "GOV", "MIL", "LEG", "JUD", "COP", "SPY", "OPP", "PTY", "REB", "UAF", "BUS", "MED",
    "EDU", "REL", "CVL", "ELI", "LAB", "NGO", "REF", "CRM", "HLH", "AGR",
}
FIXED_ROLES = {
    "head_of_state", "head_of_government", "foreign_minister", "defence_minister",
    "chief_of_staff", "legislator", "military_chief", "intelligence_chief", "official",
    "journalist", "party_leader", "un_ambassador",
}
# One holder at a time per country; PTY rows (party offices) and rows marked
# "joint" (two people sharing a post) are exempt.
SINGLE_HOLDER_ROLES = {"foreign_minister", "defence_minister", "chief_of_staff"}
OPEN_END = dt.date(9999, 12, 31)


def _rows() -> list[tuple[int, dict[str, str]]]:
    """(line number, row) pairs; `#` lines are comments."""
    lines = OFFICIALS.read_text(encoding="utf-8").splitlines()
    body = [(n, line) for n, line in enumerate(lines, 1) if not line.startswith("#")]
    reader = csv.reader([line for _, line in body])
    header = next(reader)
    assert header == COLUMNS, f"{OFFICIALS.name}: header is {header}, expected {COLUMNS}"
    out = []
    for (n, _), values in zip(body[1:], reader, strict=True):
        assert len(values) == len(COLUMNS), f"line {n}: {len(values)} fields, expected 8"
        out.append((n, dict(zip(COLUMNS, values, strict=True))))
    return out


ROWS = _rows()


def _date(value: str, default: dt.date) -> dt.date:
    return dt.date.fromisoformat(value) if value else default


def _holders(iso3: str, role: str, on: str) -> set[str]:
    day = dt.date.fromisoformat(on)
    return {
        row["name"]
        for _, row in ROWS
        if row["iso3"] == iso3
        and row["role"] == role
        and _date(row["start"], dt.date.min) <= day < _date(row["end"], OPEN_END)
    }


def _spells(name: str) -> list[dict[str, str]]:
    return [row for _, row in ROWS if row["name"] == name]


def test_header_comment_names_sources() -> None:
    lines = OFFICIALS.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("#"), "the file must open with # comment lines"
    header = " ".join(line for line in lines if line.startswith("#"))
    assert "sources:" in header.lower() and "public records" in header


def test_table_is_large_enough_to_be_useful() -> None:
    assert len(ROWS) >= 1000


def test_fields_are_well_formed() -> None:
    for n, row in ROWS:
        assert row["name"].strip() == row["name"] != "", f"line {n}: bad name"
        assert re.fullmatch(r"[A-Z]{3}", row["iso3"]), f"line {n}: iso3 {row['iso3']!r}"
        role = row["role"]
        assert role in FIXED_ROLES or re.fullmatch(r"ambassador:[A-Z]{3}", role), (
            f"line {n}: unknown role {role!r}"
        )
        assert row["sector"] in CAMEO_SECTORS, f"line {n}: sector {row['sector']!r}"
        for alias in filter(None, row["aliases"].split("|")):
            assert alias.strip() == alias, f"line {n}: alias {alias!r} has spaces around it"


def test_dates_parse_and_start_precedes_end() -> None:
    for n, row in ROWS:
        start = _date(row["start"], dt.date.min)
        end = _date(row["end"], OPEN_END)
        assert start <= end, f"line {n}: start {start} after end {end}"
        assert end == OPEN_END or end <= dt.date(2026, 11, 23), f"line {n}: end in future"


def test_iso3_codes_are_known_countries() -> None:
    if not COUNTRIES.exists():
        pytest.skip("countries.csv is not written yet")
    text = [ln for ln in COUNTRIES.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    known = {row["iso3"] for row in csv.DictReader(text)}
    unknown = {row["iso3"] for _, row in ROWS} - known
    assert not unknown, f"iso3 codes not in countries.csv: {sorted(unknown)}"


def test_no_overlapping_spells_for_single_holder_offices() -> None:
    spells: dict[tuple[str, str], list[tuple[dt.date, dt.date, int, str]]] = defaultdict(list)
    for n, row in ROWS:
        if row["role"] in SINGLE_HOLDER_ROLES and row["sector"] != "PTY" and "joint" not in row["note"]:
            spells[(row["iso3"], row["role"])].append(
                (_date(row["start"], dt.date.min), _date(row["end"], OPEN_END), n, row["name"])
            )
    problems = []
    for key, items in spells.items():
        items.sort()
        for (_, end_a, line_a, name_a), (start_b, _, line_b, name_b) in pairwise(items):
            if start_b < end_a:
                problems.append(f"{key}: {name_a} (line {line_a}) overlaps {name_b} (line {line_b})")
    assert not problems, "\n".join(problems)


def test_no_duplicate_rows() -> None:
    seen: dict[tuple[str, ...], int] = {}
    for n, row in ROWS:
        key = (row["name"], row["iso3"], row["role"], row["start"])
        assert key not in seen, f"line {n} repeats line {seen[key]}"
        seen[key] = n


def test_an_alias_belongs_to_one_person() -> None:
    # A surname shared by two people must not be listed as an alias: the
    # resolver would pick one of them with false confidence.
    owners: dict[str, set[str]] = defaultdict(set)
    for _, row in ROWS:
        owners[row["name"].casefold()].add(row["name"])
        for alias in filter(None, row["aliases"].split("|")):
            owners[alias.casefold()].add(row["name"])
    shared = {alias: names for alias, names in owners.items() if len(names) > 1}
    assert not shared, f"aliases naming more than one person: {shared}"


G20_STATES = (
    "ARG", "AUS", "BRA", "CAN", "CHN", "FRA", "DEU", "IND", "IDN", "ITA",
    "JPN", "KOR", "MEX", "RUS", "SAU", "ZAF", "TUR", "GBR", "USA",
)


@pytest.mark.parametrize("day", ["2005-06-01", "2016-07-05", "2025-06-01"])
@pytest.mark.parametrize("role", ["foreign_minister", "defence_minister"])
def test_every_g20_state_has_one_minister_on_sample_days(role: str, day: str) -> None:
    counts = {iso3: len(_holders(iso3, role, day)) for iso3 in G20_STATES}
    wrong = {iso3: n for iso3, n in counts.items() if n != 1}
    assert not wrong, f"{role} on {day}: holders per state {wrong}"


def test_spell_boundaries_are_half_open() -> None:
    # On the day of a handover the successor holds the office.
    assert _holders("RUS", "defence_minister", "2012-11-06") == {"Sergei Shoigu"}
    assert _holders("RUS", "chief_of_staff", "2016-08-12") == {"Anton Vaino"}
    assert _holders("USA", "foreign_minister", "2013-02-01") == {"John Kerry"}


def test_military_and_intelligence_chiefs() -> None:
    assert "Valery Gerasimov" in _holders("RUS", "military_chief", "2016-07-05")
    assert "Qasem Soleimani" in _holders("IRN", "military_chief", "2019-06-01")
    assert "Qasem Soleimani" not in _holders("IRN", "military_chief", "2020-01-04")
    assert "Alexander Bortnikov" in _holders("RUS", "intelligence_chief", "2016-07-05")
    rows = _spells("Qasem Soleimani")
    assert rows and {r["sector"] for r in rows} == {"MIL"}


def test_hegseth_row_mentions_the_secretary_of_war_title() -> None:
    rows = [r for r in _spells("Pete Hegseth") if r["role"] == "defence_minister"]
    assert rows and "Secretary of War" in rows[0]["note"]


def test_chinese_party_general_office_rows_are_party_sector() -> None:
    rows = [r for _, r in ROWS if r["iso3"] == "CHN" and r["role"] == "chief_of_staff"]
    assert len(rows) >= 5
    assert all(r["sector"] == "PTY" and "General Office" in r["note"] for r in rows)


def test_people_also_in_the_leaders_table_are_spelled_the_same() -> None:
    # The resolver joins spells by name: one person must have one name across files.
    leaders_path = DATA_DIR / "people_leaders.csv"
    if not leaders_path.exists():
        pytest.skip("people_leaders.csv is not written yet")
    text = [ln for ln in leaders_path.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    leader_forms: dict[str, set[str]] = defaultdict(set)
    for row in csv.DictReader(text):
        for form in [row["name"], *filter(None, row["aliases"].split("|"))]:
            leader_forms[form.casefold()].add(row["name"])
    clashes = set()
    for n, row in ROWS:
        for form in [row["name"], *filter(None, row["aliases"].split("|"))]:
            others = leader_forms.get(form.casefold(), set()) - {row["name"]}
            if others:
                clashes.add(f"line {n}: {form!r} is {sorted(others)} in people_leaders.csv")
    assert not clashes, "\n".join(sorted(clashes))


def test_russian_chiefs_of_staff_around_the_2016_change() -> None:
    assert _holders("RUS", "chief_of_staff", "2016-07-05") == {"Sergei Ivanov"}
    assert _holders("RUS", "chief_of_staff", "2017-07-04") == {"Anton Vaino"}


def test_foreign_ministers_of_russia_and_china_in_2016() -> None:
    assert _holders("RUS", "foreign_minister", "2016-07-05") == {"Sergey Lavrov"}
    assert _holders("CHN", "foreign_minister", "2016-07-05") == {"Wang Yi"}


def test_chinese_foreign_minister_handover_days() -> None:
    assert _holders("CHN", "foreign_minister", "2022-12-30") == {"Qin Gang"}
    assert _holders("CHN", "foreign_minister", "2023-07-25") == {"Wang Yi"}


def test_russian_ambassador_to_china_in_2017() -> None:
    assert _holders("RUS", "ambassador:CHN", "2017-07-04") == {"Andrey Denisov"}


def test_mcfaul_ambassador_spell_ended_before_2016() -> None:
    spells = [row for row in _spells("Michael McFaul") if row["role"] == "ambassador:RUS"]
    assert spells and all(row["end"] and row["end"] < "2016-01-01" for row in spells)
    assert "Michael McFaul" not in _holders("USA", "ambassador:RUS", "2016-07-05")


def test_mccain_is_a_us_legislator_in_2017() -> None:
    assert "John McCain" in _holders("USA", "legislator", "2017-07-04")
    assert "John McCain" not in _holders("USA", "legislator", "2018-08-25")


def test_li_zhanshu_heads_the_party_general_office_in_2016() -> None:
    rows = [r for r in _spells("Li Zhanshu") if r["role"] == "chief_of_staff"]
    assert rows and rows[0]["sector"] == "PTY"
    assert "Li Zhanshu" in _holders("CHN", "chief_of_staff", "2016-07-05")


def test_rubio_moves_from_senate_to_state_department() -> None:
    assert "Marco Rubio" in _holders("USA", "legislator", "2025-01-19")
    assert "Marco Rubio" not in _holders("USA", "legislator", "2025-01-21")
    assert _holders("USA", "foreign_minister", "2025-02-01") == {"Marco Rubio"}


def test_russian_defence_ministers_in_2024() -> None:
    assert _holders("RUS", "defence_minister", "2024-05-01") == {"Sergei Shoigu"}
    assert _holders("RUS", "defence_minister", "2024-06-01") == {"Andrey Belousov"}
