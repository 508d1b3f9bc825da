"""Ingest + deduplication benchmark on a generated corpus.

Writes a synthetic corpus (JSON Lines) with planted duplicates, ingests it
into a temporary store with `ingest_paths`, and prints throughput, peak RSS,
RSS along the run (to see that memory stays flat) and the precision/recall of
the planted relations.  Ends with the line ``articles/s: N``.

    .venv/bin/python benchmarks/ingest.py --n 20000

Planted, as shares of ``--n``:
  exact       same words, other punctuation (a different id; relation exact)
  identical   byte-identical text from another source (same id: already stored)
  near        small edits: a few words changed in a few paragraphs
  republished own introduction, a "first published by X on D" sentence,
              the original, and inserted bracketed annotations; a third of these
              originals carry no date, which the republication supplies
The text is random words from a generated vocabulary in simple sentence frames,
so unrelated articles share almost no 5-word shingles, as real news mostly doesn't.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import psutil

from blocwatch.ingest.pipeline import ingest_paths
from blocwatch.ingest.republication import Fingerprinter
from blocwatch.settings import load_settings
from blocwatch.store import open_store

SHARES = {"exact": 0.04, "identical": 0.03, "near": 0.08, "republished": 0.08}
PER_FILE = 2000
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
FRAMES = [
    "{A} said on {D} that {w} {w} {w} would {w} the {w} {w} with {P}",
    "According to {P} the {w} {w} of {w} {w} began after {A} {w} {w} in {C}",
    "Officials in {C} {w} the {w} {w} and {w} that {w} {w} {w} {w} next {w}",
    "The {w} {w} between {A} and {P} {w} {w} {w} {w} at the {w} {w} in {C}",
    "{A} {w} {w} {w} {w} {w} {w} {w} while {P} {w} {w} {w} {w}",
    "It is {w} {w} that {w} {w} {w} {w} {w} {w} {w} before the {w} {w}",
]


def _vocabulary(rng: random.Random, size: int) -> list[str]:
    syllables = [c + v for c in "bcdfghjklmnprstvwz" for v in ("a", "e", "i", "o", "u", "ai", "ou")]
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(syllables) for _ in range(rng.randint(1, 4))))
    return sorted(words)


@dataclass
class Generator:
    rng: random.Random
    words: list[str]
    names: list[str]

    def sentence(self) -> str:
        frame = self.rng.choice(FRAMES)
        out = []
        for part in frame.split():
            if part == "{w}":
                out.append(self.rng.choice(self.words))
            elif part in ("{A}", "{P}", "{C}"):
                out.append(self.rng.choice(self.names))
            elif part == "{D}":
                out.append(f"{self.rng.randint(1, 28)} {self.rng.choice(MONTHS)}")
            else:
                out.append(part)
        text = " ".join(out)
        return text[0].upper() + text[1:] + "."

    def paragraph(self, sentences: int | None = None) -> str:
        return " ".join(self.sentence() for _ in range(sentences or self.rng.randint(2, 4)))

    def article(self) -> list[str]:
        return [self.paragraph() for _ in range(self.rng.randint(5, 9))]

    def repunctuated(self, paragraph: str) -> str:
        """The same words with other punctuation (chosen at random per stop)."""
        return "".join(self.rng.choice((".", " .", ";", "!")) if c == "." else c
                       for c in paragraph)

    def near(self, paragraphs: list[str]) -> list[str]:
        edited = list(paragraphs)
        for i in self.rng.sample(range(len(edited)), k=min(3, len(edited))):
            words = edited[i].split()
            for _ in range(2):
                words[self.rng.randrange(len(words))] = self.rng.choice(self.words)
            edited[i] = " ".join(words)
        return edited

    def republished(self, paragraphs: list[str], publisher: str, first: date) -> list[str]:
        intro = [self.paragraph() for _ in range(self.rng.randint(1, 3))]
        statement = (f"This article was first published by {publisher} on "
                     f"{first.day} {MONTHS[first.month - 1]} {first.year}.")
        body = list(paragraphs)
        for _ in range(self.rng.randint(1, 3)):
            note = "(" + self.paragraph(self.rng.randint(1, 3)) + ")"
            body.insert(self.rng.randint(1, len(body)), note)
        return [*intro, statement, *body]


@dataclass
class Truth:
    pairs: dict[tuple[str, str], str] = field(default_factory=dict)  # (orig origin, copy origin)
    identical: int = 0
    undated_originals: dict[str, date] = field(default_factory=dict)  # origin -> expected date
    copy_first: int = 0  # relations whose copy is read before its original


def generate(folder: Path, n: int, seed: int) -> Truth:
    """Write ``n`` articles as JSON Lines files in ``folder``; return what was planted."""
    rng = random.Random(seed)
    gen = Generator(rng, _vocabulary(rng, 20000), [w.capitalize() for w in _vocabulary(rng, 600)])
    counts = {kind: int(n * share) for kind, share in SHARES.items()}
    originals = n - sum(counts.values())
    pending = [kind for kind, c in counts.items() for _ in range(c)]
    rng.shuffle(pending)
    publishers = [f"{rng.choice(gen.names)} News" for _ in range(40)]
    records: list[dict] = []
    made: list[tuple[int, list[str], date, bool]] = []  # record index, text, date, undated
    planted: list[tuple[int, int, str]] = []  # original record, copy record, kind
    undated_when: dict[int, date] = {}
    # Copies are interleaved from a quarter of the way in, so most arrive in a
    # later batch than their original and some in the same one.
    for i in range(n):
        start_copies = i > n // 4 and pending and (rng.random() < len(pending) / max(1, n - i))
        if (not start_copies and len(made) < originals) or not pending:
            paragraphs = gen.article()
            when = date(2015, 1, 1) + timedelta(days=rng.randrange(730))
            undated = rng.random() < 0.33
            made.append((len(records), paragraphs, when, undated))
            records.append({"text": "\n\n".join(paragraphs), "title": gen.sentence()[:60],
                            "source": rng.choice(publishers),
                            "date": None if undated else when.isoformat()})
            continue
        kind = pending.pop()
        index, paragraphs, when, undated = rng.choice(made)
        later = when + timedelta(days=rng.randint(1, 700))
        record = {"title": records[index]["title"], "source": rng.choice(publishers),
                  "date": later.isoformat()}
        if kind == "identical":
            record["text"] = records[index]["text"]
        elif kind == "exact":
            record["text"] = "\n\n".join(gen.repunctuated(p) for p in paragraphs)
        elif kind == "near":
            record["text"] = "\n\n".join(gen.near(paragraphs))
        else:
            record["text"] = "\n\n".join(gen.republished(paragraphs, records[index]["source"], when))
        records.append(record)
        planted.append((index, len(records) - 1, kind))
        if kind == "republished" and undated:
            undated_when[index] = when
    # One original in ten that has a single copy is read after that copy: the
    # store must link them when the original arrives.
    position = list(range(len(records)))
    copies_of = Counter(o for o, _, _ in planted)
    truth = Truth()
    for orig, copy, kind in planted:
        if kind != "identical" and copies_of[orig] == 1 and rng.random() < 0.1:
            position[orig], position[copy] = position[copy], position[orig]
            truth.copy_first += 1
    ordered: list[dict] = [{}] * len(records)
    for index, record in enumerate(records):
        ordered[position[index]] = record
    for orig, copy, kind in planted:
        if kind == "identical":
            truth.identical += 1
            continue
        truth.pairs[(_origin(folder, position[orig]), _origin(folder, position[copy]))] = kind
    for orig, when in undated_when.items():
        truth.undated_originals[_origin(folder, position[orig])] = when
    for start in range(0, len(ordered), PER_FILE):
        with (folder / f"part{start // PER_FILE:04d}.jsonl").open("w", encoding="utf-8") as out:
            for record in ordered[start:start + PER_FILE]:
                out.write(json.dumps(record) + "\n")
    return truth


def _origin(folder: Path, index: int) -> str:
    return f"{folder / f'part{index // PER_FILE:04d}.jsonl'}:{index % PER_FILE + 1}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20000, help="articles to generate")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--batch-size", type=int, default=500)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="blocwatch-bench-") as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        started = time.perf_counter()
        truth = generate(folder, args.n, args.seed)
        print(f"generated {args.n} articles in {time.perf_counter() - started:.1f}s "
              f"({len(truth.pairs)} planted relations, {truth.copy_first} read copy first; "
              f"{truth.identical} identical copies)")

        process = psutil.Process()
        rss_trace: list[tuple[int, float]] = []

        def on_batch(store, articles, passages) -> None:
            rss_trace.append((len(articles), process.memory_info().rss / 2**20))

        settings = load_settings()
        store = open_store(Path(tmp) / "bench.duckdb")
        store.con.execute("SET threads = 1")  # the target is for one core
        Fingerprinter(settings)  # imports datasketch and scipy: a one-off, not per article
        started, cpu_started = time.perf_counter(), time.process_time()
        summary = ingest_paths(store, [str(folder)], settings, on_batch=on_batch,
                               batch_size=args.batch_size)
        elapsed = time.perf_counter() - started
        cpu = time.process_time() - cpu_started
        found = {
            (row[0], row[1]): row[2] for row in store.con.execute(
                "SELECT o.origin, c.origin, r.relation FROM republications r "
                "JOIN articles o ON o.id = r.original_id JOIN articles c ON c.id = r.copy_id"
            ).fetchall()
        }
        dated = dict(store.con.execute(
            "SELECT origin, date FROM articles WHERE date_basis = 'republication'").fetchall())
        store.close()

    read = summary.articles_read
    print(summary.line())
    if summary.problems:
        print(f"{len(summary.problems)} problems, first: {summary.problems[0]}")
    print(f"ingest + dedup: {read} articles in {elapsed:.1f}s wall, {cpu:.1f}s CPU "
          f"({read / cpu:.0f} articles per CPU second)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {peak:.0f} MiB")
    if rss_trace:
        done, marks = 0, []
        quarter = max(1, len(rss_trace) // 4)
        for i, (count, rss) in enumerate(rss_trace):
            done += count
            if i % quarter == quarter - 1 or i == len(rss_trace) - 1:
                marks.append(f"{done}: {rss:.0f}")
        print("RSS (MiB) after N articles: " + ", ".join(marks))

    # A relation is found when the two articles are linked, whichever way;
    # the direction is scored apart (an undated original read after its dated
    # near copy cannot be told from it).
    planted = set(truth.pairs)
    linked = {frozenset(p) for p in found}
    hits = {p for p in planted if frozenset(p) in linked}
    planted_links = {frozenset(p) for p in planted}
    precision = sum(1 for p in linked if p in planted_links) / len(linked) if linked else 1.0
    print(f"relations found {len(found)}, planted {len(planted)}: precision {precision:.3f}, "
          f"recall {len(hits) / len(planted) if planted else 1.0:.3f}; "
          f"original right in {len(planted & set(found))}/{len(hits)}")
    original_of = {c: o for o, c in truth.pairs}
    extra = {"two copies of one original": 0, "unrelated": 0}
    for orig, copy in found:
        if frozenset((orig, copy)) in planted_links:
            continue
        if original_of.get(orig, orig) == original_of.get(copy, copy):
            extra["two copies of one original"] += 1
        else:
            extra["unrelated"] += 1
    print(f"  not planted: {extra}")
    for kind in ("exact", "near", "republished"):
        wanted = {p for p, k in truth.pairs.items() if k == kind}
        got = {p for p in wanted if frozenset(p) in linked}
        labels: Counter[str] = Counter(found.get(p) or found[(p[1], p[0])] for p in got)
        right = len(wanted & set(found))
        print(f"  {kind:12} recall {len(got) / len(wanted) if wanted else 1.0:.3f} "
              f"({len(got)}/{len(wanted)}), original right {right}, labelled {dict(labels)}")
    print(f"  identical    {summary.already_stored}/{truth.identical} skipped as already stored")
    right = sum(1 for origin, when in truth.undated_originals.items() if dated.get(origin) == when)
    print(f"undated originals dated by their republication: {right}/{len(truth.undated_originals)}")
    print(f"articles/s: {read / elapsed:.0f}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
