"""Who takes part in an event: the actors a trigger's arguments stand for in
the dependency parse (subjects, agents, objects, prepositional recipients,
coordinated and possessive actors), and the plural parties of mutual acts
("the two countries backed each other")."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Span, Token

from blocwatch.events.spantext import has_mutual_mark
from blocwatch.models import Actor

# Prepositions that introduce who an act is aimed at or done with.
RECIPIENT_PREPS = {"with", "to", "on", "against", "at", "from", "into", "for", "toward",
                   "towards", "upon", "over", "near", "in", "inside", "across"}


@dataclass(frozen=True)
class ActorSpan:
    start: int  # token indices in the Doc
    end: int
    text: str
    actor: Actor
    char_start: int  # in the Doc
    char_end: int


@dataclass
class Candidate:
    root: str
    trigger: Token
    source: ActorSpan | None
    target: ActorSpan | None
    mode: str | None = None
    context: tuple[str, ...] = ()
    attributes: dict[str, Any] = field(default_factory=dict)
    reciprocal: bool = False


def actors_at(tok: Token, index: dict[int, ActorSpan], *, depth: int = 0) -> list[ActorSpan]:
    """Actors an argument token stands for: a mention itself, a mention modifying
    it ("Chinese officials", "Russia's ministry", "the government of Japan",
    "hundreds of UN troops"), and the actors coordinated with it ("X and Y",
    "X, Y and Z", "US and British activists")."""
    found: list[ActorSpan] = []
    # The tokens whose children can hold coordinated actors: the whole mention
    # when ``tok`` is in one (a small model may hang "and Y" on any of its words).
    heads = [tok]
    if tok.i in index:
        mention = index[tok.i]
        found.append(mention)
        heads = list(tok.doc[mention.start:mention.end])
        for h in heads:
            for child in h.children:
                # "US and British activists": a coordinated modifier outside the mention.
                if child.i in index and index[child.i] is not mention and child.dep_ in (
                        "compound", "amod", "nmod") and any(c.dep_ == "cc"
                                                            for c in child.children):
                    found.append(index[child.i])
                    heads.append(child)
    else:
        for child in tok.children:
            if child.i in index and child.dep_ in ("compound", "amod", "poss", "nmod", "npadvmod"):
                found.append(index[child.i])
                heads.append(child)
                break
        else:
            for child in tok.children:
                if child.dep_ == "prep" and child.lower_ == "of" and depth < 3:
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            found.extend(actors_at(pobj, index, depth=depth + 1))
    if depth < 3:
        for h in heads:
            for child in h.children:
                if child.dep_ == "conj":
                    found.extend(actors_at(child, index, depth=depth + 1))
                elif child.dep_ == "appos" and child.i in index:
                    # "Ali Shamkhani, the secretary of Iran's security council": an
                    # appositive with the same code is the same party, not another one
                    codes = {a.actor.code for a in found}
                    found.extend(a for a in actors_at(child, index, depth=depth + 1)
                                 if a.actor.code is None or a.actor.code not in codes)
    seen, out = set(), []
    for a in found:
        if a.start not in seen:
            seen.add(a.start)
            out.append(a)
    return out


def subject_of(verb: Token, index: dict[int, ActorSpan]) -> list[ActorSpan]:
    cur = verb
    for _ in range(6):
        for child in cur.children:
            if child.dep_ in ("nsubj", "csubj"):
                found = actors_at(child, index)
                if not found and child.lower_ in _PRONOUNS:
                    found = pronoun_antecedent(cur, index)
                return found
        # "criticised X for sending ...": the gerund's doer is the object of the verb above.
        if cur.dep_ == "pcomp" and cur.head.lower_ in ("for", "of") and cur.head.head.i != \
                cur.head.i:
            gov = cur.head.head
            found = [a for c in gov.children if c.dep_ == "dobj" for a in actors_at(c, index)]
            return found or preposition_targets(gov, index, {"at", "against", "on"})
        # A gerund or a noun in a list ("took moves, including imposing sanctions")
        # is done by the subject of the clause it hangs from.
        if cur.tag_ == "VBG" or cur.dep_ in ("pobj", "prep", "dobj"):
            if cur.head.i == cur.i:
                break
            cur = cur.head
            continue
        # Shared subjects: "X met Y and signed ..." / "X agreed to meet".
        if cur.dep_ in ("conj", "xcomp", "advcl") and cur.head.i != cur.i:
            cur = cur.head
            continue
        if cur.dep_ == "relcl" and cur.head.i != cur.i:
            return actors_at(cur.head, index)
        break
    return []


_PRONOUNS = {"he", "she", "it", "they", "we"}


def pronoun_antecedent(clause: Token, index: dict[int, ActorSpan]) -> list[ActorSpan]:
    """"Obama said he would not ...": a pronoun subject of a reported clause is
    the speaker."""
    cur = clause
    for _ in range(3):
        if cur.dep_ not in ("ccomp", "xcomp", "conj", "advcl") or cur.head.i == cur.i:
            return []
        cur = cur.head
        for child in cur.children:
            if child.dep_ == "nsubj":
                found = actors_at(child, index)
                if found:
                    return found
    return []


def agent_of(verb: Token, index: dict[int, ActorSpan]) -> list[ActorSpan]:
    for child in verb.children:
        if child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    found = actors_at(pobj, index)
                    if found:
                        return found
                    # "hit by missiles launched from Yemen": the weapon's origin acts.
                    for acl in pobj.children:
                        if acl.dep_ == "acl":
                            found = preposition_targets(acl, index, {"from", "by"})
                            if found:
                                return found
    return []


def preposition_targets(tok: Token, index: dict[int, ActorSpan],
                         preps: set[str] = RECIPIENT_PREPS) -> list[ActorSpan]:
    for child in tok.children:
        if child.dep_ in ("prep", "dative") and child.lower_ in preps:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    found = actors_at(pobj, index)
                    if found:
                        return found
    return []


def between_actors(tok: Token, index: dict[int, ActorSpan]) -> list[ActorSpan]:
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ == "between":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return actors_at(pobj, index)
    return []


def raised_or_pronoun_subject(verb: Token, index: dict[int, ActorSpan]) -> list[ActorSpan]:
    """The doer when the parse hides it: "X are said to rely on ..." (the subject
    of the passive verb above) or "..., and there are rumours that they looked
    to ..." ("they" is the first actor subject of the sentence)."""
    if verb.dep_ == "xcomp" and verb.head.i != verb.i:
        found = [a for c in verb.head.children if c.dep_ == "nsubjpass"
                 for a in actors_at(c, index)]
        if found:
            return found
    if not any(c.dep_ == "nsubj" and c.lower_ == "they" for c in verb.children):
        return []
    for tok in verb.sent:
        if tok.i >= verb.i:
            break
        if tok.dep_ in ("nsubj", "nsubjpass"):
            found = actors_at(tok, index)
            if found:
                return found
    return []


def each_other(tok: Token) -> bool:
    """Whether the act is mutual: "supporting each other's positions", "backed one another"."""
    # The Doc's few "each other"s are found once; most Docs have none.
    return has_mutual_mark(tok)


def pair_in_sentence(sent: Span, index: dict[int, ActorSpan]) -> list[ActorSpan]:
    """The two states a sentence is about: the subjects of its clauses when they
    are two countries ("for X to lead on A and for Y to lead on B"), else the
    only two countries it names; empty when that is not clear."""
    for deps in (("nsubj", "nsubjpass"), None):
        by_country: dict[str, ActorSpan] = {}
        for tok in sent:
            if tok.i not in index or (deps is not None and tok.dep_ not in deps):
                continue
            actor = index[tok.i]
            if actor.actor.country and actor.actor.kind in ("state", "person"):
                by_country.setdefault(actor.actor.country, actor)
        if len(by_country) == 2:
            return list(by_country.values())
    return []


_PLURAL_PRONOUNS = {"they", "both", "we"}


def plural_subject(verb: Token) -> bool:
    """Whether the verb's subject is a plural with no actor of its own ("the two
    countries", "both sides", "they")."""
    return any(c.dep_ == "nsubj" and (c.tag_ in ("NNS", "NNPS") or c.lower_ in _PLURAL_PRONOUNS)
               for c in verb.children)


def member_states(sources: list[ActorSpan]) -> list[ActorSpan]:
    """A small group standing for its member states ("the two countries" resolved
    to RUS and CHN): each member acts for itself in a mutual act."""
    out: list[ActorSpan] = []
    for a in sources:
        members = a.actor.members if a.actor.kind == "group" else ()
        if 2 <= len(members) <= 4:
            out.extend(ActorSpan(a.start, a.end, a.text,
                                 Actor("state", code=m, country=m, matched_by="group member"),
                                 a.char_start, a.char_end) for m in members)
        else:
            out.append(a)
    return out
