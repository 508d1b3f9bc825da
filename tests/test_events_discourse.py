"""Rules that reach past one clause, each on sentences written for this test:
parties carried over to agreements and talks named without them, mutual acts
("backed each other"), acts a complaint is about, dependence on a partner,
rumours, the author's inference and "a year ago"."""

from __future__ import annotations

from datetime import date

import pytest


def _by(events, root):
    return [e for e in events if e.event == root]


def _pairs(events, root):
    return {(e.source.country if e.source else None, e.target.country if e.target else None)
            for e in _by(events, root)}


def test_agreements_without_parties_inherit_the_pair_before_across_paragraphs(coder):
    text = ("Kazakhstan and Uzbekistan signed a treaty on their common border in Astana.\n\n"
            "Other agreements cover cooperation in the banking sector, insurance, "
            "railway freight, oil and gas and sports exchanges.")
    events = coder.code_text(text, date=date(2022, 9, 1))
    later = [e for e in _by(events, "AGREE") if "Other agreements" in e.evidence.sentence]
    assert {(e.source.country, e.target.country) for e in later} == {("KAZ", "UZB"),
                                                                     ("UZB", "KAZ")}
    contexts = set(later[0].context)
    assert {"finance", "transport", "energy", "sport"} <= contexts, contexts
    assert later[0].attributes["parties_from"] == "context"


def test_the_talks_already_told_are_not_coded_again(coder):
    text = ("Ghana and Nigeria held talks in Accra on Tuesday.\n\n"
            "The talks covered fisheries, electricity and cross-border trade.")
    events = coder.code_text(text, date=date(2023, 2, 2))
    assert not [e for e in events if "covered" in e.evidence.sentence]
    assert {("GHA", "NGA"), ("NGA", "GHA")} <= _pairs(events, "CONSULT")


def test_no_pair_before_means_no_agreement_without_parties(coder):
    events = coder.code_text("Other agreements cover cooperation in the banking sector.")
    assert not _by(events, "AGREE")


def test_mutual_support_of_two_states_is_coded_both_ways(coder):
    events = coder.code_text("Brazil and Argentina have always backed each other's claims "
                             "at the World Trade Organization.")
    assert {("BRA", "ARG"), ("ARG", "BRA")} <= _pairs(events, "SUPPORT")
    events = coder.code_text("Brazil and Argentina have always backed each other's positions "
                             "on Venezuela.")
    support = _by(events, "SUPPORT")
    assert {("BRA", "ARG"), ("ARG", "BRA")} == _pairs(events, "SUPPORT")
    assert all(e.attributes["issues"] == ["Venezuela"] for e in support)


@pytest.mark.parametrize(("second", "pair"), [
    ("The two countries have always backed each other in the talks.", {"EGY", "SDN"}),
    ("Ethiopia and Somalia will handle the dam dispute, with the two countries always backing "
     "each other in the talks.", {"ETH", "SOM"}),
    ("Kenya is to lead on the dam and Uganda on the ceasefire in Darfur and Tigray, with the "
     "two countries always backing each other.", {"KEN", "UGA"}),
])
def test_the_two_countries_backing_each_other(coder, second, pair):
    text = f"Egypt and Sudan signed a water accord in Cairo.\n\n{second}"
    events = coder.code_text(text, date=date(2020, 1, 8))
    later = [e for e in _by(events, "SUPPORT") if "each other" in e.evidence.sentence]
    assert {(e.source.country, e.target.country) for e in later} == {
        tuple(sorted(pair)), tuple(sorted(pair, reverse=True))}


def test_the_act_a_complaint_is_about_is_aimed_at_the_complainant(coder):
    events = coder.code_text("Tokyo criticised Beijing for sending two warships near a "
                             "disputed reef.")
    assert ("JPN", "CHN") in _pairs(events, "ACCUSE")
    force = [e for e in events if e.event == "MOBILIZE"]
    assert force and {(e.source.country, e.target.country) for e in force} == {("CHN", "JPN")}
    assert "military" in force[0].context


def test_dependence_on_a_partner_is_cooperation_from_the_partner(coder):
    events = coder.code_text("Indian naval programmes rely heavily on French submarine "
                             "technology.")
    assert ("FRA", "IND") in _pairs(events, "COOPERATE")
    events = coder.code_text("Serbia has looked to Russia for help with its air defences.")
    assert ("SRB", "RUS") in _pairs(events, "REQUEST")


def test_a_denied_rumour_of_dependence_is_denied(coder):
    events = coder.code_text("There are rumours, always denied, that Iranian drone projects "
                             "draw on Belarusian engineering advice.")
    found = _by(events, "COOPERATE")
    assert found and {e.modality for e in found} == {"denied"}
    assert ("BLR", "IRN") in _pairs(events, "COOPERATE")


@pytest.mark.parametrize("cue", ["we can be sure", "we can sure", "it is certain that"])
def test_the_authors_inference_covers_the_whole_sentence(coder, cue):
    text = ("Germany and Poland met in Warsaw on Monday.\n\n"
            f"The statements say nothing about security talks, but {cue} they "
            "happened.")
    events = coder.code_text(text, date=date(2021, 3, 10))
    talks = [e for e in _by(events, "CONSULT") if "statements" in e.evidence.sentence]
    assert talks and {e.modality for e in talks} == {"inferred"}
    assert {(e.source.country, e.target.country) for e in talks} == {("DEU", "POL"),
                                                                     ("POL", "DEU")}


def test_a_year_ago_is_one_year_before_the_article(coder):
    events = coder.code_text("Chile and Peru signed a fisheries accord exactly a year ago.",
                             date=date(2019, 5, 20))
    found = [e for e in events if e.event in ("AGREE", "SUPPORT")]
    assert found and {e.date for e in found} == {date(2018, 5, 20)}
    assert {e.date_text for e in found} == {"a year ago"}


def test_a_rumour_covers_its_own_clause_only(coder):
    events = coder.code_text("The Japanese are said to rely on Australian gas for their power "
                             "stations, and there are persistent rumours - always denied - "
                             "that they have looked to the Americans for help with their "
                             "missiles.")
    gas = [e for e in _by(events, "COOPERATE") if e.trigger == "rely"]
    assert gas and {(e.source.country, e.target.country, e.modality) for e in gas} == {
        ("AUS", "JPN", "speculated")}
    asked = _by(events, "REQUEST")
    assert asked and {(e.source.country, e.target.country, e.modality) for e in asked} == {
        ("JPN", "USA", "denied")}
