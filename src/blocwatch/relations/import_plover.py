"""PLOVER / POLECAT JSON: one event object per line, or a JSON array of them.

Field names differ between PLOVER coders and POLECAT releases, so each field
is looked up under the names in use (case, spaces and underscores ignored),
and actors may be nested objects (``{"actor": {"name", "country"}}``) or flat
fields (``Actor Country``).  Countries may be ISO alpha-3 codes or names.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from blocwatch.relations.codes import PLOVER_QUAD, PLOVER_ROOTS
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

_NORM = re.compile(r"[^a-z0-9]")

FIELDS: dict[str, tuple[str, ...]] = {
    "id": ("id", "eventid", "storyid"),
    "date": ("date", "eventdate", "storydate", "publicationdate"),
    "event": ("eventtype", "event", "plover", "ploverevent", "type"),
    "mode": ("mode", "eventmode"),
    "context": ("context", "contexts", "eventcontext"),
    "text": ("text", "sentence", "eventtext", "storytext"),
    "confidence": ("confidence",),
}
SIDES: dict[str, tuple[str, ...]] = {
    "source": ("actor", "source", "sourceactor"),
    "target": ("recipient", "target", "targetactor"),
}


def _norm(name: str) -> str:
    return _NORM.sub("", name.lower())


def _get(record: dict[str, Any], names: tuple[str, ...]) -> Any:
    for name in names:
        if name in record and record[name] not in (None, ""):
            return record[name]
    return None


def _side(record: dict[str, Any], names: tuple[str, ...], tables: NameTables) -> Side:
    nested = _get(record, names)
    if isinstance(nested, dict):
        fields = {_norm(k): v for k, v in nested.items()}
        name = _get(fields, ("name", "text", "actorname"))
        country = _get(fields, ("country", "countrycode", "iso3"))
        sector = _get(fields, ("sector", "primarysector", "agent"))
    else:
        prefixes = names
        name = nested if isinstance(nested, str) else _get(record, tuple(p + "name" for p in prefixes))
        country = _get(record, tuple(p + "country" for p in prefixes))
        sector = _get(record, tuple(p + s for p in prefixes for s in ("sector", "primaryactorsector")))
    if isinstance(sector, list):
        sector = sector[0] if sector else None
    name_text = str(name or country or "")
    iso = tables.country(str(country)) if country else None
    if iso is None and name:
        iso = tables.country(str(name))
    if iso is None:
        return Side(name_text, None, "unresolved" if name_text else "", None, None, None, name_text)
    is_state = not sector and (name is None or tables.country(str(name)) == iso)
    sector_code = None if is_state else _sector_code(str(sector or "GOV"))
    return Side(name_text, iso, "state", sector_code, None, iso + (sector_code or ""), name_text)


def _sector_code(sector: str) -> str:
    from blocwatch.relations.import_icews import sector_of

    upper = sector.strip().upper()
    return upper if len(upper) == 3 and upper.isalpha() else sector_of(sector)


def _records(path: Path) -> Iterator[tuple[int, Any]]:
    """(line or array position, record or JSONDecodeError); reads forward
    only, so compressed inputs work."""
    with open_text(path) as handle:
        lines = enumerate(handle, start=1)
        first = next(((n, text) for n, text in lines if text.strip()), None)
        if first is None:
            return
        first_no, first_line = first
        if first_line.lstrip().startswith("["):
            try:
                items = json.loads(first_line + handle.read())
            except json.JSONDecodeError as err:
                yield first_no + err.lineno - 1, err
                return
            yield from enumerate(items, start=1)
            return
        for lineno, line in itertools.chain([first], lines):
            if not line.strip():
                continue
            try:
                yield lineno, json.loads(line)
            except json.JSONDecodeError as err:
                yield lineno, err


def read_plover(path: Path) -> Iterator[dict[str, Any] | BadRow | SkippedRow]:
    tables = name_tables()
    for lineno, item in _records(path):
        where = f"{path}:{lineno}"
        if isinstance(item, json.JSONDecodeError):
            yield BadRow(where, f"not JSON: {item.msg}")
            continue
        if not isinstance(item, dict):
            yield BadRow(where, "expected a JSON object per event")
            continue
        record = {_norm(k): v for k, v in item.items()}
        event = str(_get(record, FIELDS["event"]) or "").strip().upper()
        if event not in PLOVER_ROOTS or event == "STATEMENT":
            yield BadRow(where, f"unknown PLOVER event type {event or None!r}")
            continue
        try:
            when = parse_date(str(_get(record, FIELDS["date"]) or ""))
        except ValueError:
            yield BadRow(where, "no ISO date in date / event_date / story_date")
            continue
        source = _side(record, SIDES["source"], tables)
        target = _side(record, SIDES["target"], tables)
        if not source.text or not target.text:
            yield SkippedRow("one-sided event")
            continue
        context = _get(record, FIELDS["context"]) or []
        if isinstance(context, str):
            context = [c.strip() for c in re.split(r"[;,|]", context) if c.strip()]
        event_id = _get(record, FIELDS["id"])
        key = row_key("plover", event_id) if event_id else row_key("plover", json.dumps(item, sort_keys=True))
        confidence = _get(record, FIELDS["confidence"])
        yield event_row(
            origin="plover", import_key=key, when=when, source=source, target=target,
            event=event, cameo_code=None, quad=PLOVER_QUAD[event],
            mode=str(_get(record, FIELDS["mode"]) or "") or None, context=[str(c) for c in context],
            sentence=_get(record, FIELDS["text"]), attributes={"line": where, "event_id": event_id},
            confidence=float(confidence) if isinstance(confidence, int | float) else 1.0,
        )
