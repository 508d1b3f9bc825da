"""References within one document, resolved conservatively.

- a surname after the full name ("Xi Jinping ... Xi"), when one person of the
  document has that surname;
- "the two leaders", "both countries", "the two allies", "the two Presidents":
  the two people or states most recently named, when exactly two stand out;
- "he"/"she" after a single person in the previous sentence, with no other
  person named before it in its own sentence; "they" only after a single
  plural antecedent (a group, an organisation, "the Russians").

Anything less clear is left alone: a missing link costs less than a wrong one.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections import Counter
from dataclasses import replace
from datetime import date
from operator import attrgetter

from blocwatch.actors.tables import ActorTables
from blocwatch.models import Actor, Mention

_PEOPLE_NOUNS = r"leaders|presidents|heads of state|prime ministers|foreign ministers|ministers|men|statesmen"
_STATE_NOUNS = r"countries|nations|states|governments|allies|powers|great powers|sides|capitals|neighbours|neighbors|partners"
_TWO = re.compile(
    rf"\b(?:[Tt]he two|[Bb]oth|[Tt]he 2|[Bb]oth the)\s+(?P<noun>{_PEOPLE_NOUNS}|{_STATE_NOUNS})\b",
    re.IGNORECASE,
)
_SINGULAR_PRONOUN = re.compile(r"\b(?:[Hh]e|[Ss]he|him|[Hh]is|[Hh]er)\b")
_PLURAL_PRONOUN = re.compile(r"\b(?:[Tt]hey|them|[Tt]heir)\b")
_ITS_ALLIES = re.compile(r"\b(?:its|their)\s+(?:allies|partners)\b", re.IGNORECASE)
_WINDOW = 2  # sentences before the reference searched for antecedents
_by_span = attrgetter("start", "end")


class _Taken:
    """Spans already holding a mention (they never overlap): O(log n) checks."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)

    def free(self, start: int, end: int) -> bool:
        k = bisect_right(self.spans, (start, float("inf")))
        if k and self.spans[k - 1][1] > start:
            return False
        return not (k < len(self.spans) and self.spans[k][0] < end)

    def add(self, start: int, end: int) -> None:
        insort(self.spans, (start, end))

    def remove(self, start: int, end: int) -> None:
        k = bisect_left(self.spans, (start, end))
        if k < len(self.spans) and self.spans[k] == (start, end):
            del self.spans[k]


def add_references(
    text: str,
    sentences: list[tuple[int, int]],
    mentions: list[Mention],
    *,
    article_id: str = "",
    passage_index: int | None = None,
    tables: ActorTables | None = None,
    when: date | None = None,
) -> list[Mention]:
    """``mentions`` plus the references that point back to them, in text order.
    With ``tables``, "its allies" after a state is that state's allies on ``when``."""
    if not mentions:
        return []  # every kind of reference below points back to a mention
    starts = [s for s, _ in sentences]

    def sentence_of(offset: int) -> int:
        return max(0, bisect_right(starts, offset) - 1)

    taken = _Taken([(m.start, m.end) for m in mentions])
    out = sorted(mentions, key=_by_span)

    def add(start: int, end: int, actor: Actor) -> None:
        out.append(Mention(article_id, start, end, text[start:end], actor, passage_index))
        taken.add(start, end)

    _surnames(text, out, taken.free, add)
    # "both Great Powers" names a loose group ("the great powers") but here
    # means the two just named: the reference wins over a member-less group
    vague: set[int] = set()
    low = text.lower()
    # the patterns below are searched only in texts holding their words: a plain
    # substring test costs far less than a case-blind scan with a regex
    pair_phrases = list(_TWO.finditer(text)) if ("both" in low or "the two" in low or "the 2" in low) \
        else []  # read here and by `_pairs`
    out_starts = [m.start for m in out] if pair_phrases else []
    for m in pair_phrases:
        k = max(0, bisect_right(out_starts, m.start()) - 1)
        while k < len(out) and out[k].start < m.end():
            x = out[k]
            if x.end > m.start() and x.actor.kind == "group" and not x.actor.members:
                vague.add(id(x))
                taken.remove(x.start, x.end)
            k += 1
    if vague:
        out = [x for x in out if id(x) not in vague]
    ordered = sorted(out, key=_by_span)
    if tables is not None and ("allies" in low or "partners" in low):
        _their_allies(text, ordered, sentence_of, taken.free, add, tables, when)
    _pairs(pair_phrases, ordered, starts, sentence_of, taken.free, add)
    _pronouns(text, sentences, ordered, sentence_of, taken.free, add)
    out.sort(key=_by_span)
    return out


def _person_key(actor: Actor) -> str | None:
    """The person an actor is: a person, or an organisation read from its head's name."""
    if actor.kind == "person" or (actor.kind == "igo" and actor.role):
        return actor.name or None
    return None


_CAPITALISED = re.compile(r"\b[A-Z][\w'’-]*\b")


def _surnames(text, out, free, add) -> None:  # type: ignore[no-untyped-def]
    by_surname: dict[str, dict[str, tuple[int, Actor]]] = {}
    for m in out:
        name = _person_key(m.actor)
        if name and len(name.split()) >= 2:
            by_surname.setdefault(name.split()[-1], {}).setdefault(name, (m.end, m.actor))
    settled = {surname: next(iter(people.values())) for surname, people in by_surname.items()
               if len(people) == 1}  # two people of the document sharing it: leave it
    if not settled:
        return
    for m in _CAPITALISED.finditer(text):
        found = settled.get(m.group(0))
        if found is not None and m.start() >= found[0] and free(m.start(), m.end()):
            add(m.start(), m.end(), _with(found[1], matched_by="coref:surname"))
    # an ambiguous bare surname that the document settles
    for i, m in enumerate(out):
        found = settled.get(m.text)
        if found is not None and m.actor.kind == "unresolved" and m.start >= found[0]:
            out[i] = Mention(m.article_id, m.start, m.end, m.text,
                             _with(found[1], matched_by="coref:surname"), m.passage_index)


def _with(actor: Actor, **changes: object) -> Actor:
    return replace(actor, **changes)  # type: ignore[arg-type]


def _pairs(phrases, mentions, sentence_starts, sentence_of, free, add) -> None:  # type: ignore[no-untyped-def]
    """``phrases`` are the `_TWO` matches of the text; ``mentions`` are in text order."""
    if not phrases:
        return
    mention_starts = [x.start for x in mentions]
    for m in phrases:
        start, end = m.span()
        if not free(start, end):
            continue
        k = sentence_of(start)
        first = bisect_left(mention_starts, sentence_starts[max(0, k - _WINDOW)])
        last = bisect_right(mention_starts, start)
        window = [x for x in mentions[first:last] if x.end <= start]
        noun = m.group("noun").lower()
        people = re.fullmatch(_PEOPLE_NOUNS, noun) is not None
        if people:
            counts = Counter(x.actor.name for x in window if _person_key(x.actor))
            actors = {x.actor.name: x.actor for x in window if _person_key(x.actor)}
        else:
            counts = Counter(x.actor.country for x in window
                             if x.actor.country and x.actor.kind in {"state", "person"})
            actors = {}
        pair = _two_that_stand_out(counts)
        if pair is None:
            continue
        if people:
            members = tuple(sorted({actors[p].country for p in pair if actors[p].country}))
            name = " and ".join(sorted(pair))
        else:
            members = tuple(sorted(pair))
            name = " and ".join(members)
        if len(members) != 2:
            continue
        add(start, end, Actor(kind="group", code="+".join(members), name=name, members=members,
                              matched_by="coref:pair", reason=f"{m.group(0)!r} refers back to {name}"))


def _their_allies(text, mentions, sentence_of, free, add, tables, when) -> None:  # type: ignore[no-untyped-def]
    """"the US and its allies": the state named just before, in the same sentence."""
    phrases = list(_ITS_ALLIES.finditer(text))
    if not phrases:
        return
    starts = [x.start for x in mentions]
    for m in phrases:
        if not free(*m.span()):
            continue
        k = bisect_left(starts, m.start()) - 1
        if k < 0:
            continue
        before = mentions[k]
        iso3 = before.actor.country
        if before.actor.kind != "state" or iso3 is None or sentence_of(before.start) != sentence_of(m.start()):
            continue
        code = tables.allies_group(iso3) or f"{iso3}ALLIES"
        name = tables.groups[code].name if code in tables.groups else f"allies of {tables.countries[iso3].name}"
        add(m.start(), m.end(), Actor(kind="group", code=code, name=name, members=tables.allies_of(iso3, when),
                                      matched_by="coref:allies", reason=f"{m.group(0)!r} of {iso3}"))


def _two_that_stand_out(counts: Counter) -> tuple[str, str] | None:
    ranked = counts.most_common()
    if len(ranked) < 2:
        return None
    if len(ranked) > 2 and ranked[2][1] >= ranked[1][1]:
        return None  # a third candidate is as likely: do not guess
    return ranked[0][0], ranked[1][0]


def _pronouns(text, sentences, mentions, sentence_of, free, add) -> None:  # type: ignore[no-untyped-def]
    by_sentence: dict[int, list[Mention]] = {}
    for x in mentions:
        by_sentence.setdefault(sentence_of(x.start), []).append(x)
    # only a sentence after one with mentions can hold a reference back to them
    for k in sorted({j + 1 for j in by_sentence if j + 1 < len(sentences)}):
        s0, s1 = sentences[k]
        previous = by_sentence[k - 1]
        people = {x.actor.name: x.actor for x in previous if _person_key(x.actor)}
        if len(people) == 1 and not any(x.actor.kind == "unresolved" and x.actor.name for x in previous):
            here = by_sentence.get(k, [])
            actor = next(iter(people.values()))
            for m in _SINGULAR_PRONOUN.finditer(text, s0, s1):
                if any(x.start < m.start() and (_person_key(x.actor) or x.actor.kind == "unresolved") for x in here):
                    break
                if free(*m.span()):
                    add(m.start(), m.end(), _with(actor, matched_by="coref:pronoun"))
        if len(previous) != 1:
            continue  # "They" refers back only to a sentence of one mention
        plural = [x for x in previous if x.actor.kind in {"group", "igo"}
                  or (x.actor.kind == "state" and x.actor.matched_by == "demonym" and x.text.endswith("s"))]
        if len(plural) == 1:
            # only a sentence-initial "They": later ones too often mean things, not actors
            m = _PLURAL_PRONOUN.match(text, s0 + len(text[s0:s1]) - len(text[s0:s1].lstrip()))
            if m and m.group(0)[0].isupper() and free(*m.span()):
                add(m.start(), m.end(), _with(plural[0].actor, matched_by="coref:pronoun"))
