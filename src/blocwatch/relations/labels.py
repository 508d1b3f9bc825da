"""Declared labels: what the parties call their relationship ("allies",
"strategic partnership", "rivals"), read from label claims, as a signed
strength per dyad and period.

This is the one input of alignment that is not an event: a claim made in the
text, weighted by its confidence (a denied "formal allies" has confidence 0
and counts for nothing).  Treaties and memberships are never read here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import numpy as np

from blocwatch.relations.dyads import EventFrame, period_label_of

# First match wins: the most specific wording comes first.
LABEL_STRENGTH: tuple[tuple[re.Pattern[str], float], ...] = (
    (re.compile(r"\b(enem(y|ies)|adversar(y|ies)|foes?|hostile)\b", re.I), -1.0),
    (re.compile(r"\b(rivals?|rivalry|rivalries|competitors?|threat)\b", re.I), -0.6),
    (re.compile(r"\b(all(y|ies|iance)|allied)\b", re.I), 1.0),
    (re.compile(r"\bstrategic partner(s|ship)?\b", re.I), 0.7),
    (re.compile(r"\b(partners?|partnership|friends?|friendship|brothers?)\b", re.I), 0.4),
)


def label_strength(value: str) -> float:
    for pattern, strength in LABEL_STRENGTH:
        if pattern.search(value):
            return strength
    return 0.0


def labelled_states(claims: Iterable[dict[str, Any]]) -> set[str]:
    """States that a current, dated label claim with some weight names: they
    belong in the network even when no event of theirs was coded."""
    out: set[str] = set()
    for claim in claims:
        if claim.get("date") is None or claim.get("superseded_by") is not None:
            continue
        if label_strength(claim["value"]) * float(claim.get("confidence") or 0.0) != 0.0:
            out.update((str(claim["a"]), str(claim["b"])))
    return out


def declared_matrices(frame: EventFrame, claims: Iterable[dict[str, Any]],
                      period: str) -> np.ndarray:
    """(periods, N, N) strongest confidence-weighted label per dyad and period
    (by absolute value), over the frame's states and periods; claims about
    states or periods without events are left out."""
    n, t = len(frame.states), len(frame.periods)
    out = np.zeros((t, n, n))
    index = {str(s): i for i, s in enumerate(frame.states)}
    periods = {str(p): k for k, p in enumerate(frame.periods)}
    for claim in claims:
        if claim.get("date") is None or claim.get("superseded_by") is not None:
            continue
        i, j = index.get(claim["a"]), index.get(claim["b"])
        k = periods.get(period_label_of(claim["date"], period))
        if i is None or j is None or k is None or i == j:
            continue
        value = label_strength(claim["value"]) * float(claim.get("confidence") or 0.0)
        if abs(value) > abs(out[k, i, j]):
            out[k, i, j] = out[k, j, i] = value
    return out
