"""Claims that are not events: who manages a relationship between two states,
and what the parties call it.  A newer claim on the same subject supersedes
older ones (a 2017 annotation naming new managers replaces a 2016 guess).

Subjects are ``manager:<A>-<B>`` and ``label:<A>-<B>`` with the two ISO3 codes
sorted, so claims from any article about the same dyad compete.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from spacy.tokens import Span

from blocwatch.events.modality import modality_of
from blocwatch.models import Claim, Evidence

if TYPE_CHECKING:
    from blocwatch.events.extract import ActorSpan

_MANAGE = re.compile(r"\b(manag(?:e|es|ed|ing|ement|er|ers)|in charge of|handl(?:e|es|ed|ing)|"
                     r"oversee(?:s|ing)?|oversaw|responsible for|point (?:man|person)|"
                     r"conduct(?:s|ed)? (?:these|the) contacts)\b", re.I)
_RELATION = re.compile(r"\b(relations?|relationship|ties|contacts)\b", re.I)
_LABEL = re.compile(
    r"\b((?:(?:comprehensive|grand|all-round|all-weather|special|global|privileged|"
    r"strategic|close|ironclad|military|defence|defense|formal|de facto|undeclared)[ -])*"
    r"(?:partnership|alliance|partners|allies|friendship|special relationship))\b", re.I)


_NAMING = re.compile(r"\b(call(?:s|ed|ing)?|describ\w*|label\w*|term(?:s|ed)?|refer\w* to|"
                     r"known as|see each other as|regard\w* each other as)\b", re.I)
_BACK_REFERENCE = re.compile(r"\b(they|their|them|the two (?:countries|sides|governments|"
                             r"leaders|states)|both (?:countries|sides|governments))\b", re.I)
CLAIM_WORDS = frozenset({"partnership", "alliance", "allies", "partners", "manages",
                              "management", "managed", "handles", "oversees", "charge"})


@dataclass(frozen=True)
class SupersededClaim:
    claim: Claim
    superseded_by: int | None  # index in the list given to `supersede`


def _dyad(countries: list[str]) -> tuple[str, str] | None:
    distinct = sorted(dict.fromkeys(c for c in countries if c))
    if len(distinct) < 2:
        return None
    return distinct[0], distinct[1]


def extract_claims(sent: Span, index: dict[int, ActorSpan], when: date | None,
                   evidence: Evidence, context_dyad: tuple[str, str] | None = None
                   ) -> list[Claim]:
    """Manager and label claims stated in one parsed sentence.  ``context_dyad``
    is the pair the preceding sentences were about, used when this one refers
    to them as "they" or "the two countries"."""
    text = sent.text
    manage = _MANAGE.search(text)
    if manage is None and _LABEL.search(text) is None:
        return []
    actors = {}
    for i in range(sent.start, sent.end):
        if i in index:
            actors[index[i].start] = index[i]
    countries = [a.actor.country for a in actors.values() if a.actor.country]
    dyad = _dyad(countries)
    if dyad is None and context_dyad is not None and _BACK_REFERENCE.search(text):
        dyad = context_dyad
    out: list[Claim] = []
    if dyad and manage and _RELATION.search(text):
        cue = sent.doc[sent.start:sent.end].char_span(manage.start(), manage.end(),
                                                      alignment_mode="expand")
        mod = modality_of(sent, cue.root if cue is not None else sent.root)
        doc = sent.doc
        for a in actors.values():
            if a.actor.kind != "person":
                continue
            # "Putin's chief of staff": a possessor names whose man it is, not the manager.
            if doc[a.end - 1].dep_ == "poss" or (a.end < len(doc) and doc[a.end].text in
                                                 ("'s", "’s")):
                continue
            out.append(Claim(
                subject=f"manager:{dyad[0]}-{dyad[1]}", predicate="manages",
                value=a.actor.name or a.text, dyad=dyad, modality=mod.modality,
                confidence=mod.confidence, date=when, evidence=evidence,
                holder=mod.speaker,
            ))
    if dyad:
        for m in _LABEL.finditer(text):
            value = m.group(1).lower()
            # Only "partnership" names are labels by themselves; "alliance",
            # "allies" and the like are a label when someone calls the pair so.
            if "partnership" not in value and "strategic" not in value and \
                    not _NAMING.search(text):
                continue
            cue = sent.doc.char_span(sent.start_char + m.start(), sent.start_char + m.end(),
                                     alignment_mode="expand")
            mod = modality_of(sent, cue.root if cue is not None else sent.root)
            out.append(Claim(
                subject=f"label:{dyad[0]}-{dyad[1]}", predicate="label", value=value,
                dyad=dyad, modality=mod.modality, confidence=mod.confidence, date=when,
                evidence=evidence, holder=mod.speaker,
            ))
    return out


def supersede(claims: list[Claim]) -> list[SupersededClaim]:
    """Mark each claim superseded by the earliest claim on the same subject that
    is dated later (label claims compete per value: a dyad can carry several labels
    at once, but the same label restated later replaces the old statement)."""
    out: list[SupersededClaim] = []
    for i, claim in enumerate(claims):
        newer = None
        for j, other in enumerate(claims):
            if j == i or other.subject != claim.subject:
                continue
            if claim.predicate == "label" and other.value != claim.value:
                continue
            if other.date is None or claim.date is None or other.date <= claim.date:
                continue
            if newer is None or other.date < claims[newer].date:
                newer = j
        out.append(SupersededClaim(claim, newer))
    return out


def current(claims: list[Claim]) -> list[Claim]:
    """The claims nothing supersedes."""
    return [s.claim for s in supersede(claims) if s.superseded_by is None]

