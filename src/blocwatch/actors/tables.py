"""Loading the packaged actor tables once per process.

The CSV formats are described in ``blocwatch/data/README.md``.  Everything is
indexed by a *name key* (see `name_key`) so that the resolver, working on a
mention's raw text, and the scanner, working on spaCy tokens, look names up the
same way whatever tokenizer produced the span.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path
from threading import Lock

from blocwatch.errors import ActorError

_SPACES = re.compile(r"\s+")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "‐": "-", "‑": "-", "–": "-"})
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)


def name_key(text: str) -> str:
    """Case-folded, quote- and space-normalised form under which names are indexed."""
    return _SPACES.sub(" ", text.translate(_QUOTES).strip()).lower()


def strip_the(text: str) -> str:
    return _LEADING_THE.sub("", text.strip())


def active_on(start: date | None, end: date | None, when: date) -> bool:
    """Spells are half-open: on the end date the successor holds the role."""
    return (start is None or start <= when) and (end is None or when < end)


@dataclass(frozen=True, slots=True)
class Country:
    iso3: str
    iso2: str
    name: str
    official_name: str
    capital: str
    region: str
    un_member: bool
    start: date | None
    end: date | None


@dataclass(frozen=True, slots=True)
class Igo:
    code: str
    name: str
    kind: str
    start: date | None
    end: date | None
    note: str = ""


@dataclass(frozen=True, slots=True)
class Membership:
    igo: str
    iso3: str
    start: date | None
    end: date | None
    status: str


@dataclass(frozen=True, slots=True)
class Group:
    code: str
    name: str
    members: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True, slots=True)
class Spell:
    """One person holding one role over one period: for a state (``iso3``) or,
    from igo_officials.csv, for an organisation (``igo``, with ``iso3`` empty)."""

    name: str
    iso3: str
    role: str
    sector: str
    start: date | None
    end: date | None
    note: str = ""
    igo: str = ""


@dataclass(frozen=True, slots=True)
class DatedSector:
    """A named group's sector over a period ("Taliban@2021-08-15..": GOV)."""

    sector: str
    start: date | None
    end: date | None


@dataclass(frozen=True, slots=True)
class FormalTie:
    a: str
    b: str
    kind: str
    start: date | None
    end: date | None


@dataclass
class ActorTables:
    """All packaged actor data, indexed by `name_key`."""

    source: str = ""
    countries: dict[str, Country] = field(default_factory=dict)
    iso2: dict[str, str] = field(default_factory=dict)
    # name key -> ISO3 codes; one index per way a country is named
    country_names: dict[str, frozenset[str]] = field(default_factory=dict)
    demonyms: dict[str, frozenset[str]] = field(default_factory=dict)
    adjectives: dict[str, frozenset[str]] = field(default_factory=dict)
    capitals: dict[str, frozenset[str]] = field(default_factory=dict)
    seats: dict[str, frozenset[str]] = field(default_factory=dict)
    # names that must not resolve alone, with the countries they could mean
    ambiguous: dict[str, frozenset[str]] = field(default_factory=dict)
    igos: dict[str, Igo] = field(default_factory=dict)
    igo_names: dict[str, str] = field(default_factory=dict)
    memberships: dict[str, tuple[Membership, ...]] = field(default_factory=dict)
    groups: dict[str, Group] = field(default_factory=dict)
    group_names: dict[str, str] = field(default_factory=dict)
    spells: dict[str, tuple[Spell, ...]] = field(default_factory=dict)  # person -> spells
    person_names: dict[str, frozenset[str]] = field(default_factory=dict)  # full names, spellings
    surnames: dict[str, frozenset[str]] = field(default_factory=dict)  # one-word aliases
    sector_nouns: dict[str, str] = field(default_factory=dict)
    sector_names: dict[str, str] = field(default_factory=dict)
    # sector nouns that are names of organisations ("Hamas", "Taliban"): actors by themselves
    proper_sector_nouns: set[str] = field(default_factory=set)
    # name key -> the sectors it has on some dates only (they win over the undated one)
    dated_sectors: dict[str, tuple[DatedSector, ...]] = field(default_factory=dict)
    # city name key -> organisations seated there whose metonym it is ("brussels": EU, NATO)
    igo_seats: dict[str, tuple[str, ...]] = field(default_factory=dict)
    formal_ties: tuple[FormalTie, ...] = ()
    # surface forms as written in the tables (for the phrase matcher) and
    # the keys whose case must match exactly (acronyms: "US" is not "us")
    surface_forms: set[str] = field(default_factory=set)
    exact_case: dict[str, frozenset[str]] = field(default_factory=dict)
    _by_office: dict[tuple[str, str], list[Spell]] | None = field(default=None, repr=False)
    _members_memo: dict[tuple[str, date | None, str], tuple[str, ...]] = field(default_factory=dict, repr=False)
    _allies_groups: dict[str, str] | None = field(default=None, repr=False)

    # -- queries ------------------------------------------------------------

    def members_on(self, igo: str, when: date | None, *, status: str = "member") -> tuple[str, ...]:
        key = (igo, when, status)
        found = self._members_memo.get(key)
        if found is None:  # an article names its organisations again and again, on one date
            rows = self.memberships.get(igo, ())
            found = self._members_memo[key] = tuple(sorted({
                m.iso3 for m in rows
                if m.status == status and ((when is None and m.end is None)
                                           or (when is not None and active_on(m.start, m.end, when)))
            }))
        return found

    def spells_on(self, person: str, when: date) -> list[Spell]:
        return [s for s in self.spells.get(person, ()) if active_on(s.start, s.end, when)]

    def nationality(self, person: str) -> str | None:
        """The state a person held national office for (the latest), if the tables know it."""
        found = [s for s in self.spells.get(person, ()) if s.iso3]
        return max(found, key=lambda s: s.start or date.min).iso3 if found else None

    def sector_on(self, key: str, when: date | None) -> str | None:
        """The dated sector of a name key on ``when`` (today's without a date), if any."""
        for d in self.dated_sectors.get(key, ()):
            if (d.end is None) if when is None else active_on(d.start, d.end, when):
                return d.sector
        return None

    def holders(self, iso3: str, role: str, when: date | None) -> list[str]:
        """People holding ``role`` for ``iso3`` (a state or an organisation code) on
        ``when`` (today's holders without a date)."""
        if self._by_office is None:
            by_office: dict[tuple[str, str], list[Spell]] = defaultdict(list)
            for rows in self.spells.values():
                for s in rows:
                    by_office[(s.igo or s.iso3, s.role)].append(s)
            self._by_office = dict(by_office)
        found: list[str] = []
        for s in self._by_office.get((iso3, role), ()):
            current = s.end is None if when is None else active_on(s.start, s.end, when)
            if current and s.name not in found:
                found.append(s.name)
        return found

    def allies_of(self, iso3: str, when: date | None) -> tuple[str, ...]:
        """States sharing an alliance (kind ``alliance``) or a defence tie with ``iso3``."""
        allies: set[str] = set()
        for code, igo in self.igos.items():
            if igo.kind != "alliance" or (when is not None and not active_on(igo.start, igo.end, when)):
                continue
            members = self.members_on(code, when)
            if iso3 in members:
                allies.update(members)
        for tie in self.formal_ties:
            if tie.kind != "defense" or (when is not None and not active_on(tie.start, tie.end, when)):
                continue
            if tie.a == iso3:
                allies.add(tie.b)
            elif tie.b == iso3:
                allies.add(tie.a)
        allies.discard(iso3)
        return tuple(sorted(allies))

    def allies_group(self, iso3: str) -> str | None:
        """The group of the tables that means "<iso3>'s allies" (``USALLIES``), if any."""
        if self._allies_groups is None:
            found: dict[str, str] = {}
            for key, code in self.group_names.items():
                if not code.endswith("ALLIES"):
                    continue
                # "US allies", "America's allies", "allies of the United States"
                rest = re.sub(r"\b(?:allies|partners|of|the)\b|'s", " ", key)
                codes = set()
                for index in (self.country_names, self.adjectives, self.demonyms, self.seats):
                    codes |= index.get(" ".join(rest.split()), frozenset())
                if len(codes) == 1:
                    found.setdefault(next(iter(codes)), code)
            self._allies_groups = found
        return self._allies_groups.get(iso3)

    def country_on(self, iso3: str, when: date | None) -> bool:
        """Whether the state exists on ``when`` (today, without a date)."""
        c = self.countries.get(iso3)
        if c is None:
            return False
        return c.end is None if when is None else active_on(c.start, c.end, when)


# ---------------------------------------------------------------- reading


def _date(value: str, where: str) -> date | None:
    value = value.strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as err:
        raise ActorError(
            f"{where}: {value!r} is not an ISO date",
            hint="write dates as YYYY-MM-DD, or leave the cell empty",
        ) from err


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


def _rows(path: Path, required: Iterable[str]) -> Iterator[tuple[str, dict[str, str]]]:
    """Rows of a table with ``#`` comment lines skipped; yields (``file:line``, row)."""
    with path.open(encoding="utf-8", newline="") as handle:
        numbered = [(n, line) for n, line in enumerate(handle, 1) if not line.lstrip().startswith("#")]
    reader = csv.DictReader(line for _, line in numbered)
    missing = [c for c in required if c not in (reader.fieldnames or [])]
    if missing:
        raise ActorError(
            f"{path}: missing column(s) {', '.join(missing)}",
            hint="see blocwatch/data/README.md for the table formats",
        )
    for index, row in enumerate(reader, 1):
        # DictReader counts records, not lines: map back to the file's line
        line_no = numbered[min(index, len(numbered) - 1)][0] if numbered else index
        yield f"{path.name}:{line_no}", {k: (v or "").strip() for k, v in row.items() if k}


class _Index:
    """Accumulates name key -> values, remembering surface forms."""

    def __init__(self, tables: ActorTables) -> None:
        self.tables = tables
        self.data: dict[str, set[str]] = defaultdict(set)

    def add(self, form: str, value: str) -> None:
        for variant in {form, strip_the(form)}:
            if not variant:
                continue
            key = name_key(variant)
            self.data[key].add(value)
            self.tables.surface_forms.add(variant)

    def frozen(self) -> dict[str, frozenset[str]]:
        return {k: frozenset(v) for k, v in self.data.items()}


def _is_acronym(form: str) -> bool:
    letters = [c for c in form if c.isalpha()]
    return 0 < len(letters) <= 6 and all(c.isupper() for c in letters)


def _load_countries(tables: ActorTables, path: Path) -> None:
    names, demonyms, adjectives, capitals, seats = (_Index(tables) for _ in range(5))
    ambiguous: dict[str, set[str]] = defaultdict(set)
    for where, row in _rows(path, ("iso3", "iso2", "name")):
        iso3 = row["iso3"].upper()
        tables.countries[iso3] = Country(
            iso3=iso3, iso2=row.get("iso2", "").upper(), name=row["name"],
            official_name=row.get("official_name", ""), capital=row.get("capital", ""),
            region=row.get("region", ""), un_member=row.get("un_member", "") in {"1", "true", "yes"},
            start=_date(row.get("start", ""), where), end=_date(row.get("end", ""), where),
        )
        if row.get("iso2"):
            tables.iso2[row["iso2"].upper()] = iso3
        ambiguous_here = {name_key(a) for a in _split(row.get("ambiguous"))}
        for form in [row["name"], row.get("official_name", ""), *_split(row.get("aliases"))]:
            if form and name_key(form) not in ambiguous_here:
                names.add(form, iso3)
        for form in _split(row.get("demonyms")):
            if name_key(form) not in ambiguous_here:
                demonyms.add(form, iso3)
        for form in _split(row.get("adjectives")):
            # "Sino-" is a combining form: the tokenizer sees "Sino" "-" "Russian"
            form = form.rstrip("-")
            if form and name_key(form) not in ambiguous_here:
                adjectives.add(form, iso3)
        for form in _split(row.get("capital")):
            capitals.add(form, iso3)
        for form in _split(row.get("seats")):
            seats.add(form, iso3)
        for form in ambiguous_here:
            ambiguous[form].add(iso3)
            tables.surface_forms.add(form)
    tables.country_names = names.frozen()
    tables.demonyms = demonyms.frozen()
    tables.adjectives = adjectives.frozen()
    tables.capitals = capitals.frozen()
    tables.seats = seats.frozen()
    tables.ambiguous = {k: frozenset(v) for k, v in ambiguous.items()}


def _load_igos(tables: ActorTables, igos: Path, members: Path | None) -> None:
    for where, row in _rows(igos, ("code", "name")):
        code = row["code"]
        tables.igos[code] = Igo(
            code=code, name=row["name"], kind=row.get("kind", ""),
            start=_date(row.get("start", ""), where), end=_date(row.get("end", ""), where),
            note=row.get("note", ""),
        )
        # "the Bank", "the Fund", "the Union" name an organisation only with
        # their article, so organisation names are indexed exactly as written
        for form in [row["name"], code, *_split(row.get("aliases"))]:
            key = name_key(form)
            tables.igo_names.setdefault(key, code)
            tables.surface_forms.add(form)
        for city in _split(row.get("seats")):
            tables.igo_seats[name_key(city)] = (*tables.igo_seats.get(name_key(city), ()), code)
    by_igo: dict[str, list[Membership]] = defaultdict(list)
    if members is not None:
        for where, row in _rows(members, ("igo", "iso3")):
            by_igo[row["igo"]].append(Membership(
                igo=row["igo"], iso3=row["iso3"].upper(),
                start=_date(row.get("start", ""), where), end=_date(row.get("end", ""), where),
                status=row.get("status", "") or "member",
            ))
    tables.memberships = {k: tuple(v) for k, v in by_igo.items()}


def _load_groups(tables: ActorTables, path: Path) -> None:
    for _, row in _rows(path, ("code", "name")):
        code = row["code"]
        tables.groups[code] = Group(code, row["name"], tuple(_split(row.get("members"))), row.get("note", ""))
        for form in [row["name"], *_split(row.get("aliases"))]:
            tables.group_names.setdefault(name_key(form), code)
            tables.surface_forms.add(form)


def _load_people(tables: ActorTables, paths: list[Path], igo_officials: Path | None = None) -> None:
    spells: dict[str, list[Spell]] = defaultdict(list)
    full: dict[str, set[str]] = defaultdict(set)
    short: dict[str, set[str]] = defaultdict(set)

    def names(person: str, row: dict[str, str]) -> None:
        for form in [person, *_split(row.get("aliases"))]:
            target = short if len(form.split()) == 1 else full
            target[name_key(form)].add(person)
            tables.surface_forms.add(form)

    for path in paths:
        for where, row in _rows(path, ("name", "iso3", "role")):
            person = row["name"]
            spells[person].append(Spell(
                name=person, iso3=row["iso3"].upper(), role=row["role"],
                sector=row.get("sector", "") or "GOV",
                start=_date(row.get("start", ""), where), end=_date(row.get("end", ""), where),
                note=row.get("note", ""),
            ))
            names(person, row)
    if igo_officials is not None:
        for where, row in _rows(igo_officials, ("name", "igo", "role")):
            if row["igo"] not in tables.igos:
                raise ActorError(
                    f"{where}: {row['igo']!r} is not an organisation code of igos.csv",
                    hint="use the code column of igos.csv (NATO, UN, EU, ...), or add the organisation there",
                )
            person = row["name"]
            spells[person].append(Spell(
                name=person, iso3="", role=row["role"], sector="", igo=row["igo"],
                start=_date(row.get("start", ""), where), end=_date(row.get("end", ""), where),
                note=row.get("note", ""),
            ))
            names(person, row)
    tables.spells = {
        k: tuple(sorted(v, key=lambda s: (s.start or date.min, s.end or date.max))) for k, v in spells.items()
    }
    tables.person_names = {k: frozenset(v) for k, v in full.items()}
    tables.surnames = {k: frozenset(v) for k, v in short.items()}


def _load_sectors(tables: ActorTables, path: Path) -> None:
    dated: dict[str, list[DatedSector]] = defaultdict(list)
    for where, row in _rows(path, ("sector", "nouns")):
        sector = row["sector"].upper()
        tables.sector_names[sector] = row.get("name", "")
        for noun in _split(row.get("nouns")):
            if "@" in noun:
                noun, _, period = noun.partition("@")
                start, sep, end = period.partition("..")
                if not sep:
                    raise ActorError(f"{where}: {noun}@{period}: a dated noun is written Name@START..END",
                                     hint="leave a side empty for an open period: Taliban@2021-08-15..")
                dated[name_key(noun)].append(DatedSector(sector, _date(start, where), _date(end, where)))
                continue
            if noun[:1].isupper():
                key = name_key(noun)
                tables.sector_nouns.setdefault(key, sector)
                tables.proper_sector_nouns.add(key)
                tables.surface_forms.add(noun)
                continue
            for form in _inflections(noun):
                tables.sector_nouns.setdefault(name_key(form), sector)
    tables.dated_sectors = {k: tuple(v) for k, v in dated.items()}


def _inflections(noun: str) -> list[str]:
    """A noun and its plural (the tables list one form; text uses both)."""
    words = noun.split()
    last = words[-1]
    if last.endswith(("s", "x", "ch", "sh")):
        plural = last if last.endswith("s") else last + "es"
    elif last.endswith("y") and len(last) > 2 and last[-2] not in "aeiou":
        plural = last[:-1] + "ies"
    elif last.endswith("man"):
        plural = last[:-3] + "men"
    else:
        plural = last + "s"
    return [noun, " ".join([*words[:-1], plural])]


def _load_formal_ties(tables: ActorTables, path: Path) -> None:
    ties = []
    for where, row in _rows(path, ("a", "b", "kind")):
        ties.append(FormalTie(
            a=row["a"].upper(), b=row["b"].upper(), kind=row["kind"],
            start=_date(row.get("start", ""), where), end=_date(row.get("end", ""), where),
        ))
    tables.formal_ties = tuple(ties)


def _data_dir() -> Path:
    return Path(str(resources.files("blocwatch") / "data"))


def read_tables(data_dir: str | Path | None = None) -> ActorTables:
    """Read the tables from ``data_dir`` (default: the packaged ``blocwatch/data``)."""
    folder = Path(data_dir) if data_dir is not None else _data_dir()
    needed = ("countries.csv", "igos.csv", "groups.csv", "sectors.csv")
    missing = [n for n in needed if not (folder / n).is_file()]
    people = sorted(folder.glob("people_*.csv"))
    if not people:
        missing.append("people_*.csv")
    if missing:
        raise ActorError(
            f"actor tables missing in {folder}: {', '.join(missing)}",
            hint="reinstall blocwatch, or pass the folder holding the tables",
        )
    tables = ActorTables(source=str(folder))
    _load_countries(tables, folder / "countries.csv")
    members = folder / "igo_members.csv"
    _load_igos(tables, folder / "igos.csv", members if members.is_file() else None)
    _load_groups(tables, folder / "groups.csv")
    officials = folder / "igo_officials.csv"
    _load_people(tables, people, officials if officials.is_file() else None)
    _load_sectors(tables, folder / "sectors.csv")
    if (folder / "formal_ties.csv").is_file():
        _load_formal_ties(tables, folder / "formal_ties.csv")
    _mark_acronyms(tables)
    return tables


def _mark_acronyms(tables: ActorTables) -> None:
    """Names written only as acronyms must match in capitals ("US", never "us");
    a name the tables also spell otherwise ("ASEAN" and "Asean") need not."""
    forms: dict[str, set[str]] = defaultdict(set)
    for form in tables.surface_forms:
        forms[name_key(form)].add(form)
    tables.exact_case = {
        key: frozenset(spellings) for key, spellings in forms.items()
        if all(_is_acronym(f) for f in spellings)
    }


_CACHE: dict[str, ActorTables] = {}
_LOCK = Lock()


def load_tables(data_dir: str | Path | None = None) -> ActorTables:
    """The tables of ``data_dir`` (default: packaged), read once per process."""
    key = str(Path(data_dir).resolve()) if data_dir is not None else ""
    with _LOCK:
        if key not in _CACHE:
            _CACHE[key] = read_tables(data_dir)
        return _CACHE[key]
