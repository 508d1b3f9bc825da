"""The relations stage as one call: dyads, alignment, formal and undeclared
alliances, blocs, polarity and swing states for a store and a window.

    from blocwatch.relations.analysis import analyse
    result = analyse(store, settings, date_from=None, date_to=None)
    result.to_dict()  # JSON-ready
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import numpy as np
import pyarrow as pa

from blocwatch.relations.alignment import Alignment, Network, compute_alignment, window_network
from blocwatch.relations.alliances import AllianceFinding, Thresholds, find_alliances
from blocwatch.relations.blocs import WEAK_TIE, Partition, Stability, partition, stability
from blocwatch.relations.dyads import EventFrame, event_frame
from blocwatch.relations.labels import declared_matrices, labelled_states
from blocwatch.relations.names import name_tables
from blocwatch.relations.numbers import tidy
from blocwatch.relations.polarity import Polarity, polarity
from blocwatch.relations.ties import FormalTies, formal_ties
from blocwatch.settings import Settings
from blocwatch.store import Store
from blocwatch.store import relations as sql

EVIDENCE_PER_ALLIANCE = 8
# Swing states are listed most-contested first.
SWING_ORDER = ("tied to both", "tied to several", "tied weakly to one", "tied to neither")


@dataclass
class RelationsResult:
    """Everything the relations stage found for one window."""

    date_from: date | None
    date_to: date | None
    period: str
    events: int  # events between officials of two states in the window (copies excluded)
    dyads: list[dict[str, Any]]  # {"a","b","period","alignment","uncertainty","net_cooperation","events", "components", "formal_ties"}
    alliances: list[AllianceFinding]
    thresholds: Thresholds | None
    blocs: list[dict[str, Any]]  # {"id","members","stability"}
    polarity: Polarity
    swing_states: list[dict[str, Any]]  # {"state","reason","blocs":[{"bloc","attachment","core_tie"}]}
    unattached: list[str]  # active states in no bloc and not swing, or isolated
    seed: int
    resamples: int
    stability: float  # mean adjusted Rand index over resamples (nan without blocs)
    notes: list[str] = field(default_factory=list)
    # Whole-window alignment of every pair with events or a declared label (the
    # pooled network alliances and blocs are read from): {"a","b","alignment",
    # "uncertainty","events","weighted_events","net_cooperation","security","declared"}.
    pairs: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "date_from": self.date_from.isoformat() if self.date_from else None,
            "date_to": self.date_to.isoformat() if self.date_to else None,
            "period": self.period, "events": self.events, "dyads": self.dyads,
            "alliances": [a.to_dict() for a in self.alliances],
            "thresholds": None if self.thresholds is None else {
                "alignment": round(self.thresholds.alignment, 4),
                "security": round(self.thresholds.security, 4),
                "calibrated_on": self.thresholds.calibrated_on,
            },
            "blocs": self.blocs,
            "polarity": {"reading": self.polarity.reading, "index": self.polarity.index,
                         "bloc_weights": list(self.polarity.bloc_weights),
                         "antagonism": self.polarity.antagonism},
            "swing_states": self.swing_states, "unattached": self.unattached,
            "seed": self.seed, "resamples": self.resamples,
            "stability": None if np.isnan(self.stability) else round(self.stability, 4),
            "notes": self.notes, "pairs": self.pairs,
        }


def period_bounds(label: str) -> tuple[date | None, date | None]:
    if label == "all":
        return None, None
    year = int(label[:4])
    if len(label) == 4:
        return date(year, 1, 1), date(year, 12, 31)
    if "-Q" in label:
        q = int(label[-1])
        start = date(year, 3 * q - 2, 1)
        end_month = 3 * q
    else:
        start = date(year, int(label[5:7]), 1)
        end_month = start.month
    following = date(year + end_month // 12, end_month % 12 + 1, 1)
    return start, date.fromordinal(following.toordinal() - 1)


def _dyad_rows(frame: EventFrame, ties: FormalTies, min_events: int,
               declared: np.ndarray) -> list[dict[str, Any]]:
    result = compute_alignment(frame, declared)
    keep = np.nonzero(result.events >= max(min_events, 1))[0]
    rows = []
    for i in keep:
        row = result.row(int(i))
        start, end = period_bounds(row["period"])
        row["components"] = result.components(int(i))
        row["formal_ties"] = sorted({f"{t.kind}:{t.source}" for t in
                                     ties.between(row["a"], row["b"], start, end)})
        rows.append(row)
    rows.sort(key=lambda r: (r["period"], r["a"], r["b"]))
    return rows


def _evidence(store: Store, frame: EventFrame, i: int, j: int) -> list[dict[str, Any]]:
    pair = ((frame.source == i) & (frame.target == j)) | ((frame.source == j) & (frame.target == i))
    idx = np.nonzero(pair & (frame.weight > 0))[0]
    if not len(idx):
        return []
    # Security cooperation first, then the most cooperative, most certain events.
    score = frame.security[idx] * 100.0 + frame.weight[idx] * frame.confidence[idx]
    chosen = idx[np.argsort(-score, kind="stable")[:EVIDENCE_PER_ALLIANCE]]
    return sql.event_evidence(store, [int(x) for x in frame.ids[chosen]])


def _labels(claims: list[dict[str, Any]]) -> dict[tuple[str, str], list[dict[str, Any]]]:
    by_pair: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for claim in claims:
        by_pair[(claim["a"], claim["b"])].append({
            "value": claim["value"], "date": claim["date"], "holder": claim["holder"],
            "modality": claim["modality"], "claim_id": claim["id"],
            "sentence": claim["sentence"], "current": claim["superseded_by"] is None,
        })
    return by_pair


def window_pairs(network: Network) -> list[dict[str, Any]]:
    """Every pair with events or a declared label, over the whole window."""
    states = [str(s) for s in network.states]
    declared = network.declared if network.declared is not None else \
        np.zeros_like(network.weight)
    ia, ib = np.nonzero(np.triu((network.weight > 0) | (declared != 0), k=1))
    raw = network.events if network.events is not None else network.weight
    net = network.net_cooperation if network.net_cooperation is not None else \
        np.zeros_like(network.weight)
    return [{"a": states[i], "b": states[j],
             "alignment": tidy(network.alignment[i, j]),
             "uncertainty": tidy(network.uncertainty[i, j]),
             "events": int(raw[i, j]),
             "weighted_events": round(float(network.weight[i, j]), 3),
             "net_cooperation": tidy(net[i, j]),
             "security": tidy(network.security[i, j]),
             "declared": tidy(declared[i, j])}
            for i, j in zip(ia, ib, strict=True)]


def _resampler(frame: EventFrame, declared: np.ndarray | None = None):
    def resample(rng: np.random.Generator) -> np.ndarray:
        factor = rng.poisson(1.0, size=frame.size).astype(float)
        return window_network(frame.reweighted(factor), declared).tie_strength()
    return resample


def _bloc_report(network: Network, part: Partition, stab: Stability) -> tuple[
        list[dict[str, Any]], list[dict[str, Any]], list[str]]:
    states = network.states
    blocs = []
    for c in range(part.k):
        members = np.nonzero(part.labels == c)[0]
        blocs.append({
            "id": c + 1,
            "members": [str(states[m]) for m in members],
            "attachment": {str(states[m]): tidy(part.attachment[m, c]) for m in members},
            "stability": {str(states[m]): (None if np.isnan(stab.per_state[m]) else
                                           round(float(stab.per_state[m]), 3)) for m in members},
        })
    swing = []
    for m in np.nonzero(part.swing)[0]:
        ties = [{"bloc": c + 1, "attachment": tidy(part.attachment[m, c]),
                 "core_tie": tidy(part.core_tie[m, c])}
                for c in range(part.k) if part.core_tie[m, c] >= WEAK_TIE]
        swing.append({"state": str(states[m]), "reason": part.swing_reason[m], "blocs": ties})
    unattached = [str(states[m]) for m in range(len(states))
                  if part.labels[m] < 0 and not part.swing[m]]
    return blocs, swing, unattached


def _named_but_untied(named: list[str], network: Network, part: Partition,
                      swing: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """States the articles name that are in no bloc and have no tie strong
    enough to be read (no coded event, or too few): swing states "tied to
    neither" (only when there are blocs to be tied to)."""
    if part.k == 0:
        return []
    index = {str(s): i for i, s in enumerate(network.states)}
    listed = {x["state"] for x in swing}
    out = []
    for state in named:
        i = index.get(state)
        if state in listed or (i is not None and (part.labels[i] >= 0 or part.swing[i])):
            continue
        out.append({"state": state, "reason": "tied to neither", "blocs": []})
    return out


def drop_after_state_end(table: pa.Table, state_end: dict[str, date]) -> tuple[pa.Table, list[str]]:
    """Events dated after one of their states ceased to exist (the Soviet
    Union after 1991-12-26, say) are resolution errors, usually a historical
    name read as a current actor: they are dropped, with a note, so a state
    that no longer exists is never an active state."""
    if table.num_rows == 0 or not state_end:
        return table, []
    days = table.column("date").to_pylist()
    sources = table.column("source").to_pylist()
    targets = table.column("target").to_pylist()
    keep = []
    dropped: dict[str, int] = defaultdict(int)
    for day, source, target in zip(days, sources, targets, strict=True):
        late = [s for s in (source, target) if s in state_end and day is not None
                and _as_day(day) > state_end[s]]
        for state in late:
            dropped[state] += 1
        keep.append(not late)
    if not dropped:
        return table, []
    notes = [f"{count} event(s) naming {state} dated after it ceased to exist on "
             f"{state_end[state].isoformat()} were left out"
             for state, count in sorted(dropped.items())]
    return table.filter(pa.array(keep)), notes


def _as_day(value: Any) -> date:
    return value.date() if isinstance(value, datetime) else value


def window_events(store: Store, date_from: date | None = None,
                  date_to: date | None = None) -> tuple[pa.Table, list[str]]:
    """The relation events of the window without those dated after one of
    their states ended, and the notes saying what was left out."""
    return drop_after_state_end(sql.relation_events(store, date_from, date_to),
                                name_tables().state_end)


def event_span(table: pa.Table) -> tuple[date | None, date | None]:
    """First and last event day: the window an open --from / --to stands for."""
    if table.num_rows == 0:
        return None, None
    days = [_as_day(d) for d in table.column("date").to_pylist() if d is not None]
    return (min(days), max(days)) if days else (None, None)


def dyad_alignment(store: Store, period: str, date_from: date | None = None,
                   date_to: date | None = None) -> tuple[EventFrame, Alignment]:
    """Events and label claims of the window -> (frame, alignment per dyad-period)."""
    claims = sql.label_claims(store, date_from, date_to)
    frame = event_frame(window_events(store, date_from, date_to)[0], period)
    frame = frame.with_states(labelled_states(claims))
    declared = declared_matrices(frame, claims, period)
    return frame, compute_alignment(frame, declared)


def analyse(
    store: Store, settings: Settings, date_from: date | None = None, date_to: date | None = None,
    *, period: str | None = None, min_events: int | None = None,
) -> RelationsResult:
    """Run the relations stage over the store's events in [date_from, date_to]."""
    period = period or settings.period
    min_events = settings.min_events if min_events is None else min_events
    table, notes = window_events(store, date_from, date_to)
    frame = event_frame(table, period)
    ties = formal_ties(store)
    # An open window means "the events' own span": an organisation dissolved
    # decades before the first event is not a tie in force here.
    first_event, last_event = event_span(table)
    tie_from, tie_to = date_from or first_event, date_to or last_event
    claims = sql.label_claims(store, date_from, date_to)
    frame = frame.with_states(labelled_states(claims))
    declared = declared_matrices(frame, claims, period)
    dyads = _dyad_rows(frame, ties, min_events, declared)
    network = window_network(frame, declared)
    alliances, thresholds, _undeclared = find_alliances(
        network.states, network.alignment, network.uncertainty, network.weight, network.security,
        ties, date_from=tie_from, date_to=tie_to)
    notes.extend(thresholds.notes)
    labels = _labels(claims)
    index = {str(s): i for i, s in enumerate(network.states)}
    enriched = []
    for finding in alliances:
        pair_labels = tuple(labels.get((finding.a, finding.b), ()))
        evidence: tuple[dict[str, Any], ...] = ()
        if finding.kind == "undeclared":
            evidence = tuple(_evidence(store, frame, index[finding.a], index[finding.b]))
        enriched.append(AllianceFinding(
            finding.a, finding.b, finding.kind, finding.alignment, finding.uncertainty,
            finding.security, finding.events, finding.confidence, finding.ties, pair_labels,
            evidence))
    ties_matrix = network.tie_strength()
    part = partition(ties_matrix, settings.seed)
    stab = stability(part, _resampler(frame, declared), settings.resamples, settings.seed)
    blocs, swing, unattached = _bloc_report(network, part, stab)
    # A state that ended before the window (the Soviet Union in a 2014-2024
    # corpus) is named only as history: it is no active state of the window.
    state_end = name_tables().state_end
    named = [s for s in sql.named_states(store, date_from, date_to)
             if tie_from is None or s not in state_end or state_end[s] >= tie_from]
    swing.extend(_named_but_untied(named, network, part, swing))
    unattached = [s for s in unattached if s not in {x["state"] for x in swing}]
    swing.sort(key=lambda x: (SWING_ORDER.index(x["reason"]), x["state"]))
    pol = polarity(ties_matrix, part.labels)
    if frame.size == 0:
        notes.append("no events between officials of two states in the window: "
                     "ingest and code articles, or blocwatch import icews FILE")
    return RelationsResult(
        date_from, date_to, period, frame.size, dyads, enriched, thresholds, blocs, pol, swing,
        unattached, settings.seed, stab.resamples, stab.mean_ari, notes, window_pairs(network))
