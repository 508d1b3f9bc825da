"""Formal ties: defence pacts and alliances in force between two states on
a date, from the packaged ``formal_ties.csv``, co-membership of
organisations of kind ``alliance`` (``igos.csv`` + ``igo_members.csv``), and
alliance dyad-years imported from the COW or ATOP data sets.

These are compared with the alignment computed from events; they are never
an input of it.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from itertools import combinations
from pathlib import Path

import pyarrow as pa

from blocwatch.errors import InputError
from blocwatch.relations.importers import BadRow, ImportSummary
from blocwatch.relations.names import name_tables
from blocwatch.store import Store
from blocwatch.store import relations as sql

LAYOUTS = ("cow", "atop")
# Column names per layout: (state a, state b, year, defence, neutrality, non-aggression, entente).
_LAYOUT_COLUMNS: dict[str, tuple[str, ...]] = {
    "cow": ("ccode1", "ccode2", "year", "defense", "neutrality", "nonaggression", "entente"),
    "atop": ("statea", "stateb", "year", "defense", "neutral", "nonagg", "consul"),
}


@dataclass(frozen=True)
class Tie:
    a: str
    b: str
    kind: str  # defense, neutrality, nonaggression, entente
    source: str  # treaty or organisation name, or "cow"/"atop"
    start: date | None
    end: date | None

    def in_force(self, start: date | None, end: date | None) -> bool:
        """Overlaps the window [start, end] (None: open)."""
        return (self.start is None or end is None or self.start <= end) and \
               (self.end is None or start is None or self.end >= start)


@dataclass
class FormalTies:
    ties: dict[tuple[str, str], list[Tie]] = field(default_factory=lambda: defaultdict(list))

    def add(self, tie: Tie) -> None:
        a, b = sorted((tie.a, tie.b))
        self.ties[(a, b)].append(Tie(a, b, tie.kind, tie.source, tie.start, tie.end))

    def between(self, a: str, b: str, start: date | None = None, end: date | None = None) -> list[Tie]:
        key = (min(a, b), max(a, b))
        return [t for t in self.ties.get(key, ()) if t.in_force(start, end)]

    def defence_pact(self, a: str, b: str, start: date | None = None, end: date | None = None) -> bool:
        return any(t.kind == "defense" for t in self.between(a, b, start, end))

    def pairs(self, start: date | None = None, end: date | None = None,
              kind: str | None = "defense") -> dict[tuple[str, str], list[Tie]]:
        out = {}
        for key, ties in self.ties.items():
            found = [t for t in ties if t.in_force(start, end) and (kind is None or t.kind == kind)]
            if found:
                out[key] = found
        return out


def _rows(path: Path) -> Iterator[dict[str, str]]:
    if not path.exists():
        return
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(line for line in handle if not line.startswith("#"))


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def packaged_ties(data_dir: Path | None = None) -> FormalTies:
    data = data_dir or Path(str(resources.files("blocwatch") / "data"))
    ties = FormalTies()
    for row in _rows(data / "formal_ties.csv"):
        if row.get("a") and row.get("b"):
            ties.add(Tie(row["a"], row["b"], row.get("kind") or "defense",
                         row.get("treaty") or "", _day(row.get("start")), _day(row.get("end"))))
    alliances: dict[str, str] = {}
    # An organisation's own dates bound every membership: dissolving it ends them all.
    lifetimes: dict[str, tuple[date | None, date | None]] = {}
    for row in _rows(data / "igos.csv"):
        if row.get("kind") == "alliance":
            alliances[row["code"]] = row.get("name") or row["code"]
            lifetimes[row["code"]] = (_day(row.get("start")), _day(row.get("end")))
    members: dict[str, list[tuple[str, date | None, date | None]]] = defaultdict(list)
    for row in _rows(data / "igo_members.csv"):
        if row.get("igo") in alliances and (row.get("status") or "member") == "member":
            members[row["igo"]].append((row["iso3"], _day(row.get("start")), _day(row.get("end"))))
    for igo, spells in members.items():
        founded, dissolved = lifetimes[igo]
        for (a, sa, ea), (b, sb, eb) in combinations(spells, 2):
            if a == b:
                continue
            start = max((d for d in (sa, sb, founded) if d), default=None)
            ends = [d for d in (ea, eb, dissolved) if d]
            end = min(ends) if ends else None
            if start and end and start > end:
                continue
            ties.add(Tie(a, b, "defense", alliances[igo], start, end))
    return ties


def formal_ties(store: Store | None = None) -> FormalTies:
    """Packaged ties plus, when a store is given, imported alliance dyad-years
    (each year a tie in force from 1 January to 31 December)."""
    ties = packaged_ties()
    if store is not None:
        for a, b, year, defense in sql.alliance_years(store):
            kind = "defense" if defense else "entente"
            ties.add(Tie(a, b, kind, "imported", date(year, 1, 1), date(year, 12, 31)))
    return ties


def import_alliances(store: Store, path: str | Path, layout: str) -> ImportSummary:
    """Import alliance dyad-years (COW ``ccode1,ccode2,year,defense,...`` or
    ATOP ``stateA,stateB,year,defense,...``; state codes are COW codes)."""
    if layout not in LAYOUTS:
        raise InputError(str(path), f"unknown alliance layout {layout!r}",
                         hint="--layout cow or --layout atop")
    path = Path(path)
    if not path.is_file():
        raise InputError(str(path), "no such file", hint="blocwatch ties import FILE --layout cow")
    tables = name_tables()
    summary = ImportSummary(str(path), layout)
    columns: dict[str, list[object]] = {k: [] for k in (
        "a", "b", "year", "defense", "neutrality", "nonaggression", "entente", "layout")}
    wanted = _LAYOUT_COLUMNS[layout]
    with path.open(encoding="utf-8", errors="replace", newline="") as handle:
        reader = csv.reader(handle)
        header = [h.strip().lower() for h in next(reader, [])]
        missing = [c for c in wanted if c not in header]
        if missing:
            raise InputError(f"{path}:1", f"not the {layout} layout: no column {', '.join(missing)}",
                             hint=f"the header needs {', '.join(wanted)}")
        idx = [header.index(c) for c in wanted]
        for lineno, cells in enumerate(reader, start=2):
            if not cells:
                continue
            summary.read += 1
            try:
                c1, c2, year, *flags = (cells[i].strip() for i in idx)
                a, b = tables.cow.get(int(float(c1))), tables.cow.get(int(float(c2)))
                year_value = int(float(year))
                values = [bool(int(float(f or 0))) for f in flags]
            except (ValueError, IndexError) as err:
                summary.bad += 1
                summary.problems.append(BadRow(f"{path}:{lineno}", f"unreadable row ({err})"))
                continue
            if a is None or b is None or a == b:
                summary.skipped += 1
                reason = "state code without an ISO3 code"
                summary.skip_reasons[reason] = summary.skip_reasons.get(reason, 0) + 1
                continue
            a, b = sorted((a, b))
            for name, value in zip(("a", "b", "year"), (a, b, year_value), strict=True):
                columns[name].append(value)
            for name, value in zip(("defense", "neutrality", "nonaggression", "entente"), values,
                                   strict=True):
                columns[name].append(value)
            columns["layout"].append(layout)
    batch = pa.table(columns, schema=pa.schema([
        ("a", pa.string()), ("b", pa.string()), ("year", pa.int32()), ("defense", pa.bool_()),
        ("neutrality", pa.bool_()), ("nonaggression", pa.bool_()), ("entente", pa.bool_()),
        ("layout", pa.string())]))
    with store.transaction():
        summary.added = sql.insert_alliance_years(store, batch)
        sql.log_import(store, str(path), layout, read=summary.read, added=summary.added,
                       bad=summary.bad, skipped=summary.skipped)
    return summary
