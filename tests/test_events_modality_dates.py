"""Modality (with speaker and confidence) and event dates, on sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from blocwatch.events.dates import date_in_text, event_date
from blocwatch.events.modality import CONFIDENCE, modality_of
from blocwatch.nlp import load_nlp


@pytest.fixture(scope="module")
def nlp():
    return load_nlp("en_core_web_sm", ("ner",))


def _mod(nlp, text, trigger):
    doc = nlp(text)
    tok = next(t for t in doc if t.text == trigger)
    return modality_of(tok.sent, tok)


@pytest.mark.parametrize("text,trigger,expected", [
    ("Brazil signed a trade pact with Argentina.", "signed", "asserted"),
    ("Brazil did not sign the pact with Argentina.", "sign", "negated"),
    ("Brazil will sign a pact with Argentina next year.", "sign", "future"),
    ("If Argentina pays, Brazil would sign the pact.", "pays", "hypothetical"),
    ("Brazil could sign a pact with Argentina.", "sign", "speculated"),
    ("It seems that Brazil has agreed with Argentina on the loan.", "agreed", "speculated"),
    ("There are rumours that Brazil armed the rebels.", "armed", "rumoured"),
    ("Rumours that Brazil armed the rebels were denied by officials.", "armed", "denied"),
    ("We know that Brazil and Argentina discussed the border.", "discussed", "inferred"),
    ("It is certain that the two navies trained together.", "trained", "inferred"),
])
def test_modality_kinds(nlp, text, trigger, expected):
    mod = _mod(nlp, text, trigger)
    assert mod.modality == expected, (text, mod)
    assert mod.confidence == CONFIDENCE[expected]


def test_rumour_denied_keeps_the_rumour_cue(nlp):
    mod = _mod(nlp, "Persistent rumours, which Lima denies, say Chile sold jets to Peru.", "sold")
    assert mod.modality == "denied" and "rumour" in mod.cue


def test_reported_speech_names_the_speaker(nlp):
    mod = _mod(nlp, "Kenya sent troops to Somalia, the foreign minister said.", "sent")
    assert mod.modality == "reported" and mod.speaker == "the foreign minister"
    mod = _mod(nlp, "According to the Guardian, Kenya sent troops to Somalia.", "sent")
    assert mod.modality == "reported" and mod.speaker == "the Guardian"


def test_confidence_order_is_sensible():
    assert CONFIDENCE["asserted"] > CONFIDENCE["reported"] > CONFIDENCE["speculated"]
    assert CONFIDENCE["rumoured"] > CONFIDENCE["denied"] > CONFIDENCE["negated"]


REF = date(2016, 7, 5)  # a Tuesday


@pytest.mark.parametrize("text,expected,basis", [
    ("The ministers met last week in Rome.", date(2016, 6, 28), "relative"),
    ("The talks yesterday and today went well.", date(2016, 7, 4), "relative"),
    ("They signed the accord a year ago.", date(2015, 7, 5), "relative"),
    ("They spoke a few days ago.", date(2016, 7, 2), "relative"),
    ("The envoy arrived on Monday.", date(2016, 7, 4), "relative"),
    ("Trade fell last month.", date(2016, 6, 1), "relative"),
    ("He took office in March 2013.", date(2013, 3, 1), "explicit"),
    ("He was chosen in November 2012 by the party.", date(2012, 11, 1), "explicit"),
    ("It was first published on 5th July 2016.", date(2016, 7, 5), "explicit"),
    ("The pact was signed on July 5, 2016.", date(2016, 7, 5), "explicit"),
    ("In the 1950s the two states were formal allies.", date(1950, 1, 1), "historical"),
    ("During the Cold War the blocs faced off.", date(1947, 1, 1), "historical"),
])
def test_date_expressions(text, expected, basis):
    found = date_in_text(text, REF)
    assert found is not None and found.date == expected and found.basis == basis, found


def test_article_date_by_default(nlp):
    doc = nlp("Peru and Chile agreed to cut tariffs.")
    tok = next(t for t in doc if t.text == "agreed")
    got = event_date(doc[:], tok, REF)
    assert (got.date, got.basis, got.text) == (REF, "article", None)


def test_relative_date_without_article_date_falls_back():
    assert date_in_text("They met yesterday.", None) is None
    assert date_in_text("They met in March 2013.", None).date == date(2013, 3, 1)
