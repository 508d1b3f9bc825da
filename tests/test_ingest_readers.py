"""Reading every input format, with metadata precedence (ingest.sources, ingest.readers)."""

from __future__ import annotations

import gzip
import io
import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from blocwatch.errors import InputError, SettingError
from blocwatch.ingest.clean import clean_article
from blocwatch.ingest.sources import iter_raw, sniff_format
from blocwatch.models import Article, IngestProblem, RawArticle
from blocwatch.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
SETTINGS = Settings()


def read(paths, settings=SETTINGS, **kwargs):
    items = list(iter_raw([str(p) for p in paths], settings, **kwargs))
    articles = [i for i in items if isinstance(i, RawArticle)]
    problems = [i for i in items if isinstance(i, IngestProblem)]
    return articles, problems


def cleaned(raw: RawArticle, settings=SETTINGS) -> Article:
    article = clean_article(raw, settings)
    assert isinstance(article, Article), article
    return article


# ---------------------------------------------------------------- formats


def test_plain_text_keeps_paragraphs_and_finds_the_title():
    (raw,), problems = read([FIXTURES / "aachen.txt"])
    assert problems == []
    assert raw.format == "text" and raw.origin.endswith("aachen.txt")
    assert raw.file_name == "aachen.txt" and raw.encoding == "utf-8"
    article = cleaned(raw)
    assert article.title == "France and Germany Renew Their Treaty"
    assert "Renew" not in article.text
    assert article.text.count("\n\n") == 2
    assert article.text.startswith("On 22 January 2019")


def test_markdown_markup_is_stripped_and_heading_is_title():
    (raw,), problems = read([FIXTURES / "aachen.md"])
    assert problems == [] and raw.format == "markdown"
    assert raw.title == "France and Germany Renew Their Treaty"
    for mark in ("**", "](", "# ", "> ", "- Under", "![", "photo.jpg", "wikipedia"):
        assert mark not in raw.text
    assert "leaders of France and Germany met in the city hall of Aachen" in raw.text


def test_same_text_in_txt_markdown_and_jsonl_gets_the_same_id(tmp_path):
    text_article = cleaned(read([FIXTURES / "aachen.txt"])[0][0])
    md_article = cleaned(read([FIXTURES / "aachen.md"])[0][0])
    body = text_article.text
    # Typographic quotes and spacing differ; the normalised text does not.
    record = {"text": body.replace("'", "’").replace(". ", ".  "), "title": "x"}
    (tmp_path / "same.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    json_article = cleaned(read([tmp_path / "same.jsonl"])[0][0])
    assert text_article.id == md_article.id == json_article.id
    assert len(text_article.id) == 16 and int(text_article.id, 16) >= 0


def test_html_main_text_and_meta_tags():
    (raw,), problems = read([FIXTURES / "summit.html"])
    assert problems == []
    assert raw.format == "html"
    assert raw.title == "Leaders Meet in Helsinki"
    assert raw.date == date(2018, 7, 16) and raw.meta["date_basis"] == "meta"
    assert raw.source == "Example Wire"
    assert raw.url == "https://wire.example.org/2018/07/helsinki-summit"
    article = cleaned(raw)
    assert article.text.startswith("The presidents of the United States")
    assert article.text.endswith("thirty-five states.")
    for furniture in ("Great article", "Copyright", "Politics", "Comments"):
        assert furniture not in article.text
    assert article.date_basis == "meta"


def test_html_is_sniffed_by_content_inside_a_txt_file(tmp_path):
    target = tmp_path / "page.txt"
    shutil.copy(FIXTURES / "summit.html", target)
    (raw,), _ = read([target])
    assert raw.format == "html" and raw.source == "Example Wire"


def test_jsonl_records_with_one_malformed_line():
    articles, problems = read([FIXTURES / "records.jsonl"])
    path = str(FIXTURES / "records.jsonl")
    assert [a.origin for a in articles] == [f"{path}:1", f"{path}:4"]
    first, last = articles
    assert first.title == "Crimea annexed" and first.source == "Example Daily"
    assert first.date == date(2014, 3, 18) and first.url == "https://example.org/crimea"
    assert last.date == date(2014, 7, 15)  # "July 15, 2014"
    assert [p.where for p in problems] == [f"{path}:2", f"{path}:3"]
    assert problems[0].reason.startswith("malformed JSON line: Expecting")
    assert "the other lines are still read" in problems[0].reason


def test_json_array_origin_names_the_item(tmp_path):
    records = [
        {"text": "The Quadrilateral Security Dialogue of Australia, India, Japan and the "
                 "United States held its first leaders' summit online in March 2021.",
         "date": "2021-03-12"},
        {"text": "The AUKUS partnership between Australia, Britain and the United States "
                 "was announced in September 2021.", "title": "AUKUS"},
    ]
    target = tmp_path / "batch.json"
    target.write_text(json.dumps(records, indent=2), encoding="utf-8")
    articles, problems = read([target])
    assert problems == []
    assert [a.origin for a in articles] == [f"{target}[0]", f"{target}[1]"]
    assert articles[0].date == date(2021, 3, 12) and articles[1].title == "AUKUS"
    # A JSON object holding the array under a usual key is read the same way.
    (tmp_path / "wrapped.json").write_text(json.dumps({"articles": records}), encoding="utf-8")
    assert len(read([tmp_path / "wrapped.json"])[0]) == 2


def test_csv_with_custom_field_names_from_settings():
    settings = SETTINGS.with_values(text_field="story", title_field="headline",
                                    date_field="published", url_field="link",
                                    source_field="outlet")
    articles, problems = read([FIXTURES / "custom.csv"], settings)
    assert problems == []
    path = str(FIXTURES / "custom.csv")
    assert [a.origin for a in articles] == [f"{path}:2", f"{path}:3"]
    asean, warsaw = articles
    assert asean.title == "ASEAN founded" and asean.date == date(1967, 8, 8)
    assert asean.url == "https://example.org/asean" and asean.source == "Example Archive"
    assert warsaw.date == date(1991, 7, 1) and warsaw.url is None
    assert "\n\nIts member states" in warsaw.text  # a cell spanning lines keeps its break


def test_csv_with_default_names_reports_the_missing_column():
    articles, problems = read([FIXTURES / "custom.csv"])
    assert articles == []
    (problem,) = problems
    assert problem.where.endswith("custom.csv:1")
    assert "no 'text' column" in problem.reason and "setting text_field" in problem.reason
    assert problem.hint == "--setting text_field story"


def test_tsv_and_csv_sniffed_without_extension(tmp_path):
    target = tmp_path / "export"
    target.write_text("title\ttext\nPact\tThe two states signed a pact on trade.\n",
                      encoding="utf-8")
    (raw,), problems = read([target])
    assert problems == [] and raw.format == "csv" and raw.title == "Pact"


def _write_warc(path: Path, *, compress: bool) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    html = (FIXTURES / "summit.html").read_bytes()
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=compress)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "tests"}))
        request = StatusAndHeaders("GET /2018/07/helsinki-summit HTTP/1.1",
                                   [("Host", "wire.example.org")], is_http_request=True)
        writer.write_record(writer.create_warc_record(
            "https://wire.example.org/2018/07/helsinki-summit", "request",
            http_headers=request))
        ok = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                              protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            "https://wire.example.org/2018/07/helsinki-summit", "response",
            payload=io.BytesIO(html), http_headers=ok))
        missing = StatusAndHeaders("404 Not Found", [("Content-Type", "text/html")],
                                   protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            "https://wire.example.org/gone", "response",
            payload=io.BytesIO(b"<html><body>gone</body></html>"), http_headers=missing))
        image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            "https://wire.example.org/logo.png", "response",
            payload=io.BytesIO(b"\x89PNG\r\n\x1a\n" + b"\x00" * 32), http_headers=image))
        writer.write_record(writer.create_warc_record(
            "https://wire.example.org/2018/07/helsinki-summit", "metadata",
            payload=io.BytesIO(b"fetchTimeMs: 120\n"),
            warc_content_type="application/warc-fields"))


@pytest.mark.parametrize("name,compress", [("crawl.warc.gz", True), ("crawl.warc", False)])
def test_warc_responses_are_read_and_other_records_reported(tmp_path, name, compress):
    target = tmp_path / name
    _write_warc(target, compress=compress)
    articles, problems = read([target])
    (raw,) = articles
    assert raw.origin == f"{target}#3" and raw.format == "warc"
    assert raw.url == "https://wire.example.org/2018/07/helsinki-summit"
    assert raw.title == "Leaders Meet in Helsinki" and raw.date == date(2018, 7, 16)
    assert raw.meta["warc_record_id"].startswith("<urn:uuid:")
    assert "presidents of the United States and Russia" in cleaned(raw).text
    by_where = {p.where: p.reason for p in problems}
    assert set(by_where) == {f"{target}#{n}" for n in (1, 2, 4, 5, 6)}
    assert by_where[f"{target}#1"].startswith("WARC warcinfo record <urn:uuid:")
    assert by_where[f"{target}#1"].endswith("is not a response; skipped")
    assert "WARC request record" in by_where[f"{target}#2"]
    assert "HTTP status 404" in by_where[f"{target}#4"]
    assert "image/png, not HTML or text" in by_where[f"{target}#5"]
    assert "WARC metadata record" in by_where[f"{target}#6"]


def test_gzipped_jsonl_is_unpacked_and_sniffed(tmp_path):
    target = tmp_path / "records.jsonl.gz"
    target.write_bytes(gzip.compress((FIXTURES / "records.jsonl").read_bytes()))
    articles, problems = read([target])
    assert len(articles) == 2 and len(problems) == 2
    assert articles[0].origin == f"{target}:1"


def test_stdin_text_and_bytes():
    text = (FIXTURES / "aachen.txt").read_text(encoding="utf-8")
    (raw,), problems = read(["-"], stdin=io.StringIO(text))
    assert problems == [] and raw.origin == "<stdin>" and raw.format == "text"
    assert cleaned(raw).id == cleaned(read([FIXTURES / "aachen.txt"])[0][0]).id
    jsonl = (FIXTURES / "records.jsonl").read_bytes()
    articles, problems = read(["-"], stdin=io.BytesIO(jsonl))
    assert [a.origin for a in articles] == ["<stdin>:1", "<stdin>:4"]
    assert problems[0].where == "<stdin>:2"


def test_stdin_markdown_is_sniffed_by_content():
    markdown = (FIXTURES / "aachen.md").read_text(encoding="utf-8")
    (raw,), _ = read(["-"], stdin=io.StringIO(markdown))
    assert raw.format == "markdown" and "**" not in raw.text


def test_sniff_format_uses_extension_and_content():
    assert sniff_format("a.txt", "Plain words here.", SETTINGS) == "text"
    assert sniff_format("a.txt", "[Editor's note: a bracket.]\n\nText.", SETTINGS) == "text"
    assert sniff_format("a.txt", '{"text": "x"}\n{"text": "y"}\n', SETTINGS) == "jsonl"
    assert sniff_format("", "<!doctype html><html><body><p>x</p></body></html>", SETTINGS) == "html"
    assert sniff_format("a.json", '[{"text": "x"}]', SETTINGS) == "json"
    assert sniff_format("notes", "# Heading\n\nSee [this](http://x.org) and **that**.", SETTINGS) == "markdown"
    assert sniff_format("a.md", "no markup at all", SETTINGS) == "markdown"


# ---------------------------------------------------------------- folders, globs, manifests


def test_folders_are_recursive_sorted_and_skip_hidden_manifest_and_docs(tmp_path):
    body = (FIXTURES / "aachen.txt").read_text(encoding="utf-8")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text(body.replace("2019", "2020"), encoding="utf-8")
    (tmp_path / "a.txt").write_text(body, encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(body, encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text(body, encoding="utf-8")
    (tmp_path / "manifest.csv").write_text("file,date,source,url\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("# About\n\nThis folder holds articles.", encoding="utf-8")
    (tmp_path / "NATO.txt").write_text(body.replace("2019", "2021"), encoding="utf-8")
    articles, problems = read([tmp_path])
    assert [Path(a.origin).relative_to(tmp_path).as_posix() for a in articles] == [
        "NATO.txt", "a.txt", "b/two.txt"]
    (note,) = problems
    assert note.level == "note" and note.where.endswith("README.md")
    assert "documentation" in note.reason and note.hint.startswith("naming the file")
    # Named explicitly, such a file is read.
    assert len(read([tmp_path / "README.md"])[0]) == 1


def test_glob_expands_sorted_and_same_file_is_read_once(tmp_path):
    body = (FIXTURES / "aachen.txt").read_text(encoding="utf-8")
    for name in ("c.txt", "a.txt", "b.md"):
        (tmp_path / name).write_text(body, encoding="utf-8")
    articles, _ = read([f"{tmp_path}/*.txt", tmp_path / "a.txt"])
    assert [Path(a.origin).name for a in articles] == ["a.txt", "c.txt"]


def test_manifest_beside_the_files_overrides_meta_and_overrides_win(tmp_path):
    shutil.copy(FIXTURES / "summit.html", tmp_path / "summit.html")
    shutil.copy(FIXTURES / "aachen.txt", tmp_path / "aachen.txt")
    (tmp_path / "manifest.csv").write_text(
        "file,date,source,url\n"
        "summit.html,2018-07-17,,\n"
        "aachen.txt,,Example Weekly,https://example.org/aachen\n", encoding="utf-8")
    articles, problems = read([tmp_path])
    assert problems == []
    aachen, summit = articles
    assert summit.date == date(2018, 7, 17) and summit.meta["date_basis"] == "manifest"
    assert summit.source == "Example Wire"  # empty manifest cell: the page's own value
    assert summit.meta["manifest"].endswith("manifest.csv:2")
    assert aachen.date is None and aachen.source == "Example Weekly"
    assert aachen.url == "https://example.org/aachen"
    assert cleaned(summit).date_basis == "manifest"

    overridden, _ = read([tmp_path], overrides={"date": "5 May 2020", "source": "Desk"})
    assert {(a.date, a.source, a.meta["date_basis"]) for a in overridden} == {
        (date(2020, 5, 5), "Desk", "override")}


def test_explicit_jsonl_manifest_with_bad_rows(tmp_path):
    shutil.copy(FIXTURES / "aachen.txt", tmp_path / "aachen.txt")
    manifest = tmp_path / "meta.jsonl"
    manifest.write_text(
        '{"file": "aachen.txt", "date": "22 January 2019", "source": "Example Weekly"}\n'
        "{not json\n"
        '{"file": "other.txt", "date": "05/07/2016"}\n', encoding="utf-8")
    articles, problems = read([tmp_path], manifest=str(manifest))
    (raw,) = articles  # meta.jsonl itself is not read as an article
    assert raw.date == date(2019, 1, 22) and raw.source == "Example Weekly"
    assert [p.where for p in problems] == [f"{manifest}:2", f"{manifest}:3"]
    assert "manifest line is not JSON" in problems[0].reason
    assert "'05/07/2016' is not a complete, unambiguous date" in problems[1].reason
    assert all(p.level == "note" for p in problems)


def test_missing_explicit_manifest_and_bad_override_raise():
    with pytest.raises(InputError, match="manifest cannot be read"):
        read([FIXTURES], manifest=str(FIXTURES / "nope.csv"))
    with pytest.raises(SettingError, match="--date 'last week' is not a complete"):
        read([FIXTURES], overrides={"date": "last week"})


# ---------------------------------------------------------------- seeds

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"


@pytest.mark.seeds
@pytest.mark.skipif(not (SEEDS / "manifest.csv").exists(), reason="../shared seeds not present")
def test_seed_manifest_dates_the_republication():
    articles, _ = read([SEEDS])
    by_prefix = {Path(a.origin).name[:3]: a for a in articles}
    assert by_prefix["001"].date == date(2017, 7, 4)
    assert by_prefix["001"].source == "The Duran"
    assert by_prefix["001"].meta["date_basis"] == "manifest"
    assert by_prefix["000"].date is None


def test_json_record_holding_html_is_extracted_and_keeps_its_own_fields(tmp_path):
    html = (FIXTURES / "summit.html").read_text(encoding="utf-8")
    target = tmp_path / "pages.jsonl"
    target.write_text(json.dumps({"html": html, "title": "Own title", "date": "2018-07-20"})
                      + "\n", encoding="utf-8")
    (raw,), problems = read([target], SETTINGS.with_values(text_field="html"))
    assert problems == []
    assert raw.title == "Own title" and raw.date == date(2018, 7, 20)
    assert raw.source == "Example Wire" and raw.meta["date_basis"] == "json"
    assert "<p>" not in raw.text and "Great article" not in raw.text


def test_json_date_that_is_not_a_date_gives_a_note(tmp_path):
    target = tmp_path / "one.jsonl"
    target.write_text(json.dumps({"text": "The two states exchanged ambassadors again.",
                                  "date": "sometime in spring"}) + "\n", encoding="utf-8")
    (raw,), (note,) = read([target])
    assert raw.date is None
    assert note.level == "note" and note.where == f"{target}:1"
    assert note.reason == ("'date' value 'sometime in spring' is not a complete, unambiguous "
                           "date; the article is read without a date")
