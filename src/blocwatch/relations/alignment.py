"""Alignment of two states per period, in [-1, 1], with an uncertainty that
shrinks with evidence.  The model, its weights and its assumptions are in
docs/methods.md ("Alignment"); in short:

    z = W_DIRECT * tanh(direct / DIRECT_SCALE) + W_BALANCE * balance
        + W_MUTUAL * mutual + W_SECURITY * security + W_CONSULT * consult
        + W_DECLARED * declared
    alignment = tanh(z)

- direct: how much more cooperative the dyad is than its two states are with
  everybody (log-odds of the dyad's share of cooperative among cooperative and
  conflictual events, confidence-weighted, against the mean of the two
  states' own log-odds), shrunk toward the
  dyad's whole-window value, which is itself shrunk toward 0.  Busy rivals
  who meet often but quarrel more than they do with others score low.
- balance: signed two-step paths through third states (the friend of my
  friend, the enemy of my enemy), over the whole window.
- mutual: similarity of the two states' profiles toward third states (the
  correlation of their relative stances: who each is friendlier or more
  hostile with than usual).
- security: share of the dyad's weighted events that are security
  cooperation (military context, or both sides military).
- consult: top-level consultation (heads of state and government, foreign
  ministers), normalised by both states' top-level consultations.

- declared: the labels the texts say the parties use ("allies", "strategic
  partnership", "rivals"), from label claims (`relations.labels`).

Only events and claims (with their confidences) go in: formal ties and
memberships are compared with the result, never fed into it.  Deterministic.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from blocwatch.relations.dyads import EventFrame

W_DIRECT = 1.0
W_BALANCE = 1.0
W_MUTUAL = 1.0
W_SECURITY = 1.5
W_CONSULT = 0.3
W_DECLARED = 1.0  # declared labels (claims): allies +1, strategic partners +0.7, rivals -0.6
KAPPA = 5.0  # prior strength of the direct term, in events (cooperative or conflictual)
KAPPA_SECURITY = 3.0  # events
EVIDENCE_SCALE = 5.0  # events at which a tie counts ~63% in the structural terms
BALANCE_DAMPING = 1.0
DIRECT_SCALE = 2.0  # log-odds at which the direct term is ~76% of its maximum


@dataclass(frozen=True)
class Alignment:
    """Undirected dyad-periods with at least one event (a < b, ISO3)."""

    a: np.ndarray
    b: np.ndarray
    period: np.ndarray
    alignment: np.ndarray
    uncertainty: np.ndarray
    net_cooperation: np.ndarray
    events: np.ndarray
    weighted_events: np.ndarray
    direct: np.ndarray
    balance: np.ndarray
    mutual: np.ndarray
    security: np.ndarray
    consult: np.ndarray
    declared: np.ndarray

    def __len__(self) -> int:
        return int(self.a.shape[0])

    def row(self, i: int) -> dict[str, object]:
        return {
            "a": str(self.a[i]), "b": str(self.b[i]), "period": str(self.period[i]),
            "alignment": round(float(self.alignment[i]), 4),
            "uncertainty": round(float(self.uncertainty[i]), 4),
            "net_cooperation": round(float(self.net_cooperation[i]), 4),
            "events": int(self.events[i]),
        }

    def components(self, i: int) -> dict[str, float]:
        return {name: round(float(getattr(self, name)[i]), 4)
                for name in ("direct", "balance", "mutual", "security", "consult", "declared")}

    def take(self, mask: np.ndarray) -> Alignment:
        return Alignment(*(getattr(self, f)[mask] for f in self.__dataclass_fields__))


@dataclass(frozen=True)
class Matrices:
    """Undirected N x N sums over one period (or the window)."""

    positive: np.ndarray  # confidence-weighted cooperative events (weight > 0)
    negative: np.ndarray  # confidence-weighted conflictual events (weight < 0)
    count: np.ndarray  # confidence-weighted events
    raw: np.ndarray  # events
    security: np.ndarray  # confidence-weighted security cooperation events
    top: np.ndarray  # confidence-weighted top-level consultations
    tone: np.ndarray  # confidence * weight (net cooperation numerator)


def matrices(frame: EventFrame, mask: np.ndarray | None = None) -> Matrices:
    n = len(frame.states)
    f = frame if mask is None else frame.take(mask)
    flat_uv = f.source * n + f.target
    flat_vu = f.target * n + f.source

    def sym(weights: np.ndarray) -> np.ndarray:
        m = np.bincount(flat_uv, weights=weights, minlength=n * n) + \
            np.bincount(flat_vu, weights=weights, minlength=n * n)
        return m.reshape(n, n)

    conf = f.confidence
    return Matrices(
        positive=sym(conf * np.maximum(np.sign(f.weight), 0.0)),
        negative=sym(conf * np.maximum(-np.sign(f.weight), 0.0)),
        count=sym(conf),
        raw=sym(np.ones_like(conf)),
        security=sym(conf * f.security),
        top=sym(conf * f.top_consult),
        tone=sym(conf * f.weight),
    )


def _logit(p: np.ndarray) -> np.ndarray:
    return np.log(p) - np.log1p(-p)


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def _state_logodds(m: Matrices) -> np.ndarray:
    pos, neg = m.positive.sum(1), m.negative.sum(1)
    return _logit((pos + 1.0) / (pos + neg + 2.0))


def direct_term(m: Matrices, prior: np.ndarray | None = None) -> np.ndarray:
    """Dyad log-odds of cooperation minus what its two states' baselines predict."""
    lo = _state_logodds(m)
    expected = (lo[:, None] + lo[None, :]) / 2.0
    centre = _sigmoid(expected + (prior if prior is not None else 0.0))
    share = (m.positive + KAPPA * centre) / (m.positive + m.negative + KAPPA)
    return _logit(np.clip(share, 1e-9, 1 - 1e-9)) - expected


def _cosine_profiles(x: np.ndarray) -> np.ndarray:
    """Similarity of rows of x over third columns (the pair's own cells
    excluded), in [-1, 1]."""
    gram = x @ x.T
    # Remove k = a and k = b from the sum: x[a,a]x[b,a] + x[a,b]x[b,b].
    diag = np.diag(x)
    gram -= diag[:, None] * x.T + x * diag[None, :]
    sq = (x * x).sum(1)
    norm_a = sq[:, None] - x * x - (diag * diag)[:, None]
    norm_b = sq[None, :] - x.T * x.T - (diag * diag)[None, :]
    denom = np.sqrt(np.maximum(norm_a, 0) * np.maximum(norm_b, 0)) + 1e-9
    return np.clip(gram / denom, -1.0, 1.0)


def structural_terms(m: Matrices, direct: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(balance, mutual, third-party evidence) for every pair."""
    evidence = 1.0 - np.exp(-m.count / EVIDENCE_SCALE)
    signed = np.tanh(direct) * evidence
    np.fill_diagonal(signed, 0.0)
    two_step = signed @ signed
    magnitude = np.abs(signed) @ np.abs(signed)
    balance = two_step / (magnitude + BALANCE_DAMPING)
    # Profiles of relative stance (how much friendlier than usual each state
    # is with each third state), not raw tone: raw tone mostly says who is busy.
    mutual = _cosine_profiles(signed)
    # Mutual stance needs evidence on both sides: damp it by shared third parties.
    linked = (m.count > 0).astype(float)
    np.fill_diagonal(linked, 0.0)
    shared = linked @ linked
    mutual *= 1.0 - np.exp(-shared / 2.0)
    return balance, mutual, shared


def compute_alignment(frame: EventFrame, declared: np.ndarray | None = None) -> Alignment:
    """Alignment of every undirected dyad-period with events in the frame;
    ``declared``: (periods, N, N) label strengths (`labels.declared_matrices`)."""
    n = len(frame.states)
    if frame.size == 0 or n == 0:
        empty = np.zeros(0)
        return Alignment(np.array([], dtype=object), np.array([], dtype=object),
                         np.array([], dtype=object), *([empty] * 11))
    window = matrices(frame)
    window_direct = direct_term(window)
    balance, mutual_w, shared = structural_terms(window, window_direct)
    n_periods = len(frame.periods)
    out: dict[str, list[np.ndarray]] = {k: [] for k in Alignment.__dataclass_fields__}
    iu = np.triu_indices(n, k=1)
    for t in range(n_periods):
        mask = frame.period == t
        if not mask.any():
            continue
        m = window if n_periods == 1 else matrices(frame, mask)
        direct = direct_term(m, prior=window_direct) if n_periods > 1 else window_direct
        if n_periods > 1:
            _, mutual_t, _ = structural_terms(m, direct)
            mutual = 0.5 * (mutual_t + mutual_w)
        else:
            mutual = mutual_w
        total = m.positive + m.negative
        security = m.security / (total + KAPPA_SECURITY)
        top = m.top.sum(1)
        consult = m.top / np.sqrt(np.maximum(np.outer(top, top), 1e-9))
        z = (W_DIRECT * np.tanh(direct / DIRECT_SCALE) + W_BALANCE * balance + W_MUTUAL * mutual
             + W_SECURITY * security + W_CONSULT * consult)
        labels = declared[t] if declared is not None else np.zeros((n, n))
        z = z + W_DECLARED * labels
        n_eff = m.count + 0.25 * window.count + 0.5 * shared
        uncertainty = 1.0 / np.sqrt(1.0 + n_eff)
        with np.errstate(invalid="ignore", divide="ignore"):
            tone = np.where(m.count > 0, m.tone / (10.0 * m.count), 0.0)
        present = m.raw[iu] > 0
        ia, ib = iu[0][present], iu[1][present]
        out["a"].append(frame.states[ia])
        out["b"].append(frame.states[ib])
        out["period"].append(np.full(len(ia), frame.periods[t], dtype=object))
        for name, value in (("alignment", np.tanh(z)), ("uncertainty", uncertainty),
                            ("net_cooperation", tone), ("events", m.raw),
                            ("weighted_events", m.count), ("direct", direct),
                            ("balance", balance), ("mutual", mutual), ("security", security),
                            ("consult", consult), ("declared", labels)):
            out[name].append(value[ia, ib])
    result = {k: np.concatenate(v) if v else np.zeros(0) for k, v in out.items()}
    result["events"] = result["events"].astype(np.int64)
    return Alignment(**result)


@dataclass(frozen=True)
class Network:
    """The whole window as N x N matrices over ``states``: the signed,
    weighted network that alliances and blocs are read from."""

    states: np.ndarray
    alignment: np.ndarray
    uncertainty: np.ndarray
    weight: np.ndarray  # confidence-weighted events
    security: np.ndarray  # share of security cooperation

    def tie_strength(self) -> np.ndarray:
        """Signed tie weights for partitioning: alignment where there are
        events, scaled by the evidence behind it."""
        return self.alignment * (1.0 - np.exp(-self.weight / EVIDENCE_SCALE))


def window_network(frame: EventFrame, declared: np.ndarray | None = None) -> Network:
    """Alignment over the frame's whole window (its periods pooled);
    ``declared``: (periods, N, N) label strengths, the strongest one counts."""
    n = len(frame.states)
    if n == 0 or frame.size == 0:
        zeros = np.zeros((n, n))
        return Network(frame.states, zeros, np.ones((n, n)), zeros, zeros)
    m = matrices(frame)
    direct = direct_term(m)
    balance, mutual, shared = structural_terms(m, direct)
    security = m.security / (m.positive + m.negative + KAPPA_SECURITY)
    top = m.top.sum(1)
    consult = m.top / np.sqrt(np.maximum(np.outer(top, top), 1e-9))
    z = (W_DIRECT * np.tanh(direct / DIRECT_SCALE) + W_BALANCE * balance + W_MUTUAL * mutual
         + W_SECURITY * security + W_CONSULT * consult)
    if declared is not None and len(declared):
        strongest = np.take_along_axis(declared, np.abs(declared).argmax(0)[None], 0)[0]
        z = z + W_DECLARED * strongest
    align = np.tanh(z)
    uncertainty = 1.0 / np.sqrt(1.0 + m.count + 0.5 * shared)
    np.fill_diagonal(align, 0.0)
    np.fill_diagonal(security, 0.0)
    return Network(frame.states, align, uncertainty, m.count, security)
