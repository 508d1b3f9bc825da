"""SQL for actor mentions (table ``mentions``, migration 002)."""

from __future__ import annotations

from collections.abc import Iterable

from blocwatch.models import Actor, Mention
from blocwatch.store.bulk import insert_rows
from blocwatch.store.connection import Store

_COLUMNS = (
    "article_id, start_char, end_char, text, passage_idx, kind, code, country, sector, role, "
    "name, matched_by, reason"
)


def save_mentions(store: Store, mentions: Iterable[Mention]) -> int:
    """Store mentions (a mention at the same span of the same article is replaced);
    returns how many were written.  All in one transaction."""
    rows = [
        (m.article_id, m.start, m.end, m.text, m.passage_index, m.actor.kind, m.actor.code,
         m.actor.country, m.actor.sector, m.actor.role, m.actor.name, m.actor.matched_by,
         m.actor.reason)
        for m in mentions
    ]
    # The last mention of a span wins, as INSERT OR REPLACE would row by row.
    unique = list({(r[0], r[1], r[2]): r for r in rows}.values())
    return insert_rows(store, "mentions", _COLUMNS.split(","), unique, or_replace=True)


def mentions_of(store: Store, article_id: str) -> list[Mention]:
    """The stored mentions of one article, in text order.  Organisation members
    are not stored: `blocwatch.actors.resolve` gives them for a date."""
    rows = store.con.execute(
        f"SELECT {_COLUMNS} FROM mentions WHERE article_id = ? ORDER BY start_char, end_char",
        [article_id],
    ).fetchall()
    return [
        Mention(
            article_id=r[0], start=r[1], end=r[2], text=r[3], passage_index=r[4],
            actor=Actor(kind=r[5], code=r[6], country=r[7], sector=r[8], role=r[9], name=r[10],
                        matched_by=r[11], reason=r[12]),
        )
        for r in rows
    ]


def delete_mentions(store: Store, article_id: str) -> None:
    """Forget an article's mentions before it is scanned again."""
    with store.transaction() as con:
        con.execute("DELETE FROM mentions WHERE article_id = ?", [article_id])


def all_mentions(store: Store, kinds: Iterable[str] | None = None) -> dict[str, list[Mention]]:
    """Stored mentions of every article in one query, by article id, each
    article's in text order; ``kinds`` keeps only actors of those kinds."""
    sql = f"SELECT {_COLUMNS} FROM mentions"
    params: list[str] = []
    wanted = sorted(set(kinds)) if kinds is not None else None
    if wanted is not None:
        if not wanted:
            return {}
        sql += f" WHERE kind IN ({', '.join('?' * len(wanted))})"
        params = wanted
    rows = store.con.execute(sql + " ORDER BY article_id, start_char, end_char", params).fetchall()
    grouped: dict[str, list[Mention]] = {}
    for r in rows:
        grouped.setdefault(r[0], []).append(Mention(
            article_id=r[0], start=r[1], end=r[2], text=r[3], passage_index=r[4],
            actor=Actor(kind=r[5], code=r[6], country=r[7], sector=r[8], role=r[9], name=r[10],
                        matched_by=r[11], reason=r[12]),
        ))
    return grouped
