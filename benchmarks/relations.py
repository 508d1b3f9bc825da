"""Speed of the relations stage: alignment and blocs for STATES states over
YEARS years from EVENTS synthetic events (target: 200 x 20 x 1,000,000 in
under 30 s on one core).

The events are written to a DuckDB store through the importer's arrow path,
read back with the analysis query, then aggregated with numpy: no Python
loop runs per event.  Timed: the read, the dyad-year alignment, the window
network, the partition, and `resamples` bootstrap resamples.

    .venv/bin/python benchmarks/relations.py [--states 200] [--years 20] [--events 1000000] [--resamples 10]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

# One core, as the target says: BLAS reads these when numpy is first imported.
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np
import pyarrow as pa

from blocwatch.relations.codes import PLOVER_ROOTS, PLOVER_WEIGHT
from blocwatch.settings import Settings


def synthetic_events(states: int, years: int, events: int, seed: int) -> pa.Table:
    """Camps of states that cooperate inside and quarrel across, with noise."""
    rng = np.random.default_rng(seed)
    codes = np.array([f"S{i:02d}" if i < 100 else f"T{i - 100:02d}" for i in range(states)])
    camp = rng.integers(0, 4, size=states)
    activity = rng.pareto(1.5, size=states) + 1.0
    p = activity / activity.sum()
    src = rng.choice(states, size=events, p=p)
    tgt = rng.choice(states, size=events, p=p)
    same = src == tgt
    tgt[same] = (tgt[same] + 1) % states
    friendly = camp[src] == camp[tgt]
    coop_roots = np.array([PLOVER_ROOTS.index(r) for r in ("CONSULT", "AGREE", "COOPERATE", "SUPPORT")])
    conf_roots = np.array([PLOVER_ROOTS.index(r) for r in ("ACCUSE", "THREATEN", "SANCTION", "ASSAULT")])
    cooperative = rng.random(events) < np.where(friendly, 0.85, 0.4)
    root = np.where(cooperative, rng.choice(coop_roots, size=events), rng.choice(conf_roots, size=events))
    roots = np.array(PLOVER_ROOTS)[root]
    start = date(2000, 1, 1).toordinal()
    days = rng.integers(0, 365 * years, size=events)
    dates = np.array([date.fromordinal(start + int(d)) for d in np.unique(days)])
    day_values = dates[np.searchsorted(np.unique(days), days)]
    contexts = [["military"] if r == "COOPERATE" and f else [] for r, f in
                zip(roots[:1000], friendly[:1000], strict=True)] + [[]] * (events - 1000)
    return pa.table({
        "id": pa.array(np.arange(1, events + 1)),
        "date": pa.array(day_values, type=pa.date32()),
        "source": pa.array(codes[src]), "target": pa.array(codes[tgt]),
        "event": pa.array(roots), "quad": pa.array(np.where(cooperative, 1, 3).astype(np.int8)),
        "cameo": pa.array([None] * events, type=pa.string()),
        "context": pa.array(contexts, type=pa.list_(pa.string())),
        "confidence": pa.array(rng.choice([1.0, 0.8, 0.5], size=events)),
        "mode": pa.array([None] * events, type=pa.string()),
        "source_sector": pa.array([""] * events), "target_sector": pa.array([""] * events),
        "source_role": pa.array([""] * events), "target_role": pa.array([""] * events),
    })


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--states", type=int, default=200)
    parser.add_argument("--years", type=int, default=20)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--resamples", type=int, default=10)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args(argv)
    assert PLOVER_WEIGHT  # the weights the frame uses

    from blocwatch.relations.alignment import compute_alignment, window_network
    from blocwatch.relations.analysis import _resampler
    from blocwatch.relations.blocs import partition, stability
    from blocwatch.relations.dyads import event_frame
    from blocwatch.relations.polarity import polarity
    from blocwatch.store import open_store

    table = synthetic_events(args.states, args.years, args.events, args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "bench.duckdb")
        store.con.register("synthetic", table)
        store.con.execute(
            "INSERT INTO events (id, origin, event, quad, context, modality, confidence, date, "
            "source_country, target_country) SELECT id, 'plover', event, quad, context, 'asserted', "
            "confidence, date, source, target FROM synthetic")
        store.con.unregister("synthetic")
        from blocwatch.store import relations as sql

        started = time.perf_counter()
        events = sql.relation_events(store)
        read = time.perf_counter()
        store.close()
    frame = event_frame(events, "year")
    result = compute_alignment(frame)
    aligned = time.perf_counter()
    network = window_network(frame)
    part = partition(network.tie_strength(), args.seed)
    pol = polarity(network.tie_strength(), part.labels)
    blocs_done = time.perf_counter()
    stab = stability(part, _resampler(frame), args.resamples, args.seed)
    done = time.perf_counter()
    settings = Settings({"resamples": args.resamples})
    print(f"{args.events} events, {len(frame.states)} states, {len(frame.periods)} years, "
          f"{len(result)} dyad-years; seed {settings.seed if args.seed is None else args.seed}")
    print(f"read from store   {read - started:6.2f} s")
    print(f"frame + alignment {aligned - read:6.2f} s")
    print(f"network + blocs   {blocs_done - aligned:6.2f} s  ({part.k} blocs, {pol.reading}, "
          f"index {pol.index:.2f})")
    print(f"{args.resamples:3d} resamples     {done - blocs_done:6.2f} s  (mean ARI {stab.mean_ari:.2f})")
    total = done - started
    print(f"total             {total:6.2f} s  (target < 30 s for 200 states x 20 years x 1,000,000 events)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
