"""Blocs: a partition of the signed, weighted alignment network.

Spectral clustering on the signed normalised Laplacian (Kunegis et al. 2010)
for k = 2..MAX_BLOCS, keeping the k with the highest signed modularity
(Gómez et al. 2009); k-means is seeded.  Then each state's attachment to each
bloc is read off its ties: a state is a member only when it is tied to one
bloc clearly more than to any other, its tie to some member of the bloc's
core reaches `MEMBER_TIE` while its mean tie to the core is positive (the
core: the members whose mean tie to the rest of their group is at least
`CORE_SHARE` of the group's highest, or the group's strongest pair), and it has no such tie to
another bloc's core.  A tie is alignment times the evidence behind it.  A state tied
only weakly (friendly labels, a few events) is never absorbed: it is a swing
state, with the reason ("tied to both" blocs, "tied weakly to one", "tied to
neither"), and an isolated one stays outside every bloc.
Stability: the share of bootstrap resamples of the events (Poisson weights,
seeded) whose partition agrees with this one (adjusted Rand index), and per
state the share of resamples that keep it with the same bloc-mates.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_rand_score

MAX_BLOCS = 6
MIN_STRENGTH = 0.15  # sum of |tie| below which a state is isolated
MIN_ATTACHMENT = 0.15  # net tie to its bloc, per unit of strength, to be a member
SWING_RATIO = 0.5  # second-best bloc tie at least this share of the best: swing
MIN_MODULARITY = 0.02
CORE_SHARE = 0.5  # mean tie to the rest of its group, as a share of the group's
# highest, for a state to be in a bloc's core
MEMBER_TIE = 0.35  # strongest tie to a core member needed for membership; the same
# tie to another bloc's core makes a state "tied to both" (a swing state)
WEAK_TIE = 0.05  # strongest tie to a core below which a state is not tied to that bloc


@dataclass(frozen=True)
class Partition:
    labels: np.ndarray  # bloc per state, -1 outside every bloc
    k: int
    modularity: float
    attachment: np.ndarray  # (N, k) positive tie per bloc / strength
    swing: np.ndarray  # bool
    isolated: np.ndarray  # bool
    core_tie: np.ndarray = field(default_factory=lambda: np.zeros((0, 0)))  # (N, k) strongest tie to each core
    swing_reason: tuple[str, ...] = ()  # per state, "" unless swing


def signed_modularity(ties: np.ndarray, labels: np.ndarray) -> float:
    pos, neg = np.maximum(ties, 0.0), np.maximum(-ties, 0.0)
    wp, wn = pos.sum() / 2.0, neg.sum() / 2.0
    if wp + wn == 0:
        return 0.0
    sp, sn = pos.sum(1), neg.sum(1)
    same = labels[:, None] == labels[None, :]
    expected = np.zeros_like(ties)
    if wp > 0:
        expected += np.outer(sp, sp) / (2.0 * wp)
    if wn > 0:
        expected -= np.outer(sn, sn) / (2.0 * wn)
    return float(((ties - expected) * same).sum() / (2.0 * (wp + wn)))


def _spectral(ties: np.ndarray, k: int, seed: int) -> np.ndarray:
    strength = np.abs(ties).sum(1)
    inv = 1.0 / np.sqrt(np.maximum(strength, 1e-12))
    laplacian = np.eye(len(ties)) - inv[:, None] * ties * inv[None, :]
    _, vectors = np.linalg.eigh(laplacian)
    emb = vectors[:, :k]
    emb = emb / np.maximum(np.linalg.norm(emb, axis=1, keepdims=True), 1e-12)
    return KMeans(n_clusters=k, n_init=10, random_state=seed).fit_predict(emb)


def partition(ties: np.ndarray, seed: int, *, k: int | None = None) -> Partition:
    """Partition states by their signed ties (N x N, symmetric, zero diagonal)."""
    n = len(ties)
    strength = np.abs(ties).sum(1)
    active = np.nonzero(strength >= MIN_STRENGTH)[0]
    labels = np.full(n, -1)
    best_k, best_q = 0, 0.0
    if len(active) >= 2:
        sub = ties[np.ix_(active, active)]
        options = [k] if k else range(2, min(MAX_BLOCS, len(active)) + 1)
        best_labels = None
        for candidate in options:
            if candidate > len(active):
                continue
            found = _spectral(sub, candidate, seed)
            q = signed_modularity(sub, found)
            if best_labels is None or q > best_q + 1e-9:
                best_k, best_q, best_labels = candidate, q, found
        if best_labels is not None and (k or best_q >= MIN_MODULARITY):
            labels[active] = best_labels
        elif sub.sum() > 0:
            # No split beats one group, and the group is friendly: one bloc.
            labels[active] = 0
            best_k, best_q = 1, 0.0
        else:
            best_k = 0
    return _attach(ties, labels, best_k, best_q, strength)


def _core(ties: np.ndarray, members: np.ndarray) -> np.ndarray:
    """The members of a group most tied to the rest of it."""
    if len(members) < 2:
        return members
    sub = ties[np.ix_(members, members)]
    mean = sub.sum(1) / (len(members) - 1)
    core = members[(mean >= CORE_SHARE * mean.max()) & (mean > 0)]
    if len(core) >= 2:
        return core
    i, j = np.unravel_index(np.argmax(sub + np.diag(np.full(len(members), -np.inf))), sub.shape)
    return members[[i, j]]


def _mean_tie(ties: np.ndarray, core: np.ndarray) -> np.ndarray:
    """Mean tie of every state to a core (a core member's own cell left out)."""
    if not len(core):
        return np.zeros(len(ties))
    total = ties[:, core].sum(1)
    inside = np.isin(np.arange(len(ties)), core)
    return total / np.where(inside, max(len(core) - 1, 1), len(core))


def _attach(ties: np.ndarray, raw: np.ndarray, k: int, q: float, strength: np.ndarray) -> Partition:
    n = len(ties)
    attachment = np.zeros((n, max(k, 1)))
    core_tie = np.zeros((n, max(k, 1)))
    core_max = np.zeros((n, max(k, 1)))  # strongest tie to one member of the core
    for c in range(k):
        members = raw == c
        attachment[:, c] = ties[:, members].sum(1) / np.maximum(strength, 1e-12)
        core = _core(ties, np.nonzero(members)[0])
        core_tie[:, c] = _mean_tie(ties, core)
        if len(core):
            core_max[:, c] = ties[:, core].max(1)
    labels = np.full(n, -1)
    isolated = strength < MIN_STRENGTH
    if k:
        order = np.sort(attachment, axis=1)[:, ::-1]
        best = attachment.argmax(1)
        first = order[:, 0]
        second = order[:, 1] if k > 1 else np.zeros(n)
        # A strong tie to a core member of another bloc: tied to both, so a swing state.
        elsewhere = np.where(np.arange(max(k, 1))[None, :] == best[:, None], -np.inf, core_max)
        tied_elsewhere = elsewhere.max(1) >= MEMBER_TIE if k > 1 else np.zeros(n, dtype=bool)
        rows = np.arange(n)
        member = (~isolated) & (first >= MIN_ATTACHMENT) & (second < SWING_RATIO * first) & \
            (core_max[rows, best] >= MEMBER_TIE) & (core_tie[rows, best] > 0) & ~tied_elsewhere
        labels[member] = best[member]
    # A bloc of one is no bloc.
    for c in range(k):
        if (labels == c).sum() < 2:
            labels[labels == c] = -1
    kept = [c for c in range(k) if (labels == c).any()]
    # Renumber blocs by size (largest first) so that labels are stable to read.
    kept.sort(key=lambda c: (-(labels == c).sum(), c))
    mapping = {c: i for i, c in enumerate(kept)}
    new = np.array([mapping.get(int(x), -1) for x in labels]) if n else labels
    att = attachment[:, kept] if kept else np.zeros((n, 0))
    strongest = core_max[:, kept] if kept else np.zeros((n, 0))
    swing, reasons = _swing(new, strongest, isolated)
    return Partition(new, len(kept), q, att, swing, isolated, strongest, reasons)


def _swing(labels: np.ndarray, core_tie: np.ndarray, isolated: np.ndarray
           ) -> tuple[np.ndarray, tuple[str, ...]]:
    """Active states outside every bloc, with why: tied to two or more blocs,
    tied (too weakly for membership) to one, or tied to none."""
    n = len(labels)
    swing = np.zeros(n, dtype=bool)
    reasons = [""] * n
    if core_tie.shape[1] == 0:
        return swing, tuple(reasons)
    for i in range(n):
        if labels[i] >= 0 or isolated[i]:
            continue
        tied = int((core_tie[i] >= WEAK_TIE).sum())
        swing[i] = True
        reasons[i] = ("tied to both" if tied == 2 else "tied to several" if tied > 2 else
                      "tied weakly to one" if tied == 1 else "tied to neither")
    return swing, tuple(reasons)


@dataclass(frozen=True)
class Stability:
    mean_ari: float
    per_state: np.ndarray  # share of resamples keeping the state's bloc-mates
    resamples: int


def stability(reference: Partition, resample_ties: Callable[[np.random.Generator], np.ndarray],
              resamples: int, seed: int) -> Stability:
    """Agreement of the partitions of `resamples` bootstrap networks with
    the reference (same number of blocs, same seed for k-means)."""
    rng = np.random.default_rng(seed)
    n = len(reference.labels)
    if resamples <= 0 or reference.k == 0:
        return Stability(float("nan"), np.full(n, np.nan), 0)
    aris, keep = [], np.zeros(n)
    ref_same = reference.labels[:, None] == reference.labels[None, :]
    in_bloc = reference.labels >= 0
    for _ in range(resamples):
        ties = resample_ties(rng)
        other = partition(ties, seed, k=max(reference.k, 2))
        aris.append(adjusted_rand_score(reference.labels, other.labels))
        same = other.labels[:, None] == other.labels[None, :]
        both = ref_same & in_bloc[:, None] & in_bloc[None, :]
        agree = ((same & both).sum(1)) / np.maximum(both.sum(1), 1)
        keep += np.where(in_bloc, agree, (other.labels == -1))
    return Stability(float(np.mean(aris)), keep / resamples, resamples)
