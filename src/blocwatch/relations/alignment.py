"""Alignment of two states per period, in [-1, 1], with an uncertainty that
shrinks with evidence.  The model, its weights and its assumptions are in
docs/methods.md ("Alignment"); in short:

    z = W_CAMP * camp + W_DIRECT * tanh(direct / DIRECT_SCALE)
        + W_SECURITY * security + W_CONSULT * consult + W_VISIT * visit
        - W_FORCE * force + W_DECLARED * declared
    alignment = tanh(z)

- direct: how much more cooperative the dyad is than its two states are with
  everybody (log-odds of the dyad's share of cooperative among cooperative and
  conflictual events, confidence-weighted, against the mean of the two
  states' own log-odds), shrunk toward the dyad's whole-window value, which
  is itself shrunk toward 0.  Busy rivals who meet often but quarrel more
  than they do with others score low.  It reaches the score through the
  stance network of the camp term; its own weight `W_DIRECT` is 0 because
  on the validity benchmark's choice years it lowered both yardsticks
  (docs/methods.md): allies quarrel in public and regional treaties bind
  states that fight, so a pair's own tone says less than its place.
- camp: structural balance as a signed network embedding.  The signed
  "stance" network (tanh of the direct term, damped by the dyad's evidence)
  is degree-normalised (regularised by the mean degree so that thinly
  reported states do not own an eigenvector) and its leading eigenvectors
  (as many as the largest eigen-gap among the first `MAX_CAMP_DIMENSIONS`
  says, at least 2) place every state; camp is the cosine of the two
  states' places, damped by how much each state is reported.  Friends of
  friends land together and enemies of friends apart, even for a pair with
  few direct events.  The stance network of a period pools the period with
  the one before it (weight `PREVIOUS_PERIOD_WEIGHT`) and is blended with the
  whole window (weight 1 - `PERIOD_SHARE`), since alignments change slowly
  and one year of events is noisy.
- security: share of the dyad's weighted events that are security
  cooperation (military context, or both sides military).
- consult: top-level consultation (heads of state and government, foreign
  ministers), normalised by both states' top-level consultations.
- visit: share of the dyad's weighted events that are visits (one side's
  officials travel to the other; PLOVER mode "visit"), shrunk with `KAPPA`.
  A visit is a costly signal that governments spend on friends; rivals talk
  by phone, through third parties or at neutral venues.  Weight chosen on
  2005-2008 of the validity benchmark only (docs/methods.md).
- force: share of the dyad's weighted events that are material conflict
  (quad 4: assault, coercion, sanctions, mobilisation against, protest),
  shrunk with `KAPPA`, subtracted.  Allies quarrel in words; they do not use
  force on each other.  Without it two states at war that share friends
  (Russia and Ukraine in 2014) scored as aligned.
- declared: the labels the texts say the parties use ("allies", "strategic
  partnership", "rivals"), from label claims (`relations.labels`), weighted
  by each claim's modality confidence.

Only events and claims (with their confidences) go in: formal ties and
memberships are compared with the result, never fed into it.  Deterministic
(eigenvector signs do not matter: only cosines of rows are used).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.linalg

from blocwatch.relations.dyads import EventFrame
from blocwatch.relations.numbers import tidy

# Only the ratios of the event weights matter for the ranking of dyads; their
# scale sets how fast tanh saturates (kept low so that pairs stay apart).
W_CAMP = 1.25  # chosen on 2005-2008 by the rule in docs/methods.md
W_DIRECT = 0.0  # the direct term acts through camp; see the module docstring
W_SECURITY = 0.75
W_CONSULT = 0.15
W_VISIT = 1.0  # visits share of events; chosen on 2005-2008, reported on 2009-2012
W_FORCE = 1.5  # share of material conflict; theory: allies do not use force on each other
W_DECLARED = 0.75  # declared labels (claims): allies +1, strategic partners +0.7, rivals -0.6
KAPPA = 5.0  # prior strength of the direct term, in events (cooperative or conflictual)
KAPPA_SECURITY = 3.0  # events
EVIDENCE_SCALE = 5.0  # events at which a tie counts ~63% in the stance network
DIRECT_SCALE = 2.0  # log-odds at which the direct term is ~76% of its maximum
MAX_CAMP_DIMENSIONS = 6
MIN_CAMP_DIMENSIONS = 2
DEGREE_REGULARISATION = 1.0  # times the mean degree, added to every degree
STATE_EVIDENCE_SCALE = 1.0  # summed |stance| at which a state's place counts ~63%
PREVIOUS_PERIOD_WEIGHT = 0.5
PERIOD_SHARE = 0.25  # the period's own stance network vs the whole window's


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
    camp: np.ndarray
    security: np.ndarray
    consult: np.ndarray
    visit: np.ndarray
    force: np.ndarray
    declared: np.ndarray

    def __len__(self) -> int:
        return int(self.a.shape[0])

    def row(self, i: int) -> dict[str, object]:
        return {
            "a": str(self.a[i]), "b": str(self.b[i]), "period": str(self.period[i]),
            "alignment": tidy(self.alignment[i]),
            "uncertainty": tidy(self.uncertainty[i]),
            "net_cooperation": tidy(self.net_cooperation[i]),
            "events": int(self.events[i]),
        }

    def components(self, i: int) -> dict[str, float]:
        return {name: tidy(getattr(self, name)[i])
                for name in ("direct", "camp", "security", "consult", "visit", "force",
                             "declared")}

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
    visit: np.ndarray  # confidence-weighted visits
    force: np.ndarray  # confidence-weighted material conflict (quad 4)
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
        visit=sym(conf * f.visit),
        force=sym(conf * (f.quad == 4)),
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


def stance_network(m: Matrices, direct: np.ndarray,
                   declared: np.ndarray | None = None) -> np.ndarray:
    """Signed ties for the structural term: relative stance (tanh of the
    direct term), damped by the dyad's evidence, plus the declared labels
    (what the texts call the pair counts as a tie of that sign); zero
    diagonal, in [-1, 1]."""
    signed = np.tanh(direct) * (1.0 - np.exp(-m.count / EVIDENCE_SCALE))
    if declared is not None:
        signed = np.clip(signed + declared, -1.0, 1.0)
    np.fill_diagonal(signed, 0.0)
    return signed


def camp_similarity(stance: np.ndarray) -> tuple[np.ndarray, int]:
    """(N x N cosine of the states' places in the signed spectral embedding,
    damped by each state's evidence; dimensions used)."""
    n = len(stance)
    if n < 3:
        return np.zeros((n, n)), 0
    degree = np.abs(stance).sum(1)
    if degree.sum() == 0:
        return np.zeros((n, n)), 0
    inv = 1.0 / np.sqrt(degree + DEGREE_REGULARISATION * degree.mean())
    normalised = inv[:, None] * stance * inv[None, :]
    # Only the leading eigenpairs are needed (LAPACK's subset driver, deterministic).
    wanted = min(MAX_CAMP_DIMENSIONS + 1, n)
    values, vectors = scipy.linalg.eigh(normalised, subset_by_index=[n - wanted, n - 1])
    order = np.argsort(-values, kind="stable")
    top = values[order]
    # Camps are the dimensions before the largest drop in the spectrum.
    gaps = top[:-1] - top[1:]
    dims = max(MIN_CAMP_DIMENSIONS, int(np.argmax(gaps[:MAX_CAMP_DIMENSIONS])) + 1) \
        if len(gaps) else 1
    dims = min(dims, int((top > 0).sum()))
    if dims == 0:
        return np.zeros((n, n)), 0
    places = vectors[:, order[:dims]] * np.sqrt(top[:dims])
    norms = np.linalg.norm(places, axis=1)
    cosine = (places @ places.T) / np.maximum(np.outer(norms, norms), 1e-12)
    reported = 1.0 - np.exp(-degree / STATE_EVIDENCE_SCALE)
    camp = np.clip(cosine, -1.0, 1.0) * np.sqrt(np.outer(reported, reported))
    np.fill_diagonal(camp, 0.0)
    return camp, dims


def _shared_third_parties(m: Matrices) -> np.ndarray:
    linked = (m.count > 0).astype(float)
    np.fill_diagonal(linked, 0.0)
    return linked @ linked


def _force(m: Matrices) -> np.ndarray:
    """Share of the pair's events that are material conflict (force,
    coercion, sanctions, protest): allies may quarrel in words, they do not
    use force against each other."""
    return m.force / (m.count + KAPPA)


def _security_consult(m: Matrices) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(security, consult, visit) terms."""
    security = m.security / (m.positive + m.negative + KAPPA_SECURITY)
    top = m.top.sum(1)
    consult = m.top / np.sqrt(np.maximum(np.outer(top, top), 1e-9))
    visit = m.visit / (m.count + KAPPA)
    return security, consult, visit


def _strongest(declared: np.ndarray | None) -> np.ndarray | None:
    """The strongest declared label per pair over the periods (by size)."""
    if declared is None or not len(declared):
        return None
    return np.take_along_axis(declared, np.abs(declared).argmax(0)[None], 0)[0]


def compute_alignment(frame: EventFrame, declared: np.ndarray | None = None) -> Alignment:
    """Alignment of every undirected dyad-period with events in the frame;
    ``declared``: (periods, N, N) label strengths (`labels.declared_matrices`)."""
    n = len(frame.states)
    if frame.size == 0 or n == 0:
        empty = np.zeros(0)
        return Alignment(np.array([], dtype=object), np.array([], dtype=object),
                         np.array([], dtype=object), *([empty] * 12))
    window = matrices(frame)
    window_direct = direct_term(window)
    window_stance = stance_network(window, window_direct, _strongest(declared))
    shared = _shared_third_parties(window)
    n_periods = len(frame.periods)
    out: dict[str, list[np.ndarray]] = {k: [] for k in Alignment.__dataclass_fields__}
    iu = np.triu_indices(n, k=1)
    for t in range(n_periods):
        mask = frame.period == t
        if not mask.any():
            continue
        if n_periods == 1:
            m, direct, camp_stance = window, window_direct, window_stance
        else:
            m = matrices(frame, mask)
            direct = direct_term(m, prior=window_direct)
            pooled_weight = np.where(mask, 1.0, np.where(frame.period == t - 1,
                                                         PREVIOUS_PERIOD_WEIGHT, 0.0))
            keep = pooled_weight > 0
            pooled = matrices(frame.take(keep).reweighted(pooled_weight[keep]))
            period_labels = declared[t] if declared is not None else None
            camp_stance = PERIOD_SHARE * stance_network(
                pooled, direct_term(pooled, window_direct), period_labels) \
                + (1.0 - PERIOD_SHARE) * window_stance
        camp, _ = camp_similarity(camp_stance)
        security, consult, visit = _security_consult(m)
        z = (W_CAMP * camp + W_DIRECT * np.tanh(direct / DIRECT_SCALE)
             + W_SECURITY * security + W_CONSULT * consult + W_VISIT * visit)
        force = _force(m)
        z = z - W_FORCE * force
        labels = declared[t] if declared is not None else np.zeros((n, n))
        z = z + W_DECLARED * labels
        n_eff = m.count + 0.25 * window.count + 0.5 * shared
        uncertainty = 1.0 / np.sqrt(1.0 + n_eff)
        with np.errstate(invalid="ignore", divide="ignore"):
            tone = np.where(m.count > 0, m.tone / (10.0 * m.count), 0.0)
        present = (m.raw[iu] > 0) | (labels[iu] != 0)
        ia, ib = iu[0][present], iu[1][present]
        out["a"].append(frame.states[ia])
        out["b"].append(frame.states[ib])
        out["period"].append(np.full(len(ia), frame.periods[t], dtype=object))
        for name, value in (("alignment", np.tanh(z)), ("uncertainty", uncertainty),
                            ("net_cooperation", tone), ("events", m.raw),
                            ("weighted_events", m.count), ("direct", direct),
                            ("camp", camp), ("security", security),
                            ("consult", consult), ("visit", visit),
                            ("force", force), ("declared", labels)):
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
    declared: np.ndarray | None = None  # strongest declared label per pair
    events: np.ndarray | None = None  # events (not weighted)
    net_cooperation: np.ndarray | None = None  # confidence-weighted mean weight / 10

    def tie_strength(self) -> np.ndarray:
        """Signed tie weights for partitioning: alignment where there are
        events, scaled by the evidence behind it; a declared label counts as
        evidence (a pair the texts call allies is a tie even with few events)."""
        evidence = 1.0 - np.exp(-self.weight / EVIDENCE_SCALE)
        if self.declared is not None:
            evidence = np.maximum(evidence, np.abs(self.declared))
        return self.alignment * evidence


def window_network(frame: EventFrame, declared: np.ndarray | None = None) -> Network:
    """Alignment over the frame's whole window (its periods pooled);
    ``declared``: (periods, N, N) label strengths, the strongest one counts."""
    n = len(frame.states)
    if n == 0 or frame.size == 0:
        zeros = np.zeros((n, n))
        return Network(frame.states, zeros, np.ones((n, n)), zeros, zeros)
    m = matrices(frame)
    direct = direct_term(m)
    strongest = _strongest(declared)
    camp, _ = camp_similarity(stance_network(m, direct, strongest))
    security, consult, visit = _security_consult(m)
    z = (W_CAMP * camp + W_DIRECT * np.tanh(direct / DIRECT_SCALE)
         + W_SECURITY * security + W_CONSULT * consult + W_VISIT * visit
         - W_FORCE * _force(m))
    if strongest is not None:
        z = z + W_DECLARED * strongest
    align = np.tanh(z)
    uncertainty = 1.0 / np.sqrt(1.0 + m.count + 0.5 * _shared_third_parties(m))
    np.fill_diagonal(align, 0.0)
    np.fill_diagonal(security, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        net = np.where(m.count > 0, m.tone / (10.0 * m.count), 0.0)
    return Network(frame.states, align, uncertainty, m.count, security, strongest, m.raw, net)
