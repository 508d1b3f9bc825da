"""One lookup table over every way an actor or a title can be written.

The tables, the titles and the places are merged into a single dict from
name key to entries, built once per tables object, and a sentence is cut into
*pieces*: the longest known phrase at each position, or a single unknown word.
Resolution and scanning both work on pieces, so they agree on what a phrase is.
"""

from __future__ import annotations

import atexit
import gc
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import cached_property, lru_cache
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
    WEAK_SECTOR_NOUNS,
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
# entries fitting a surface form, their types, whether they name a country, and which
_Fitted = tuple[tuple["Entry", ...], frozenset[str], bool, frozenset[str]]
_FITTED_MAX = 200_000


class Piece(NamedTuple):
    """A known phrase or a single unknown word.  (A named tuple: a sentence
    makes one per word, and tuples are the cheapest objects to build.)"""

    start: int  # char offsets in the segmented text
    end: int
    text: str
    lower: str
    entries: tuple[Entry, ...]
    types: frozenset[str] = _NO_TYPES
    # computed once here: the reader asks it of every piece it looks at
    is_country: bool = False
    is_name_like: bool = False  # an unknown capitalised word: possibly a name the tables lack
    # the states its country-like entries (name, demonym, adjective, capital, seat) name
    codes: frozenset[str] = _NO_TYPES

    @classmethod
    def of(cls, start: int, end: int, text: str, lower: str, entries: tuple[Entry, ...]) -> Piece:
        if not entries:
            return cls(start, end, text, lower, (), _NO_TYPES, False, text[:1].isupper() and text.isalpha())
        types = frozenset(e.type for e in entries)
        return cls(start, end, text, lower, entries, types, not types.isdisjoint(COUNTRY_TYPES), False,
                   country_codes(entries))

    def has(self, *types: str) -> bool:
        return not self.types.isdisjoint(types)

    def values(self, *types: str) -> set[str]:
        return {e.value for e in self.entries if e.type in types}


class Sentence(tuple):  # type: ignore[type-arg]
    """The pieces of one sentence, with what the reader asks of the whole
    sentence computed once however many mentions it holds."""

    @cached_property
    def headline(self) -> bool:
        """In A Headline Every Word Looks Like A Name."""
        words = [p.text for p in self if len(p.text) > 3 and p.text.isalpha()]
        return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)

    # Asked of every sentence the scanner cuts, so set when it is made
    # (a cached property costs a Python call on its first use):
    # ``plain``: the pieces as a plain tuple (indexing a tuple subclass is
    # markedly slower, and the reader indexes pieces all the time);
    # ``ends``: where each piece ends, for bisecting a mention's span;
    # ``resolved``: resolutions already read from this sentence, by (lexicon,
    # span, date, cue), so that a sentence that comes back (boilerplate, a
    # republished paragraph, a mention re-read after merging) is not read again.
    plain: tuple[Piece, ...]
    ends: list[int]
    resolved: dict[tuple, object]  # type: ignore[type-arg]

    def __new__(cls, pieces: list[Piece]) -> Sentence:
        self = super().__new__(cls, pieces)
        self.plain = tuple(pieces)
        self.ends = [p[1] for p in pieces]
        self.resolved = {}
        return self

    @cached_property
    def country_at(self) -> tuple[int, ...]:
        """Positions of the pieces that name a country."""
        return tuple(i for i, p in enumerate(self) if p.is_country)

    def position(self, piece: Piece, near: int = 0) -> int:
        """Where ``piece`` (this very object) stands, searching from ``near``."""
        for i in range(near, len(self)):
            if self[i] is piece:
                return i
        return self.index(piece)


def country_codes(entries: tuple[Entry, ...]) -> frozenset[str]:
    return frozenset(e.value for e in entries if e.type in COUNTRY_TYPES)


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
        for word, sector in WEAK_SECTOR_NOUNS.items():
            if word not in tables.sector_nouns:
                add(word, Entry("sector", sector, "weak"))
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
        # every beginning of two or more words of a name: a sentence is walked word by
        # word only while it still spells the beginning of some name
        self.prefixes: frozenset[tuple[str, ...]] = frozenset(
            words[:n] for words in self.by_words for n in range(2, len(words) + 1)
        )
        # the one-word names: word -> (key, entries)
        self.one_word: dict[str, tuple[str, tuple[Entry, ...]]] = {
            words[0]: hit for words, hit in self.by_words.items() if len(words) == 1}
        # the phrase lengths (in words, longest first) of the names each word starts
        self.first_len: dict[str, tuple[int, ...]] = {
            w: tuple(sorted(n, reverse=True)) for w, n in lengths.items()
        }
        self.exact_case = tables.exact_case
        # (key, surface, relaxed) -> the fitting entries with their types: the same
        # names come back in every article, and `_fitting` is a pure function of these
        self._fitted: dict[tuple[str, str, bool], _Fitted] = {}
        self._existing: dict[tuple[frozenset[str], date | None], frozenset[str]] = {}

    def existing_on(self, codes: frozenset[str], when: date | None) -> frozenset[str]:
        """Those of ``codes`` that name a state existing on ``when``: asked of every
        country a mention names, and the same few countries and dates come back."""
        key = (codes, when)
        found = self._existing.get(key)
        if found is None:
            country_on = self.tables.country_on
            found = frozenset(c for c in codes if country_on(c, when))
            if len(self._existing) >= _FITTED_MAX:
                self._existing.clear()
            self._existing[key] = found
        return found

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

    def _fitted_entries(self, key: str, entries: tuple[Entry, ...], surface: str, relaxed: bool) -> _Fitted:
        """`_fitting`, remembered, with the types a piece of these entries has."""
        memo_key = (key, surface, relaxed)
        fitted = self._fitted.get(memo_key)
        if fitted is None:
            kept = self._fitting(key, entries, surface, relaxed)
            types = frozenset(e.type for e in kept)
            fitted = (kept, types, not types.isdisjoint(COUNTRY_TYPES), country_codes(kept))
            if len(self._fitted) >= _FITTED_MAX:
                self._fitted.clear()  # surfaces are few in practice; this only bounds a pathological stream
            self._fitted[memo_key] = fitted
        return fitted

    def _matches_from(self, text: str, spans: list[tuple[int, int]], words: list[str], i: int,
                      relaxed: bool) -> list[tuple[int, _Fitted]]:
        """(length in words, fitting entries) of every name starting at word ``i``, shortest first."""
        found: list[tuple[int, _Fitted]] = []
        count = len(words)
        by_words, prefixes = self.by_words, self.prefixes
        key: tuple[str, ...] = (words[i],)
        n = 1
        while True:
            hit = by_words.get(key)
            if hit is not None:
                fitted = self._fitted_entries(hit[0], hit[1], text[spans[i][0]:spans[i + n - 1][1]], relaxed)
                if fitted[0]:
                    found.append((n, fitted))
            if i + n >= count:
                break
            key = (*key, words[i + n])
            if key not in prefixes:
                break
            n += 1
        return found

    def segment(self, text: str, *, relaxed: bool = False) -> Sentence:
        spans = tokenize(text)
        low = text.lower().replace("’", "'")
        if len(low) == len(text):  # one lower-casing per sentence, not per word
            words = [low[a:b] for a, b in spans]
        else:  # a letter whose lower case is longer ("İ"): word by word
            words = [text[a:b].lower().replace("’", "'") for a, b in spans]
        pieces: list[Piece] = []
        append = pieces.append
        new = tuple.__new__  # Piece(...) would run a Python-level __new__ once per word
        i = 0
        count = len(spans)
        first_len, one_word, prefixes = self.first_len, self.one_word, self.prefixes
        fitted_memo = self._fitted
        last = count - 1
        while i < count:
            word = words[i]
            if word not in first_len:  # most words start no name ("the talks"): the fast path
                a, b = spans[i]
                surface = text[a:b]
                append(new(Piece, (a, b, surface, word, (), _NO_TYPES, False,
                                   surface[:1].isupper() and surface.isalpha(), _NO_TYPES)))
                i += 1
                continue
            if i == last or (word, words[i + 1]) not in prefixes:
                # no longer name can start here: the word alone, or an unknown word
                a, b = spans[i]
                surface = text[a:b]
                hit = one_word.get(word)
                if hit is not None:
                    fitted = fitted_memo.get((hit[0], surface, relaxed)) or \
                        self._fitted_entries(hit[0], hit[1], surface, relaxed)
                    if fitted[0]:
                        append(new(Piece, (a, b, surface, surface.lower(), *fitted[:3], False, fitted[3])))
                        i += 1
                        continue
                append(new(Piece, (a, b, surface, word, (), _NO_TYPES, False,
                                   surface[:1].isupper() and surface.isalpha(), _NO_TYPES)))
                i += 1
                continue
            piece = None
            for n, (entries, types, is_country, codes) in reversed(self._matches_from(text, spans, words, i, relaxed)):
                if n > 1 and self._longer_next(text, spans, words, i, n, relaxed):
                    continue  # "the Union of Soviet Socialist Republics": the later, longer name wins
                start, end = spans[i][0], spans[i + n - 1][1]
                surface = text[start:end]
                # what Piece.of would build, its types taken from the memo
                piece = new(Piece, (start, end, surface, surface.lower(), entries, types, is_country, False,
                                    codes))
                i += n
                break
            if piece is None:
                start, end = spans[i]
                piece = Piece.of(start, end, text[start:end], word, ())
                i += 1
            append(piece)
        return Sentence(pieces)

    def _longer_next(self, text: str, spans: list[tuple[int, int]], words: list[str], i: int, n: int,
                     relaxed: bool) -> bool:
        """Whether a name starting one token later runs past the match [i, i+n)."""
        if i + 1 >= len(spans) or words[i + 1] not in self.first_len:
            return False
        return any(m >= n for m, _ in self._matches_from(text, spans, words, i + 1, relaxed))


_LEXICONS: dict[int, Lexicon] = {}
_LOCK = Lock()
_UNFREEZE_AT_EXIT: list[bool] = []


def lexicon_for(tables: ActorTables) -> Lexicon:
    """The lexicon of ``tables``, built once per tables object."""
    with _LOCK:
        lex = _LEXICONS.get(id(tables))
        if lex is None or lex.tables is not tables:
            lex = _LEXICONS[id(tables)] = Lexicon(tables)
            # The tables and the lexicon are a few hundred thousand objects that live as
            # long as the process: moved out of the collector's sight, full collections
            # (triggered by the many short-lived pieces of a scan) no longer walk them.
            gc.freeze()
            if not _UNFREEZE_AT_EXIT:
                # give them back at exit, so that extension objects frozen with them are
                # still collected at shutdown
                atexit.register(gc.unfreeze)
                _UNFREEZE_AT_EXIT.append(True)
        return lex


@lru_cache(maxsize=4096)
def _segment_cached(lex_id: int, text: str, relaxed: bool) -> Sentence:
    return _LEXICONS[lex_id].segment(text, relaxed=relaxed)


def segment(lex: Lexicon, text: str, *, relaxed: bool = False) -> Sentence:
    """Pieces of ``text``, cached: a sentence is cut once however many mentions it has."""
    return _segment_cached(id(lex.tables), text, relaxed)
