"""Cleaning articles: furniture out by general rules, titles, ids, dates and
"first published" sentences (ingest.clean, ingest.metadata)."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from blocwatch.ingest.clean import article_id, clean_article, clean_text, normalise_text
from blocwatch.ingest.metadata import find_first_published, parse_date, search_date
from blocwatch.models import Article, IngestProblem, RawArticle
from blocwatch.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"
SETTINGS = Settings()
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/corpus/seeds not present")


def clean(text: str, settings: Settings = SETTINGS, **raw_fields) -> Article:
    article = clean_article(RawArticle(origin="test", text=text, format="text", **raw_fields),
                            settings)
    assert isinstance(article, Article), article
    return article


def paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n|\n", text) if p.strip()]


# ---------------------------------------------------------------- general rules


def test_scraped_page_keeps_only_the_body():
    raw = (FIXTURES / "scraped.txt").read_text(encoding="utf-8")
    article = clean(raw)
    kept = article.text.split("\n\n")
    assert article.title == "Nordic States Join the Alliance"
    assert kept[0].startswith("Finland formally became")
    assert kept[-1].endswith("coastline of the Baltic Sea.")
    assert len(kept) == 4
    for furniture in ("by ,", "Opinions", "cookies", "Advertisement", "Share", "Home |",
                      "helpful", "Reply", "Load more", "Baltic Ports", "Central Bank"):
        assert furniture not in article.text
    assert article.words == sum(len(p.split()) for p in kept)


def test_republished_article_keeps_introduction_annotations_and_first_published():
    raw = (FIXTURES / "republished.txt").read_text(encoding="utf-8")
    article = clean(raw)
    assert article.text == "\n\n".join(paragraphs(raw))  # nothing removed
    assert article.title is None
    assert article.first_published == ("Example Review", date(2018, 3, 3))
    assert article.text[article.first_published_at:].startswith("This article was first")
    assert article.date is None  # the sentence dates the original, not this copy


def test_whitespace_is_normalised_and_paragraph_breaks_kept():
    text = ("  The two   governments\u00a0signed a\u200b trade agreement in Geneva on Monday.\r\n"
            "\r\n\r\n\tIt covers tariffs on steel and on farm products for five years.  \n")
    article = clean(text, SETTINGS.with_values(min_article_words=5))
    assert article.text == ("The two governments signed a trade agreement in Geneva on Monday."
                            "\n\nIt covers tariffs on steel and on farm products for five years.")


def test_hard_wrapped_lines_are_joined_but_widget_lines_are_not():
    wrapped = ("The foreign ministers of the two countries met in Vienna on Tuesday and\n"
               "agreed to resume the talks on the nuclear programme that had stalled in\n"
               "the spring, according to officials from both delegations.")
    assert clean_text(wrapped).paragraphs == (" ".join(wrapped.split("\n")),)
    tail = wrapped + "\n\nLike\nReply\nSort by newest"
    assert clean_text(tail).paragraphs == (" ".join(wrapped.split("\n")),)


def test_title_is_detected_only_when_unknown_and_never_left_in_the_body():
    body = ("The Shanghai Cooperation Organisation admitted Iran as a full member at its "
            "summit held online in July 2023, its second enlargement.")
    text = f"Iran Joins the Shanghai Group\n\n{body}"
    assert clean(text).title == "Iran Joins the Shanghai Group"
    known = clean(text, title="A Headline From the Page")
    assert known.title == "A Headline From the Page" and known.text == body
    # A line ending a sentence is not a title, and a byline is not one either.
    assert clean(f"By Jane Roe\n\n{body}").title is None
    assert clean(body).title is None


def test_short_final_sentence_stays_but_trailing_headlines_go():
    body = ("The summit ended without a joint statement, the first time in a decade that "
            "the group has failed to agree on one.\n\nTalks resume in May.\n\n"
            "Ministers Gather for Energy Talks in Oslo\n\nWhy the Grain Deal Collapsed\n\n"
            "Opposition leaders in the capital call for early elections after the prime "
            "minister loses a confidence vote\n\nSeven Things Learned From Davos.")
    article = clean(body, SETTINGS.with_values(min_article_words=5))
    assert article.text.endswith("Talks resume in May.")
    for headline in ("Oslo", "Grain", "confidence vote", "Davos"):
        assert headline not in article.text
    # A punctuated headline straight after the story is still a headline.
    first = body.split("\n\n")[0]
    assert clean(f"{first}\n\nSeven Things Learned From Davos.").text == first


def test_repeated_paragraph_inside_the_body_keeps_its_first_copy():
    para = ("Negotiators from both sides said the ceasefire line would be monitored by "
            "observers from a neutral country.")
    other = "The agreement was signed after three weeks of talks in a hotel near the border."
    article = clean(f"{para}\n\n{other}\n\n{para}\n\n{other}\n\nThe end came quickly here.")
    assert article.text.count(para) == 1 and article.text.count(other) == 1


def test_too_short_after_cleaning_is_a_problem():
    problem = clean_article(RawArticle(origin="tiny.txt", text="Subscribe\n\nShare\n\nOk.",
                                       format="text"), SETTINGS)
    assert isinstance(problem, IngestProblem)
    assert problem.where == "tiny.txt"
    assert problem.reason == ("only 1 word left after removing page furniture, fewer than "
                              "min_article_words (20)")
    longer = clean_article(RawArticle(origin="short.txt", format="text",
                                      text="The two foreign ministers met in Geneva today."),
                           SETTINGS)
    assert isinstance(longer, IngestProblem) and longer.reason.startswith("only 8 words")
    assert longer.hint == "--setting min_article_words 8"


def test_metadata_passes_through_to_the_article():
    raw = RawArticle(origin="x.html:3", text=(FIXTURES / "aachen.txt").read_text("utf-8"),
                     format="json", file_name="x.html", date=date(2019, 1, 22),
                     url="https://example.org", source="Desk", meta={"date_basis": "json"})
    article = clean_article(raw, SETTINGS)
    assert isinstance(article, Article)
    assert (article.date, article.date_basis, article.url, article.source, article.format) == (
        date(2019, 1, 22), "json", "https://example.org", "Desk", "json")
    assert article.origin == "x.html:3" and article.file_name == "x.html"


def test_cleaning_is_linear_in_the_number_of_paragraphs():
    para = "The two states agreed to hold further talks on the border next spring."
    article = clean("\n\n".join(f"{para} Round {i}." for i in range(3000)))
    assert article.text.count("\n\n") == 2999


# ---------------------------------------------------------------- ids


def test_article_id_ignores_typography_case_and_spacing():
    a = "“Russia and China” signed — at last — a deal on gas. It's done."
    b = '"russia and CHINA"  signed - at last - a deal on gas.\nIt\'s done.'
    assert article_id(a) == article_id(b)
    assert article_id(a) != article_id(a + " More.")
    assert re.fullmatch(r"[0-9a-f]{16}", article_id(a))
    assert normalise_text("Ｆｕｌｌ\u00a0WIDTH") == "full width"


# ---------------------------------------------------------------- dates


@pytest.mark.parametrize("value,expected", [
    ("2016-07-05", date(2016, 7, 5)),
    ("2016-07-05T09:30:00+02:00", date(2016, 7, 5)),
    ("5th July 2016", date(2016, 7, 5)),
    ("5 Jul. 2016", date(2016, 7, 5)),
    ("July 5, 2016", date(2016, 7, 5)),
    ("Tue, 05 Jul 2016 10:00:00 +0000", date(2016, 7, 5)),
    ("13/07/2016", date(2016, 7, 13)),
    ("07/13/2016", date(2016, 7, 13)),
    ("05.07.2016", date(2016, 7, 5)),
    ("20160705", date(2016, 7, 5)),
    ("05/07/2016", None),  # day or month first: a guess, so no date
    ("July 2016", None),
    ("last week", None),
    ("2016-02-30", None),
    ("", None),
    (None, None),
])
def test_parse_date(value, expected):
    assert parse_date(value) == expected


def test_search_date_finds_the_first_date_in_prose():
    found = search_date("It was signed in Minsk on 12 February 2015, and again on 2016-01-01.")
    assert found is not None and found[0] == date(2015, 2, 12)


@pytest.mark.parametrize("text,expected", [
    ("Intro.\n\nThis article was first published by Example Review on 3rd March 2018\n\nBody.",
     ("Example Review", date(2018, 3, 3))),
    ("Some text. Originally published in Foreign Affairs on July 5, 2016.",
     ("Foreign Affairs", date(2016, 7, 5))),
    ("(This piece first appeared on openDemocracy on 3 May 2015.)",
     ("openDemocracy", date(2015, 5, 3))),
    ("First published on 2 March 2019 by the Daily Example.",
     ("the Daily Example", date(2019, 3, 2))),
    ("Editor's note: a shorter version of this article originally appeared at Example "
     "Policy, 12 Jan 2020.", ("Example Policy", date(2020, 1, 12))),
    ("This essay was originally published on 1 June 2001.", (None, date(2001, 6, 1))),
])
def test_find_first_published(text, expected):
    found = find_first_published(text)
    assert found is not None and found[:2] == expected
    assert text[found[2]:].lstrip("(").split()[0] in {"This", "Originally", "First", "Editor's"}


@pytest.mark.parametrize("text", [
    "The treaty text was first published in a newspaper on 5 July 2016.",
    "This article was first published by Example Review.",  # no date
    "The report says the data were originally published on 3 May 2015.",
])
def test_find_first_published_ignores_other_sentences(text):
    assert find_first_published(text) is None


# ---------------------------------------------------------------- seeds


def _seed(prefix: str) -> tuple[str, Article]:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    raw = path.read_text(encoding="utf-8")
    return raw, clean(raw)


def _is_long_paragraph(p: str) -> bool:
    return len(p.split()) >= 20


@pytest.mark.seeds
@needs_seeds
def test_seed_000_page_furniture_is_gone():
    raw, article = _seed("000")
    raw_paragraphs = paragraphs(raw)
    kept = article.text.split("\n\n")
    # The body is intact: every long paragraph that is not repeated, in order.
    counts = Counter(raw_paragraphs)
    body = [p for p in raw_paragraphs if _is_long_paragraph(p) and counts[p] == 1]
    assert len(body) >= 25
    assert kept == body
    # So the text ends with the last body paragraph: nothing after it survives.
    last_body_index = max(i for i, p in enumerate(raw_paragraphs) if p == body[-1])
    trailing = raw_paragraphs[last_body_index + 1:]
    assert len(trailing) >= 10
    for line in trailing:
        assert line not in kept
    # The leading short line, and the paragraph printed twice, are gone.
    assert raw_paragraphs[0] not in kept and len(raw_paragraphs[0].split()) <= 3
    repeated = [p for p, n in counts.items() if n > 1]
    assert repeated and all(p not in article.text for p in repeated)
    assert all(counts[p] == 1 for p in kept)
    assert "Subscribe" not in article.text and "Comments" not in article.text


@pytest.mark.seeds
@needs_seeds
def test_seed_000_title_is_extracted():
    raw, article = _seed("000")
    assert article.title is not None
    assert "China" in article.title and 3 <= len(article.title.split()) <= 12
    assert article.title in paragraphs(raw)[:5]
    assert article.title not in article.text


@pytest.mark.seeds
@needs_seeds
def test_seed_001_keeps_introduction_and_bracketed_annotations():
    raw, article = _seed("001")
    raw_paragraphs = paragraphs(raw)
    assert article.text.split("\n\n") == raw_paragraphs  # nothing of 001 is furniture
    annotations = [p for p in raw_paragraphs if p.startswith("(")]
    assert len(annotations) >= 5
    assert all(p in article.text for p in annotations)
    assert article.first_published == ("The Duran", date(2016, 7, 5))
    offset = article.first_published_at
    assert offset is not None and article.text[offset:].startswith("This article")
    introduction = article.text[:offset]
    assert len(introduction.split()) > 300  # the introduction precedes the sentence
    assert article.title is None and article.date is None


@pytest.mark.seeds
@needs_seeds
def test_seed_001_republishes_the_body_of_000():
    _, original = _seed("000")
    _, copy = _seed("001")
    copy_keys = {normalise_text(p) for p in copy.text.split("\n\n")}
    original_paragraphs = original.text.split("\n\n")
    found = sum(1 for p in original_paragraphs if normalise_text(p) in copy_keys)
    assert found / len(original_paragraphs) >= 0.9


def test_a_question_headline_is_the_title():
    from blocwatch.ingest.clean import clean_text

    body = (
        "The two governments signed a long-term supply contract on Tuesday after a decade "
        "of negotiations over price and route.\n\n"
        "Officials on both sides said the first deliveries would begin within five years, "
        "once the new pipeline is built across the border."
    )
    cleaned = clean_text("Will the New Pipeline Change the Gas Market?\n\n" + body)
    assert cleaned.title == "Will the New Pipeline Change the Gas Market?"
    assert cleaned.text.startswith("The two governments")


def test_a_question_inside_the_body_stays():
    from blocwatch.ingest.clean import clean_text

    text = (
        "Ministers met in Geneva on Monday to discuss the ceasefire and the exchange of "
        "prisoners between the two sides.\n\n"
        "What would a lasting settlement look like?\n\n"
        "Diplomats said any settlement would need guarantees from the regional powers and "
        "monitoring by an international mission."
    )
    cleaned = clean_text(text)
    assert "What would a lasting settlement look like?" in cleaned.text
