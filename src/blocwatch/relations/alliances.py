"""Alliances: formal ones (from ties) and undeclared ones inferred from
behaviour.

A dyad is an undeclared alliance when, over the window, its alignment and its
security cooperation both reach the level typical of the formally allied
dyads in the same data (the lower quartile of theirs, when at least
`MIN_CALIBRATION` allied dyads have enough events), or documented defaults
otherwise, and no defence pact between the two is in force.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np

from blocwatch.relations.numbers import tidy
from blocwatch.relations.ties import FormalTies

MIN_CALIBRATION = 5
MIN_EVENTS = 3.0  # confidence-weighted events before a dyad is judged at all
DEFAULT_ALIGNMENT = 0.6
DEFAULT_SECURITY = 0.05
CALIBRATION_QUANTILE = 0.25
# Some security cooperation is always required: allies in thin data often show
# none, which would make the security test vacuous.
SECURITY_FLOOR = 0.02


@dataclass(frozen=True)
class AllianceFinding:
    a: str
    b: str
    kind: str  # formal, undeclared
    alignment: float
    uncertainty: float
    security: float
    events: float
    confidence: float
    ties: tuple[str, ...] = ()  # formal: treaty / organisation names
    labels: tuple[dict[str, Any], ...] = ()  # declared labels (claims), newest first
    evidence: tuple[dict[str, Any], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "a": self.a, "b": self.b, "kind": self.kind,
            "alignment": tidy(self.alignment), "uncertainty": tidy(self.uncertainty),
            "security_cooperation": tidy(self.security), "events": tidy(self.events, 2),
            "confidence": tidy(self.confidence, 3), "ties": list(self.ties),
            "labels": [_jsonable(x) for x in self.labels],
            "evidence": [_jsonable(x) for x in self.evidence],
        }


def _jsonable(d: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in d.items()}


@dataclass(frozen=True)
class Thresholds:
    alignment: float
    security: float
    calibrated_on: int  # allied dyads used; 0 means the defaults
    notes: tuple[str, ...] = field(default_factory=tuple)


def _default_thresholds_note(count: int) -> str:
    pairs = "No formally allied pair has" if count == 0 else \
        f"Only {count} formally allied pair{'s' if count != 1 else ''} {'have' if count != 1 else 'has'}"
    return (f"{pairs} enough events here to calibrate the undeclared-alliance threshold "
            f"(at least {MIN_CALIBRATION} are needed), so the documented default is used")


def calibrate(align: np.ndarray, security: np.ndarray, weight: np.ndarray,
              allied: np.ndarray) -> Thresholds:
    """Thresholds from the formally allied dyads with enough events."""
    usable = allied & (weight >= MIN_EVENTS)
    count = int(usable.sum())
    if count < MIN_CALIBRATION:
        return Thresholds(DEFAULT_ALIGNMENT, DEFAULT_SECURITY, 0,
                          (_default_thresholds_note(count),))
    return Thresholds(
        float(np.quantile(align[usable], CALIBRATION_QUANTILE)),
        max(SECURITY_FLOOR, float(np.quantile(security[usable], CALIBRATION_QUANTILE))),
        count,
    )


def find_alliances(
    states: np.ndarray, align: np.ndarray, uncertainty: np.ndarray, weight: np.ndarray,
    security: np.ndarray, ties: FormalTies, *, date_from: date | None = None,
    date_to: date | None = None,
) -> tuple[list[AllianceFinding], Thresholds, list[tuple[int, int]]]:
    """Formal and undeclared alliances among ``states`` (N x N window matrices).
    Returns the findings, the thresholds used and the (i, j) of the undeclared."""
    n = len(states)
    index = {s: i for i, s in enumerate(states)}
    allied = np.zeros((n, n), dtype=bool)
    pact_names: dict[tuple[int, int], tuple[str, ...]] = {}
    for (a, b), found in ties.pairs(date_from, date_to, kind="defense").items():
        if a in index and b in index:
            i, j = sorted((index[a], index[b]))
            allied[i, j] = allied[j, i] = True
            pact_names[(i, j)] = tuple(sorted({t.source or t.kind for t in found}))
    iu = np.triu_indices(n, k=1)
    thresholds = calibrate(align[iu], security[iu], weight[iu], allied[iu])
    findings: list[AllianceFinding] = []
    undeclared: list[tuple[int, int]] = []
    for (i, j), names in sorted(pact_names.items()):
        findings.append(AllianceFinding(
            str(states[i]), str(states[j]), "formal", tidy(align[i, j]), tidy(uncertainty[i, j]),
            tidy(security[i, j]), float(weight[i, j]), 1.0, names))
    candidates = (align >= thresholds.alignment) & (security >= thresholds.security) & \
        (weight >= MIN_EVENTS) & ~allied
    for i, j in zip(*np.nonzero(np.triu(candidates, k=1)), strict=True):
        margin = (align[i, j] - thresholds.alignment) / max(1e-6, 1.0 - thresholds.alignment)
        confidence = float(np.clip((1.0 - uncertainty[i, j]) * (0.5 + 0.5 * margin), 0.0, 1.0))
        findings.append(AllianceFinding(
            str(states[i]), str(states[j]), "undeclared", tidy(align[i, j]),
            tidy(uncertainty[i, j]), tidy(security[i, j]), float(weight[i, j]), confidence))
        undeclared.append((int(i), int(j)))
    findings.sort(key=lambda f: (f.kind != "undeclared", -f.alignment, f.a, f.b))
    return findings, thresholds, undeclared
