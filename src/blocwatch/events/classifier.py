"""The packaged event-type classifier: a multinomial logistic regression
stored as JSON weights (``data/event_model.json``), applied without sklearn."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from blocwatch.errors import ModelError

MODEL_FILE = "event_model.json"


@dataclass(frozen=True)
class EventModel:
    classes: tuple[str, ...]
    intercept: tuple[float, ...]
    # feature -> ((class index, weight), ...): sparse, so the file stays small.
    weights: dict[str, tuple[tuple[int, float], ...]]
    version: str

    def scores(self, feats: dict[str, float]) -> dict[str, float]:
        """Class probabilities for one feature dict."""
        z = list(self.intercept)
        for name, value in feats.items():
            for k, w in self.weights.get(name, ()):
                z[k] += w * value
        top = max(z)
        exp = [math.exp(v - top) for v in z]
        total = sum(exp)
        return {c: e / total for c, e in zip(self.classes, exp, strict=True)}

    def best(self, feats: dict[str, float]) -> tuple[str, float]:
        probs = self.scores(feats)
        root = max(probs, key=probs.__getitem__)
        return root, probs[root]


def model_from_json(data: dict) -> EventModel:
    weights = {f: tuple((int(k), float(w)) for k, w in pairs) for f, pairs in data["weights"].items()}
    return EventModel(tuple(data["classes"]), tuple(data["intercept"]), weights,
                      str(data.get("version", "")))


@lru_cache(maxsize=1)
def load_model() -> EventModel:
    try:
        text = resources.files("blocwatch.data").joinpath(MODEL_FILE).read_text("utf-8")
    except FileNotFoundError as err:
        raise ModelError(
            f"the event model blocwatch/data/{MODEL_FILE} is missing",
            hint="make train (python -m blocwatch.events.train) to build it",
        ) from err
    return model_from_json(json.loads(text))
