"""Speed-ups of the coder that must not change what it codes: several articles
coded in one batch, and date patterns skipped when their words are missing."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from blocwatch.events import dates
from blocwatch.models import Passage

_ARTICLES = [
    ("a1", "Japan and India signed a civil nuclear agreement in Tokyo on Friday. "
           "Analysts said the deal would take years to carry out.\n\n"
           "China criticised the agreement, and Pakistan warned India against an arms race.",
     date(2016, 11, 12)),
    ("a2", "Germany sent humanitarian aid to Greece last week. Observers expect further help.",
     date(2015, 8, 3)),
    ("a3", "Markets were calm on the day.", None),
    ("a1", "Russia and Turkey agreed to resume talks. They also discussed energy cooperation.",
     date(2016, 8, 9)),
]


def test_code_articles_gives_what_code_article_gives_for_each(coder):
    items = [(aid, text, [], when) for aid, text, when in _ARTICLES]
    alone = [coder.code_article(*item) for item in items]
    together = coder.code_articles(items)
    assert together == alone
    assert sum(len(events) for events, _, _ in together) > 0


def test_code_articles_keeps_passages_apart(coder):
    text = _ARTICLES[0][1]
    cut = text.index("\n\n")
    passages = [Passage("a1", 0, 0, cut, text[:cut], "h0"),
                Passage("a1", 1, cut + 2, len(text), text[cut + 2:], "h1")]
    alone = coder.code_article("a1", text, passages, date(2016, 11, 12))
    assert coder.code_articles([("a1", text, passages, date(2016, 11, 12))]) == [alone]
    assert {m.passage_index for m in alone[2]} == {0, 1}


_PHRASES = ["since 1997", "in the 1950s", "during the Cold War", "5 July 2016", "July 5, 2016",
            "2016-07-05", "in March 2013", "yesterday and today", "yesterday", "tomorrow",
            "two weeks ago", "next month", "on Monday", "Friday", "in 2004", "recently",
            "earlier this week", "dating back to the Soviet era", "as early as 2005",
            "Sept. 3, 2011", "IN THE 1990S", "LAST YEAR"]


@pytest.mark.parametrize("phrase", _PHRASES)
def test_every_pattern_that_matches_has_its_words(phrase):
    possible = dates._NEEDED_WORDS.possible(phrase)
    for kind, pattern in [("anchor", dates._ANCHOR), *dates._PATTERNS]:
        if pattern.search(phrase):
            assert dates._may_match(kind, possible), (kind, phrase)


def test_date_in_text_is_the_same_with_and_without_the_word_check(monkeypatch):
    texts = [" ".join(p) for p in itertools.permutations(_PHRASES[:8], 2)] + _PHRASES + [
        "ſince 1997 the ties grew", "The talks ended without a date."]
    with_check = [dates.date_in_text.__wrapped__(t, date(2016, 7, 5)) for t in texts]
    monkeypatch.setattr(dates, "_may_match", lambda kind, possible: True)
    assert [dates.date_in_text.__wrapped__(t, date(2016, 7, 5)) for t in texts] == with_check


# One phrase for every alternative of the window patterns of `modality_of`.
_HEDGES = ["best guess", "an educated guess", "educated guesses", "it seems", "seem", "seemed",
           "appears", "appear", "appeared", "could", "might", "may", "probably", "possibly",
           "perhaps", "likely", "apparently", "presumably", "suggest", "suggests",
           "it is possible", "is said to", "are said to", "were said to", "is thought to",
           "are thought to", "reportedly", "almost certainly", "speculated", "speculation",
           "it appears", "we can sure", "we can be sure", "it is a certainty", "it is certain",
           "we know", "it is clear", "clearly", "obviously", "certainly", "undoubtedly",
           "without doubt", "no doubt", "surely", "must have", "it is evident", "will", "shall",
           "going to", "is to", "are to", "plan to", "plans to", "planned", "intend to",
           "intends to", "intended", "expected to", "scheduled", "set to", "due to",
           "next week", "next month", "next year", "tomorrow", "in the coming", "upcoming",
           "would"]


@pytest.mark.parametrize("phrase", _HEDGES + [h.upper() for h in _HEDGES if h != "may"])
def test_a_sentence_with_a_hedge_is_searched_for_it(phrase):
    from blocwatch.events import modality

    sentence = f"Officials said that {phrase} the talks went ahead."
    for pattern in modality._NEEDED_WORDS.needed:
        if pattern.search(sentence):
            assert pattern in modality._searchable(sentence), (pattern.pattern[:30], phrase)
