"""Skipping regex searches that cannot match.

A case-blind pattern every match of which holds one of a few words cannot
match a text whose lower-cased form holds none of them, and a plain substring
test says so far faster than the search.  The exception is a few letters that
an ignore-case search matches to a Latin letter although ``lower()`` does not
turn them into it (dotted and dotless i, long s): with any of them in the
text, every pattern may match.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Mapping
from typing import Generic, TypeVar

_CASE_FOLD_TRAPS = re.compile("[\u0130\u0131\u017f]")

Key = TypeVar("Key", bound=Hashable)


class NeededWords(Generic[Key]):
    """Patterns (or their names) with the words, lower-cased, of which every
    match holds at least one."""

    def __init__(self, needed: Mapping[Key, tuple[str, ...]]) -> None:
        self.needed = dict(needed)

    def possible(self, text: str) -> frozenset[Key]:
        """The keys whose patterns may match somewhere in ``text``."""
        if _CASE_FOLD_TRAPS.search(text) is not None:
            return frozenset(self.needed)
        lowered = text.lower()
        return frozenset(key for key, words in self.needed.items()
                         if any(w in lowered for w in words))
