"""Resolving one mention at a date, against the packaged tables.

Every sentence here is written for these tests; the facts (terms of office,
treaties) are public."""

from __future__ import annotations

from datetime import date

import pytest

from blocwatch.actors.resolve import resolve, resolve_span

D2016 = date(2016, 7, 5)
D2017 = date(2017, 7, 4)


def r(tables, text, when=D2017, context=None):
    return resolve(text, date=when, context=context, tables=tables)


# -- the actors of the seed articles, at the seed dates, in our own sentences ---------


@pytest.mark.parametrize(
    ("text", "when", "context", "country", "sector", "role", "name"),
    [
        ("Putin", D2016, "Putin flew to the summit on Friday.", "RUS", "GOV", "head_of_state", "Vladimir Putin"),
        ("President Xi", D2017, "President Xi arrived for the talks.", "CHN", "GOV", "head_of_state", "Xi Jinping"),
        ("Xi Jinping", D2016, "Xi Jinping opened the forum.", "CHN", "GOV", "head_of_state", "Xi Jinping"),
        ("Li Keqiang", D2016, "Premier Li Keqiang chaired the cabinet.", "CHN", "GOV", "head_of_government", "Li Keqiang"),
        ("Sergey Lavrov", D2016, "Sergey Lavrov spoke to reporters.", "RUS", "GOV", "foreign_minister", "Sergey Lavrov"),
        ("Wang Yi", D2016, "Wang Yi toured the region.", "CHN", "GOV", "foreign_minister", "Wang Yi"),
        ("Sergey Ivanov", D2016, "Sergey Ivanov chaired the meeting.", "RUS", "GOV", "chief_of_staff", "Sergei Ivanov"),
        ("Anton Vaino", D2017, "Anton Vaino briefed the president.", "RUS", "GOV", "chief_of_staff", "Anton Vaino"),
        ("Li Zhanshu", D2017, "Li Zhanshu runs the party's office.", "CHN", None, "chief_of_staff", "Li Zhanshu"),
        ("Donald Trump", D2017, "Donald Trump signed the order.", "USA", "GOV", "head_of_state", "Donald Trump"),
        ("Senator McCain", D2017, "Senator McCain criticised the plan.", "USA", "LEG", "legislator", "John McCain"),
        ("Modi", D2017, "Prime Minister Modi met investors.", "IND", "GOV", "head_of_government", "Narendra Modi"),
        ("Andrey Denisov", D2016, "Andrey Denisov gave an interview.", "RUS", "GOV", "ambassador:CHN", "Andrey Denisov"),
    ],
)
def test_seed_people_at_the_seed_dates(tables, text, when, context, country, sector, role, name):
    actor = r(tables, text, when, context)
    assert (actor.kind, actor.country, actor.role, actor.name) == ("person", country, role, name)
    if sector is not None:
        assert actor.sector == sector
        assert actor.code == country + sector


def test_li_zhanshu_is_party_or_government_not_a_citizen(tables):
    actor = r(tables, "Li Zhanshu")
    assert actor.sector in {"GOV", "PTY"}


def test_former_ambassador_acts_for_no_government(tables):
    actor = r(tables, "Michael McFaul", D2017,
              "Critics like former US ambassador to Russia Michael McFaul doubt it.")
    assert (actor.country, actor.sector, actor.role) == ("USA", "ELI", "former_ambassador:RUS")
    phrase = r(tables, "former US ambassador to Russia Michael McFaul", D2017)
    assert phrase.code == "USAELI"


def test_a_journalist_is_media_not_a_state(tables):
    mine = r(tables, "Tom Berger", D2017, "As my colleague Tom Berger has argued, the talks matter.")
    assert (mine.sector, mine.country, mine.role) == ("MED", None, "journalist")
    apposed = r(tables, "Ines Vogt", D2017, "Ines Vogt, a journalist in Berlin, asked the question.")
    assert apposed.sector == "MED" and apposed.kind == "person"


def test_organisations_with_members_on_the_date(tables):
    cases = {
        "the Shanghai Cooperation Organisation": "SCO", "BRICS": "BRICS",
        "the Eurasian Economic Union": "EAEU", "the Asian Infrastructure Investment Bank": "AIIB",
        "the BRICS Bank": "NDB", "the G20": "G20", "NATO": "NATO", "the IMF": "IMF",
        "the World Bank": "WB",
    }
    for text, code in cases.items():
        actor = r(tables, text, D2016)
        assert (actor.kind, actor.code) == ("igo", code), text
        assert actor.members, text
    assert {"RUS", "CHN"} <= set(r(tables, "the Shanghai Cooperation Organisation", D2016).members)
    assert "IND" not in r(tables, "SCO", date(2016, 7, 5)).members  # a member from 2017-06-09
    assert "IND" in r(tables, "SCO", date(2017, 7, 4)).members


def test_the_warsaw_pact_is_historical(tables):
    actor = r(tables, "the Warsaw Pact", D2016)
    assert actor.kind == "igo" and actor.reason.startswith("historical")
    assert "SUN" in actor.members


def test_metonyms_demonyms_and_blocs(tables):
    assert r(tables, "the Kremlin", context="The Kremlin denied the report.").code == "RUSGOV"
    assert r(tables, "the Russians").country == "RUS"
    assert r(tables, "the Chinese").country == "CHN"
    west = r(tables, "the West")
    assert (west.kind, west.code, west.country) == ("group", "WST", None)


def test_issues_and_places_are_not_actors(tables):
    crimea = r(tables, "Crimea", D2016, "Beijing quietly accepted Crimea as Russian.")
    assert crimea.kind == "place" and crimea.code is None
    sea = r(tables, "the South China Sea", D2016, "Patrols in the South China Sea grew.")
    assert sea.kind == "place" and sea.country != "CHN"
    near = r(tables, "Taiwan", D2017, "A cruiser sailed near Taiwan on Monday.")
    assert near.kind == "place"
    sale = r(tables, "Taiwan", D2017, "Congress cleared an arms sale to Taiwan.")
    assert (sale.kind, sale.country) == ("state", "TWN")


# -- the issue's examples -------------------------------------------------------------


def test_trump_then_and_later(tables):
    now = r(tables, "President Trump", D2017)
    assert (now.code, now.role) == ("USAGOV", "head_of_state")
    later = r(tables, "President Trump", date(2022, 6, 1))
    assert (later.country, later.sector, later.role) == ("USA", "ELI", "former_head_of_state")


def test_putin_head_of_state_2016_head_of_government_2010(tables):
    assert r(tables, "Putin", D2016).role == "head_of_state"
    assert r(tables, "Putin", date(2010, 3, 1)).role == "head_of_government"


def test_country_and_sector_phrases(tables):
    expected = {
        "Chinese officials": "CHNGOV", "Russian warplanes": "RUSMIL", "four Saudi men": "SAUCVL",
        "an American destroyer": "USAMIL", "Pakistani Army": "PAKMIL",
    }
    for text, code in expected.items():
        assert r(tables, text).code == code, text
    allies = r(tables, "US allies")
    assert allies.kind == "group" and allies.country is None
    assert {"JPN", "DEU"} <= set(allies.members)


def test_courts_and_ministries(tables):
    court = r(tables, "Supreme Court", context="Pakistan's Supreme Court removed the prime minister.")
    assert court.code == "PAKJUD"
    ministry = r(tables, "the Chinese Ministry of Commerce", D2016)
    assert ministry.code == "CHNGOV"


def test_titles_without_names_are_the_holder_on_the_date(tables):
    assert r(tables, "Chinese President", D2017).name == "Xi Jinping"
    envoy = r(tables, "Russia's ambassador to China", D2016)
    assert (envoy.name, envoy.role) == ("Andrey Denisov", "ambassador:CHN")


def test_modifiers_change_the_role(tables):
    then = r(tables, "then-President Obama", date(2019, 1, 1))
    assert then.role == "head_of_state" and "then-" in then.reason
    retired = r(tables, "retired vice president", D2017)
    assert retired.kind == "unresolved" and "no country" in retired.reason
    opposition = r(tables, "the Russian opposition")
    assert opposition.code == "RUSOPP"


# -- what must not happen --------------------------------------------------------------


def test_a_city_is_a_place_not_a_state(tables):
    attack = r(tables, "Christchurch", date(2019, 3, 16), "The Christchurch attack shocked the country.")
    assert attack.kind == "place" and attack.code is None and attack.country == "NZL"
    venue = r(tables, "Moscow", D2017, "The two presidents met in Moscow on Tuesday.")
    assert venue.kind == "place" and venue.code is None
    agent = r(tables, "Moscow", D2017, "Moscow said the sanctions were illegal.")
    assert agent.code == "RUSGOV"
    both = r(tables, "Washington", D2017, "Beijing lashed out at Washington over the patrol.")
    assert both.code == "USAGOV"


def test_republic_of_china_is_taiwan(tables):
    assert r(tables, "Republic of China").country == "TWN"
    assert r(tables, "the Republic of China", context="Troops of the Republic of China paraded.").country == "TWN"
    assert r(tables, "People's Republic of China").country == "CHN"
    assert r(tables, "ROC").country == "TWN"


def test_georgia_needs_context(tables):
    bare = r(tables, "Georgia")
    assert bare.kind == "unresolved" and bare.reason.startswith("ambiguous")
    state = r(tables, "Georgia", context="The governor of Georgia certified the results in Atlanta.")
    assert (state.kind, state.country) == ("place", "USA")
    country = r(tables, "Georgia", context="Georgia recalled its envoy after clashes near Tbilisi.")
    assert (country.kind, country.country) == ("state", "GEO")


@pytest.mark.parametrize("name", ["Congo", "Korea"])
def test_unqualified_names_stay_unresolved(tables, name):
    actor = r(tables, name)
    assert actor.kind == "unresolved" and "ambiguous" in actor.reason
    assert actor.country is None


def test_qualified_names_resolve(tables):
    assert r(tables, "North Korea").country == "PRK"
    assert r(tables, "South Korea").country == "KOR"
    assert r(tables, "Democratic Republic of the Congo").country == "COD"
    assert r(tables, "South Sudan").country == "SSD"
    assert r(tables, "Sudan", context="South Sudan split from Sudan in 2011.").country == "SDN"


def test_two_letter_codes(tables):
    assert r(tables, "IR", None).country == "IRN"
    assert r(tables, "IQ", None).country == "IRQ"
    assert r(tables, "XQ", None).kind == "unresolved"
    # lower-case "us" in a sentence is a pronoun, not the United States
    res = resolve_span("They told us the truth.", 10, 12, D2017, tables=tables)
    assert res.actor.kind == "unresolved"


def test_unknown_mentions_stay_unresolved_with_a_reason(tables):
    actor = r(tables, "Zorblax Quentin", D2017, "Zorblax Quentin spoke.")
    assert actor.kind == "unresolved" and actor.reason


# -- date boundaries: on the end date the successor holds the role ---------------------


def test_us_presidency_changes_on_inauguration_day(tables):
    assert r(tables, "the American president", date(2017, 1, 19)).name == "Barack Obama"
    assert r(tables, "the American president", date(2017, 1, 20)).name == "Donald Trump"
    obama = r(tables, "Barack Obama", date(2017, 1, 20))
    assert obama.role == "former_head_of_state" and obama.sector == "ELI"


def test_kremlin_chief_of_staff_changes_on_the_decree_day(tables):
    assert r(tables, "Anton Vaino", date(2016, 8, 12)).role == "chief_of_staff"
    assert r(tables, "Sergey Ivanov", date(2016, 8, 11)).role == "chief_of_staff"
    assert r(tables, "Sergey Ivanov", date(2016, 8, 12)).role != "chief_of_staff"


def test_putin_becomes_president_on_2012_05_07(tables):
    assert r(tables, "Putin", date(2012, 5, 6)).role == "head_of_government"
    assert r(tables, "Putin", date(2012, 5, 7)).role == "head_of_state"


def test_resolution_is_pure(tables):
    first = r(tables, "President Xi", D2017, "President Xi met the press.")
    again = r(tables, "President Xi", D2017, "President Xi met the press.")
    assert first == again


def test_destinations_and_coasts_are_places(tables):
    trip = r(tables, "Moscow", D2017, "The premier travelled to Moscow on Friday.")
    assert (trip.kind, trip.country, trip.code) == ("place", "RUS", None)
    coast = r(tables, "Taiwan", D2017, "Warships were seen off the coast of Taiwan.")
    assert coast.kind == "place"
    message = r(tables, "Moscow", D2017, "Beijing sent a clear message to Moscow.")
    assert message.code == "RUSGOV"


def test_affiliations_are_not_citizenship(tables):
    backed = r(tables, "Russian-backed separatists", date(2014, 7, 17))
    assert backed.country is None and backed.sector == "REB"
    pro = r(tables, "pro-Russia rebels", date(2014, 7, 17))
    assert pro.country is None and "side" in pro.reason


def test_a_monarch_of_many_realms_is_read_for_their_own_country(tables):
    queen = r(tables, "the late Queen Elizabeth", date(2023, 1, 1))
    assert (queen.country, queen.sector) == ("GBR", "ELI")


def test_moscow_speaks_for_the_state_of_its_time(tables):
    assert r(tables, "Moscow", date(1985, 3, 11), "Moscow protested the deployment.").country == "SUN"
    assert r(tables, "Moscow", date(1995, 3, 11), "Moscow protested the deployment.").country == "RUS"
