"""Dyads, alignment, undeclared alliances, blocs and polarity on synthetic
events written straight into the store."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from blocwatch.relations.alignment import compute_alignment, window_network
from blocwatch.relations.analysis import analyse
from blocwatch.relations.blocs import partition
from blocwatch.relations.dyads import dyad_series, event_frame
from blocwatch.relations.importers import Side, _to_arrow, event_row, row_key
from blocwatch.relations.polarity import polarity
from blocwatch.settings import Settings
from blocwatch.store import relations as sql

COOPERATE = ("COOPERATE", "06", 2)
CONSULT = ("CONSULT", "04", 1)
AGREE = ("AGREE", "03", 1)
ACCUSE = ("ACCUSE", "11", 3)
THREATEN = ("THREATEN", "13", 3)
ASSAULT = ("ASSAULT", "19", 4)


def _row(a, b, kind, when=date(2016, 6, 1), *, confidence=1.0, context=(), n=0, sector=None):
    event, cameo, quad = kind
    return event_row(
        origin="icews", import_key=row_key("test", a, b, event, when, n, confidence),
        when=when, source=Side(a, a, "state", sector), target=Side(b, b, "state", sector),
        event=event, cameo_code=cameo, quad=quad, context=context, confidence=confidence)


def _insert(store, rows):
    with store.transaction():
        sql.insert_imported_events(store, _to_arrow(rows))


def _many(a, b, kind, count, **kw):
    return [_row(a, b, kind, n=i, **kw) for i in range(count)]


def test_dyad_series_weights_by_confidence_and_skips_copied_passages(store):
    rows = [_row("RUS", "CHN", AGREE, confidence=0.5), _row("CHN", "RUS", CONSULT, n=1),
            _row("RUS", "CHN", CONSULT, when=date(2017, 2, 1), n=2)]
    _insert(store, rows)
    # The same consultation, coded twice: once in the original, once in a copy.
    store.con.execute("INSERT INTO passages VALUES ('orig', 0, 0, 10, 't', 'h', 'own', NULL, NULL, NULL),"
                      " ('copy', 0, 0, 10, 't', 'h', 'copied', 'orig', 0, NULL)")
    store.con.execute(
        "INSERT INTO events (origin, article_id, passage_idx, event, quad, cameo, modality, "
        "confidence, date, source_country, target_country) VALUES "
        "('coded', 'orig', 0, 'CONSULT', 1, '04', 'asserted', 1.0, DATE '2016-06-02', 'RUS', 'CHN'),"
        "('coded', 'copy', 0, 'CONSULT', 1, '04', 'asserted', 1.0, DATE '2016-06-02', 'RUS', 'CHN')")
    frame = event_frame(sql.relation_events(store), "year")
    series = dyad_series(frame)
    by_period = {r["period"]: r for r in series.rows()}
    assert by_period["2016"]["events"] == 3  # the copied passage is not counted
    assert by_period["2016"]["weighted_events"] == pytest.approx(2.5)
    assert by_period["2016"]["types"] == {"AGREE": 0.5, "CONSULT": 2.0}
    # (0.5 * 4 + 1 + 1) / (10 * 2.5)
    assert by_period["2016"]["net_cooperation"] == pytest.approx(0.16)
    directed = dyad_series(frame, directed=True).rows()
    assert {(r["a"], r["b"], r["period"]) for r in directed} == {
        ("RUS", "CHN", "2016"), ("CHN", "RUS", "2016"), ("RUS", "CHN", "2017")}


def test_alignment_sign_and_uncertainty_shrinks_with_evidence(store):
    rows = (_many("AAA", "BBB", COOPERATE, 3) + _many("CCC", "DDD", COOPERATE, 30)
            + _many("EEE", "FFF", ASSAULT, 20) + _many("AAA", "CCC", CONSULT, 2)
            + _many("BBB", "EEE", CONSULT, 2) + _many("DDD", "FFF", CONSULT, 2))
    _insert(store, rows)
    result = compute_alignment(event_frame(sql.relation_events(store), "year"))
    got = {(r["a"], r["b"]): r for r in (result.row(i) for i in range(len(result)))}
    assert got[("AAA", "BBB")]["alignment"] > 0
    assert got[("CCC", "DDD")]["alignment"] > 0
    assert got[("EEE", "FFF")]["alignment"] < 0
    assert got[("CCC", "DDD")]["uncertainty"] < got[("AAA", "BBB")]["uncertainty"]
    assert all(-1 <= r["alignment"] <= 1 and 0 < r["uncertainty"] <= 1 for r in got.values())


def _two_camps():
    """West: USA GBR FRA DEU; East: RUS CHN IRN SYR.  Cooperation inside each
    camp, hostility across, and USA-CHN meet very often (busy rivals) while
    still quarrelling more than either does with its friends."""
    west, east = ["USA", "GBR", "FRA", "DEU"], ["RUS", "CHN", "IRN", "SYR"]
    rows = []
    for camp in (west, east):
        for i, a in enumerate(camp):
            for b in camp[i + 1:]:
                rows += _many(a, b, COOPERATE, 6) + _many(a, b, CONSULT, 4)
    for a in west:
        for b in east:
            rows += _many(a, b, ACCUSE, 4) + _many(a, b, CONSULT, 2)
    rows += _many("USA", "CHN", CONSULT, 40) + _many("CHN", "USA", AGREE, 10) + \
        _many("USA", "CHN", ACCUSE, 15)
    return rows


def test_busy_rivals_are_not_aligned(store):
    _insert(store, _two_camps())
    result = compute_alignment(event_frame(sql.relation_events(store), "year"))
    got = {(r["a"], r["b"]): r["alignment"] for r in (result.row(i) for i in range(len(result)))}
    assert got[("CHN", "USA")] < 0
    assert got[("CHN", "USA")] < got[("CHN", "RUS")]
    assert got[("CHN", "USA")] < got[("GBR", "USA")]
    # The plain count would rank the busy rivals first.
    counts = {(str(a), str(b)): int(e) for a, b, e in zip(result.a, result.b, result.events, strict=True)}
    assert max(counts, key=counts.get) == ("CHN", "USA")


def test_two_camps_make_two_blocs_reproducibly(store):
    _insert(store, _two_camps())
    frame = event_frame(sql.relation_events(store), "year")
    ties = window_network(frame).tie_strength()
    first = partition(ties, seed=7)
    again = partition(ties, seed=7)
    assert np.array_equal(first.labels, again.labels)
    states = list(frame.states)
    groups = {tuple(sorted(states[i] for i in np.nonzero(first.labels == c)[0])) for c in range(first.k)}
    assert groups == {("DEU", "FRA", "GBR", "USA"), ("CHN", "IRN", "RUS", "SYR")}
    assert polarity(ties, first.labels).reading == "bipolar"


def _ring(camps: list[list[str]], lonely: list[str] = ()) -> list[dict]:
    rows = []
    for camp in camps:
        for i, a in enumerate(camp):
            for b in camp[i + 1:]:
                rows += _many(a, b, COOPERATE, 8)
    for x, camp in enumerate(camps):
        for other in camps[x + 1:]:
            for a in camp:
                for b in other:
                    rows += _many(a, b, THREATEN, 3)
    for a in lonely:
        rows += _many(a, camps[0][0], CONSULT, 1)
    return rows


@pytest.mark.parametrize(("camps", "reading"), [
    ([["USA", "GBR", "FRA", "DEU", "JPN", "CAN"]], "unipolar"),
    ([["USA", "GBR", "FRA"], ["RUS", "CHN", "IRN"]], "bipolar"),
    ([["USA", "GBR", "FRA"], ["RUS", "BLR", "ARM"], ["CHN", "PAK", "KHM"], ["IND", "BTN", "NPL"]],
     "multipolar"),
])
def test_polarity_readings(store, camps, reading):
    _insert(store, _ring(camps, lonely=["FJI", "TON"]))
    frame = event_frame(sql.relation_events(store), "year")
    ties = window_network(frame).tie_strength()
    part = partition(ties, seed=3)
    assert polarity(ties, part.labels).reading == reading
    states = list(frame.states)
    # Weak, isolated states are not forced into a bloc.
    for lonely in ("FJI", "TON"):
        assert part.labels[states.index(lonely)] == -1


def test_undeclared_alliance_is_flagged_with_evidence_and_labels(store):
    rows = _two_camps()
    # RUS-CHN: security cooperation like allies', no pact; USA-GBR, USA-FRA, ... have pacts.
    rows += _many("RUS", "CHN", COOPERATE, 8, context=("military",))
    for a, b in (("USA", "GBR"), ("USA", "FRA"), ("USA", "DEU"), ("GBR", "FRA"), ("FRA", "DEU"),
                 ("GBR", "DEU")):
        rows += _many(a, b, COOPERATE, 3, context=("military",))
    _insert(store, rows)
    store.con.execute(
        "INSERT INTO alliance_years VALUES "
        + ", ".join(f"('{min(a, b)}', '{max(a, b)}', 2016, true, false, false, false, 'cow')"
                    for a, b in (("USA", "GBR"), ("USA", "FRA"), ("USA", "DEU"), ("GBR", "FRA"),
                                 ("FRA", "DEU"), ("GBR", "DEU"))))
    store.con.execute(
        "INSERT INTO claims (subject, predicate, value, dyad_a, dyad_b, modality, confidence, date, "
        "sentence) VALUES ('label:CHN-RUS', 'label', 'strategic partnership', 'RUS', 'CHN', "
        "'asserted', 1.0, DATE '2016-06-01', 'Moscow and Beijing call their ties a strategic partnership.')")
    result = analyse(store, Settings({"resamples": 5}))
    undeclared = {(f.a, f.b): f for f in result.alliances if f.kind == "undeclared"}
    assert ("CHN", "RUS") in undeclared
    finding = undeclared[("CHN", "RUS")]
    assert [lab["value"] for lab in finding.labels] == ["strategic partnership"]
    assert finding.evidence and all(e["event"] == "COOPERATE" for e in finding.evidence[:3])
    assert 0 < finding.confidence <= 1
    assert ("CHN", "USA") not in undeclared
    formal = {(f.a, f.b) for f in result.alliances if f.kind == "formal"}
    assert ("GBR", "USA") in formal and ("GBR", "USA") not in undeclared
    assert result.thresholds.calibrated_on >= 6
    as_dict = result.to_dict()
    assert as_dict["polarity"]["reading"] == "bipolar"
    assert {tuple(b["members"]) for b in as_dict["blocs"]} == {
        ("DEU", "FRA", "GBR", "USA"), ("CHN", "IRN", "RUS", "SYR")}


def test_analysis_is_deterministic_given_a_seed(store):
    _insert(store, _two_camps())
    first = analyse(store, Settings({"resamples": 4, "seed": 5})).to_dict()
    second = analyse(store, Settings({"resamples": 4, "seed": 5})).to_dict()
    assert first == second
    assert first["stability"] is not None


def test_empty_store_gives_an_empty_result_with_a_note(store):
    result = analyse(store, Settings({"resamples": 2}))
    assert result.dyads == [] and result.blocs == [] and result.polarity.reading == "nonpolar"
    assert "blocwatch import icews FILE" in result.notes[-1]


def test_declared_labels_are_signed_and_weighted_by_confidence(store):
    from blocwatch.relations.labels import declared_matrices, label_strength

    assert label_strength("comprehensive strategic partnership") == 0.7
    assert label_strength("allies") == 1.0
    assert label_strength("strategic rivals") == -0.6
    assert label_strength("neighbours") == 0.0
    _insert(store, _many("RUS", "CHN", CONSULT, 2) + _many("USA", "CHN", CONSULT, 2))
    frame = event_frame(sql.relation_events(store), "year")
    claims = [
        {"a": "CHN", "b": "RUS", "value": "formal allies", "confidence": 0.0,
         "date": date(2016, 7, 5), "superseded_by": None},
        {"a": "CHN", "b": "RUS", "value": "strategic partnership", "confidence": 1.0,
         "date": date(2016, 7, 5), "superseded_by": None},
        {"a": "CHN", "b": "USA", "value": "allies", "confidence": 1.0,
         "date": date(2016, 7, 5), "superseded_by": 9},
    ]
    declared = declared_matrices(frame, claims, "year")
    states = list(frame.states)
    chn, rus, usa = states.index("CHN"), states.index("RUS"), states.index("USA")
    assert declared[0, chn, rus] == pytest.approx(0.7)  # the denied "formal allies" counts 0
    assert declared[0, chn, usa] == 0.0  # superseded claims do not count
    with_labels = compute_alignment(frame, declared)
    without = compute_alignment(frame)
    pair = next(i for i in range(len(without)) if {without.a[i], without.b[i]} == {"CHN", "RUS"})
    assert with_labels.alignment[pair] > without.alignment[pair]


def test_third_power_tied_to_both_camps_is_a_swing_state(store):
    rows = _two_camps()
    # IND cooperates closely with a member of each camp; BRA works with GBR three times.
    rows += _many("IND", "USA", COOPERATE, 8) + _many("IND", "RUS", COOPERATE, 8)
    rows += _many("BRA", "GBR", COOPERATE, 3)
    _insert(store, rows)
    result = analyse(store, Settings({"resamples": 3}))
    blocs = [set(b["members"]) for b in result.blocs]
    assert {frozenset(b) for b in blocs} == {frozenset({"DEU", "FRA", "GBR", "USA"}),
                                             frozenset({"CHN", "IRN", "RUS", "SYR"})}
    swing = {s["state"]: s for s in result.swing_states}
    assert swing["IND"]["reason"] == "tied to both"
    assert swing["BRA"]["reason"] == "tied weakly to one"
    assert len(swing["IND"]["blocs"]) == 2


def test_camp_term_places_friends_of_friends_together(store):
    from blocwatch.relations.alignment import camp_similarity, direct_term, matrices, stance_network

    rows = _two_camps()
    # AUS has events only with GBR, yet lands with the West, not the East.
    rows += _many("AUS", "GBR", COOPERATE, 6)
    _insert(store, rows)
    frame = event_frame(sql.relation_events(store), "year")
    m = matrices(frame)
    camp, dims = camp_similarity(stance_network(m, direct_term(m)))
    states = list(frame.states)
    aus, usa, fra, chn, rus = (states.index(s) for s in ("AUS", "USA", "FRA", "CHN", "RUS"))
    assert dims >= 2
    assert camp[aus, usa] > 0.25 and camp[aus, fra] > 0.25
    assert min(camp[aus, usa], camp[aus, fra]) > max(camp[aus, chn], camp[aus, rus]) + 0.2
    assert camp[usa, chn] < 0 and camp[fra, rus] < 0


def test_visits_raise_alignment_over_the_same_talks_by_phone(store):
    # Two pairs with the same consultations: one pair's officials travel to
    # each other, the other's talk by phone; everything else is symmetric.
    def talks(a, b, mode, count):
        return [event_row(
            origin="icews", import_key=row_key("test", a, b, mode, date(2016, 6, 1), i, 1.0),
            when=date(2016, 6, 1), source=Side(a, a, "state", None),
            target=Side(b, b, "state", None), event="CONSULT", cameo_code="04", quad=1,
            mode=mode, confidence=1.0) for i in range(count)]

    rows = (talks("AAA", "BBB", "visit", 8) + talks("CCC", "DDD", "phone", 8)
            + _many("AAA", "CCC", AGREE, 3) + _many("BBB", "DDD", AGREE, 3))
    _insert(store, rows)
    result = compute_alignment(event_frame(sql.relation_events(store), "year"))
    index = {(str(a), str(b)): i for i, (a, b) in enumerate(zip(result.a, result.b, strict=True))}
    visiting, phoning = index[("AAA", "BBB")], index[("CCC", "DDD")]
    assert result.visit[visiting] == pytest.approx(8 / (8 + 5))
    assert result.components(phoning)["visit"] == 0.0
    assert result.alignment[visiting] > result.alignment[phoning]


def test_states_at_war_are_not_aligned_even_with_shared_friends(store):
    # UKR and RUS share the same friends (as neighbours often do) and talk,
    # but much of what passes between them is force: they must come out
    # opposed, well below a pair with the same friends and no fighting.
    rows = []
    for friend in ("KAZ", "BLR", "ARM", "SRB", "CHN"):
        for state in ("RUS", "UKR", "GEO"):
            rows += _many(state, friend, COOPERATE, 8) + _many(state, friend, CONSULT, 4)
    rows += _many("RUS", "UKR", ASSAULT, 6) + _many("RUS", "UKR", CONSULT, 6)
    rows += _many("RUS", "UKR", AGREE, 2)
    rows += _many("RUS", "GEO", CONSULT, 6) + _many("RUS", "GEO", AGREE, 2)
    _insert(store, rows)
    result = compute_alignment(event_frame(sql.relation_events(store), "year"))
    index = {(str(a), str(b)): i for i, (a, b) in enumerate(zip(result.a, result.b, strict=True))}
    at_war, at_peace = index[("RUS", "UKR")], index[("GEO", "RUS")]
    assert result.components(at_war)["force"] > 0.2
    assert result.alignment[at_war] < -0.2
    assert result.alignment[at_peace] > 0.5
