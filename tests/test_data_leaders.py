"""Checks of the packaged heads-of-state and heads-of-government table."""

from __future__ import annotations

import csv
import itertools
import json
from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[1] / "src" / "blocwatch" / "data"
LEADERS = DATA / "people_leaders.csv"
COUNTRIES = DATA / "countries.csv"
MLEDOZE = Path(__file__).resolve().parents[2] / "shared" / "reference" / "mledoze_countries.json"
COLUMNS = ["name", "aliases", "iso3", "role", "sector", "start", "end", "note"]
ROLES = {"head_of_state", "head_of_government"}
# Codes in use that the ISO list lacks: Kosovo (user-assigned XKX).
EXTRA_CODES = {"XKX"}
COVERAGE_DAYS = [date(2016, 7, 5), date(2025, 1, 1)]


def _read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return list(csv.DictReader(lines))


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    return _read_rows(LEADERS)


def _day(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def _in_force(row: dict[str, str], day: date) -> bool:
    start, end = _day(row["start"]), _day(row["end"])
    # The end day is the day power passed, so it belongs to the successor.
    return (start is None or start <= day) and (end is None or day < end)


def _country_rows() -> list[dict[str, str]] | None:
    return _read_rows(COUNTRIES) if COUNTRIES.exists() else None


def test_header_names_sources() -> None:
    head = LEADERS.read_text(encoding="utf-8").splitlines()[:5]
    assert head[0].startswith("#")
    assert any("Archigos 4.1" in line for line in head)


def test_columns_and_values(rows: list[dict[str, str]]) -> None:
    with LEADERS.open(encoding="utf-8") as handle:
        first = next(line for line in handle if not line.startswith("#"))
    assert first.strip().split(",") == COLUMNS
    assert len(rows) > 1500
    for number, row in enumerate(rows, 1):
        where = f"row {number} ({row['name']}, {row['iso3']})"
        assert row["name"].strip() == row["name"] and row["name"], where
        assert row["role"] in ROLES, where
        assert row["sector"] == "GOV", where
        assert len(row["iso3"]) == 3 and row["iso3"].isupper(), where
        assert None not in row, f"{where}: too many cells"
        assert all(alias.strip() for alias in row["aliases"].split("|") if row["aliases"]), where


def test_iso3_codes_are_known(rows: list[dict[str, str]]) -> None:
    countries = _country_rows()
    if countries is not None:
        known = {row["iso3"] for row in countries}
    elif MLEDOZE.exists():
        known = {entry["cca3"] for entry in json.loads(MLEDOZE.read_text(encoding="utf-8"))}
    else:
        pytest.skip("neither countries.csv nor ../shared/reference/mledoze_countries.json exists")
    unknown = sorted({row["iso3"] for row in rows} - known - EXTRA_CODES)
    assert not unknown, f"iso3 codes not in the country list: {unknown}"


def test_dates_parse_and_are_ordered(rows: list[dict[str, str]]) -> None:
    bad = []
    for row in rows:
        start, end = _day(row["start"]), _day(row["end"])
        if start and end and start > end:
            bad.append(f"{row['name']} {row['iso3']} {row['start']}..{row['end']}")
        if end and end > date(2026, 11, 23):
            bad.append(f"{row['name']} ends in the future: {row['end']}")
    assert not bad, bad


def test_spells_do_not_overlap(rows: list[dict[str, str]]) -> None:
    spells: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        if "collective" not in row["note"]:
            spells[(row["iso3"], row["role"])].append(row)
    clashes = []
    for key, group in spells.items():
        ordered = sorted(group, key=lambda r: r["start"] or "0000")
        for before, after in itertools.pairwise(ordered):
            end = _day(before["end"]) or date.max
            start = _day(after["start"]) or date.min
            if (end - start).days > 1:
                clashes.append(
                    f"{key}: {before['name']} to {before['end'] or 'now'} "
                    f"overlaps {after['name']} from {after['start']}"
                )
    assert not clashes, "\n".join(clashes)


def _un_members(day: date) -> set[str]:
    countries = _country_rows()
    if countries is not None:
        # countries.csv also lists former states (USSR, Yugoslavia): keep those existing on day.
        return {
            row["iso3"]
            for row in countries
            if row.get("un_member", "").lower() in {"1", "true", "yes", "y"} and _in_force(row, day)
        }
    if not MLEDOZE.exists():
        pytest.skip("no countries.csv and no ../shared/reference/mledoze_countries.json")
    data = json.loads(MLEDOZE.read_text(encoding="utf-8"))
    return {entry["cca3"] for entry in data if entry.get("unMember")}


@pytest.mark.parametrize("day", COVERAGE_DAYS, ids=str)
def test_every_un_member_has_a_head_of_state(rows: list[dict[str, str]], day: date) -> None:
    covered = {r["iso3"] for r in rows if r["role"] == "head_of_state" and _in_force(r, day)}
    gaps = sorted(_un_members(day) - covered)
    assert not gaps, f"UN members with no head of state on {day}: {gaps}"


def _holders(rows: list[dict[str, str]], iso3: str, role: str, day: date) -> list[str]:
    return [
        r["name"] for r in rows if r["iso3"] == iso3 and r["role"] == role and _in_force(r, day)
    ]


SPOT_FACTS = [
    ("RUS", "head_of_state", "2000-05-07", "2008-05-07", "Vladimir Putin"),
    ("RUS", "head_of_government", "2008-05-08", "2012-05-07", "Vladimir Putin"),
    ("RUS", "head_of_state", "2012-05-07", "", "Vladimir Putin"),
    ("RUS", "head_of_state", "2008-05-07", "2012-05-07", "Dmitry Medvedev"),
    ("RUS", "head_of_government", "2012-05-08", "2020-01-16", "Dmitry Medvedev"),
    ("RUS", "head_of_government", "2020-01-16", "", "Mikhail Mishustin"),
    ("CHN", "head_of_state", "2013-03-14", "", "Xi Jinping"),
    ("CHN", "head_of_state", "2003-03-15", "2013-03-14", "Hu Jintao"),
    ("CHN", "head_of_government", "2013-03-15", "2023-03-11", "Li Keqiang"),
    ("CHN", "head_of_government", "2023-03-11", "", "Li Qiang"),
    ("CHN", "head_of_government", "2003-03-16", "2013-03-15", "Wen Jiabao"),
    ("USA", "head_of_state", "2017-01-20", "2021-01-20", "Donald Trump"),
    ("USA", "head_of_state", "2025-01-20", "", "Donald Trump"),
    ("USA", "head_of_state", "2021-01-20", "2025-01-20", "Joe Biden"),
    ("USA", "head_of_state", "2009-01-20", "2017-01-20", "Barack Obama"),
    ("USA", "head_of_state", "2001-01-20", "2009-01-20", "George W. Bush"),
    ("USA", "head_of_government", "2017-01-20", "2021-01-20", "Donald Trump"),
    ("IND", "head_of_government", "2014-05-26", "", "Narendra Modi"),
    ("IND", "head_of_government", "2004-05-22", "2014-05-26", "Manmohan Singh"),
]


@pytest.mark.parametrize("fact", SPOT_FACTS, ids=lambda f: f"{f[4]}-{f[1]}-{f[2]}")
def test_spot_facts(rows: list[dict[str, str]], fact: tuple[str, str, str, str, str]) -> None:
    iso3, role, start, end, name = fact
    spell = [
        r
        for r in rows
        if (r["name"], r["iso3"], r["role"], r["start"]) == (name, iso3, role, start)
    ]
    assert len(spell) == 1, f"expected one {name} {role} spell from {start}, found {len(spell)}"
    assert spell[0]["end"] == end
    first = date.fromisoformat(start)
    assert _holders(rows, iso3, role, first) == [name]
    if end:
        # The day power passed belongs to the successor; the day before to this leader.
        last = date.fromisoformat(end)
        assert _holders(rows, iso3, role, date.fromordinal(last.toordinal() - 1)) == [name]
        assert name not in _holders(rows, iso3, role, last)


def test_putin_acting_presidency_is_noted(rows: list[dict[str, str]]) -> None:
    first = next(r for r in rows if r["name"] == "Vladimir Putin" and r["start"] == "2000-05-07")
    assert "1999-12-31" in first["note"]
    xi = next(r for r in rows if r["name"] == "Xi Jinping" and r["role"] == "head_of_state")
    assert "2012-11-15" in xi["note"]


def test_surname_aliases_are_distinctive(rows: list[dict[str, str]]) -> None:
    # A bare surname shared by several leaders of different countries would resolve wrongly.
    owners: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        for alias in row["aliases"].split("|"):
            if alias and " " not in alias:
                owners[alias].add(row["name"])
    for generic in ("Li", "Kim", "Singh", "Lee", "Wang", "Khan"):
        assert generic not in owners, f"bare '{generic}' is not distinctive: {owners[generic]}"
    assert {"Putin", "Xi", "Modi", "Merkel"} <= set(owners)
