"""Country and person lookups the importers need: names, CAMEO country codes,
ISO2 and COW codes to ISO alpha-3, and dated person names to their state.

Read from the packaged tables (``cow_codes.csv`` of this stage, and the actor
tables ``countries.csv`` and ``people_*.csv`` when present), once per process.
Imported data names states by full name or code, so exact keys are enough
here; the fuzzy resolution of free text is the actor resolver's job.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path

_SPACES = re.compile(r"\s+")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "‐": "-", "‑": "-", "–": "-"})

# CAMEO country codes that are not the ISO alpha-3 code of the same state
# (GDELT and PETRARCH output use CAMEO's codes).
CAMEO_COUNTRY_DIFFERENCES: dict[str, str] = {
    "ROM": "ROU", "ZAR": "COD", "TMP": "TLS", "KSV": "XKX", "KOS": "XKX",
    "SER": "SRB", "BRM": "MMR", "ZAI": "COD", "GZS": "PSE", "WBK": "PSE",
}


def key(text: str) -> str:
    return _SPACES.sub(" ", text.translate(_QUOTES).strip()).lower()


@dataclass(frozen=True)
class PersonSpell:
    iso3: str
    role: str
    sector: str
    start: date | None
    end: date | None

    def active(self, when: date) -> bool:
        return (self.start is None or self.start <= when) and (self.end is None or when < self.end)


@dataclass
class NameTables:
    countries: dict[str, str] = field(default_factory=dict)  # name key -> ISO3
    iso3: set[str] = field(default_factory=set)
    iso2: dict[str, str] = field(default_factory=dict)
    cow: dict[int, str] = field(default_factory=dict)
    people: dict[str, list[PersonSpell]] = field(default_factory=lambda: defaultdict(list))
    # States that no longer exist (countries.csv ``end``): ISO3 -> last day.
    state_end: dict[str, date] = field(default_factory=dict)

    def country(self, name: str) -> str | None:
        """ISO3 of a country name or code, or None."""
        k = key(name)
        if k in self.countries:
            return self.countries[k]
        upper = name.strip().upper()
        if upper in self.iso3:
            return upper
        return CAMEO_COUNTRY_DIFFERENCES.get(upper)

    def cameo_country(self, code: str) -> str | None:
        """ISO3 of a CAMEO country code (regions and groups give None)."""
        upper = code.strip().upper()
        if upper in CAMEO_COUNTRY_DIFFERENCES:
            return CAMEO_COUNTRY_DIFFERENCES[upper]
        return upper if upper in self.iso3 else None

    def person(self, name: str, when: date | None) -> PersonSpell | None:
        """The role a named person held on the date, if the tables know it."""
        if when is None:
            return None
        spells = [s for s in self.people.get(key(name), ()) if s.active(when)]
        if not spells:
            return None
        # One person can hold two roles (a president who also heads the government).
        spells.sort(key=lambda s: (s.role != "head_of_state", s.role != "head_of_government"))
        return spells[0]


def _data_dir() -> Path:
    return Path(str(resources.files("blocwatch") / "data"))


def _rows(path: Path) -> Iterator[dict[str, str]]:
    if not path.exists():
        return
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(line for line in handle if not line.startswith("#"))


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


def read_name_tables(data_dir: Path | None = None) -> NameTables:
    data = data_dir or _data_dir()
    tables = NameTables()
    for row in _rows(data / "cow_codes.csv"):
        iso3 = row["iso3"]
        tables.iso3.add(iso3)
        if row.get("ccode"):
            tables.cow.setdefault(int(row["ccode"]), iso3)
        for name in [row["name"], *_split(row.get("aliases"))]:
            tables.countries.setdefault(key(name), iso3)
    for row in _rows(data / "countries.csv"):
        iso3 = row["iso3"]
        tables.iso3.add(iso3)
        ended = _date(row.get("end"))
        if ended is not None:
            tables.state_end[iso3] = ended
        if row.get("iso2"):
            tables.iso2[row["iso2"].upper()] = iso3
        ambiguous = {key(n) for n in _split(row.get("ambiguous"))}
        for name in [row["name"], row.get("official_name", ""), *_split(row.get("aliases"))]:
            if name and key(name) not in ambiguous:
                tables.countries.setdefault(key(name), iso3)
    for path in sorted(data.glob("people_*.csv")):
        for row in _rows(path):
            if not row.get("iso3") or not row.get("name"):
                continue
            spell = PersonSpell(row["iso3"], row.get("role", ""), row.get("sector", "") or "GOV",
                                _date(row.get("start")), _date(row.get("end")))
            for name in {row["name"], *_split(row.get("aliases"))}:
                # Surnames alone are left to the resolver, which sees context.
                if " " in name.strip():
                    tables.people[key(name)].append(spell)
    return tables


@lru_cache(maxsize=1)
def name_tables() -> NameTables:
    return read_name_tables()
