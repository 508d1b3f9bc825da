"""QA fixes: each hostile input found in the walk-through gets one clear line,
a non-zero exit and no traceback (or, for encodings, the right text)."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from blocwatch.cli import BlocwatchGroup, cli
from blocwatch.errors import StoreError
from blocwatch.ingest.readers import decode_bytes
from blocwatch.store import open_store
from blocwatch.store.connection import is_interrupt


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


# ------------------------------------------------------------------ encodings

# sentences written for this test: a few accented words in English news
WESTERN = ("The café owners in Montréal said the naïve “reset” with Québec "
           "would last — officials in Paris agreed on a new trade office.")
POLISH = ("Minister spraw zagranicznych spotkał się w Łodzi z ministrem z Pragi; "
          "rozmowy dotyczyły współpracy gospodarczej, powiedział rzecznik.")


def test_cp1252_text_is_not_read_as_a_baltic_code_page():
    # charset-normalizer alone ranks cp775 first here ("café" -> "cafķ")
    decoded = decode_bytes(WESTERN.encode("cp1252"), "news.txt")
    assert decoded.encoding == "cp1252"
    assert decoded.text == WESTERN
    assert "decoded as cp1252" in decoded.note.reason
    assert decoded.note.where == "news.txt"


def test_latin1_text_reads_as_windows_1252():
    text = "Der Außenminister traf in Zürich den französischen Präsidenten zu Gesprächen."
    decoded = decode_bytes(text.encode("latin-1"), "de.txt")
    assert decoded.text == text


def test_central_european_code_page_still_wins_where_cp1252_gives_stray_symbols():
    decoded = decode_bytes(POLISH.encode("cp1250"), "pl.txt")
    assert decoded.text == POLISH


def test_utf16_with_bom_needs_no_note():
    decoded = decode_bytes(WESTERN.encode("utf-16"), "u16.txt")
    assert decoded.text == WESTERN and decoded.note is None


# ------------------------------------------------------------------ store files

def test_db_pointing_at_a_csv_says_it_is_not_a_store(tmp_path):
    csv = tmp_path / "articles.csv"
    csv.write_text("title,text\nA,B\n", encoding="utf-8")
    result = run("articles", "--db", str(csv))
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"Error: {csv} is not a blocwatch store (not a DuckDB database file). It's often worth "
        "trying: --db PATH to a .duckdb file, or a new name to create a store there"]
    assert result.output.count("\n") == 1


def test_db_pointing_at_an_empty_file_says_so(tmp_path):
    empty = tmp_path / "store.duckdb"
    empty.write_bytes(b"")
    with pytest.raises(StoreError, match="is an empty file, not a blocwatch store"):
        open_store(empty)
    result = run("ingest", "--no-code", str(tmp_path), "--db", str(empty))
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert f"delete {empty} to let blocwatch create a store there" in result.output


def test_a_real_store_still_opens(tmp_path):
    path = tmp_path / "s.duckdb"
    open_store(path).close()
    with open_store(path, read_only=True) as store:
        assert "articles" in store.tables()


# ------------------------------------------------------------------ Ctrl-C inside DuckDB

def test_duckdb_interrupt_inside_a_transaction_rolls_back_and_becomes_keyboardinterrupt(tmp_path):
    store = open_store(tmp_path / "s.duckdb")
    with pytest.raises(KeyboardInterrupt), store.transaction() as con:
        con.execute("CREATE TABLE half_written (x INTEGER)")
        raise RuntimeError("Query interrupted")
    assert "half_written" not in store.tables()
    # the connection is usable after the rollback
    with store.transaction() as con:
        con.execute("CREATE TABLE later (x INTEGER)")
    assert "later" in store.tables()
    store.close()


def test_is_interrupt_tells_ctrl_c_from_other_errors():
    assert is_interrupt(RuntimeError("Query interrupted"))
    assert is_interrupt(KeyboardInterrupt())
    assert not is_interrupt(RuntimeError("Binder Error: no such column"))
    assert not is_interrupt(ValueError("interrupted"))


def test_cli_turns_a_duckdb_interrupt_into_the_resume_line_and_exit_130():
    @click.group(cls=BlocwatchGroup)
    def group() -> None:
        pass

    @group.command()
    def slow() -> None:
        raise RuntimeError("Query interrupted")

    result = CliRunner().invoke(group, ["slow"])
    assert result.exit_code == 130
    assert result.output.strip() == ("Interrupted: the store keeps every batch that finished; "
                                     "re-run the same command to resume.")


# ------------------------------------------------------------------ actors resolve

@pytest.mark.parametrize("mention", ["", "   ", "\t"])
def test_actors_resolve_of_a_blank_mention_is_an_error(mention):
    result = run("actors", "resolve", mention)
    assert result.exit_code == 1
    assert result.output.startswith("Error: nothing to resolve: the mention is empty. "
                                    "It's often worth trying: blocwatch actors resolve")


# ------------------------------------------------------------------ CSV rows cut short

def test_a_csv_row_cut_short_by_a_stray_quote_says_so_not_that_the_column_is_missing():
    from blocwatch.ingest.readers import read_csv
    from blocwatch.models import IngestProblem, RawArticle
    from blocwatch.settings import Settings

    body = ("Brazil and Argentina agreed in Buenos Aires to study a shared currency for "
            "trade between them, their finance ministers said on Monday after talks.")
    text = f'title,text,date\nGood,"{body}",2023-01-23\n"Stray,"quote here\nAlso good,"{body} Again.",2023-01-24\n'
    items = list(read_csv(text, origin="feed.csv", file_name="feed.csv", settings=Settings()))
    problems = [i for i in items if isinstance(i, IngestProblem)]
    assert [i.title for i in items if isinstance(i, RawArticle)] == ["Good", "Also good"]
    (problem,) = problems
    assert problem.where == "feed.csv:3"
    assert problem.reason == ("CSV row has 1 of the header's 3 cells, so no 'text' value "
                              "(a stray quote or a missing delimiter?)")
    assert problem.hint == "checking the quotes on line 3"


# ------------------------------------------------------------------ export and report folders

@pytest.fixture
def small_store(tmp_path):
    from blocwatch.ingest.pipeline import ingest_items
    from blocwatch.models import RawArticle
    from blocwatch.settings import Settings

    path = tmp_path / "small.duckdb"
    text = ("Kenya and Ethiopia signed an agreement in Nairobi on Monday to build a road "
            "and a power line between the two countries, their foreign ministers said.")
    with open_store(path) as store:
        ingest_items(store, [RawArticle(origin="mem:1", text=text, format="text",
                                        title="Road deal")], Settings())
    return path


def test_export_dash_writes_to_stdout_not_to_a_file_named_dash(small_store, tmp_path, monkeypatch):
    import json

    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["export", "articles", "--format", "jsonl", "-o", "-",
                                      "--db", str(small_store)])
    assert result.exit_code == 0, result.output
    (line,) = [x for x in result.stdout.splitlines() if x.startswith("{")]
    assert json.loads(line)["title"] == "Road deal"
    assert "1 rows of articles written to stdout" in result.stderr
    assert not (tmp_path / "-").exists()


def test_report_into_a_folder_that_cannot_be_made_stops_before_any_work(small_store, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    out = blocker / "report"
    result = run("report", "--db", str(small_store), "--out", str(out))
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.output.strip().endswith(
        f"Error: cannot write the report into {out}: Not a directory. "
        "It's often worth trying: --out DIR in a folder you can write to")
    # no stage ran: the first line is the error, not a finished stage
    assert "inferring relations" not in result.output


def test_analyze_of_an_empty_folder_is_one_line_with_no_blank_line_before_it(tmp_path):
    empty = tmp_path / "nothing-here"
    empty.mkdir()
    result = run("analyze", str(empty), "--db", str(tmp_path / "s.duckdb"),
                 "--out", str(tmp_path / "report"))
    assert result.exit_code == 1
    assert result.output == (
        f"Error: {empty}: no readable article found. It's often worth trying: give files or "
        "folders of articles (text, Markdown, HTML, JSON Lines, CSV or WARC)\n")


# ------------------------------------------------------------------ corrupt WARC files

def _warc_problems(data: bytes, tmp_path):
    from blocwatch.ingest.sources import iter_raw
    from blocwatch.models import IngestProblem
    from blocwatch.settings import Settings

    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(data)
    return [i for i in iter_raw([str(path)], Settings()) if isinstance(i, IngestProblem)]


def test_a_warc_gz_of_random_bytes_says_it_is_not_a_warc_without_quoting_the_bytes(tmp_path):
    import gzip
    import random

    noise = bytes(random.Random(7).randrange(256) for _ in range(3000))
    (problem,) = _warc_problems(gzip.compress(noise), tmp_path)
    assert problem.reason == ("WARC is truncated or corrupt at its first record: the data "
                              "there is not a WARC record header")
    assert problem.hint == "checking that it is a WARC file (zcat FILE | head)"


def test_a_cut_off_warc_record_names_no_python_internals(tmp_path):
    import gzip

    head = b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\nshort"
    (problem,) = _warc_problems(gzip.compress(head), tmp_path)
    assert problem.where.endswith("crawl.warc.gz#1")
    assert problem.reason.startswith("WARC is truncated or corrupt at its first record: "
                                     "a record ends early or is malformed")
    assert "NoneType" not in problem.reason and "startswith" not in problem.reason


# ------------------------------------------------------------------ actors resolve --input

def test_actors_resolve_input_of_which_nothing_resolves_exits_non_zero(tmp_path):
    bad = tmp_path / "mentions.jsonl"
    bad.write_text("not json\n[1, 2]\n", encoding="utf-8")
    result = run("actors", "resolve", "--input", str(bad))
    assert result.exit_code == 1
    assert f'"error": "{bad}:1: not JSON' in result.stdout
    assert result.stderr.strip() == (
        f"Error: no line of {bad} could be resolved (2 errors above). It's often worth trying: "
        'JSON lines like {"id": "1", "text": "President Xi", "date": "2017-07-04"}')


def test_actors_resolve_input_that_is_empty_says_so(tmp_path):
    empty = tmp_path / "none.jsonl"
    empty.write_text("\n", encoding="utf-8")
    result = run("actors", "resolve", "--input", str(empty))
    assert result.exit_code == 1
    assert f"Error: no line of {empty} could be resolved: it is empty." in result.stderr


def test_actors_resolve_input_with_one_good_line_still_succeeds(tmp_path):
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_text('not json\n{"id": "a", "text": "NATO", "date": "2020-01-01"}\n',
                     encoding="utf-8")
    result = run("actors", "resolve", "--input", str(mixed))
    assert result.exit_code == 0
    assert '"code": "NATO"' in result.stdout


def test_ingest_prints_the_coding_line_once(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "visit.txt").write_text(
        "Indonesia and Malaysia agree border talks\n\n"
        "Indonesia and Malaysia held talks in Jakarta on Monday and agreed to settle "
        "the last stretches of their land border by treaty, officials of both "
        "governments said after the meeting.\n", encoding="utf-8")
    result = run("ingest", str(folder), "--db", str(tmp_path / "s.duckdb"))
    assert result.exit_code == 0, result.output
    assert result.output.count("articles coded:") == 1, result.output
    assert "✓ coding events" not in result.output


def test_a_store_held_by_another_program_names_it(tmp_path):
    import subprocess
    import sys

    path = tmp_path / "busy.duckdb"
    open_store(path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import duckdb, sys; c = duckdb.connect(sys.argv[1]); print('ready', flush=True); "
         "sys.stdin.read()", str(path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        result = run("articles", "--db", str(path))
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: store {path} is in use by another program (")
    assert f"PID {holder.pid})" in result.output
    assert "one program at a time may write a store" in result.output


def test_analyze_with_a_missing_spacy_model_stops_before_reading(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text("Peru and Chile held talks in Lima on fishing rights "
                                  "on Monday, officials of both governments said.\n",
                                  encoding="utf-8")
    db = tmp_path / "s.duckdb"
    result = run("-s", "spacy_model", "no_such_pipeline_xyz", "analyze", str(folder),
                 "--db", str(db), "--out", str(tmp_path / "report"))
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "Error: cannot load the spaCy pipeline 'no_such_pipeline_xyz'" in result.output
    assert "reading and deduplicating" not in result.output
    from blocwatch.store import articles as article_sql

    with open_store(db, read_only=True) as store:
        assert article_sql.count_articles(store) == 0
