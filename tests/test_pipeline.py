"""The ingest pipeline: batches, one transaction each, resuming, problems,
and the seed articles end to end."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from blocwatch.ingest.clean import article_id
from blocwatch.ingest.pipeline import ingest_items, ingest_paths
from blocwatch.models import Article, IngestProblem, RawArticle
from blocwatch.settings import Settings
from blocwatch.store import articles as article_sql

SETTINGS = Settings()

# Written for these tests: short reports on distinct real events.
STORIES = [
    "The foreign ministers of the G7 met in Japan in April 2016 and issued a statement on "
    "maritime security in the East and South China Seas.\n\nChina's foreign ministry said the "
    "statement interfered in matters that the countries of the region should settle themselves.",
    "The leaders of Russia and Turkey met in Saint Petersburg in August 2016, their first meeting "
    "since a Russian bomber was shot down near the Syrian border the previous November.\n\nBoth "
    "sides said they would restore trade and work towards the gas pipeline under the Black Sea.",
    "India and the United States signed a logistics agreement in August 2016 that lets each "
    "military use the other's bases for repair and resupply.\n\nOfficials in New Delhi stressed "
    "that the accord did not allow the stationing of American troops on Indian soil.",
    "The heads of state of the Shanghai Cooperation Organisation met in Tashkent in June 2016 and "
    "began the procedure to admit India and Pakistan as full members.\n\nThe two countries "
    "joined the organisation formally at the summit in Astana a year later.",
    "Japan and Russia held talks in December 2016 on joint economic activity in the disputed "
    "Kuril Islands, during a visit by the Russian president to Japan.\n\nNo agreement on the "
    "sovereignty of the islands was reached, and a peace treaty remained out of reach.",
]


def _article(text: str, origin: str, **fields) -> Article:
    return Article(id=article_id(text), text=text, origin=origin, words=len(text.split()),
                   **fields)


def _articles() -> list[Article]:
    return [_article(text, f"story{i}.txt") for i, text in enumerate(STORIES)]


def _count(store, table: str) -> int:
    return store.con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]


def test_batches_store_everything_once_and_report_counts(store):
    calls = []

    def hook(s, articles, passages):
        # inside the transaction the batch is already visible
        calls.append((len(articles), len(passages), _count(s, "articles")))

    seen = []
    summary = ingest_items(store, _articles(), SETTINGS, batch_size=2, on_batch=hook,
                           progress=lambda n, where: seen.append((n, where)))
    assert (summary.articles_read, summary.added, summary.already_stored) == (5, 5, 0)
    assert summary.batches == 3
    assert calls == [(2, 4, 2), (2, 4, 4), (1, 2, 5)]
    assert seen == [(i + 1, f"story{i}.txt") for i in range(5)]
    assert _count(store, "passages") == 10
    assert "5 articles read: 5 added, 0 already stored; 0 republications found" in summary.line()


def test_ingesting_again_adds_nothing(store):
    ingest_items(store, _articles(), SETTINGS)
    again = ingest_items(store, [*_articles(), _articles()[0]], SETTINGS)
    assert (again.added, again.already_stored, again.articles_read) == (0, 6, 6)
    assert _count(store, "articles") == 5 and _count(store, "passages") == 10


def test_same_text_twice_in_one_batch_is_stored_once(store):
    first = _articles()[0]
    twin = _article(first.text, "elsewhere.txt", source="Another site")
    summary = ingest_items(store, [first, twin], SETTINGS)
    assert (summary.added, summary.already_stored) == (1, 1)


@pytest.mark.parametrize("error", [RuntimeError, KeyboardInterrupt])
def test_interruption_mid_batch_leaves_no_half_written_rows(store, error):
    batches = []

    def fail_on_second(s, articles, passages):
        batches.append(len(articles))
        if len(batches) == 2:
            raise error("stop")

    with pytest.raises(error):
        ingest_items(store, _articles(), SETTINGS, batch_size=2, on_batch=fail_on_second)
    assert _count(store, "articles") == 2
    assert _count(store, "passages") == 4
    stored = {r[0] for r in store.con.execute("SELECT DISTINCT article_id FROM lsh_keys").fetchall()}
    assert stored == {a.id for a in _articles()[:2]}
    resumed = ingest_items(store, _articles(), SETTINGS, batch_size=2)
    assert (resumed.added, resumed.already_stored) == (3, 2)
    assert _count(store, "articles") == 5 and _count(store, "passages") == 10


def test_problems_are_collected_and_a_failing_cleaner_does_not_stop_the_run(store, monkeypatch):
    import blocwatch.ingest.clean as clean

    real = clean.clean_article

    def flaky(raw, settings):
        if raw.origin == "bad.txt":
            raise ValueError("unexpected markup")
        return real(raw, settings)

    monkeypatch.setattr(clean, "clean_article", flaky)
    items = [
        IngestProblem(where="empty.txt", reason="empty file"),
        RawArticle(origin="bad.txt", text=STORIES[0], format="text"),
        RawArticle(origin="good.txt", text=STORIES[1], format="text"),
    ]
    summary = ingest_items(store, items, SETTINGS)
    assert summary.added == 1
    assert [p.where for p in summary.problems] == ["empty.txt", "bad.txt"]
    assert summary.problems[1].reason == "could not be cleaned (ValueError: unexpected markup)"
    assert summary.skipped == 2


def test_ingest_paths_reads_files_and_folders(store, tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    for i, text in enumerate(STORIES[:3]):
        (folder / f"{i}.txt").write_text(text, encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    summary = ingest_paths(store, [str(folder)], SETTINGS, overrides={"source": "Wire"})
    assert summary.added == 3
    assert [p.where for p in summary.problems] == [str(folder / "empty.txt")]
    sources = {r["source"] for r in article_sql.list_articles(store)}
    assert sources == {"Wire"}


# ---------------------------------------------------------------- seed articles


def _seed_ids(store, seeds_dir: Path) -> tuple[dict, dict]:
    rows = {Path(r["origin"]).name[:3]: r for r in article_sql.list_articles(store)}
    return article_sql.get_article(store, rows["000"]["id"]), article_sql.get_article(
        store, rows["001"]["id"])


@pytest.mark.seeds
def test_seed_republication_end_to_end(store, seeds_dir):
    summary = ingest_paths(store, [str(seeds_dir)], SETTINGS)
    assert summary.added == 2
    original, copy = _seed_ids(store, seeds_dir)

    (rep,) = article_sql.republications_of(store, copy["id"])
    assert (rep.original_id, rep.copy_id, rep.relation) == (original["id"], copy["id"], "contains")
    assert rep.coverage >= 0.90

    assert (original["date"], original["date_basis"]) == (date(2016, 7, 5), "republication")
    assert copy["date"] == date(2017, 7, 4)

    copy_passages = article_sql.article_passages(store, copy["id"])
    new = set(rep.new_passages)
    at = copy["first_published_at"]
    assert at is not None
    introduction = {p.index for p in copy_passages if p.start <= at}
    annotations = {p.index for p in copy_passages if p.text.startswith("(")}
    assert introduction and annotations
    assert introduction | annotations <= new
    for p in copy_passages:
        if p.index in new:
            assert (p.kind, p.date) == ("new", date(2017, 7, 4))
        else:
            assert (p.kind, p.original_id, p.date) == ("copied", original["id"], date(2016, 7, 5))
    # almost all of the original's passages recur as copied passages of 001
    original_passages = article_sql.article_passages(store, original["id"])
    copied_from = {p.original_index for p in copy_passages if p.kind == "copied"}
    assert len(copied_from) >= 0.9 * len(original_passages)
    assert {p.date for p in original_passages} == {date(2016, 7, 5)}

    again = ingest_paths(store, [str(seeds_dir)], SETTINGS)
    assert (again.added, again.already_stored, again.republications) == (0, 2, 0)


@pytest.mark.seeds
def test_seed_ingest_interrupted_then_resumed(store, seeds_dir):
    def fail_on_second(s, articles, passages):
        if _count(s, "articles") == 2:
            raise RuntimeError("power cut")

    with pytest.raises(RuntimeError, match="power cut"):
        ingest_paths(store, [str(seeds_dir)], SETTINGS, batch_size=1, on_batch=fail_on_second)
    assert _count(store, "articles") == 1
    assert _count(store, "republications") == 0
    (stored_id,) = [r[0] for r in store.con.execute("SELECT id FROM articles").fetchall()]
    passage_owners = store.con.execute("SELECT DISTINCT article_id FROM passages").fetchall()
    assert passage_owners == [(stored_id,)]

    resumed = ingest_paths(store, [str(seeds_dir)], SETTINGS, batch_size=1)
    assert (resumed.added, resumed.already_stored, resumed.republications) == (1, 1, 1)
    original, _ = _seed_ids(store, seeds_dir)
    assert original["date"] == date(2016, 7, 5)
