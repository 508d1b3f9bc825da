"""SQL for articles, passages, republication links and LSH keys.

Bulk writes go through Arrow tables registered on the connection and one
``INSERT ... SELECT`` (or ``UPDATE ... FROM``) each: row-by-row ``executemany``
is orders of magnitude slower in DuckDB.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from blocwatch.errors import BlocwatchError, StoreError
from blocwatch.models import Article, Passage, Republication
from blocwatch.store.bulk import query_with_arrow, view_name, with_arrow
from blocwatch.store.connection import Store

EXPORT_FORMATS = {"parquet": "(FORMAT parquet)", "csv": "(FORMAT csv, HEADER true)",
                  "jsonl": "(FORMAT json)"}





def _ids_table(ids: Iterable[str]) -> pa.Table:
    return pa.table({"id": pa.array(list(ids), pa.string())})


# ---------------------------------------------------------------- writes


def existing_ids(store: Store, ids: Iterable[str]) -> set[str]:
    """Those of ``ids`` already stored."""
    table = _ids_table(set(ids))
    if table.num_rows == 0:
        return set()
    rows = query_with_arrow(store, table, "SELECT a.id FROM articles a JOIN {view} v ON a.id = v.id")
    return {r[0] for r in rows}


def insert_articles(store: Store, articles: Sequence[Article]) -> None:
    if not articles:
        return
    published = [a.first_published for a in articles]
    table = pa.table({
        "id": pa.array([a.id for a in articles], pa.string()),
        "origin": pa.array([a.origin for a in articles], pa.string()),
        "file_name": pa.array([a.file_name for a in articles], pa.string()),
        "title": pa.array([a.title for a in articles], pa.string()),
        "date": pa.array([a.date for a in articles], pa.date32()),
        "date_basis": pa.array([a.date_basis for a in articles], pa.string()),
        "url": pa.array([a.url for a in articles], pa.string()),
        "source": pa.array([a.source for a in articles], pa.string()),
        "format": pa.array([a.format for a in articles], pa.string()),
        "words": pa.array([a.words for a in articles], pa.int32()),
        "text": pa.array([a.text for a in articles], pa.string()),
        "first_published_by": pa.array([p[0] if p else None for p in published], pa.string()),
        "first_published_date": pa.array([p[1] if p else None for p in published], pa.date32()),
        "first_published_at": pa.array([a.first_published_at for a in articles], pa.int32()),
    })
    columns = ", ".join(table.column_names)
    with_arrow(store, table, f"INSERT INTO articles ({columns}) SELECT {columns} FROM {{view}}")


def _passages_table(passages: Sequence[Passage], *, with_text: bool) -> pa.Table:
    columns: dict[str, pa.Array] = {
        "article_id": pa.array([p.article_id for p in passages], pa.string()),
        "idx": pa.array([p.index for p in passages], pa.int32()),
    }
    if with_text:
        columns.update({
            "start_char": pa.array([p.start for p in passages], pa.int32()),
            "end_char": pa.array([p.end for p in passages], pa.int32()),
            "text": pa.array([p.text for p in passages], pa.string()),
            "hash": pa.array([p.hash for p in passages], pa.string()),
        })
    columns.update({
        "kind": pa.array([p.kind for p in passages], pa.string()),
        "original_id": pa.array([p.original_id for p in passages], pa.string()),
        "original_index": pa.array([p.original_index for p in passages], pa.int32()),
        "date": pa.array([p.date for p in passages], pa.date32()),
    })
    return pa.table(columns)


def insert_passages(store: Store, passages: Sequence[Passage]) -> None:
    if not passages:
        return
    table = _passages_table(passages, with_text=True)
    columns = ", ".join(table.column_names)
    with_arrow(store, table, f"INSERT INTO passages ({columns}) SELECT {columns} FROM {{view}}")


def update_passages(store: Store, passages: Sequence[Passage]) -> None:
    """Write kind, original and date of passages already stored."""
    if not passages:
        return
    with_arrow(store, _passages_table(passages, with_text=False), (
        "UPDATE passages SET kind = u.kind, original_id = u.original_id, "
        "original_index = u.original_index, date = u.date FROM {view} u "
        "WHERE passages.article_id = u.article_id AND passages.idx = u.idx"
    ))


def update_article_dates(
    store: Store, rows: Sequence[tuple[str, date | None, str | None, str | None]]
) -> None:
    """(id, date, date_basis, source) of stored articles whose date was learnt later;
    copied passages elsewhere that point to them take the new date too."""
    if not rows:
        return
    table = pa.table({
        "id": pa.array([r[0] for r in rows], pa.string()),
        "date": pa.array([r[1] for r in rows], pa.date32()),
        "date_basis": pa.array([r[2] for r in rows], pa.string()),
        "source": pa.array([r[3] for r in rows], pa.string()),
    })
    with_arrow(store, table, (
        "UPDATE articles SET date = u.date, date_basis = u.date_basis, source = u.source "
        "FROM {view} u WHERE articles.id = u.id"
    ))
    with_arrow(store, table, (
        "UPDATE passages SET date = u.date FROM {view} u "
        "WHERE passages.original_id = u.id AND passages.kind = 'copied'"
    ))


def insert_republications(store: Store, relations: Sequence[Republication]) -> None:
    if not relations:
        return
    table = pa.table({
        "original_id": pa.array([r.original_id for r in relations], pa.string()),
        "copy_id": pa.array([r.copy_id for r in relations], pa.string()),
        "relation": pa.array([r.relation for r in relations], pa.string()),
        "coverage": pa.array([r.coverage for r in relations], pa.float64()),
        "similarity": pa.array([r.similarity for r in relations], pa.float64()),
        "new_passages": pa.array([list(r.new_passages) for r in relations], pa.list_(pa.int32())),
    })
    columns = ", ".join(table.column_names)
    with_arrow(store, table, (
        f"INSERT INTO republications ({columns}) SELECT {columns} FROM {{view}} "
        "ON CONFLICT DO NOTHING"
    ))


# ---------------------------------------------------------------- LSH keys


def insert_lsh_keys(store: Store, article_ids: Sequence[str], keys: Sequence[int]) -> None:
    """One row per (key, article); ``article_ids[i]`` owns ``keys[i]``."""
    if not keys:
        return
    table = pa.table({
        "key": pa.array(keys, pa.int64()),
        "article_id": pa.array(article_ids, pa.string()),
    })
    with_arrow(store, table, "INSERT INTO lsh_keys (key, article_id) SELECT key, article_id FROM {view}")


def lsh_params(store: Store) -> dict[str, int] | None:
    rows = store.con.execute(
        "SELECT shingle_words, minhash_perm, bands, rows_per_band, seed FROM lsh_params"
    ).fetchall()
    if not rows:
        return None
    row = rows[0]
    return dict(zip(("shingle_words", "minhash_perm", "bands", "rows_per_band", "seed"), row,
                    strict=True))


def reset_lsh(store: Store, params: dict[str, int]) -> None:
    """Forget every key and record the parameters the next ones are made with."""
    store.con.execute("DELETE FROM lsh_keys")
    store.con.execute("DELETE FROM lsh_params")
    store.con.execute(
        "INSERT INTO lsh_params VALUES (?, ?, ?, ?, ?)",
        [params["shingle_words"], params["minhash_perm"], params["bands"],
         params["rows_per_band"], params["seed"]],
    )


def count_articles(store: Store) -> int:
    return store.con.execute("SELECT count(*) FROM articles").fetchall()[0][0]


def count_uncoded(store: Store) -> int:
    """Stored articles no event coder has run on (ingested with --no-code, or
    an interrupted run), whatever the coder version."""
    return store.con.execute(
        "SELECT count(*) FROM articles a WHERE NOT EXISTS "
        "(SELECT 1 FROM coded_articles c WHERE c.article_id = a.id)"
    ).fetchall()[0][0]


def iter_stored_passages(store: Store, chunk: int = 1000) -> Iterator[list[Passage]]:
    """Passages of every stored article, a chunk of articles at a time (keyset
    pagination, so memory does not grow with the store)."""
    after = ""
    while True:
        ids = [r[0] for r in store.con.execute(
            "SELECT id FROM articles WHERE id > ? ORDER BY id LIMIT ?", [after, chunk]
        ).fetchall()]
        if not ids:
            return
        grouped = stored_passages(store, ids)
        yield [p for article_id in ids for p in grouped.get(article_id, [])]
        after = ids[-1]


def candidate_pairs(
    store: Store,
    keys: pa.Table,
    hashes: pa.Table,
    *,
    per_article: int,
    common_passage: int = 1000,
) -> list[tuple[str, str, int]]:
    """Stored articles sharing an LSH key or a whole passage with a new one.

    ``keys`` has columns (article_id, key); ``hashes`` (article_id, hash) of the
    new articles' long passages; a passage stored in more than
    ``common_passage`` articles proposes none.  Returns (new_id, stored_id,
    shared), at most ``per_article`` stored candidates per new article, most
    shared first.
    """
    key_view = view_name()
    hash_view = view_name()
    store.con.register(key_view, keys)
    store.con.register(hash_view, hashes)
    try:
        return store.con.execute(f"""
            WITH by_passage AS (
                SELECT DISTINCT n.article_id AS new_id, p.article_id AS stored_id, n.hash
                FROM {hash_view} n JOIN passages p ON n.hash = p.hash
            ), boilerplate AS (
                -- a paragraph found in very many articles is furniture, not a copy
                SELECT hash FROM by_passage GROUP BY hash
                HAVING count(DISTINCT stored_id) > ?
            ), shared AS (
                SELECT n.article_id AS new_id, k.article_id AS stored_id
                FROM {key_view} n JOIN lsh_keys k ON n.key = k.key
                UNION ALL
                SELECT DISTINCT new_id, stored_id FROM by_passage
                WHERE hash NOT IN (SELECT hash FROM boilerplate)
            ), counted AS (
                SELECT new_id, stored_id, count(*) AS shared FROM shared
                WHERE new_id <> stored_id GROUP BY new_id, stored_id
            )
            SELECT new_id, stored_id, shared FROM counted
            QUALIFY row_number() OVER (PARTITION BY new_id ORDER BY shared DESC, stored_id)
                    <= ?
            ORDER BY new_id, shared DESC, stored_id
        """, [common_passage, per_article]).fetchall()
    finally:
        store.con.unregister(key_view)
        store.con.unregister(hash_view)


# ---------------------------------------------------------------- reads


_META_COLUMNS = ("id", "date", "date_basis", "source", "title", "first_published_by",
                 "first_published_date", "first_published_at", "words")


def stored_meta(store: Store, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """What republication detection needs of stored articles, by id."""
    table = _ids_table(set(ids))
    if table.num_rows == 0:
        return {}
    columns = ", ".join(f"a.{c}" for c in _META_COLUMNS)
    rows = query_with_arrow(
        store, table, f"SELECT {columns} FROM articles a JOIN {{view}} v ON a.id = v.id"
    )
    return {r[0]: dict(zip(_META_COLUMNS, r, strict=True)) for r in rows}


_PASSAGE_COLUMNS = "article_id, idx, start_char, end_char, text, hash, kind, original_id, original_index, date"


def _passage(row: tuple[Any, ...]) -> Passage:
    return Passage(article_id=row[0], index=row[1], start=row[2], end=row[3], text=row[4],
                   hash=row[5], kind=row[6], original_id=row[7], original_index=row[8],
                   date=row[9])


def stored_passages(store: Store, ids: Iterable[str]) -> dict[str, list[Passage]]:
    table = _ids_table(set(ids))
    if table.num_rows == 0:
        return {}
    rows = query_with_arrow(store, table, (
        f"SELECT {', '.join('p.' + c.strip() for c in _PASSAGE_COLUMNS.split(','))} "
        "FROM passages p JOIN {view} v ON p.article_id = v.id ORDER BY p.article_id, p.idx"
    ))
    grouped: dict[str, list[Passage]] = {}
    for row in rows:
        grouped.setdefault(row[0], []).append(_passage(row))
    return grouped


def passage_kinds(store: Store) -> dict[tuple[str, int], str]:
    """(article id, passage index) -> kind of every stored passage, in one
    query that reads no passage text."""
    rows = store.con.execute("SELECT article_id, idx, kind FROM passages").fetchall()
    return {(article_id, int(idx)): kind for article_id, idx, kind in rows}


def article_passages(store: Store, article_id: str) -> list[Passage]:
    return stored_passages(store, [article_id]).get(article_id, [])


def get_article(store: Store, article_id: str) -> dict[str, Any] | None:
    cursor = store.con.execute("SELECT * FROM articles WHERE id = ?", [article_id])
    rows = cursor.fetchall()
    if not rows:
        return None
    row = rows[0]
    return dict(zip([d[0] for d in cursor.description], row, strict=True))


def list_articles(store: Store, limit: int | None = None, *,
                  with_url: bool = False) -> list[dict[str, Any]]:
    """id, date, date_basis, source, title, words, origin and duplicate_of (the
    original it republishes, the earliest if several) of stored articles, in
    one query; ``with_url`` adds each article's url."""
    url = "a.url, " if with_url else ""
    sql = f"""
        SELECT a.id, a.date, a.date_basis, a.source, a.title, a.words, a.origin, {url}
               (SELECT r.original_id FROM republications r JOIN articles o ON o.id = r.original_id
                WHERE r.copy_id = a.id ORDER BY o.date NULLS LAST, r.original_id LIMIT 1)
                   AS duplicate_of
        FROM articles a
        ORDER BY a.date NULLS LAST, a.origin, a.id
    """
    params: list[Any] = []
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    cursor = store.con.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def list_republications(store: Store) -> list[dict[str, Any]]:
    """Every relation with the titles, dates and origins of both articles."""
    cursor = store.con.execute("""
        SELECT r.original_id, o.title AS original_title, o.date AS original_date,
               o.date_basis AS original_date_basis, o.origin AS original_origin,
               r.copy_id, c.title AS copy_title, c.date AS copy_date, c.origin AS copy_origin,
               r.relation, r.coverage, r.similarity, r.new_passages
        FROM republications r
        JOIN articles o ON o.id = r.original_id
        JOIN articles c ON c.id = r.copy_id
        ORDER BY o.date NULLS LAST, r.original_id, c.date NULLS LAST, r.copy_id
    """)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def republications_of(store: Store, article_id: str) -> list[Republication]:
    rows = store.con.execute(
        "SELECT original_id, copy_id, relation, coverage, similarity, new_passages "
        "FROM republications WHERE original_id = ? OR copy_id = ? ORDER BY original_id, copy_id",
        [article_id, article_id],
    ).fetchall()
    return [Republication(r[0], r[1], r[2], r[3], r[4], tuple(r[5] or ())) for r in rows]


# ---------------------------------------------------------------- bulk rows




# ---------------------------------------------------------------- export


def export_table(store: Store, table: str, fmt: str, path: str | Path) -> int:
    """Write ``table`` to ``path`` as parquet, csv or jsonl; returns the row count."""
    tables = store.tables()
    if table not in tables:
        raise BlocwatchError(
            f"no table {table!r} in store {store.path}; the tables are: {', '.join(tables)}",
            hint=f"blocwatch export articles --format {fmt}",
        )
    if fmt not in EXPORT_FORMATS:
        raise BlocwatchError(
            f"unknown export format {fmt!r}; use one of: {', '.join(EXPORT_FORMATS)}",
            hint=f"blocwatch export {table} --format parquet",
        )
    target = str(path).replace("'", "''")
    try:
        store.con.execute(f"COPY \"{table}\" TO '{target}' {EXPORT_FORMATS[fmt]}")
    except duckdb.Error as err:
        raise StoreError(f"cannot write {path}: {str(err).splitlines()[0]}",
                         hint="-o PATH in a folder you can write to") from err
    return store.con.execute(f'SELECT count(*) FROM "{table}"').fetchall()[0][0]
