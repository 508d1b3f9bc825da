"""Bad input never stops a batch: each case is one IngestProblem with a
one-line reason, and the good inputs beside it are still read."""

from __future__ import annotations

import builtins
import io
import json
import os
import random
from pathlib import Path

import pytest

from blocwatch.ingest import sources
from blocwatch.ingest.sources import iter_raw
from blocwatch.models import IngestProblem, RawArticle
from blocwatch.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
SETTINGS = Settings()
GOOD = (FIXTURES / "aachen.txt").read_text(encoding="utf-8")


def read(paths, settings=SETTINGS, **kwargs):
    items = list(iter_raw([str(p) for p in paths], settings, **kwargs))
    for item in items:
        if isinstance(item, IngestProblem):
            assert "\n" not in item.reason, item  # one line each
    return ([i for i in items if isinstance(i, RawArticle)],
            [i for i in items if isinstance(i, IngestProblem)])


def only_problem(path, settings=SETTINGS, **kwargs) -> IngestProblem:
    """Read `path` beside a good file: the good one is read, `path` gives one problem."""
    good = Path(path).parent / "zz_good.txt"
    good.write_text(GOOD, encoding="utf-8")
    articles, problems = read([path, good], settings, **kwargs)
    assert [Path(a.origin).name for a in articles] == ["zz_good.txt"]
    (problem,) = problems
    return problem


def test_missing_path(tmp_path):
    problem = only_problem(tmp_path / "absent.txt")
    assert problem.where.endswith("absent.txt")
    assert problem.reason == "no such file or folder" and problem.level == "skipped"


def test_glob_matching_nothing(tmp_path):
    articles, problems = read([f"{tmp_path}/*.html", FIXTURES / "aachen.txt"])
    assert len(articles) == 1
    (problem,) = problems
    assert problem.reason == "the pattern matched no files"
    assert problem.hint == "quoting the pattern, or checking the folder"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="file permissions do not stop root or non-POSIX systems")
def test_unreadable_file_by_permissions(tmp_path):
    target = tmp_path / "locked.txt"
    target.write_text(GOOD, encoding="utf-8")
    target.chmod(0)
    try:
        problem = only_problem(target)
    finally:
        target.chmod(0o644)
    assert problem.reason == "cannot be read: permission denied"


def test_unreadable_file_when_open_is_refused(tmp_path, monkeypatch):
    # Root reads any file, so the refusal the OS would give is simulated here.
    target = tmp_path / "locked.txt"
    target.write_text(GOOD, encoding="utf-8")
    real_open = builtins.open

    def refusing_open(file, *args, **kwargs):
        if str(file) == str(target):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(sources, "open", refusing_open, raising=False)
    problem = only_problem(target)
    assert problem.where == str(target)
    assert problem.reason == "cannot be read: permission denied"
    assert problem.hint == f"chmod +r {target}"


@pytest.mark.parametrize("content,kind", [
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "a PNG image"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF document"),
    (b"plain start\x00\x01\x02\x00 then NUL bytes", "binary data (it holds NUL bytes)"),
])
def test_binary_files(tmp_path, content, kind):
    target = tmp_path / "file.txt"
    target.write_bytes(content)
    problem = only_problem(target)
    assert problem.reason == f"binary file: looks like {kind}, not text"
    assert problem.hint == "converting it to text, HTML or JSON first"


@pytest.mark.parametrize("content,reason", [
    (b"", "empty file"),
    (b"  \n\n\t \n", "empty file (only whitespace)"),
])
def test_empty_files(tmp_path, content, reason):
    target = tmp_path / "empty.txt"
    target.write_bytes(content)
    assert only_problem(target).reason == reason


def test_over_size_file_names_size_and_setting(tmp_path):
    target = tmp_path / "big.txt"
    target.write_text("word " * 300, encoding="utf-8")
    settings = SETTINGS.with_values(max_file_bytes=1000)
    problem = only_problem(target, settings)
    assert problem.reason == ("over-size: 1,500 bytes, over the limit of 1,000 bytes "
                              "(setting max_file_bytes)")
    assert problem.hint == "--setting max_file_bytes 2000"


def test_over_size_stdin():
    articles, problems = read(["-"], SETTINGS.with_values(max_file_bytes=100),
                              stdin=io.BytesIO(b"x" * 500))
    assert articles == []
    assert problems[0].where == "<stdin>" and "over the limit of 100 bytes" in problems[0].reason


def test_undecodable_bytes_are_decoded_with_the_detected_encoding(tmp_path):
    text = ("Le président français et la chancelière allemande se sont réunis à Aix-la-"
            "Chapelle pour signer un traité de coopération. Les deux États s’engagent à "
            "coordonner leurs positions européennes et à se prêter assistance. ") * 3
    target = tmp_path / "latin.txt"
    target.write_bytes(text.encode("cp1252"))
    articles, problems = read([target])
    (note,) = problems
    assert note.level == "note" and note.where == str(target)
    assert note.reason.startswith("not valid UTF-8 (byte ")
    assert "the encoding charset-normalizer detected" in note.reason
    (raw,) = articles
    assert raw.encoding and f"decoded as {raw.encoding}," in note.reason
    assert "président" in raw.text and "réunis" in raw.text


def test_bytes_no_encoding_decodes_are_skipped(tmp_path):
    noise = random.Random(7)
    target = tmp_path / "noise.txt"
    target.write_bytes(bytes(noise.randrange(128, 256) for _ in range(600)))
    problem = only_problem(target)
    assert problem.level == "skipped"
    assert "charset-normalizer found no encoding that decodes them" in problem.reason


def test_malformed_json_lines_name_file_and_line_and_the_rest_is_read(tmp_path):
    lines = [
        json.dumps({"text": "The two navies held a joint exercise in the Sea of Japan."}),
        '{"text": "unterminated',
        "[1, 2]",
        json.dumps({"text": "The defence ministers met again in Tokyo a month later."}),
    ]
    target = tmp_path / "feed.jsonl"
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    articles, problems = read([target])
    assert [a.origin for a in articles] == [f"{target}:1", f"{target}:4"]
    assert [p.where for p in problems] == [f"{target}:2", f"{target}:3"]
    assert problems[0].reason.startswith("malformed JSON line: Unterminated string")
    assert problems[1].reason == "JSON line is a list, not an object"


def test_json_record_without_the_text_field_names_field_and_setting(tmp_path):
    target = tmp_path / "feed.jsonl"
    target.write_text(json.dumps({"headline": "Pact", "body": "The two states signed a "
                                  "defence pact in the capital on Friday."}) + "\n",
                      encoding="utf-8")
    articles, (problem,) = read([target])
    assert articles == []
    assert problem.where == f"{target}:1"
    assert problem.reason == ("record has no 'text' field (setting text_field; its fields: "
                              "headline, body)")
    assert problem.hint == "--setting text_field body"


def test_malformed_json_file(tmp_path):
    target = tmp_path / "broken.json"
    target.write_text('[{"text": "a"},\n {"text": }]', encoding="utf-8")
    problem = only_problem(target)
    assert problem.where == f"{target}:2"
    assert problem.reason.startswith("malformed JSON: Expecting value at line 2 column")


def test_html_without_main_text(tmp_path):
    target = tmp_path / "menu.html"
    target.write_text("<!doctype html><html><head><title>Menu</title></head><body><nav>"
                      "<a href='/'>Home</a> <a href='/a'>About</a></nav></body></html>",
                      encoding="utf-8")
    problem = only_problem(target)
    assert problem.reason.startswith("HTML without main text: trafilatura found ")
    assert "outside navigation, comments and page furniture" in problem.reason


def test_warc_record_that_is_not_a_response(tmp_path):
    from warcio.warcwriter import WARCWriter

    target = tmp_path / "info.warc.gz"
    with open(target, "wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        writer.write_record(writer.create_warcinfo_record("info.warc.gz", {"format": "WARC"}))
    problem = only_problem(target)
    assert problem.where == f"{target}#1"
    assert problem.reason.startswith("WARC warcinfo record <urn:uuid:")
    assert problem.reason.endswith("is not a response; skipped")


def test_truncated_warc_is_reported_not_raised(tmp_path):
    target = tmp_path / "cut.warc"
    target.write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 9999\r\n\r\nshort")
    problem = only_problem(target)
    assert problem.where.startswith(f"{target}#")
    assert "WARC is truncated or corrupt at its first record" in problem.reason


def test_csv_row_without_text_is_reported_and_other_rows_read(tmp_path):
    target = tmp_path / "rows.csv"
    target.write_text("title,text\nEmpty,\nFull,The two leaders met in Minsk on Tuesday.\n",
                      encoding="utf-8")
    articles, (problem,) = read([target])
    assert [a.origin for a in articles] == [f"{target}:3"]
    assert problem.where == f"{target}:2"
    assert problem.reason.startswith("record has an empty or non-text 'text' field")


def test_bad_manifest_beside_files_does_not_stop_the_batch(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "manifest.csv").write_text("name_of_thing,date\nx,1\n", encoding="utf-8")
    articles, (problem,) = read([tmp_path])
    assert len(articles) == 1 and articles[0].date is None
    assert problem.level == "note" and problem.where.endswith("manifest.csv")
    assert "manifest ignored" in problem.reason and "no file column" in problem.reason
