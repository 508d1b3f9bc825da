"""text_of gives exactly what spaCy's Span.text gives, for every token range."""

from __future__ import annotations

import spacy

from blocwatch.events.spantext import text_of


def test_text_of_matches_span_text_for_every_range():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    doc = nlp("Officials met in Hanoi.  Vietnam and   Japan signed a $2bn loan deal (on Monday)! "
              "“It is historic,” the minister said.")
    for sent in doc.sents:
        sent_text = sent.text
        for start in range(sent.start, sent.end + 1):
            for end in range(start, sent.end + 1):
                assert text_of(sent, sent_text, start, end) == doc[start:end].text


def test_ranges_outside_the_sentence_fall_back_to_the_doc():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    doc = nlp("First sentence here. Second one there.")
    first = next(doc.sents)
    assert text_of(first, first.text, 0, len(doc)) == doc.text
