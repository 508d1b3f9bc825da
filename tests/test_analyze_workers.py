"""`analyze` codes articles in `settings.workers` processes: each worker
builds its coder once, results are stored in the same order as with one
process, and an article that fails in a worker is reported while the others
are stored.  A stand-in coder keeps spaCy out of the worker processes."""

from __future__ import annotations

import multiprocessing
import os
from datetime import date
from typing import Any

import pytest

from blocwatch.analyze import StageProgress, code_new_articles
from blocwatch.errors import BlocwatchError
from blocwatch.ingest.pipeline import ingest_paths
from blocwatch.models import ActorRef, Event, Evidence
from blocwatch.settings import load_settings
from blocwatch.store import events as event_sql
from blocwatch.store import open_store

# Written for these tests, about real public events.
TEXTS = {
    "a.txt": ("Finland joined NATO in April 2023, ending decades of military non-alignment "
              "after Russia invaded Ukraine the year before, and Sweden followed in 2024."),
    "b.txt": ("India and Australia held their first annual summit in March 2022, when their "
              "prime ministers met online and agreed to deepen trade and defence ties."),
    "c.txt": ("Saudi Arabia and Iran agreed in March 2023, in talks hosted by China in Beijing, "
              "to restore diplomatic relations and to reopen their embassies within two months."),
    "d.txt": ("Brazil, Russia, India, China and South Africa invited six more states to join "
              "their group at a summit in Johannesburg in August 2023. BROKEN on purpose."),
}


class PidCoder:
    """Codes one CONSULT event per passage and signs it with its process id;
    fails on a text holding the word BROKEN."""

    version = "pid-coder-1"

    def __init__(self) -> None:
        self.pid = os.getpid()

    def code_article(self, article_id: str, text: str, passages: Any, article_date: date | None
                     ) -> tuple[list[Event], list[Any], list[Any]]:
        if "BROKEN" in text:
            raise ValueError("a text this coder cannot read")
        state = ActorRef(text="a state", code="USA", country="USA")
        events = [Event(event="CONSULT", quad=1, cameo="04", source=state, target=None,
                        modality="asserted", confidence=1.0, date=article_date,
                        evidence=Evidence(article_id, p.index, p.start, p.end, p.text),
                        trigger=f"pid{self.pid}")
                  for p in passages]
        return events, [], []


def _store_with_articles(tmp_path, name: str):
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    for file, text in TEXTS.items():
        (folder / file).write_text(text, encoding="utf-8")
    store = open_store(tmp_path / f"{name}.duckdb")
    ingest_paths(store, [folder], load_settings())
    return store


def _stored(store) -> list[tuple[Any, ...]]:
    rows = store.con.execute(
        "SELECT id, article_id, passage_idx, trigger FROM events ORDER BY id").fetchall()
    return rows


def test_workers_code_in_other_processes_in_the_same_order(tmp_path):
    one = _store_with_articles(tmp_path, "one")
    many = _store_with_articles(tmp_path, "many")
    try:
        single = code_new_articles(one, load_settings().with_values(workers=1),
                                   progress=StageProgress(), coder=PidCoder())
        pooled = code_new_articles(many, load_settings().with_values(workers=2),
                                   progress=StageProgress(), coder=PidCoder(),
                                   coder_factory=PidCoder)
        assert (pooled.articles, pooled.events) == (single.articles, single.events) == (3, 3)
        in_one, in_many = _stored(one), _stored(many)
        # the same rows under the same numbers; only who coded them differs
        assert [r[:3] for r in in_many] == [r[:3] for r in in_one]
        assert {r[3] for r in in_one} == {f"pid{os.getpid()}"}
        assert f"pid{os.getpid()}" not in {r[3] for r in in_many}
        # the article the coder cannot read is reported, in both runs alike
        assert len(pooled.failed) == len(single.failed) == 1
        assert pooled.failed[0].endswith(": ValueError: a text this coder cannot read")
        assert pooled.failed == single.failed
        # it is left uncoded, to be tried again; the others are done
        assert [a["text"] for a in event_sql.uncoded_articles(many, PidCoder.version)] == [
            TEXTS["d.txt"]]
    finally:
        one.close()
        many.close()


def test_one_worker_or_no_factory_codes_here(tmp_path):
    store = _store_with_articles(tmp_path, "here")
    try:
        # an injected coder without a factory cannot be sent to workers
        summary = code_new_articles(store, load_settings().with_values(workers=4),
                                    progress=StageProgress(), coder=PidCoder())
        assert summary.articles == 3
        assert {r[3] for r in _stored(store)} == {f"pid{os.getpid()}"}
    finally:
        store.close()


class UnloadableCoder:
    """A coder whose model cannot load in a worker process."""

    version = "unloadable-1"

    def __init__(self) -> None:
        if multiprocessing.parent_process() is not None:  # in a worker
            raise OSError("model files missing")

    def code_article(self, *args: Any) -> Any:
        raise AssertionError("only workers code here")


def test_a_worker_that_cannot_start_stops_with_one_clear_line(tmp_path):
    store = _store_with_articles(tmp_path, "broken")
    try:
        with pytest.raises(BlocwatchError, match="an event-coding worker process stopped while "
                                                 "coding article") as caught:
            code_new_articles(store, load_settings().with_values(workers=2),
                              progress=StageProgress(), coder=UnloadableCoder(),
                              coder_factory=UnloadableCoder)
        assert "--workers 1" in str(caught.value.hint)
        assert event_sql.uncoded_articles(store, UnloadableCoder.version)  # nothing lost
    finally:
        store.close()
