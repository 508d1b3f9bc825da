"""Verbal and nominal extraction, pair mode, claims and superseding, on sentences
written for these tests."""

from __future__ import annotations

from datetime import date

from blocwatch.events.claims import current, supersede
from blocwatch.models import Claim, Evidence


def _triples(events):
    return {(e.event, e.source.country if e.source else None,
             e.target.country if e.target else None) for e in events}


def test_subject_verb_object(coder):
    evs = coder.code_text("Japan accused North Korea of firing missiles over its territory.")
    assert ("ACCUSE", "JPN", "PRK") in _triples(evs)


def test_passive_voice(coder):
    evs = coder.code_text("Kenya was criticised by Ethiopia for closing the border.")
    assert ("ACCUSE", "ETH", "KEN") in _triples(evs)


def test_coordination_codes_both_directions(coder):
    # Signing an agreement is SUPPORT in PLOVER; agreeing to act is AGREE.
    evs = coder.code_text("Brazil and Argentina signed a customs agreement on Friday.")
    got = _triples(evs)
    assert ("SUPPORT", "BRA", "ARG") in got and ("SUPPORT", "ARG", "BRA") in got
    evs = coder.code_text("Brazil and Argentina agreed to open the border.")
    got = _triples(evs)
    assert ("AGREE", "BRA", "ARG") in got and ("AGREE", "ARG", "BRA") in got
    assert all(e.attributes.get("reciprocal") for e in evs)


def test_nominal_events(coder):
    got = _triples(coder.code_text("The summit between Egypt and Jordan ended early."))
    assert ("CONSULT", "EGY", "JOR") in got
    evs = coder.code_text("France approved a $2.5bn arms sale to India.")
    sale = [e for e in evs if e.event == "AID"]
    assert sale and sale[0].target.country == "IND" and sale[0].attributes["amount"] == "$2.5bn"
    evs = coder.code_text("Modi's 7th visit to Japan began on Monday.", date=date(2018, 10, 30))
    visit = [e for e in evs if e.event == "CONSULT"]
    assert visit and visit[0].attributes["ordinal"] == 7 and visit[0].target.country == "JPN"
    assert visit[0].date == date(2018, 10, 29) and visit[0].date_basis == "relative"
    # Imposing sanctions is SANCTION (PLOVER codebook: a reduction of relations).
    got = _triples(coder.code_text("Canada imposed new sanctions on Iran on Tuesday."))
    assert ("SANCTION", "CAN", "IRN") in got
    got = _triples(coder.code_text("Canada expelled two Iranian diplomats."))
    assert ("SANCTION", "CAN", "IRN") in got


def test_control_verbs_decide_the_type(coder):
    assert ("REJECT", "TUR", "GRC") in _triples(coder.code_text("Turkey refused to meet Greece."))
    assert ("THREATEN", "USA", "CUB") in _triples(
        coder.code_text("The United States threatened to sanction Cuba."))


def test_several_events_in_one_sentence(coder):
    evs = coder.code_text("Chile hosted Peru for talks and later criticised Bolivia.")
    got = {e.event for e in evs}
    assert {"CONSULT", "ACCUSE"} <= got


def test_contexts_and_evidence(coder):
    text = "Quiet week. Norway and Sweden agreed to build a gas pipeline."
    evs = coder.code_text(text)
    assert evs and "energy" in evs[0].context
    ev = evs[0]
    assert text[ev.evidence.start:ev.evidence.end] == ev.evidence.sentence
    assert ev.evidence.sentence.startswith("Norway")


def test_pair_mode_answers_source_to_target(coder):
    evs = coder.code_text("Rebels kidnapped two aid workers near the border.",
                          source="Rebels", target="two aid workers")
    assert evs[0].event == "ASSAULT" and evs[0].source.text == "Rebels"
    evs = coder.code_text("The court fined the company for polluting the river.",
                          source="The court", target="the company")
    assert evs[0].quad in (3, 4)


def _claim(subject, value, day):
    ev = Evidence("a", 0, 0, 1, "s")
    return Claim(subject, "manages", value, ("CHN", "RUS"), "asserted", 1.0, day, ev)


def test_newer_claim_supersedes_older():
    old = _claim("manager:CHN-RUS", "Old Official", date(2016, 7, 5))
    new1 = _claim("manager:CHN-RUS", "New Official", date(2017, 7, 4))
    new2 = _claim("manager:CHN-RUS", "Other New Official", date(2017, 7, 4))
    other = _claim("manager:IND-USA", "Someone", date(2015, 1, 1))
    marked = supersede([old, new1, new2, other])
    assert marked[0].superseded_by == 1
    assert [m.superseded_by for m in marked[1:]] == [None, None, None]
    assert {c.value for c in current([old, new1, new2])} == {"New Official", "Other New Official"}


def test_claims_from_text(coder):
    text = ("Diplomats say the official who manages Vietnam's relations with India is "
            "Pham Binh Minh. Vietnam and India call their ties a comprehensive strategic "
            "partnership.")
    from blocwatch.models import Passage

    _, claims, mentions = coder.code_article("art", text, [Passage("art", 0, 0, len(text),
                                                                     text, "h")],
                                             date(2016, 1, 1))
    labels = [c for c in claims if c.predicate == "label"]
    assert labels and labels[0].subject == "label:IND-VNM"
    assert labels[0].value == "comprehensive strategic partnership"
    assert mentions and all(m.article_id == "art" for m in mentions)


def test_fallback_gazetteer_when_the_resolver_is_absent(coder):
    from blocwatch.events import actors_adapter

    doc = coder.nlp.make_doc("Officials in Moscow said NATO and the United States had met.")
    found = actors_adapter._fallback_scan(doc, date(2020, 1, 1), "a", 0)
    got = {(m.text, m.actor.country or m.actor.code) for m in found}
    assert ("NATO", "NATO") in got and ("United States", "USA") in got
    actor = actors_adapter._fallback_resolve("Iranian Foreign Minister Javad Zarif", None)
    assert actor.country == "IRN"
    assert actors_adapter._fallback_resolve("a recipient", None).kind == "unresolved"


def test_intent_and_refusal_rules(coder):
    got = _triples(coder.code_text("Norway will send medical aid to Sudan."))
    assert ("AGREE", "NOR", "SDN") in got
    got = _triples(coder.code_text("Serbia will not release the prisoners it took from Croatia."))
    assert any(t[:2] == ("REJECT", "SRB") for t in got), got


def test_coordinated_lists_and_modifiers(coder):
    got = _triples(coder.code_text("Egypt, Jordan and Iraq met in Amman on Sunday."))
    assert {("CONSULT", "EGY", "JOR"), ("CONSULT", "JOR", "IRQ"), ("CONSULT", "IRQ", "EGY")} <= got
    got = _triples(coder.code_text("Peruvian and Chilean students protested against Bolivia."))
    assert {("PROTEST", "PER", "BOL"), ("PROTEST", "CHL", "BOL")} <= got


def test_pronoun_subject_of_a_reported_clause(coder):
    got = _triples(coder.code_text("Mexico said it would not extradite the suspect to Cuba."))
    assert any(t[0] == "REJECT" and t[1] == "MEX" for t in got), got


def test_giver_of_what_is_received(coder):
    got = _triples(coder.code_text("Mali received weapons and ammunition from Algeria."))
    assert ("AID", "DZA", "MLI") in got


def test_exercises_alone_are_a_show_of_force(coder):
    assert ("MOBILIZE", "RUS", None) in _triples(
        coder.code_text("Russia held military exercises near the Arctic coast."))
    assert ("COOPERATE", "RUS", "BLR") in _triples(
        coder.code_text("Russia held joint military exercises with Belarus."))
