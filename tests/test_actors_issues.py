"""Issues, historical seats, sectors of named groups and led coalitions.

Every sentence here is written for these tests; the facts are public."""

from __future__ import annotations

from datetime import date

import pytest

from blocwatch.actors.resolve import resolve
from blocwatch.actors.scan import scan_text


def r(tables, text, when, context=None):
    return resolve(text, date=when, context=context, tables=tables)


D = date(2022, 8, 5)


# -- a state that is what an issue is about is not an actor -------------------------


@pytest.mark.parametrize(("text", "context", "noun"), [
    ("Taiwan", "Beijing repeated its goal of unification with Taiwan.", "unification"),
    ("Taiwan", "Beijing restated China's claim to Taiwan.", "claim"),
    ("Taiwan", "The envoys avoided any word on Taiwan's status.", "status"),
    ("Taiwan", "The Taiwan question dominated the talks.", "question"),
    ("Taiwan", "Both sides raised the Taiwan issue.", "issue"),
    ("Taiwan", "Washington said it did not support Taiwan independence.", "independence"),
    ("Crimea", "Sanctions followed the annexation of Crimea.", "annexation"),
    ("Kosovo", "Serbia rejects the independence of Kosovo.", "independence"),
])
def test_the_object_of_an_issue_noun_is_an_issue(tables, text, context, noun):
    a = r(tables, text, D, context)
    assert (a.kind, a.reason, a.matched_by) == ("place", "issue", f"issue:{noun}"), a


@pytest.mark.parametrize(("text", "context", "code"), [
    ("Taiwan", "The administration approved an arms sale to Taiwan.", "TWN"),
    ("Taiwan", "Taiwan said it would hold its own drills.", "TWN"),
    ("Taipei", "Taipei protested the missile launches.", "TWNGOV"),
    ("China", "Beijing restated China's claim to Taiwan.", "CHN"),  # the claimant acts
])
def test_the_state_acting_stays_an_actor(tables, text, context, code):
    assert r(tables, text, D, context).code == code


def test_crimea_is_never_a_state(tables):
    for context in ("Crimea voted in a disputed referendum.", "Russia annexed Crimea in March."):
        a = r(tables, "Crimea", date(2014, 3, 18), context)
        assert a.kind == "place" and a.country == "UKR", context


# -- seats of states that have since ended ------------------------------------------


@pytest.mark.parametrize(("text", "when", "code"), [
    ("the Kremlin", date(1975, 8, 1), "SUNGOV"),
    ("the Kremlin", date(1991, 12, 25), "SUNGOV"),
    ("the Kremlin", date(1991, 12, 26), "RUSGOV"),
    ("the Kremlin", date(2017, 7, 4), "RUSGOV"),
    ("the Kremlin", None, "RUSGOV"),
    ("Moscow", date(1985, 3, 11), "SUNGOV"),
    ("the KGB", date(1980, 1, 1), "SUNSPY"),
])
def test_the_seat_belongs_to_the_state_of_the_date(tables, text, when, code):
    context = f"{text[0].upper()}{text[1:]} issued a statement."
    assert r(tables, text, when, context).code == code


def test_an_ended_state_is_preferred_while_it_lasts(tables):
    # the rule for shared names: several states existing on the date -> the one that later ended
    assert tables.countries["RUS"].start == date(1991, 12, 26)
    assert tables.country_on("SUN", date(1991, 12, 25)) and not tables.country_on("RUS", date(1991, 12, 25))
    assert r(tables, "Moscow", date(1991, 12, 26), "Moscow issued a statement.").code == "RUSGOV"


# -- sectors ------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "context", "code"), [
    ("the Israel Defense Forces", "The Israel Defense Forces expanded ground operations.", "ISRMIL"),
    ("the IDF", "The IDF said it struck a launcher.", "ISRMIL"),
    ("Russian forces", "Russian forces shelled the town overnight.", "RUSMIL"),
    ("Ukrainian armed forces", "Ukrainian armed forces retook the village.", "UKRMIL"),
    ("Iranian security forces", "Iranian security forces fired on the crowd.", "IRNCOP"),
    ("Japan's Ministry of Economy, Trade and Industry",
     "Japan's Ministry of Economy, Trade and Industry tightened export rules.", "JPNGOV"),
])
def test_sectors(tables, text, context, code):
    assert r(tables, text, D, context).code == code


def test_forces_alone_name_no_state(tables):
    a = r(tables, "forces", D, "The forces of the market pushed prices up in Russia.")
    assert a.kind == "unresolved" and a.reason == "no country: 'forces' names a sector only after a country"


@pytest.mark.parametrize(("when", "code"), [
    (date(1999, 1, 1), "AFGGOV"),
    (date(2001, 11, 12), "AFGGOV"),
    (date(2001, 11, 13), "AFGREB"),
    (date(2019, 9, 7), "AFGREB"),
    (date(2021, 8, 15), "AFGGOV"),
    (None, "AFGGOV"),
])
def test_the_taliban_govern_on_some_dates_only(tables, when, code):
    assert r(tables, "the Taliban", when, "The Taliban issued a decree.").code == code


@pytest.mark.parametrize(("text", "code"), [
    ("the Houthis", "YEMREB"), ("M23", "CODREB"), ("United Russia", "RUSPTY"), ("the BJP", "INDPTY"),
    ("Xinhua", "CHNMED"), ("Gazprom", "RUSBUS"), ("Huawei", "CHNBUS"), ("Mossad", "ISRSPY"),
])
def test_named_groups_have_a_home_state(tables, text, code):
    assert r(tables, text, D, f"{text[0].upper()}{text[1:]} issued a statement.").code == code


def test_hezbollah_stays_without_a_state(tables):
    a = r(tables, "Hezbollah", D, "Hezbollah fired rockets across the border.")
    assert (a.kind, a.country, a.sector) == ("group", None, "REB")


# -- coalitions led by a state ----------------------------------------------------------


def test_a_led_coalition_is_a_group_led_by_the_state(tables):
    a = r(tables, "the Saudi-led coalition", date(2018, 8, 9), "The Saudi-led coalition struck a bus.")
    assert (a.kind, a.code, a.country, a.sector) == ("group", "SAUMIL", "SAU", "MIL")
    assert a.name == "coalition led by Saudi Arabia"
    assert a.reason == "a coalition of states led by SAU; its other members are not listed"


def test_the_scanner_takes_the_whole_coalition_phrase():
    found = scan_text("The US-led coalition invaded Iraq in March.", date(2003, 3, 20))
    first = found[0]
    assert (first.text, first.actor.kind, first.actor.code) == ("The US-led coalition", "group", "USAMIL")


def test_backed_is_still_an_affiliation(tables):
    a = r(tables, "Russian-backed separatists", date(2014, 7, 17), "Russian-backed separatists held the site.")
    assert a.country is None
