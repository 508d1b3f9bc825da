"""SQL for coded events, claims and the coder's bookkeeping (migration 003)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from typing import Any

from blocwatch.models import Claim, Event
from blocwatch.store.bulk import insert_rows
from blocwatch.store.connection import Store

_EVENT_COLUMNS = (
    "origin, article_id, passage_idx, start_char, end_char, sentence, event, quad, cameo, mode, "
    "context, modality, confidence, speaker, date, date_basis, date_text, "
    "source_text, source_code, source_country, source_kind, source_sector, source_role, "
    "source_name, target_text, target_code, target_country, target_kind, target_sector, "
    "target_role, target_name, trigger, attributes"
)


def _actor_values(ref: Any) -> list[Any]:
    if ref is None:
        return [None] * 7
    return [ref.text, ref.code, ref.country, ref.kind, ref.sector, ref.role, ref.name]


def _event_row(ev: Event) -> list[Any]:
    e = ev.evidence
    return [ev.origin, e.article_id, e.passage_index, e.start, e.end, e.sentence, ev.event,
            ev.quad, ev.cameo, ev.mode, list(ev.context), ev.modality, ev.confidence,
            ev.speaker, ev.date, ev.date_basis, ev.date_text,
            *_actor_values(ev.source), *_actor_values(ev.target), ev.trigger,
            json.dumps(ev.attributes, default=str, sort_keys=True)]


def save_events(store: Store, events: Iterable[Event]) -> int:
    rows = [_event_row(ev) for ev in events]
    return insert_rows(store, "events", _EVENT_COLUMNS.split(","), rows)


_CLAIM_COLUMNS = ("article_id", "passage_idx", "start_char", "end_char", "sentence",
                  "subject", "predicate", "value", "dyad_a", "dyad_b", "holder", "modality",
                  "confidence", "date")


def save_claims(store: Store, claims: Iterable[Claim]) -> int:
    rows = []
    for c in claims:
        e = c.evidence
        a, b = c.dyad if c.dyad else (None, None)
        rows.append([e.article_id, e.passage_index, e.start, e.end, e.sentence, c.subject,
                     c.predicate, c.value, a, b, c.holder, c.modality, c.confidence, c.date])
    return insert_rows(store, "claims", _CLAIM_COLUMNS, rows)


def delete_coded(store: Store, article_id: str) -> None:
    """Remove what an earlier coder version stored for an article, before recoding it."""
    store.con.execute("DELETE FROM events WHERE article_id = ? AND origin = 'coded'",
                      [article_id])
    store.con.execute("DELETE FROM claims WHERE article_id = ?", [article_id])


def mark_coded(store: Store, article_id: str, version: str) -> None:
    store.con.execute(
        "INSERT OR REPLACE INTO coded_articles (article_id, coder_version) VALUES (?, ?)",
        [article_id, version])


def uncoded_articles(store: Store, version: str | None = None) -> list[dict[str, Any]]:
    """Articles not yet coded (or coded by another coder version), with their passages."""
    todo = ("SELECT a.id, a.text, a.date FROM articles a "
            "LEFT JOIN coded_articles c ON c.article_id = a.id "
            "WHERE c.article_id IS NULL OR (? IS NOT NULL AND c.coder_version <> ?)")
    rows = store.con.execute(f"{todo} ORDER BY a.id", [version, version]).fetchall()
    passages: dict[str, list[tuple[Any, ...]]] = {}
    for row in store.con.execute(
        "SELECT p.article_id, p.idx, p.start_char, p.end_char, p.text, p.hash, p.kind, "
        f"p.original_id, p.original_index, p.date FROM passages p JOIN ({todo}) t "
        "ON p.article_id = t.id ORDER BY p.article_id, p.idx", [version, version]
    ).fetchall():
        passages.setdefault(row[0], []).append(row[1:])
    return [{"id": article_id, "text": text, "date": day, "passages": passages.get(article_id, [])}
            for article_id, text, day in rows]


def list_events(store: Store, actor: str | None = None, type: str | None = None,
                date_from: date | None = None, date_to: date | None = None,
                limit: int | None = None) -> list[dict[str, Any]]:
    """Stored events, newest first, optionally filtered by an actor (country or
    code prefix on either side), PLOVER type and date range."""
    where, args = [], []
    if actor:
        where.append("(source_country = ? OR target_country = ? OR source_code LIKE ? "
                      "OR target_code LIKE ?)")
        code = actor.upper()
        args += [code, code, code + "%", code + "%"]
    if type:
        where.append("event = ?")
        args.append(type.upper())
    if date_from:
        where.append("date >= ?")
        args.append(date_from)
    if date_to:
        where.append("date <= ?")
        args.append(date_to)
    sql = "SELECT * FROM events"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY date DESC NULLS LAST, id"
    if limit:
        sql += f" LIMIT {int(limit)}"
    cur = store.con.execute(sql, args)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def list_claims(store: Store, subject: str | None = None) -> list[dict[str, Any]]:
    sql = "SELECT * FROM claims"
    args: list[Any] = []
    if subject:
        sql += " WHERE subject = ?"
        args.append(subject)
    cur = store.con.execute(sql + " ORDER BY subject, date NULLS FIRST, id", args)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def update_superseded(store: Store) -> int:
    """Point every claim at the earliest later-dated claim on the same subject
    with a different value, dated after the claim's last restatement (the same
    value said again confirms it), or NULL if none.  Labels never compete: a
    dyad carries several at once.  Returns how many claims are superseded."""
    store.con.execute(
        "UPDATE claims SET superseded_by = ("
        " SELECT n.id FROM claims n WHERE n.subject = claims.subject"
        " AND claims.predicate <> 'label' AND n.value <> claims.value"
        " AND n.date > (SELECT max(r.date) FROM claims r"
        "  WHERE r.subject = claims.subject AND r.value = claims.value)"
        " ORDER BY n.date, n.id LIMIT 1)")
    return store.con.execute(
        "SELECT count(*) FROM claims WHERE superseded_by IS NOT NULL").fetchone()[0]
