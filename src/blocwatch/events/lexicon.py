"""The packaged trigger lexicon: verbs and nouns that signal a PLOVER event,
and the words that give an event its context (``data/event_lexicon.csv``)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from blocwatch.errors import BlocwatchError
from blocwatch.events.ontology import ROOTS

# Past forms the suffix rules below cannot make; enough for the prefilter.
_IRREGULAR = {
    "meet": ["met"], "hold": ["held"], "speak": ["spoke", "spoken"], "sell": ["sold"],
    "give": ["gave", "given"], "fight": ["fought"], "strike": ["struck"], "shoot": ["shot"],
    "freeze": ["froze", "frozen"], "send": ["sent"], "take": ["took", "taken"],
    "bring": ["brought"], "cut": ["cut"], "lead": ["led"], "hit": ["hit"], "beat": ["beaten"],
    "begin": ["began", "begun"], "seek": ["sought"], "lend": ["lent"], "withdraw": ["withdrew",
    "withdrawn"], "forgive": ["forgave", "forgiven"], "stand": ["stood"], "win": ["won"],
    "put": ["put"], "set": ["set"], "shut": ["shut"], "make": ["made"], "tell": ["told"],
    "buy": ["bought"], "build": ["built"], "pay": ["paid"], "go": ["went", "gone"],
    "sign": ["signed"], "break": ["broke", "broken"], "see": ["saw", "seen"], "come": ["came"],
    "sit": ["sat"], "run": ["ran"], "fly": ["flew", "flown"], "draw": ["drew", "drawn"],
}


SENDING_VERBS = ("send", "dispatch", "move", "rush", "fly", "ship", "deploy", "airlift")


@dataclass(frozen=True)
class Trigger:
    term: str  # lemma or space-separated lemma sequence
    pos: str  # V or N
    root: str
    mode: str | None
    context: str | None


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, Trigger]
    nouns: dict[str, Trigger]
    phrasal_verbs: dict[tuple[str, str], Trigger]  # (verb lemma, particle) -> trigger
    compound_nouns: dict[tuple[str, ...], Trigger]
    contexts: dict[str, str]
    compound_contexts: dict[tuple[str, ...], str]
    surface_forms: frozenset[str]  # lower-cased word forms of every trigger, for prefiltering

    def trigger_for(self, lemma: str, pos: str) -> Trigger | None:
        if pos in ("VERB", "AUX"):
            return self.verbs.get(lemma)
        if pos in ("NOUN", "PROPN"):
            return self.nouns.get(lemma)
        return None


def _forms(lemma: str) -> set[str]:
    """Inflected forms of a verb or noun, by the regular English suffix rules."""
    w = lemma
    out = {w, w + "s", w + "es", w + "ed", w + "d", w + "ing"}
    if w.endswith("e"):
        out |= {w[:-1] + "ing", w + "d"}
    if w.endswith("y") and len(w) > 2 and w[-2] not in "aeiou":
        out |= {w[:-1] + "ies", w[:-1] + "ied"}
    if len(w) >= 3 and w[-1] not in "aeiouwxy" and w[-2] in "aeiou" and w[-3] not in "aeiou":
        out |= {w + w[-1] + "ed", w + w[-1] + "ing"}
    out.update(_IRREGULAR.get(w, []))
    return out


LEXICON_FILE = "event_lexicon.csv"


def _read_rows() -> list[dict[str, str]]:
    text = resources.files("blocwatch.data").joinpath(LEXICON_FILE).read_text("utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(lines))


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    verbs: dict[str, Trigger] = {}
    nouns: dict[str, Trigger] = {}
    phrasal: dict[tuple[str, str], Trigger] = {}
    compounds: dict[tuple[str, ...], Trigger] = {}
    contexts: dict[str, str] = {}
    compound_contexts: dict[tuple[str, ...], str] = {}
    forms: set[str] = set()
    for n, row in enumerate(_read_rows(), 2):
        term = row["term"].strip().lower()
        pos = row["pos"].strip()
        words = tuple(term.split())
        if pos == "C":
            if len(words) > 1:
                compound_contexts[words] = row["context"]
            else:
                contexts[term] = row["context"]
            continue
        root = row["root"].strip()
        if root not in ROOTS:
            raise BlocwatchError(
                f"event_lexicon.csv row {n}: {root!r} is not a PLOVER root",
                hint="use one of " + ", ".join(ROOTS),
            )
        trig = Trigger(term, pos, root, row["mode"].strip() or None,
                       row["context"].strip() or None)
        for w in words:
            forms |= _forms(w)
        if pos == "V":
            if len(words) == 2:
                phrasal[(words[0], words[1])] = trig
            else:
                verbs.setdefault(term, trig)
        elif len(words) > 1:
            compounds[words] = trig
        else:
            nouns.setdefault(term, trig)
    # Sending verbs carry no type of their own (the object decides: troops or
    # aid, `extract._object_decides`) but must reach the parser.
    for verb in SENDING_VERBS:
        forms |= _forms(verb)
    # Particles alone would let every sentence through the prefilter.
    forms -= {"on", "for", "out", "down", "in", "over", "by", "back", "up"}
    return Lexicon(verbs, nouns, phrasal, compounds, contexts, compound_contexts,
                   frozenset(forms))
