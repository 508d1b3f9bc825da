"""Speed and memory of actor resolution.

Prints the memory the loaded tables take, mentions/s of `resolve`, and
tokens/s of `scan_doc` in CPU seconds of this process, best of ``--rounds``
(the sentence and name caches are emptied before each round), on:

- generated text of news-like density, one long tokenizer-only Doc;
- the bundled articles (``examples/articles/*.txt``) at their manifest dates,
  one Doc per article;
- the same articles paragraph by paragraph, one Doc per paragraph, as the
  event coder calls `scan_doc`;
- the two seed articles (``../shared/corpus/seeds``, real published text that
  is not part of the project and is read only here), when that folder is
  there.  The bundled articles were written to be dense with actors (about
  one mention every 8 tokens); the seeds have the density of published
  analysis (one every 11 or 12), which is what the target is about.

``--compare-src DIR`` runs the same measurements with the ``blocwatch``
package found in ``DIR`` (e.g. an older checkout's ``src``), alternating
between the two in fresh processes, and prints the best figure of each side:
on a shared machine that is fairer than two runs minutes apart.

    .venv/bin/python benchmarks/actors.py [--sentences N] [--seed S] [--text FILE]
    .venv/bin/python benchmarks/actors.py --compare-src /tmp/old/src [--compare-rounds 3]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import re
import subprocess
import sys
import time
import tracemalloc
from datetime import date
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"
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
_PARAGRAPH = re.compile(r"\n\s*\n")
FIGURES = ("generated", "articles", "paragraphs", "seeds")
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"


def _fill(rng: random.Random, names: dict[str, list[str]]) -> str:
    template = rng.choice(TEMPLATES)
    pick = {k: rng.choice(v) for k, v in names.items()}
    pick.update({k + "2": rng.choice(v) for k, v in names.items()})
    pick["topic"] = rng.choice(TOPICS)
    return template.format(**pick)


def generated_text(tables, sentences: int, seed: int) -> str:  # type: ignore[no-untyped-def]
    rng = random.Random(seed)
    names = {
        "leader": rng.sample(sorted(tables.spells), min(300, len(tables.spells))),
        "adj": sorted(k.title() for k in tables.adjectives if " " not in k)[:150] or ["Russian"],
        "country": sorted(c.name for c in tables.countries.values())[:150],
        "capital": sorted(c.capital for c in tables.countries.values() if c.capital)[:150],
        "city": ["Hamburg", "Geneva", "Sochi", "Osaka", "Davos", "Istanbul"],
        "igo": sorted(g.name for g in tables.igos.values())[:30],
    }
    return " ".join(_fill(rng, names) if rng.random() < 0.5 else rng.choice(FILLER)
                    for _ in range(sentences))


def example_articles() -> list[tuple[str, date]]:
    """(text, date) of the bundled articles with a manifest date."""
    with (EXAMPLES / "manifest.csv").open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["file"].endswith(".txt") and r.get("date")]
    return [((EXAMPLES / r["file"]).read_text(encoding="utf-8"), date.fromisoformat(r["date"]))
            for r in rows if (EXAMPLES / r["file"]).is_file()]


def seed_articles() -> list[tuple[str, date | None]]:
    """(text, manifest date or None) of the seed articles, if ../shared is beside the project."""
    dates: dict[str, str] = {}
    if (SEEDS / "manifest.csv").is_file():
        with (SEEDS / "manifest.csv").open(encoding="utf-8") as handle:
            dates = {r["file"]: r.get("date") or "" for r in csv.DictReader(handle)}
    out: list[tuple[str, date | None]] = []
    for path in sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []:
        day = dates.get(path.name, "")
        when = date.fromisoformat(day[:10]) if re.match(r"\d{4}-\d{2}-\d{2}", day) else None
        out.append((path.read_text(encoding="utf-8"), when))
    return out


def _empty_caches(tables) -> None:  # type: ignore[no-untyped-def]
    """No help from an earlier round: sentences and name fits are read afresh."""
    from blocwatch.actors import lexicon

    lexicon._segment_cached.cache_clear()
    fitted = getattr(lexicon.lexicon_for(tables), "_fitted", None)
    if fitted is not None:  # absent in older versions
        fitted.clear()


def _best_cpu(run, rounds: int, tables) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(rounds):
        _empty_caches(tables)
        t0 = time.process_time()
        run()
        best = min(best, time.process_time() - t0)
    return max(best, 1e-9)


def scan_figures(tables, nlp, text: str, rounds: int) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """Tokens per CPU second of `scan_doc` on the three kinds of input."""
    from blocwatch.actors.scan import scan_doc

    when = date(2017, 7, 4)
    doc = nlp.make_doc(text)
    articles = [(nlp.make_doc(t), t, d) for t, d in example_articles()]
    paragraphs = [(nlp.make_doc(p), p, d) for t, d in example_articles()
                  for p in _PARAGRAPH.split(t) if p.strip()]
    seeds = [(nlp.make_doc(t), t, d) for t, d in seed_articles()]
    out = {"generated_tokens": float(len(doc)),
           "articles_tokens": float(sum(len(d) for d, _, _ in articles)),
           "paragraphs_tokens": float(sum(len(d) for d, _, _ in paragraphs)),
           "seeds_tokens": float(sum(len(d) for d, _, _ in seeds))}
    out["generated"] = len(doc) / _best_cpu(lambda: scan_doc(doc, when, tables=tables, text=text),
                                            rounds, tables)

    def scan_all(docs) -> None:  # type: ignore[no-untyped-def]
        for d, t, day in docs:
            scan_doc(d, day, tables=tables, text=t)

    for key, docs in (("articles", articles), ("paragraphs", paragraphs), ("seeds", seeds)):
        if docs:
            out[key] = out[key + "_tokens"] / _best_cpu(lambda docs=docs: scan_all(docs), rounds, tables)
            out[key + "_mentions"] = float(sum(len(scan_doc(d, day, tables=tables, text=t))
                                               for d, t, day in docs))
    return out


def _load(text_file: str | None, sentences: int, seed: int):  # type: ignore[no-untyped-def]
    from blocwatch.actors.lexicon import lexicon_for
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
    text = generated_text(tables, sentences, seed)
    if text_file:
        with open(text_file, encoding="utf-8") as handle:
            text = handle.read()
    nlp = load_nlp("en_core_web_sm")
    scan_doc(nlp.make_doc("Putin met Xi in Moscow."), date(2017, 7, 4), tables=tables)  # build the matcher
    return tables, nlp, text, current, load_s


def compare(args: argparse.Namespace) -> None:
    """Alternate this checkout and ``--compare-src`` in fresh processes; best of each."""
    here = str(Path(__file__).resolve().parents[1] / "src")
    sides = {"this checkout": here, f"{args.compare_src}": args.compare_src}
    best: dict[str, dict[str, float]] = {name: {} for name in sides}
    for _ in range(args.compare_rounds):
        for name, src in sides.items():
            env = {**os.environ, "PYTHONPATH": src}
            cmd = [sys.executable, __file__, "--json", "--rounds", str(args.rounds),
                   "--sentences", str(args.sentences), "--seed", str(args.seed)]
            if args.text:
                cmd += ["--text", args.text]
            line = subprocess.run(cmd, env=env, check=True, capture_output=True, text=True).stdout
            figures = json.loads(line.strip().splitlines()[-1])
            for key, value in figures.items():
                best[name][key] = max(best[name].get(key, 0.0), value)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"best of {args.compare_rounds} alternating runs (each best of {args.rounds} rounds), "
          f"tokens per CPU second; load average now {load:.1f} on {os.cpu_count()} cores")
    ours, theirs = best["this checkout"], best[args.compare_src]
    for key in FIGURES:
        if key in ours and key in theirs:
            print(f"  {key:<11} ({ours[key + '_tokens']:,.0f} tokens): this checkout {ours[key]:,.0f}, "
                  f"{args.compare_src} {theirs[key]:,.0f}: {ours[key] / theirs[key]:.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=4000)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--text", help="scan this text file instead of generated text")
    parser.add_argument("--rounds", type=int, default=9, help="best of this many rounds per figure")
    parser.add_argument("--compare-src", help="also measure the blocwatch package in this folder")
    parser.add_argument("--compare-rounds", type=int, default=3)
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)  # for --compare-src
    args = parser.parse_args()
    if args.compare_src:
        compare(args)
        return

    tables, nlp, text, memory, load_s = _load(args.text, args.sentences, args.seed)
    if args.json:
        print(json.dumps(scan_figures(tables, nlp, text, args.rounds)))
        return
    print(f"tables + lexicon: {memory / 1e6:.1f} MB in memory, loaded in {load_s:.2f}s "
          f"({len(tables.countries)} states, {len(tables.igos)} organisations, {len(tables.spells)} people)")

    from blocwatch.actors.resolve import resolve
    from blocwatch.actors.scan import _scanner, scan_doc

    t0 = time.process_time()
    doc = nlp.make_doc(text)
    tok_s = time.process_time() - t0
    t0 = time.process_time()
    candidates = _scanner(doc.vocab, tables).matcher(doc)
    match_s = max(time.process_time() - t0, 1e-6)
    print(f"phrase matcher alone: {len(candidates):,} candidates, {len(doc) / match_s:,.0f} tokens/s")
    _empty_caches(tables)
    mentions = scan_doc(doc, date(2017, 7, 4), tables=tables, text=text)
    figures = scan_figures(tables, nlp, text, args.rounds)
    scan_s = len(doc) / figures["generated"]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"machine load average (1 min) during the run: {load:.1f} on {os.cpu_count()} cores")
    print(f"scan: {len(doc):,} tokens, {len(mentions):,} mentions in {scan_s:.2f}s "
          f"(+{tok_s:.2f}s tokenizing): {len(doc) / scan_s:,.0f} tokens/s, {len(mentions) / scan_s:,.0f} mentions/s; "
          f"with tokenizing {len(doc) / (scan_s + tok_s):,.0f} tokens/s")
    if "articles" in figures:
        print(f"scan of the bundled articles, one Doc each ({figures['articles_tokens']:,.0f} tokens, "
              f"a mention every {figures['articles_tokens'] / figures['articles_mentions']:.1f}): "
              f"{figures['articles']:,.0f} tokens/s; paragraph by paragraph as the event coder "
              f"calls it: {figures['paragraphs']:,.0f} tokens/s")
    if "seeds" in figures:
        print(f"scan of the seed articles in ../shared, one Doc each ({figures['seeds_tokens']:,.0f} tokens, "
              f"a mention every {figures['seeds_tokens'] / figures['seeds_mentions']:.1f}): "
              f"{figures['seeds']:,.0f} tokens/s")
    else:
        print(f"seed articles not found in {SEEDS}: no figure on published text")

    samples = [(m.text, text[max(0, m.start - 60):m.end + 60]) for m in mentions[:3000]]
    t0 = time.process_time()
    for mention, context in samples:
        resolve(mention, date=date(2016, 7, 5), context=context, tables=tables)
    res_s = time.process_time() - t0
    print(f"resolve: {len(samples):,} mentions with context in {res_s:.2f}s: {len(samples) / res_s:,.0f} mentions/s")


if __name__ == "__main__":
    main()
