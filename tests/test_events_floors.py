"""Pinned accuracy floors (trafilatura style) on the dev gold sets in ../shared/eval.

The floors sit a little below the scores measured when they were pinned (see
docs/accuracy.md); a change that drops below one fails here.  The dev sets are
never used for training.
"""

from __future__ import annotations

import importlib.util
import json
import warnings

import pytest

from conftest import EVAL, need_shared

PAIR_ROOT_MACRO_F1 = 0.64
PAIR_QUAD_MACRO_F1 = 0.76
CAMEO_TRIPLE_F1 = 0.29


def _score_module():
    path = need_shared(EVAL / "score.py")
    spec = importlib.util.spec_from_file_location("blocwatch_eval_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _run(path):
    warnings.simplefilter("ignore", RuntimeWarning)
    from blocwatch.events.coder import EventCoder
    from blocwatch.events.run import event_json, parse_record

    gold, records = {}, []
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            raw = json.loads(line)
            gold[str(raw["id"])] = raw
            if not (raw.get("text") or "").strip():
                continue  # an empty gold text has nothing to code
            rec = parse_record(line, f"{path}:{n}")
            records.append(rec)
    results = EventCoder().code_records(records, monadic=False)
    system = {str(r["id"]): {"events": [event_json(e) for e in evs]}
              for r, evs in zip(records, results, strict=True)}
    return gold, system


@pytest.fixture(scope="module")
def score():
    return _score_module()


def test_pair_mode_floors(score):
    gold, system = _run(need_shared(EVAL / "plv_dev.jsonl"))
    res = score.score(gold, system)
    assert res["pair_n"] >= 1000
    assert res["pair_root_macro_f1"] >= PAIR_ROOT_MACRO_F1, res
    assert res["pair_quad_macro_f1"] >= PAIR_QUAD_MACRO_F1, res


def test_free_mode_cameo_floor(score):
    gold, system = _run(need_shared(EVAL / "petrarch_gsr_dev.jsonl"))
    res = score.score(gold, system)
    assert res["cameo_f1"] >= CAMEO_TRIPLE_F1, res
