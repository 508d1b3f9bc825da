"""How certainly an event is stated: asserted, reported by whom, planned,
conditional, negated, speculated, rumoured, denied or inferred by the author.

Each modality has a confidence weight (``CONFIDENCE``, documented in
docs/accuracy.md) that downstream scoring multiplies into an event's weight,
so a rumour counts for less than a fact and a denial for almost nothing.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span, Token

from blocwatch.events.needed_words import NeededWords
from blocwatch.events.spantext import heads_with_child, span_text, text_of

CONFIDENCE: dict[str, float] = {
    "asserted": 1.0,
    "reported": 0.9,
    "inferred": 0.6,
    "future": 0.5,
    "speculated": 0.4,
    "rumoured": 0.3,
    "hypothetical": 0.2,
    "denied": 0.1,
    "negated": 0.0,
}


@dataclass(frozen=True)
class Modality:
    modality: str
    confidence: float
    speaker: str | None = None
    cue: str | None = None


def _mk(modality: str, cue: str | None = None, speaker: str | None = None) -> Modality:
    return Modality(modality, CONFIDENCE[modality], speaker, cue)


_RUMOUR = re.compile(r"\b(rumou?rs?|rumou?red|unconfirmed reports?|it is whispered|allegedly)\b",
                     re.I)
_DENIED = re.compile(r"\b(denied|denies|deny|denial|dismissed as)\b", re.I)
_INFERRED = re.compile(
    r"\b(we can (?:be )?sure|it is a certainty|it is certain|we know|it is clear|"
    r"clearly|obviously|certainly|undoubtedly|without doubt|no doubt|surely|"
    r"must have|it is evident)\b", re.I)
_SPECULATED = re.compile(
    r"\b(best guess|educated guess(?:es)?|seems?|seemed|appears?|appeared|could|might|(?-i:may)|"
    r"probably|possibly|perhaps|likely|apparently|presumably|suggests?|it is possible|"
    r"is said to|are said to|were said to|is thought to|are thought to|reportedly|"
    r"almost certainly|speculat\w+)\b", re.I)
_AUTHOR_INFERENCE = re.compile(
    r"\b(we can (?:be )?(?:sure|certain)|we may be (?:sure|certain)|it is a certainty|"
    r"it is certain that|there (?:can be|is) no doubt that)\b", re.I)
_STRONG_HEDGE = re.compile(
    r"\b(best guess|educated guess(?:es)?|it is possible|it seems|it appears|"
    r"we can (?:be )?sure|it is a certainty|it is certain|we know|it is clear)\b", re.I)
_FUTURE_WORDS = re.compile(
    r"\b(will|shall|going to|is to|are to|plans? to|planned|intends? to|intended|"
    r"expected to|scheduled|set to|due to|next (?:week|month|year)|tomorrow|"
    r"in the coming|upcoming|would)\b", re.I)
# Words (lower-cased) of which every match of the pattern holds one.  The
# patterns are searched in windows of the sentence: a sentence holding none of
# a pattern's words has no window that matches it.
_NEEDED_WORDS: NeededWords[re.Pattern[str]] = NeededWords({
    _STRONG_HEDGE: ("guess", "it is possible", "it seems", "it appears", "sure", "certain",
                    "we know", "it is clear"),
    _INFERRED: ("sure", "certain", "we know", "clear", "obviously", "doubt", "must have",
                "evident"),
    _SPECULATED: ("guess", "seem", "appear", "could", "might", "may", "probably", "possib",
                  "perhaps", "likely", "apparently", "presumably", "suggest", "said to",
                  "thought to", "reportedly", "certainly", "speculat"),
    _FUTURE_WORDS: ("will", "shall", "going to", "is to", "are to", "plan", "intend",
                    "expected to", "scheduled", "set to", "due to", "next ", "tomorrow",
                    "in the coming", "upcoming", "would"),
})
_FUTURE_GOVERNORS = {"plan", "intend", "expect", "hope", "want", "prepare", "schedule", "aim",
                     "seek", "propose", "promise", "pledge", "vow", "agree", "decide", "set"}
_CONDITION_MARKS = ("if", "unless", "whether")
_SAY_VERBS = {"say", "tell", "report", "announce", "state", "claim", "confirm", "add", "write",
              "declare", "insist", "note", "stress", "quote", "disclose", "reveal", "assert"}
_ACCORDING = re.compile(r"\b[Aa]ccording to ((?:the )?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*)")


def _clause_of(trigger: Token) -> Token:
    """The verb heading the clause the trigger belongs to."""
    tok = trigger
    while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _governors(tok: Token, limit: int = 4) -> list[Token]:
    out = []
    cur = tok
    for _ in range(limit):
        if cur.head.i == cur.i:
            break
        cur = cur.head
        out.append(cur)
    return out


def _subject_text(verb: Token) -> str | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            left = child.left_edge.i
            return span_text(verb.doc, left, child.i + 1)
    return None


def _window(sent: Span, trigger: Token, before: int = 12, after: int = 4,
            sent_text: str | None = None) -> str:
    start = max(sent.start, trigger.i - before)
    end = min(sent.end, trigger.i + after)
    if sent_text is None:
        return span_text(sent.doc, start, end)
    return text_of(sent, sent_text, start, end)


_RUMOUR_WORD = re.compile(r"rumou?r(?:s|ed)?", re.I)


def _rumour_scope_start(sent: Span, trigger: Token) -> int | None:
    """Where the rumour's clause starts when ``trigger`` stands before it (the
    trigger is then outside the rumour), else None.  The clause is the rumour
    word's head with all it governs and everything after it: what is rumoured
    follows "there are rumours that"; "X struck, rumours say" is covered by the
    head.  With no rumour word to place ("unconfirmed reports"), None."""
    for cue in sent:
        if not _RUMOUR_WORD.fullmatch(cue.text):
            continue
        head = cue.head
        start = head.left_edge.i
        if trigger.i >= start or trigger.i in {t.i for t in head.subtree}:
            return None
        return start
    return None


@lru_cache(maxsize=256)
def _sentence_cues(text: str) -> tuple[re.Match[str] | None, ...]:
    """The searches over the whole sentence, done once for all its events:
    (rumour, denial, author's inference, "according to")."""
    return (_RUMOUR.search(text), _DENIED.search(text), _AUTHOR_INFERENCE.search(text),
            _ACCORDING.search(text))


@lru_cache(maxsize=256)
def _searchable(text: str) -> frozenset[re.Pattern[str]]:
    """The patterns of `_NEEDED_WORDS` that may match somewhere in ``text``."""
    return _NEEDED_WORDS.possible(text)


def _search(pattern: re.Pattern[str], part: str, text: str) -> re.Match[str] | None:
    """``pattern.search(part)``, skipped when ``part`` is a piece of the sentence
    ``text`` and ``text`` holds none of the words the pattern needs."""
    if pattern in _searchable(text) or part not in text:
        return pattern.search(part)
    return None


def modality_of(sent: Span, trigger: Token, sent_text: str | None = None) -> Modality:
    """The modality of the event whose trigger is ``trigger`` in sentence ``sent``
    (``sent_text``: ``sent.text``, when the caller has it already)."""
    text = sent.text if sent_text is None else sent_text
    clause = _clause_of(trigger)
    govs = [clause, *_governors(clause)]
    gov_lemmas = {g.lemma_.lower() for g in govs}

    # Rumours and denials first: a rumour that is denied is recorded as denied
    # with the cue saying it was a rumour (documented combined reading).
    rumour, denial, vouched, according = _sentence_cues(text)
    denied = denial or "deny" in gov_lemmas
    if trigger.lemma_.lower() == "deny" or _DENIED.fullmatch(trigger.text):
        # The denial itself is an act that happened ("Iran denied that ..."
        # as REJECT): only a denial governing it from above makes it denied.
        gov_lemmas = {g.lemma_.lower() for g in govs if g.i != trigger.i}
        denied = "deny" in gov_lemmas
    scope_start = _rumour_scope_start(sent, trigger) if rumour else None
    if scope_start is not None:
        # "X is said to rely on Y, and there are rumours - denied - that ...":
        # the rumour and its denial belong to the later clause.
        rumour = None
        denied = _DENIED.search(text_of(sent, text, sent.start, scope_start))
    if rumour and denied:
        return _mk("denied", cue=f"rumour ({rumour.group(0)}), denied")
    if denied and ("deny" in gov_lemmas or ((trigger.i - sent.start) > 0
                   and _DENIED.search(_window(sent, trigger, 8, 0, text)))):
        return _mk("denied", cue="denied")
    if rumour:
        return _mk("rumoured", cue=rumour.group(0))

    # Negation on the trigger or on its clause verb.
    for tok in {trigger, clause}:
        for child in tok.children:
            if child.dep_ == "neg" or child.lower_ in ("never", "no"):
                return _mk("negated", cue=child.text)
    if any(g.lemma_.lower() == "fail" for g in govs[:2]):
        return _mk("negated", cue="fail")

    # Conditions: the trigger's clause (or one governing it) is an if-clause.
    conditional = heads_with_child(sent.doc, "mark", _CONDITION_MARKS)
    if conditional and any(tok.i in conditional for tok in [clause, *govs]):
        return _mk("hypothetical", cue="if")

    # Hedges that open the sentence and scope over all of it ("It seems that ...").
    prefix = text_of(sent, text, sent.start, trigger.i + 1)
    strong = _search(_STRONG_HEDGE, prefix, text)
    if strong:
        kind = "inferred" if _INFERRED.fullmatch(strong.group(0)) else "speculated"
        return _mk(kind, cue=strong.group(0))
    # The author vouching for what the sentence says ("... but we can be sure
    # they took place") scopes over the whole sentence, wherever it stands.
    # "we can sure" (a dropped "be") is a common slip and read the same.
    if vouched:
        return _mk("inferred", cue=vouched.group(0))
    window = _window(sent, trigger, sent_text=text)
    inferred = _search(_INFERRED, window, text)
    if inferred:
        return _mk("inferred", cue=inferred.group(0))
    speculated = _search(_SPECULATED, window, text)
    if speculated:
        return _mk("speculated", cue=speculated.group(0))

    aux = {c.lower_ for c in clause.children if c.dep_ in ("aux", "auxpass")}
    if aux & {"will", "shall", "'ll"} or (gov_lemmas & _FUTURE_GOVERNORS and clause.tag_ == "VB"):
        return _mk("future", cue=next(iter(aux & {"will", "shall", "'ll"}), "intention"))
    future = _search(_FUTURE_WORDS, _window(sent, trigger, 6, 6, text), text)
    if future and clause.tag_ in ("VB", "VBG", "VBZ", "VBP", "NN", "NNS") and \
            future.group(0).lower() != "would":
        return _mk("future", cue=future.group(0))

    # Reported speech: "according to X", or a saying verb governing the clause.
    if according:
        return _mk("reported", cue="according to", speaker=according.group(1))
    for g in _governors(clause, 3):
        if (g.lemma_.lower() in _SAY_VERBS and clause.dep_ in ("ccomp", "parataxis", "xcomp")) \
                or (g.lemma_.lower() in _SAY_VERBS and g.dep_ == "ROOT" and g.i > clause.i):
            return _mk("reported", cue=g.lemma_.lower(), speaker=_subject_text(g))
    root = sent.root
    if root.lemma_.lower() in _SAY_VERBS and root.i != clause.i:
        return _mk("reported", cue=root.lemma_.lower(), speaker=_subject_text(root))
    return _mk("asserted")


_BLOCK_INTRO = re.compile(
    r"(?P<spk>(?:the )?[A-Z][\w’'.-]*(?:\s+(?:of\s+)?[A-Z][\w’'.-]*)*)(?:,[^,]{1,80},)?\s+"
    r"(?:\w+ly\s+)?(?:reports?|reported|says|said|spoke|speaks|wrote|writes|told|tells|"
    r"puts it|put it|explained|explains|commented|comments)\b")


def quote_blocks(text: str) -> list[tuple[int, int, str]]:
    """(start, end, speaker) of paragraphs that quote someone introduced by the
    paragraph before ("This is how Reuters put it", "X spoke
    about this:"): an introduction is a paragraph whose last sentence names a
    speaker with a saying verb and does not end with a full stop."""
    paras = [(m.start(), m.end()) for m in re.finditer(r"\S(?:.|\n(?!\s*\n))*", text)]
    out = []
    for (s1, e1), (s2, e2) in itertools.pairwise(paras):
        intro = text[s1:e1].rstrip()
        if intro.endswith((".", "!", "?", "”", '"')) and not intro.endswith(":"):
            continue
        last = re.split(r"(?<=[.!?])\s+", intro)[-1]
        found = list(_BLOCK_INTRO.finditer(last))
        if found:
            out.append((s2, e2, found[-1].group("spk")))
    return out
