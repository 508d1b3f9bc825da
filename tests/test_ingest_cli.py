"""blocwatch ingest / articles / export / duplicates through click's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from blocwatch.cli import cli

# Written for these tests: an agency report and a site that republishes it
# with its own introduction and a bracketed note.
REPORT = [
    "The presidents of Russia and China met in Moscow in May 2015 and signed a joint statement "
    "on linking the Eurasian Economic Union with the Silk Road Economic Belt.",
    "The two leaders also attended the parade marking seventy years since the end of the Second "
    "World War in Europe, where Chinese soldiers marched on Red Square for the first time.",
    "More than thirty agreements were signed during the visit, covering rail transport, energy "
    "supplies, satellite navigation and loans from Chinese banks to Russian companies.",
    "Western leaders stayed away from the parade because of the conflict in eastern Ukraine, "
    "which made the presence of the Chinese president more visible to the Russian public.",
]
INTRO = ("Two years on, the plan to connect the Eurasian Economic Union with the Belt and Road "
         "remains mostly a set of declarations, which makes the original report worth reading.")
NOTE = ("(Since then the Moscow to Kazan high speed railway, one of the projects discussed at the "
        "time, has been postponed for lack of funding.)")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "report.txt").write_text("\n\n".join(REPORT), encoding="utf-8")
    (folder / "republished.txt").write_text(
        "\n\n".join([INTRO, *REPORT[:2], NOTE, *REPORT[2:]]), encoding="utf-8")
    (folder / "manifest.csv").write_text(
        "file,date,source,url\nreport.txt,2015-05-09,Agency,\nrepublished.txt,2017-05-09,Blog,\n",
        encoding="utf-8")
    return folder


def _ingest(runner, corpus, db, *extra):
    return runner.invoke(cli, ["ingest", str(corpus), "--db", str(db), *extra])


def test_ingest_reports_a_summary_and_links_the_republication(runner, corpus, tmp_path):
    db = tmp_path / "s.duckdb"
    result = _ingest(runner, corpus, db)
    assert result.exit_code == 0, result.output
    assert ("2 articles read: 2 added, 0 already stored; 1 republications found (1 contains); "
            "0 inputs skipped") in result.stdout

    again = _ingest(runner, corpus, db)
    assert again.exit_code == 0
    assert "2 articles read: 0 added, 2 already stored; 0 republications found" in again.stdout

    listed = runner.invoke(cli, ["articles", "--db", str(db), "--json"])
    assert listed.exit_code == 0, listed.output
    rows = {Path(r["origin"]).name: r for r in map(json.loads, listed.stdout.splitlines())}
    assert rows["republished.txt"]["duplicate_of"] == rows["report.txt"]["id"]
    assert rows["report.txt"]["date"] == "2015-05-09"

    table = runner.invoke(cli, ["articles", "--db", str(db), "--limit", "1"])
    assert table.exit_code == 0
    assert "1 articles" in table.stdout and rows["report.txt"]["id"] in table.stdout

    dups = runner.invoke(cli, ["duplicates", "--db", str(db)])
    assert dups.exit_code == 0, dups.output
    assert "contains" in dups.stdout and "100%" in dups.stdout and "1 relations" in dups.stdout
    assert "0, 3" in dups.stdout  # the introduction and the bracketed note

    dups_json = runner.invoke(cli, ["duplicates", "--db", str(db), "--json"])
    (relation,) = [json.loads(line) for line in dups_json.stdout.splitlines()]
    assert relation["relation"] == "contains" and relation["new_passages"] == [0, 3]
    assert relation["original_date"] == "2015-05-09" and relation["copy_date"] == "2017-05-09"


def test_problems_table_and_exit_code_when_nothing_could_be_read(runner, tmp_path):
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "blob.bin").write_bytes(bytes(range(256)) * 8)
    result = runner.invoke(cli, ["ingest", str(folder), "--db", str(tmp_path / "s.duckdb")])
    assert result.exit_code == 1
    assert "0 articles read: 0 added" in result.stdout
    assert "Problems (2)" in result.stdout
    assert "empty.txt" in result.stdout and "blob.bin" in result.stdout
    assert "Error: nothing could be read from the inputs given" in result.stderr


def test_some_bad_inputs_do_not_fail_the_run(runner, corpus, tmp_path):
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    result = _ingest(runner, corpus, tmp_path / "s.duckdb")
    assert result.exit_code == 0
    assert "2 added" in result.stdout and "empty.txt" in result.stdout


def test_overrides_and_stdin(runner, tmp_path):
    db = tmp_path / "s.duckdb"
    result = runner.invoke(cli, ["ingest", "-", "--db", str(db), "--date", "2015-05-10",
                                 "--source", "Stdin Wire"], input="\n\n".join(REPORT))
    assert result.exit_code == 0, result.output
    (row,) = [json.loads(line) for line in
              runner.invoke(cli, ["articles", "--db", str(db), "--json"]).stdout.splitlines()]
    assert (row["date"], row["source"]) == ("2015-05-10", "Stdin Wire")


def test_bad_date_option_is_rejected(runner, corpus, tmp_path):
    result = _ingest(runner, corpus, tmp_path / "s.duckdb", "--date", "next tuesday")
    assert result.exit_code == 2
    assert "'next tuesday' is not an unambiguous date; write it as YYYY-MM-DD" in result.stderr


def test_export_and_its_errors(runner, corpus, tmp_path):
    db = tmp_path / "s.duckdb"
    _ingest(runner, corpus, db)
    target = tmp_path / "passages.jsonl"
    result = runner.invoke(cli, ["export", "passages", "--format", "jsonl", "-o", str(target),
                                 "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"10 rows of passages written to {target}"
    kinds = {json.loads(line)["kind"] for line in target.read_text().splitlines()}
    assert kinds == {"own", "copied", "new"}

    unknown = runner.invoke(cli, ["export", "passage", "--format", "csv", "--db", str(db)])
    assert unknown.exit_code == 1
    assert "no table 'passage' in store" in unknown.stderr
    assert "passages" in unknown.stderr and "republications" in unknown.stderr

    bad_format = runner.invoke(cli, ["export", "passages", "--format", "xml", "--db", str(db)])
    assert bad_format.exit_code == 2 and "'xml' is not one of" in bad_format.stderr


def test_listing_a_missing_store_says_how_to_make_one(runner, tmp_path):
    missing = tmp_path / "none.duckdb"
    for command in (["articles"], ["duplicates"], ["export", "articles", "--format", "csv"]):
        result = runner.invoke(cli, [*command, "--db", str(missing)])
        assert result.exit_code == 1
        assert f"no store at {missing}. It's often worth trying: blocwatch ingest" in result.stderr
    assert not missing.exists()


def test_untrusted_titles_are_shown_escaped(runner, tmp_path):
    db = tmp_path / "s.duckdb"
    page = "<html><head><title>[bold red]Alarm[/] \x1b[31m</title></head><body>" + "".join(
        f"<p>{p}</p>" for p in REPORT) + "</body></html>"
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    result = runner.invoke(cli, ["ingest", str(tmp_path / "page.html"), "--db", str(db)])
    assert result.exit_code == 0, result.output
    listed = runner.invoke(cli, ["articles", "--db", str(db)])
    assert "\x1b" not in listed.stdout
    assert "[bold red]Alarm[/]" in listed.stdout  # shown as text, not taken as markup


def test_help_has_examples(runner):
    for command in ("ingest", "articles", "export", "duplicates"):
        result = runner.invoke(cli, [command, "--help"])
        assert result.exit_code == 0
        assert "Example:" in result.output


def test_ctrl_c_keeps_finished_batches_and_a_rerun_resumes(runner, corpus, tmp_path,
                                                            monkeypatch):
    import blocwatch.ingest.clean as clean

    real = clean.clean_article
    calls = []

    def interrupted(raw, settings):
        calls.append(raw.origin)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(raw, settings)

    db = tmp_path / "s.duckdb"
    monkeypatch.setattr(clean, "clean_article", interrupted)
    result = _ingest(runner, corpus, db, "--batch-size", "1")
    assert result.exit_code == 130
    assert "Interrupted: the store keeps every batch that finished" in result.stderr
    monkeypatch.setattr(clean, "clean_article", real)
    resumed = _ingest(runner, corpus, db)
    assert resumed.exit_code == 0
    assert "2 articles read: 1 added, 1 already stored; 1 republications found" in resumed.stdout


def test_ingest_codes_the_events_of_new_articles(runner, tmp_path):
    import duckdb

    article = tmp_path / "visit.txt"
    article.write_text(
        "Leaders Meet in Delhi\n\n"
        "Japanese Prime Minister Fumio Kishida met Indian Prime Minister Narendra Modi in "
        "New Delhi on Monday and the two governments signed an agreement on clean energy "
        "cooperation, officials said.\n",
        encoding="utf-8",
    )
    db = tmp_path / "s.duckdb"
    result = runner.invoke(cli, ["ingest", str(article), "--db", str(db), "--date", "2023-03-20"])
    assert result.exit_code == 0, result.output
    assert "articles coded" in result.output
    con = duckdb.connect(str(db), read_only=True)
    pairs = {tuple(r) for r in con.execute(
        "SELECT source_country, target_country FROM events").fetchall()}
    con.close()
    assert ("JPN", "IND") in pairs or ("IND", "JPN") in pairs

    again = runner.invoke(cli, ["ingest", str(article), "--db", str(db)])
    assert "no new article to code" in again.output


def test_no_code_only_stores(runner, tmp_path):
    import duckdb

    article = tmp_path / "a.txt"
    article.write_text(
        "Talks in Geneva\n\nThe foreign ministers of Iran and Oman held talks in Geneva on "
        "Friday about shipping in the Gulf and agreed to meet again next month.\n",
        encoding="utf-8",
    )
    db = tmp_path / "s.duckdb"
    result = runner.invoke(cli, ["ingest", str(article), "--db", str(db), "--no-code"])
    assert result.exit_code == 0, result.output
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM events").fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
    con.close()
