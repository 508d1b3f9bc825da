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


@lru_cache(maxsize=1)
def coder_version() -> str:
    """A short id of this coder: package version plus a hash of the packaged
    model and lexicon bytes.  Cheap (no spaCy), so callers can tell whether
    stored events were coded by the current coder before loading it."""
    digest = hashlib.sha256()
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
