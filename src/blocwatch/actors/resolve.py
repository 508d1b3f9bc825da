"""One mention -> one `Actor`: a pure function of (mention, sentence, date).

The sentence is cut into pieces (`lexicon.segment`); the mention is widened to
its title and modifier words ("former US ambassador to Russia Michael McFaul"),
then read: a person is looked up with the role held on the date, a title
without a name is whoever held that office, a country adjective with a sector
noun is that country's sector.  Anything unknown or ambiguous stays
``unresolved`` with a reason: a wrong confident answer is worse than none.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date

from blocwatch.actors.lexicon import COUNTRY_TYPES, Lexicon, Piece, Sentence, lexicon_for, segment
from blocwatch.actors.reading_groups import GroupReading
from blocwatch.actors.reading_places import PlaceReading
from blocwatch.actors.tables import ActorTables, Spell, active_on, load_tables, name_key
from blocwatch.actors.titles import (
    AFFILIATION_PREFIXES,
    AFFILIATION_SUFFIXES,
    CALENDAR_WORDS,
    COALITION_NOUNS,
    DETERMINERS,
    EVENT_NOUNS,
    INSTITUTION_WORDS,
    LEADER_SUFFIXES,
    NON_STATE_SECTORS,
    PLURAL_TITLES,
    SINGLE_HOLDER_ROLES,
    TITLES,
    UNION_NOTE_WORDS,
    role_rank,
)
from blocwatch.models import Actor

_POSSESSIVE = frozenset({"'s", "’s"})
_NUMBER = re.compile(r"^\d[\d,.]*$")
_ISO2 = re.compile(r"^[A-Z]{2}$")


@dataclass(frozen=True, slots=True)
class Resolution:
    """An actor and the span (offsets in the sentence) it was read from."""

    actor: Actor
    start: int
    end: int


def resolve(
    text: str,
    *,
    date: date | None = None,
    context: str | None = None,
    tables: ActorTables | None = None,
) -> Actor:
    """Resolve a mention; ``context`` is its sentence, ``date`` the article's date.

    Without a date, roles are those still held in the tables (no end date).
    """
    tables = tables if tables is not None else load_tables()
    text = text.strip()
    if not text:
        return Actor(kind="unresolved", reason="empty mention")
    if context:
        at = _find_mention(context, text, tables)
        if at >= 0:
            return resolve_span(context, at, at + len(text), date, tables=tables).actor
    actor = resolve_span(text, 0, len(text), date, tables=tables, cue_text=context).actor
    if actor.kind == "unresolved" and _ISO2.match(text) and (not context or context.strip() == text):
        # a bare upper-case pair that names nothing else is an ISO code ("IR" is Iran)
        return _from_iso2(text, tables)
    return actor


def _find_mention(context: str, text: str, tables: ActorTables) -> int:
    """Where ``text`` stands in its sentence as a phrase of its own: "Sudan" in
    "South Sudan split from Sudan" is the second one.  -1 if it is not there."""
    found = [m.start() for m in re.finditer(rf"(?<!\w){re.escape(text)}(?!\w)", context, re.IGNORECASE)]
    if not found:
        return -1
    pieces = segment(lexicon_for(tables), context)
    for at in found:
        end = at + len(text)
        if all(p.start >= at and p.end <= end for p in pieces if p.start < end and p.end > at):
            return at
    return found[0]


def resolve_span(
    sentence: str,
    start: int,
    end: int,
    when: date | None,
    *,
    tables: ActorTables | None = None,
    cue_text: str | None = None,
) -> Resolution:
    """Resolve the mention at ``sentence[start:end]``, widened to its whole phrase."""
    tables = tables if tables is not None else load_tables()
    lex = lexicon_for(tables)
    return resolve_in_pieces(lex, sentence_pieces(lex, sentence), start, end, when, cue_text=cue_text)


def sentence_pieces(lex: Lexicon, sentence: str) -> Sentence:
    """The pieces of a sentence, cut once (the scanner keeps them for all its mentions)."""
    relaxed = sentence == sentence.lower()  # typed all in lower case: keep names
    return segment(lex, sentence, relaxed=relaxed)


def resolve_in_pieces(
    lex: Lexicon, pieces: Sentence, start: int, end: int, when: date | None,
    *, cue_text: str | None = None,
) -> Resolution:
    """`resolve_span` on a sentence already cut into pieces.

    A pure function of its arguments (the pieces are a function of the sentence's
    text), so the answer is kept on the sentence and a repeated call costs a lookup."""
    memo = pieces.resolved
    key = (id(lex), start, end, when, cue_text)
    found = memo.get(key)
    if found is None:
        found = memo[key] = _read_pieces(lex, pieces, start, end, when, cue_text)
    return found  # type: ignore[no-any-return]


def _read_pieces(
    lex: Lexicon, pieces: Sentence, start: int, end: int, when: date | None, cue_text: str | None,
) -> Resolution:
    first = bisect_right(pieces.ends, start)  # the first piece ending after start
    last = first
    while last < len(pieces) and pieces[last].start < end:
        last += 1
    if last == first:
        return Resolution(Actor(kind="unresolved", reason="no words in the mention"), start, end)
    plain = pieces.plain
    lo, hi = _widen(plain, first, last)
    actor = _Reader(lex, pieces, lo, hi, when, cue_text).read()
    return Resolution(actor, plain[lo].start, plain[hi - 1].end)


def _from_iso2(code: str, tables: ActorTables) -> Actor:
    iso3 = tables.iso2.get(code)
    if iso3 is None:
        return Actor(kind="unresolved", reason=f"{code} is not an ISO 3166 two-letter code")
    return Actor(kind="state", code=iso3, country=iso3, name=tables.countries[iso3].name,
                 matched_by="iso2")


# ---------------------------------------------------------------- widening


_MODIFIER_TYPES = frozenset({"former", "then", "secmod"})


def _is_title(p: Piece) -> bool:
    return "title" in p.types


def _is_modifier(p: Piece) -> bool:
    return not p.types.isdisjoint(_MODIFIER_TYPES)


def _is_det(p: Piece) -> bool:
    low = p.lower
    # the pattern is only tried on what starts with a digit: most words do not
    return low in DETERMINERS or (low[:1].isdigit() and _NUMBER.match(low) is not None)


def _widen(pieces: tuple[Piece, ...], lo: int, hi: int) -> tuple[int, int]:
    """Grow [lo, hi) to the titles, modifiers and sector nouns of the phrase."""
    while lo > 0:
        step = _left_step(pieces, lo)
        if not step:
            break
        lo -= step
    while hi < len(pieces):
        step = _right_step(pieces, hi)
        if not step:
            break
        hi += step
    return lo, hi


# The only unknown words that may join a phrase (besides determiners and names):
# most words of a sentence are none of these, and the steps below stop at once.
_LEFT_LINKS = _POSSESSIVE | {"-", "‑", "to", "of", "the"} | AFFILIATION_SUFFIXES
_RIGHT_LINKS = _POSSESSIVE | {"-", "to", "of"} | COALITION_NOUNS


def _left_step(pieces: tuple[Piece, ...], lo: int) -> int:
    """How many pieces before ``lo`` belong to the phrase (0: none)."""
    prev, cur = pieces[lo - 1], pieces[lo]
    if not prev.types and prev.lower not in _LEFT_LINKS and not _is_det(prev):
        return 0
    before = pieces[lo - 2] if lo >= 2 else None
    if _is_title(prev) or _is_modifier(prev):
        return 1  # "President Xi", "former ..."
    if prev.is_country and (_is_title(cur) or cur.has("sector", "person", "surname", "ally")):
        return 1  # "Chinese President", "Russian warplanes"
    if "igo" in prev.types and _is_title(cur):
        return 1  # "NATO Secretary General ..."
    if prev.lower in _POSSESSIVE and before is not None and (
        before.is_country or before.has("person", "surname")
    ) and (_is_title(cur) or cur.has("sector", "ally") or _is_det(cur)):
        return 2  # "Russia's ambassador"
    if prev.text in {"-", "‑"} and before is not None and before.has("former", "then"):
        return 2  # "ex-President"
    if prev.text == "-" and before is not None and before.lower in AFFILIATION_PREFIXES and cur.is_country:
        return 2  # "pro-Russia"
    if prev.lower in AFFILIATION_SUFFIXES and before is not None and before.text == "-" and lo >= 3 \
            and pieces[lo - 3].is_country:
        return 3  # "Russian-backed"
    if cur.is_country and prev.lower in {"to", "of"} and before is not None and _is_title(before):
        return 2  # "ambassador to Russia"
    if cur.is_country and prev.lower == "the" and lo >= 3 and pieces[lo - 2].lower in {"to", "of"} \
            and _is_title(pieces[lo - 3]):
        return 3  # "ambassador to the United States"
    if _is_det(prev) and "then" not in cur.types:
        return 1
    return 0


def _right_step(pieces: tuple[Piece, ...], hi: int) -> int:
    """How many pieces from ``hi`` on belong to the phrase (0: none)."""
    n = len(pieces)
    last, cur = pieces[hi - 1], pieces[hi]
    if not cur.types and not cur.is_name_like and cur.lower not in _RIGHT_LINKS and not _is_det(cur):
        return 0
    nxt = pieces[hi + 1] if hi + 1 < n else None
    if "sector" in cur.types and (last.is_country or last.has("igo", "group", "secmod", "title", "sector")):
        return 1  # "Chinese officials", "Pakistani Army"
    if (_is_title(cur) or "ally" in cur.types) and (last.is_country or last.lower in _POSSESSIVE):
        return 1  # "Chinese President", "US allies"
    if _is_title(cur) and "igo" in last.types:
        return 1  # "the NATO secretary-general"
    if last.is_country and cur.text == "-" and nxt is not None and nxt.lower in LEADER_SUFFIXES:
        return 2  # "Saudi-led"
    if last.lower in LEADER_SUFFIXES and cur.lower in COALITION_NOUNS and hi >= 2 and pieces[hi - 2].text == "-":
        return 1  # "... coalition"
    if cur.has("person", "surname") and _is_title(last):
        return 1
    if cur.is_name_like and _is_title(last) and (last.text[:1].isupper() or last.lower not in PLURAL_TITLES):
        return 1  # "Senator Smith", "colleague Ann ..."
    if (cur.is_name_like or cur.has("person", "surname")) and last.is_name_like and hi >= 2 \
            and _is_title(pieces[hi - 2]):
        return 1  # "... Ann Lee", "president Mahmud Abbas"
    if cur.lower in _POSSESSIVE and last.is_country and nxt is not None and (
        _is_title(nxt) or nxt.has("sector", "ally") or _is_det(nxt)
    ):
        return 1
    if _is_det(cur) and last.lower in _POSSESSIVE and nxt is not None and (_is_title(nxt) or "sector" in nxt.types):
        return 1  # "Russia's top diplomat"
    link = _is_title(last) or last.has("person", "surname") or last.is_name_like
    if cur.lower in {"to", "of"} and nxt is not None and link:
        if nxt.is_country:
            return 2  # "President of Russia", "Xi Jinping of China"
        if nxt.lower == "the" and hi + 2 < n and pieces[hi + 2].is_country:
            return 3
        if _is_title(last) and "igo" in nxt.types:
            return 2  # "Secretary-General of NATO"
        if _is_title(last) and nxt.lower == "the" and hi + 2 < n and "igo" in pieces[hi + 2].types:
            return 3
    if cur.lower == "of" and nxt is not None and "sector" in last.types and nxt.text[:1].isupper():
        step = 2  # "Ministry of Commerce"
        while hi + step < n and pieces[hi + step].text[:1].isupper() and pieces[hi + step].text.isalpha():
            step += 1
        return step
    return 0


# ---------------------------------------------------------------- reading


class _Reader(PlaceReading, GroupReading):
    """Reads the pieces [lo, hi) of a sentence as one actor."""

    # one reader per mention read: slots make it cheaper to build and to ask
    __slots__ = ("_appositive", "_sector", "_sector_read", "affiliation", "all", "borrowed", "countries",
                 "cue_text", "former", "hi", "host", "leader", "lex", "lo", "mine", "secmod", "sentence",
                 "tables", "then", "types", "when")

    def __init__(
        self, lex: Lexicon, pieces: Sentence, lo: int, hi: int,
        when: date | None, cue_text: str | None,
    ) -> None:
        self.lex = lex
        self.tables = lex.tables
        self.sentence = pieces
        self.all = pieces.plain
        self.lo, self.hi = lo, hi
        self.mine = pieces[lo:hi]
        self.when = when
        self.cue_text = cue_text
        mine = self.mine
        self.types: frozenset[str] = mine[0].types if len(mine) == 1 else frozenset().union(*(p.types for p in mine))
        self.former = "former" in self.types
        self.then = "then" in self.types
        self.borrowed = False
        self.secmod = next((e.value for p in self.mine for e in p.entries if e.type == "secmod"), None) \
            if "secmod" in self.types else None
        self.countries: list[tuple[Piece, set[str]]] = []
        self.host: str | None = None
        self.affiliation: str | None = None
        self.leader: tuple[Piece, set[str]] | None = None
        self._sector: str | None = None
        self._sector_read = False
        self._appositive: tuple[Piece, ...] | None = None
        if not self.types.isdisjoint(COUNTRY_TYPES):
            self._sort_countries()

    # -- evidence -----------------------------------------------------------

    def _sort_countries(self) -> None:
        """Split country pieces into the actor's country and an ambassador's host."""
        for i, p in enumerate(self.mine):
            if not p.is_country:
                continue
            after = self.mine[i + 2].lower if i + 2 < len(self.mine) and self.mine[i + 1].text == "-" else ""
            if (i >= 2 and self.mine[i - 1].text == "-" and self.mine[i - 2].lower in AFFILIATION_PREFIXES) \
                    or after in AFFILIATION_SUFFIXES:
                self.affiliation = p.text  # "pro-Russia rebels": whose side, not whose citizens
                continue
            if after in LEADER_SUFFIXES and any(q.lower in COALITION_NOUNS for q in self.mine[i + 3:]):
                self.leader = (p, p.codes)
                continue  # "the Saudi-led coalition": led by the state, not the state
            codes = p.codes
            # Moscow was the Soviet capital too: prefer the state existing on the date
            existing = self.lex.existing_on(codes, self.when)
            if len(existing) > 1:
                # Moscow in 1985 is the Soviet Union's: a state that has since ended
                # was the one of record while it lasted
                ended = {c for c in existing if self.tables.countries[c].end is not None}
                existing = ended or existing
            codes = existing or codes
            k = i - 1
            while k >= 0 and self.mine[k].lower == "the":
                k -= 1  # "ambassador to the United States"
            before = self.mine[k].lower if k >= 0 else ""
            title_before = k >= 1 and _is_title(self.mine[k - 1])
            if before == "to" and title_before and self._title_role(self.mine[k - 1]) == "ambassador":
                if len(codes) == 1:
                    self.host = next(iter(codes))
                continue
            self.countries.append((p, codes))

    def _title_role(self, p: Piece) -> str | None:
        title = next((e.value for e in p.entries if e.type == "title"), None)
        return TITLES[title][0] if title else None

    def titles(self) -> list[tuple[str, str | None, str]]:
        """(title, role, sector) of the title pieces, head title last."""
        found: list[tuple[str, str | None, str]] = []
        appositive = self.appositive()
        if not appositive and "title" not in self.types:
            return found  # most mentions: no title piece to look through
        for p in self.mine + appositive:
            for e in p.entries:
                if e.type == "title":
                    role, sector = TITLES[e.value]
                    if role == "ambassador" and self.host:
                        role = f"ambassador:{self.host}"
                    found.append((e.value, role, sector))
        return found

    def appositive(self) -> tuple[Piece, ...]:
        """", a journalist" / ", the former ambassador" right after a name."""
        cached = self._appositive
        if cached is not None:
            return cached
        found: tuple[Piece, ...] = ()
        i = self.hi
        if i < len(self.all) and self.all[i].text == "," and any(
            p.has("person", "surname") or p.is_name_like for p in self.mine
        ):
            j = i + 1
            while j < len(self.all) and j - i < 8 and (
                _is_det(self.all[j]) or _is_modifier(self.all[j]) or self.all[j].is_country
                or self.all[j].lower in _POSSESSIVE or _is_title(self.all[j])
            ):
                j += 1
            span = self.all[i + 1:j]
            if any(_is_title(p) for p in span):
                found = span
                for k, p in enumerate(span):
                    if p.has("former"):
                        self.former = True
                    if p.is_country and not (k >= 1 and span[k - 1].lower == "to"):
                        self.countries.append((p, p.values("country", "demonym", "adjective")))
        self._appositive = found
        return found

    def country_codes(self) -> set[str]:
        codes: set[str] = set()
        for _, c in self.countries:
            codes |= c
        return codes

    def sector_noun(self) -> str | None:
        if not self._sector_read:
            self._sector, self._sector_read = self._find_sector(), True
        return self._sector

    def _find_sector(self) -> str | None:
        pieces = self.mine
        if len(pieces) > 1:
            # "Ministry of Economy, Trade and Industry": the noun before "of" is the head
            for i, p in enumerate(pieces):
                if p.lower == "of":
                    if any("sector" in q.types for q in pieces[:i]):
                        pieces = pieces[:i]
                    break
        sector: str | None = None  # the last sector word's
        dated_sectors = self.tables.dated_sectors
        for p in pieces:
            if not p.entries:
                continue
            low = p.lower
            key = low[4:] if low.startswith("the ") else low
            if key in dated_sectors:
                dated = self.tables.sector_on(key, self.when)
                if dated is not None:
                    sector = dated  # the Taliban governing Afghanistan
                    continue
            if "sector" in p.types:
                for e in p.entries:
                    if e.type == "sector":
                        sector = e.value
        if sector is not None:
            return sector
        return self._shared_sector()

    def weak_sector_only(self) -> bool:
        """Whether the only sector words are vague ones ("forces") that need a country."""
        entries = [e for p in self.mine for e in p.entries if e.type == "sector"]
        return bool(entries) and all(e.extra == "weak" for e in entries)

    def _shared_sector(self) -> str | None:
        """"the Russian and Chinese governments": the head noun serves both."""
        i = self.hi
        seen_country = False
        while i + 1 < len(self.all) and self.all[i].lower in {"and", ",", "or"} and self.all[i + 1].is_country:
            i += 2
            seen_country = True
        if seen_country and i < len(self.all) and self.all[i].has("sector"):
            return next(e.value for e in self.all[i].entries if e.type == "sector")
        return None

    # -- the answer ---------------------------------------------------------

    def read(self) -> Actor:
        if len(self.mine) == 1 and self.types <= COUNTRY_TYPES and self.countries:
            # One word or name of a state ("Russia", "Chinese", "the Kremlin"), most
            # mentions: no person, title, name or organisation to look for.
            return self._state()
        people = [i for i, p in enumerate(self.mine) if p.has("person", "surname")] \
            if not self.types.isdisjoint(("person", "surname")) else []
        persons = [self.mine[i] for i in people]
        possessors = {i for i, p in enumerate(self.mine)
                      if i + 1 < len(self.mine) and self.mine[i + 1].lower in _POSSESSIVE} \
            if len(self.mine) > 1 else set()
        heads = [self.mine[i] for i in people if i not in possessors]
        titles = self.titles()
        if heads and (titles or not heads[-1].is_country):
            return self._person(heads[-1], titles)
        for i in sorted(possessors):
            p = self.mine[i]
            if p.has("person", "surname"):
                # "Putin's chief of staff": the possessor lends the country
                spells = [s for name in p.values("person", "surname") for s in self.tables.spells[name]]
                on_date = [s for s in spells if (s.end is None if self.when is None
                                                 else active_on(s.start, s.end, self.when))]
                igos = {s.igo for s in on_date if s.igo}
                if titles and len(igos) == 1 and not any(s.iso3 for s in on_date):
                    # "Stoltenberg's spokesman" in 2016: NATO's
                    return self._igo_staff(next(iter(igos)), p, titles[-1])
                self.countries.append((p, {s.iso3 for s in spells if s.iso3}))
        if self.leader is not None:
            return self._coalition(*self.leader)
        unknown = self._unknown_name()
        if unknown and titles:
            return self._titled_stranger(unknown, titles)
        if "igo" in self.types and not persons:
            return self._igo(next(p for p in self.mine if p.has("igo")))
        if "group" in self.types:
            return self._group(next(p for p in self.mine if p.has("group")))
        if titles:
            return self._title_only(titles)
        sector = self.sector_noun()
        if sector and not self.countries and not any(p.has("ambiguous", "place") for p in self.mine):
            return self._sector_only(self.secmod or sector)
        if any(p.has("ally") for p in self.mine) and self.countries:
            return self._allies()
        if self.countries:
            return self._state()
        ambiguous = [p for p in self.mine if p.has("ambiguous")]
        places = [p for p in self.mine if p.has("place")]
        if ambiguous:
            return self._ambiguous(ambiguous[0])
        if places:
            return self._place(places[-1])
        if unknown:
            return Actor(kind="unresolved", name=unknown, reason="unknown name: not in the actor tables")
        text = " ".join(p.text for p in self.mine)
        return Actor(kind="unresolved", reason=f"no known actor in {text!r}")

    def _unknown_name(self) -> str | None:
        mine = self.mine
        if not (mine[0].is_name_like if len(mine) == 1 else any(p.is_name_like for p in mine)) \
                or self.sentence.headline:
            return None  # In A Headline Every Word Looks Like A Name
        run: list[Piece] = []
        for p in self.mine:
            if p.lower in INSTITUTION_WORDS:
                return None  # "the General Office": an institution, not a person
            if p.is_name_like and p.lower not in DETERMINERS and p.lower not in CALENDAR_WORDS:
                run.append(p)
            elif run:
                break
        return " ".join(p.text for p in run) if run else None

    # -- people ---------------------------------------------------------------

    def _person(self, piece: Piece, titles: list[tuple[str, str | None, str]]) -> Actor:
        candidates = piece.values("person", "surname")
        how = "name" if piece.has("person") else "surname"
        codes = self.country_codes()
        title_roles = {r.split(":")[0] for _, r, _ in titles if r}
        if len(candidates) > 1 and codes:
            same = {c for c in candidates if any(s.iso3 in codes for s in self.tables.spells[c])}
            candidates = same or candidates
        if len(candidates) > 1 and self.when is not None:
            active = {c for c in candidates if self.tables.spells_on(c, self.when)}
            candidates = active or candidates
        if len(candidates) > 1 and title_roles:
            fitting = {c for c in candidates
                       if any(s.role.split(":")[0] in title_roles for s in self.tables.spells[c])}
            candidates = fitting or candidates
        if len(candidates) > 1:
            return Actor(kind="unresolved", name=piece.text, matched_by=how,
                         reason=f"ambiguous: {piece.text!r} could be " + " or ".join(sorted(candidates)))
        person = next(iter(candidates))
        return self._person_on_date(person, how, title_roles)

    def _person_on_date(self, person: str, how: str, title_roles: set[str]) -> Actor:
        spells = self.tables.spells[person]
        when = self.when
        named = self.country_codes() | self.named_igos()

        def fits(s: Spell) -> bool:
            return s.role.split(":")[0] in title_roles and (
                self.host is None or s.role == f"ambassador:{self.host}" or not s.role.startswith("ambassador")
            )

        if self.then and (title_roles or named):
            # "then-NATO Secretary General ...": the organisation's office counts as the title's
            matching = [s for s in spells if (fits(s) or (s.igo and s.igo in named))
                        and (when is None or (s.start or date.min) <= when)]
            if matching:
                s = matching[-1]
                return self._person_actor(person, s, s.role, s.sector, f"then-{how}",
                                          reason="'then-' title: a role held earlier than the article's date")
        active = [s for s in spells if (when is None and s.end is None)
                  or (when is not None and active_on(s.start, s.end, when))]
        if active:
            chosen = self._one_office(active, named, fits)
            if isinstance(chosen, Actor):
                return chosen
            reason = None
            if self.former:
                reason = "'former' refers to an earlier role; this is the role held on the date"
            return self._person_actor(person, chosen, chosen.role, chosen.sector, f"{how}+date", reason=reason)
        past = [s for s in spells if s.end is not None and (when is None or s.end <= when)]
        if past:
            s = max(past, key=lambda s: ((s.igo or s.iso3) in named, fits(s), s.end or date.min, -role_rank(s.role)))
            held = f"{s.role} of {s.igo}" if s.igo else s.role
            country = s.iso3 or self.tables.nationality(person)
            return Actor(kind="person", code=country + "ELI" if country else None, country=country,
                         sector="ELI", role=f"former_{s.role}", name=person, matched_by=f"{how}+date",
                         reason=f"no role on the date: {held} until {s.end}")
        first = spells[0]
        country = first.iso3 or self.tables.nationality(person)
        return Actor(kind="person", code=country, country=country, name=person,
                     matched_by=f"{how}+date",
                     reason=f"holds no listed role on the date (first role {first.role} from {first.start})")

    def _one_office(self, active: list[Spell], named: set[str], fits) -> Spell | Actor:  # type: ignore[no-untyped-def]
        """The office a person holds on the date that the mention means: the named
        country's (or organisation's) first, then the title's, then the higher office.
        One role held in several states at once (a monarch of several realms) is the
        state the sentence names, else the one not held as a realm or personal union;
        if that still leaves several, the country stays open."""
        def rank(s: Spell) -> tuple[bool, bool, int]:
            return ((s.igo or s.iso3) not in named, not fits(s), role_rank(s.role))

        best = min(rank(s) for s in active)
        tied = [s for s in active if rank(s) == best]
        if len({s.igo or s.iso3 for s in tied}) == 1:
            return tied[0]
        context = self._sentence_countries()
        for keep in (lambda s: s.iso3 in context,
                     lambda s: not any(w in s.note.lower() for w in UNION_NOTE_WORDS)):
            narrowed = [s for s in tied if keep(s)]
            if narrowed and len({s.igo or s.iso3 for s in narrowed}) == 1:
                return narrowed[0]
            tied = narrowed or tied
        s = tied[0]
        places = ", ".join(sorted({x.igo or x.iso3 for x in tied}))
        return Actor(kind="person", sector=s.sector, role=s.role, name=s.name, matched_by="name+date",
                     reason=f"holds {s.role} in {places} at once; the mention does not say which")

    def _person_actor(self, person: str, spell: Spell, role: str, sector: str, how: str,
                      *, reason: str | None = None) -> Actor:
        if spell.igo:
            igo = self.tables.igos[spell.igo]
            return Actor(kind="igo", code=spell.igo, role=role, name=person, matched_by=how,
                         members=self.tables.members_on(spell.igo, self.when),
                         reason=reason or f"{role} of the {igo.name} on the date")
        code = spell.iso3 + sector if sector else spell.iso3
        return Actor(kind="person", code=code, country=spell.iso3, sector=sector or None,
                     role=role, name=person, matched_by=how, reason=reason)

    def _titled_stranger(self, name: str, titles: list[tuple[str, str | None, str]]) -> Actor:
        """A title and a name the tables lack: "Senator Smith", "my colleague Ann Lee"."""
        title, role, sector = titles[-1]
        country = self._one_country()
        if self.former:
            role, sector = (f"former_{role}" if role else None), "ELI"
        if country is None:
            if sector in NON_STATE_SECTORS:
                return Actor(kind="person", sector=sector, role=role, name=name, matched_by="title+name",
                             reason=f"{title}: not a state actor; no country given")
            return Actor(kind="unresolved", sector=sector, role=role, name=name, matched_by="title+name",
                         reason=f"no country for {title} {name}: the name is not in the actor tables")
        if country == "?":
            return Actor(kind="unresolved", name=name, reason="several countries in one mention")
        return Actor(kind="person", code=country + sector, country=country, sector=sector, role=role,
                     name=name, matched_by=self._how("title+country+name"),
                     reason="name not in the actor tables; country and sector from the title")

    def _title_only(self, titles: list[tuple[str, str | None, str]]) -> Actor:
        title, role, sector = titles[-1]
        country = self._one_country()
        if country is None or country == "?":
            why = "several countries in one mention" if country == "?" else f"no country for {title!r}"
            return Actor(kind="unresolved", sector=sector, role=role, reason=why)
        if self.secmod:
            sector = self.secmod
        plural = title in PLURAL_TITLES
        if self.former:
            return Actor(kind="group" if plural else "person", code=country + "ELI", country=country,
                         sector="ELI", role=f"former_{role}" if role else None,
                         matched_by=self._how("title+country"),
                         reason="former office holder: no government role on the date")
        base = (role or "").split(":")[0]
        if not plural and (base in SINGLE_HOLDER_ROLES or (role and role.startswith("ambassador:"))):
            holders = self.tables.holders(country, role, self.when)
            if len(holders) == 1:
                return self._person_on_date(holders[0], "title+country", {base})
        kind = "state" if plural or role in {None, "official", "legislator", "military_chief"} else "person"
        return Actor(kind=kind, code=country + sector, country=country, sector=sector,
                     role=role if not plural else None, matched_by=self._how("title+country"),
                     reason="country from the sentence" if self.borrowed else None)

    def _how(self, how: str) -> str:
        return how.replace("country", "context-country") if self.borrowed else how

    def _sector_only(self, sector: str) -> Actor:
        """"the Supreme Court", "the foreign ministry": a sector; the country only
        if the sentence names exactly one.  A named organisation that is only a
        sector ("Hamas", "the Taliban") belongs to no state."""
        named = next((p for p in self.mine
                      if p.has("sector") and name_key(p.text) in self.tables.proper_sector_nouns), None)
        if named is not None:
            return Actor(kind="group", sector=sector, name=named.text, matched_by="sector-name",
                         reason="a non-state organisation: no country")
        if self.weak_sector_only():
            return Actor(kind="unresolved", sector=sector, matched_by="sector",
                         reason="no country: 'forces' names a sector only after a country")
        if self.affiliation:
            return Actor(kind="unresolved", sector=sector, matched_by="sector",
                         reason=f"'{self.affiliation}' is the side they take, not their country")
        country = self._one_country()
        if country is None or country == "?":
            return Actor(kind="unresolved", sector=sector, matched_by="sector",
                         reason="no country: the mention names only a sector")
        return Actor(kind="state", code=country + sector, country=country, sector=sector,
                     name=self.tables.countries[country].name, matched_by="sector+context-country",
                     reason="country from the sentence")

    def _sentence_country(self) -> str | None:
        """The one country the rest of the sentence names, if exactly one."""
        found = self._sentence_countries()
        return next(iter(found)) if len(found) == 1 else None

    def _sentence_countries(self) -> set[str]:
        """The countries the rest of the sentence names (an organisation's seat,
        "officials in Brussels", names no country)."""
        found: set[str] = set()
        for i in self.sentence.country_at:
            if self.lo <= i < self.hi:
                continue
            p = self.all[i]
            if p.lower in self.tables.igo_seats and "capital" in p.types:
                continue
            codes = p.codes
            existing = self.lex.existing_on(codes, self.when)
            found |= existing or codes
        return found

    def named_igos(self) -> set[str]:
        return {e.value for p in self.mine for e in p.entries if e.type == "igo"} if "igo" in self.types else set()

    def _one_country(self) -> str | None:
        """The mention's country: None if none is named, "?" if several are.
        A mention naming none borrows the sentence's only country."""
        codes = [c for _, c in self.countries]
        if not codes:
            borrowed = self._sentence_country()
            if borrowed is not None:
                self.borrowed = True
            return borrowed
        flat = set().union(*codes)
        if len(flat) == 1:
            return next(iter(flat))
        return "?"

    # -- states, organisations, groups, places --------------------------------

    def _state(self) -> Actor:
        country = self._one_country()
        if country == "?":
            names = sorted(set().union(*(c for _, c in self.countries)))
            if len(self.countries) == 1:
                return Actor(kind="unresolved", reason=f"ambiguous: {self.countries[0][0].text!r} could be "
                             + " or ".join(names))
            return Actor(kind="unresolved", reason="several countries in one mention: " + ", ".join(names))
        assert country is not None
        piece = self.countries[-1][0]
        types = piece.types  # the types of its entries
        sector = self.sector_noun()
        # "Pashinyan's government": a person's possessive lends the country
        how = "possessor"
        for t in ("seat", "capital", "country", "adjective", "demonym"):
            if t in types:
                how = t
                break
        reason = None
        if self.secmod:
            sector = self.secmod
        elif self.former and sector:
            sector = "ELI"
        bare = [p for p in self.mine if not _is_det(p)]
        if sector is None and len(bare) == 1:
            issue = self._issue(piece)
            if issue is not None:
                return self._issue_actor(piece.text, country, issue)
        if sector is None and len(bare) == 1 and types & {"capital", "country", "seat"}:
            if self._locative(piece):
                return self._place_actor(piece.text, country, f"{how}+locative")
            if "seat" in types:
                # "US Congress", "Israel Defense Forces": the seat's own head noun may give the sector
                words = piece.lower.split()
                sector = next((self.tables.sector_nouns[k] for k in
                               (" ".join(words[i:]) for i in range(1, len(words)))
                               if k in self.tables.sector_nouns), None)
            if sector is None and types & {"capital", "seat"}:
                nxt = self.all[self.hi] if self.hi < len(self.all) else None
                if "capital" in types and nxt is not None and nxt.lower in EVENT_NOUNS:
                    return self._place_actor(piece.text, country, "capital+event")
                if "capital" in types and piece.lower in self.tables.igo_seats:
                    return self._seat_igo(piece)
                # a seat or a capital as the agent: "the Kremlin said", "Moscow warned"
                sector = "GOV"
                how = "capital-metonym" if "capital" in types else "seat"
        if not self.tables.country_on(country, self.when):
            c = self.tables.countries[country]
            reason = f"historical state (until {c.end})" if c.end else f"state from {c.start}"
        name = self.tables.countries[country].name
        return Actor(kind="state", code=country + (sector or ""), country=country, sector=sector,
                     name=name, matched_by=how + ("+sector" if sector and how not in {"seat", "capital-metonym"} else ""),
                     reason=reason)
