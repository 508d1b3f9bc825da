"""Ingest: read → clean → passages → republications → store, in batches.

Each batch is written in one transaction, so a crash or Ctrl-C leaves every
finished batch stored and nothing of the unfinished one; running the same
command again skips what is stored (ids come from the text) and resumes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO

from blocwatch.ingest.passages import split_passages
from blocwatch.ingest.republication import (
    DedupDoc,
    Fingerprinter,
    ensure_lsh_keys,
    find_republications,
)
from blocwatch.models import Article, IngestProblem, Passage, RawArticle
from blocwatch.settings import Settings
from blocwatch.store import Store
from blocwatch.store import articles as article_sql

ProgressCallback = Callable[[int, str], None]
"""Called after each article is read, with the count so far and where it came from."""

BatchHook = Callable[[Store, Sequence[Article], Sequence[Passage]], None]
"""Called inside each batch's transaction with the articles and passages added."""


@dataclass
class IngestSummary:
    articles_read: int = 0  # cleaned articles, stored before or not
    added: int = 0
    already_stored: int = 0  # same text as a stored article (or as one earlier in the run)
    problems: list[IngestProblem] = field(default_factory=list)
    republications: int = 0
    relations: Counter[str] = field(default_factory=Counter)  # exact / near / contains -> count
    batches: int = 0

    @property
    def skipped(self) -> int:
        return sum(1 for p in self.problems if p.level == "skipped")

    def line(self) -> str:
        """One line for the end of a run."""
        relations = ", ".join(f"{n} {kind}" for kind, n in sorted(self.relations.items()))
        found = f" ({relations})" if relations else ""
        return (
            f"{self.articles_read} articles read: {self.added} added, "
            f"{self.already_stored} already stored; {self.republications} republications "
            f"found{found}; {self.skipped} inputs skipped"
        )


def ingest_paths(
    store: Store,
    paths: Sequence[str | Path],
    settings: Settings,
    *,
    manifest: str | Path | None = None,
    overrides: dict[str, str] | None = None,
    stdin: IO[str] | IO[bytes] | None = None,
    progress: ProgressCallback | None = None,
    on_batch: BatchHook | None = None,
    batch_size: int = 500,
) -> IngestSummary:
    """Read every input under ``paths`` into ``store``; see `ingest_items`."""
    # The readers pull in trafilatura and warcio; importing them here keeps
    # the store API and the listing commands quick to start.
    from blocwatch.ingest.sources import iter_raw

    items = iter_raw([str(p) for p in paths], settings,
                     manifest=str(manifest) if manifest is not None else None,
                     overrides=overrides, stdin=stdin)
    return ingest_items(store, items, settings, progress=progress, on_batch=on_batch,
                        batch_size=batch_size)


def ingest_items(
    store: Store,
    items: Iterable[RawArticle | Article | IngestProblem],
    settings: Settings,
    *,
    progress: ProgressCallback | None = None,
    on_batch: BatchHook | None = None,
    batch_size: int = 500,
) -> IngestSummary:
    """Clean raw articles (cleaned ``Article`` objects pass as they are), find
    republications against the batch and the store, and store them in batches
    of ``batch_size``, one transaction each.  Problems are collected, never raised."""
    fingerprinter = Fingerprinter(settings)
    with store.transaction():
        ensure_lsh_keys(store, fingerprinter)
    summary = IngestSummary()
    batch: list[Article] = []
    for item in items:
        if isinstance(item, IngestProblem):
            summary.problems.append(item)
            continue
        article = item if isinstance(item, Article) else _clean(item, settings)
        if isinstance(article, IngestProblem):
            summary.problems.append(article)
            continue
        summary.articles_read += 1
        if progress is not None:
            progress(summary.articles_read, article.origin)
        batch.append(article)
        if len(batch) >= batch_size:
            _store_batch(store, batch, fingerprinter, settings, summary, on_batch)
            batch = []
    if batch:
        _store_batch(store, batch, fingerprinter, settings, summary, on_batch)
    return summary


def _clean(raw: RawArticle, settings: Settings) -> Article | IngestProblem:
    from blocwatch.ingest.clean import clean_article

    try:
        return clean_article(raw, settings)
    except Exception as err:  # one odd document must not stop a run of millions
        return IngestProblem(
            where=raw.origin,
            reason=f"could not be cleaned ({type(err).__name__}: {err})",
            hint="please report this input as a bug",
        )


def _store_batch(
    store: Store,
    batch: list[Article],
    fingerprinter: Fingerprinter,
    settings: Settings,
    summary: IngestSummary,
    on_batch: BatchHook | None,
) -> None:
    unique: dict[str, Article] = {}
    for article in batch:
        unique.setdefault(article.id, article)
    with store.transaction():
        stored = article_sql.existing_ids(store, unique)
        fresh = [a for a in unique.values() if a.id not in stored]
        docs = []
        for order, article in enumerate(fresh):
            doc = DedupDoc.from_article(article, split_passages(article), order=order)
            doc.fingerprint(fingerprinter)
            docs.append(doc)
        result = find_republications(store, docs, fingerprinter, settings)
        articles = [
            replace(a, date=d.date, date_basis=d.date_basis, source=d.source)
            for a, d in zip(fresh, docs, strict=True)
        ]
        passages = [p for d in docs for p in d.passages]
        article_sql.insert_articles(store, articles)
        article_sql.insert_passages(store, passages)
        article_sql.insert_lsh_keys(
            store, [d.id for d in docs for _ in d.keys], [k for d in docs for k in d.keys]
        )
        article_sql.insert_republications(store, result.republications)
        article_sql.update_article_dates(store, [
            (d.id, d.date, d.date_basis, d.source) for d in result.changed_stored if d.date_changed
        ])
        article_sql.update_passages(store, [
            d.passages[i] for d in result.changed_stored for i in sorted(d.passages_changed)
        ])
        if on_batch is not None:
            on_batch(store, articles, passages)
    summary.batches += 1
    summary.added += len(fresh)
    summary.already_stored += len(batch) - len(fresh)
    summary.republications += len(result.republications)
    summary.relations.update(r.relation for r in result.republications)
