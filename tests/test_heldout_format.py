"""The held-out sets in benchmarks/heldout/ are well formed and original.

No NLP here: these tests only check the files, so a broken line is caught
before `benchmarks/heldout_eval.py` reports a misleading score.  The last test
checks that no held-out sentence copies third-party text from ../shared.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
HELDOUT = ROOT / "benchmarks" / "heldout"
SHARED = ROOT.parent / "shared"

PAIR_ROOTS = {"AGREE": {1}, "CONSULT": {1}, "SUPPORT": {1}, "YIELD": {1, 2},
              "COOPERATE": {2}, "AID": {2}, "REQUEST": {3}, "ACCUSE": {3}, "REJECT": {3},
              "THREATEN": {3}, "PROTEST": {4}, "SANCTION": {4}, "MOBILIZE": {4},
              "COERCE": {4}, "ASSAULT": {4}}
SECTORS = {"GOV", "MIL", "LEG", "JUD", "COP", "SPY", "OPP", "PTY", "REB", "UAF", "BUS", "MED",
           "EDU", "REL", "CVL", "ELI", "LAB", "NGO", "REF", "CRM", "HLH", "AGR"}
KINDS = {"state", "igo", "group", "person", "place", "unresolved"}
ISO3 = re.compile(r"^[A-Z]{3}$")
CAMEO = re.compile(r"^(0[1-9]|1[0-9]|20)\d{0,2}$")
WINDOW = 60


def load(name: str) -> list[dict]:
    path = HELDOUT / name
    rows = []
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                pytest.fail(f"{path}:{n}: not JSON ({exc})")
    return rows


def check_ids_and_dates(rows: list[dict], name: str) -> None:
    ids = Counter(str(r.get("id")) for r in rows)
    dupes = [i for i, k in ids.items() if k > 1]
    assert not dupes, f"{name}: duplicate ids {dupes[:5]}"
    for r in rows:
        assert isinstance(r.get("text"), str) and r["text"].strip(), f"{name} {r.get('id')}: no text"
        date.fromisoformat(r["date"])  # raises with the bad value in the message


def test_actors_file_is_well_formed():
    rows = load("actors.jsonl")
    assert len(rows) >= 200, f"actors.jsonl has {len(rows)} mentions, the brief asks for >= 200"
    check_ids_and_dates(rows, "actors.jsonl")
    for r in rows:
        rid = r["id"]
        assert set(r) == {"id", "text", "date", "context", "country", "sector", "kind"}, rid
        assert r["text"] in r["context"], f"{rid}: text {r['text']!r} is not in its context"
        assert r["kind"] in KINDS, f"{rid}: kind {r['kind']!r}"
        assert r["country"] is None or ISO3.match(r["country"]), f"{rid}: {r['country']!r}"
        assert r["sector"] is None or r["sector"] in SECTORS, f"{rid}: sector {r['sector']!r}"
        if r["kind"] in {"unresolved", "igo", "group"}:
            assert r["country"] is None and r["sector"] is None, f"{rid}: {r['kind']} with a country"
    kinds = Counter(r["kind"] for r in rows)
    assert all(kinds[k] >= 5 for k in KINDS), f"every kind needs a few examples: {kinds}"


def test_pair_file_is_well_formed_and_balanced():
    rows = load("events_pair.jsonl")
    assert len(rows) >= 320, f"events_pair.jsonl has {len(rows)} sentences, need >= 320"
    check_ids_and_dates(rows, "events_pair.jsonl")
    for r in rows:
        rid = r["id"]
        assert r["source"] in r["text"], f"{rid}: source {r['source']!r} not in the text"
        assert r["target"] in r["text"], f"{rid}: target {r['target']!r} not in the text"
        assert r["source"] != r["target"], rid
        gold = r["gold"]
        assert gold["event"] in PAIR_ROOTS, f"{rid}: {gold['event']!r} is not a pair-mode root"
        assert gold["quad"] in PAIR_ROOTS[gold["event"]], f"{rid}: quad {gold['quad']} for {gold}"
    per_root = Counter(r["gold"]["event"] for r in rows)
    thin = {root: per_root[root] for root in PAIR_ROOTS if per_root[root] < 20}
    assert not thin, f"roots with fewer than 20 sentences: {thin}"


def test_free_file_is_well_formed():
    rows = load("events_free.jsonl")
    assert len(rows) >= 60, f"events_free.jsonl has {len(rows)} sentences, need >= 60"
    check_ids_and_dates(rows, "events_free.jsonl")
    for r in rows:
        rid = r["id"]
        assert "source" not in r and "target" not in r, f"{rid}: free mode has no source/target"
        gold = r["gold"]
        assert isinstance(gold["noevents"], bool), rid
        assert gold["noevents"] == (not gold["cameo"]), f"{rid}: noevents disagrees with cameo"
        for ev in gold["cameo"]:
            assert ISO3.match(ev["source"]) and ISO3.match(ev["target"]), f"{rid}: {ev}"
            assert CAMEO.match(ev["event"]), f"{rid}: {ev['event']!r} is not a CAMEO code"
    no_event = sum(r["gold"]["noevents"] for r in rows)
    assert 8 <= no_event <= 15, f"{no_event} no-event sentences; the brief asks for about 10"


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def _shared_texts() -> list[str]:
    texts = []
    for path in sorted((SHARED / "eval").glob("*.jsonl")):
        with path.open(encoding="utf-8") as f:
            texts.extend(str(json.loads(line).get("text") or "") for line in f if line.strip())
    seeds = SHARED / "corpus" / "seeds"
    texts.extend(p.read_text(encoding="utf-8", errors="replace") for p in sorted(seeds.glob("*.txt")))
    return texts


def test_no_window_copied_from_shared_texts():
    if not SHARED.exists():
        pytest.skip(f"{SHARED} is not here (the originality check reads it)")
    ours: dict[str, str] = {}
    for name in ("actors.jsonl", "events_pair.jsonl", "events_free.jsonl"):
        for r in load(name):
            for field in ("text", "context"):
                text = _norm(r.get(field) or "")
                for i in range(len(text) - WINDOW + 1):
                    ours.setdefault(text[i : i + WINDOW], f"{name} {r['id']}")
    copied = set()
    for text in _shared_texts():
        text = _norm(text)
        for i in range(len(text) - WINDOW + 1):
            hit = ours.get(text[i : i + WINDOW])
            if hit:
                copied.add(hit)
    assert not copied, (f"held-out lines share a {WINDOW}-character passage with ../shared: "
                        f"{sorted(copied)[:10]}; rewrite them in your own words")
