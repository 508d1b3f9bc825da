"""One lookup table over every way an actor or a title can be written.

The tables, the titles and the places are merged into a single dict from
name key to entries, built once per tables object, and a sentence is cut into
*pieces*: the longest known phrase at each position, or a single unknown word.
Resolution and scanning both work on pieces, so they agree on what a phrase is.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from threading import Lock
from typing import NamedTuple

from blocwatch.actors.places import PLACES
from blocwatch.actors.tables import ActorTables, name_key, strip_the
from blocwatch.actors.titles import (
    ALLY_NOUNS,
    FORMER,
    SECTOR_MODIFIERS,
    THEN,
    TITLES,
)

# "U.S." is one token, "ex-President" three, "Russia's" two ("Russia", "'s").
_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|\w+|['’]s\b|\S")

COUNTRY_TYPES = frozenset({"country", "demonym", "adjective", "capital", "seat"})
# Entries that name something: their text must be capitalised as in the tables.
NAME_TYPES = COUNTRY_TYPES | {"ambiguous", "igo", "group", "person", "surname", "place"}


@dataclass(frozen=True, slots=True)
class Entry:
    type: str  # country demonym adjective capital seat ambiguous igo group person surname
    #            place sector title former then secmod ally
    value: str  # ISO3, organisation/group code, person, sector, title, place country
    extra: str = ""  # place kind


_NO_TYPES: frozenset[str] = frozenset()


class Piece(NamedTuple):
    """A known phrase or a single unknown word.  (A named tuple: a sentence
    makes one per word, and tuples are the cheapest objects to build.)"""

    start: int  # char offsets in the segmented text
    end: int
    text: str
    lower: str
    entries: tuple[Entry, ...]
    types: frozenset[str] = _NO_TYPES

    @classmethod
    def of(cls, start: int, end: int, text: str, lower: str, entries: tuple[Entry, ...]) -> Piece:
        return cls(start, end, text, lower, entries, frozenset(e.type for e in entries) if entries else _NO_TYPES)

    def has(self, *types: str) -> bool:
        return not self.types.isdisjoint(types)

    def values(self, *types: str) -> set[str]:
        return {e.value for e in self.entries if e.type in types}

    @property
    def is_country(self) -> bool:
        return not self.types.isdisjoint(COUNTRY_TYPES)

    @property
    def is_name_like(self) -> bool:
        """An unknown capitalised word: possibly a name the tables lack."""
        return not self.entries and self.text[:1].isupper() and self.text.isalpha()


def tokenize(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _TOKEN.finditer(text)]


class Lexicon:
    def __init__(self, tables: ActorTables) -> None:
        self.tables = tables
        found: dict[str, list[Entry]] = defaultdict(list)

        def add(key: str, entry: Entry) -> None:
            if entry not in found[key]:
                found[key].append(entry)

        for kind, index in (
            ("country", tables.country_names), ("demonym", tables.demonyms),
            ("adjective", tables.adjectives), ("capital", tables.capitals),
            ("seat", tables.seats), ("ambiguous", tables.ambiguous),
        ):
            for key, codes in index.items():
                for code in sorted(codes):
                    add(key, Entry(kind, code))
        for key, code in tables.igo_names.items():
            add(key, Entry("igo", code))
        for key, code in tables.group_names.items():
            add(key, Entry("group", code))
        for key, people in tables.person_names.items():
            for person in sorted(people):
                add(key, Entry("person", person))
        for key, people in tables.surnames.items():
            for person in sorted(people):
                add(key, Entry("surname", person))
        for name, iso3, kind in PLACES:
            add(name_key(name), Entry("place", iso3 or "", kind))
        for key, sector in tables.sector_nouns.items():
            add(key, Entry("sector", sector))
        for title in TITLES:
            add(name_key(title), Entry("title", title))
        for word in FORMER:
            add(word, Entry("former", word))
        for word in THEN:
            add(word, Entry("then", word))
        for word, sector in SECTOR_MODIFIERS.items():
            add(word, Entry("secmod", sector))
        for word in ALLY_NOUNS:
            add(word, Entry("ally", word))
        # "the CIA" is a seat; "CIA" is also a sector noun: the longer key gets both
        for key in [k for k in found if k.startswith("the ")]:
            for entry in found.get(key[4:], ()):
                add(key, entry)
        self.entries: dict[str, tuple[Entry, ...]] = {k: tuple(v) for k, v in found.items()}
        # the same keys as tuples of words, so a sentence is matched word by word
        # without building and normalising substrings
        self.by_words: dict[tuple[str, ...], tuple[str, tuple[Entry, ...]]] = {}
        lengths: dict[str, set[int]] = {}
        for key, entries in self.entries.items():
            words = tuple(key[a:b] for a, b in tokenize(key))
            if not words:
                continue
            self.by_words[words] = (key, entries)
            lengths.setdefault(words[0], set()).add(len(words))
        # the phrase lengths (in words, longest first) of the names each word starts
        self.first_len: dict[str, tuple[int, ...]] = {
            w: tuple(sorted(n, reverse=True)) for w, n in lengths.items()
        }
        self.exact_case = tables.exact_case

    def lookup(self, key: str, surface: str, *, relaxed: bool = False) -> tuple[Entry, ...]:
        entries = self.entries.get(key)
        return self._fitting(key, entries, surface, relaxed) if entries else ()

    def _fitting(self, key: str, entries: tuple[Entry, ...], surface: str, relaxed: bool) -> tuple[Entry, ...]:
        """The entries a surface form may stand for: names must be capitalised
        as names, acronyms written as acronyms ("US", not "us")."""
        exact = self.exact_case.get(key)
        head = strip_the(surface)
        capitalised = head[:1].isupper() or head[:1].isdigit()
        kept = []
        for e in entries:
            if e.type in NAME_TYPES:
                if exact is not None and surface not in exact and e.type != "person":
                    continue
                if not capitalised and not relaxed:
                    continue
            kept.append(e)
        return tuple(kept)

    def _match(self, text: str, spans: list[tuple[int, int]], words: list[str], i: int, n: int,
               relaxed: bool) -> tuple[Entry, ...]:
        hit = self.by_words.get(tuple(words[i:i + n]))
        if hit is None:
            return ()
        return self._fitting(hit[0], hit[1], text[spans[i][0]:spans[i + n - 1][1]], relaxed)

    def segment(self, text: str, *, relaxed: bool = False) -> tuple[Piece, ...]:
        spans = tokenize(text)
        words = [text[a:b].lower().replace("’", "'") for a, b in spans]
        pieces: list[Piece] = []
        i = 0
        count = len(spans)
        first_len = self.first_len
        while i < count:
            lengths = first_len.get(words[i])
            if lengths is None:  # most words start no name: the fast path
                a, b = spans[i]
                pieces.append(Piece(a, b, text[a:b], words[i], (), _NO_TYPES))
                i += 1
                continue
            piece = None
            for n in lengths:
                if n > count - i:
                    continue
                entries = self._match(text, spans, words, i, n, relaxed)
                if entries and n > 1 and self._longer_next(text, spans, words, i, n, relaxed):
                    entries = ()  # "the Union of Soviet Socialist Republics": the later, longer name wins
                if entries:
                    start, end = spans[i][0], spans[i + n - 1][1]
                    surface = text[start:end]
                    piece = Piece.of(start, end, surface, surface.lower(), entries)
                    i += n
                    break
            if piece is None:
                start, end = spans[i]
                piece = Piece.of(start, end, text[start:end], words[i], ())
                i += 1
            pieces.append(piece)
        return tuple(pieces)

    def _longer_next(self, text: str, spans: list[tuple[int, int]], words: list[str], i: int, n: int,
                     relaxed: bool) -> bool:
        """Whether a name starting one token later runs past the match [i, i+n)."""
        if i + 1 >= len(spans):
            return False
        room = len(spans) - i - 1
        return any(self._match(text, spans, words, i + 1, m, relaxed)
                   for m in self.first_len.get(words[i + 1], ()) if n <= m <= room)


_LEXICONS: dict[int, Lexicon] = {}
_LOCK = Lock()


def lexicon_for(tables: ActorTables) -> Lexicon:
    """The lexicon of ``tables``, built once per tables object."""
    with _LOCK:
        lex = _LEXICONS.get(id(tables))
        if lex is None or lex.tables is not tables:
            lex = _LEXICONS[id(tables)] = Lexicon(tables)
        return lex


@lru_cache(maxsize=4096)
def _segment_cached(lex_id: int, text: str, relaxed: bool) -> tuple[Piece, ...]:
    return _LEXICONS[lex_id].segment(text, relaxed=relaxed)


def segment(lex: Lexicon, text: str, *, relaxed: bool = False) -> tuple[Piece, ...]:
    """Pieces of ``text``, cached: a sentence is cut once however many mentions it has."""
    return _segment_cached(id(lex.tables), text, relaxed)
