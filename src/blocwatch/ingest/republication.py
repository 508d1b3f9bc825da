"""Exact duplicates, near duplicates and republications with additions.

Candidates come from MinHash LSH (word shingles; permutations and band
layout from ``datasketch``) and from whole passages shared verbatim, which
finds a short original inside a much longer copy whose overall Jaccard
similarity is too low for LSH.  Each candidate pair is then checked passage
by passage: equal hashes first, then near-equal passages by shingle overlap,
so a copy with small edits still counts.

Detection is incremental: the band keys of stored articles live in the store
(``lsh_keys``) and candidates are found by a join there, so a new batch is
compared with everything stored while memory stays flat in the store's size.
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

import numpy as np
import pyarrow as pa

from blocwatch.ingest.passages import words_of
from blocwatch.models import Article, Passage, Republication
from blocwatch.settings import Settings
from blocwatch.store import Store
from blocwatch.store import articles as article_sql

# A passage whose shingles are at least this similar to one of the copy is
# the same paragraph with small edits (a changed word, a fixed typo).
NEAR_PASSAGE_JACCARD = 0.5
# An original paragraph is kept inside a longer one of the copy (a remark
# inserted into it) when this share of its shingles recurs there.
INSIDE_PASSAGE_SHARE = 0.8
# Paragraphs are compared on word trigrams, finer than the article-level
# shingles: two changed words in a short paragraph must not hide the copy.
PASSAGE_SHINGLE_WORDS = 3
# Passages with fewer shingles are matched only when equal: a few words in
# common say nothing about copying.
MIN_NEAR_SHINGLES = 3
# A copy made of the original for at least this share of its own text, with
# no introduction of its own, is a near duplicate; otherwise it contains the
# original plus its additions.
NEAR_COPY_SHARE = 0.9
# Shared whole passages propose a candidate only when they are this long:
# short lines ("Read more", a dateline) recur everywhere.
MIN_CANDIDATE_PASSAGE_WORDS = 12
# Stored candidates checked per new article, most shared keys first, so one
# boilerplate-heavy site cannot make a batch quadratic.
MAX_CANDIDATES = 20
# Which dating is trusted over which: a "first published ... on D" statement
# in a republication beats dates scraped from page metadata or guessed from
# the text, but not a date the user gave.
DATE_BASIS_STRENGTH = {"override": 6, "manifest": 5, "republication": 4, "json": 3, "csv": 3,
                       "meta": 2, "text": 1}

_MERSENNE = np.uint64((1 << 61) - 1)
_MAX_HASH = np.uint64((1 << 32) - 1)


class Fingerprinter:
    """Word shingles, MinHash signatures and LSH band keys for one set of settings."""

    def __init__(self, settings: Settings) -> None:
        # datasketch.lsh imports scipy (about a second): only ingest pays for it.
        from datasketch import MinHash, MinHashLSH

        self.shingle_words = max(1, int(settings.shingle_words))
        self.num_perm = int(settings.minhash_perm)
        self.seed = int(settings.seed)
        layout = MinHashLSH(threshold=float(settings.lsh_threshold), num_perm=self.num_perm)
        self.bands, self.rows = int(layout.b), int(layout.r)
        a, b = MinHash(num_perm=self.num_perm, seed=self.seed).permutations
        self._a = a.astype(np.uint64).reshape(-1, 1)
        self._b = b.astype(np.uint64).reshape(-1, 1)
        rng = np.random.default_rng(self.seed)
        self._word_mult = rng.integers(
            1, 1 << 63, size=max(self.shingle_words, PASSAGE_SHINGLE_WORDS), dtype=np.uint64) | 1
        self._band_mult = rng.integers(1, 1 << 63, size=self.rows, dtype=np.uint64) | 1
        self._band_salt = rng.integers(0, 1 << 63, size=self.bands, dtype=np.uint64)

    def params(self) -> dict[str, int]:
        return {"shingle_words": self.shingle_words, "minhash_perm": self.num_perm,
                "bands": self.bands, "rows_per_band": self.rows, "seed": self.seed}

    def shingles(self, text: str, size: int | None = None) -> np.ndarray:
        """32-bit hashes of the overlapping ``size``-word n-grams of ``text``
        (default: the shingle_words setting; a shorter text is one shingle)."""
        words = words_of(text)
        if not words:
            return np.empty(0, dtype=np.uint64)
        hashes = np.fromiter((zlib.crc32(w.encode("utf-8")) for w in words), np.uint64, len(words))
        k = min(size or self.shingle_words, len(words), len(self._word_mult))
        count = len(words) - k + 1
        combined = np.zeros(count, dtype=np.uint64)
        for j in range(k):
            combined += hashes[j:j + count] * self._word_mult[j]
        return combined >> np.uint64(32)

    def signature(self, shingles: np.ndarray) -> np.ndarray | None:
        """MinHash signature (datasketch's permutations, vectorised over shingles)."""
        if shingles.size == 0:
            return None
        permuted = np.bitwise_and((self._a * shingles + self._b) % _MERSENNE, _MAX_HASH)
        return permuted.min(axis=1)

    def band_keys(self, signature: np.ndarray) -> list[int]:
        bands = signature[: self.bands * self.rows].reshape(self.bands, self.rows)
        keys = (bands * self._band_mult).sum(axis=1) ^ self._band_salt
        return keys.view(np.int64).tolist()


@dataclass(eq=False)
class DedupDoc:
    """An article as republication detection sees it, new or stored.  Mutable:
    detection updates its date and the kinds of its passages."""

    id: str
    passages: list[Passage]
    date: date | None = None
    date_basis: str | None = None
    source: str | None = None
    first_published: tuple[str | None, date] | None = None
    first_published_at: int | None = None
    order: int = 0  # stored articles -1, then the batch in reading order
    date_changed: bool = False
    passages_changed: set[int] = field(default_factory=set)
    keys: list[int] = field(default_factory=list)
    _sets: list[frozenset[int]] | None = None
    _index: dict[int, list[int]] | None = None

    @classmethod
    def from_article(cls, article: Article, passages: list[Passage], order: int = 0) -> DedupDoc:
        return cls(id=article.id, passages=list(passages), date=article.date,
                   date_basis=article.date_basis, source=article.source,
                   first_published=article.first_published,
                   first_published_at=article.first_published_at, order=order)

    @classmethod
    def from_stored(cls, meta: dict[str, Any], passages: list[Passage]) -> DedupDoc:
        published = None
        if meta.get("first_published_date") is not None:
            published = (meta.get("first_published_by"), meta["first_published_date"])
        return cls(id=meta["id"], passages=list(passages), date=meta.get("date"),
                   date_basis=meta.get("date_basis"), source=meta.get("source"),
                   first_published=published, first_published_at=meta.get("first_published_at"),
                   order=-1)

    def fingerprint(self, fingerprinter: Fingerprinter) -> None:
        """Compute the LSH band keys of the whole text (shingles may span two
        passages: the signature is of the article, not of its paragraphs)."""
        whole = fingerprinter.shingles("\n".join(p.text for p in self.passages))
        signature = fingerprinter.signature(whole)
        self.keys = fingerprinter.band_keys(signature) if signature is not None else []

    def shingle_sets(self, fingerprinter: Fingerprinter) -> list[frozenset[int]]:
        """Word-trigram sets of the passages, for matching them (made on first use:
        only articles in a candidate pair need them)."""
        if self._sets is None:
            self._sets = [frozenset(fingerprinter.shingles(p.text, PASSAGE_SHINGLE_WORDS).tolist())
                          for p in self.passages]
        return self._sets

    def shingle_index(self, fingerprinter: Fingerprinter) -> dict[int, list[int]]:
        if self._index is None:
            index: dict[int, list[int]] = {}
            for i, shingles in enumerate(self.shingle_sets(fingerprinter)):
                for s in shingles:
                    index.setdefault(s, []).append(i)
            self._index = index
        return self._index

    def chars(self) -> int:
        return sum(len(p.text) for p in self.passages)

    def set_passage(self, index: int, **changes: Any) -> None:
        current = self.passages[index]
        updated = replace(current, **changes)
        if updated != current:
            self.passages[index] = updated
            self.passages_changed.add(index)


@dataclass(frozen=True)
class PairMatch:
    """How much of ``orig`` recurs in ``copy``: copy passage -> original passage."""

    mapping: dict[int, int]
    orig_matched: frozenset[int]
    exact: bool


def match_passages(orig: DedupDoc, copy: DedupDoc, fingerprinter: Fingerprinter) -> PairMatch:
    """Match each passage of ``orig`` to the passage of ``copy`` holding it."""
    copy_by_hash: dict[str, int] = {}
    for p in copy.passages:
        copy_by_hash.setdefault(p.hash, p.index)
    mapping: dict[int, int] = {}
    matched: set[int] = set()
    for p in orig.passages:
        found = copy_by_hash.get(p.hash)
        if found is not None:
            matched.add(p.index)
            mapping.setdefault(found, p.index)
    exact = len(matched) == len(orig.passages) and len(mapping) == len(copy.passages)
    orig_sets = orig.shingle_sets(fingerprinter)
    remaining = [p.index for p in orig.passages
                 if p.index not in matched and len(orig_sets[p.index]) >= MIN_NEAR_SHINGLES]
    if remaining:
        index = copy.shingle_index(fingerprinter)
        copy_sets = copy.shingle_sets(fingerprinter)
        for i in remaining:
            own = orig_sets[i]
            shared: Counter[int] = Counter()
            for s in own:
                shared.update(index.get(s, ()))
            best, best_score = None, 0.0
            for j, common in shared.items():
                jaccard = common / (len(own) + len(copy_sets[j]) - common)
                inside = common / len(own)
                if jaccard >= NEAR_PASSAGE_JACCARD or inside >= INSIDE_PASSAGE_SHARE:
                    score = max(jaccard, inside)
                    if score > best_score:
                        best, best_score = j, score
            if best is not None:
                matched.add(i)
                mapping.setdefault(best, i)
    return PairMatch(mapping=mapping, orig_matched=frozenset(matched), exact=exact)


def coverage(orig: DedupDoc, match: PairMatch) -> float:
    """Share of the original's passage text (characters) found in the copy."""
    total = orig.chars()
    if total == 0:
        return 0.0
    return sum(len(orig.passages[i].text) for i in match.orig_matched) / total


def similarity(a: DedupDoc, b: DedupDoc, fingerprinter: Fingerprinter) -> float:
    """Jaccard similarity of the two articles' shingle sets."""
    first = frozenset().union(*a.shingle_sets(fingerprinter))
    second = frozenset().union(*b.shingle_sets(fingerprinter))
    union = len(first | second)
    return len(first & second) / union if union else 0.0


def _strength(basis: str | None, when: date | None) -> int:
    if when is None:
        return -1
    return DATE_BASIS_STRENGTH.get(basis or "", 0)


def _same_name(a: str | None, b: str | None) -> bool:
    return bool(a and b) and " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def _fits_statement(doc: DedupDoc, other: DedupDoc) -> bool:
    """Whether ``other``'s "first published by P on D" can be about ``doc``:
    ``doc`` is dated D or published by P, or is undated and copies nothing.
    A later copy of the same original (dated after D, another publisher)
    must not take the original's place."""
    if other.first_published is None:
        return False
    publisher, when = other.first_published
    if doc.date == when or _same_name(doc.source, publisher):
        return True
    return doc.date is None and not any(p.kind == "copied" for p in doc.passages)


def _intro_passages(copy: DedupDoc, match: PairMatch) -> set[int]:
    """Passages of ``copy`` up to its "first published" sentence, that sentence
    included, when the copied text follows it (a header, not a footer)."""
    at = copy.first_published_at
    if at is None or copy.first_published is None:
        return set()
    after = sum(len(copy.passages[i].text) for i in match.mapping if copy.passages[i].start >= at)
    before = sum(len(copy.passages[i].text) for i in match.mapping if copy.passages[i].start < at)
    if after <= before:
        return set()
    return {p.index for p in copy.passages if p.start <= at}


@dataclass(frozen=True)
class Relation:
    original: DedupDoc
    copy: DedupDoc
    match: PairMatch
    republication: Republication


@dataclass(frozen=True)
class PairMeasure:
    """Both directions of a candidate pair, measured before deciding anything."""

    a: DedupDoc
    b: DedupDoc
    a_in_b: PairMatch
    b_in_a: PairMatch
    cov_ab: float  # share of a found in b
    cov_ba: float


def measure(a: DedupDoc, b: DedupDoc, fingerprinter: Fingerprinter) -> PairMeasure:
    a_in_b = match_passages(a, b, fingerprinter)
    b_in_a = match_passages(b, a, fingerprinter)
    return PairMeasure(a, b, a_in_b, b_in_a, coverage(a, a_in_b), coverage(b, b_in_a))


def date_from_statements(measures: Iterable[PairMeasure], minimum: float) -> None:
    """Date each article that a "first published by P on D" statement of a
    candidate partner is about (and which that partner contains), before any
    direction is decided: the statement is the best evidence of which of
    several copies came first."""
    for m in measures:
        for doc, other, share in ((m.a, m.b, m.cov_ab), (m.b, m.a, m.cov_ba)):
            if share >= minimum and not doc.first_published and _fits_statement(doc, other):
                _date_from_statement(doc, other)


def _date_from_statement(doc: DedupDoc, copy: DedupDoc) -> None:
    publisher, when = copy.first_published  # type: ignore[misc]
    if doc.date_basis == "republication" and doc.date is not None:
        if doc.date <= when:
            return  # an earlier first-publication statement already dated it
    elif _strength(doc.date_basis, doc.date) >= DATE_BASIS_STRENGTH["republication"]:
        return
    doc.date, doc.date_basis = when, "republication"
    if doc.source is None and publisher:
        doc.source = publisher
    doc.date_changed = True
    for p in doc.passages:
        if p.kind != "copied":
            doc.set_passage(p.index, date=when)


def decide(m: PairMeasure, fingerprinter: Fingerprinter, settings: Settings) -> Relation | None:
    """Which of the pair is the original, the relation, coverage and new passages;
    None when the copy holds less of the original than ``containment_min``."""
    minimum = float(settings.containment_min)
    orig, copy = _direction(m, minimum)
    match, cov = (m.a_in_b, m.cov_ab) if orig is m.a else (m.b_in_a, m.cov_ba)
    if cov < minimum:
        return None
    intro = _intro_passages(copy, match)
    mapping = {c: o for c, o in match.mapping.items() if c not in intro}
    match = replace(match, mapping=mapping)
    copy_chars = copy.chars()
    copied_share = (sum(len(copy.passages[i].text) for i in mapping) / copy_chars
                    if copy_chars else 0.0)
    if match.exact and not intro:
        relation = "exact"
    elif copied_share >= NEAR_COPY_SHARE and not intro:
        relation = "near"
    else:
        relation = "contains"
    new = tuple(p.index for p in copy.passages if p.index not in mapping)
    return Relation(orig, copy, match, Republication(
        original_id=orig.id, copy_id=copy.id, relation=relation, coverage=round(cov, 4),
        similarity=round(similarity(orig, copy, fingerprinter), 4), new_passages=new,
    ))


def compare(
    a: DedupDoc, b: DedupDoc, fingerprinter: Fingerprinter, settings: Settings
) -> Relation | None:
    """Whether one of ``a``/``b`` republishes the other, and how (one pair alone)."""
    m = measure(a, b, fingerprinter)
    date_from_statements([m], float(settings.containment_min))
    return decide(m, fingerprinter, settings)


def _direction(m: PairMeasure, minimum: float) -> tuple[DedupDoc, DedupDoc]:
    """(original, copy): the one a "first published" statement points to,
    else the earlier, else the one contained in the other, else the first seen."""
    a, b = m.a, m.b
    if not a.first_published and _fits_statement(a, b) and m.cov_ab >= minimum:
        return a, b
    if not b.first_published and _fits_statement(b, a) and m.cov_ba >= minimum:
        return b, a
    if a.date is not None and b.date is not None and a.date != b.date:
        return (a, b) if a.date < b.date else (b, a)
    if abs(m.cov_ab - m.cov_ba) > 0.05:
        return (a, b) if m.cov_ab > m.cov_ba else (b, a)
    return (a, b) if (a.order, a.id) <= (b.order, b.id) else (b, a)


def _earlier(first: date | None, second: date | None) -> bool:
    return first is not None and (second is None or first < second)


def _repeats_an_original(relation: Relation, roots: set[str], minimum: float) -> bool:
    """Whether the relation links two copies of an original the copy is already
    linked to, without the copy taking enough of the other's own additions."""
    orig, match = relation.original, relation.match
    orig_roots = {p.original_id for p in orig.passages if p.kind == "copied"}
    if not orig_roots & roots:
        return False
    own = sum(len(p.text) for p in orig.passages if p.kind != "copied")
    shared = sum(len(orig.passages[o].text) for o in set(match.mapping.values())
                 if orig.passages[o].kind != "copied")
    return own == 0 or shared / own < minimum


def _mark_copy(relation: Relation, originals_of: dict[str, set[str]], minimum: float) -> bool:
    """Set the copy's passages copied/new; False if the relation only repeats
    what an earlier original of the same copy already explains."""
    orig, copy, match = relation.original, relation.copy, relation.match
    roots = originals_of.setdefault(
        copy.id, {p.original_id for p in copy.passages if p.kind == "copied" and p.original_id})
    if _repeats_an_original(relation, roots, minimum):
        return False
    roots.add(orig.id)
    for c, o in match.mapping.items():
        source = orig.passages[o]
        if source.kind == "copied":
            target = (source.original_id, source.original_index, source.date)
        else:
            target = (orig.id, o, orig.date)
        current = copy.passages[c]
        # Already traced to an original: keep it, unless this one is earlier
        # (the first original arrived after a later copy of it).
        if current.kind == "copied" and not _earlier(target[2], current.date):
            continue
        copy.set_passage(c, kind="copied", original_id=target[0], original_index=target[1],
                         date=target[2])
    for index in relation.republication.new_passages:
        if copy.passages[index].kind == "own":
            copy.set_passage(index, kind="new", original_id=None, original_index=None,
                             date=copy.date)
    return True


def apply_relations(relations: Sequence[Relation], settings: Settings) -> list[Republication]:
    """Mark the copies' passages copied or new; returns the relations kept,
    first originals first."""
    copies = {r.copy.id for r in relations}

    def first_originals_first(r: Relation) -> tuple[Any, ...]:
        # An original that is itself a copy comes after the article it copies,
        # so its copied passages can be traced back to the first original.
        orig = r.original
        is_copy = orig.id in copies or any(p.kind == "copied" for p in orig.passages)
        return (is_copy, orig.date is None, orig.date or date.min, orig.order, orig.id)

    ordered = sorted(relations, key=first_originals_first)
    originals_of: dict[str, set[str]] = {}
    kept = []
    for relation in ordered:
        if _mark_copy(relation, originals_of, float(settings.containment_min)):
            kept.append(relation.republication)
    return kept


@dataclass
class DedupResult:
    republications: list[Republication]
    changed_stored: list[DedupDoc]


def _batch_pairs(docs: Sequence[DedupDoc]) -> set[tuple[int, int]]:
    """Candidate pairs inside the batch (a per-batch in-memory index)."""
    by_key: dict[tuple[str, Any], list[int]] = {}
    for i, doc in enumerate(docs):
        for key in doc.keys:
            by_key.setdefault(("k", key), []).append(i)
        for p in doc.passages:
            if len(p.text.split()) >= MIN_CANDIDATE_PASSAGE_WORDS:
                by_key.setdefault(("p", p.hash), []).append(i)
    shared: Counter[tuple[int, int]] = Counter()
    for members in by_key.values():
        unique = sorted(set(members))
        # Each member is paired with the first few that share the key, not
        # with all of them: a key shared by hundreds (boilerplate) stays linear.
        for y in range(1, len(unique)):
            for x in range(min(y, MAX_CANDIDATES)):
                shared[(unique[x], unique[y])] += 1
    per_doc: dict[int, list[tuple[int, tuple[int, int]]]] = {}
    for pair, count in shared.items():
        per_doc.setdefault(pair[1], []).append((count, pair))
    pairs = set()
    for candidates in per_doc.values():
        candidates.sort(key=lambda item: (-item[0], item[1]))
        pairs.update(pair for _, pair in candidates[:MAX_CANDIDATES])
    return pairs


def find_republications(
    store: Store, docs: Sequence[DedupDoc], fingerprinter: Fingerprinter, settings: Settings
) -> DedupResult:
    """Compare new ``docs`` (fingerprinted) with each other and with everything
    stored; updates the docs in place and returns the relations found and the
    stored articles whose date or passages changed (the caller writes both)."""
    if not docs:
        return DedupResult([], [])
    keys_table = pa.table({
        "article_id": pa.array([d.id for d in docs for _ in d.keys], pa.string()),
        "key": pa.array([k for d in docs for k in d.keys], pa.int64()),
    })
    long_passages = [(d.id, p.hash) for d in docs for p in d.passages
                     if len(p.text.split()) >= MIN_CANDIDATE_PASSAGE_WORDS]
    hashes_table = pa.table({
        "article_id": pa.array([x[0] for x in long_passages], pa.string()),
        "hash": pa.array([x[1] for x in long_passages], pa.string()),
    })
    stored_pairs = article_sql.candidate_pairs(store, keys_table, hashes_table,
                                               per_article=MAX_CANDIDATES)
    stored = _load_stored(store, {stored_id for _, stored_id, _ in stored_pairs})
    by_id = {d.id: d for d in docs}
    pairs: list[tuple[DedupDoc, DedupDoc]] = [
        (stored[s], by_id[n]) for n, s, _ in stored_pairs if s in stored and n in by_id
    ]
    pairs += [(docs[x], docs[y]) for x, y in sorted(_batch_pairs(docs))]
    measures = [measure(a, b, fingerprinter) for a, b in pairs]
    date_from_statements(measures, float(settings.containment_min))
    relations = [r for m in measures if (r := decide(m, fingerprinter, settings))]
    kept = apply_relations(relations, settings)
    changed = [d for d in stored.values() if d.date_changed or d.passages_changed]
    return DedupResult(kept, changed)


def _load_stored(store: Store, ids: Iterable[str]) -> dict[str, DedupDoc]:
    ids = set(ids)
    if not ids:
        return {}
    meta = article_sql.stored_meta(store, ids)
    passages = article_sql.stored_passages(store, ids)
    return {i: DedupDoc.from_stored(meta[i], passages.get(i, [])) for i in meta}


def ensure_lsh_keys(store: Store, fingerprinter: Fingerprinter) -> bool:
    """Make the stored band keys match ``fingerprinter``'s parameters,
    recomputing them from the stored passages if they changed; True if so.
    Call inside a transaction."""
    params = fingerprinter.params()
    current = article_sql.lsh_params(store)
    if current == params:
        return False
    article_sql.reset_lsh(store, params)
    if current is None and article_sql.count_articles(store) == 0:
        return False
    for chunk in article_sql.iter_stored_passages(store):
        grouped: dict[str, list[Passage]] = {}
        for p in chunk:
            grouped.setdefault(p.article_id, []).append(p)
        ids: list[str] = []
        keys: list[int] = []
        for article_id, passages in grouped.items():
            doc = DedupDoc(id=article_id, passages=passages)
            doc.fingerprint(fingerprinter)
            ids.extend([article_id] * len(doc.keys))
            keys.extend(doc.keys)
        article_sql.insert_lsh_keys(store, ids, keys)
    return True
