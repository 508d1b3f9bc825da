"""`blocwatch code` in both modes, bad lines, and the events store + `blocwatch events`."""

from __future__ import annotations

import json
import warnings
from datetime import date

from click.testing import CliRunner

from blocwatch.cli import cli
from blocwatch.models import Passage


def _write(path, lines):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_code_both_modes_and_a_bad_line(tmp_path):
    src = _write(tmp_path / "in.jsonl", [
        json.dumps({"id": "free", "text": "Peru and Chile agreed to share fishing grounds last week.",
                    "date": "2019-03-06"}),
        "{not json",
        json.dumps({"id": "pair", "text": "Police arrested six protesters in the square.",
                    "source": "Police", "target": "six protesters"}),
        json.dumps({"id": "nodate", "text": "Ghana thanked Togo.", "date": "yesterday"}),
    ])
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(cli, ["code", str(src), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert f"{src}:2: not JSON" in result.output
    assert f"{src}:4: date 'yesterday' is not YYYY-MM-DD" in result.output
    rows = {r["id"]: r for r in map(json.loads, out.read_text().splitlines())}
    assert set(rows) == {"free", "pair"}
    free = rows["free"]["events"]
    assert free[0]["event"] == "AGREE" and free[0]["quad"] == 1 and free[0]["cameo"] == "03"
    assert free[0]["date"] == "2019-02-27"
    assert {free[0]["source"]["country"], free[0]["target"]["country"]} == {"PER", "CHL"}
    ev = free[0]["evidence"]
    assert ev["end"] > ev["start"] >= 0
    pair = rows["pair"]["events"][0]
    assert pair["event"] == "COERCE" and pair["source"]["text"] == "Police"
    for key in ("mode", "context", "modality", "confidence", "target"):
        assert key in pair


def test_code_reports_unreadable_file(tmp_path):
    result = CliRunner().invoke(cli, ["code", str(tmp_path / "missing.jsonl")])
    assert result.exit_code != 0
    assert "missing.jsonl: cannot read" in result.output


def test_store_round_trip_and_events_command(tmp_path, store):
    warnings.simplefilter("ignore", RuntimeWarning)
    from blocwatch.events.coder import EventCoder
    from blocwatch.store.events import (
        list_events,
        mark_coded,
        save_claims,
        save_events,
        uncoded_articles,
        update_superseded,
    )

    coder = EventCoder()
    text = "Egypt hosted Sudan for talks on the dam. Egypt later criticised Ethiopia."
    events, claims, _ = coder.code_article("a1", text, [Passage("a1", 0, 0, len(text), text, "h")],
                                           date(2020, 6, 1))
    for ev in events:
        assert text[ev.evidence.start:ev.evidence.end] == ev.evidence.sentence
        assert ev.evidence.article_id == "a1" and ev.evidence.passage_index == 0
    store.con.execute("INSERT INTO articles (id, origin, text, date) VALUES ('a1', 'x', ?, ?)",
                      [text, date(2020, 6, 1)])
    assert [a["id"] for a in uncoded_articles(store)] == ["a1"]
    with store.transaction():
        assert save_events(store, events) == len(events) >= 2
        save_claims(store, claims)
        mark_coded(store, "a1", coder.version)
        update_superseded(store)
    assert uncoded_articles(store, coder.version) == []
    rows = list_events(store, actor="EGY", type="ACCUSE")
    assert len(rows) == 1 and rows[0]["target_country"] == "ETH"
    assert rows[0]["sentence"] == "Egypt later criticised Ethiopia."
    assert list_events(store, date_from=date(2021, 1, 1)) == []
    db = store.path
    store.close()
    result = CliRunner().invoke(cli, ["events", "--db", db, "--actor", "EGY", "--json"])
    assert result.exit_code == 0, result.output
    got = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    assert {g["event"] for g in got} >= {"CONSULT", "ACCUSE"}
    result = CliRunner().invoke(cli, ["events", "--db", db, "--type", "HUG"])
    assert result.exit_code != 0 and "'HUG' is not a PLOVER type" in result.output


def test_claim_superseding_in_the_store(store):
    from blocwatch.models import Claim, Evidence
    from blocwatch.store.events import list_claims, save_claims, update_superseded

    ev = Evidence("a", 0, 0, 1, "s")
    old = Claim("manager:CHN-RUS", "manages", "A", ("CHN", "RUS"), "speculated", 0.4,
                date(2016, 7, 5), ev)
    new = Claim("manager:CHN-RUS", "manages", "B", ("CHN", "RUS"), "asserted", 1.0,
                date(2017, 7, 4), ev)
    with store.transaction():
        save_claims(store, [old, new])
        assert update_superseded(store) == 1
    rows = list_claims(store, "manager:CHN-RUS")
    assert rows[0]["value"] == "A" and rows[0]["superseded_by"] == rows[1]["id"]
    assert rows[1]["superseded_by"] is None


def test_code_with_a_worker_pool_keeps_input_order(tmp_path):
    lines = [json.dumps({"id": str(i), "text": f"Kenya met Uganda {i} times last year."})
             for i in range(6)]
    src = _write(tmp_path / "in.jsonl", lines)
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(cli, ["code", str(src), "-o", str(out), "--workers", "2",
                                      "--batch-size", "2"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["id"] for r in rows] == [str(i) for i in range(6)]
    assert all(r["events"][0]["event"] == "CONSULT" for r in rows)


def test_coding_stored_articles_codes_each_once_with_passage_dates(store):
    warnings.simplefilter("ignore", RuntimeWarning)
    from blocwatch.analyze import code_new_articles
    from blocwatch.settings import Settings
    from blocwatch.store.events import list_claims, list_events

    def code_uncoded(store):
        summary = code_new_articles(store, Settings())
        return summary.articles, summary.events

    text = "Chile hosted Peru for talks.\n\nChile later criticised Bolivia."
    store.con.execute("INSERT INTO articles (id, origin, text, date) VALUES ('b1', 'x', ?, ?)",
                      [text, date(2021, 5, 1)])
    # The second passage was copied from an earlier article: it keeps that date.
    store.con.execute(
        "INSERT INTO passages VALUES ('b1', 0, 0, 28, 'Chile hosted Peru for talks.', 'h0', "
        "'own', NULL, NULL, ?), ('b1', 1, 30, 61, 'Chile later criticised Bolivia.', 'h1', "
        "'copied', 'orig', 3, ?)", [date(2021, 5, 1), date(2019, 2, 2)])
    assert code_uncoded(store)[0] == 1
    assert code_uncoded(store)[0] == 0  # nothing new the second time
    rows = {r["event"]: r for r in list_events(store, actor="CHL")}
    assert rows["CONSULT"]["date"] == date(2021, 5, 1)
    assert rows["ACCUSE"]["date"] == date(2019, 2, 2) and rows["ACCUSE"]["passage_idx"] == 1
    assert rows["ACCUSE"]["sentence"] == "Chile later criticised Bolivia."
    assert list_claims(store) == []
