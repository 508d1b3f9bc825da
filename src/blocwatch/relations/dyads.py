"""Dyad-period series: events between two states aggregated by period
(month, quarter or year), directed or undirected, with counts by PLOVER
type and quad class and a net cooperation score.

Everything is vectorised over events (numpy ``bincount`` on integer keys):
no Python loop runs per event.  Every event counts with its confidence
(the modality weight the coder gave it; imported events have 1).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from blocwatch.errors import SettingError
from blocwatch.relations.codes import (
    CAMEO_ROOT_WEIGHT,
    PLOVER_QUAD,
    PLOVER_ROOTS,
    PLOVER_WEIGHT,
    SECURITY_CONTEXTS,
    SECURITY_COOPERATION_ROOTS,
)

PERIODS = ("month", "quarter", "year", "all")
TOP_ROLES = ("head_of_state", "head_of_government", "foreign_minister")


@dataclass(frozen=True)
class EventFrame:
    """Events between two states as parallel arrays (one entry per event)."""

    states: np.ndarray  # ISO3 codes, sorted; indexes below point into it
    periods: np.ndarray  # period labels, sorted
    ids: np.ndarray
    source: np.ndarray
    target: np.ndarray
    period: np.ndarray
    root: np.ndarray  # index into PLOVER_ROOTS
    quad: np.ndarray
    weight: np.ndarray  # cooperation weight in [-10, 10]
    confidence: np.ndarray
    security: np.ndarray  # bool: security cooperation (military context or both sides military)
    top_consult: np.ndarray  # bool: consultation between heads of state/government or foreign ministers
    visit: np.ndarray  # bool: one side travelled to the other (PLOVER mode "visit")

    @property
    def size(self) -> int:
        return int(self.ids.shape[0])

    def take(self, mask: np.ndarray) -> EventFrame:
        return EventFrame(self.states, self.periods, *(getattr(self, f)[mask] for f in (
            "ids", "source", "target", "period", "root", "quad", "weight", "confidence",
            "security", "top_consult", "visit")))

    def with_states(self, extra: set[str] | list[str]) -> EventFrame:
        """The same events over more states (states named only by label
        claims, with no event yet), indexes remapped to the sorted union."""
        states = np.array(sorted(set(map(str, self.states)) | set(extra)), dtype=object)
        if len(states) == len(self.states):
            return self
        remap = np.searchsorted(states.astype(str), self.states.astype(str)) \
            if len(self.states) else np.zeros(0, dtype=np.int64)
        return EventFrame(states, self.periods, self.ids, remap[self.source].astype(np.int64),
                          remap[self.target].astype(np.int64), self.period, self.root,
                          self.quad, self.weight, self.confidence, self.security,
                          self.top_consult, self.visit)

    def reweighted(self, factor: np.ndarray) -> EventFrame:
        """The same events with confidences multiplied (bootstrap resamples)."""
        return EventFrame(self.states, self.periods, self.ids, self.source, self.target,
                          self.period, self.root, self.quad, self.weight,
                          self.confidence * factor, self.security, self.top_consult,
                          self.visit)


def period_labels(dates: pa.Array, period: str) -> pa.Array:
    if period not in PERIODS:
        raise SettingError(f"period must be one of {', '.join(PERIODS)}, got {period!r}",
                           hint="--period year")
    if period == "all":
        return pa.array(["all"] * len(dates))
    if period == "year":
        return pc.cast(pc.year(dates), pa.string())
    if period == "month":
        return pc.strftime(pc.cast(dates, pa.timestamp("s")), format="%Y-%m")
    quarter = pc.cast(pc.quarter(dates), pa.string())
    return pc.binary_join_element_wise(pc.cast(pc.year(dates), pa.string()), quarter, "-Q")


def period_label_of(day: date, period: str) -> str:
    """The period label of one date, as `period_labels` writes it."""
    if period == "all":
        return "all"
    if period == "year":
        return str(day.year)
    if period == "month":
        return f"{day.year}-{day.month:02d}"
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def event_frame(table: pa.Table, period: str = "year") -> EventFrame:
    """Build the frame from `store.relations.relation_events` output."""
    n = table.num_rows
    if n == 0:
        empty = np.zeros(0, dtype=np.int64)
        return EventFrame(np.array([], dtype=object), np.array([], dtype=object), empty, empty,
                          empty, empty, empty, empty, np.zeros(0), np.zeros(0),
                          np.zeros(0, dtype=bool), np.zeros(0, dtype=bool),
                          np.zeros(0, dtype=bool))
    src = table.column("source").to_numpy(zero_copy_only=False).astype(str)
    tgt = table.column("target").to_numpy(zero_copy_only=False).astype(str)
    states, inverse = np.unique(np.concatenate([src, tgt]), return_inverse=True)
    labels = period_labels(table.column("date").combine_chunks(), period)
    periods, period_idx = np.unique(labels.to_numpy(zero_copy_only=False).astype(str),
                                     return_inverse=True)
    event = table.column("event").to_numpy(zero_copy_only=False).astype(str)
    roots = np.array(PLOVER_ROOTS)
    order = np.argsort(roots)
    pos = np.searchsorted(roots[order], event)
    pos = np.clip(pos, 0, len(roots) - 1)
    known = roots[order][pos] == event
    root = np.where(known, order[pos], PLOVER_ROOTS.index("STATEMENT"))
    plover_weight = np.array([PLOVER_WEIGHT[r] for r in PLOVER_ROOTS])[root]
    cameo = pc.fill_null(table.column("cameo"), "").to_numpy(zero_copy_only=False).astype("U2")
    cameo_keys = np.array(sorted(CAMEO_ROOT_WEIGHT))
    cpos = np.clip(np.searchsorted(cameo_keys, cameo), 0, len(cameo_keys) - 1)
    has_cameo = cameo_keys[cpos] == cameo
    cameo_weight = np.array([CAMEO_ROOT_WEIGHT[k] for k in cameo_keys])[cpos]
    weight = np.where(has_cameo, cameo_weight, plover_weight)
    quad_col = pc.fill_null(table.column("quad"), 0).to_numpy(zero_copy_only=False).astype(np.int64)
    quad = np.where(quad_col > 0, quad_col, np.array([PLOVER_QUAD[r] for r in PLOVER_ROOTS])[root])
    flat = pc.list_flatten(table.column("context"))
    parents = pc.list_parent_indices(table.column("context"))
    is_security_ctx = pc.is_in(flat, value_set=pa.array(sorted(SECURITY_CONTEXTS)))
    security_ctx = np.zeros(n, dtype=bool)
    hits = parents.to_numpy()[is_security_ctx.to_numpy(zero_copy_only=False)]
    security_ctx[hits] = True
    both_military = (
        (table.column("source_sector").to_numpy(zero_copy_only=False).astype(str) == "MIL")
        & (table.column("target_sector").to_numpy(zero_copy_only=False).astype(str) == "MIL")
    )
    coop_root = np.isin(root, [PLOVER_ROOTS.index(r) for r in SECURITY_COOPERATION_ROOTS])
    security = coop_root & (security_ctx | both_military)
    top = np.isin(table.column("source_role").to_numpy(zero_copy_only=False).astype(str), TOP_ROLES) & \
        np.isin(table.column("target_role").to_numpy(zero_copy_only=False).astype(str), TOP_ROLES)
    top_consult = top & (root == PLOVER_ROOTS.index("CONSULT"))
    return EventFrame(
        states=states, periods=periods,
        ids=table.column("id").to_numpy(zero_copy_only=False).astype(np.int64),
        source=inverse[:n].astype(np.int64), target=inverse[n:].astype(np.int64),
        period=period_idx.astype(np.int64), root=root.astype(np.int64), quad=quad,
        weight=weight.astype(float),
        confidence=table.column("confidence").to_numpy(zero_copy_only=False).astype(float),
        security=security, top_consult=top_consult,
        visit=pc.fill_null(table.column("mode"), "").to_numpy(zero_copy_only=False).astype(str)
        == "visit",
    )


@dataclass(frozen=True)
class DyadSeries:
    """One row per dyad and period (``a``/``b`` are ISO3; undirected: a < b)."""

    a: np.ndarray
    b: np.ndarray
    period: np.ndarray
    events: np.ndarray  # raw count
    weighted: np.ndarray  # sum of confidences
    by_type: np.ndarray  # (rows, len(PLOVER_ROOTS)) confidence-weighted counts
    by_quad: np.ndarray  # (rows, 4)
    net_cooperation: np.ndarray  # confidence-weighted mean weight / 10, in [-1, 1]
    security: np.ndarray  # confidence-weighted security cooperation events
    directed: bool

    def __len__(self) -> int:
        return int(self.a.shape[0])

    def rows(self) -> list[dict[str, object]]:
        out = []
        for i in range(len(self)):
            out.append({
                "a": str(self.a[i]), "b": str(self.b[i]), "period": str(self.period[i]),
                "events": int(self.events[i]), "weighted_events": round(float(self.weighted[i]), 3),
                "net_cooperation": round(float(self.net_cooperation[i]), 4),
                "security_cooperation": round(float(self.security[i]), 3),
                "quads": [round(float(x), 3) for x in self.by_quad[i]],
                "types": {r: round(float(x), 3) for r, x in zip(PLOVER_ROOTS, self.by_type[i],
                                                                 strict=True) if x},
            })
        return out


def dyad_series(frame: EventFrame, *, directed: bool = False) -> DyadSeries:
    n_states = max(len(frame.states), 1)
    n_periods = max(len(frame.periods), 1)
    if directed:
        a, b = frame.source, frame.target
    else:
        a, b = np.minimum(frame.source, frame.target), np.maximum(frame.source, frame.target)
    key = (a * n_states + b) * n_periods + frame.period
    groups, inverse = np.unique(key, return_inverse=True)
    g = len(groups)
    conf = frame.confidence
    events = np.bincount(inverse, minlength=g)
    weighted = np.bincount(inverse, weights=conf, minlength=g)
    n_roots = len(PLOVER_ROOTS)
    by_type = np.bincount(inverse * n_roots + frame.root, weights=conf,
                          minlength=g * n_roots).reshape(g, n_roots)
    by_quad = np.bincount(inverse * 4 + np.clip(frame.quad - 1, 0, 3), weights=conf,
                          minlength=g * 4).reshape(g, 4)
    tone = np.bincount(inverse, weights=conf * frame.weight, minlength=g)
    security = np.bincount(inverse, weights=conf * frame.security, minlength=g)
    with np.errstate(invalid="ignore", divide="ignore"):
        net = np.where(weighted > 0, tone / (10.0 * weighted), 0.0)
    pair, period = np.divmod(groups, n_periods)
    ia, ib = np.divmod(pair, n_states)
    return DyadSeries(frame.states[ia], frame.states[ib], frame.periods[period], events, weighted,
                      by_type, by_quad, net, security, directed)


def parse_day(text: str | None, *, end: bool = False) -> date | None:
    """--from / --to values: YYYY, YYYY-MM or YYYY-MM-DD (``end``: the last
    day of a year or month, for --to)."""
    if not text:
        return None
    text = text.strip()
    try:
        if len(text) == 4:
            return date(int(text), 12, 31) if end else date(int(text), 1, 1)
        if len(text) == 7:
            year, month = int(text[:4]), int(text[5:])
            if not end:
                return date(year, month, 1)
            following = date(year + month // 12, month % 12 + 1, 1)
            return date.fromordinal(following.toordinal() - 1)
        return date.fromisoformat(text)
    except ValueError as err:
        raise SettingError(f"not a date: {text!r}", hint="--from 2014 or --from 2014-03-01") from err
