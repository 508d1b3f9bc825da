"""text_of gives exactly what spaCy's Span.text gives, for every token range."""

from __future__ import annotations

import spacy

from blocwatch.events.spantext import has_mutual_mark, heads_with_child, span_text, text_of


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


def _parsed_doc():
    from spacy.tokens import Doc

    nlp = spacy.blank("en")
    words = ["If", "Chile", "and", "Peru", "backed", "each", "other", ",", "Bolivia", "would",
             "not", "object", "unless", "Brazil", "asked", "one", "another", "."]
    heads = [4, 4, 1, 1, 11, 6, 4, 11, 11, 11, 11, 11, 14, 14, 11, 16, 14, 11]
    deps = ["mark", "nsubj", "cc", "conj", "advcl", "det", "dobj", "punct", "nsubj", "aux",
            "neg", "ROOT", "mark", "nsubj", "advcl", "det", "dobj", "punct"]
    return Doc(nlp.vocab, words=words, heads=heads, deps=deps)


def test_span_text_matches_span_text_for_every_range():
    doc = _parsed_doc()
    for start in range(len(doc) + 1):
        for end in range(start, len(doc) + 1):
            assert span_text(doc, start, end) == doc[start:end].text


def test_has_mutual_mark_matches_a_walk_over_the_subtree():
    doc = _parsed_doc()
    for tok in doc:
        walked = any(t.lower_ in ("other", "others", "another") and t.i > 0
                     and doc[t.i - 1].lower_ in ("each", "one") for t in tok.subtree)
        assert has_mutual_mark(tok) == walked, tok.text
    assert has_mutual_mark(doc[4]) and not has_mutual_mark(doc[8])


def test_heads_with_child_matches_the_children_of_each_token():
    doc = _parsed_doc()
    words = ("if", "unless", "whether")
    found = heads_with_child(doc, "mark", words)
    for tok in doc:
        expected = any(c.dep_ == "mark" and c.lower_ in words for c in tok.children)
        assert (tok.i in found) == expected, tok.text
    assert sorted(found) == [4, 14]
