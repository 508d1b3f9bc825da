"""End to end: `blocwatch analyze ../shared/corpus/seeds`, then every point of
EXPECTED.md checked through report.json (and, for the article text itself,
the store).

Phrases of the seed articles are not copied here: the quoted phrases each
point names are read from EXPECTED.md at test time.  Every point is
delivered: no check is marked xfail any more.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from blocwatch.cli import cli
from blocwatch.store import articles as article_sql
from blocwatch.store import open_store

pytestmark = pytest.mark.seeds

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"


# ---------------------------------------------------------------- running it once


def expected_points() -> dict[int, str]:
    text = (SEEDS / "EXPECTED.md").read_text(encoding="utf-8")
    points: dict[int, str] = {}
    for m in re.finditer(r"^(\d+)\. (.*?)(?=^\d+\. |\Z)", text, flags=re.MULTILINE | re.DOTALL):
        points[int(m.group(1))] = " ".join(m.group(2).split())
    return points


def quotes(point: int) -> list[str]:
    return re.findall(r"\"([^\"]+)\"", expected_points()[point])


def _norm(text: str | None) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[\u2010-\u2015-]", "-", text or "")).lower()


@pytest.fixture(scope="module")
def run(tmp_path_factory) -> dict[str, Any]:
    if not SEEDS.exists():
        pytest.skip(f"{SEEDS} is not here (tests read third-party data from ../shared)")
    folder = tmp_path_factory.mktemp("seeds")
    db, out = folder / "seeds.duckdb", folder / "report"
    result = CliRunner().invoke(cli, ["analyze", str(SEEDS), "--db", str(db), "--out", str(out)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    by_file = {Path(a["origin"]).name[:3]: a for a in report["articles"]}
    with open_store(db, read_only=True) as store:
        texts = {key: article_sql.get_article(store, a["id"])["text"] for key, a in by_file.items()}
        passages = {key: article_sql.article_passages(store, a["id"]) for key, a in by_file.items()}
    return {"report": report, "original": by_file["000"], "copy": by_file["001"],
            "texts": texts, "passages": passages, "out": out, "stdout": result.stdout}


def _events(run, *, counted: bool | None = True) -> list[dict[str, Any]]:
    return [e for e in run["report"]["events"] if counted is None or e["counted"] is counted]


def _country(side: dict[str, Any] | None) -> str | None:
    return (side or {}).get("country")


def _between(event: dict[str, Any], a: str, b: str) -> bool:
    return {_country(event["source"]), _country(event["target"])} == {a, b}


def test_the_run_writes_three_files_and_a_summary(run):
    for name in ("report.json", "report.md", "report.html"):
        assert (run["out"] / name).stat().st_size > 1000
    assert "Undeclared alliances" in run["stdout"] and "Blocs" in run["stdout"]


# ---------------------------------------------------------------- 1. republication


def test_1_the_2017_article_republishes_the_2016_one(run):
    reps = run["report"]["republications"]
    assert [(r["original"], r["copy"]) for r in reps] == [(run["original"]["id"],
                                                           run["copy"]["id"])]
    assert reps[0]["coverage"] >= 0.9
    assert run["copy"]["republishes"] == run["original"]["id"]


def test_1_page_furniture_is_not_article_text(run):
    furniture = [q for q in quotes(1) if "first published" not in q]
    assert len(furniture) >= 8, furniture  # read from EXPECTED.md
    text = run["texts"]["000"]
    lines = {line.strip() for line in text.splitlines()}
    for phrase in furniture:
        assert phrase not in lines, phrase
        assert not text.startswith(phrase), phrase


def test_1_new_passages_are_the_introduction_and_annotations(run):
    rep = run["report"]["republications"][0]
    passages = run["passages"]["001"]
    new = [p for p in passages if p.kind == "new"]
    assert rep["new_passages"] == [p.index for p in new]
    first_published = next(q for q in quotes(2) if "first published" in q)
    intro_end = next(p.index for p in passages if _norm(first_published) in _norm(p.text))
    assert all(p.kind == "new" for p in passages[: intro_end + 1])
    annotations = [p for p in passages[intro_end + 1:] if p.text.lstrip()[:1] in "(["]
    assert annotations, "no bracketed annotation found after the introduction"
    assert all(p.kind == "new" for p in annotations)
    # a new passage that does not open a bracket continues the annotation before it
    for before, p in zip(passages[intro_end:], passages[intro_end + 1:], strict=False):
        if p.kind == "new" and p not in annotations:
            assert before.kind == "new", p.index
        assert p.kind in ("new", "copied"), p.index


def test_1_an_event_in_a_copied_passage_counts_once(run):
    copies = _events(run, counted=False)
    assert copies, "the republished passages hold no event"
    originals = {(e["event"], (e["source"] or {}).get("code"), (e["target"] or {}).get("code"),
                  e["sentence"]) for e in _events(run) if e["article_id"] == run["original"]["id"]}
    for e in copies:
        assert e["article_id"] == run["copy"]["id"] and e["passage_kind"] == "copied"
        key = (e["event"], (e["source"] or {}).get("code"), (e["target"] or {}).get("code"),
               e["sentence"])
        assert key in originals, key
        assert e["date"] == run["original"]["date"] or e["date_basis"] != "article"
    summary = run["report"]["summary"]
    assert summary["events"] == len(_events(run))
    assert summary["events_in_copies"] == len(copies)


# ---------------------------------------------------------------- 2. dates


def test_2_article_dates(run):
    assert run["original"]["date"] == "2016-07-05"
    assert run["original"]["date_basis"] in ("republication", "text")
    assert run["copy"]["date"] == "2017-07-04"
    assert run["copy"]["date_basis"] == "manifest"


def _reference_day(run, event: dict[str, Any]) -> date:
    article = run["original"] if (event["article_id"] == run["original"]["id"]
                                  or event["passage_kind"] == "copied") else run["copy"]
    return date.fromisoformat(article["date"])


@pytest.mark.parametrize(("expression", "days_before"), [
    ("last week", (1, 14)),
    ("yesterday and today", (0, 1)),
])
def test_2_relative_dates_resolve_against_the_article(run, expression, days_before):
    assert expression in quotes(2)
    dated = [e for e in _events(run, counted=None) if _norm(expression) in _norm(e["date_text"])]
    assert dated, f"no event dated by {expression!r}"
    for e in dated:
        gap = (_reference_day(run, e) - date.fromisoformat(e["date"])).days
        assert days_before[0] <= gap <= days_before[1], (expression, e["date"], gap)


def test_2_a_year_ago_resolves_against_the_article(run):
    """The article's sentence with "a year ago" tells of the author's own earlier
    writing, not of an event between actors, so no event need carry it: the
    expression as written in the article resolves to one year before that
    article's date, and any event or claim dated by it is dated so."""
    from blocwatch.events.dates import date_in_text

    expression = "a year ago"
    assert expression in quotes(2)
    checked = 0
    for key, article in (("000", run["original"]), ("001", run["copy"])):
        day = date.fromisoformat(article["date"])
        for sentence in re.split(r"(?<=[.!?])\s+", run["texts"][key]):
            if expression in sentence.lower():
                found = date_in_text(sentence, day)
                assert found is not None and expression in found.text.lower(), sentence
                assert found.basis == "relative"
                assert 360 <= (day - found.date).days <= 370, (found.date, day)
                checked += 1
    assert checked, f"no sentence with {expression!r} in the articles"
    rows = _events(run, counted=None) + run["report"]["claims"]
    for r in rows:
        if _norm(expression) in _norm(r.get("date_text")):
            gap = (_reference_day(run, r) - date.fromisoformat(r["date"])).days
            assert 360 <= gap <= 370, (r["date"], gap)


def test_2_explicit_past_dates_are_not_the_article_date(run):
    months = [q for q in quotes(2) if re.fullmatch(r"[A-Z][a-z]+ \d{4}", q)]
    assert len(months) == 2, months
    found = 0
    for e in _events(run, counted=None):
        for month in months:
            if e["date_text"] and month in e["date_text"]:
                found += 1
                day = date.fromisoformat(e["date"])
                assert day.strftime("%B %Y") == month, (month, e["date"])
    assert found, "no event dated by these months"
    decade = next(q for q in quotes(2) if "1950s" in q)
    for e in _events(run, counted=None):
        if e["date_text"] and "1950s" in e["date_text"]:
            assert e["date"] is None or e["date"] < "1960", (decade, e["date"])


def test_2_new_passages_carry_the_copy_date_and_copies_the_original_date(run):
    for e in _events(run, counted=None):
        if e["date_basis"] != "article":
            continue
        if e["passage_kind"] == "copied":
            assert e["date"] == run["original"]["date"]
        elif e["article_id"] == run["copy"]["id"]:
            assert e["date"] == run["copy"]["date"]


# ---------------------------------------------------------------- 3. actors


def _actors(run, name: str, article: str | None = None) -> list[dict[str, Any]]:
    found = [a for a in run["report"]["actors"] if a["name"] == name]
    if article:
        found = [a for a in found if run[article]["id"] in a["articles"]]
    return found


def _roles(run, name: str, article: str | None = None) -> set[tuple[str | None, str | None]]:
    return {(a["country"], a["role"]) for a in _actors(run, name, article)}


@pytest.mark.parametrize(("name", "article", "country", "role"), [
    ("Vladimir Putin", "original", "RUS", "head_of_state"),
    ("Xi Jinping", "original", "CHN", "head_of_state"),
    ("Li Keqiang", "original", "CHN", "head_of_government"),
    ("Sergey Lavrov", "original", "RUS", "foreign_minister"),
    ("Wang Yi", "original", "CHN", "foreign_minister"),
    ("Sergei Ivanov", "original", "RUS", "chief_of_staff"),
    ("Anton Vaino", "copy", "RUS", "chief_of_staff"),
    ("Donald Trump", "copy", "USA", "head_of_state"),
    ("Narendra Modi", "copy", "IND", "head_of_government"),
])
def test_3_leaders_with_the_role_held_on_the_date(run, name, article, country, role):
    assert (country, role) in _roles(run, name, article), _actors(run, name)


def test_3_trump_was_not_head_of_state_in_2016(run):
    in_2016 = _actors(run, "Donald Trump", "original")
    assert in_2016 and all(a["role"] != "head_of_state" for a in in_2016), in_2016


def test_3_li_zhanshu_runs_the_party_general_office(run):
    roles = _roles(run, "Li Zhanshu", "copy")
    assert any(country == "CHN" and role for country, role in roles), roles


def test_3_mccain_is_the_us_legislature(run):
    found = [a for a in run["report"]["actors"] if "McCain" in (a["name"] or "")]
    assert any(a["country"] == "USA" and a["sector"] == "LEG" for a in found), found


def test_3_mcfaul_is_a_former_ambassador(run):
    found = _actors(run, "Michael McFaul")
    assert found and all(a["country"] == "USA" and (a["role"] or "").startswith("former")
                         for a in found), found


def test_3_denisov_is_the_russian_ambassador_to_china(run):
    found = _actors(run, "Andrey Denisov", "copy")
    assert any(a["country"] == "RUS" and (a["role"] or "").startswith("ambassador")
               and "CHN" in a["role"] for a in found), found


def test_3_a_journalist_is_not_a_state_actor(run):
    found = _actors(run, "Adam Garrie")
    assert found and all(a["country"] is None and a["role"] == "journalist" for a in found)
    assert not any(_country(e["source"]) and (e["source"] or {}).get("name") == "Adam Garrie"
                   for e in _events(run, counted=None))


@pytest.mark.parametrize("code", ["SCO", "BRICS", "EAEU", "AIIB", "NDB", "G20", "NATO", "IMF",
                                  "WB", "WP"])
def test_3_organisations(run, code):
    assert any(a["kind"] == "igo" and a["code"] == code for a in run["report"]["actors"]), code


def _named(run, text: str) -> list[dict[str, Any]]:
    return [a for a in run["report"]["actors"] if any(t.lower() == text.lower()
                                                      for t in a["texts"])]


def test_3_the_kremlin_and_the_peoples(run):
    assert {(a["country"], a["sector"]) for a in _named(run, "the Kremlin")} == {("RUS", "GOV")}
    assert {a["country"] for a in _named(run, "the Russians")} == {"RUS"}
    assert {a["country"] for a in _named(run, "the Chinese")} == {"CHN"}


def test_3_the_west_is_a_bloc_not_a_country(run):
    west = _named(run, "the West")
    assert west and all(a["kind"] == "group" and a["country"] is None for a in west)


@pytest.mark.parametrize("place", ["Crimea", "South China Sea"])
def test_3_issues_and_places_are_not_actors(run, place):
    assert not [a for a in run["report"]["actors"]
                if any(place.lower() in t.lower() for t in a["texts"])]


# ---------------------------------------------------------------- 4. events


def test_4_russia_china_meetings(run):
    assert [e for e in _events(run) if e["event"] == "CONSULT" and _between(e, "RUS", "CHN")]


def test_4_agreements_with_their_contexts(run):
    contexts = {c for e in _events(run) if e["event"] == "AGREE" and _between(e, "RUS", "CHN")
                for c in e["context"]}
    assert contexts >= {"international_law", "aviation", "space", "nuclear", "finance",
                        "forestry", "transport", "energy", "media", "sport"}, contexts


def test_4_agreements_first_contexts(run):
    contexts = {c for e in _events(run) if e["event"] == "AGREE" and _between(e, "RUS", "CHN")
                for c in e["context"]}
    assert contexts >= {"international_law", "aviation", "space", "nuclear"}, contexts


def test_4_eaeu_china_trade_talks(run):
    talks = [e for e in _events(run) if e["event"] in ("AGREE", "CONSULT")
             and "EAEU" in {(e["source"] or {}).get("code"), (e["target"] or {}).get("code")}
             and "CHN" in {_country(e["source"]), _country(e["target"])}
             and {"trade", "economic"} & set(e["context"])]
    assert talks


def test_4_military_cooperation(run):
    sentences = {e["sentence"] for e in _events(run)
                 if e["event"] == "COOPERATE" and "military" in e["context"]
                 and _between(e, "RUS", "CHN")}
    assert len(sentences) >= 3, sentences


@pytest.mark.parametrize("issue", [
    "Syria", "North Korea", "Crimea", "South China Sea", "Taiwan",
])
def test_4_mutual_support(run, issue):
    assert [e for e in _events(run) if e["event"] == "SUPPORT" and _between(e, "RUS", "CHN")
            and issue in (e["sentence"] or "")]


def test_4_usa_china_friction(run):
    friction = [e for e in _events(run) if _between(e, "USA", "CHN") and e["quad"] in (3, 4)]
    assert {"THREATEN"} <= {e["event"] for e in friction}
    warning = [e for e in friction if e["event"] == "THREATEN"
               and _country(e["source"]) == "CHN" and _country(e["target"]) == "USA"]
    assert warning


def test_4_us_sanctions_a_chinese_bank(run):
    assert [e for e in _events(run) if e["event"] in ("SANCTION", "COERCE")
            and _country(e["source"]) == "USA" and _country(e["target"]) == "CHN"
            and (e["target"] or {}).get("sector") == "BUS"]


def test_4_us_arms_sale_to_taiwan(run):
    assert [e for e in _events(run) if e["quad"] in (1, 2)
            and _country(e["source"]) == "USA" and _country(e["target"]) == "TWN"]


def test_4_us_destroyer_near_a_disputed_island(run):
    assert [e for e in _events(run) if e["event"] in ("MOBILIZE", "THREATEN", "COERCE")
            and _country(e["source"]) == "USA" and _country(e["target"]) == "CHN"
            and "military" in e["context"]]


# ---------------------------------------------------------------- 5. modality


def _said_in(run, phrase: str, optional_words: set[str] = frozenset()) -> list[dict[str, Any]]:
    """Events and claims whose sentence holds ``phrase`` (each of ``optional_words``
    may be missing from the sentence)."""
    words = [f"(?:{re.escape(w)} )?" if w in optional_words else f"{re.escape(w)} "
             for w in _norm(phrase).split()]
    pattern = re.compile("".join(words).rstrip())
    rows = _events(run, counted=None) + run["report"]["claims"]
    return [r for r in rows if pattern.search(_norm(r["sentence"]))]


def test_5_rumours_always_denied(run):
    phrase = next(q for q in quotes(5) if "denied" in q)
    found = _said_in(run, phrase)
    assert found and {r["modality"] for r in found} <= {"rumoured", "denied"}


def test_5_best_guess_is_speculation(run):
    phrase = next(q for q in quotes(5) if "guess" in q)
    found = _said_in(run, phrase)
    assert found and {r["modality"] for r in found} == {"speculated"}


def test_5_authors_inference(run):
    phrase = next(q for q in quotes(5) if "sure" in q)
    # EXPECTED.md quotes the phrase with "be"; the article itself drops it.
    found = _said_in(run, phrase, optional_words={"be"})
    assert found and {r["modality"] for r in found} == {"inferred"}


def test_5_future_plans(run):
    assert [e for e in _events(run) if e["modality"] == "future"]


@pytest.mark.parametrize("speaker", ["Financial Times", "Denisov"])
def test_5_reported_speech_with_its_speaker(run, speaker):
    found = [e for e in _events(run) if speaker in (e["speaker"] or "")]
    assert found and {e["modality"] for e in found} == {"reported"}


# ---------------------------------------------------------------- 6. updates


def test_6_the_2017_managers_supersede_the_2016_guess(run):
    claims = [c for c in run["report"]["claims"] if c["subject"].startswith("manager:")
              and c["dyad"] == ["CHN", "RUS"]]
    by_id = {c["id"]: c for c in claims}
    older = [c for c in claims if "Ivanov" in c["value"]]
    newer = [c for c in claims if "Vaino" in c["value"] or "Li Zhanshu" in c["value"]]
    assert older and newer
    assert {c["value"] for c in newer} >= {"Anton Vaino", "Li Zhanshu"}
    for c in older:
        assert c["date"] == "2016-07-05"
        assert c["superseded_by"] in by_id
        assert by_id[c["superseded_by"]] in newer
    assert all(c["superseded_by"] is None for c in newer)


# ---------------------------------------------------------------- 7. declared versus actual


def test_7_rus_chn_is_an_undeclared_alliance_with_its_labels(run):
    found = [a for a in run["report"]["alliances"] if a["pair"] == ["CHN", "RUS"]]
    assert [a["kind"] for a in found] == ["undeclared"]
    alliance = found[0]
    assert set(quotes(7)) <= set(alliance["label_values"]), alliance["label_values"]
    assert alliance["ties"] == []
    assert alliance["evidence"]
    ids = {a["id"] for a in run["report"]["articles"]}
    for ev in alliance["evidence"]:
        assert ev["sentence"] and ev["article_id"] in ids
    dyad = next(d for d in run["report"]["dyads"] if d["pair"] == ["CHN", "RUS"])
    assert not [t for t in dyad["formal_ties"] if t.startswith("defense:")]
    # the pair table and the alliance read the same pooled network
    assert dyad["alignment"] == pytest.approx(alliance["alignment"], abs=1e-3)


# ---------------------------------------------------------------- 8. structure


def test_8_rus_chn_is_the_most_aligned_pair(run):
    assert run["report"]["dyads"][0]["pair"] == ["CHN", "RUS"]


def test_8_two_blocs(run):
    blocs = [set(b["members"]) for b in run["report"]["blocs"]]
    assert len(blocs) == 2, blocs
    east = next(b for b in blocs if "RUS" in b)
    west = next(b for b in blocs if "USA" in b)
    assert {"RUS", "CHN"} <= east and {"USA", "DEU", "JPN"} <= west and east != west


def test_8_bipolar(run):
    assert run["report"]["polarity"]["reading"] == "bipolar"


def test_8_india_is_a_swing_state(run):
    assert "IND" in {s["state"] for s in run["report"]["swing_states"]}


@pytest.mark.parametrize("state", ["IND", "PAK", "IRN", "BRA", "ZAF"])
def test_8_third_powers_are_in_no_bloc(run, state):
    assert all(state not in b["members"] for b in run["report"]["blocs"])
