"""GDELT event exports: tab-separated, no header, 61 columns in GDELT 2.0
(58 in 1.0; the columns read here have the same positions in both).

Actors are placed by their CAMEO country code (``Actor1CountryCode``); an
actor whose code is the bare country code is the state itself, otherwise its
``Type1Code`` (GOV, MIL, ...) is its sector.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

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

GLOBALEVENTID, SQLDATE = 0, 1
ACTOR1 = {"code": 5, "name": 6, "country": 7, "type": 12}
ACTOR2 = {"code": 15, "name": 16, "country": 17, "type": 22}
IS_ROOT, EVENT_CODE, GOLDSTEIN, NUM_ARTICLES, AVG_TONE = 25, 26, 30, 33, 34
MIN_COLUMNS = 35


def _side(cells: list[str], cols: dict[str, int], tables: NameTables) -> Side:
    code, name = cells[cols["code"]].strip(), cells[cols["name"]].strip()
    country_code = cells[cols["country"]].strip()
    sector = cells[cols["type"]].strip() or None
    if not code and not name:
        return Side("")
    iso = tables.cameo_country(country_code) if country_code else None
    if iso is None:
        return Side(name or code, None, "unresolved", sector, None, code or None, name or None)
    is_state = code.upper() == country_code.upper()
    return Side(name or code, iso, "state", None if is_state else (sector or "OTH"), None,
                code or iso, name or None)


def read_gdelt(path: Path) -> Iterator[dict[str, Any] | BadRow | SkippedRow]:
    tables = name_tables()
    codes = cameo_table()
    with open_text(path) as handle:
        for lineno, line in enumerate(handle, start=1):
            line = line.rstrip("\r\n")
            if not line.strip():
                continue
            where = f"{path}:{lineno}"
            cells = line.split("\t")
            if len(cells) < MIN_COLUMNS:
                yield BadRow(where, f"expected 61 tab-separated columns (GDELT 2.0 events), got {len(cells)}")
                continue
            try:
                when = parse_date(cells[SQLDATE])
            except ValueError:
                yield BadRow(where, f"SQLDATE {cells[SQLDATE]!r} is not YYYYMMDD")
                continue
            raw = cells[EVENT_CODE].strip()
            code = codes.lookup(raw) if raw.isdigit() else None
            if code is None:
                yield BadRow(where, f"unknown CAMEO EventCode {raw!r}")
                continue
            source, target = _side(cells, ACTOR1, tables), _side(cells, ACTOR2, tables)
            if not source.text or not target.text:
                yield SkippedRow("one-sided event")
                continue
            event_id = cells[GLOBALEVENTID].strip()
            url = cells[-1].strip() if cells[-1].startswith("http") else None
            attrs = {"line": where, "event_id": event_id, "is_root": cells[IS_ROOT].strip(),
                     "goldstein": cells[GOLDSTEIN].strip(), "articles": cells[NUM_ARTICLES].strip(),
                     "tone": cells[AVG_TONE].strip(), "url": url}
            yield event_row(
                origin="gdelt", import_key=row_key("gdelt", event_id or line), when=when,
                source=source, target=target, event=code.plover, cameo_code=raw,
                quad=code.quad, mode=code.mode, context=code.context, attributes=attrs,
            )
