"""SQL of articles, passages, republications and LSH keys; export."""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from datetime import date

import duckdb
import pytest

from blocwatch.errors import BlocwatchError
from blocwatch.ingest.passages import split_passages
from blocwatch.models import Article, Republication
from blocwatch.store import articles as article_sql

ORIGINAL = Article(
    id="orig0000", origin="orig.txt", title="Kyiv and Moscow sign the Minsk Protocol",
    text="Ukraine, Russia and the OSCE signed a ceasefire protocol in Minsk in September 2014."
         "\n\nThe fighting in the Donbas resumed within weeks.",
    words=25, date=None,
)
COPY = Article(
    id="copy0000", origin="copy.txt", title="Looking back at Minsk", date=date(2015, 2, 12),
    date_basis="manifest", source="Example Wire",
    text="A second agreement was signed in February 2015.\n\n" + ORIGINAL.text,
    words=33, first_published=("Example Wire", date(2014, 9, 6)), first_published_at=None,
)


def _fill(store) -> None:
    with store.transaction():
        article_sql.insert_articles(store, [ORIGINAL, COPY])
        copy_passages = split_passages(COPY)
        copy_passages[1] = replace(copy_passages[1], kind="copied", original_id=ORIGINAL.id,
                                   original_index=0, date=None)
        copy_passages[0] = replace(copy_passages[0], kind="new")
        article_sql.insert_passages(store, [*split_passages(ORIGINAL), *copy_passages])
        article_sql.insert_republications(store, [
            Republication(ORIGINAL.id, COPY.id, "contains", 1.0, 0.8, (0,))])


def test_insert_exists_and_read_back(store):
    _fill(store)
    assert article_sql.existing_ids(store, [ORIGINAL.id, "nope"]) == {ORIGINAL.id}
    assert article_sql.existing_ids(store, []) == set()
    assert article_sql.count_articles(store) == 2
    copy = article_sql.get_article(store, COPY.id)
    assert copy["first_published_by"] == "Example Wire"
    assert copy["first_published_date"] == date(2014, 9, 6)
    assert article_sql.get_article(store, "nope") is None
    passages = article_sql.article_passages(store, COPY.id)
    assert [p.kind for p in passages] == ["new", "copied", "own"]
    assert passages[1].original_id == ORIGINAL.id
    assert all(COPY.text[p.start:p.end] == p.text for p in passages)


def test_list_articles_names_the_original_of_a_copy(store):
    _fill(store)
    rows = article_sql.list_articles(store)
    by_id = {r["id"]: r for r in rows}
    assert by_id[COPY.id]["duplicate_of"] == ORIGINAL.id
    assert by_id[ORIGINAL.id]["duplicate_of"] is None
    assert by_id[COPY.id]["words"] == 33
    assert len(article_sql.list_articles(store, limit=1)) == 1
    (relation,) = article_sql.list_republications(store)
    assert relation["original_title"] == ORIGINAL.title
    assert relation["copy_date"] == date(2015, 2, 12)
    assert relation["new_passages"] == [0]


def test_republication_is_recorded_once(store):
    _fill(store)
    with store.transaction():
        article_sql.insert_republications(store, [
            Republication(ORIGINAL.id, COPY.id, "near", 0.5, 0.5, ())])
    assert [r.relation for r in article_sql.republications_of(store, COPY.id)] == ["contains"]


def test_learning_an_originals_date_updates_its_copied_passages(store):
    _fill(store)
    with store.transaction():
        article_sql.update_article_dates(
            store, [(ORIGINAL.id, date(2014, 9, 5), "republication", "Example Wire")])
    original = article_sql.get_article(store, ORIGINAL.id)
    assert (original["date"], original["date_basis"]) == (date(2014, 9, 5), "republication")
    copied = [p for p in article_sql.article_passages(store, COPY.id) if p.kind == "copied"]
    assert [p.date for p in copied] == [date(2014, 9, 5)]
    with store.transaction():
        new = replace(article_sql.article_passages(store, COPY.id)[2], kind="new",
                      date=date(2015, 2, 12))
        article_sql.update_passages(store, [new])
    assert article_sql.article_passages(store, COPY.id)[2].kind == "new"


def test_lsh_params_and_keys(store):
    assert article_sql.lsh_params(store) is None
    params = {"shingle_words": 5, "minhash_perm": 64, "bands": 21, "rows_per_band": 3, "seed": 13}
    with store.transaction():
        article_sql.reset_lsh(store, params)
        article_sql.insert_lsh_keys(store, ["a", "a", "b"], [1, -2, 1])
    assert article_sql.lsh_params(store) == params
    assert store.con.execute("SELECT count(*) FROM lsh_keys").fetchall() == [(3,)]


@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl"])
def test_export_every_format(store, tmp_path, fmt):
    _fill(store)
    target = tmp_path / f"it's here.{fmt}"  # a quote in the path must not break the COPY
    assert article_sql.export_table(store, "passages", fmt, target) == 5
    if fmt == "parquet":
        rows = duckdb.sql(f"SELECT count(*) FROM read_parquet('{str(target).replace(chr(39), chr(39) * 2)}')").fetchall()
        assert rows == [(5,)]
    elif fmt == "csv":
        with target.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        assert len(rows) == 5 and rows[0]["article_id"] in {ORIGINAL.id, COPY.id}
    else:
        lines = target.read_text(encoding="utf-8").splitlines()
        assert len(lines) == 5
        assert {json.loads(line)["kind"] for line in lines} == {"own", "new", "copied"}


def test_export_unknown_table_or_format_names_the_choices(store, tmp_path):
    with pytest.raises(BlocwatchError) as err:
        article_sql.export_table(store, "artciles", "csv", tmp_path / "x.csv")
    message = str(err.value)
    assert message.startswith("no table 'artciles' in store ")
    assert "the tables are: " in message and "articles, " in message and "passages" in message
    with pytest.raises(BlocwatchError, match="unknown export format 'xlsx'; use one of: parquet, csv, jsonl"):
        article_sql.export_table(store, "articles", "xlsx", tmp_path / "x.xlsx")


def test_export_to_an_unwritable_place_is_a_clear_error(store, tmp_path):
    with pytest.raises(BlocwatchError, match=r"cannot write .*It's often worth trying: -o PATH"):
        article_sql.export_table(store, "articles", "csv", tmp_path / "missing" / "dir" / "a.csv")


def test_candidates_by_key_and_by_passage_with_boilerplate_ignored(store):
    import pyarrow as pa

    _fill(store)
    with store.transaction():
        article_sql.insert_lsh_keys(store, [ORIGINAL.id, COPY.id], [7, 8])
    passage_hash = split_passages(ORIGINAL)[0].hash
    keys = pa.table({"article_id": ["new"], "key": pa.array([7], pa.int64())})
    hashes = pa.table({"article_id": ["new"], "hash": [passage_hash]})
    found = article_sql.candidate_pairs(store, keys, hashes, per_article=5)
    # the original shares a key and a passage, the copy only the passage
    assert found == [("new", ORIGINAL.id, 2), ("new", COPY.id, 1)]
    assert article_sql.candidate_pairs(store, keys, hashes, per_article=1) == [
        ("new", ORIGINAL.id, 2)]
    # the passage is in two stored articles: above a limit of one it is boilerplate
    assert article_sql.candidate_pairs(store, keys, hashes, per_article=5,
                                       common_passage=1) == [("new", ORIGINAL.id, 1)]
