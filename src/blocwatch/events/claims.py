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

from blocwatch.actors.resolve import resolve
from blocwatch.events.modality import CONFIDENCE, Modality, modality_of
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
CLAIM_WORDS = frozenset({
    "partnership", "alliance", "allies", "ally", "allied", "partners", "partner", "manages",
    "management", "managed", "handles", "oversees", "charge", "friend", "friends",
    "friendship", "enemy", "enemies", "adversary", "adversaries", "foe", "foes", "rival",
    "rivals", "rivalry", "pitted", "pits", "pitting",
})


# -- relationship labels stated as names of the relation -----------------
#
# Texts mostly state alignments as labels: "X and its allies, especially A
# and B", "A, a US ally", "the two are old friends", "rivals", "pitted X
# against Y".  The rules below read them on the sentence with each actor
# mention replaced by a placeholder ``@N@``, so one pattern covers any
# state, leader or ministry.  Each match names its dyads and the label noun
# whose modality (negated, hypothetical, reported, ...) the claim carries.

_KIND_OF_NOUN: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^all(?:y|ies|iance|iances)$"), "ally"),
    (re.compile(r"^partners?$|^partnerships?$"), "partner"),
    (re.compile(r"^friends?$|^friendship$"), "friend"),
    (re.compile(r"^enem(?:y|ies)$|^adversar(?:y|ies)$|^foes?$"), "enemy"),
    (re.compile(r"^rivals?$|^rivalry$|^rivalries$|^competitors?$"), "rival"),
)
_NOUN = (r"(?P<noun>all(?:y|ies|iances?)|partners?|partnerships?|friends?|friendship|"
         r"enem(?:y|ies)|adversar(?:y|ies)|foes?|rivals?|rivalry|rivalries|competitors?)")
# Up to three lower-case modifiers ("old", "closest", "long-time", "strategic",
# "NATO" is a placeholder and may stand among them: "its NATO allies").
_MODS = r"(?P<mods>(?:(?:(?<![\w@-])[a-z][\w-]*|@\d+@) ){0,3}?)"
_ACTOR = r"@(?P<{0}>\d+)@"
_LIST = r"(?P<list>@\d+@(?:(?:,? and |, |,? or |,? as well as )@\d+@)*)"
_INTRO = r"(?:,? (?:especially|such as|including|like|notably|particularly|in particular|" \
         r"namely|above all|chiefly|mainly|among them)[,:]?|:|,| -| —)? "
_POSS = r"(?:'s|’s)"
_RELATIONAL_WORD = re.compile(
    r"\b(all(?:y|ies|iances?)|partners?|friends?|friendship|enem(?:y|ies)|adversar(?:y|ies)|"
    r"foes?|rivals?|rivalry|pit(?:s|ted|ting))\b", re.I)
_NEGATING = re.compile(r"\b(not|never|no longer|nor|neither|hardly)\b", re.I)

_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    # X and its allies, especially A and B / X's allies such as A and B
    ("owner-list", re.compile(
        _ACTOR.format("x") + r"(?:" + _POSS + r"| and (?:its|their|his|her))? " + _MODS
        + _NOUN + _INTRO + _LIST)),
    # X welcomed its BRICS partners A and B / X thanked US allies A and B
    ("subject-list", re.compile(
        _ACTOR.format("x") + r"(?: [a-z]+){1,4} (?:(?:its|their|his|her) )?" + _MODS
        + _NOUN + _INTRO + _LIST)),
    # the allies of X, such as A and B
    ("of-owner-list", re.compile(
        _MODS + _NOUN + r" of " + _ACTOR.format("x") + _INTRO + _LIST)),
    # A, a US ally / A and B, both close partners of X / A, X's closest ally
    ("apposition", re.compile(
        _LIST + r", (?:both |all |two |each )?(?:a |an |the |its |their |"
        + _ACTOR.format("x") + _POSS + r" )?" + _MODS + _NOUN
        + r"(?: of (?:the )?" + _ACTOR.format("y") + r")?(?=[,.;)]| and| who| which| that|$)")),
    # X and Y are old friends / X and Y remain rivals / as partners
    ("pair-copula", re.compile(
        _ACTOR.format("x") + r",? and (?:the )?" + _ACTOR.format("y")
        + r",? (?:(?:are|were|have been|had been|became|become|remain|remained|stay|stayed|"
          r"as|been|being|is|was)(?: (?:still|now|long|once|not|no longer|never|always|"
          r"increasingly|effectively|already|both|also))* )?(?:a |an )?" + _MODS + _NOUN)),
    # the alliance between X and Y / rivalry of X and Y / partnership with Y
    ("between", re.compile(
        _MODS + _NOUN + r"(?: [a-z]+){0,2}? (?:between|of|linking|uniting) (?:the )?"
        + _ACTOR.format("x") + r" and (?:the )?" + _ACTOR.format("y"))),
    # treating X and Y as partners / sees X as a rival
    ("treat-as", re.compile(
        r"\b(?:treat|see|regard|view|consider|call|describe|label|brand)\w* "
        + _ACTOR.format("x") + r"(?:,? and (?:the )?" + _ACTOR.format("y") + r")? as (?:a |an |its |their )?"
        + _MODS + _NOUN)),
    # X's ally Pakistan / America's rival China
    ("possessive", re.compile(
        _ACTOR.format("x") + _POSS + r" " + _MODS + _NOUN + r",? (?:the )?" + _ACTOR.format("y"))),
)
_PITTED = re.compile(r"\bpit(?:s|ted|ting)? " + _ACTOR.format("x") + r" against (?:the )?"
                     + _ACTOR.format("y") + r"|" + r"@(?P<x2>\d+)@ (?:is |was |are |were )?"
                     r"pitted against (?:the )?@(?P<y2>\d+)@")
# "treating them as partners": the pair the preceding sentences were about.
_BACK_LABELS = (
    re.compile(r"\b(?:treat|see|regard|view|consider|call|describe)\w* (?:them|each other|"
               r"one another|the two(?: countries| sides)?) as (?:a |an )?" + _MODS + _NOUN),
    re.compile(r"\b(?:they|the two(?: countries| sides| governments| leaders)?) (?:are|were|"
               r"have been|became|remain|remained)(?: (?:still|now|long|not|no longer|never|"
               r"both|also))* (?:a |an )?" + _MODS + _NOUN),
)


def _masked(sent: Span, index: dict[int, ActorSpan]) -> tuple[str, list[str | None], list[int]]:
    """(sentence with each actor replaced by @N@, country per N, char offset
    in the sentence of each character of the masked text).  A mention that is
    itself a label ("a US ally", "Britain's allies", read as a group) keeps its
    words, with the state named inside it masked: the group's members come
    from formal ties, which must not be read as what the text says."""
    text = sent.text
    spans = sorted({(a.char_start - sent.start_char, a.char_end - sent.start_char, id(a)): a
                    for i, a in index.items() if sent.start <= i < sent.end}.items())
    out: list[str] = []
    where: list[int] = []
    countries: list[str | None] = []
    pos = 0

    def emit(piece: str, start: int, end: int, country: str | None) -> None:
        tag = f"@{len(countries)}@"
        countries.append(country)
        out.append(tag)
        where.extend([start] * (len(tag) - 1) + [end - 1])

    for (start, end, _), actor in spans:
        if start < pos:
            continue
        out.append(text[pos:start])
        where.extend(range(pos, start))
        mention = text[start:end]
        word = _RELATIONAL_WORD.search(mention)
        if actor.actor.country is None and word is not None:
            owner = _OWNER.match(mention[:word.start()])
            country = _state_of(owner.group("name")) if owner and owner.group("name") else None
            if country is not None:
                a, b = owner.span("name")
                out.append(mention[:a])
                where.extend(range(start, start + a))
                emit(mention[a:b], start + a, start + b, country)
                out.append(mention[b:])
                where.extend(range(start + b, end))
            else:
                out.append(mention)
                where.extend(range(start, end))
        else:
            emit(mention, start, end,
                 actor.actor.country if actor.actor.kind in ("state", "person") else None)
        pos = end
    out.append(text[pos:])
    where.extend(range(pos, len(text)))
    return "".join(out), countries, where


_OWNER = re.compile(r"^(?:(?:a|an|the|its|their|his|her)\s+)?(?:[a-z-]+\s+)*?(?P<name>[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*)?"
                    r"(?:'s|’s)?\s+(?:[a-z-]+\s+)*$")


def _state_of(name: str) -> str | None:
    actor = resolve(name)
    return actor.country if actor.kind in ("state", "person") else None


def _kind(noun: str) -> str:
    noun = noun.lower()
    for pattern, kind in _KIND_OF_NOUN:
        if pattern.match(noun):
            return kind
    return noun


def _label_value(noun: str, mods: str) -> str:
    """"ally", "friend", "partner", "enemy", "rival"; a strategic or named
    partnership keeps its wording ("comprehensive strategic partnership")."""
    kind = _kind(noun)
    words = [w for w in mods.lower().split() if not w.startswith("@")]
    if kind == "partner" and ("strategic" in words or noun.lower().startswith("partnership")):
        keep = [w for w in words if w in ("comprehensive", "grand", "global", "strategic",
                                          "special", "privileged", "all-round", "all-weather")]
        return " ".join([*keep, "partnership"])
    return kind


def _label_modality(sent: Span, match_text: str, cue_start: int, cue_end: int):
    """The modality of the label noun, also negated when a verb governing
    it is ("I do not think they portend an alliance")."""
    doc = sent.doc
    cue = doc.char_span(sent.start_char + cue_start, sent.start_char + cue_end,
                        alignment_mode="expand")
    token = cue.root if cue is not None else sent.root
    mod = modality_of(sent, token)
    if mod.confidence == 0.0:
        return mod
    negated = _NEGATING.search(match_text) is not None
    head = token
    for _ in range(4):
        if head.head.i == head.i:
            break
        head = head.head
        if any(c.dep_ == "neg" or c.lower_ in ("never",) for c in head.children):
            negated = True
    if negated:
        return Modality("negated", CONFIDENCE["negated"], mod.speaker, "not")
    return mod


_MODIFIER_POS = frozenset({"ADJ", "NOUN", "PROPN", "ADV", "NUM"})


def _modifiers_ok(sent: Span, m: re.Match[str], where: list[int]) -> bool:
    """The words between determiner and label noun describe the noun ("old",
    "closest", "long-time", "NATO"): a verb or pronoun there means the regex
    has run across a clause ("X and Y warned their allies")."""
    if not m.group("mods").strip():
        return True
    start, end = where[m.start("mods")], where[m.end("mods") - 1] + 1
    span = sent.doc.char_span(sent.start_char + start, sent.start_char + end,
                              alignment_mode="expand")
    if span is None:
        return False
    return all(t.pos_ in _MODIFIER_POS or t.tag_ in ("VBN", "PRP$", "DT") or t.is_punct
               for t in span)


def relational_labels(sent: Span, index: dict[int, ActorSpan], when: date | None,
                      evidence: Evidence, context_dyad: tuple[str, str] | None = None
                      ) -> list[Claim]:
    """Label claims the sentence states by naming a relation (ally, friend,
    partner, enemy, rival), each for the dyads its wording links."""
    masked, countries, where = _masked(sent, index)
    found: list[tuple[tuple[str, str], str, str, int, int]] = []

    def country(tag: str | None) -> str | None:
        return countries[int(tag)] if tag is not None and int(tag) < len(countries) else None

    def add(a: str | None, b: str | None, value: str, m: re.Match[str]) -> None:
        if a and b and a != b and _modifiers_ok(sent, m, where):
            start, end = where[m.start("noun")], where[m.end("noun") - 1] + 1
            found.append((tuple(sorted((a, b))), value, m.group(0), start, end))

    for name, rule in _RULES:
        for first in rule.finditer(masked):
            m = first
            if not _modifiers_ok(sent, m, where) and rule.pattern.startswith("(?P<mods>"):
                # The words before the noun were not its modifiers: read the noun bare.
                m = rule.match(masked, m.start("noun")) or m
            value = _label_value(m.group("noun"), m.group("mods"))
            listed = [country(t) for t in re.findall(r"@(\d+)@", m.groupdict().get("list") or "")]
            if name in ("owner-list", "of-owner-list", "subject-list"):
                named = [country(t) for t in re.findall(r"@(\d+)@", m.group("mods"))]
                owner = next((o for o in named if o), None) or country(m.group("x"))
                for member in listed:
                    add(owner, member, value, m)
            elif name == "apposition":
                owners = [country(t) for t in (m.group("x"), m.group("y"))]
                owners += [country(t) for t in re.findall(r"@(\d+)@", m.group("mods"))]
                owner = next((o for o in owners if o), None)
                if owner:
                    for member in listed:
                        add(member, owner, value, m)
                elif len(listed) == 2 and m.group("noun").lower().endswith(("s", "ies")):
                    add(listed[0], listed[1], value, m)  # "A and B, old rivals,"
            elif name == "treat-as" and m.group("y") is None:
                continue  # "sees X as a rival": whose view is not in the pattern
            else:
                add(country(m.group("x")), country(m.group("y")), value, m)
    for m in _PITTED.finditer(masked):
        x, y = m.group("x") or m.group("x2"), m.group("y") or m.group("y2")
        a, b = country(x), country(y)
        if a and b and a != b:
            word = re.search(r"pit\w*", m.group(0))
            start = where[m.start() + word.start()]
            found.append((tuple(sorted((a, b))), "rival", m.group(0), start,
                          start + len(word.group(0))))
    if not found and context_dyad is not None:
        for m in (m for rule in _BACK_LABELS for m in rule.finditer(masked)):
            start, end = where[m.start("noun")], where[m.end("noun") - 1] + 1
            found.append((context_dyad, _label_value(m.group("noun"), m.group("mods")),
                          m.group(0), start, end))
    out = []
    for dyad, value, match_text, start, end in found:
        mod = _label_modality(sent, match_text, start, end)
        out.append(Claim(
            subject=f"label:{dyad[0]}-{dyad[1]}", predicate="label", value=value, dyad=dyad,
            modality=mod.modality, confidence=mod.confidence, date=when, evidence=evidence,
            holder=mod.speaker,
        ))
    return out


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
                   evidence: Evidence, context_dyad: tuple[str, str] | None = None,
                   sent_text: str | None = None) -> list[Claim]:
    """Manager and label claims stated in one parsed sentence.  ``context_dyad``
    is the pair the preceding sentences were about, used when this one refers
    to them as "they" or "the two countries".  ``sent_text`` is ``sent.text``,
    when the caller has it already."""
    text = sent.text if sent_text is None else sent_text
    manage = _MANAGE.search(text)
    relational = _RELATIONAL_WORD.search(text) is not None
    if manage is None and _LABEL.search(text) is None and not relational:
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
    if relational:
        out.extend(relational_labels(sent, index, when, evidence, context_dyad))
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
    return _distinct_labels(out)


def _distinct_labels(claims: list[Claim]) -> list[Claim]:
    """One label claim per dyad and value in a sentence (two rules can read
    the same phrase); the first, most specific reading is kept."""
    seen: set[tuple[str, str]] = set()
    out = []
    for claim in claims:
        if claim.predicate == "label":
            key = (claim.subject, claim.value)
            if key in seen:
                continue
            seen.add(key)
        out.append(claim)
    return out


def supersede(claims: list[Claim]) -> list[SupersededClaim]:
    """Mark each claim superseded by the earliest later-dated claim on the same
    subject with a different value.  Restating the same value later confirms the
    claim rather than replacing it, so only a different value dated after the
    last restatement supersedes.  Labels never compete: a dyad can carry several
    labels at once, and restating one confirms it."""
    out: list[SupersededClaim] = []
    for i, claim in enumerate(claims):
        newer = None
        if claim.predicate != "label" and claim.date is not None:
            same = [c.date for c in claims if c.subject == claim.subject
                    and c.value == claim.value and c.date is not None]
            last_said = max(same, default=claim.date)
            for j, other in enumerate(claims):
                if j == i or other.subject != claim.subject or other.value == claim.value:
                    continue
                if other.date is None or other.date <= last_said:
                    continue
                if newer is None or other.date < claims[newer].date:
                    newer = j
        out.append(SupersededClaim(claim, newer))
    return out


def current(claims: list[Claim]) -> list[Claim]:
    """The claims nothing supersedes."""
    return [s.claim for s in supersede(claims) if s.superseded_by is None]

