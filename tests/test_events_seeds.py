"""The seed articles (read from ../shared at test time): the events of
EXPECTED.md point 4 with the modalities of point 5, and the superseding of
point 6.  Nothing in the coder knows these files; passages of 001 found in 000
are dated like 000, by the same rule any republication gets."""

from __future__ import annotations

import re
import warnings
from datetime import date

import pytest

from blocwatch.events.claims import supersede
from blocwatch.events.dates import date_in_text
from blocwatch.events.modality import modality_of
from blocwatch.models import Passage
from conftest import SEEDS, need_shared

DATE_001 = date(2017, 7, 4)  # manifest.csv


def _paragraphs(text):
    return [(m.start(), m.end()) for m in re.finditer(r"\S(?:.|\n(?!\s*\n))*", text)]


def _norm(s):
    return re.sub(r"\W+", " ", s).strip().lower()


@pytest.fixture(scope="module")
def coded():
    warnings.simplefilter("ignore", RuntimeWarning)
    from blocwatch.events.coder import EventCoder

    need_shared(SEEDS)
    t0 = (SEEDS / "000_a59c947b104b591b.txt").read_text(encoding="utf-8")
    t1 = (SEEDS / "001_5fcc06f8655c09f3.txt").read_text(encoding="utf-8")
    first = re.search(r"first published[^\n]*", t1)
    date_000 = date_in_text(first.group(0), None).date
    assert date_000 == date(2016, 7, 5)
    normalised_000 = _norm(t0)
    passages = []
    for i, (s, e) in enumerate(_paragraphs(t1)):
        copied = len(t1[s:e]) > 80 and _norm(t1[s:e]) in normalised_000
        passages.append(Passage("001", i, s, e, t1[s:e], str(i),
                                "copied" if copied else "new",
                                date=date_000 if copied else DATE_001))
    coder = EventCoder()
    ev0, cl0, _ = coder.code_article("000", t0, [], date_000)
    ev1, cl1, _ = coder.code_article("001", t1, passages, DATE_001)
    return {"events": ev0 + ev1, "claims": cl0 + cl1, "text0": t0, "text1": t1}


def _dyad(ev):
    return {ev.source.country if ev.source else None, ev.target.country if ev.target else None}


def test_rus_chn_meetings_and_visits(coded):
    consult = [e for e in coded["events"] if e.event == "CONSULT" and _dyad(e) == {"RUS", "CHN"}]
    assert len(consult) >= 5
    assert any(e.attributes.get("ordinal") == 15 for e in consult)
    visit = next(e for e in consult if e.attributes.get("ordinal") == 15)
    assert visit.date_basis == "relative" and visit.date < date(2016, 7, 5)


def test_agreements_with_their_contexts(coded):
    agreements = [e for e in coded["events"] if e.event in ("AGREE", "SUPPORT")
                  and _dyad(e) == {"RUS", "CHN"}]
    contexts = {c for e in agreements for c in e.context}
    assert {"international_law", "aviation", "space", "nuclear"} <= contexts
    eaeu = [e for e in coded["events"] if e.event in ("AGREE", "SUPPORT", "CONSULT")
            and e.source and e.target and "CHN" in (e.source.country, e.target.country)
            and "Eurasian Economic Union" in (e.source.name, e.target.name)]
    assert eaeu


def test_military_cooperation_and_mutual_support(coded):
    coop = [e for e in coded["events"] if e.event == "COOPERATE" and _dyad(e) == {"RUS", "CHN"}]
    assert any("military" in e.context for e in coop)
    support = [e for e in coded["events"] if e.event == "SUPPORT" and e.source and e.target
               and (e.source.country, e.target.country) == ("RUS", "CHN")]
    assert support


def test_usa_chn_friction(coded):
    evs = coded["events"]
    assert any(e.event == "THREATEN" and e.source.country == "CHN" and e.target
               and e.target.country == "USA" for e in evs)
    sale = [e for e in evs if e.event == "AID" and e.source.country == "USA" and e.target
            and e.target.country == "TWN"]
    assert sale and sale[0].attributes.get("amount", "").startswith("$")
    assert any(e.event in ("COERCE", "SANCTION") and e.source.country == "USA" and e.target
               and e.target.country == "CHN" for e in evs)
    assert any(e.event == "MOBILIZE" and e.source.country == "USA" for e in evs)


def test_reported_speech_keeps_its_speaker(coded):
    reported = [e for e in coded["events"] if e.modality == "reported"]
    assert all(e.speaker for e in reported)
    # Paragraphs quoted after an introduction name a speaker who is not in
    # the sentence itself: a newspaper and an ambassador, two speakers at least.
    quoted = {e.speaker for e in reported if e.speaker not in e.evidence.sentence}
    assert len(quoted) >= 2, quoted


def _sentence_with(text, cue):
    for sent in re.split(r"(?<=[.!?])\s+", text):
        if all(re.search(c, sent, re.I) for c in cue):
            return sent
    raise AssertionError(f"no sentence with {cue!r}")


# Cues, as general patterns: a rumour that is denied, a guess, the author's certainty.
@pytest.mark.parametrize("cue,expected", [
    ((r"\brumou?rs?\b", r"\bdenied\b"), "denied"),
    ((r"\bguess\b", r"\bmanagement\b"), "speculated"),
    ((r"\bwe can (?:be )?sure\b",), "inferred"),
])
def test_modality_of_seed_sentences(coded, cue, expected):
    from blocwatch.nlp import load_nlp

    nlp = load_nlp("en_core_web_sm", ("ner",))
    doc = nlp(_sentence_with(coded["text0"], cue))
    verbs = [t for t in doc if t.pos_ == "VERB" and t.i > 4]
    got = modality_of(doc[:], verbs[-1])
    assert got.modality == expected, got
    if expected == "denied":
        assert "rumour" in got.cue


def test_newer_managers_supersede_the_2016_guess(coded):
    managers = [c for c in coded["claims"] if c.subject == "manager:CHN-RUS"]
    marked = supersede(managers)
    current = {m.claim.value for m in marked if m.superseded_by is None}
    old = {m.claim.value for m in marked if m.superseded_by is not None}
    assert any("Vaino" in v for v in current) and any("Li Zhanshu" in v for v in current)
    assert any("Ivanov" in v for v in old) and not any("Ivanov" in v for v in current)
    guess = next(c for c in managers if "Ivanov" in c.value)
    assert guess.modality == "speculated"


def test_labels_recorded_for_the_dyad(coded):
    labels = {c.value for c in coded["claims"] if c.subject == "label:CHN-RUS"}
    assert {"strategic partnership", "comprehensive strategic partnership"} <= labels
