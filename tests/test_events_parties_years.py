"""Three rules found on the bundled examples: a year written into an event
noun ("the 1961 treaty") dates that event and is not a count; an actor is
not its own counterpart (a name and its appositive, a state and its own
government); co-hosts of other parties' talks are not counterparts of each
other; the pair of the text before is not carried into another actor's
statement, nor into "any agreement" or "no treaty".  Sentences written for
these tests, about real public events."""

from __future__ import annotations

from datetime import date

import pytest

from blocwatch.events.arguments import ActorSpan
from blocwatch.events.coder import _one_party
from blocwatch.models import Actor

ARTICLE = date(2024, 6, 20)


def _pairs(events):
    return {(e.event, e.source.code if e.source else None, e.target.code if e.target else None)
            for e in events}


def test_a_year_before_a_treaty_dates_it_to_its_own_time(coder):
    text = ("The pact signed in Pyongyang revives the 1961 treaty between the Soviet Union "
            "and North Korea.")
    events = [e for e in coder.code_text(text, date=ARTICLE)
              if e.source and {e.source.code, e.target and e.target.code} == {"SUN", "PRK"}]
    assert events, "the 1961 treaty is coded between its parties"
    for e in events:
        assert (e.date, e.date_basis, e.date_text) == (date(1961, 1, 1), "historical", "1961 treaty")
        assert "count" not in e.attributes


def test_a_recent_year_is_explicit_and_a_plural_noun_keeps_its_count(coder):
    from blocwatch.events.dates import event_date

    doc = coder.nlp("Iran and the six powers honoured the 2015 agreement for three years.")
    agreement = next(t for t in doc if t.text == "agreement")
    when = event_date(doc[:], agreement, date(2018, 5, 8))
    assert (when.date, when.basis) == (date(2015, 1, 1), "explicit")

    doc = coder.nlp("The 2000 troops reached the border on Monday.")
    troops = next(t for t in doc if t.text == "troops")
    assert event_date(doc[:], troops, ARTICLE).date != date(2000, 1, 1)


def _span(code: str | None, country: str | None, sector: str | None, kind: str = "state",
          name: str | None = None) -> ActorSpan:
    return ActorSpan(0, 1, code or "", Actor(kind, code=code, country=country, sector=sector,
                                             name=name), 0, 1)


@pytest.mark.parametrize(("a", "b", "same"), [
    (_span("IRNGOV", "IRN", "GOV", "person", "Ali Shamkhani"), _span("IRNGOV", "IRN", "GOV"), True),
    (_span("KENGOV", "KEN", "GOV", "person", "William Ruto"), _span("KEN", "KEN", None), True),
    (_span("MMRMIL", "MMR", "MIL"), _span("MMRELI", "MMR", "ELI"), False),  # a coup: two parties
    (_span("MMR", "MMR", None), _span("MMRELI", "MMR", "ELI"), False),
    (_span("RUSGOV", "RUS", "GOV"), _span("RUSOPP", "RUS", "OPP"), False),
    (_span("RUSGOV", "RUS", "GOV", "person", "Vladimir Putin"),
     _span("RUSGOV", "RUS", "GOV", "person", "Sergei Lavrov"), False),
    (_span("RUS", "RUS", None), _span("CHN", "CHN", None), False),
])
def test_one_party(a, b, same):
    assert _one_party(a, b) is same
    assert _one_party(b, a) is same


def test_no_event_between_an_official_and_the_office_he_holds(coder):
    text = ("Ali Shamkhani, the secretary of Iran's Supreme National Security Council, and "
            "Musaed al-Aiban, the Saudi national security adviser, signed the accord in Beijing.")
    events = coder.code_text(text, date=date(2023, 3, 10))
    pairs = _pairs(events)
    assert pairs, "the two signatories are coded"
    assert all(src != tgt for _, src, tgt in pairs)
    assert ("SUPPORT", "IRNGOV", "SAUGOV") in pairs
    # the name and its appositive are one party: one event each way, not two
    assert sorted((e.source.code, e.target.code) for e in events) == [
        ("IRNGOV", "SAUGOV"), ("SAUGOV", "IRNGOV")]


def test_co_hosts_are_not_counterparts(coder):
    text = ("Qatar and Egypt hosted several rounds of talks between Israel and Hamas in Doha "
            "and Cairo.")
    pairs = _pairs(coder.code_text(text, date=date(2024, 1, 15)))
    assert not {p for p in pairs if {p[1], p[2]} == {"QAT", "EGY"}}
    hosted = _pairs(coder.code_text("Qatar hosted Egypt for talks in Doha.", date=date(2024, 1, 15)))
    assert ("CONSULT", "QAT", "EGY") in hosted


def _article_pairs(coder, text: str, when: date) -> dict[str, set[tuple[str, str | None, str | None]]]:
    events, _, _ = coder.code_article("t", text, [], when)
    by_sentence: dict[str, set[tuple[str, str | None, str | None]]] = {}
    for e in events:
        by_sentence.setdefault(e.evidence.sentence, set()).add(
            (e.event, e.source.code if e.source else None, e.target.code if e.target else None))
    return by_sentence


def test_the_pair_before_is_not_carried_into_another_actors_statement(coder):
    first = "Russia and China signed a gas supply deal in Moscow on Monday."
    second = "Saudi Arabia said any agreement on oil output must respect its own interests."
    pairs = _article_pairs(coder, f"{first} {second}", date(2023, 5, 2))
    assert pairs.get(first), "the deal itself is coded"
    assert not {p for p in pairs.get(second, set()) if {p[1], p[2]} == {"RUS", "CHN"}}


def test_no_treaty_is_not_a_treaty(coder):
    first = "Russia and China held joint naval drills in the East China Sea in July."
    second = "They have no mutual defence treaty."
    pairs = _article_pairs(coder, f"{first} {second}", date(2023, 8, 1))
    assert pairs.get(first)
    assert not pairs.get(second)


def test_agreements_named_without_parties_still_take_the_pair_before(coder):
    first = "Russia and China signed a gas supply deal in Moscow on Monday."
    second = "Other agreements cover grain, fertiliser and satellite navigation."
    pairs = _article_pairs(coder, f"{first} {second}", date(2023, 5, 2))
    assert ("AGREE", "RUS", "CHN") in pairs.get(second, set())
