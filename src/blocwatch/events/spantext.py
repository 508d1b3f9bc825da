"""Text of token ranges, and a few token attributes, read without Token objects.

``Span.text`` builds a Token object for every word it covers (and ``Doc.text``
for every word of the Doc); coding one sentence asks for the text of the
sentence and of several windows inside it for every event, which made these
rebuilds a large part of the coder's own time.  Slicing the Doc's text by two
token offsets gives the same string: a tokenizer-made Doc's text is the
concatenation of its tokens with their trailing whitespace, and ``Token.idx``
is the offset in it.  The coder records the text each Doc was made from
(`remember_text`) so that it is never rebuilt.
"""

from __future__ import annotations

from spacy.attrs import DEP, HEAD, LOWER
from spacy.tokens import Doc, Span, Token

_TEXT = "blocwatch.text"
_MUTUAL = "blocwatch.mutual"
_MARKED = "blocwatch.marked"
_OTHER_WORDS = ("other", "others", "another")
_EACH_WORDS = ("each", "one")


def remember_text(doc: Doc, text: str) -> Doc:
    """Record ``text`` (the string ``doc`` was made from, = ``doc.text``)."""
    doc.user_data[_TEXT] = text
    return doc


def doc_text(doc: Doc) -> str:
    """``doc.text``, built at most once per Doc."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


def span_text(doc: Doc, start: int, end: int) -> str:
    """``doc[start:end].text`` for ``0 <= start`` and ``end <= len(doc)``."""
    if end <= start:
        return ""
    last = doc[end - 1]
    return doc_text(doc)[doc[start].idx:last.idx + len(last)]


def text_of(sent: Span, sent_text: str, start: int, end: int) -> str:
    """``sent.doc[start:end].text``, cut out of ``sent_text`` (= ``sent.text``)."""
    if end <= start:
        return ""
    doc = sent.doc
    if start < sent.start or end > sent.end:
        return span_text(doc, start, end)
    base = sent.start_char
    last = doc[end - 1]
    return sent_text[doc[start].idx - base:last.idx + len(last) - base]


def mutual_marks(doc: Doc) -> tuple[list[int], list[int]]:
    """Indices of the "other" of "each other" / "one another" in ``doc`` (an
    "other", "others" or "another" after "each" or "one"), and the Doc's head
    indices; computed once per Doc."""
    cached = doc.user_data.get(_MUTUAL)
    if cached is None:
        strings = doc.vocab.strings
        # A string's hash, whether or not the store holds it yet.
        others = {strings[w] for w in _OTHER_WORDS}
        eaches = {strings[w] for w in _EACH_WORDS}
        lowers = doc.to_array(LOWER).tolist() if len(doc) else []
        marks = [i for i in range(1, len(lowers))
                 if lowers[i] in others and lowers[i - 1] in eaches]
        heads = [i + h for i, h in enumerate(doc.to_array(HEAD).astype("int64").tolist())] \
            if marks else []
        cached = doc.user_data[_MUTUAL] = (marks, heads)
    return cached


def in_subtree(heads: list[int], i: int, top: int) -> bool:
    """Whether token ``i`` is ``top`` or below it (``heads``: each token's head index)."""
    for _ in range(len(heads)):
        if i == top:
            return True
        head = heads[i]
        if head == i:
            return False
        i = head
    return False


def has_mutual_mark(tok: Token) -> bool:
    """Whether the phrase ``tok`` heads holds "each other" or "one another"
    (any token of ``tok.subtree`` is such an "other")."""
    marks, heads = mutual_marks(tok.doc)
    return any(in_subtree(heads, m, tok.i) for m in marks)


def heads_with_child(doc: Doc, dep: str, words: tuple[str, ...]) -> tuple[int, ...]:
    """Indices of the tokens of ``doc`` that have a child with dependency
    ``dep`` whose lower-cased text is one of ``words``; computed once per Doc
    (and per question)."""
    key = (_MARKED, dep, words)
    cached = doc.user_data.get(key)
    if cached is None:
        strings = doc.vocab.strings
        dep_id, word_ids = strings[dep], {strings[w] for w in words}
        rows = doc.to_array([DEP, LOWER, HEAD]).tolist() if len(doc) else []
        cached = doc.user_data[key] = tuple(
            (i + head) % 2 ** 64 for i, (d, lower, head) in enumerate(rows)
            if d == dep_id and lower in word_ids and head != 0)
    return cached
