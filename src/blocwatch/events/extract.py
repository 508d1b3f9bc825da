"""Free-mode extraction: every event in one parsed sentence, with its actors
taken from the dependency parse.

Verbal events: subject -> verb -> object or prepositional recipient, passives
("was attacked by X"), coordinated actors ("Chile and Peru signed" gives
both), control verbs ("agreed to withdraw", "refused to meet").  Nominal
events: "the summit between X and Y", "Modi's visit to Japan", "US sanctions
on an Iranian bank", "a $2bn arms sale to Poland", and nouns that are the
object of a light verb ("held talks with", "imposed sanctions on").
"""

from __future__ import annotations

import re
from typing import Any

from spacy.attrs import LEMMA, POS
from spacy.symbols import NOUN, PROPN, VERB
from spacy.tokens import Doc, Span, Token

from blocwatch.events.arguments import (
    ActorSpan,
    Candidate,
    actors_at,
    agent_of,
    between_actors,
    each_other,
    member_states,
    pair_in_sentence,
    plural_subject,
    preposition_targets,
    raised_or_pronoun_subject,
    subject_of,
)
from blocwatch.events.dates import is_year_of
from blocwatch.events.lexicon import SENDING_VERBS, Lexicon, Trigger, load_lexicon
from blocwatch.events.ontology import QUAD
from blocwatch.events.spantext import span_text

# Roots of verbs whose complement is the act they commit to, ask for or refuse.
_CONTROL_ROOTS = {"AGREE", "REJECT", "THREATEN", "REQUEST"}
# Verbs with a control root that report on the complement instead of deciding it.
_NOT_CONTROL = {"deny", "dismiss", "warn"}
# Verbs that only carry the act their object noun names ("approved an arms sale").
_LIGHT_VERBS = {"approve", "provide", "give", "offer", "deliver", "grant", "hold"}
_SIGNING = {"sign", "conclude", "reach", "ratify", "finalise", "finalize", "ink", "seal",
            "initial"}
# Verb + particle idioms that are not the trigger verb's event ("press ahead").
_NOT_TRIGGERS = {("press", "ahead"), ("press", "on"), ("call", "off"), ("fire", "up"),
                 ("back", "up"), ("sign", "off")}
# Roots coded for both directions when two actors act together.
RECIPROCAL = {"AGREE", "CONSULT", "COOPERATE"}
# Roots whose target may be a place (a city or region stands for its country):
# visits are to the host, attacks and deployments against where they happen.
_PLACE_ROOTS = {"CONSULT", "ASSAULT", "MOBILIZE"}
_PLACE_PREPS = {"in", "to", "into", "inside", "across", "at", "on", "against", "near", "over"}
_MONEY = re.compile(r"(?:[$€£¥]\s?\d[\d,.]*\s?(?:bn|billion|m|million|trillion|tn|k)?|"
                    r"\d[\d,.]*\s?(?:bn|billion|million|trillion)\s?(?:dollars|euros|yuan|"
                    r"roubles|rubles|pounds|yen)?)", re.I)
_ORDINAL = re.compile(r"\b(\d+)(?:st|nd|rd|th)\b|\b(first|second|third|fourth|fifth|sixth|"
                      r"seventh|eighth|ninth|tenth)\b", re.I)
_ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
                  "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10}


def contexts_near(tok: Token, lex: Lexicon, trig: Trigger | None,
                  limit: int = 6) -> tuple[str, ...]:
    """Context tags from the trigger and the words of the phrase it heads (at
    most ``limit``: a list of agreements may name a dozen sectors)."""
    found: list[str] = []
    if trig and trig.context:
        found.append(trig.context)
    subtree = [t for t in tok.subtree if not t.is_punct]
    words = [t.lemma_.lower() for t in subtree]
    for t, w in zip(subtree, words, strict=True):
        # The word as written too: a lemmatiser turns "media" into "medium".
        ctx = lex.contexts.get(w) or lex.contexts.get(t.lower_)
        if ctx and ctx not in found:
            found.append(ctx)
    starts = _compound_starts(lex)
    for n in (2, 3):
        for i in range(len(words) - n + 1):
            if (n, words[i]) not in starts:
                continue  # no compound of n words starts with this one
            ctx = lex.compound_contexts.get(tuple(words[i:i + n]))
            if ctx and ctx not in found:
                found.append(ctx)
    return tuple(found[:limit])


def quantities(tok: Token) -> dict[str, Any]:
    """Money, counts and ordinals in the phrase a trigger heads ("$2bn", "21st")."""
    doc = tok.doc
    left = tok.left_edge.i
    phrase = span_text(doc, left, tok.i + 1) if tok.pos_ == "NOUN" else \
        span_text(doc, tok.i, min(tok.right_edge.i + 1, tok.i + 12))
    attrs: dict[str, Any] = {}
    money = _MONEY.search(phrase)
    if money and any(c.isdigit() for c in money.group(0)):
        attrs["amount"] = money.group(0).strip()
    ordinal = _ORDINAL.search(phrase)
    if ordinal:
        attrs["ordinal"] = int(ordinal.group(1)) if ordinal.group(1) else \
            _ORDINAL_WORDS[ordinal.group(2).lower()]
    for child in tok.children:
        if child.dep_ == "nummod" and child.like_num and "amount" not in attrs \
                and not is_year_of(child, tok):  # "the 1961 treaty" is dated, not counted
            attrs["count"] = child.text
    return attrs


def _verb_trigger(tok: Token, lex: Lexicon) -> Trigger | None:
    lemma = tok.lemma_.lower()
    for child in tok.children:
        if (lemma, child.lower_) in _NOT_TRIGGERS:
            return None
        if child.dep_ == "prt":
            phr = lex.phrasal_verbs.get((lemma, child.lower_))
            if phr:
                return phr
        if child.dep_ == "prep":
            phr = lex.phrasal_verbs.get((lemma, child.lower_))
            if phr:
                return phr
    return lex.verbs.get(lemma)


def _noun_trigger(tok: Token, lex: Lexicon) -> Trigger | None:
    lemma = tok.lemma_.lower()
    prev = tok.doc[tok.i - 1] if tok.i > 0 else None
    if prev is not None:
        comp = lex.compound_nouns.get((prev.lemma_.lower(), lemma))
        if comp:
            return comp
    return lex.nouns.get(lemma)


def _control_outer(tok: Token, lex: Lexicon) -> Trigger | None:
    """The trigger of a verb governing ``tok`` as its complement, if that verb
    is one that decides the event type ("refused to meet")."""
    if tok.dep_ in ("xcomp", "ccomp") and tok.head.pos_ == "VERB":
        outer = _verb_trigger(tok.head, lex)
        if outer and outer.root in _CONTROL_ROOTS and outer.term not in _NOT_CONTROL:
            return outer
    return None


# Commitment verbs that turn a promised attack or sanction into a threat.
_VOWS = {"vow", "swear", "pledge", "promise"}


def _combine(outer: Trigger, inner: Trigger) -> str:
    """The governing verb decides (a refusal to do anything is a REJECT), except
    that a promise to do a material act is coded by what is promised: a promised
    retreat is a verbal concession (CONCEDE, codebook: "promise to withdraw from
    territory"), a vow to attack or sanction is a THREATEN."""
    if outer.root == "AGREE":
        if inner.root == "RETREAT":
            return "CONCEDE"
        if QUAD[inner.root] == 4 and outer.term in _VOWS:
            return "THREATEN"
    return outer.root


_INTENT_GOVERNORS = {"willing", "ready", "prepared", "plan", "intend", "promise", "pledge",
                     "offer", "vow", "aim", "decide", "set", "want"}


def intended(tok: Token) -> bool:
    """Whether the act is announced for the future ("will provide", "is willing
    to send", "plans to boycott") rather than done."""
    clause = tok
    while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
        clause = clause.head
    aux = {c.lower_ for c in clause.children if c.dep_ in ("aux", "neg")}
    if aux & {"not", "n't", "never"}:
        return False
    if aux & {"will", "'ll", "shall", "would", "wo"}:
        return True
    cur = clause
    for _ in range(3):
        if cur.head.i == cur.i:
            break
        if cur.dep_ in ("xcomp", "ccomp", "acomp", "advcl") and \
                cur.head.lemma_.lower() in _INTENT_GOVERNORS:
            return True
        cur = cur.head
    return False


def with_intent(root: str, tok: Token) -> str:
    """An announced material act is a promise (AGREE) if cooperative, a
    concession (CONCEDE) if a retreat, and a threat (THREATEN) if conflictual:
    PLOVER codes acts only when carried out."""
    if root == "RETREAT" and intended(tok):
        return "CONCEDE"  # codebook: a promise of a future concession
    if QUAD[root] == 2 and intended(tok):
        return "AGREE"
    if QUAD[root] == 4 and intended(tok):
        return "THREATEN"
    return root


def _refusal(tok: Token) -> bool:
    """"will not lift", "won't release": a negated future act is a refusal."""
    kids = {c.lower_ for c in tok.children if c.dep_ in ("neg", "aux")}
    return bool(kids & {"not", "n't", "never"}) and bool(kids & {"will", "would", "wo", "'ll"})


_SENDING = set(SENDING_VERBS)
_AID_OBJECTS = {"aid", "assistance", "supply", "food", "medicine", "relief", "vaccine", "money",
                "fund", "loan", "help", "doctor", "rescuer", "grain", "fuel", "water", "tent",
                "blanket", "medic", "shipment", "donation", "dose"}
# Objects that make a sending verb a show of force.
_FORCE_OBJECTS = {"force", "soldier", "troop", "jet", "ship", "warship", "carrier", "bomber",
                  "destroyer", "frigate", "submarine", "tank", "battalion", "brigade", "vessel",
                  "fighter", "marine", "paratrooper", "reinforcement"}


def _object_decides(tok: Token, lex: Lexicon) -> Trigger | None:
    """"sent a destroyer" is a mobilisation, "sent aid" is aid: for verbs of
    sending, the object picks the event."""
    if tok.lemma_.lower() not in _SENDING:
        return None
    for child in tok.children:
        if child.dep_ == "dobj":
            obj = child.lemma_.lower()
            if lex.contexts.get(obj) == "military" or obj in _FORCE_OBJECTS:
                return Trigger(tok.lemma_.lower(), "V", "MOBILIZE", "troops", "military")
            if obj in _AID_OBJECTS:
                return Trigger(tok.lemma_.lower(), "V", "AID", None, None)
    return None


_ACT_PREPS = {"in", "during", "at", "through", "via", "by", "including", "after"}
_PROMISE_OBJECTS = {"assurance", "promise", "pledge", "guarantee", "commitment", "offer"}


def _received(tok: Token, index: dict[int, ActorSpan], lex: Lexicon) -> list[Candidate]:
    """"X received weapons from Y": Y gave, X got.  The object decides the type."""
    if tok.lemma_.lower() not in ("receive", "get", "obtain", "accept"):
        return []
    obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    if obj is None or obj.i in index:
        return []
    givers = preposition_targets(tok, index, {"from"})
    takers = subject_of(tok, index)
    if not givers or not takers:
        return []
    lemma = obj.lemma_.lower()
    if lemma in _PROMISE_OBJECTS:
        root = "AGREE"
    elif lemma in _AID_OBJECTS or lex.contexts.get(lemma) == "military" or \
            lemma in ("arm", "ammunition", "equipment"):
        root = "AID"
    else:
        return []
    ctx = contexts_near(obj, lex, None)
    return _pairs(root, tok, givers, takers, None, ctx, quantities(obj))


# "X relies on Y (for Z)", "X draws on Russian advice": Y supplies X.
_DEPENDENCE_VERBS = {"rely", "depend", "draw", "lean"}
# Word forms of the dependence verbs and of "look (to Y for)", for the prefilter.
DEPENDENCE_FORMS = frozenset({"rely", "relies", "relied", "relying", "depend", "depends",
                              "depended", "depending", "draw", "draws", "drew", "drawn",
                              "drawing", "lean", "leans", "leaned", "leant", "leaning", "look",
                              "looks", "looked", "looking"})


def _dependence(tok: Token, index: dict[int, ActorSpan], lex: Lexicon) -> list[Candidate]:
    """Dependence on a partner: "X relies on Y for Z" and "X's projects draw on
    Y's technical advice" are material cooperation from Y to X; "X looked to Y
    for help" is X asking Y.  Both sides must be actors of different countries."""
    lemma = tok.lemma_.lower()
    if lemma in _DEPENDENCE_VERBS:
        root, preps = "COOPERATE", {"on", "upon"}
    elif lemma == "look" and any(c.dep_ == "prep" and c.lower_ == "for" for c in tok.children):
        root, preps = "REQUEST", {"to"}
    else:
        return []
    partners = preposition_targets(tok, index, preps)
    dependants = subject_of(tok, index) or raised_or_pronoun_subject(tok, index)
    countries = {a.actor.country for a in partners}
    dependants = [a for a in dependants if a.actor.country not in countries]
    if not partners or not dependants:
        return []
    ctx = contexts_near(tok, lex, None)
    if root == "REQUEST":
        return _pairs(root, tok, dependants, partners, None, ctx, {})
    return _pairs(root, tok, partners, dependants, None, ctx, {})


def _place_target_ok(root: str, mode: str | None, n_sources: int) -> bool:
    # Travel goes to the host; a lone actor holding talks in a place talks with
    # its hosts; parties meeting each other in a third place are not meeting
    # the host (they are coded with each other).
    return root in _PLACE_ROOTS and (root != "CONSULT" or mode == "visit" or n_sources == 1)


def _place_targets(tok: Token, places: dict[int, ActorSpan]) -> list[ActorSpan]:
    """The country of a place the act happens in or goes to ("arrived in Osaka",
    "strikes inside Idlib"), looked for on the trigger and, for a noun that is
    the object of a verb, on that verb."""
    if not places:
        return []
    heads = [tok]
    if tok.dep_ in ("dobj", "pobj") and tok.head.i != tok.i:
        heads.append(tok.head.head if tok.dep_ == "pobj" else tok.head)
    for h in heads:
        found = preposition_targets(h, places, _PLACE_PREPS)
        if found:
            return found[:1]
    return []


# Things one leaves by reducing relations (SANCTION), not by giving up ground.
_BODIES = {"treaty", "agreement", "deal", "accord", "pact", "convention", "organization",
           "organisation", "council", "union", "alliance", "court", "body", "bloc", "forum",
           "commission", "committee", "group", "assembly", "membership", "talks", "protocol"}
_LEAVING = {"withdraw", "pull", "leave", "exit", "quit", "retreat"}


def _leaves_a_body(tok: Token, target_is_body: bool) -> bool:
    """"withdrew from the treaty" / "quit the alliance" (SANCTION) against
    "withdrew its troops from the town" / "left the airport" (RETREAT)."""
    if tok.lemma_.lower() not in _LEAVING:
        return False
    if target_is_body:
        return True
    for child in tok.children:
        if child.dep_ == "dobj" and child.lemma_.lower() in _BODIES:
            return True
        if child.dep_ == "prep" and child.lower_ in ("from", "of") and any(
                g.dep_ == "pobj" and g.lemma_.lower() in _BODIES for g in child.children):
            return True
    return False


def _leaves_igo(tok: Token, index: dict[int, ActorSpan]) -> bool:
    """Whether what ``tok`` leaves ("withdrew from NATO", "quit OPEC") is an organisation."""
    for child in tok.children:
        args = [child] if child.dep_ == "dobj" else [
            g for g in child.children if g.dep_ == "pobj"] if child.dep_ == "prep" and \
            child.lower_ in ("from", "of") else []
        if any(a.i in index and index[a.i].actor.kind == "igo" for a in args):
            return True
    return False


def pair_rule(root: str, tok: Token, target_is_body: bool = False) -> str:
    """Rules of the codebook that decide the classifier's top answer in pair
    mode when the trigger's grammar says so: leaving a treaty or organisation
    is SANCTION and leaving ground RETREAT; sending troops is MOBILIZE and
    sending supplies AID; a refused cooperative act is a REJECT; announced
    acts are promises, concessions or threats."""
    if _leaves_a_body(tok, target_is_body):
        root = "SANCTION"
    elif tok.lemma_.lower() in _LEAVING and root in ("SANCTION", "COERCE"):
        root = "RETREAT"
    lex = load_lexicon()
    if tok.pos_ == "VERB":
        sent = _object_decides(tok, lex)
        if sent is not None:
            root = sent.root
        # "promised to withdraw": a promised retreat is CONCEDE, a vow to
        # attack THREATEN, whatever the promise verb alone suggests.
        outer = _verb_trigger(tok, lex)
        if outer is not None and outer.root in _CONTROL_ROOTS:
            for child in tok.children:
                inner = _verb_trigger(child, lex) if child.dep_ in ("xcomp", "ccomp") and \
                    child.pos_ == "VERB" else None
                if inner is not None and _combine(outer, inner) != outer.root:
                    return _combine(outer, inner)
    if QUAD[root] in (1, 2) and _refusal(tok):
        return "REJECT"
    return with_intent(root, tok)


# Verbal acts whose own type outranks event words in their object or complement.
_SPEECH_ROOTS = {"ACCUSE", "REQUEST", "REJECT", "AGREE", "THREATEN"}


def main_predicate(source: Span, target: Span, lex: Lexicon) -> tuple[str, Token] | None:
    """The source's own verb when it is a verbal act (accuse, urge, promise,
    refuse, threaten) whose clause holds the target: "condemned the seizure" is
    ACCUSE and "assured X that patrols would follow the raid" AGREE, whatever
    the nouns inside say.  Promises of retreats and vows to attack are still
    combined (`pair_rule`)."""
    subj = source.root
    verb = subj.head
    if subj.dep_ != "nsubj" or verb.pos_ != "VERB" or not (
            verb.left_edge.i <= target.root.i <= verb.right_edge.i):
        return None
    trig = _verb_trigger(verb, lex)
    if trig is None or trig.root not in _SPEECH_ROOTS or trig.term in _NOT_CONTROL:
        return None
    return pair_rule(trig.root, verb), verb


def sentence_events(sent: Span, index: dict[int, ActorSpan], lex: Lexicon,
                    places: dict[int, ActorSpan] | None = None,
                    context_pair: tuple[ActorSpan, ActorSpan] | None = None
                    ) -> list[Candidate]:
    """Candidate events of one sentence.  ``index`` maps token indices to actor
    mentions; ``places`` to place mentions standing for their country;
    ``context_pair`` the two parties the text was last about, who take part in
    agreements and talks the sentence names without any actor."""
    places = places or {}
    out: list[Candidate] = []
    consumed: set[int] = set()
    carried: set[str] = set()
    verb_lemmas, noun_lemmas = _trigger_lemmas(lex)
    doc = sent.doc
    # Most words are no trigger: read POS and lemma from one array and build a
    # Token only for a word whose lemma some rule below could act on.
    rows = sent.to_array([POS, LEMMA]).tolist() if len(sent) else []
    for i, (pos, lemma_id) in enumerate(rows, start=sent.start):
        if i in consumed:
            continue
        if pos == VERB:
            if _lower_lemma(doc, lemma_id) not in verb_lemmas:
                continue
        elif pos in (NOUN, PROPN) and i not in index:
            if _lower_lemma(doc, lemma_id) not in noun_lemmas:
                continue
        else:
            continue
        tok = doc[i]
        if tok.pos_ == "VERB":
            reverse = _received(tok, index, lex) or _dependence(tok, index, lex)
            if reverse:
                out.extend(reverse)
                continue
            trig = _object_decides(tok, lex) or _verb_trigger(tok, lex)
            if trig is None:
                continue
            out.extend(_verbal(tok, trig, index, lex, consumed, places, context_pair))
        elif tok.pos_ in ("NOUN", "PROPN") and tok.i not in index:
            trig = _noun_trigger(tok, lex)
            if trig is None:
                continue
            # "lift the sanctions": the object of a (non-light) trigger verb is
            # part of that verb's event, not an event of its own.
            head = tok.head
            if tok.dep_ == "dobj" and head.pos_ == "VERB" and \
                    head.lemma_.lower() not in _LIGHT_VERBS and _verb_trigger(head, lex):
                continue
            found = _nominal(tok, trig, index, lex, places)
            if not found and context_pair is not None and trig.root in _CARRIED_ROOTS and \
                    trig.root not in carried and not any(t.i in index for t in tok.subtree) \
                    and not any(c.dep_ in ("det", "poss") and c.lower_ in _NOT_NEW_DETERMINERS
                                for c in tok.children) \
                    and _carried_pair_fits(sent, index, context_pair):
                carried.add(trig.root)
                found = _carried(tok, trig, context_pair, lex)
            out.extend(found)
    return out


_LOWER_LEMMAS: dict[int, str] = {}
_TRIGGER_LEMMAS: dict[int, tuple[Lexicon, frozenset[str], frozenset[str]]] = {}
_COMPOUND_STARTS: dict[int, tuple[Lexicon, frozenset[tuple[int, str]]]] = {}


def _lower_lemma(doc: Doc, lemma_id: int) -> str:
    """``tok.lemma_.lower()`` from the lemma's hash (hashes are of the string,
    the same in every vocab)."""
    lower = _LOWER_LEMMAS.get(lemma_id)
    if lower is None:
        lower = _LOWER_LEMMAS[lemma_id] = doc.vocab.strings[lemma_id].lower()
    return lower


def _compound_starts(lex: Lexicon) -> frozenset[tuple[int, str]]:
    """(length, first word) of every compound context of ``lex``."""
    cached = _COMPOUND_STARTS.get(id(lex))
    if cached is None or cached[0] is not lex:
        starts = frozenset((len(k), k[0]) for k in lex.compound_contexts if k)
        cached = _COMPOUND_STARTS[id(lex)] = (lex, starts)
    return cached[1]


def _trigger_lemmas(lex: Lexicon) -> tuple[frozenset[str], frozenset[str]]:
    """Lower-cased lemmas of verbs and nouns on which `sentence_events` can find
    anything: every other word is skipped without building its Token."""
    cached = _TRIGGER_LEMMAS.get(id(lex))
    if cached is None or cached[0] is not lex:
        verbs = frozenset({*lex.verbs, *(k[0] for k in lex.phrasal_verbs), *_SENDING,
                           *_DEPENDENCE_VERBS, "look", "receive", "get", "obtain", "accept"})
        nouns = frozenset({*lex.nouns, *(k[-1] for k in lex.compound_nouns)})
        cached = _TRIGGER_LEMMAS[id(lex)] = (lex, verbs, nouns)
    return cached[1], cached[2]


# Verbs of a third party arranging others' talks or deals.
_THIRD_PARTY_VERBS = frozenset({"host", "mediate", "broker", "facilitate", "convene", "sponsor",
                                "organise", "organize"})
# Nominal events whose parties may come from the text before: "Other agreements
# concern ...", "defence discussions" after a sentence about two states.
_CARRIED_ROOTS = {"AGREE", "CONSULT"}
# "the talks", "these agreements" point back to an event already told: no new one.
ANAPHORIC_DETERMINERS = frozenset({"the", "these", "those", "this", "that", "their", "its"})


# ... and "any agreement", "no talks" name no event at all.
_NOT_NEW_DETERMINERS = ANAPHORIC_DETERMINERS | {"any", "no", "every", "each"}


def _carried_pair_fits(sent: Span, index: dict[int, ActorSpan],
                       pair: tuple[ActorSpan, ActorSpan]) -> bool:
    """Whether the sentence may still be about the pair of the text before: its
    main subject, when an actor, is one of the pair (or a group of them).
    "Saudi Arabia ... said any agreement must ..." after a sentence about
    Russia and China is Saudi Arabia's statement, not their agreement."""
    countries = {a.actor.country for a in pair}
    for child in sent.root.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            for actor in member_states(actors_at(child, index)):
                if actor.actor.country not in countries:
                    return False
    return True


def _carried(tok: Token, trig: Trigger, pair: tuple[ActorSpan, ActorSpan],
             lex: Lexicon) -> list[Candidate]:
    """An agreement or talks with no actor in reach, coded between the two
    parties of the text before (one event each way).  Its contexts come from
    the whole sentence when the noun is its topic ("Other agreements concern
    forestry, insurance, ..." lists the sectors after the verb; a small model
    may parse the verb as a noun, so the climb goes through compounds too)."""
    clause = tok
    while clause.dep_ in ("nsubj", "nsubjpass", "compound") and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ != "ROOT":
        clause = tok
    ctx = contexts_near(clause, lex, trig, limit=16)
    a, b = pair
    attrs: dict[str, Any] = {"parties_from": "context"}
    return [Candidate(trig.root, tok, a, b, trig.mode, ctx, dict(attrs), True),
            Candidate(trig.root, tok, b, a, trig.mode, ctx, dict(attrs), True)]


def _verbal(tok: Token, trig: Trigger, index: dict[int, ActorSpan], lex: Lexicon,
            consumed: set[int], places: dict[int, ActorSpan],
            context_pair: tuple[ActorSpan, ActorSpan] | None = None) -> list[Candidate]:
    root, mode = trig.root, trig.mode
    outer = _control_outer(tok, lex)
    if outer is not None:
        # The governing verb is coded from this one's arguments.
        root, mode = _combine(outer, trig), outer.mode
        consumed.add(tok.head.i)
    else:
        for child in tok.children:
            if child.dep_ in ("xcomp", "ccomp") and child.pos_ == "VERB" and \
                    trig.root in _CONTROL_ROOTS and trig.term not in _NOT_CONTROL and \
                    _verb_trigger(child, lex):
                return []  # coded when the complement is reached
            if child.dep_ == "dobj" and trig.term in _LIGHT_VERBS:
                noun = _noun_trigger(child, lex)
                if noun is not None and noun.root != trig.root:
                    return []  # the object noun's event, coded from the noun
    if outer is None and _leaves_a_body(tok, _leaves_igo(tok, index)):
        root, mode = "SANCTION", "withdraw"
    if outer is None and QUAD[root] in (1, 2) and _refusal(tok):
        root, mode = "REJECT", None
    elif outer is None:
        root = with_intent(root, tok)
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)
    if passive:
        sources = agent_of(tok, index)
        targets = [a for c in tok.children if c.dep_ == "nsubjpass" for a in actors_at(c, index)]
    else:
        sources = subject_of(tok, index)
        targets = []
        for child in tok.children:
            if child.dep_ in ("dobj", "dative", "iobj"):
                targets = actors_at(child, index)
                if not targets:
                    targets = preposition_targets(child, index)
                if targets:
                    break
    if not targets:
        targets = preposition_targets(tok, index)
    if not targets and outer is not None:
        targets = preposition_targets(tok.head, index) or [
            a for c in tok.head.children if c.dep_ == "dobj" for a in actors_at(c, index)]
    if not targets and trig.root in _CONTROL_ROOTS:
        # "agreed to ship grain to Egypt": a complement with no trigger of its
        # own still names who the commitment is towards.
        for child in tok.children:
            if child.dep_ in ("xcomp", "ccomp") and child.pos_ in ("VERB", "AUX"):
                # "demanded that France apologise": the one asked is the subject
                # of the requested clause.
                args = ("dobj", "nsubj") if trig.root == "REQUEST" else ("dobj",)
                targets = preposition_targets(child, index) or [
                    a for c in child.children if c.dep_ in args for a in actors_at(c, index)]
                if targets:
                    break
    if not sources and each_other(tok) and plural_subject(tok):
        # "the two countries backed each other": the pair the sentence is
        # about, else the pair the text before was about.
        sources = pair_in_sentence(tok.sent, index) or list(context_pair or ())
    if each_other(tok) and len(member_states(sources)) > 1:
        # "backed each other's claims at the WTO": the partners are each
        # other, whatever venue the object phrase names.
        targets = []
    elif not targets and _place_target_ok(root, mode, len(sources)):
        targets = _place_targets(tok, places)
    if not targets:
        targets = [a for a in _complainant(tok, index, lex) if a not in sources]
    if not sources:
        return []
    if not targets and len(sources) > 1 and tok.lemma_.lower() in _THIRD_PARTY_VERBS:
        # "Iraq and Oman hosted talks between the two sides": co-hosts, not
        # counterparts of each other (the talks are coded from their noun)
        return []
    ctx = contexts_near(tok, lex, trig)
    attrs = quantities(tok)
    return _pairs(root, tok, sources, targets, mode, ctx, attrs)


def _complainant(tok: Token, index: dict[int, ActorSpan], lex: Lexicon) -> list[ActorSpan]:
    """"X lashed out at Y for sending warships": an act that X complains about
    with no target of its own is taken as aimed at X (the one objecting)."""
    if tok.dep_ != "pcomp" or tok.head.lower_ != "for" or tok.head.head.i == tok.head.i:
        return []
    gov = tok.head.head
    complaint = _verb_trigger(gov, lex) if gov.pos_ == "VERB" else None
    if complaint is None or QUAD[complaint.root] != 3:
        return []
    return subject_of(gov, index)


def _nominal(tok: Token, trig: Trigger, index: dict[int, ActorSpan],
             lex: Lexicon, places: dict[int, ActorSpan]) -> list[Candidate]:
    sources: list[ActorSpan] = []
    targets: list[ActorSpan] = []
    between = between_actors(tok, index)
    if len(between) >= 2:
        sources = between
    for child in tok.children:
        if child.i in index and child.dep_ in ("poss", "compound", "amod", "nmod") and \
                index[child.i] not in sources:
            sources.append(index[child.i])
    head = tok.head
    # A noun after "against", "over" or "about" is what the clause is about,
    # not an act of its subject ("warned X against new patrols").
    act_noun = tok.dep_ in ("dobj", "attr", "nsubjpass") or (
        tok.dep_ == "pobj" and head.lower_ in _ACT_PREPS)
    if not sources and act_noun and head.i != tok.i:
        verb = head.head if tok.dep_ == "pobj" and head.dep_ == "prep" else head
        sources = subject_of(verb, index) or agent_of(verb, index)
        if tok.dep_ == "dobj":
            targets = preposition_targets(verb, index)
    if len(between) < 2:
        targets = preposition_targets(tok, index) or targets
    if not targets and _place_target_ok(trig.root, trig.mode, len(sources)):
        targets = _place_targets(tok, places)
    if not sources:
        return []
    targets = [t for t in targets if t not in sources]
    root = trig.root
    # Signing, reaching or ratifying an agreement is SUPPORT in PLOVER; an
    # agreement merely mentioned is a commitment (AGREE).
    if root == "AGREE" and head.lemma_.lower() in _SIGNING:
        root = "SUPPORT"
    # Military exercises with a partner are cooperation; alone, a show of force.
    if root == "COOPERATE" and trig.context == "military" and len(sources) < 2 and not targets:
        root = "MOBILIZE"
    # "would not provide support", "will supply arms": the verb carrying the
    # noun decides refusal and intent.
    if tok.dep_ == "dobj" and head.pos_ == "VERB":
        root = "REJECT" if QUAD[root] in (1, 2) and _refusal(head) else with_intent(root, head)
    ctx = contexts_near(tok, lex, trig)
    attrs = quantities(tok)
    return _pairs(root, tok, sources, targets, trig.mode, ctx, attrs)


def _pairs(root: str, tok: Token, sources: list[ActorSpan], targets: list[ActorSpan],
           mode: str | None, ctx: tuple[str, ...], attrs: dict[str, Any]) -> list[Candidate]:
    out = []
    signing = tok.lemma_.lower() in _SIGNING or tok.head.lemma_.lower() in _SIGNING
    mutual = not targets and each_other(tok)
    if mutual:
        sources = member_states(sources)
    if len(sources) > 1 and not targets and (root in RECIPROCAL or signing or mutual):
        # "Russia and China signed": each is the other's partner.
        for a in sources:
            for b in sources:
                if a is not b and (a.actor.code != b.actor.code or a.start != b.start):
                    out.append(Candidate(root, tok, a, b, mode, ctx, dict(attrs), True))
        return out
    for a in sources:
        if not targets:
            out.append(Candidate(root, tok, a, None, mode, ctx, dict(attrs)))
        for b in targets:
            if a is b:
                continue
            out.append(Candidate(root, tok, a, b, mode, ctx, dict(attrs)))
    return out
