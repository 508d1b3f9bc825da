"""Paragraph passages: exact offsets, normalised hashes, default kind and date."""

from __future__ import annotations

from datetime import date

from blocwatch.ingest.passages import normalise, passage_hash, split_passages
from blocwatch.models import Article


def _article(text: str, when: date | None = date(2015, 7, 14)) -> Article:
    return Article(id="a1", text=text, origin="test.txt", date=when)


def test_offsets_point_exactly_into_the_text():
    text = (
        "  The Vienna talks ended in July 2015.  \n"
        "\n"
        "Iran accepted limits on enrichment.\n"
        "It kept a civilian programme.\n"
        " \t \n"
        "\n"
        "Sanctions were suspended in January 2016.\n"
    )
    passages = split_passages(_article(text))
    assert [p.text for p in passages] == [
        "The Vienna talks ended in July 2015.",
        "Iran accepted limits on enrichment.\nIt kept a civilian programme.",
        "Sanctions were suspended in January 2016.",
    ]
    for i, p in enumerate(passages):
        assert p.index == i
        assert text[p.start:p.end] == p.text
        assert p.article_id == "a1"
        assert p.kind == "own"
        assert p.date == date(2015, 7, 14)
        assert p.original_id is None and p.original_index is None


def test_windows_line_ends_and_one_line_per_paragraph():
    crlf = "First paragraph here.\r\n\r\nSecond paragraph here.\r\n"
    assert [p.text for p in split_passages(_article(crlf))] == [
        "First paragraph here.", "Second paragraph here."]
    # no blank line at all: each line is a paragraph, as many exports write them
    lines = "One line about the summit.\nAnother about the treaty.\nA third."
    passages = split_passages(_article(lines))
    assert [p.text for p in passages] == [
        "One line about the summit.", "Another about the treaty.", "A third."]
    assert all(lines[p.start:p.end] == p.text for p in passages)


def test_empty_text_has_no_passages_and_undated_article_gives_undated_passages():
    assert split_passages(_article("  \n\n \n")) == []
    (only,) = split_passages(_article("A single paragraph.", when=None))
    assert only.date is None


def test_hash_ignores_case_quotes_dashes_and_spacing_but_not_words():
    a = "The “deal” was signed – finally – in Vienna."
    b = 'the "deal"  was signed - finally - in vienna'
    assert normalise(a) == normalise(b) == "the deal was signed finally in vienna"
    assert passage_hash(a) == passage_hash(b)
    assert passage_hash(a) != passage_hash("The deal was signed in Geneva.")
