"""Derive leader candidates from Archigos 4.1 and check people_leaders.csv against them.

Archigos lists the *effective* leader of each state (a surname, a start and an end
date; 2015-12-31 means "still in office") but not the formal role, so it cannot be
copied into the table: it is a checklist. Two uses:

    # candidate rows (iso3, surname, start, end) for spells touching 2000-2015
    .venv/bin/python scripts/archigos_to_leaders.py candidates > /tmp/archigos_2000.csv

    # Archigos spells of 2000-2015 with no matching person in people_leaders.csv
    .venv/bin/python scripts/archigos_to_leaders.py check

A spell "matches" when a row of the same country, of either role, names the surname
(accents and case ignored) in its name or aliases and overlaps the spell in time.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT.parent / "shared" / "reference"
LEADERS = ROOT / "src" / "blocwatch" / "data" / "people_leaders.csv"
WINDOW = ("2000-01-01", "2015-12-31")

# Gleditsch-Ward names that no mledoze name or alternative spelling matches.
GW_TO_ISO3 = {
    "Bosnia-Herzegovina": "BIH",
    "Burkina Faso (Upper Volta)": "BFA",
    "Cambodia (Kampuchea)": "KHM",
    "Congo, Democratic Republic of (Zaire)": "COD",
    "Congo": "COG",
    "Cote D'Ivoire": "CIV",
    "German Federal Republic": "DEU",
    "Iran (Persia)": "IRN",
    "Italy/Sardinia": "ITA",
    "Korea, People's Republic of": "PRK",
    "Korea, Republic of": "KOR",
    "Kyrgyz Republic": "KGZ",
    "Macedonia (Former Yugoslav Republic of)": "MKD",
    "Madagascar (Malagasy)": "MDG",
    "Myanmar (Burma)": "MMR",
    "Russia (Soviet Union)": "RUS",
    "Sri Lanka (Ceylon)": "LKA",
    "Surinam": "SUR",
    "Taiwan": "TWN",
    "Tanzania/Tanganyika": "TZA",
    "Turkey (Ottoman Empire)": "TUR",
    "United States of America": "USA",
    "Vietnam, Democratic Republic of": "VNM",
    "Yemen (Arab Republic of Yemen)": "YEM",
    "Zimbabwe (Rhodesia)": "ZWE",
    "East Timor": "TLS",
    "Belarus (Byelorussia)": "BLR",
    "Cape Verde": "CPV",
    "Swaziland": "SWZ",
    "Kosovo": "XKX",
    "Serbia": "SRB",
    "Yugoslavia": "SRB",
    "Rumania": "ROU",
    "Czech Republic": "CZE",
    "Gambia": "GMB",
    "Bahamas": "BHS",
    "Guinea-Bissau": "GNB",
    "Samoa/Western Samoa": "WSM",
}


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.replace("ł", "l").replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def gw_iso3() -> dict[str, str]:
    """Map gwcode to ISO3 through the state name."""
    names: dict[str, str] = {}
    for country in json.loads((REFERENCE / "mledoze_countries.json").read_text(encoding="utf-8")):
        for name in [
            country["name"]["common"],
            country["name"]["official"],
            *country["altSpellings"],
        ]:
            names.setdefault(fold(name), country["cca3"])
    mapping: dict[str, str] = {}
    with (REFERENCE / "gw_states.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            iso3 = GW_TO_ISO3.get(row["statename"]) or names.get(fold(row["statename"]))
            if iso3 and row["enddate"] >= WINDOW[0]:
                mapping[row["gwcode"]] = iso3
    return mapping


def archigos_spells() -> list[dict[str, str]]:
    iso3_of = gw_iso3()
    spells = []
    with (REFERENCE / "archigos_4_1.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["enddate"] < WINDOW[0] or row["startdate"] > WINDOW[1]:
                continue
            iso3 = iso3_of.get(row["gwcode"])
            if iso3 is None:
                print(f"warning: no ISO3 for gwcode {row['gwcode']}", file=sys.stderr)
                continue
            end = "" if row["enddate"] == "2015-12-31" else row["enddate"]
            spells.append(
                {"iso3": iso3, "leader": row["leader"], "start": row["startdate"], "end": end}
            )
    return spells


def read_leaders() -> list[dict[str, str]]:
    with LEADERS.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(line for line in handle if not line.startswith("#")))


def matches(spell: dict[str, str], row: dict[str, str]) -> bool:
    if row["iso3"] != spell["iso3"]:
        return False
    forms = fold(" ".join([row["name"], *row["aliases"].split("|")]))
    surname = fold(spell["leader"])
    if not all(part in forms for part in surname.replace("-", " ").split()):
        return False
    row_end = row["end"] or "9999-12-31"
    spell_end = spell["end"] or "9999-12-31"
    return (row["start"] or "0000") <= spell_end and spell["start"] <= row_end


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["candidates", "check"])
    args = parser.parse_args()
    spells = archigos_spells()
    if args.command == "candidates":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(["iso3", "surname", "start", "end"])
        for spell in spells:
            writer.writerow([spell["iso3"], spell["leader"], spell["start"], spell["end"]])
        return 0
    rows = read_leaders()
    missing = [s for s in spells if not any(matches(s, row) for row in rows)]
    for spell in missing:
        print(f"{spell['iso3']}\t{spell['leader']}\t{spell['start']}..{spell['end'] or 'now'}")
    print(f"{len(missing)} of {len(spells)} Archigos spells (2000-2015) unmatched", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
