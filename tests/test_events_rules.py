"""The coding conventions of docs/ontology.md, each on sentences written for
this test: promised concessions, sanctions against coercion, travel and
attacks on places, demands against appeals, the cheap coder version."""

from __future__ import annotations

import sys


def _triples(events):
    return {(e.event, e.source.country if e.source else None,
             e.target.country if e.target else None) for e in events}


def _cameo(events):
    return {(e.event, e.cameo, e.source.country if e.source else None,
             e.target.country if e.target else None) for e in events}


def test_promised_retreat_is_a_concession_and_done_retreat_is_retreat(coder):
    got = _triples(coder.code_text("Armenia promised to withdraw its soldiers from Azerbaijan."))
    assert ("CONCEDE", "ARM", "AZE") in got, got
    got = _triples(coder.code_text("Ethiopia will withdraw its troops from Somalia next year."))
    assert ("CONCEDE", "ETH", "SOM") in got, got
    got = _triples(coder.code_text("Ethiopia withdrew its troops from Somalia in March."))
    assert ("RETREAT", "ETH", "SOM") in got, got


def test_vow_to_attack_is_a_threat_and_agreeing_to_ship_is_agree(coder):
    got = _triples(coder.code_text("Pakistan vowed to retaliate against India."))
    assert ("THREATEN", "PAK", "IND") in got, got
    got = _triples(coder.code_text("Brazil agreed to ship grain to Egypt."))
    assert ("AGREE", "BRA", "EGY") in got, got


def test_sanctions_and_verdicts_reduce_relations(coder):
    got = _cameo(coder.code_text("Australia imposed sanctions on Myanmar's generals."))
    assert ("SANCTION", "16", "AUS", "MMR") in got, got
    got = _triples(coder.code_text("Germany revoked Belarus's trade privileges."))
    assert ("SANCTION", "DEU", "BLR") in got, got
    got = _triples(coder.code_text("Turkey arrested dozens of Greek fishermen."))
    assert ("COERCE", "TUR", "GRC") in got, got


def test_appeals_are_cameo_02_and_demands_10(coder):
    got = _cameo(coder.code_text("Canada urged India to cooperate with the inquiry."))
    assert ("REQUEST", "02", "CAN", "IND") in got, got
    got = _cameo(coder.code_text("Algeria demanded an apology from France."))
    assert any(c[:3] == ("REQUEST", "10", "DZA") for c in got), got


def test_travel_to_a_city_is_a_visit_to_its_country(coder):
    evs = coder.code_text("The Kenyan president flew to Lyon for a two-day stay.")
    got = _cameo(evs)
    assert ("CONSULT", "04", "KEN", "FRA") in got, got
    visit = next(e for e in evs if e.event == "CONSULT")
    assert visit.mode == "visit"


def test_lone_visitor_holding_talks_in_a_city_meets_its_country(coder):
    got = _triples(coder.code_text("The Saudi foreign minister held talks in Lyon on Monday."))
    assert ("CONSULT", "SAU", "FRA") in got, got


def test_meeting_in_a_third_place_is_not_with_the_host(coder):
    got = _triples(coder.code_text("Chile and Peru met in Geneva on Friday."))
    assert ("CONSULT", "CHL", "PER") in got and not any(t[2] == "CHE" for t in got), got


def test_air_strikes_inside_a_country_target_it(coder):
    got = _cameo(coder.code_text("Israel carried out air strikes inside Syria on Monday."))
    assert ("ASSAULT", "19", "ISR", "SYR") in got, got


def test_coordinated_signatories_pair_with_the_partner_only(coder):
    got = _triples(coder.code_text("Spain and Portugal signed a fisheries accord with Morocco."))
    assert {("SUPPORT", "ESP", "MAR"), ("SUPPORT", "PRT", "MAR")} <= got, got
    assert ("SUPPORT", "ESP", "PRT") not in got, got


def test_sending_food_is_aid(coder):
    got = _triples(coder.code_text("Oman sent food aid to Yemen."))
    assert ("AID", "OMN", "YEM") in got, got


def test_coder_version_is_cheap_and_tracks_the_artefacts(monkeypatch):
    from blocwatch.events import version

    version.coder_version.cache_clear()
    first = version.coder_version()
    assert first.count("+") == 1 and len(first.split("+")[1]) == 12
    # A different lexicon gives a different version.
    monkeypatch.setattr(version, "LEXICON_FILE", "event_model.json")
    version.coder_version.cache_clear()
    assert version.coder_version() != first
    monkeypatch.undo()
    version.coder_version.cache_clear()
    assert version.coder_version() == first


def test_coder_version_does_not_need_spacy():
    import subprocess

    code = ("import sys; from blocwatch.events.version import coder_version; coder_version(); "
            "print('spacy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"


def test_leaving_a_treaty_is_sanction_and_leaving_ground_is_retreat(coder):
    got = _triples(coder.code_text("Hungary withdrew from the International Criminal Court."))
    assert any(t[:2] == ("SANCTION", "HUN") for t in got), got
    got = _triples(coder.code_text("Burkina Faso quit ECOWAS in January."))
    assert any(t[:2] == ("SANCTION", "BFA") for t in got), got
    evs = coder.code_text("Hungary pulled its soldiers out of Kosovo.", source="Hungary",
                          target="Kosovo")
    assert evs[0].event == "RETREAT", [(e.event, e.attributes) for e in evs]
    evs = coder.code_text("Mali withdrew from the regional alliance last year.", source="Mali",
                          target="the regional alliance")
    assert evs[0].event == "SANCTION", [(e.event, e.attributes) for e in evs]


def test_pair_mode_sending_refusing_and_promising(coder):
    evs = coder.code_text("Beijing sent two destroyers to waters near Manila.", source="Beijing",
                          target="Manila")
    assert evs[0].event == "MOBILIZE", [e.event for e in evs]
    evs = coder.code_text("Qatar sent tents and blankets to Afghanistan.", source="Qatar",
                          target="Afghanistan")
    assert evs[0].event == "AID", [e.event for e in evs]
    evs = coder.code_text("Colombia would not approve the extradition request from Mexico.",
                          source="Colombia", target="Mexico")
    assert evs[0].event == "REJECT", [e.event for e in evs]
    evs = coder.code_text("Ethiopia promised Somalia that it would withdraw its troops by June.",
                          source="Ethiopia", target="Somalia")
    assert evs[0].event == "CONCEDE", [e.event for e in evs]


def test_training_reads_nested_sets_with_relative_places(tmp_path):
    from blocwatch.events.train import TEMPLATED_WEIGHT, read_training, row_weight

    (tmp_path / "handwritten").mkdir()
    row = '{"event": "AID", "source": "Chile", "target": "Haiti", "text": "Chile sent aid to Haiti."}'
    (tmp_path / "aid.jsonl").write_text(row + "\n", encoding="utf-8")
    (tmp_path / "handwritten" / "aid.jsonl").write_text("\n" + row + "\n", encoding="utf-8")
    rows = read_training(tmp_path)
    assert [r["_where"] for r in rows] == ["aid.jsonl:1", "handwritten/aid.jsonl:2"]
    assert [row_weight(r) for r in rows] == [TEMPLATED_WEIGHT, 1.0]


def test_the_sources_verbal_act_outranks_event_nouns_inside_it(coder):
    evs = coder.code_text("Nigeria assured Ghana that border patrols would be doubled after the "
                          "bombing.", source="Nigeria", target="Ghana")
    assert evs[0].event == "AGREE", [e.event for e in evs]
    evs = coder.code_text("Chile condemned the seizure of its fishing boat by Argentina.",
                          source="Chile", target="Argentina")
    assert evs[0].event == "ACCUSE", [e.event for e in evs]


def test_strikes_by_weapons_and_their_origin(coder):
    got = _triples(coder.code_text("Ukrainian drones hit a Russian oil refinery on Sunday."))
    assert any(t[0] == "ASSAULT" and t[1:] == ("UKR", "RUS") for t in got), got
    got = _triples(coder.code_text("A Saudi oil facility was hit by missiles launched from "
                                   "Yemen."))
    assert ("ASSAULT", "YEM", "SAU") in got, got
    got = _triples(coder.code_text("Hungary hit out at Brussels over migration."))
    assert not any(t[0] == "ASSAULT" for t in got), got


def test_sending_verbs_reach_the_parser_and_the_object_decides(coder):
    got = _triples(coder.code_text("China sent warships to Vietnam."))
    assert ("MOBILIZE", "CHN", "VNM") in got, got
    assert coder.code_text("Norway sent a letter to Iceland.") == []
