"""Speed and memory of actor resolution.

Prints the memory the loaded tables take, mentions/s of `resolve`, and
tokens/s of `scan_doc` on generated text of news-like density (tokenizer-only
Docs), in CPU seconds of this process.  Runs in a few seconds:

    .venv/bin/python benchmarks/actors.py [--sentences N] [--seed S] [--text FILE]
"""

from __future__ import annotations

import argparse
import os
import random
import time
import tracemalloc
from datetime import date

TEMPLATES = (
    "{leader} met {leader2} in {city} on Monday to discuss {topic}.",
    "{adj} officials said {capital} would respond to the {adj2} warplanes near the border.",
    "The Kremlin and the White House traded accusations over {topic} as {igo} members met.",
    "Former {adj} ambassador to {country} {leader} told reporters that the West had erred.",
    "The {adj} foreign minister flew to {capital}, where {leader} welcomed the {adj2} delegation.",
    "Analysts expect the two leaders to sign deals on {topic} before the {igo} summit in {city}.",
    "{country} and {country2} held joint naval drills, the {adj} defence ministry said.",
    "Protesters gathered outside the embassy while four {adj} men were detained by police.",
)
# Sentences without actors, so that the text has the density of real news
# (roughly one actor mention every dozen words).
FILLER = (
    "The talks lasted well into the evening and covered a long list of practical questions.",
    "Prices for wheat and fertiliser rose sharply over the following weeks, traders said.",
    "Few details were released, and the statement issued afterwards was short and carefully worded.",
    "Both sides described the atmosphere as constructive, although several issues remain open.",
    "The agreement still has to be ratified, which could take several months.",
)
TOPICS = ("trade", "energy", "the pipeline", "sanctions", "arms control", "grain exports")


def _fill(rng: random.Random, names: dict[str, list[str]]) -> str:
    template = rng.choice(TEMPLATES)
    pick = {k: rng.choice(v) for k, v in names.items()}
    pick.update({k + "2": rng.choice(v) for k, v in names.items()})
    pick["topic"] = rng.choice(TOPICS)
    return template.format(**pick)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=4000)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--text", help="scan this text file instead of generated text")
    args = parser.parse_args()

    from blocwatch.actors.lexicon import _segment_cached, lexicon_for
    from blocwatch.actors.resolve import resolve
    from blocwatch.actors.scan import scan_doc
    from blocwatch.actors.tables import read_tables
    from blocwatch.nlp import load_nlp

    tracemalloc.start()
    t0 = time.perf_counter()
    tables = read_tables()
    lexicon_for(tables)
    load_s = time.perf_counter() - t0
    current, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"tables + lexicon: {current / 1e6:.1f} MB in memory, loaded in {load_s:.2f}s "
          f"({len(tables.countries)} states, {len(tables.igos)} organisations, {len(tables.spells)} people)")

    rng = random.Random(args.seed)
    names = {
        "leader": rng.sample(sorted(tables.spells), min(300, len(tables.spells))),
        "adj": sorted(k.title() for k in tables.adjectives if " " not in k)[:150] or ["Russian"],
        "country": sorted(c.name for c in tables.countries.values())[:150],
        "capital": sorted(c.capital for c in tables.countries.values() if c.capital)[:150],
        "city": ["Hamburg", "Geneva", "Sochi", "Osaka", "Davos", "Istanbul"],
        "igo": sorted(g.name for g in tables.igos.values())[:30],
    }
    text = " ".join(_fill(rng, names) if rng.random() < 0.5 else rng.choice(FILLER)
                    for _ in range(args.sentences))
    if args.text:
        with open(args.text, encoding="utf-8") as handle:
            text = handle.read()

    nlp = load_nlp("en_core_web_sm")
    scan_doc(nlp.make_doc("Putin met Xi in Moscow."), date(2017, 7, 4), tables=tables)  # build the matcher
    t0 = time.process_time()
    doc = nlp.make_doc(text)
    tok_s = time.process_time() - t0
    from blocwatch.actors.scan import _scanner

    t0 = time.process_time()
    candidates = _scanner(doc.vocab, tables).matcher(doc)
    match_s = max(time.process_time() - t0, 1e-6)
    print(f"phrase matcher alone: {len(candidates):,} candidates, {len(doc) / match_s:,.0f} tokens/s")
    # CPU time of this process, best of three: the machine may be shared
    scan_s = float("inf")
    for _ in range(3):
        _segment_cached.cache_clear()  # no help from an earlier run
        t0 = time.process_time()
        mentions = scan_doc(doc, date(2017, 7, 4), tables=tables, text=text)
        scan_s = min(scan_s, time.process_time() - t0)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"machine load average (1 min) during the run: {load:.1f} on {os.cpu_count()} cores")
    print(f"scan: {len(doc):,} tokens, {len(mentions):,} mentions in {scan_s:.2f}s "
          f"(+{tok_s:.2f}s tokenizing): {len(doc) / scan_s:,.0f} tokens/s, {len(mentions) / scan_s:,.0f} mentions/s; "
          f"with tokenizing {len(doc) / (scan_s + tok_s):,.0f} tokens/s")

    samples = [(m.text, text[max(0, m.start - 60):m.end + 60]) for m in mentions[:3000]]
    t0 = time.process_time()
    for mention, context in samples:
        resolve(mention, date=date(2016, 7, 5), context=context, tables=tables)
    res_s = time.process_time() - t0
    print(f"resolve: {len(samples):,} mentions with context in {res_s:.2f}s: {len(samples) / res_s:,.0f} mentions/s")


if __name__ == "__main__":
    main()
