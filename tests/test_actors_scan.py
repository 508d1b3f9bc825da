"""Scanning a tokenizer-only Doc for actor mentions, and in-document references.

The texts here are written for these tests; the seed articles are read from
../shared at test time."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from blocwatch.actors.scan import scan_doc, scan_text, sentence_spans

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"
D2016 = date(2016, 7, 5)
D2017 = date(2017, 7, 4)


@pytest.fixture(scope="module")
def nlp():
    from blocwatch.nlp import load_nlp

    return load_nlp("en_core_web_sm")


def scan(nlp, tables, text, when=D2017):
    mentions = scan_doc(nlp.make_doc(text), when, article_id="a1", tables=tables)
    for m in mentions:
        assert text[m.start:m.end] == m.text
        assert m.article_id == "a1"
    return mentions


def by_text(mentions):
    return {m.text: m.actor for m in mentions}


def test_sentence_spans_split_on_stops_and_blank_lines():
    text = "One is here. Two is there!\n\nThree ends.Four has no space."
    pieces = [text[s:e] for s, e in sentence_spans(text)]
    assert pieces == ["One is here.", "Two is there!", "Three ends.", "Four has no space."]
    text = "Mr. Lee met Gen. Park. The U.S. Navy sailed. George W. Bush spoke."
    pieces = [text[s:e] for s, e in sentence_spans(text)]
    assert pieces == ["Mr. Lee met Gen. Park.", "The U.S. Navy sailed.", "George W. Bush spoke."]


def test_phrases_are_widened_to_titles_and_modifiers(nlp, tables):
    text = ("Chinese President Xi Jinping welcomed the former US ambassador to Russia Michael McFaul, "
            "while Russia's ambassador to China stayed away.")
    found = by_text(scan(nlp, tables, text, D2016))
    assert found["Chinese President Xi Jinping"].role == "head_of_state"
    assert found["the former US ambassador to Russia Michael McFaul"].code == "USAELI"
    envoy = found["Russia's ambassador to China"]
    assert (envoy.name, envoy.role) == ("Andrey Denisov", "ambassador:CHN")


def test_sector_phrases_and_metonyms(nlp, tables):
    text = ("Chinese officials said Russian warplanes had flown near the coast. "
            "The Kremlin said Beijing lashed out at Washington, and the West said nothing.")
    found = by_text(scan(nlp, tables, text))
    assert found["Chinese officials"].code == "CHNGOV"
    assert found["Russian warplanes"].code == "RUSMIL"
    assert found["The Kremlin"].code == "RUSGOV"
    assert found["Beijing"].code == "CHNGOV"
    assert found["Washington"].code == "USAGOV"
    assert found["the West"].code == "WST"


def test_cities_and_seas_are_places(nlp, tables):
    text = ("After the Christchurch attack, leaders met in Hamburg. "
            "Ships crossed the South China Sea and the Indian Ocean.")
    mentions = scan(nlp, tables, text)
    for m in mentions:
        assert m.actor.kind == "place", m
        assert m.actor.code is None
    assert {m.actor.name for m in mentions} >= {"Christchurch", "Hamburg", "South China Sea", "Indian Ocean"}


def test_pronoun_us_and_lower_case_words_are_not_actors(nlp, tables):
    text = "They told us that china plates and turkey dinners were popular."
    assert scan(nlp, tables, text) == []


def test_unknown_people_with_titles_and_their_surnames(nlp, tables):
    text = ("As my colleague Hannah Reiss wrote, the summit mattered. "
            "Reiss also noted that Senator Delgado objected.")
    mentions = scan(nlp, tables, text)
    reiss = [m for m in mentions if "Reiss" in m.text]
    assert len(reiss) == 2
    assert all(m.actor.sector == "MED" and m.actor.country is None for m in reiss)
    assert reiss[1].actor.matched_by == "coref:surname"


def test_the_two_leaders_and_both_countries(nlp, tables):
    text = ("Vladimir Putin met Xi Jinping in Beijing. The two leaders signed a declaration. "
            "Russia and China then held drills. Both countries praised the result.")
    found = by_text(scan(nlp, tables, text))
    leaders = found["The two leaders"]
    assert (leaders.kind, leaders.members) == ("group", ("CHN", "RUS"))
    assert found["Both countries"].members == ("CHN", "RUS")


def test_he_after_a_single_person_but_not_they(nlp, tables):
    text = ("Sergey Lavrov arrived in Delhi on Monday. He met the Indian minister. "
            "Officials from many states attended. They said little.")
    mentions = scan(nlp, tables, text)
    he = [m for m in mentions if m.text == "He"]
    assert len(he) == 1 and he[0].actor.name == "Sergey Lavrov"
    assert not [m for m in mentions if m.text == "They"]


def test_pronoun_is_left_alone_when_two_people_precede(nlp, tables):
    text = "Sergey Lavrov met Wang Yi in Moscow. He spoke first."
    assert not [m for m in scan(nlp, tables, text) if m.text == "He"]


def test_scan_text_uses_the_settings_model(tables):
    mentions = scan_text("Xi Jinping met Narendra Modi.", D2017, tables=tables)
    assert [m.actor.country for m in mentions] == ["CHN", "IND"]


# -- the seed articles (read at test time) ---------------------------------------------


def seed(name: str) -> str:
    path = SEEDS / name
    if not path.exists():
        pytest.skip(f"{path} is not here (tests read third-party data from ../shared)")
    return path.read_text(encoding="utf-8")


def people(mentions):
    return {(m.actor.name, m.actor.country, m.actor.role) for m in mentions if m.actor.kind == "person"}


@pytest.mark.seeds
def test_seed_2016_actors(nlp, tables):
    mentions = scan(nlp, tables, seed("000_a59c947b104b591b.txt"), D2016)
    found = people(mentions)
    for expected in [
        ("Vladimir Putin", "RUS", "head_of_state"), ("Xi Jinping", "CHN", "head_of_state"),
        ("Li Keqiang", "CHN", "head_of_government"), ("Sergey Lavrov", "RUS", "foreign_minister"),
        ("Wang Yi", "CHN", "foreign_minister"), ("Sergei Ivanov", "RUS", "chief_of_staff"),
        ("John McCain", "USA", "legislator"), ("Michael McFaul", "USA", "former_ambassador:RUS"),
    ]:
        assert expected in found, expected
    igos = {m.actor.code for m in mentions if m.actor.kind == "igo"}
    assert {"SCO", "BRICS", "EAEU", "AIIB", "NDB", "IMF", "WB", "WP"} <= igos
    _common_seed_checks(mentions)


@pytest.mark.seeds
def test_seed_2017_actors(nlp, tables):
    mentions = scan(nlp, tables, seed("001_5fcc06f8655c09f3.txt"), D2017)
    found = people(mentions)
    for expected in [
        ("Vladimir Putin", "RUS", "head_of_state"), ("Xi Jinping", "CHN", "head_of_state"),
        ("Anton Vaino", "RUS", "chief_of_staff"), ("Li Zhanshu", "CHN", "chief_of_staff"),
        ("Donald Trump", "USA", "head_of_state"), ("Narendra Modi", "IND", "head_of_government"),
        ("John McCain", "USA", "legislator"), ("Michael McFaul", "USA", "former_ambassador:RUS"),
        ("Andrey Denisov", "RUS", "ambassador:CHN"), ("Sergey Lavrov", "RUS", "foreign_minister"),
        ("Wang Yi", "CHN", "foreign_minister"), ("Li Keqiang", "CHN", "head_of_government"),
    ]:
        assert expected in found, expected
    assert next(m for m in mentions if m.text.lower() == "the kremlin").actor.code == "RUSGOV"
    mcfaul = next(m for m in mentions if m.actor.name == "Michael McFaul")
    assert mcfaul.actor.sector == "ELI"
    journalist = [m for m in mentions if m.actor.role == "journalist"]
    assert journalist and all(m.actor.country is None and m.actor.sector == "MED" for m in journalist)
    assert {"G20", "NATO"} <= {m.actor.code for m in mentions if m.actor.kind == "igo"}
    _common_seed_checks(mentions)


def _common_seed_checks(mentions):
    codes = {m.text.lower(): m.actor for m in mentions}
    assert codes["the russians"].country == "RUS"
    assert codes["the chinese"].country == "CHN"
    assert codes["the west"].kind == "group" and codes["the west"].country is None
    for m in mentions:
        if m.text in {"Crimea", "the South China Sea"}:
            assert m.actor.kind == "place", m
        if m.actor.kind == "state":
            # no city that is not a capital stands for a state
            assert m.text not in {"Hamburg", "Tashkent", "Shanghai"}, m


def test_the_two_presidents_and_the_two_allies(nlp, tables):
    text = ("President Putin welcomed President Xi to the Kremlin. The two Presidents spoke for hours. "
            "Japan and the United States held drills near Okinawa. The two allies then issued a statement.")
    found = by_text(scan(nlp, tables, text))
    assert found["The two Presidents"].members == ("CHN", "RUS")
    assert found["The two allies"].members == ("JPN", "USA")


def test_they_after_a_single_plural_antecedent_only(nlp, tables):
    text = "The Russians tested a new missile. They called it a success."
    they = [m for m in scan(nlp, tables, text) if m.text == "They"]
    assert len(they) == 1 and they[0].actor.country == "RUS"


def test_a_third_candidate_blocks_the_two_countries(nlp, tables):
    text = "Russia, China and India met in Delhi. Both countries signed nothing."
    assert not [m for m in scan(nlp, tables, text) if m.text == "Both countries"]


def test_headline_words_are_not_taken_for_names(nlp, tables):
    text = "Speaker Warns Budget Talks Could Collapse Again This Week"
    assert not [m for m in scan(nlp, tables, text) if m.actor.name and "Warns" in m.actor.name]


def test_its_allies_are_the_allies_of_the_state_just_named(nlp, tables):
    text = "Analysts say the United States and its allies will respond. Officials declined to comment."
    allies = [m for m in scan(nlp, tables, text) if m.text == "its allies"]
    assert len(allies) == 1
    actor = allies[0].actor
    assert actor.kind == "group" and actor.code == tables.allies_group("USA")
    assert {"JPN", "DEU"} <= set(actor.members)
