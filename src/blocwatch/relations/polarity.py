"""Polarity: how many poles the bloc structure has.

The index is the effective number of blocs (Laakso-Taagepera) over the
blocs' weights, a bloc's weight being the summed tie strength of its members
(how much the events involve them).  Below 1.5 one bloc dominates
(unipolar), below 2.5 two do (bipolar), otherwise multipolar.  With no bloc
at all the reading is "nonpolar".  States outside blocs do not count.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

UNIPOLAR_BELOW = 1.5
BIPOLAR_BELOW = 2.5


@dataclass(frozen=True)
class Polarity:
    reading: str  # unipolar, bipolar, multipolar, nonpolar
    index: float  # effective number of blocs
    bloc_weights: tuple[float, ...]  # shares, by bloc label
    antagonism: float  # mean tie between members of different blocs (negative: hostile)


def polarity(ties: np.ndarray, labels: np.ndarray) -> Polarity:
    blocs = sorted(int(c) for c in set(labels.tolist()) if c >= 0)
    if not blocs:
        return Polarity("nonpolar", 0.0, (), 0.0)
    strength = np.abs(ties).sum(1)
    weights = np.array([strength[labels == c].sum() for c in blocs])
    shares = weights / weights.sum() if weights.sum() > 0 else np.full(len(blocs), 1 / len(blocs))
    index = float(1.0 / np.sum(shares ** 2))
    if index < UNIPOLAR_BELOW:
        reading = "unipolar"
    elif index < BIPOLAR_BELOW:
        reading = "bipolar"
    else:
        reading = "multipolar"
    in_bloc = labels >= 0
    across = in_bloc[:, None] & in_bloc[None, :] & (labels[:, None] != labels[None, :]) & (ties != 0)
    antagonism = float(ties[across].mean()) if across.any() else 0.0
    return Polarity(reading, round(index, 4), tuple(round(float(s), 4) for s in shares),
                    round(antagonism, 4))
