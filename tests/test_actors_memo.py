"""The scanner's memos (resolutions kept on a sentence, name fits kept by the
lexicon) must give exactly what a fresh reading gives.  Texts written for
these tests."""

from __future__ import annotations

from datetime import date

import pytest

from blocwatch.actors.lexicon import _segment_cached, lexicon_for
from blocwatch.actors.resolve import _read_pieces, resolve_in_pieces, sentence_pieces
from blocwatch.actors.scan import scan_doc

D2016 = date(2016, 7, 5)
D2022 = date(2022, 7, 5)


@pytest.fixture(scope="module")
def nlp():
    from blocwatch.nlp import load_nlp

    return load_nlp("en_core_web_sm")


def _spans(mentions):
    return [(m.start, m.end, m.actor) for m in mentions]


def test_a_kept_resolution_is_the_one_a_fresh_reading_gives(tables):
    lex = lexicon_for(tables)
    sentence = "President Obama met Prime Minister Cameron in London on Friday."
    pieces = sentence_pieces(lex, sentence)
    for when in (D2016, D2022, None):
        first = resolve_in_pieces(lex, pieces, 10, 15, when)
        again = resolve_in_pieces(lex, pieces, 10, 15, when)
        assert again is first  # kept on the sentence
        assert first == _read_pieces(lex, pieces, 10, 15, when, None)
    # the date is part of the key: the same words name another role later
    assert resolve_in_pieces(lex, pieces, 10, 15, D2016).actor.role == "head_of_state"
    assert resolve_in_pieces(lex, pieces, 10, 15, D2022).actor.role == "former_head_of_state"


def test_a_repeated_sentence_scans_as_the_first_time(nlp, tables):
    text = ("Chinese officials said Russian warplanes had flown near the coast. "
            "The Kremlin said nothing. Chinese officials said Russian warplanes had flown near the coast.")
    _segment_cached.cache_clear()
    cold = scan_doc(nlp.make_doc(text), D2016, tables=tables)
    warm = scan_doc(nlp.make_doc(text), D2016, tables=tables)
    assert _spans(cold) == _spans(warm)
    first, second = [m for m in cold if m.text == "Chinese officials"]
    assert first.actor == second.actor and second.start > first.start


def test_name_fits_are_kept_per_spelling_and_case(nlp, tables):
    # "US" is a country; the pronoun "us" is not, even after "US" was fitted
    lex = lexicon_for(tables)
    text = "The US told us that US officials would stay."
    lex._fitted.clear()
    cold = _spans(scan_doc(nlp.make_doc(text), D2016, tables=tables))
    assert len(lex._fitted) > 0
    warm = _spans(scan_doc(nlp.make_doc(text), D2016, tables=tables))
    assert cold == warm
    found = {text[s:e] for s, e, _ in cold}
    assert "us" not in found and "US officials" in found


def test_relaxed_lower_case_sentences_are_fitted_apart(tables):
    lex = lexicon_for(tables)
    lex._fitted.clear()
    strict = lex.segment("the talks with russia ended.")
    relaxed = lex.segment("the talks with russia ended.", relaxed=True)
    assert not any(p.is_country for p in strict)
    assert any(p.is_country for p in relaxed)
    assert not any(p.is_country for p in lex.segment("the talks with russia ended."))
