"""The report reads the store in bulk: the number of queries a build makes
does not grow with the number of articles, and the bulk reads it uses give
what the per-article ones gave."""

from __future__ import annotations

import importlib.util
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from blocwatch.errors import BlocwatchError, StoreError
from blocwatch.models import Actor, Article, Mention, Passage
from blocwatch.report import build_report
from blocwatch.store import actors as actor_sql
from blocwatch.store import articles as article_sql
from blocwatch.store import bulk

ROOT = Path(__file__).resolve().parents[1]


def _world() -> Any:
    spec = importlib.util.spec_from_file_location(
        "report_world_reads", ROOT / "tests" / "fixtures" / "report" / "world.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


world = _world()


class CountingConnection:
    """Passes everything to the DuckDB connection, counting statements."""

    def __init__(self, con: Any) -> None:
        self.con = con
        self.statements = 0

    def execute(self, *args: Any, **kwargs: Any) -> Any:
        self.statements += 1
        return self.con.execute(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.con, name)


def _more_articles(store, count: int) -> None:
    """``count`` more articles, each with a passage and a mention."""
    articles, passages, mentions = [], [], []
    for i in range(count):
        article_id = f"extra{i:011d}"
        text = f"Canada and Mexico held trade talks in Ottawa, round {i}, in the spring of 2019."
        articles.append(Article(article_id, text, f"extra{i}.txt", f"extra{i}.txt",
                                title=f"Trade talks, round {i}", date=date(2019, 4, 1),
                                url=f"https://example.org/extra/{i}", words=len(text.split())))
        passages.append(Passage(article_id, 0, 0, len(text), text, f"h{i}", "own", None, None,
                                date(2019, 4, 1)))
        mentions.append(Mention(article_id, 0, 6, "Canada", Actor("state", "CAN", "CAN"), 0))
    with store.transaction():
        article_sql.insert_articles(store, articles)
        article_sql.insert_passages(store, passages)
    actor_sql.save_mentions(store, mentions)


def _statements(store, relations: dict[str, Any]) -> int:
    counting = CountingConnection(store.con)
    store.con = counting
    try:
        build_report(store, relations)
    finally:
        store.con = counting.con
    return counting.statements


def test_queries_do_not_grow_with_the_articles(store):
    ids = world.build_store(store)
    relations = world.relations(ids)
    few = _statements(store, relations)
    _more_articles(store, 40)
    many = _statements(store, relations)
    assert many == few
    report = build_report(store, relations)
    assert report["summary"]["articles"] == 43
    canada = next(a for a in report["actors"] if a["code"] == "CAN")
    assert canada["mentions"] == 40 and len(canada["articles"]) == 40


def test_the_listing_carries_urls_in_the_same_order(store):
    ids = world.build_store(store)
    plain = article_sql.list_articles(store)
    with_url = article_sql.list_articles(store, with_url=True)
    assert [r["id"] for r in with_url] == [r["id"] for r in plain]
    assert "url" not in plain[0]
    urls = {r["id"]: r["url"] for r in with_url}
    assert urls[ids["drills"]] == "https://example.org/drills"
    assert urls[ids["copy"]] is None
    for row in with_url:
        assert urls[row["id"]] == article_sql.get_article(store, row["id"])["url"]


def test_passage_kinds_match_the_stored_passages(store):
    ids = world.build_store(store)
    kinds = article_sql.passage_kinds(store)
    stored = article_sql.stored_passages(store, ids.values())
    assert kinds == {(p.article_id, p.index): p.kind
                     for passages in stored.values() for p in passages}
    assert kinds[(ids["copy"], 1)] == "copied"


def test_all_mentions_match_the_per_article_reads(store):
    ids = world.build_store(store)
    every = actor_sql.all_mentions(store)
    assert every == {i: actor_sql.mentions_of(store, i) for i in ids.values()
                     if actor_sql.mentions_of(store, i)}
    states = actor_sql.all_mentions(store, kinds=["state"])
    assert [m.text for ms in states.values() for m in ms] == ["Japan"]
    assert actor_sql.all_mentions(store, kinds=[]) == {}


def test_insert_rows_loads_many_rows_in_one_insert(store):
    columns = actor_sql._COLUMNS.split(",")
    rows = [["art", i * 10, i * 10 + 5, f"State {i}", 0, "state", "USA", "USA", None, None,
             None, None, None] for i in range(300)]
    counting = CountingConnection(store.con)
    store.con = counting
    try:
        assert bulk.insert_rows(store, "mentions", columns, rows) == 300
    finally:
        store.con = counting.con
    assert counting.statements == 2  # the table check and the insert, whatever the rows
    back = actor_sql.mentions_of(store, "art")
    assert len(back) == 300 and back[7].text == "State 7" and back[7].start == 70
    assert bulk.insert_rows(store, "mentions", columns, []) == 0


def test_insert_rows_names_what_is_wrong(store):
    with pytest.raises(BlocwatchError, match="no table 'nothing' in store"):
        bulk.insert_rows(store, "nothing", ["a"], [[1]])
    with pytest.raises(StoreError, match="rows for mentions do not fit one type per column"):
        bulk.insert_rows(store, "mentions", ["article_id", "start_char"],
                                [["a", 1], ["b", "not a number"]])
