"""Checks of the packaged geographic and organisational tables.

countries, igos, igo_members, groups, sectors and formal_ties: formats as in
``blocwatch/data/README.md``, codes that refer to each other, dates that parse
and spells that do not overlap, and spot checks of public facts.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from datetime import date
from itertools import pairwise
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[1] / "src" / "blocwatch" / "data"
REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "reference"

COLUMNS = {
    "countries.csv": ["iso3", "iso2", "name", "official_name", "aliases", "demonyms", "adjectives",
                      "capital", "seats", "region", "un_member", "start", "end", "ambiguous"],
    "igos.csv": ["code", "name", "aliases", "kind", "start", "end", "note", "seats"],
    "igo_officials.csv": ["name", "aliases", "igo", "role", "start", "end", "note"],
    "igo_members.csv": ["igo", "iso3", "start", "end", "status"],
    "groups.csv": ["code", "name", "aliases", "members", "note"],
    "sectors.csv": ["sector", "name", "nouns"],
    "formal_ties.csv": ["a", "b", "kind", "treaty", "start", "end", "note"],
}
IGO_KINDS = {"alliance", "security", "political", "economic", "financial", "regional", "forum", "un"}
STATUSES = {"member", "observer", "partner", "suspended"}
TIE_KINDS = {"defense", "neutrality", "nonaggression", "entente"}
CAMEO_SECTORS = {"GOV", "MIL", "LEG", "JUD", "COP", "SPY", "OPP", "PTY", "REB", "UAF", "BUS", "MED",
                 "EDU", "REL", "CVL", "ELI", "LAB", "NGO", "REF", "CRM", "HLH", "AGR"}
ISO3 = re.compile(r"^[A-Z]{3}$")
ISO2 = re.compile(r"^[A-Z]{2}$")


def _read(name: str) -> tuple[list[str], list[dict[str, str]]]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        lines = handle.readlines()
    comments = [line for line in lines if line.startswith("#")]
    rows = list(csv.DictReader(line for line in lines if not line.startswith("#")))
    return comments, rows


def _split(cell: str) -> list[str]:
    return [part for part in cell.split("|") if part]


def _day(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def _holds(row: dict[str, str], day: date) -> bool:
    """Half-open spells, as the resolver reads them: the end day no longer holds."""
    start, end = _day(row["start"]), _day(row["end"])
    return (start is None or start <= day) and (end is None or day < end)


@pytest.fixture(scope="module")
def tables() -> dict[str, list[dict[str, str]]]:
    return {name: _read(name)[1] for name in COLUMNS}


@pytest.fixture(scope="module")
def countries(tables: dict[str, list[dict[str, str]]]) -> dict[str, dict[str, str]]:
    return {row["iso3"]: row for row in tables["countries.csv"]}


def _members(tables: dict[str, list[dict[str, str]]], igo: str, day: date,
             status: str = "member") -> set[str]:
    return {row["iso3"] for row in tables["igo_members.csv"]
            if row["igo"] == igo and row["status"] == status and _holds(row, day)}


def _ties(tables: dict[str, list[dict[str, str]]], a: str, b: str, day: date) -> set[str]:
    return {row["kind"] for row in tables["formal_ties.csv"]
            if {row["a"], row["b"]} == {a, b} and _holds(row, day)}


# --- format -------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(COLUMNS))
def test_table_has_documented_columns_and_source_header(name: str) -> None:
    comments, rows = _read(name)
    with (DATA / name).open(encoding="utf-8") as handle:
        assert handle.readline().startswith("#"), f"{name} must open with its source comments"
    header = " ".join(line.lstrip("#").strip() for line in comments)
    assert "Source" in header and "blocwatch developers" in header, f"{name}: no source line"
    assert rows, f"{name} has no rows"
    assert list(rows[0].keys()) == COLUMNS[name]
    for number, row in enumerate(rows, start=1):
        assert None not in row.values(), f"{name} row {number} has too few cells: {row}"
        assert None not in row, f"{name} row {number} has too many cells"


@pytest.mark.parametrize("name", sorted(COLUMNS))
def test_dates_parse_and_start_precedes_end(name: str) -> None:
    _, rows = _read(name)
    if "start" not in COLUMNS[name]:
        return
    for row in rows:
        start, end = _day(row["start"]), _day(row["end"])
        if start and end:
            assert start < end, f"{name}: {row} ends before it starts"


def test_country_codes_are_valid_and_unique(tables: dict[str, list[dict[str, str]]]) -> None:
    rows = tables["countries.csv"]
    codes = [row["iso3"] for row in rows]
    assert len(codes) == len(set(codes))
    assert all(ISO3.match(code) for code in codes)
    current_iso2 = [row["iso2"] for row in rows if not row["end"]]
    assert len(current_iso2) == len(set(current_iso2))
    assert all(ISO2.match(row["iso2"]) for row in rows)
    assert all(row["un_member"] in {"true", "false"} for row in rows)


def test_country_rows_are_complete(tables: dict[str, list[dict[str, str]]]) -> None:
    for row in tables["countries.csv"]:
        assert row["name"] and row["official_name"] and row["region"], row["iso3"]
        # Dominica yields "Dominican" to the Dominican Republic; the Holy See has none.
        if not row["end"] and row["iso3"] not in {"DMA", "VAT"}:
            assert row["demonyms"], f"{row['iso3']} has no demonym"


def test_iso_codes_agree_with_mledoze() -> None:
    if not (REFERENCE / "mledoze_countries.json").is_file():
        pytest.skip("../shared/reference is not available")
    import json

    raw = json.loads((REFERENCE / "mledoze_countries.json").read_text(encoding="utf-8"))
    iso2_of = {entry["cca3"]: entry["cca2"] for entry in raw}
    _, rows = _read("countries.csv")
    for row in rows:
        if row["iso3"] in iso2_of:
            assert row["iso2"] == iso2_of[row["iso3"]], row["iso3"]


# --- references between tables ------------------------------------------------------


def test_igo_members_refer_to_known_igos_and_states(
    tables: dict[str, list[dict[str, str]]], countries: dict[str, dict[str, str]]
) -> None:
    igos = {row["code"] for row in tables["igos.csv"]}
    assert len(igos) == len(tables["igos.csv"])
    assert all(row["kind"] in IGO_KINDS for row in tables["igos.csv"])
    for row in tables["igo_members.csv"]:
        assert row["igo"] in igos, row
        assert row["iso3"] in countries, row
        assert row["status"] in STATUSES, row


def test_no_membership_outlives_its_state(
    tables: dict[str, list[dict[str, str]]], countries: dict[str, dict[str, str]]
) -> None:
    for row in tables["igo_members.csv"]:
        state = countries[row["iso3"]]
        if state["end"]:
            assert row["end"] and row["end"] <= state["end"], row


def test_membership_spells_do_not_overlap(tables: dict[str, list[dict[str, str]]]) -> None:
    spells: dict[tuple[str, str], list[tuple[date, date]]] = defaultdict(list)
    for row in tables["igo_members.csv"]:
        start = _day(row["start"]) or date.min
        end = _day(row["end"]) or date.max
        spells[(row["igo"], row["iso3"])].append((start, end))
    for key, items in spells.items():
        items.sort()
        for (_, first_end), (second_start, _) in pairwise(items):
            assert second_start >= first_end, f"overlapping spells for {key}: {items}"


def test_groups_and_ties_refer_to_states(
    tables: dict[str, list[dict[str, str]]], countries: dict[str, dict[str, str]]
) -> None:
    codes = [row["code"] for row in tables["groups.csv"]]
    assert len(codes) == len(set(codes))
    for row in tables["groups.csv"]:
        assert all(member in countries for member in _split(row["members"])), row["code"]
    for row in tables["formal_ties.csv"]:
        assert row["a"] in countries and row["b"] in countries, row
        assert row["a"] != row["b"], row
        assert row["kind"] in TIE_KINDS, row
        assert row["treaty"], row


def test_group_and_igo_names_do_not_collide(tables: dict[str, list[dict[str, str]]]) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for table, code in (("igos.csv", "code"), ("groups.csv", "code")):
        for row in tables[table]:
            for form in [row["name"], *_split(row["aliases"])]:
                owners[form.lower()].add(f"{table}:{row[code]}")
    clashes = {form: who for form, who in owners.items() if len(who) > 1}
    assert not clashes


# --- names and ambiguity --------------------------------------------------------------


def _state_forms(row: dict[str, str]) -> set[str]:
    forms = {row["name"], row["official_name"]}
    for column in ("aliases", "demonyms", "adjectives", "seats"):
        forms.update(_split(row[column]))
    return {form.lower() for form in forms}


def test_a_name_belongs_to_one_current_state_unless_marked_ambiguous(
    tables: dict[str, list[dict[str, str]]],
) -> None:
    current = [row for row in tables["countries.csv"] if not row["end"]]
    owners: dict[str, set[str]] = defaultdict(set)
    for row in current:
        ambiguous = {form.lower() for form in _split(row["ambiguous"])}
        for form in _state_forms(row) - ambiguous:
            owners[form].add(row["iso3"])
    shared = {form: who for form, who in owners.items() if len(who) > 1}
    assert not shared


def test_ambiguous_names_do_not_resolve_elsewhere(tables: dict[str, list[dict[str, str]]]) -> None:
    """A name marked ambiguous for some states is no plain name of another state."""
    marked: dict[str, set[str]] = defaultdict(set)
    for row in tables["countries.csv"]:
        for form in _split(row["ambiguous"]):
            marked[form.lower()].add(row["iso3"])
    for row in tables["countries.csv"]:
        if row["end"]:
            continue
        for form in _state_forms(row) & set(marked):
            assert row["iso3"] in marked[form], (
                f"{form!r} is ambiguous for {sorted(marked[form])} but a plain name of {row['iso3']}"
            )


def test_two_letter_codes_are_not_aliases(tables: dict[str, list[dict[str, str]]]) -> None:
    # "IR" read as Iraq is a classic coder failure: ISO2 codes never resolve as names,
    # except the short forms news really uses.
    allowed = {"US", "UK"}
    for row in tables["countries.csv"]:
        for form in _split(row["aliases"]):
            assert not (len(form) == 2 and form.isupper()) or form in allowed, (row["iso3"], form)


def test_congo_korea_and_georgia_need_context(countries: dict[str, dict[str, str]]) -> None:
    for iso3 in ("COD", "COG"):
        assert "Congo" in _split(countries[iso3]["ambiguous"])
        assert "Congolese" in _split(countries[iso3]["ambiguous"])
    for iso3 in ("KOR", "PRK"):
        assert "Korea" in _split(countries[iso3]["ambiguous"])
    assert "Georgia" in _split(countries["GEO"]["ambiguous"])
    assert "South China Sea" in _split(countries["CHN"]["ambiguous"])
    assert "Sudan" not in _split(countries["SDN"]["ambiguous"])
    assert countries["SSD"]["name"] == "South Sudan"


def test_the_two_chinas_are_kept_apart(countries: dict[str, dict[str, str]]) -> None:
    assert countries["TWN"]["official_name"] == "Republic of China"
    assert countries["CHN"]["official_name"] == "People's Republic of China"
    assert "republic of china" not in _state_forms(countries["CHN"])
    assert "people's republic of china" not in _state_forms(countries["TWN"])
    assert countries["TWN"]["un_member"] == "false"
    for iso3, form in (("KOR", "Republic of Korea"), ("PRK", "Democratic People's Republic of Korea"),
                       ("COG", "Republic of the Congo"), ("COD", "Democratic Republic of the Congo")):
        assert form.lower() in _state_forms(countries[iso3]), (iso3, form)


def test_short_forms_demonyms_and_seats(countries: dict[str, dict[str, str]]) -> None:
    expected = {
        "USA": {"us", "u.s.", "usa", "america", "american", "americans", "the white house",
                "the pentagon", "foggy bottom", "capitol hill", "washington"},
        "GBR": {"uk", "britain", "great britain", "british", "britons", "downing street",
                "whitehall", "london"},
        "RUS": {"russian federation", "russian", "russians", "the kremlin", "moscow"},
        "CHN": {"prc", "chinese", "zhongnanhai", "beijing", "sino-"},
        "KOR": {"rok", "south korea", "the blue house", "seoul"},
        "PRK": {"dprk", "north korea", "pyongyang"},
        "MMR": {"burma"},
        "CIV": {"ivory coast", "côte d'ivoire"},
        "CZE": {"czechia", "czech republic"},
        "TUR": {"türkiye", "turkey", "ankara"},
        "NLD": {"holland"},
        "FRA": {"the elysée", "quai d'orsay", "paris"},
        "DEU": {"the chancellery", "berlin", "bundestag"},
        "JPN": {"kasumigaseki", "tokyo"},
        "IND": {"south block", "raisina hill", "new delhi"},
        "UKR": {"kyiv", "kiev"},
        "IRN": {"tehran"},
        "SAU": {"riyadh", "saudi", "saudis"},
        "SUN": {"ussr", "soviet union", "soviets"},
    }
    for iso3, forms in expected.items():
        missing = forms - _state_forms(countries[iso3])
        assert not missing, f"{iso3} lacks {missing}"


def test_brussels_is_no_seat_of_belgium(countries: dict[str, dict[str, str]]) -> None:
    assert "brussels" not in _state_forms(countries["BEL"])
    assert countries["BEL"]["capital"] == "Brussels"


def test_historical_states_are_dated(countries: dict[str, dict[str, str]]) -> None:
    assert countries["SUN"]["end"] == "1991-12-26"
    assert countries["DDR"]["end"] == "1990-10-03"
    assert countries["CSK"]["end"] == "1993-01-01"
    assert countries["YUG"]["start"] and countries["YUG"]["end"]
    assert countries["SSD"]["start"] == "2011-07-09"
    assert countries["XKX"]["start"] == "2008-02-17"


# --- UN and the Security Council -------------------------------------------------------


def test_un_membership_matches_the_country_table(
    tables: dict[str, list[dict[str, str]]], countries: dict[str, dict[str, str]]
) -> None:
    today = date(2026, 1, 1)
    members = _members(tables, "UN", today)
    assert len(members) == 193
    flagged = {iso3 for iso3, row in countries.items() if row["un_member"] == "true" and not row["end"]}
    assert members == flagged
    assert _members(tables, "UN", today, "observer") == {"PSE", "VAT"}
    assert "CHN" not in _members(tables, "UN", date(1971, 10, 24))
    assert "TWN" in _members(tables, "UN", date(1971, 10, 24))
    assert "CHN" in _members(tables, "UN", date(1971, 10, 25))
    assert "SSD" in _members(tables, "UN", date(2011, 7, 14))


def test_security_council(tables: dict[str, list[dict[str, str]]]) -> None:
    p5 = {"CHN", "FRA", "GBR", "RUS", "USA"}
    assert p5 <= _members(tables, "UNSC", date(2016, 7, 5))
    assert len(_members(tables, "UNSC", date(2016, 7, 5))) == 15
    assert len(_members(tables, "UNSC", date(2024, 3, 1))) == 15
    assert "SUN" in _members(tables, "UNSC", date(1985, 1, 1))
    aliases = {row["code"]: _split(row["aliases"]) for row in tables["igos.csv"]}
    assert {"UNSC", "Security Council"} <= set(aliases["UNSC"])


# --- spot checks of organisations ------------------------------------------------------


def test_nato_accessions(tables: dict[str, list[dict[str, str]]]) -> None:
    assert "SWE" not in _members(tables, "NATO", date(2024, 3, 6))
    assert "SWE" in _members(tables, "NATO", date(2024, 3, 7))
    assert "FIN" not in _members(tables, "NATO", date(2023, 4, 3))
    assert "FIN" in _members(tables, "NATO", date(2023, 4, 4))
    assert len(_members(tables, "NATO", date(2024, 6, 1))) == 32
    assert len(_members(tables, "NATO", date(2016, 7, 5))) == 28
    assert len(_members(tables, "NATO", date(1949, 8, 24))) == 12


def test_eu_and_brexit(tables: dict[str, list[dict[str, str]]]) -> None:
    rows = [r for r in tables["igo_members.csv"] if r["igo"] == "EU" and r["iso3"] == "GBR"]
    assert [r["end"] for r in rows] == ["2020-01-31"]
    assert len(_members(tables, "EU", date(2020, 1, 30))) == 28
    assert len(_members(tables, "EU", date(2021, 1, 1))) == 27


def test_sco_brics_eaeu_csto(tables: dict[str, list[dict[str, str]]]) -> None:
    assert "IRN" not in _members(tables, "SCO", date(2023, 7, 3))
    assert "IRN" in _members(tables, "SCO", date(2023, 7, 4))
    assert "IRN" in _members(tables, "SCO", date(2023, 7, 3), "observer")
    assert len(_members(tables, "SCO", date(2024, 7, 4))) == 10
    assert "EGY" not in _members(tables, "BRICS", date(2023, 12, 31))
    assert "EGY" in _members(tables, "BRICS", date(2024, 1, 1))
    assert _members(tables, "BRICS", date(2016, 7, 5)) == {"BRA", "RUS", "IND", "CHN", "ZAF"}
    assert len(_members(tables, "BRICS", date(2025, 2, 1))) == 10
    assert "SAU" not in _members(tables, "BRICS", date(2025, 2, 1))
    assert _members(tables, "EAEU", date(2016, 7, 5)) == {"RUS", "BLR", "KAZ", "ARM", "KGZ"}
    assert "UZB" in _members(tables, "CSTO", date(2008, 1, 1))
    assert "UZB" not in _members(tables, "CSTO", date(2013, 1, 1))
    assert "ARM" in _members(tables, "CSTO", date(2024, 6, 1), "suspended")
    assert _members(tables, "CSTO", date(2024, 6, 1)) == {"RUS", "BLR", "KAZ", "KGZ", "TJK"}


def test_leavers_and_suspensions(tables: dict[str, list[dict[str, str]]]) -> None:
    assert "QAT" in _members(tables, "OPEC", date(2018, 12, 31))
    assert "QAT" not in _members(tables, "OPEC", date(2019, 1, 1))
    assert "AGO" not in _members(tables, "OPEC", date(2024, 1, 1))
    assert "RUS" in _members(tables, "G8", date(2013, 6, 1))
    assert "RUS" not in _members(tables, "G8", date(2014, 3, 24))
    assert "MEX" in _members(tables, "TIAR", date(2004, 1, 1))
    assert "MEX" not in _members(tables, "TIAR", date(2005, 1, 1))
    assert "NZL" in _members(tables, "ANZUS", date(2000, 1, 1), "suspended")
    assert "SYR" in _members(tables, "LAS", date(2015, 1, 1), "suspended")
    assert "SYR" in _members(tables, "LAS", date(2024, 1, 1))
    assert "MAR" in _members(tables, "AU", date(2017, 6, 1))
    assert len(_members(tables, "WP", date(1980, 1, 1))) == 7
    assert not _members(tables, "WP", date(1992, 1, 1))


def test_alliance_kinds(tables: dict[str, list[dict[str, str]]]) -> None:
    kinds = {row["code"]: row["kind"] for row in tables["igos.csv"]}
    for code in ("NATO", "CSTO", "ANZUS", "TIAR", "WP", "SEATO", "CENTO"):
        assert kinds[code] == "alliance", code
    for code in ("AUKUS", "QUAD", "SCO", "BRICS", "LAS", "FVEY"):
        assert kinds[code] != "alliance", code


def test_brics_bank_alias(tables: dict[str, list[dict[str, str]]]) -> None:
    aliases = {row["code"]: set(_split(row["aliases"])) for row in tables["igos.csv"]}
    assert {"NDB", "BRICS Bank"} <= aliases["NDB"]
    assert {"Shanghai Cooperation Organization", "Shanghai Cooperation Organisation"} <= (
        aliases["SCO"] | {"Shanghai Cooperation Organisation"}
    )
    assert "WTO" not in aliases["WP"]


# --- groups, sectors, ties ---------------------------------------------------------------


def test_groups(tables: dict[str, list[dict[str, str]]]) -> None:
    groups = {row["code"]: row for row in tables["groups.csv"]}
    assert groups["WST"]["name"] == "the West"
    assert "Western allies" in _split(groups["WST"]["aliases"])
    assert groups["WST"]["members"] == ""
    assert set(_split(groups["BALTIC"]["members"])) == {"EST", "LVA", "LTU"}
    assert set(_split(groups["CASIA"]["members"])) == {"KAZ", "KGZ", "TJK", "TKM", "UZB"}


def test_sectors_cover_cameo_and_do_not_share_nouns(tables: dict[str, list[dict[str, str]]]) -> None:
    rows = tables["sectors.csv"]
    assert {row["sector"] for row in rows} == CAMEO_SECTORS
    owner: dict[str, str] = {}
    for row in rows:
        for noun in _split(row["nouns"]):
            if "@" in noun:
                continue  # a dated sector ("Taliban@2021-08-15..") overrides on its dates only
            key = noun.lower()
            assert key not in owner, f"{noun!r} in {owner.get(key)} and {row['sector']}"
            owner[key] = row["sector"]
    checks = {"troops": "MIL", "warplane": "MIL", "destroyer": "MIL", "army": "MIL",
              "official": "GOV", "ministry": "GOV", "parliament": "LEG", "senator": "LEG",
              "court": "JUD", "police": "COP", "intelligence": "SPY", "journalist": "MED",
              "company": "BUS", "men": "CVL", "students": "EDU", "refugee": "REF"}
    for noun, sector in checks.items():
        assert owner.get(noun) == sector, noun


def test_formal_ties(tables: dict[str, list[dict[str, str]]]) -> None:
    assert "defense" in _ties(tables, "USA", "JPN", date(2016, 7, 5))
    assert "defense" in _ties(tables, "USA", "KOR", date(2016, 7, 5))
    assert "defense" in _ties(tables, "CHN", "PRK", date(2016, 7, 5))
    assert "defense" not in _ties(tables, "RUS", "PRK", date(2024, 12, 3))
    assert "defense" in _ties(tables, "RUS", "PRK", date(2024, 12, 4))
    assert "defense" in _ties(tables, "PAK", "SAU", date(2025, 9, 17))
    assert "defense" in _ties(tables, "USA", "TWN", date(1970, 1, 1))
    assert "defense" not in _ties(tables, "USA", "TWN", date(2016, 7, 5))
    # Russia and China have a friendship treaty but no defence pact: the analysis
    # must be free to flag their alignment as undeclared.
    assert "defense" not in _ties(tables, "RUS", "CHN", date(2016, 7, 5))
    assert "entente" in _ties(tables, "RUS", "CHN", date(2016, 7, 5))
    assert "defense" in _ties(tables, "SUN", "CHN", date(1960, 1, 1))


def test_icews_country_names_are_known(tables: dict[str, list[dict[str, str]]]) -> None:
    path = REFERENCE / "icews05-15_valid.tsv"
    if not path.is_file():
        pytest.skip("../shared/reference is not available")
    names = set()
    for row in tables["countries.csv"]:
        names.update(form.lower() for form in [row["name"], row["official_name"], *_split(row["aliases"])])
    seen: dict[str, int] = defaultdict(int)
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            for actor in line.rstrip("\n").split("\t")[0::2]:
                match = re.search(r"\(([^()]*)\)\s*$", actor)
                if match:
                    seen[match.group(1)] += 1
    frequent_states = {name for name, count in seen.items() if count >= 50}
    non_states = {"Africa", "International", "Taliban"}
    assert not {name for name in frequent_states - non_states if name.lower() not in names}


def test_un_vote_codes_are_known(tables: dict[str, list[dict[str, str]]]) -> None:
    path = REFERENCE / "un_votes_2005_2009.csv"
    if not path.is_file():
        pytest.skip("../shared/reference is not available")
    iso2 = {row["iso2"] for row in tables["countries.csv"]}
    with path.open(encoding="utf-8") as handle:
        codes = {row["country_code"] for row in csv.DictReader(handle)}
    # Namibia's ISO code "NA" is read as a missing value by the converter.
    assert codes - iso2 <= {""}


def test_organisations_the_analysis_names_are_known(tables: dict[str, list[dict[str, str]]]) -> None:
    forms = {}
    for row in tables["igos.csv"]:
        for form in [row["code"], row["name"], *_split(row["aliases"])]:
            forms[form.lower()] = row["code"]
    expected = {
        "shanghai cooperation organisation": "SCO", "brics": "BRICS",
        "eurasian economic union": "EAEU", "asian infrastructure investment bank": "AIIB",
        "brics bank": "NDB", "new development bank": "NDB", "g20": "G20", "nato": "NATO",
        "imf": "IMF", "world bank": "WB", "warsaw pact": "WP", "csto": "CSTO",
        "european union": "EU", "asean": "ASEAN", "african union": "AU", "gcc": "GCC",
        "opec": "OPEC", "g7": "G7", "osce": "OSCE", "quad": "QUAD", "aukus": "AUKUS",
        "arab league": "LAS", "rio treaty": "TIAR", "five eyes": "FVEY", "mercosur": "MERCOSUR",
    }
    for form, code in expected.items():
        assert forms.get(form) == code, form
    kinds = {row["code"]: row for row in tables["igos.csv"]}
    assert kinds["WP"]["end"] == "1991-07-01"


# --- heads of organisations ----------------------------------------------------------

IGO_ROLES = {"secretary_general", "commission_president", "council_president", "high_representative",
             "ecb_president", "managing_director", "president", "director_general", "commission_chair"}


def test_igo_officials_refer_to_known_organisations_and_roles(tables: dict[str, list[dict[str, str]]]) -> None:
    igos = {row["code"] for row in tables["igos.csv"]}
    for row in tables["igo_officials.csv"]:
        assert row["igo"] in igos, row
        assert row["role"] in IGO_ROLES, row


def test_igo_offices_have_one_holder_at_a_time(tables: dict[str, list[dict[str, str]]]) -> None:
    by_office: dict[tuple[str, str], list[dict[str, str]]] = {}
    for row in tables["igo_officials.csv"]:
        by_office.setdefault((row["igo"], row["role"]), []).append(row)
    for office, rows in by_office.items():
        rows.sort(key=lambda row: row["start"])
        for before, after in pairwise(rows):
            assert before["end"] and before["end"] <= after["start"], (office, before["name"], after["name"])


@pytest.mark.parametrize(("igo", "role", "day", "name"), [
    ("NATO", "secretary_general", date(2004, 1, 1), "Jaap de Hoop Scheffer"),
    ("NATO", "secretary_general", date(2024, 9, 30), "Jens Stoltenberg"),
    ("NATO", "secretary_general", date(2024, 10, 1), "Mark Rutte"),
    ("UN", "secretary_general", date(2016, 12, 31), "Ban Ki-moon"),
    ("UN", "secretary_general", date(2017, 1, 1), "António Guterres"),
    ("EU", "commission_president", date(2019, 12, 1), "Ursula von der Leyen"),
    ("EU", "council_president", date(2024, 12, 1), "António Costa"),
    ("EU", "high_representative", date(2024, 12, 1), "Kaja Kallas"),
    ("IMF", "managing_director", date(2019, 10, 1), "Kristalina Georgieva"),
    ("WB", "president", date(2023, 6, 2), "Ajay Banga"),
    ("WTO", "director_general", date(2021, 3, 1), "Ngozi Okonjo-Iweala"),
    ("IAEA", "director_general", date(2019, 12, 3), "Rafael Grossi"),
    ("WHO", "director_general", date(2017, 7, 1), "Tedros Adhanom"),
    ("AU", "commission_chair", date(2017, 3, 14), "Moussa Faki"),
    ("NDB", "president", date(2023, 3, 24), "Dilma Rousseff"),
])
def test_igo_office_holders_on_their_first_days(tables: dict[str, list[dict[str, str]]], igo: str, role: str,
                                                day: date, name: str) -> None:
    holders = {row["name"] for row in tables["igo_officials.csv"]
               if row["igo"] == igo and row["role"] == role and _holds(row, day)}
    assert holders == {name}


def test_every_listed_organisation_has_a_head_today(tables: dict[str, list[dict[str, str]]]) -> None:
    today = {row["igo"] for row in tables["igo_officials.csv"] if not row["end"]}
    assert {"NATO", "UN", "OSCE", "SCO", "CSTO", "ASEAN", "LAS", "OPEC", "GCC", "EU", "IMF", "WB", "WTO",
            "IAEA", "WHO", "AU", "AIIB", "NDB"} <= today


def test_igo_officials_spell_names_as_the_people_tables(tables: dict[str, list[dict[str, str]]]) -> None:
    # the resolver joins a person's national and organisation offices by name
    people = set()
    for path in DATA.glob("people_*.csv"):
        people |= {row["name"] for row in _read(path.name)[1]}
    officials = {row["name"] for row in tables["igo_officials.csv"]}
    for name in ("Jens Stoltenberg", "Mark Rutte", "António Guterres", "Jean-Claude Juncker",
                 "José Manuel Durão Barroso", "Donald Tusk", "Kaja Kallas", "Josep Borrell"):
        assert name in people and name in officials, name


def test_soviet_seats_and_russian_independence(countries: dict[str, dict[str, str]]) -> None:
    assert countries["RUS"]["start"] == "1991-12-26" == countries["SUN"]["end"]
    assert {"the Kremlin", "Kremlin"} <= set(_split(countries["SUN"]["seats"]))


def test_dated_sectors_are_well_formed(tables: dict[str, list[dict[str, str]]]) -> None:
    dated = [(row["sector"], noun) for row in tables["sectors.csv"] for noun in _split(row["nouns"]) if "@" in noun]
    assert ("GOV", "Taliban@2021-08-15..") in dated
    for _, noun in dated:
        _, _, period = noun.partition("@")
        start, sep, end = period.partition("..")
        assert sep and (start or end), noun
        assert not start or not end or _day(start) < _day(end), noun


def test_brussels_seats_organisations(tables: dict[str, list[dict[str, str]]]) -> None:
    seats = {row["code"]: _split(row["seats"]) for row in tables["igos.csv"]}
    assert seats["EU"] == ["Brussels"] and seats["NATO"] == ["Brussels"]
