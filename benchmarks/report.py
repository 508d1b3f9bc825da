"""Report build benchmark on a generated store.

Fills a temporary store with ``--articles`` articles (a tenth of them
republications of another), ``--events`` events between ``--states`` states
and a mention per event side, through the store modules, then times each
part of the report: the relations stage, `build_report` (the store reads),
and writing report.json, report.md and report.html.  Ends with the line
``report seconds: N``.

    .venv/bin/python benchmarks/report.py                      # 5,000 / 50,000
    .venv/bin/python benchmarks/report.py --articles 200 --events 2000

The events are random (seeded) but shaped like news: two camps whose members
mostly cooperate with each other and quarrel with the other camp, so the
relations stage finds blocs, and the report has a map to draw.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import resource
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from blocwatch.models import (
    Actor,
    ActorRef,
    Article,
    Event,
    Evidence,
    Mention,
    Passage,
    Republication,
)
from blocwatch.report import build_report, write_report
from blocwatch.settings import load_settings
from blocwatch.store import actors as actor_sql
from blocwatch.store import articles as article_sql
from blocwatch.store import bulk, open_store
from blocwatch.store import events as event_sql

STATES = ["USA", "GBR", "FRA", "DEU", "JPN", "AUS", "CAN", "KOR", "ITA", "POL",
          "RUS", "CHN", "IRN", "PRK", "BLR", "SYR", "VEN", "CUB",
          "IND", "BRA", "TUR", "ZAF", "IDN", "SAU", "EGY", "MEX", "ARG", "NGA", "PAK", "VNM"]
COOPERATE = [("CONSULT", 1), ("AGREE", 1), ("SUPPORT", 1), ("COOPERATE", 2), ("AID", 2)]
CONFLICT = [("ACCUSE", 3), ("REJECT", 3), ("THREATEN", 3), ("SANCTION", 4), ("COERCE", 4)]
WORDS = ["talks", "summit", "treaty", "envoy", "minister", "trade", "sanctions", "drills", "border", "pipeline", "vote", "council", "embassy", "loan", "frigate", "port", "accord", "deal", "visit", "statement"]
CHUNK = 5000  # rows per store call, so memory stays flat


def _camp(state: str, states: list[str]) -> int:
    third = len(states) // 3
    index = states.index(state)
    return 0 if index < third else (1 if index < 2 * third else 2)


def _sentence(rng: random.Random, src: str, tgt: str) -> str:
    return f"{src} and {tgt} " + " ".join(rng.choice(WORDS) for _ in range(14)) + "."


def _mention_row(m: Mention) -> list[object]:
    a = m.actor
    return [m.article_id, m.start, m.end, m.text, m.passage_index, a.kind, a.code, a.country,
            a.sector, a.role, a.name, a.matched_by, a.reason]


def fill(store, n_articles: int, n_events: int, states: list[str], seed: int) -> None:
    rng = random.Random(seed)
    start = date(2014, 1, 1)
    ids = [hashlib.sha1(f"article {i}".encode()).hexdigest()[:16] for i in range(n_articles)]
    days = [start + timedelta(days=rng.randrange(11 * 365)) for _ in ids]
    per_article = max(1, n_events // max(n_articles, 1))
    articles, passages, events, mentions, reps = [], [], [], [], []

    def flush() -> None:
        # Events and mentions go in through insert_rows: save_events and
        # save_mentions write row by row, minutes for a store this size.
        with store.transaction():
            article_sql.insert_articles(store, articles)
            article_sql.insert_passages(store, passages)
            article_sql.insert_republications(store, reps)
            bulk.insert_rows(store, "events", event_sql._EVENT_COLUMNS.split(","),
                                    [event_sql._event_row(ev) for ev in events])
            bulk.insert_rows(store, "mentions", actor_sql._COLUMNS.split(","),
                                    [_mention_row(m) for m in mentions])
        for batch in (articles, passages, events, mentions, reps):
            batch.clear()

    made = 0
    for i, (article_id, day) in enumerate(zip(ids, days, strict=True)):
        copy_of = ids[i - 1] if i and i % 10 == 0 else None
        sentences = []
        count = per_article if i < n_articles - 1 else n_events - made
        for _ in range(max(count, 0)):
            src, tgt = rng.sample(states, 2)
            same = _camp(src, states) == _camp(tgt, states) and _camp(src, states) < 2
            root, quad = rng.choice(COOPERATE if same or rng.random() < 0.3 else CONFLICT)
            sentence = _sentence(rng, src, tgt)
            offset = sum(len(s) + 1 for s in sentences)
            sentences.append(sentence)
            events.append(Event(
                event=root, quad=quad, cameo="04", source=ActorRef(src, src, src),
                target=ActorRef(tgt, tgt, tgt), modality=rng.choice(["asserted", "reported"]),
                confidence=1.0, date=day,
                evidence=Evidence(article_id, 0, offset, offset + len(sentence), sentence)))
            mentions += [Mention(article_id, offset, offset + 3, src, Actor("state", src, src), 0),
                         Mention(article_id, offset + 8, offset + 11, tgt,
                                 Actor("state", tgt, tgt), 0)]
            made += 1
        text = " ".join(sentences) or "No event here."
        articles.append(Article(article_id, text, f"gen/{i}.txt", f"{i}.txt",
                                title=f"Generated article {i}", date=day, date_basis="manifest",
                                url=f"https://example.org/{i}", source="Generated Wire",
                                words=len(text.split())))
        kind = "copied" if copy_of else "own"
        passages.append(Passage(article_id, 0, 0, len(text), text, article_id, kind, copy_of,
                                0 if copy_of else None, day))
        if copy_of:
            reps.append(Republication(copy_of, article_id, "contains", 0.95, 0.9, ()))
        if len(events) >= CHUNK or len(articles) >= CHUNK:
            flush()
    flush()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--events", type=int, default=50000)
    parser.add_argument("--states", type=int, default=len(STATES))
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--resamples", type=int, default=20, help="bloc stability resamples")
    args = parser.parse_args()
    states = STATES[: max(3, min(args.states, len(STATES)))]
    settings = load_settings().with_values(seed=args.seed, resamples=args.resamples)
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "bench.duckdb")
        began = time.perf_counter()
        fill(store, args.articles, args.events, states, args.seed)
        print(f"store filled: {args.articles} articles, {args.events} events "
              f"in {time.perf_counter() - began:.1f} s")

        from blocwatch.relations.analysis import analyse

        began = time.perf_counter()
        relations = analyse(store, settings)
        relations_s = time.perf_counter() - began
        began = time.perf_counter()
        report = build_report(store, relations)
        build_s = time.perf_counter() - began
        began = time.perf_counter()
        files = write_report(report, Path(folder) / "report")
        write_s = time.perf_counter() - began
        sizes = ", ".join(f"{p.name} {p.stat().st_size / 1e6:.1f} MB"
                          for p in (files.json, files.markdown, files.html))
        store.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"relations: {relations_s:.2f} s ({len(relations.blocs)} blocs)")
    print(f"build_report (store reads): {build_s:.2f} s, {len(report['events'])} events, "
          f"{len(report['actors'])} actors")
    print(f"write json/md/html: {write_s:.2f} s ({sizes})")
    print(f"peak RSS: {peak:.0f} MB")
    print(f"report seconds: {build_s + write_s:.2f}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
