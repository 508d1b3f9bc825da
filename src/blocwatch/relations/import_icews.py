"""ICEWS event files: the Harvard Dataverse layout (tab-separated, header
``Event ID, Event Date, Source Name, Source Sectors, Source Country, Event
Text, CAMEO Code, Intensity, Target Name, ...``) and the headerless
four-column layout ``source actor, event text, target actor, date``.

Actor strings: ``China`` is the state itself; ``Police (Australia)`` is an
agent of the country in parentheses, its sector read from the words before
it; a person's name is placed with the dated person tables when they know
the name on that date, and left unresolved otherwise.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from blocwatch.actors.resolve import resolve
from blocwatch.relations.codes import cameo_table
from blocwatch.relations.importers import (
    BadRow,
    Side,
    SkippedRow,
    event_row,
    open_text,
    parse_date,
    row_key,
)
from blocwatch.relations.names import NameTables, name_tables

_PAREN = re.compile(r"^(.*?)\s*\(([^()]+)\)\s*$")

# ICEWS sector words -> CAMEO agent code; first match wins, so the specific
# (court, police, military) come before the general (government, official).
_SECTOR_RULES: tuple[tuple[str, str], ...] = (
    ("SPY", r"secret agent|intelligence"),
    ("JUD", r"court|judge|judiciary|prosecutor|attorney general"),
    ("COP", r"police|public security"),
    ("MIL", r"military|army|navy|naval|air force|armed forces|defen[cs]e|admiral|peacekeep|marines?\b"),
    ("LEG", r"parliament|legislat|congress|senate|lawmaker|house of representatives|assembl"),
    ("REB", r"rebel|insurgent|militant|guerrilla|separatist|attacker|armed band|armed opposition|"
            r"armed gang|terror|combatant"),
    ("GOV", r"government|head of|minist|foreign affairs|cabinet|authorities|official|envoy|royal|"
            r"governor|secretar|director general|mayor|president|embassy|ambassador|diplomat|"
            r"executive"),
    ("CRM", r"criminal|thief|murderer|smuggler|pirate"),
    ("MED", r"media|newspaper|news|journalist|reporter"),
    ("BUS", r"business|company|bank|industry|employee|trade"),
    ("OPP", r"protester|activist|mob|opposition|party|candidate|election|dissident"),
)
_SECTOR_RX = tuple((code, re.compile(rx, re.IGNORECASE)) for code, rx in _SECTOR_RULES)
_ROLE_RX = (
    ("head_of_state", re.compile(r"head of state|^president", re.IGNORECASE)),
    ("head_of_government", re.compile(r"head of government|prime minister", re.IGNORECASE)),
    ("foreign_minister", re.compile(r"foreign (affairs|minist)", re.IGNORECASE)),
    ("defence_minister", re.compile(r"defen[cs]e.*minist", re.IGNORECASE)),
)


def sector_of(words: str) -> str:
    """CAMEO agent code of an ICEWS sector description; CVL when nothing
    official or organised is named (citizens, villagers, children, ...)."""
    for code, rx in _SECTOR_RX:
        if rx.search(words):
            return code
    return "CVL"


def role_of(words: str) -> str | None:
    for role, rx in _ROLE_RX:
        if rx.search(words):
            return role
    return None


def place_actor(text: str, when: Any, tables: NameTables) -> Side:
    text = text.strip()
    state = tables.country(text)
    if state:
        return Side(text, state, "state", None, None, state, text)
    m = _PAREN.match(text)
    if m:
        agent, where = m.group(1), m.group(2)
        country = tables.country(where)
        if country:
            sector = sector_of(agent)
            return Side(text, country, "state", sector, role_of(agent), country + sector, text)
        return Side(text, None, "unresolved", None, None, None, text)
    spell = tables.person(text, when)
    if spell is not None:
        return Side(text, spell.iso3, "person", spell.sector or "GOV", spell.role,
                    spell.iso3 + (spell.sector or "GOV"), text)
    return resolved_actor(text, when)


# Whole-name matches only: ICEWS always gives a person's full name, so a
# match on the surname alone is another person of the same name.
_WEAK_MATCHES = ("surname",)


@lru_cache(maxsize=4096)
def _known_to_resolver(text: str) -> bool:
    actor = resolve(text)
    return actor.kind in ("person", "state") and actor.country is not None


@lru_cache(maxsize=65536)
def resolved_actor(text: str, when: date | None) -> Side:
    """An actor string the ICEWS name tables do not know (most people: prime
    ministers, opposition leaders, armed forces by name), placed with the
    project's dated actor tables: the person's state and the role held on the
    event's date.  Organisations, groups and places stay unresolved."""
    if not _known_to_resolver(text):
        return Side(text, None, "unresolved", None, None, None, text)
    actor = resolve(text, date=when)
    if actor.kind not in ("person", "state") or actor.country is None or \
            (actor.matched_by or "").startswith(_WEAK_MATCHES):
        return Side(text, None, "unresolved", None, None, None, text)
    sector = actor.sector or ("GOV" if actor.kind == "person" else "")
    return Side(text, actor.country, actor.kind, sector or None, actor.role,
                actor.country + sector, actor.name or text)


def _dataverse_side(name: str, sectors: str, country: str, when: Any, tables: NameTables) -> Side:
    iso = tables.country(country) if country else None
    if iso is None:
        return place_actor(name, when, tables)
    if tables.country(name) == iso:
        return Side(name, iso, "state", None, None, iso, name)
    sector = sector_of(sectors) if sectors else "GOV"
    spell = tables.person(name, when)
    role = spell.role if spell is not None and spell.iso3 == iso else role_of(sectors or "")
    kind = "person" if spell is not None else "state"
    return Side(name, iso, kind, sector, role, iso + sector, name)


def read_icews(path: Path) -> Iterator[dict[str, Any] | BadRow | SkippedRow]:
    tables = name_tables()
    codes = cameo_table()
    seen: Counter[str] = Counter()
    with open_text(path) as handle:
        first = handle.readline()
        header = [h.strip().lower() for h in first.rstrip("\r\n").split("\t")]
        dataverse = "event id" in header and "event text" in header
        lines = enumerate(handle, start=2) if dataverse else _chain_first(first, handle)
        col = {name: i for i, name in enumerate(header)} if dataverse else {}
        for lineno, line in lines:
            line = line.rstrip("\r\n")
            if not line.strip():
                continue
            where = f"{path}:{lineno}"
            cells = line.split("\t")
            try:
                if dataverse:
                    yield _dataverse_row(cells, col, where, tables, codes)
                else:
                    seen[line] += 1
                    yield _four_column_row(cells, line, seen[line], where, tables, codes)
            except (ValueError, IndexError, KeyError) as err:
                yield BadRow(where, _reason(err))


def _chain_first(first: str, handle: Any) -> Iterator[tuple[int, str]]:
    yield 1, first
    yield from enumerate(handle, start=2)


def _reason(err: Exception) -> str:
    if isinstance(err, IndexError):
        return "too few columns"
    if isinstance(err, KeyError):
        return f"missing column {err}"
    return str(err)


def _four_column_row(cells, line, occurrence, where, tables, codes):
    if len(cells) != 4:
        raise ValueError(f"expected 4 tab-separated columns (actor, event, actor, date), got {len(cells)}")
    source_text, text, target_text, date_text = cells
    when = parse_date(date_text)
    code = codes.named(text)
    if code is None:
        raise ValueError(f"unknown CAMEO event name {text!r}")
    return _row("icews", row_key("icews", line, occurrence), when, code,
                place_actor(source_text, when, tables), place_actor(target_text, when, tables),
                {"line": where, "event_text": text})


def _dataverse_row(cells, col, where, tables, codes):
    def cell(name: str) -> str:
        return cells[col[name]].strip() if col.get(name) is not None and col[name] < len(cells) else ""

    if len(cells) < len(col) - 5:
        raise IndexError
    when = parse_date(cell("event date"))
    raw_code = cell("cameo code")
    code = codes.lookup(raw_code.zfill(3)) if raw_code else codes.named(cell("event text"))
    if code is None:
        raise ValueError(f"unknown CAMEO code {raw_code!r}")
    source = _dataverse_side(cell("source name"), cell("source sectors"), cell("source country"),
                             when, tables)
    target = _dataverse_side(cell("target name"), cell("target sectors"), cell("target country"),
                             when, tables)
    event_id = cell("event id")
    key = row_key("icews", event_id) if event_id else row_key("icews", *cells)
    attrs = {"line": where, "event_id": event_id, "intensity": cell("intensity"),
             "event_text": cell("event text")}
    return _row("icews", key, when, code, source, target, attrs, sentence=None)


def _row(origin, key, when, code, source, target, attrs, sentence=None):
    if not source.text or not target.text:
        return SkippedRow("one-sided event")
    return event_row(
        origin=origin, import_key=key, when=when, source=source, target=target,
        event=code.plover, cameo_code=code.code, quad=code.quad, mode=code.mode,
        context=code.context, sentence=sentence, attributes=attrs,
    )
