"""Text of token ranges inside a sentence whose text is already known.

``Span.text`` builds a Token object for every word it covers; coding one
sentence asks for the text of the sentence and of several windows inside it
for every event, which made these rebuilds a large part of the coder's own
time.  Slicing the sentence's text by two token offsets gives the same string.
"""

from __future__ import annotations

from spacy.tokens import Span


def text_of(sent: Span, sent_text: str, start: int, end: int) -> str:
    """``sent.doc[start:end].text``, cut out of ``sent_text`` (= ``sent.text``)."""
    if end <= start:
        return ""
    doc = sent.doc
    if start < sent.start or end > sent.end:
        return doc[start:end].text
    base = sent.start_char
    last = doc[end - 1]
    return sent_text[doc[start].idx - base:last.idx + len(last) - base]
