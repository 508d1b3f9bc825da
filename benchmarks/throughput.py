"""Event-coder throughput against the plain en_core_web_sm pipeline.

    python benchmarks/throughput.py [--size 2000] [--workers N] [--seed 13]
    python benchmarks/throughput.py --size 80 --profile   # where the coder's time goes

Generates real-length articles from the project's own sentence templates
(70% of sentences name a state, leader or organisation, as international news
does; 45% report an event between two actors, 25% only mention one, 30% name
none), codes them with `EventCoder.code_articles` (16 articles per call, as
`blocwatch analyze` does) and runs the same texts
through the full `en_core_web_sm` pipeline in the same process, and prints
articles/s, sentences/s and peak RSS for each, ending with ``speedup: N.Nx``
(coder articles/s over plain-pipeline articles/s).

With one worker the two are timed block by block (``--block`` articles), the
coder first in one block and the plain pipeline first in the next, in CPU
seconds of this process: whatever else the machine does at some moment slows
both sides alike, so the ratio is steadier than that of two long runs one after
the other.  The coder's peak RSS is read after its first block, before the
plain pipeline is loaded; the last figure is both in one process.  ``--profile`` codes the
corpus in one process under cProfile and prints the costliest functions
instead (no timings: the profiler slows Python code far more than spaCy's).
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
import warnings
from concurrent.futures import ProcessPoolExecutor
from datetime import date

ACTORS = ["Russia", "China", "the United States", "Germany", "France", "Japan", "India",
          "Brazil", "Turkey", "Iran", "Israel", "Egypt", "Poland", "Ukraine", "Vietnam",
          "President Putin", "Xi Jinping", "Prime Minister Modi", "the Kremlin", "Beijing",
          "Washington", "NATO", "the European Union", "the United Nations", "ASEAN",
          "the foreign ministry", "Chinese officials", "Russian diplomats", "the Pentagon"]
ACTS = ["met {T} in the capital", "signed a trade agreement with {T}",
        "accused {T} of meddling in its affairs", "held joint naval exercises with {T}",
        "sent humanitarian aid to {T}", "imposed sanctions on {T}", "warned {T} against escalation",
        "praised {T} for its restraint", "urged {T} to return to talks",
        "rejected the proposal put forward by {T}", "deployed troops near the border with {T}",
        "agreed to expand energy cooperation with {T}", "hosted {T} for two days of talks",
        "criticised {T} over its human rights record", "granted {T} a loan of two billion dollars"]
FRAMES = ["{S} {A}.", "Last week {S} {A}.", "{S} {A}, officials said.",
          "According to state media, {S} {A}.", "On Monday {S} {A} for the third time this year.",
          "Analysts expect that {S} will soon have {A}.", "In March 2013 {S} {A}."]
# Sentences that name an actor but report no event, as much of any article does.
DESCRIPTIVE = [
    "{S}'s economy grew by about two percent last year.",
    "The population of {S} is ageing faster than forecast.",
    "{S}'s currency weakened slightly against the dollar.",
    "Analysts in {S} are divided about the outlook for the coming year.",
    "The mood in {S} was calm, and the streets of the capital were quiet.",
    "{S} is the region's largest producer of grain and steel.",
    "Few people in {S} expect the situation to change soon.",
    "Elections in {S} are due in the autumn of next year.",
]
BACKGROUND = [
    "The talks covered a wide range of topics, from trade to regional security.",
    "Markets reacted calmly to the news, and the currency barely moved.",
    "Observers note that the relationship has grown steadily closer over the past decade.",
    "The statement gave few details about the timetable or the costs involved.",
    "Critics argue that the policy has done little to improve living standards.",
    "Few expect a quick resolution of the underlying disagreements.",
    "The region has long been a source of tension between the great powers.",
    "Officials declined to comment further on the record.",
]


def make_articles(n: int, seed: int) -> list[str]:
    """``n`` articles of 45-70 sentences (roughly 550-850 words) each."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        sentences = []
        for _ in range(rng.randint(45, 70)):
            roll = rng.random()
            if roll < 0.45:
                s, t = rng.sample(ACTORS, 2)
                act = rng.choice(ACTS).format(T=t)
                text = rng.choice(FRAMES).format(S=s, A=act)
                sentences.append(text[0].upper() + text[1:])
            elif roll < 0.7:
                text = rng.choice(DESCRIPTIVE).format(S=rng.choice(ACTORS))
                sentences.append(text[0].upper() + text[1:])
            else:
                sentences.append(rng.choice(BACKGROUND))
        paras = [" ".join(sentences[i:i + 4]) for i in range(0, len(sentences), 4)]
        out.append("\n\n".join(paras))
    return out


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


_CODER = None


def _code_chunk(chunk: list[tuple[int, str]]) -> tuple[int, int]:
    global _CODER
    warnings.simplefilter("ignore", RuntimeWarning)
    if _CODER is None:
        from blocwatch.events.coder import EventCoder

        _CODER = EventCoder()
    events = 0
    # as `blocwatch analyze` codes them: 16 articles per call, parsed in one batch
    for k in range(0, len(chunk), 16):
        results = _CODER.code_articles([(f"bench-{i}", text, [], date(2016, 7, 5))
                                        for i, text in chunk[k:k + 16]])
        events += sum(len(evs) for evs, _, _ in results)
    return len(chunk), events


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def clock(workers: int) -> float:
    # One process: CPU time, which a machine shared with other jobs disturbs far
    # less than wall time.  A pool: wall time, the only measure of scaling.
    return time.process_time() if workers <= 1 else time.perf_counter()


def interleaved(texts: list[str], block: int) -> tuple[float, float, int, float, str]:
    """CPU seconds of the coder and of the plain pipeline over ``texts``, timed
    block by block in turns; the coder's events; its peak RSS before the plain
    pipeline is loaded; the plain pipeline's components."""
    from blocwatch.nlp import load_nlp

    _code_chunk([(0, texts[0])])  # load the coder's models before timing
    items = list(enumerate(texts))
    blocks = [items[i:i + block] for i in range(0, len(items), block)]
    coder_s = plain_s = 0.0
    events = 0
    coder_rss = 0.0
    full = None
    for k, chunk in enumerate(blocks):
        sides = ("coder", "plain") if k % 2 == 0 else ("plain", "coder")
        for side in sides:
            if side == "coder":
                t0 = time.process_time()
                events += _code_chunk(chunk)[1]
                coder_s += time.process_time() - t0
                if k == 0:
                    coder_rss = peak_rss_mb()
                continue
            if full is None:
                full = load_nlp("en_core_web_sm")
                list(full.pipe(texts[:2]))  # load and warm up outside the clock, as for the coder
            t0 = time.process_time()
            for _ in full.pipe([t for _, t in chunk], batch_size=16):
                pass
            plain_s += time.process_time() - t0
    return coder_s, plain_s, events, coder_rss, ", ".join(full.pipe_names) if full else ""


def run_coder(texts: list[str], workers: int) -> tuple[float, int]:
    items = list(enumerate(texts))
    t0 = clock(workers)
    if workers <= 1:
        _, events = _code_chunk(items)
    else:
        size = max(1, len(items) // (workers * 8))
        chunks = [items[i:i + size] for i in range(0, len(items), size)]
        with ProcessPoolExecutor(max_workers=workers) as pool:
            events = sum(e for _, e in pool.map(_code_chunk, chunks))
    return clock(workers) - t0, events


def profile_coder(texts: list[str], top: int = 30) -> int:
    import cProfile
    import pstats

    _code_chunk([(0, texts[0])])  # load models outside the profile
    profiler = cProfile.Profile()
    profiler.enable()
    _code_chunk(list(enumerate(texts)))
    profiler.disable()
    stats = pstats.Stats(profiler, stream=sys.stdout)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=2000, help="articles to generate")
    ap.add_argument("--workers", type=int, default=1, help="coder worker processes")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--block", type=int, default=32,
                    help="one worker: articles per block when timing the coder and the plain pipeline in turns")
    ap.add_argument("--profile", action="store_true",
                    help="profile the coder (one process) and print its costliest functions")
    args = ap.parse_args(argv)
    if args.profile:
        return profile_coder(make_articles(args.size, args.seed))

    from blocwatch.events.coder import split_sentences
    from blocwatch.nlp import load_nlp

    texts = make_articles(args.size, args.seed)
    n_sent = sum(len(split_sentences(t)) for t in texts)
    from blocwatch.events.coder import EventCoder

    probe = EventCoder()
    sample = texts[: min(20, len(texts))]
    passed = sum(len(probe.candidate_sentences(t)) for t in sample)
    total = sum(len(split_sentences(t)) for t in sample)
    words = sum(len(t.split()) for t in texts)
    print(f"corpus: {len(texts)} articles, {n_sent} sentences, {words // len(texts)} words/article,"
          f" {passed / total:.0%} of sentences pass the coder's prefilter")

    if args.workers <= 1:
        coder_s, plain_s, events, coder_rss, full_names = interleaved(texts, args.block)
        print(f"coder (1 worker): {len(texts) / coder_s:.1f} articles/s, {n_sent / coder_s:.0f} sentences/s, "
              f"{events} events, peak RSS {coder_rss:.0f} MB (before the plain pipeline is loaded)")
        print(f"plain en_core_web_sm ({full_names}): {len(texts) / plain_s:.1f} articles/s, "
              f"{n_sent / plain_s:.0f} sentences/s; both in one process: peak RSS {peak_rss_mb():.0f} MB")
        print(f"(CPU seconds, timed in turns over blocks of {args.block} articles)")
        print(f"speedup: {plain_s / coder_s:.1f}x")
        return 0

    children_cpu0 = _children_cpu()
    coder_s, events = run_coder(texts, args.workers)
    print(f"coder ({args.workers} workers): "
          f"{len(texts) / coder_s:.1f} articles/s, {n_sent / coder_s:.0f} sentences/s, "
          f"{events} events, peak RSS of a worker "
          f"{resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.0f} MB")
    # On a shared machine the wall time says little about scaling; the
    # workers' CPU seconds (start-up and model loading included) say how
    # much the pool costs over one process doing the same work.
    pool_cpu = _children_cpu() - children_cpu0
    print(f"pool: {pool_cpu:.1f} CPU seconds in {args.workers} workers = "
          f"{len(texts) / pool_cpu:.1f} articles per CPU second "
          f"(compare with a --workers 1 run: equal means near-linear scaling on idle cores)")

    full = load_nlp("en_core_web_sm")
    list(full.pipe(texts[:2]))
    t0 = clock(1)
    for _ in full.pipe(texts, batch_size=16):
        pass
    plain_s = clock(1) - t0
    print(f"plain en_core_web_sm ({', '.join(full.pipe_names)}): "
          f"{len(texts) / plain_s:.1f} articles/s, {n_sent / plain_s:.0f} sentences/s, "
          f"peak RSS {peak_rss_mb():.0f} MB")
    print("(seconds: wall-clock for the coder's pool, CPU for the plain pipeline)")
    print(f"speedup: {plain_s / coder_s:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
