"""Finding actor mentions in a spaCy Doc.

A `PhraseMatcher` over every name in the tables (built once per process)
proposes candidates on a tokenizer-only Doc; each is widened to its whole
phrase and resolved with its sentence (`resolve.resolve_span`), overlapping
phrases are merged, and in-document references (`coref`) are added last.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date
from threading import Lock

import numpy
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from blocwatch.actors.coref import add_references
from blocwatch.actors.lexicon import lexicon_for
from blocwatch.actors.places import PLACES
from blocwatch.actors.resolve import resolve_in_pieces, sentence_pieces
from blocwatch.actors.tables import ActorTables, load_tables, name_key
from blocwatch.actors.titles import TITLES
from blocwatch.models import Actor, Mention

# A sentence ends at . ! ? (and closing quotes/brackets) before a capital, or at a blank line.
_SENTENCE_END = re.compile(r"""(?<=[.!?…])["”’)\]]*\s+(?=["“‘(\[]?[A-Z0-9])|\n\s*\n|(?<=[a-z])\.(?=[A-Z][a-z])""")
_ABBREVIATION = re.compile(
    r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|St|Lt|Col|Gov|Prof|Jr|Sr|Adm|Capt|Maj|Sgt|Rev|Hon|"
    r"Amb|Pres|Gen|Brig|Cmdr|Cpl|Pvt|Sec|vs|No)|(?:[A-Z]\.){1,3}[A-Z])\.$"
)
_NER_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_COLUMNS = ["IDX", "LENGTH"]
_SHORT_DOC = 600  # tokens


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence; no parser needed."""
    spans = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if _ABBREVIATION.search(text, max(0, m.start() - 8), m.start()):
            continue  # "Mr. Trump", "George W. Bush", "the U.S. Navy"
        g = m.group()
        end = m.end() if g == "." else m.start() + len(g) - len(g.lstrip("\"”’)]"))
        if end > start:
            spans.append((start, end))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


class _Scanner:
    def __init__(self, vocab: Vocab, tables: ActorTables) -> None:
        self.tables = tables
        self.lexicon = lexicon_for(tables)
        self.matcher = PhraseMatcher(vocab, attr="LOWER")
        forms = set(tables.surface_forms)
        forms.update(name for name, _, _ in PLACES)
        # titles are candidates only to catch names the tables lack ("Senator Smith")
        self.title_keys = frozenset(t for t in TITLES if len(t) > 3) - {name_key(f) for f in forms}
        forms.update(self.title_keys)
        forms.update(f.replace("'", "’") for f in list(forms) if "'" in f)
        tokenizer = _tokenizer(vocab)
        self.matcher.add("ACTOR", list(tokenizer.pipe(sorted(forms))))


def _tokenizer(vocab: Vocab):  # type: ignore[no-untyped-def]
    from spacy.lang.en import English

    nlp = English(vocab=vocab)
    return nlp.tokenizer


_SCANNERS: dict[tuple[int, int], _Scanner] = {}
_LOCK = Lock()


def _scanner(vocab: Vocab, tables: ActorTables) -> _Scanner:
    key = (id(vocab), id(tables))
    with _LOCK:
        found = _SCANNERS.get(key)
        if found is None or found.tables is not tables:
            found = _SCANNERS[key] = _Scanner(vocab, tables)
        return found


def _name_follows(text: str, end: int) -> bool:
    rest = text[end:end + 3].lstrip()
    return rest[:1].isupper()


def _keep(actor: Actor) -> bool:
    """Drop candidates that turned out to name nothing (a title alone, "us")."""
    if actor.matched_by and "context-country" in actor.matched_by:
        return False
    if actor.kind != "unresolved":
        return True
    return bool(actor.name) or bool(actor.reason and actor.reason.startswith("ambiguous"))


def scan_doc(
    doc: Doc,
    date: date | None,
    *,
    article_id: str = "",
    passage_index: int | None = None,
    tables: ActorTables | None = None,
    text: str | None = None,
) -> list[Mention]:
    """Every actor mention in ``doc``, resolved at ``date``, with char spans into ``doc.text``.

    ``text`` may be given when the caller has it (it must be ``doc.text``):
    rebuilding it from a long Doc costs more than the scan of a short one."""
    tables = tables if tables is not None else load_tables()
    scanner = _scanner(doc.vocab, tables)
    if text is None:
        text = doc.text
    sentences = sentence_spans(text)
    starts = [s for s, _ in sentences]
    matches = scanner.matcher(doc)
    candidates: list[tuple[int, int]] = []
    if matches:
        if len(doc) <= _SHORT_DOC:
            # a paragraph: plain lists cost less than numpy's fixed costs per call
            offsets = doc.to_array(_COLUMNS).tolist()
            for _, s, e in matches:
                last = offsets[e - 1]
                candidates.append((offsets[s][0], last[0] + last[1]))
        else:
            columns = doc.to_array(_COLUMNS)
            bounds = numpy.array([(s, e - 1) for _, s, e in matches])
            first, last = columns[bounds[:, 0]], columns[bounds[:, 1]]
            candidates = list(zip(first[:, 0].tolist(), (last[:, 0] + last[:, 1]).tolist(), strict=True))
    # with NER, entities add names the tables lack; a tokenizer-only Doc has none
    # (asked of the Doc: doc.ents would build a Python object per token)
    if doc.has_annotation("ENT_IOB"):
        candidates += [(e.start_char, e.end_char) for e in doc.ents if e.label_ in _NER_LABELS]
    candidates.sort(key=lambda se: (se[0], -(se[1] - se[0])))

    found: list[tuple[int, int, Actor]] = []
    title_keys = scanner.title_keys
    lex = scanner.lexicon
    # one sentence at a time: its text and pieces are made once for all its mentions
    k_cut, s0, s1, pieces = -1, 0, 0, ()
    for start, end in candidates:
        if found and start >= found[-1][0] and end <= found[-1][1]:
            continue  # inside a phrase already read
        if end - start > 3 and text[start:end].lower() in title_keys and not _name_follows(text, end):
            continue  # a title not followed by a name: its country, if any, is a candidate of its own
        k = max(0, bisect_right(starts, start) - 1)
        if k != k_cut:
            k_cut, (s0, s1) = k, sentences[k]
            pieces = sentence_pieces(lex, text[s0:s1])
        res = resolve_in_pieces(lex, pieces, start - s0, min(end, s1) - s0, date)
        span = (res.start + s0, res.end + s0)
        if not _keep(res.actor):
            continue
        if found and span[0] < found[-1][1]:
            prev = found.pop()
            union = (min(prev[0], span[0]), max(prev[1], span[1]))
            if union == (prev[0], prev[1]):
                found.append(prev)
                continue
            merged = resolve_in_pieces(lex, pieces, union[0] - s0, union[1] - s0, date)
            if prev[0] < s0 or not _keep(merged.actor):
                found.append(prev)
                continue
            found.append((merged.start + s0, merged.end + s0, merged.actor))
            continue
        found.append((span[0], span[1], res.actor))
    mentions = [
        Mention(article_id=article_id, start=s, end=e, text=text[s:e], actor=a, passage_index=passage_index)
        for s, e, a in found
    ]
    return add_references(text, sentences, mentions, article_id=article_id, passage_index=passage_index,
                          tables=tables, when=date)


def scan_text(text: str, date: date | None, *, article_id: str = "",
              tables: ActorTables | None = None) -> list[Mention]:
    """`scan_doc` on a tokenizer-only Doc of ``text`` (no tagger, parser or NER)."""
    from blocwatch.nlp import load_nlp
    from blocwatch.settings import load_settings

    nlp = load_nlp(load_settings().spacy_model)
    return scan_doc(nlp.make_doc(text), date, article_id=article_id, tables=tables, text=text)
