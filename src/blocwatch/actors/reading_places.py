"""Reading places, issues and seats: the part of a mention's reading that
decides whether a name is where something happens (or what it is about)
rather than who acts.  Mixed into `resolve._Reader`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from blocwatch.actors.lexicon import Lexicon, Piece, Sentence, segment
from blocwatch.actors.tables import ActorTables
from blocwatch.actors.titles import (
    ISSUE_LINKS,
    ISSUE_NOUNS,
    ISSUE_NOUNS_AFTER,
    LOCATIVE,
    MOTION_WORDS,
    PLACE_NOUNS,
    SUBNATIONAL_CUES,
)
from blocwatch.models import Actor

_POSSESSIVE = frozenset({"'s", "’s"})


class PlaceReading:
    """Methods of `resolve._Reader` about places; the attributes are the reader's."""

    __slots__ = ()

    lex: Lexicon
    tables: ActorTables
    sentence: Sentence
    all: tuple[Piece, ...]
    lo: int
    mine: tuple[Piece, ...]
    when: date | None
    cue_text: str | None
    sector_noun: Callable[[], str | None]

    def _locative(self, piece: Piece) -> bool:
        i = self.sentence.position(piece, self.lo)
        if i + 1 < len(self.all) and self.all[i + 1].lower in _POSSESSIVE:
            return False  # "in Russia's case": the country is the possessor
        j = i - 1
        while j >= 0 and self.all[j].lower in {"the"}:
            j -= 1
        if j < 0:
            return False
        word, before = self.all[j].lower, self.all[j - 1].lower if j else ""
        return word in LOCATIVE or (word == "to" and before in MOTION_WORDS) \
            or (word == "of" and before in PLACE_NOUNS)

    def _place_actor(self, text: str, country: str | None, how: str) -> Actor:
        return Actor(kind="place", country=country or None, name=text, matched_by=how,
                     reason="a place where something happens, not an actor")

    def _place(self, piece: Piece) -> Actor:
        entry = next(e for e in piece.entries if e.type == "place")
        issue = self._issue(piece)
        if issue is not None:
            return self._issue_actor(piece.text, entry.value or None, issue)
        return self._place_actor(piece.text, entry.value or None, f"place:{entry.extra}")

    def _issue(self, piece: Piece) -> str | None:
        """The issue noun whose object ``piece`` is ("unification with Taiwan",
        "the annexation of Crimea", "Taiwan's status", "the Taiwan question"), if any."""
        i = self.sentence.position(piece, self.lo)
        j = i - 1
        while j >= 0 and self.all[j].lower == "the":
            j -= 1
        if j >= 1 and self.all[j].lower in ISSUE_LINKS and self.all[j - 1].lower in ISSUE_NOUNS:
            return self.all[j - 1].lower
        k = i + 1
        if k < len(self.all) and self.all[k].lower in _POSSESSIVE:
            k += 1
        if k < len(self.all) and self.all[k].lower in ISSUE_NOUNS_AFTER:
            return self.all[k].lower
        return None

    def _issue_actor(self, text: str, country: str | None, noun: str) -> Actor:
        return Actor(kind="place", country=country or None, name=text, matched_by=f"issue:{noun}",
                     reason="issue")

    def _seat_igo(self, piece: Piece) -> Actor:
        """A city that seats organisations ("Brussels") acting as an agent is one of
        them: the one the sentence names, the alliance when the sentence is about an
        alliance, else the one that is not an alliance."""
        seated = self.tables.igo_seats[piece.lower]
        named = {e.value for p in self.all for e in p.entries if e.type == "igo"} & set(seated)
        alliance_talk = any(p.lower in {"alliance", "allies", "allied", "alliance's"} for p in self.all)
        alliances = [c for c in seated if self.tables.igos[c].kind == "alliance"]
        others = [c for c in seated if c not in alliances]
        for choice in (named, alliances if alliance_talk else (), others):
            if len(choice) == 1:
                code = next(iter(choice))
                igo = self.tables.igos[code]
                return Actor(kind="igo", code=code, name=igo.name, matched_by="seat-metonym",
                             members=self.tables.members_on(code, self.when),
                             reason=f"{piece.text} stands for the {igo.name}")
        return Actor(kind="unresolved", name=piece.text,
                     reason=f"ambiguous: {piece.text!r} could be " + " or ".join(sorted(seated)))

    def _ambiguous(self, piece: Piece) -> Actor:
        states = piece.values("ambiguous")
        places = {e.value for e in piece.entries if e.type == "place" and e.value}
        own_name = any(piece.lower == self.tables.countries[c].name.lower() for c in states
                       if c in self.tables.countries)
        if len(states) == 1 and not own_name:
            # a longer name holding a state's name ("South China Sea", "Washington state")
            if places:
                return self._place(piece)
            return self._place_actor(piece.text, None, "blocked-name")
        cues = self._context_countries(piece)
        words = (self.cue_text or " ".join(p.lower for p in self.all)).lower()
        subnational = any(cue in words for cue in SUBNATIONAL_CUES)
        if places and (subnational or cues & places) and not cues & states:
            return self._place_actor(piece.text, next(iter(places & cues or places)), "ambiguous+context")
        chosen = cues & states
        if len(chosen) == 1 and not subnational:
            country = next(iter(chosen))
            if self._locative(piece):
                return self._place_actor(piece.text, country, "ambiguous+context+locative")
            sector = self.sector_noun()
            return Actor(kind="state", code=country + (sector or ""), country=country, sector=sector,
                         name=self.tables.countries[country].name, matched_by="ambiguous+context")
        return Actor(kind="unresolved", name=piece.text,
                     reason=f"ambiguous: {piece.text!r} could be " + " or ".join(sorted(states | places))
                     + "; it needs its qualifier or context")

    def _context_countries(self, piece: Piece) -> set[str]:
        others: tuple[Piece, ...]
        if self.cue_text:
            others = segment(self.lex, self.cue_text)
        else:
            others = tuple(p for p in self.all if p is not piece)
        found: set[str] = set()
        for p in others:
            if p.is_country:
                found |= p.values("country", "capital", "seat", "demonym", "adjective")
            for e in p.entries:
                if e.type == "place" and e.value and p.lower != piece.lower:
                    found.add(e.value)
                elif e.type == "group":
                    found.update(self.tables.groups[e.value].members)  # "the South Caucasus"
        return found
