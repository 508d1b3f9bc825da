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
Ends with ``un_spearman: 0.NN auc: 0.NN``.

    .venv/bin/python benchmarks/alignment_validity.py [--reference DIR] [--min-events 5]
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
import time
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


def evaluate(name: str, keys: list[tuple[str, str, int]], score: np.ndarray,
             un: dict, pacts: set) -> tuple[float, float]:
    un_pairs = [(s, un[k]) for k, s in zip(keys, score, strict=True) if k in un]
    rho = spearmanr([s for s, _ in un_pairs], [u for _, u in un_pairs]).statistic
    labelled = [(k in pacts, s) for k, s in zip(keys, score, strict=True) if k[2] <= LAST_PACT_YEAR]
    labels = [lab for lab, _ in labelled]
    auc = roc_auc_score(labels, [s for _, s in labelled]) if 0 < sum(labels) < len(labels) else float("nan")
    top = np.argsort(-score, kind="stable")[:50]
    top_share = float(np.mean([keys[i] in pacts for i in top]))
    print(f"{name:>10}: dyad-years {len(keys):5d}  with UN votes {len(un_pairs):4d}  "
          f"spearman {rho:+.3f}  pacts {sum(labels):3d}  auc {auc:.3f}  top-50 with pact {top_share:.2f}")
    return rho, auc


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", type=Path, default=DEFAULT_REFERENCE)
    parser.add_argument("--min-events", type=int, default=5)
    parser.add_argument("--components", action="store_true",
                        help="also measure each term of the model on its own")
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
        for term in ("direct", "camp", "security", "consult"):
            evaluate(term, keys, getattr(result, term)[keep], un, pacts)
    rho, auc = evaluate("alignment", keys, result.alignment[keep], un, pacts)
    print(f"({time.perf_counter() - started:.1f} s)")
    print(f"un_spearman: {rho:.2f} auc: {auc:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
