"""Split a cleaned article into paragraph passages with exact offsets.

A passage is the unit that republication detection compares and that later
stages attribute to a date, so its offsets must point into ``Article.text``
exactly and its hash must ignore what a republisher typically changes
(case, quotes, dashes, spacing, punctuation).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from blocwatch.models import Article, Passage

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v\u00a0]*\n")
_LINE = re.compile(r"\n")
_WORD = re.compile(r"\w+")


def normalise(text: str) -> str:
    """The comparison form of a text: NFKC, case-folded words joined by one space.

    Punctuation and spacing are dropped because copies differ in exactly those
    (curly versus straight quotes, a dash turned into a hyphen, doubled spaces).
    """
    return " ".join(words_of(text))


def words_of(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def passage_hash(text: str) -> str:
    return hashlib.blake2b(normalise(text).encode("utf-8"), digest_size=8).hexdigest()


def _spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank block, trimmed of surrounding whitespace."""
    # Texts without any blank line but with line breaks (one paragraph per
    # line, as many exports write them) are split on the line breaks instead.
    separator = _BLANK_LINE if _BLANK_LINE.search(text) or "\n" not in text.strip() else _LINE
    spans = []
    position = 0
    for match in separator.finditer(text):
        spans.append((position, match.start()))
        position = match.end()
    spans.append((position, len(text)))
    trimmed = []
    for start, end in spans:
        block = text[start:end]
        stripped = block.strip()
        if not stripped:
            continue
        lead = len(block) - len(block.lstrip())
        trimmed.append((start + lead, start + lead + len(stripped)))
    return trimmed


def split_passages(article: Article) -> list[Passage]:
    """Paragraph passages of ``article``: kind ``own``, dated like the article."""
    passages = []
    for index, (start, end) in enumerate(_spans(article.text)):
        body = article.text[start:end]
        passages.append(
            Passage(
                article_id=article.id,
                index=index,
                start=start,
                end=end,
                text=body,
                hash=passage_hash(body),
                kind="own",
                date=article.date,
            )
        )
    return passages
