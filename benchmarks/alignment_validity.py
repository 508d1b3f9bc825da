"""Validity of the alignment scores on real data (docs/methods.md, "Validity
on real data").

Imports the ICEWS sample of ../shared/reference, computes per-year alignment
for dyads with at least 5 events, and prints
  (a) the Spearman correlation with the share of identical UN General
      Assembly votes of the two states that year (2005-2009),
  (b) the ROC AUC of alignment for dyad-years with a COW defence pact in
      force (years <= 2012) against the rest,
  (c) the share of the 50 most aligned dyad-years that have a pact,
and the same for the plain cooperative-minus-conflictual share baseline.
Each line is printed for the full period and for two halves: design choices
(terms, weights) are made on 2005-2008 only and 2009-2012 is the held-out
check (UN votes exist to 2009, so the held-out Spearman rests on 2009 alone).
Ends with ``un_spearman: 0.NN auc: 0.NN`` (full period).

    .venv/bin/python benchmarks/alignment_validity.py [--reference DIR] [--min-events 5]
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
import time
import zlib
from collections import defaultdict
from pathlib import Path

import numpy as np
from scipy.stats import spearmanr
from sklearn.metrics import roc_auc_score

from blocwatch.relations.alignment import compute_alignment
from blocwatch.relations.dyads import event_frame
from blocwatch.relations.importers import import_events
from blocwatch.relations.names import name_tables
from blocwatch.relations.ties import import_alliances
from blocwatch.store import open_store
from blocwatch.store import relations as sql

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_REFERENCE = ROOT.parent / "shared" / "reference"
LAST_PACT_YEAR = 2012
# (label, first year, last year): choose on the first, report on the others.
SPLITS = (("choose 2005-08", 2005, 2008), ("held-out 2009-12", 2009, 2012),
          ("full", 2005, LAST_PACT_YEAR))


def un_agreement(reference: Path) -> dict[tuple[str, str, int], float]:
    """Share of identical votes per (a, b, year), a < b, over roll calls both voted in."""
    iso2 = name_tables().iso2
    years = {}
    with (reference / "un_roll_calls_2005_2009.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            years[row["rcid"]] = int(row["date"][:4])
    votes: dict[str, dict[str, str]] = defaultdict(dict)
    with (reference / "un_votes_2005_2009.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            iso3 = iso2.get(row["country_code"])
            if iso3 and row["rcid"] in years:
                votes[row["rcid"]][iso3] = row["vote"]
    states = sorted({s for v in votes.values() for s in v})
    index = {s: i for i, s in enumerate(states)}
    by_year: dict[int, list[dict[str, str]]] = defaultdict(list)
    for rcid, cast in votes.items():
        by_year[years[rcid]].append(cast)
    out = {}
    vote_codes = {"yes": 1, "no": 2, "abstain": 3}
    for year, calls in by_year.items():
        matrix = np.zeros((len(calls), len(states)), dtype=np.int8)
        for r, cast in enumerate(calls):
            for state, vote in cast.items():
                matrix[r, index[state]] = vote_codes.get(vote, 0)
        present = (matrix > 0).astype(np.int32)
        both = present.T @ present
        same = np.zeros_like(both)
        for code in vote_codes.values():
            hit = (matrix == code).astype(np.int32)
            same += hit.T @ hit
        for i in range(len(states)):
            for j in range(i + 1, len(states)):
                if both[i, j] >= 10:
                    out[(states[i], states[j], year)] = same[i, j] / both[i, j]
    return out


def _figures(keys: list[tuple[str, str, int]], score: np.ndarray, un: dict, pacts: set,
             first: int, last: int) -> tuple[float, float, int, int]:
    """(Spearman with UN agreement, pact AUC, dyad-years with UN votes, pacts)
    over the dyad-years of years first..last."""
    rows = [(k, s) for k, s in zip(keys, score, strict=True) if first <= k[2] <= last]
    un_pairs = [(s, un[k]) for k, s in rows if k in un]
    rho = spearmanr([s for s, _ in un_pairs], [u for _, u in un_pairs]).statistic \
        if len(un_pairs) > 2 else float("nan")
    labels = [k in pacts for k, _ in rows]
    auc = roc_auc_score(labels, [s for _, s in rows]) \
        if 0 < sum(labels) < len(labels) else float("nan")
    return float(rho), float(auc), len(un_pairs), sum(labels)


def evaluate(name: str, keys: list[tuple[str, str, int]], score: np.ndarray,
             un: dict, pacts: set) -> tuple[float, float]:
    """Print the figures for each split; return the full period's."""
    labelled = [i for i, k in enumerate(keys) if k[2] <= LAST_PACT_YEAR]
    top = [labelled[i] for i in np.argsort(-score[labelled], kind="stable")[:50]]
    top_share = float(np.mean([keys[i] in pacts for i in top]))
    parts = []
    for label, first, last in SPLITS:
        rho, auc, with_un, n_pacts = _figures(keys, score, un, pacts, first, last)
        parts.append(f"{label} {rho:+.3f}/{auc:.3f} ({with_un} UN, {n_pacts} pacts)")
    print(f"{name:>10}: spearman/auc  " + "  ".join(parts) + f"  top-50 with pact {top_share:.2f}")
    return _figures(keys, score, un, pacts, 2005, LAST_PACT_YEAR)[:2]


def robustness(keys: list[tuple[str, str, int]], score: np.ndarray, pacts: set,
               seed: int = 7, resamples: int = 1000) -> None:
    """How much the pact AUC rests on a few dyads: AUC in two fixed halves of
    the dyads (by a hash of the pair), its range when each pact dyad is left
    out in turn, and a 90% interval from resampling whole dyads."""
    rows = [i for i, k in enumerate(keys) if k[2] <= LAST_PACT_YEAR]
    labels = np.array([keys[i] in pacts for i in rows])
    values = score[rows]
    dyads = np.array([keys[i][0] + "-" + keys[i][1] for i in rows])
    half = np.array([zlib.crc32(d.encode()) % 2 for d in dyads])
    halves = [f"{roc_auc_score(labels[half == h], values[half == h]):.3f} "
              f"({int(labels[half == h].sum())} pacts)" for h in (0, 1)]
    print(f"  dyad halves: auc {halves[0]} / {halves[1]}")
    left_out = [roc_auc_score(labels[dyads != d], values[dyads != d])
                for d in sorted(set(dyads[labels]))]
    print(f"  each of {len(left_out)} pact dyads left out: auc {min(left_out):.3f}-{max(left_out):.3f}")
    rng = np.random.default_rng(seed)
    unique = np.unique(dyads)
    members = {d: np.nonzero(dyads == d)[0] for d in unique}
    aucs = []
    for _ in range(resamples):
        pick = np.concatenate([members[d] for d in rng.choice(unique, len(unique))])
        if 0 < labels[pick].sum() < len(pick):
            aucs.append(roc_auc_score(labels[pick], values[pick]))
    low, high = np.percentile(aucs, [5, 95])
    print(f"  dyads resampled ({len(aucs)} times, seed {seed}): auc 90% interval {low:.3f}-{high:.3f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", type=Path, default=DEFAULT_REFERENCE)
    parser.add_argument("--min-events", type=int, default=5)
    parser.add_argument("--components", action="store_true",
                        help="also measure each term of the model on its own")
    parser.add_argument("--robustness", action="store_true",
                        help="also show how much the pact AUC rests on a few dyads")
    args = parser.parse_args(argv)
    ref = args.reference
    if not (ref / "icews05-15_valid.tsv").exists():
        print(f"{ref} has no icews05-15_valid.tsv: nothing to measure", file=sys.stderr)
        return 2
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "validity.duckdb")
        summary = import_events(store, ref / "icews05-15_valid.tsv", "icews")
        import_alliances(store, ref / "cow_alliance_v4_1_ddyr.csv", "cow")
        table = sql.relation_events(store)
        pacts = {(a, b, y) for a, b, y, defense in sql.alliance_years(store, "cow") if defense}
        store.close()
    print(f"imported {summary.added} ICEWS events ({summary.bad} bad rows); "
          f"{table.num_rows} between officials of two states")
    frame = event_frame(table, "year")
    result = compute_alignment(frame)
    keep = result.events >= args.min_events
    keys = [(str(a), str(b), int(p)) for a, b, p in
            zip(result.a[keep], result.b[keep], result.period[keep], strict=True)]
    un = un_agreement(ref)
    # Baseline: share of cooperative minus conflictual events (quads 1-2 vs 3-4).
    coop = np.zeros(len(result))
    total = np.zeros(len(result))
    lookup = {(str(a), str(b), str(p)): i for i, (a, b, p) in
              enumerate(zip(result.a, result.b, result.period, strict=True))}
    pair_a = np.minimum(frame.source, frame.target)
    pair_b = np.maximum(frame.source, frame.target)
    sign = np.where(frame.quad <= 2, 1.0, -1.0)
    rows = np.array([lookup[(frame.states[x], frame.states[y], frame.periods[p])]
                     for x, y, p in zip(pair_a, pair_b, frame.period, strict=True)])
    np.add.at(coop, rows, sign)
    np.add.at(total, rows, 1.0)
    baseline = (coop / np.maximum(total, 1))[keep]
    evaluate("baseline", keys, baseline, un, pacts)
    if args.components:
        for term in ("direct", "camp", "security", "consult", "visit"):
            evaluate(term, keys, getattr(result, term)[keep], un, pacts)
    rho, auc = evaluate("alignment", keys, result.alignment[keep], un, pacts)
    if args.robustness:
        robustness(keys, result.alignment[keep], pacts)
    print(f"{int(keep.sum())} dyad-years with >= {args.min_events} events "
          f"({time.perf_counter() - started:.1f} s)")
    print(f"un_spearman: {rho:.2f} auc: {auc:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
