"""Train the event classifier on the project's own sentences.

    python -m blocwatch.events.train      (or: make train)

Regenerates the templated ``data/training/*.jsonl`` (`training_sentences`), reads
them and the hand-written ``data/training/handwritten/*.jsonl``, parses each
sentence with spaCy, turns (source, target, sentence) into features and fits a
multinomial logistic regression with a fixed seed (templated rows weighted
``TEMPLATED_WEIGHT``).  Weights are rounded and
pruned, so the JSON artefact is small and the same inputs give the same file.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

from blocwatch.events.features import find_span, pair_features
from blocwatch.events.pipeline import coder_pipeline
from blocwatch.events.training_sentences import TRAINING_DIR
from blocwatch.events.training_sentences import write as write_training

MODEL_PATH = Path(__file__).resolve().parents[1] / "data" / "event_model.json"
SEED = 7
MIN_FEATURE_COUNT = 3
C = 2.0
TEMPLATED_WEIGHT = 0.5


def read_training(directory: Path = TRAINING_DIR) -> list[dict]:
    """Every training row under ``directory`` (the templated files at the top and
    the hand-written set in ``handwritten/``), in a fixed order, each with
    ``_where`` = its path relative to ``directory`` and line number."""
    rows = []
    paths = sorted(directory.glob("**/*.jsonl"), key=lambda p: p.relative_to(directory).as_posix())
    for path in paths:
        rel = path.relative_to(directory).as_posix()
        with path.open(encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if line.strip():
                    row = json.loads(line)
                    row["_where"] = f"{rel}:{n}"
                    rows.append(row)
    return rows


def row_weight(row: dict) -> float:
    """Templated sentences repeat a few patterns many times; they count for less
    than the varied hand-written ones so they do not drown them out."""
    return 1.0 if "/" in row["_where"].split(":")[0] else TEMPLATED_WEIGHT


def featurize(rows: list[dict]) -> list[dict[str, float]]:
    nlp = coder_pipeline()
    out = []
    for row, doc in zip(rows, nlp.pipe([r["text"] for r in rows], batch_size=64), strict=True):
        src = find_span(doc, row["source"])
        tgt = find_span(doc, row["target"], avoid=src)
        out.append(pair_features(doc, src, tgt))
    return out


def fit(feats: list[dict[str, float]], labels: list[str],
        weights_per_row: list[float] | None = None) -> dict:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts = Counter(f for fd in feats for f in fd)
    kept = [{k: v for k, v in fd.items() if counts[k] >= MIN_FEATURE_COUNT} for fd in feats]
    vec = DictVectorizer(sort=True)
    x = vec.fit_transform(kept)
    clf = LogisticRegression(C=C, max_iter=3000, random_state=SEED)
    clf.fit(x, labels, sample_weight=weights_per_row)
    names = vec.get_feature_names_out()
    weights: dict[str, list[list[float]]] = {}
    for j, name in enumerate(names):
        pairs = [[k, round(float(clf.coef_[k, j]), 4)] for k in range(len(clf.classes_))
                 if abs(clf.coef_[k, j]) >= 0.01]
        if pairs:
            weights[str(name)] = pairs
    digest = hashlib.sha256(json.dumps(weights, sort_keys=True).encode()).hexdigest()[:12]
    return {"classes": [str(c) for c in clf.classes_],
            "intercept": [round(float(b), 4) for b in clf.intercept_],
            "weights": weights, "version": f"lr-{digest}",
            "trained_on": len(labels), "seed": SEED, "C": C,
            "templated_weight": TEMPLATED_WEIGHT}


def main(argv: list[str] | None = None) -> int:
    # The JSONL files are generated from the patterns in training_sentences.py:
    # regenerating them first keeps the two from drifting apart.
    write_training()
    rows = read_training()
    feats = featurize(rows)
    model = fit(feats, [r["event"] for r in rows], [row_weight(r) for r in rows])
    MODEL_PATH.write_text(json.dumps(model, sort_keys=True, separators=(",", ":")) + "\n",
                          encoding="utf-8")
    print(f"trained on {len(rows)} sentences, {len(model['weights'])} features -> {MODEL_PATH} "
          f"({MODEL_PATH.stat().st_size // 1024} KB, {model['version']})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
