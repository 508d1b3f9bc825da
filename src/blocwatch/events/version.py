"""The event coder's version id, computed without loading spaCy or the model.

Stored articles are marked with the version that coded them; callers compare
it with ``coder_version()`` to find what needs recoding, so it must be cheap
and must change whenever the packaged model or lexicon changes.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib import metadata, resources

from blocwatch.events.classifier import MODEL_FILE
from blocwatch.events.lexicon import LEXICON_FILE


@lru_cache(maxsize=8)
def coder_version(spacy_model: str = "en_core_web_sm") -> str:
    """A short id of this coder: package version plus a hash of the spaCy
    pipeline's name and the packaged model and lexicon bytes.  Cheap (no spaCy),
    so callers can tell whether stored events were coded by the current coder
    before loading it; a different parser gives different parses, hence the name."""
    digest = hashlib.sha256()
    digest.update(f"spacy:{spacy_model}\n".encode())
    data = resources.files("blocwatch.data")
    for name in (MODEL_FILE, LEXICON_FILE):
        try:
            digest.update(data.joinpath(name).read_bytes())
        except FileNotFoundError:
            digest.update(f"missing:{name}".encode())
    try:
        package = metadata.version("blocwatch")
    except metadata.PackageNotFoundError:
        package = "0"
    return f"{package}+{digest.hexdigest()[:12]}"
