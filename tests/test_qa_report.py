"""QA fixes in the report: store keys become words a non-programmer reads
(tie kinds, claim subjects, passage numbers), and the terminal summary says
that the date beside an evidence quote is the event's."""

from __future__ import annotations

import importlib.util
import io
from pathlib import Path

import pytest
from rich.console import Console

from blocwatch.analyze import AnalyzeResult
from blocwatch.commands.analyze import print_summary
from blocwatch.report import ReportFiles, build_report
from blocwatch.report.html import render_html
from blocwatch.report.markdown import render_markdown
from blocwatch.report.wording import claim_topic, passages_text, tie_text, ties_text

ROOT = Path(__file__).resolve().parents[1]


def _world():
    spec = importlib.util.spec_from_file_location(
        "report_world_qa", ROOT / "tests" / "fixtures" / "report" / "world.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def report(store):
    world = _world()
    ids = world.build_store(store)
    return build_report(store, world.relations(ids))


def test_tie_kinds_are_spelled_out():
    assert tie_text("defense:ANZUS Treaty") == "ANZUS Treaty (defence pact)"
    assert tie_text("nonaggression:Some Pact") == "Some Pact (non-aggression pact)"
    assert tie_text("entente:Friendship Treaty") == "Friendship Treaty (entente)"
    # a name with no known kind is left as it is, colons and all
    assert tie_text("Treaty of Rome: Article 5") == "Treaty of Rome: Article 5"
    assert ties_text(["defense:A", "entente:B"]) == "A (defence pact); B (entente)"


def test_claim_subjects_name_the_states_and_the_topic():
    claim = {"subject": "label:CHN-RUS", "predicate": "label", "dyad": ["CHN", "RUS"]}
    names = {"CHN": "China", "RUS": "Russia"}.get
    assert claim_topic(claim, names) == "China – Russia: what the relationship is called"
    assert claim_topic({"subject": "x:1", "predicate": "other", "dyad": None}) == "x:1"


def test_new_passages_are_counted_from_one():
    assert passages_text([0, 6, 9]) == "3 (paragraphs 1, 7, 10 of the copy)"
    assert passages_text([2]) == "1 (paragraph 3 of the copy)"
    assert passages_text([]) == "none"


def test_the_html_report_shows_words_not_store_keys(report):
    page = render_html(report)
    assert "US-Japan Security Treaty (defence pact)" in page
    assert "defense:US-Japan" not in page
    assert "China – Russia: who manages the relationship" in page
    assert "<td>manager:CHN-RUS</td>" not in page
    copies = [r for r in report["republications"] if r["new_passages"]]
    if copies:
        assert passages_text(copies[0]["new_passages"]) in page
    assert "read the ± column before the score" in page


def test_the_markdown_report_uses_the_same_words(report):
    text = render_markdown(report)
    assert "US-Japan Security Treaty (defence pact)" in text
    assert "China – Russia: who manages the relationship" in text


def test_the_terminal_summary_labels_the_quote_date_as_the_event_date(report, tmp_path):
    files = ReportFiles(json=tmp_path / "r.json", markdown=tmp_path / "r.md",
                        html=tmp_path / "r.html")
    result = AnalyzeResult(report=report, files=files, warnings=[])
    buffer = io.StringIO()
    print_summary(result, Console(file=buffer, width=300, highlight=False))
    undeclared = [a for a in report["alliances"] if a["kind"] == "undeclared" and a["evidence"]]
    assert undeclared, "the fixture world has an undeclared alliance with evidence"
    assert "; event dated " in buffer.getvalue()


SWING = [
    {"state": "IND", "reason": "tied to both",
     "blocs": [{"bloc": 1, "attachment": 0.6, "core_tie": 0.6},
               {"bloc": 2, "attachment": 0.3, "core_tie": 0.8}]},
    {"state": "ALB", "reason": "tied to neither", "blocs": []},
    {"state": "BRA", "reason": "tied weakly to one",
     "blocs": [{"bloc": 2, "attachment": 0.2, "core_tie": 0.1}]},
]


def test_swing_states_are_grouped_most_contested_first():
    from blocwatch.report.wording import swing_groups

    groups = swing_groups(SWING)
    assert [(heading, [s["state"] for s in states]) for heading, states in groups] == [
        ("Tied to both blocs", ["IND"]),
        ("Tied only weakly to one bloc", ["BRA"]),
        ("Tied to no bloc (active, but not aligned with either camp)", ["ALB"]),
    ]


def test_the_map_draws_a_state_tied_to_no_bloc_grey_not_as_a_swing_state():
    from blocwatch.report.html import SWING_COLOUR, UNATTACHED_COLOUR, map_elements

    report = {"blocs": [{"id": 1, "members": ["USA", "JPN"]}, {"id": 2, "members": ["CHN", "RUS"]}],
              "swing_states": SWING, "alliances": [], "dyads": [], "seed": 13}
    colours = {n["data"]["id"]: n["data"]["colour"] for n in map_elements(report)["nodes"]}
    assert colours["IND"] == SWING_COLOUR and colours["BRA"] == SWING_COLOUR
    assert colours["ALB"] == UNATTACHED_COLOUR


def test_the_html_and_markdown_swing_sections_use_the_groups(report):
    report = dict(report, swing_states=SWING)
    page = render_html(report)
    assert "<h3>Tied to both blocs (1)</h3>" in page
    assert "<h3>Tied to no bloc (active, but not aligned with either camp) (1)</h3>" in page
    text = render_markdown(report)
    assert "- Tied to both blocs: IND (blocs 1, 2)" in text
    assert "- Tied only weakly to one bloc: BRA (bloc 2)" in text


def test_a_report_on_uncoded_articles_says_why_it_has_no_events(store):
    from blocwatch.ingest.pipeline import ingest_items
    from blocwatch.models import RawArticle
    from blocwatch.settings import Settings

    text = ("Chile and Peru signed an agreement in Lima on Friday to share data on "
            "fishing fleets along their maritime border, both foreign ministries said.")
    ingest_items(store, [RawArticle(origin="mem:1", text=text, format="text")], Settings())
    report = build_report(store, None)
    assert report["summary"]["events"] == 0
    assert report["warnings"][0] == (
        "1 of 1 articles have not been coded for events yet, so nothing they say is "
        "counted: blocwatch analyze (or blocwatch ingest without --no-code) codes them")
    assert "have not been coded for events yet" in render_html(report)


def test_states_tied_to_no_bloc_are_one_line_of_names(report):
    page = render_html(dict(report, swing_states=SWING, unattached=["AUT"]))
    assert '<p class="swing-names">Albania (ALB)</p>' in page
    assert "Active but in no bloc: Austria (AUT)</p>" in page


def test_article_meta_keeps_a_space_before_the_source(report):
    page = render_html(report)
    assert "(date from the " in page  # the fixture has dated articles with a source
    assert ")· " not in page
