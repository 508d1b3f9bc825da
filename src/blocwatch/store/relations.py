"""SQL of the relations stage: imported events, alliance dyad-years, and the
event and claim reads that dyads, alignment and alliances are computed from.

Analysis reads skip events stated in passages of kind ``copied``: a
republished story counts once, for its original (see docs/architecture.md).
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from datetime import date
from typing import Any

import pyarrow as pa

from blocwatch.store.connection import Store

# Columns an importer fills, in the order of its arrow batches.
IMPORTED_EVENT_COLUMNS: tuple[str, ...] = (
    "origin", "import_key", "sentence", "event", "quad", "cameo", "mode", "context",
    "modality", "confidence", "date", "date_basis",
    "source_text", "source_code", "source_country", "source_kind", "source_sector",
    "source_role", "source_name",
    "target_text", "target_code", "target_country", "target_kind", "target_sector",
    "target_role", "target_name", "attributes",
)

# Sectors that act for a state in its relations with others (CAMEO agent
# codes); an empty sector is the state itself.  Citizens, businesses, media,
# rebels and criminals of two countries meeting or fighting is not a relation
# between the two states.
OFFICIAL_SECTORS: tuple[str, ...] = ("", "GOV", "MIL", "LEG", "JUD", "COP", "SPY", "DIP")
# Roles that do not act for a state on the event's date.
NON_OFFICIAL_ROLES: tuple[str, ...] = ("journalist", "party_leader")
NON_STATE_KINDS: tuple[str, ...] = ("igo", "group", "place", "unresolved")


def insert_imported_events(store: Store, batch: pa.Table) -> int:
    """Insert a batch of imported events; rows whose ``import_key`` is already
    stored (or repeated in the batch) are left out.  Returns rows added.
    The caller holds the transaction."""
    con = store.con
    before = con.execute("SELECT count(*) FROM events").fetchall()[0][0]
    con.register("import_batch", batch)
    try:
        cols = ", ".join(IMPORTED_EVENT_COLUMNS)
        con.execute(
            f"INSERT INTO events ({cols}) "
            f"SELECT {cols} FROM (SELECT *, row_number() OVER (PARTITION BY import_key) AS rn "
            "FROM import_batch) b "
            "WHERE rn = 1 AND NOT EXISTS "
            "(SELECT 1 FROM events e WHERE e.import_key = b.import_key)"
        )
    finally:
        con.unregister("import_batch")
    return con.execute("SELECT count(*) FROM events").fetchall()[0][0] - before


def insert_alliance_years(store: Store, batch: pa.Table) -> int:
    """Insert alliance dyad-years (a, b, year, defense, neutrality,
    nonaggression, entente, layout); repeats are left out."""
    con = store.con
    before = con.execute("SELECT count(*) FROM alliance_years").fetchall()[0][0]
    con.register("alliance_batch", batch)
    try:
        con.execute(
            "INSERT INTO alliance_years "
            "SELECT DISTINCT ON (a, b, year, layout) a, b, year, defense, neutrality, "
            "nonaggression, entente, layout FROM alliance_batch n "
            "WHERE NOT EXISTS (SELECT 1 FROM alliance_years o WHERE o.a = n.a AND o.b = n.b "
            "AND o.year = n.year AND o.layout = n.layout)"
        )
    finally:
        con.unregister("alliance_batch")
    return con.execute("SELECT count(*) FROM alliance_years").fetchall()[0][0] - before


def log_import(
    store: Store, path: str, origin: str, *, read: int, added: int, bad: int, skipped: int
) -> None:
    store.con.execute(
        "INSERT INTO imports (path, origin, rows_read, rows_added, rows_bad, rows_skipped) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [path, origin, read, added, bad, skipped],
    )


def _window(column: str, date_from: date | None, date_to: date | None) -> tuple[str, list[Any]]:
    clauses, params = [], []
    if date_from is not None:
        clauses.append(f"{column} >= ?")
        params.append(date_from)
    if date_to is not None:
        clauses.append(f"{column} <= ?")
        params.append(date_to)
    return (" AND " + " AND ".join(clauses) if clauses else ""), params


def _in_list(values: Sequence[str]) -> str:
    return ", ".join("'" + v.replace("'", "''") + "'" for v in values)


def relation_events(
    store: Store, date_from: date | None = None, date_to: date | None = None
) -> pa.Table:
    """Events between official actors of two different states, dated, not
    from copied passages, as an arrow table (one row per event)."""
    window, params = _window("e.date", date_from, date_to)
    sectors = _in_list(OFFICIAL_SECTORS)
    roles = _in_list(NON_OFFICIAL_ROLES)
    kinds = _in_list(NON_STATE_KINDS)
    side = (
        "coalesce({s}_sector, '') IN ({sectors}) "
        "AND coalesce({s}_kind, 'state') NOT IN ({kinds}) "
        "AND coalesce({s}_role, '') NOT IN ({roles}) "
        "AND coalesce({s}_role, '') NOT LIKE 'former%'"
    )
    sql = (
        "SELECT e.id, e.date, e.source_country AS source, e.target_country AS target, "
        "e.event, e.quad, e.cameo, e.context, e.confidence, e.mode, "
        "coalesce(e.source_sector, '') AS source_sector, coalesce(e.target_sector, '') AS target_sector, "
        "coalesce(e.source_role, '') AS source_role, coalesce(e.target_role, '') AS target_role "
        "FROM events e LEFT JOIN passages p ON p.article_id = e.article_id AND p.idx = e.passage_idx "
        "WHERE e.source_country IS NOT NULL AND e.target_country IS NOT NULL "
        "AND e.source_country <> e.target_country AND e.date IS NOT NULL "
        "AND e.confidence > 0 AND coalesce(p.kind, '') <> 'copied' "
        f"AND {side.format(s='e.source', sectors=sectors, kinds=kinds, roles=roles)} "
        f"AND {side.format(s='e.target', sectors=sectors, kinds=kinds, roles=roles)}"
        f"{window} ORDER BY e.id"
    )
    with warnings.catch_warnings():
        # DuckDB 2 warns that DB-API arrow output copies once; a copy is cheap next
        # to the aggregation and keeps the transaction-friendly execute() path.
        warnings.simplefilter("ignore", UserWarning)
        return store.con.execute(sql, params).to_arrow_table()


def event_evidence(store: Store, ids: Sequence[int]) -> list[dict[str, Any]]:
    """id, date, event, source, target, sentence, article, origin of the given events."""
    if not ids:
        return []
    rows = store.con.execute(
        "SELECT id, date, event, source_country, target_country, sentence, article_id, "
        "origin, confidence, modality FROM events WHERE list_contains(?, id) ORDER BY date, id",
        [list(int(i) for i in ids)],
    ).fetchall()
    keys = ("id", "date", "event", "source", "target", "sentence", "article_id", "origin",
            "confidence", "modality")
    return [dict(zip(keys, row, strict=True)) for row in rows]


def label_claims(
    store: Store, date_from: date | None = None, date_to: date | None = None
) -> list[dict[str, Any]]:
    """Label claims (how parties name their relationship) per dyad, newest
    first, copied passages skipped; superseded claims are kept but marked."""
    window, params = _window("c.date", date_from, date_to)
    rows = store.con.execute(
        "SELECT c.id, least(c.dyad_a, c.dyad_b), greatest(c.dyad_a, c.dyad_b), c.value, c.date, "
        "c.holder, c.modality, c.confidence, c.sentence, c.article_id, c.superseded_by "
        "FROM claims c LEFT JOIN passages p ON p.article_id = c.article_id AND p.idx = c.passage_idx "
        "WHERE c.predicate = 'label' AND c.dyad_a IS NOT NULL AND c.dyad_b IS NOT NULL "
        f"AND coalesce(p.kind, '') <> 'copied'{window} "
        "ORDER BY c.date DESC NULLS LAST, c.id",
        params,
    ).fetchall()
    keys = ("id", "a", "b", "value", "date", "holder", "modality", "confidence", "sentence",
            "article_id", "superseded_by")
    return [dict(zip(keys, row, strict=True)) for row in rows]


def named_states(
    store: Store, date_from: date | None = None, date_to: date | None = None
) -> list[str]:
    """ISO3 codes of the states the window's articles name (the state itself,
    or a person acting for it on the article's date), sorted."""
    window, params = _window("a.date", date_from, date_to)
    roles = _in_list(NON_OFFICIAL_ROLES)
    rows = store.con.execute(
        "SELECT DISTINCT m.country FROM mentions m JOIN articles a ON a.id = m.article_id "
        "WHERE m.country IS NOT NULL AND (m.kind = 'state' OR (m.kind = 'person' "
        f"AND coalesce(m.role, '') NOT IN ({roles}) AND coalesce(m.role, '') NOT LIKE 'former%')){window} "
        "ORDER BY 1",
        params,
    ).fetchall()
    return [r[0] for r in rows]


def alliance_years(store: Store, layout: str | None = None) -> list[tuple[str, str, int, bool]]:
    """(a, b, year, defense) of the imported alliance dyad-years."""
    sql = "SELECT a, b, year, bool_or(defense) FROM alliance_years"
    params: list[Any] = []
    if layout:
        sql += " WHERE layout = ?"
        params.append(layout)
    sql += " GROUP BY a, b, year ORDER BY a, b, year"
    return [tuple(r) for r in store.con.execute(sql, params).fetchall()]


def count_events(store: Store, origin: str | None = None) -> int:
    if origin is None:
        return store.con.execute("SELECT count(*) FROM events").fetchall()[0][0]
    return store.con.execute("SELECT count(*) FROM events WHERE origin = ?", [origin]).fetchall()[0][0]


def imports_log(store: Store) -> list[tuple[Any, ...]]:
    return store.con.execute(
        "SELECT path, origin, rows_read, rows_added, rows_bad, rows_skipped, imported_at "
        "FROM imports ORDER BY imported_at"
    ).fetchall()
