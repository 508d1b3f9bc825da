"""The report builder and its JSON and Markdown renderings, on a small
hand-made store (no NLP), and report.json against docs/report-schema.json."""

from __future__ import annotations

import importlib.util
import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from blocwatch.report import build_report, write_report
from blocwatch.report.html import json_for_script, link_url, render_html
from blocwatch.report.markdown import md, render_markdown

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "docs" / "report-schema.json").read_text(encoding="utf-8"))
FIXED_TIME = datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)


def load_world() -> Any:
    spec = importlib.util.spec_from_file_location(
        "report_world", ROOT / "tests" / "fixtures" / "report" / "world.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


world = load_world()

# ---------------------------------------------------------------- a JSON Schema subset

_TYPES = {
    "object": dict, "array": list, "string": str, "boolean": bool, "null": type(None),
}


def _is(value: Any, kind: str) -> bool:
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(value, _TYPES[kind])


def validate(value: Any, schema: dict[str, Any], where: str = "$") -> list[str]:
    """Errors of ``value`` against the keywords the report schema uses: type,
    enum, required, properties, items, minimum, maximum, minItems, maxItems."""
    errors: list[str] = []
    kinds = schema.get("type")
    if kinds is not None:
        kinds = [kinds] if isinstance(kinds, str) else kinds
        if not any(_is(value, k) for k in kinds):
            return [f"{where}: {type(value).__name__} is not {'/'.join(kinds)}"]
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{where}: {value!r} not in {schema['enum']}")
    if isinstance(value, dict):
        errors += [f"{where}: missing {key!r}" for key in schema.get("required", [])
                   if key not in value]
        for key, sub in schema.get("properties", {}).items():
            if key in value:
                errors += validate(value[key], sub, f"{where}.{key}")
    if isinstance(value, list):
        if "minItems" in schema and len(value) < schema["minItems"]:
            errors.append(f"{where}: fewer than {schema['minItems']} items")
        if "maxItems" in schema and len(value) > schema["maxItems"]:
            errors.append(f"{where}: more than {schema['maxItems']} items")
        if "items" in schema:
            for i, item in enumerate(value):
                errors += validate(item, schema["items"], f"{where}[{i}]")
    if _is(value, "number"):
        if "minimum" in schema and value < schema["minimum"]:
            errors.append(f"{where}: {value} < {schema['minimum']}")
        if "maximum" in schema and value > schema["maximum"]:
            errors.append(f"{where}: {value} > {schema['maximum']}")
    return errors


def test_the_validator_catches_what_the_schema_forbids():
    good = {"kind": "formal", "pair": ["CHN", "RUS"]}
    schema = {"type": "object", "required": ["kind", "pair"], "properties": {
        "kind": {"type": "string", "enum": ["formal", "undeclared"]},
        "pair": {"type": "array", "items": {"type": "string"}, "minItems": 2, "maxItems": 2}}}
    assert validate(good, schema) == []
    assert validate({"kind": "rumoured", "pair": ["CHN"]}, schema) == [
        "$.kind: 'rumoured' not in ['formal', 'undeclared']", "$.pair: fewer than 2 items"]
    assert validate({"pair": [1, "RUS"]}, schema) == ["$: missing 'kind'",
                                                      "$.pair[0]: int is not string"]


# ---------------------------------------------------------------- the report


@pytest.fixture
def small_world(store):
    ids = world.build_store(store)
    return store, ids


def _report(store, ids, *, hostile: bool = False) -> dict[str, Any]:
    return build_report(store, world.relations(ids, hostile=hostile), generated_at=FIXED_TIME)


def test_report_json_follows_the_schema_and_round_trips(small_world, tmp_path):
    store, ids = small_world
    files = write_report(_report(store, ids), tmp_path / "out")
    data = json.loads(files.json.read_text(encoding="utf-8"))
    assert validate(data, SCHEMA) == []
    for key in ("articles", "republications", "events", "dyads", "alliances", "blocs",
                "polarity", "swing_states", "claims"):
        assert key in SCHEMA["required"], key
    assert data["generated_at"] == "2024-01-02T03:04:05+00:00"
    assert files.markdown.exists() and files.html.exists()


def test_copies_are_shown_but_counted_once(small_world):
    store, ids = small_world
    report = _report(store, ids)
    s = report["summary"]
    assert (s["articles"], s["republications"]) == (3, 1)
    assert len(report["events"]) == 7
    copies = [e for e in report["events"] if not e["counted"]]
    assert [(e["article_id"], e["passage_kind"]) for e in copies] == [(ids["copy"], "copied")]
    assert s["events"] == 6 and s["events_in_copies"] == 1
    assert s["events_by_quad"] == {"verbal cooperation": 3, "material cooperation": 2,
                                   "verbal conflict": 1, "material conflict": 0}
    assert s["events_by_type"] == {"CONSULT": 2, "COOPERATE": 2, "AGREE": 1, "ACCUSE": 1}
    assert s["events_by_modality"] == {"asserted": 4, "reported": 1, "rumoured": 1}
    rep = report["republications"][0]
    assert (rep["original"], rep["copy"], rep["coverage"], rep["new_passages"]) == (
        ids["summit"], ids["copy"], 1.0, [0])
    by_id = {a["id"]: a for a in report["articles"]}
    assert by_id[ids["copy"]]["republishes"] == ids["summit"]
    assert by_id[ids["drills"]]["url"] == "https://example.org/drills"


def test_events_carry_actors_modality_and_evidence(small_world):
    store, ids = small_world
    events = _report(store, ids)["events"]
    assert [e["date"] for e in events] == sorted(e["date"] for e in events)
    rumour = next(e for e in events if e["event"] == "ACCUSE")
    assert (rumour["modality"], rumour["confidence"]) == ("rumoured", 0.3)
    assert rumour["source"]["country"] == "CHN" and rumour["target"]["country"] == "USA"
    meeting = next(e for e in events if e["event"] == "CONSULT" and e["counted"]
                   and e["source"]["country"] == "RUS")
    assert meeting["source"]["role"] == "head_of_state"
    assert meeting["sentence"].startswith("Vladimir Putin and Xi Jinping met")


def test_superseded_claims_point_to_the_newer_one(small_world):
    store, ids = small_world
    claims = _report(store, ids)["claims"]
    older = next(c for c in claims if c["value"] == "an earlier aide")
    newer = next(c for c in claims if c["value"] == "a later aide")
    assert older["superseded_by"] == newer["id"]
    assert newer["superseded_by"] is None
    assert older["dyad"] == ["CHN", "RUS"]


def test_actors_are_grouped_and_places_left_out(small_world):
    store, ids = small_world
    actors = _report(store, ids)["actors"]
    names = {(a["kind"], a["name"], a["role"]) for a in actors}
    assert ("person", "Vladimir Putin", "head_of_state") in names
    assert ("person", "Xi Jinping", "head_of_state") in names
    assert all(a["kind"] != "place" for a in actors)


def test_dyads_pairs_and_window_values(small_world):
    store, ids = small_world
    report = _report(store, ids)
    dyads = {tuple(d["pair"]): d for d in report["dyads"]}
    chn_rus = dyads[("CHN", "RUS")]
    # event-weighted over the periods: (0.6 * 3 + 0.8 * 5) / 8
    assert chn_rus["alignment"] == pytest.approx(0.725)
    assert [p["period"] for p in chn_rus["series"]] == ["2017", "2018"]
    assert chn_rus["counts"]["events"] == 8
    # counts by class come from the counted events of the store
    assert chn_rus["counts"]["by_type"] == {"AGREE": 1, "CONSULT": 1}
    assert dyads[("JPN", "USA")]["formal_ties"] == ["defense:US-Japan Security Treaty"]
    assert report["dyads"][0]["pair"] == ["JPN", "USA"]  # most aligned first
    alliance = next(a for a in report["alliances"] if a["kind"] == "undeclared")
    assert alliance["pair"] == ["CHN", "RUS"]
    assert alliance["label_values"] == ["strategic partnership"]
    assert alliance["evidence"][0]["article_title"] == "Putin in Beijing"


def test_window_values_from_the_relations_stage_win(small_world):
    store, ids = small_world
    rel = world.relations(ids)
    rel["pairs"] = [{"a": "RUS", "b": "CHN", "alignment": 0.5, "uncertainty": 0.1,
                     "net_cooperation": 0.2, "events": 9}]
    dyads = {tuple(d["pair"]): d for d in build_report(store, rel)["dyads"]}
    assert (dyads[("CHN", "RUS")]["alignment"], dyads[("CHN", "RUS")]["counts"]["events"]) == (
        0.5, 9)


def test_without_relations_the_report_still_builds(small_world):
    store, _ids = small_world
    report = build_report(store, None)
    assert report["dyads"] == [] and report["blocs"] == []
    assert report["polarity"]["reading"] == "nonpolar"
    assert "the relations stage did not run: no dyads, alliances or blocs" in report["warnings"]
    assert validate(json.loads(json.dumps(report)), SCHEMA) == []


def test_the_window_filters_events_and_claims(small_world):
    from datetime import date

    store, _ids = small_world
    report = build_report(store, None, date_from=date(2018, 6, 10), date_to=date(2018, 6, 30))
    assert {e["date"] for e in report["events"]} == {"2018-06-11"}
    assert report["claims"] == []
    assert report["window"] == {"from": "2018-06-10", "to": "2018-06-30", "period": None}


def test_real_relations_result_goes_in_too(small_world):
    from blocwatch.relations.analysis import analyse
    from blocwatch.settings import load_settings

    store, _ids = small_world
    result = analyse(store, load_settings().with_values(resamples=0))
    report = build_report(store, result)
    assert validate(json.loads(json.dumps(report)), SCHEMA) == []
    pairs = {tuple(d["pair"]) for d in report["dyads"]}
    assert ("JPN", "USA") in pairs and ("CHN", "RUS") in pairs


# ---------------------------------------------------------------- escaping


def test_markdown_escapes_article_text(store):
    ids = world.build_store(store, hostile=True)
    text = render_markdown(build_report(store, world.relations(ids, hostile=True)))
    assert "<script" not in text and "<img" not in text and "<b>" not in text
    assert "&lt;script&gt;" in text
    assert md("a | b\nc *d*") == r"a \| b c \*d\*"


def test_html_keeps_article_text_inert(store):
    ids = world.build_store(store, hostile=True)
    page = render_html(build_report(store, world.relations(ids, hostile=True)))
    # the page's own three script elements, and none from the data
    assert page.count("<script") == 3
    data = page.split('<script type="application/json" id="report-view">', 1)[1]
    data = data.split("</script>", 1)[0]
    assert "<" not in data and ">" not in data and "\u2028" not in data
    assert json.loads(data)["map"]["nodes"]
    # the markup outside the scripts (the vendored libraries hold "<img" of their own)
    markup = re.sub(r"<script>.*?</script>", "", page, flags=re.DOTALL)
    assert "<img" not in markup and "<b>bold" not in markup
    assert "&lt;script&gt;window.__pwned" in markup
    assert 'href="javascript' not in markup.lower()
    tags = _tags(page)
    assert {name for name, _ in tags} <= ALLOWED_TAGS
    for name, attrs in tags:
        for attr, value in attrs:
            assert not attr.startswith("on"), (name, attr)
            assert attr not in ("src", "srcdoc", "action"), (name, attr)
            if attr == "href":
                assert value.startswith(("#", "https://example.org")), value


ALLOWED_TAGS = {"html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "p",
                "nav", "a", "main", "section", "div", "span", "table", "caption", "tbody",
                "thead", "tr", "th", "td", "ul", "ol", "li", "strong", "br", "input", "select",
                "option", "label", "article", "blockquote", "footer", "script", "details",
                "summary", "time", "em", "dl", "dt", "dd"}


def _tags(page: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    from html.parser import HTMLParser

    found: list[tuple[str, list[tuple[str, str | None]]]] = []

    class Tags(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, attrs))

    Tags().feed(page)
    return found


def test_json_for_script_escapes_what_ends_a_script():
    text = str(json_for_script({"s": "</script><!-- & \u2028\u2029"}))
    assert text == '{"s": "\\u003c/script\\u003e\\u003c!-- \\u0026 \\u2028\\u2029"}'
    assert json.loads(text) == {"s": "</script><!-- & \u2028\u2029"}


@pytest.mark.parametrize(("url", "expected"), [
    ("https://example.org/a", "https://example.org/a"),
    (" http://example.org ", "http://example.org"),
    ("javascript:alert(1)", None),
    ("JavaScript:alert(1)", None),
    ("data:text/html,x", None),
    ("/relative/path", None),
    (None, None),
])
def test_only_web_addresses_become_links(url, expected):
    assert link_url(url) == expected


def test_html_links_to_the_articles_section(small_world):
    store, ids = small_world
    page = render_html(_report(store, ids))
    for key in ("drills", "summit", "copy"):
        assert f'<li id="article-{ids[key]}">' in page
    assert (f'<a href="#article-{ids["summit"]}" title="Putin in Beijing">Putin in Beijing</a>'
            in page)
    assert (f'<a href="#article-{ids["copy"]}" title="A note on the visit">A note on the '
            'visit</a>' in page)
    assert '<a href="https://example.org/drills" rel="noopener noreferrer">' in page


def test_a_superseded_claim_is_shown_once():
    from blocwatch.report.html import superseded_pairs

    def claim(i, value, day, superseded_by=None, kind="own"):
        return {"id": i, "subject": "manager:CHN-RUS", "value": value, "date": day,
                "modality": "asserted", "superseded_by": superseded_by, "passage_kind": kind}

    claims = [claim(1, "an aide", "2016-01-01", 3), claim(2, "an aide", "2016-01-01", 3),
              claim(4, "an aide", "2016-01-01", 3, "copied"), claim(3, "a minister", "2017-01-01")]
    pairs = superseded_pairs(claims)
    assert [(old["id"], new["id"]) for old, new in pairs] == [(1, 3)]


@pytest.mark.parametrize(("periods", "expected"), [
    (["2014", "2017", "2016"], ["2014", "2015", "2016", "2017"]),
    (["2016-Q4", "2017-Q2"], ["2016-Q4", "2017-Q1", "2017-Q2"]),
    (["2016-11", "2017-02"], ["2016-11", "2016-12", "2017-01", "2017-02"]),
    ([], []),
    (["all"], ["all"]),
])
def test_timeline_axes_keep_the_empty_periods(periods, expected):
    from blocwatch.report.html import period_domain

    assert period_domain(periods) == expected


# ---------------------------------------------------------------- readability


def test_dates_are_written_out_for_readers():
    from blocwatch.report.html import human_date

    assert human_date("2016-09-12") == "12 Sep 2016"
    assert human_date("2026-11-23T02:24:31+00:00") == "23 Nov 2026, 02:24 UTC"
    assert human_date("2026-11-23T02:24:31+01:00") == "23 Nov 2026, 02:24 +0100"
    assert human_date(None) == "undated"
    assert human_date("2016-Q3") == "2016-Q3"


def test_long_sentences_are_cut_at_a_word_with_the_whole_one_kept():
    from blocwatch.report.html import cut

    long = "Japan and India " + "agreed to hold more joint exercises " * 10 + "in 2018."
    short = cut(long, 60)
    assert len(short) <= 60 and short.endswith("…") and long.startswith(short[:-1])
    assert not short[:-1].endswith(" ")
    assert cut("A short one.", 60) == "A short one."


def test_the_page_explains_itself_and_formats_what_it_shows(small_world):
    store, ids = small_world
    report = _report(store, ids)
    long = "Putin and Xi signed " + "a long list of agreements on energy and trade, " * 8 + "too."
    report["alliances"][0]["evidence"] = [
        {**report["alliances"][0]["evidence"][0], "sentence": long, "source": "RUS",
         "target": "CHN"},
        {**report["alliances"][0]["evidence"][0], "sentence": long, "source": "CHN",
         "target": "RUS"},
    ]
    page = render_html(report)
    markup = re.sub(r"<script>.*?</script>", "", page, flags=re.DOTALL)
    # plain-language explanations at the top of the sections
    for words in ("<strong>Polarity</strong> says how many rival camps",
                  "<strong>Alignment</strong> runs from −1",
                  "<strong>uncertainty</strong>: large when few events",
                  "<strong>Confidence</strong> says how sure",
                  "<strong>Coverage</strong> is the share of the original"):
        assert words in markup, words
    # legends for the bloc colours and the line styles
    assert "bloc 1: CHN, RUS</li>" in markup
    for line in ('<span class="line solid"></span>aligned, formal tie',
                 '<span class="line dashed"></span>aligned, inferred from events',
                 '<span class="line opposed"></span>opposed'):
        assert line in markup
    # dates written out, with the machine-readable one beside
    assert '<time datetime="2018-06-09">9 Jun 2018</time>' in markup
    assert "Generated 2 Jan 2024, 03:04 UTC" in markup
    # the same sentence coded both ways is quoted once, naming both
    evidence = markup.split('id="undeclared"', 1)[1].split("</article>", 1)[0]
    assert evidence.count("<blockquote>") == 1
    assert "CONSULT RUS→CHN, CONSULT CHN→RUS" in evidence
    # a long sentence is cut, and the whole of it is there to open
    assert '<details class="quote"><summary>Putin and Xi signed a long list' in evidence
    assert f"</summary>{long}</details>" in evidence
    # codes explained, and names where a reader starts
    assert "<li><strong>RUS</strong> Russia</li>" in markup
    assert '<h3>China – Russia <span class="meta">(CHN–RUS)</span></h3>' in markup
    assert '<td class="pair" title="Japan – United States">JPN–USA</td>' in markup


def test_the_pair_table_agrees_with_the_alliances(store, tmp_path):
    """The window values of a pair (table, map) and of its alliance come from
    one network: a reader must not see two alignments for one pair."""
    from blocwatch.analyze import rebuild_report
    from blocwatch.settings import load_settings

    world.build_store(store)
    report = rebuild_report(store, load_settings().with_values(resamples=0),
                            out_dir=tmp_path / "out").report
    assert report["alliances"], "the relations stage found no alliance to compare"
    window = {tuple(d["pair"]): d["alignment"] for d in report["dyads"]}
    for alliance in report["alliances"]:
        assert window[tuple(alliance["pair"])] == pytest.approx(alliance["alignment"], abs=1e-4)
