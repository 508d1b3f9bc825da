"""The bundled example corpus (examples/articles) is what `make demo` analyses.

These checks keep it usable as a demo and honest as project-written text:
every file has metadata, dates are plausible, the republished story and the
rumour the report is meant to show are really there, and no passage of the
third-party texts in ../shared found its way in.  Fast: no NLP.
"""

from __future__ import annotations

import csv
import json
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import ROOT, SHARED, need_shared

ARTICLES = ROOT / "examples" / "articles"
README = ROOT / "examples" / "README.md"
MANIFEST = ARTICLES / "manifest.csv"
EARLIEST, LATEST = date(2014, 1, 1), date(2025, 12, 31)
MIN_WORDS, MAX_WORDS = 150, 400
# Long enough that a shared window is a copied phrase, not a common name or title.
COPY_WINDOW = 60
FIRST_PUBLISHED = re.compile(
    r"first published by (?P<outlet>[A-Z][\w&' -]+?) on (?P<day>\d{1,2}) (?P<month>[A-Z][a-z]+) (?P<year>\d{4})")
MONTHS = {name: number for number, name in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August",
     "September", "October", "November", "December"], start=1)}


def manifest_rows() -> list[dict[str, str]]:
    with MANIFEST.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def article_files() -> list[Path]:
    return sorted(p for p in ARTICLES.iterdir() if p.suffix in {".txt", ".html"})


def txt_files() -> list[Path]:
    return [p for p in article_files() if p.suffix == ".txt"]


def jsonl_records() -> list[dict[str, str]]:
    records = []
    for path in sorted(ARTICLES.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                records.append(json.loads(line))
    return records


def body_of(path: Path) -> str:
    """The text after the title line and the blank line under it."""
    return path.read_text(encoding="utf-8").split("\n", 2)[2]


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n\n") if p.strip()]


class _ArticleText(HTMLParser):
    """Collects the paragraphs inside <article>, the part a cleaner must keep."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.parts.append(data)


def html_article_text(path: Path) -> str:
    parser = _ArticleText()
    parser.feed(path.read_text(encoding="utf-8"))
    return " ".join(" ".join(parser.parts).split())


def all_example_texts() -> dict[str, str]:
    texts = {p.name: p.read_text(encoding="utf-8") for p in article_files()}
    for index, record in enumerate(jsonl_records()):
        texts[f"jsonl record {index}: {record['title']}"] = record["title"] + "\n" + record["text"]
    texts[README.name] = README.read_text(encoding="utf-8")
    return texts


def normalised(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return " ".join(text.lower().split())


def in_range(value: str) -> bool:
    return EARLIEST <= date.fromisoformat(value) <= LATEST


def test_there_are_at_least_forty_articles():
    count = len(article_files()) + len(jsonl_records())
    assert count >= 40, f"examples/articles holds {count} articles; the demo needs at least 40"


def test_manifest_lists_exactly_the_article_files():
    listed = [row["file"] for row in manifest_rows()]
    assert len(listed) == len(set(listed)), "a file is listed twice in manifest.csv"
    on_disk = {p.name for p in article_files()}
    assert set(listed) - on_disk == set(), "manifest.csv lists files that do not exist"
    assert on_disk - set(listed) == set(), "article files missing from manifest.csv"


def test_manifest_rows_have_dates_in_range_and_invented_sources():
    for row in manifest_rows():
        assert in_range(row["date"]), f"{row['file']}: date {row['date']} is outside 2014-2025"
        assert row["source"].strip(), f"{row['file']}: no source"
        assert row["url"] == "" or row["url"].startswith("https://example.org/"), \
            f"{row['file']}: url must be empty or on example.org, not {row['url']}"


def test_jsonl_records_carry_their_own_metadata():
    records = jsonl_records()
    assert 2 <= len(records) <= 3
    for record in records:
        assert set(record) >= {"text", "title", "date", "source", "url"}
        assert in_range(record["date"]), f"{record['title']}: date {record['date']} is outside 2014-2025"
        assert MIN_WORDS <= len(record["text"].split()) <= MAX_WORDS, record["title"]


@pytest.mark.parametrize("path", txt_files(), ids=lambda p: p.name)
def test_text_article_has_title_blank_line_and_length(path: Path):
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[0].strip() and lines[1] == "", f"{path.name}: title line then a blank line expected"
    words = len(body_of(path).split())
    assert MIN_WORDS <= words <= MAX_WORDS, f"{path.name}: {words} words, expected {MIN_WORDS}-{MAX_WORDS}"


def test_html_page_has_article_text_and_furniture_to_drop():
    pages = [p for p in article_files() if p.suffix == ".html"]
    assert pages, "an HTML example shows that page furniture is cleaned away"
    for page in pages:
        words = len(html_article_text(page).split())
        assert MIN_WORDS <= words <= MAX_WORDS, f"{page.name}: {words} words of article text"
        raw = page.read_text(encoding="utf-8")
        for furniture in ("<nav", "cookies", "Share this", "Related headlines"):
            assert furniture in raw, f"{page.name}: page furniture {furniture!r} missing"


def test_exactly_one_republication_and_its_original_is_present():
    by_name = {row["file"]: row for row in manifest_rows()}
    copies = [p for p in txt_files() if FIRST_PUBLISHED.search(p.read_text(encoding="utf-8"))]
    assert len(copies) == 1, f"expected one republished story, found {[p.name for p in copies]}"
    copy = copies[0]
    stated = FIRST_PUBLISHED.search(copy.read_text(encoding="utf-8"))
    first_date = date(int(stated["year"]), MONTHS[stated["month"]], int(stated["day"]))
    originals = [name for name, row in by_name.items()
                 if row["source"] == stated["outlet"] and row["date"] == first_date.isoformat()]
    assert len(originals) == 1, f"no single original by {stated['outlet']} on {first_date}"
    original = ARTICLES / originals[0]
    copy_date = date.fromisoformat(by_name[copy.name]["date"])
    assert 0 < (copy_date - first_date).days <= 30, "the copy appears a few days after the original"
    assert by_name[copy.name]["source"] != stated["outlet"], "the copy comes from another outlet"
    copy_paragraphs = paragraphs(body_of(copy))
    for paragraph in paragraphs(body_of(original)):
        assert paragraph in copy_paragraphs, f"original paragraph not copied: {paragraph[:60]}"
    new = [p for p in copy_paragraphs if p not in paragraphs(body_of(original))]
    assert new[0].endswith(stated.group(0) + "."), "the introduction ends with the first-published line"
    updates = [p for p in new if p.startswith("(Update:") and p.endswith(")")]
    assert 1 <= len(updates) <= 2 and len(new) == 1 + len(updates)


def test_a_rumour_is_written_with_rumour_and_denial_language():
    rumour = re.compile(r"\b(reportedly|is said to|are said to|rumou?rs?|unconfirmed)\b", re.I)
    denial = re.compile(r"\b(denied|denies|deny|rejected|baseless)\b", re.I)
    both = [p.name for p in txt_files() if rumour.search(body_of(p)) and denial.search(body_of(p))]
    assert both, "no article reports a rumour together with its denial"


def test_future_plans_a_hypothetical_and_alignment_labels_are_present():
    text = "\n".join(body_of(p) for p in txt_files())
    assert re.search(r"\bwill hold\b", text), "no planned event"
    assert re.search(r"\bIf [^.]+, [^.]*\bwould\b", text), "no hypothetical"
    for label in ("comprehensive strategic partnership", "strategic partnership", "alliance", "ally"):
        assert re.search(rf"\b{label}\b", text), f"no article uses the label {label!r}"


def test_readme_lists_every_example_file():
    readme = README.read_text(encoding="utf-8")
    names = [p.name for p in ARTICLES.iterdir() if p.is_file()]
    missing = [name for name in names if name not in readme]
    assert not missing, f"examples/README.md does not describe {missing}"


def shared_texts() -> dict[str, str]:
    seeds = need_shared(SHARED / "corpus" / "seeds")
    texts = {str(p): p.read_text(encoding="utf-8") for p in sorted(seeds.iterdir()) if p.suffix in {".txt", ".md"}}
    for path in sorted(need_shared(SHARED / "eval").glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip():
                texts[f"{path}:{number}"] = str(json.loads(line).get("text", ""))
    return texts


def test_no_example_text_is_copied_from_shared():
    theirs = shared_texts()
    windows: dict[str, str] = {}
    for name, text in all_example_texts().items():
        flat = normalised(text)
        for start in range(len(flat) - COPY_WINDOW + 1):
            windows.setdefault(flat[start:start + COPY_WINDOW], name)
    copied = []
    for where, text in theirs.items():
        flat = normalised(text)
        for start in range(len(flat) - COPY_WINDOW + 1):
            window = flat[start:start + COPY_WINDOW]
            if window in windows:
                copied.append(f"{windows[window]} repeats {where}: {window!r}")
                break
    assert not copied, "example text copied from ../shared:\n" + "\n".join(copied)
