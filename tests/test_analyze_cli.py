"""`blocwatch analyze` and `blocwatch report`: bad input gets one clear line
and a non-zero exit; a second run on the same inputs only does new work."""

from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner

from blocwatch import analyze as analyze_module
from blocwatch.analyze import StageProgress, analyze, parse_window
from blocwatch.cli import cli
from blocwatch.errors import SettingError
from blocwatch.settings import load_settings
from blocwatch.store import open_store

# Written for these tests, about real public events.
ARTICLES = {
    "nato.txt": (
        "NATO leaders met in Brussels in July 2018 for their annual summit. The United States "
        "and Germany argued over defence spending, but the allies agreed to set up two new "
        "command headquarters."
    ),
    "vostok.txt": (
        "Russia and China held the Vostok military exercise in eastern Siberia in September "
        "2018. Chinese troops joined the Russian forces in the drills for the first time, and "
        "Vladimir Putin watched the manoeuvres."
    ),
}
LATER = (
    "Japan and India signed an agreement on a high-speed railway in September 2017, when "
    "Shinzo Abe visited Ahmedabad. Narendra Modi welcomed the Japanese prime minister there."
)
MANIFEST = ("file,date,source,url\n"
            "nato.txt,2018-07-12,Test Wire,https://example.org/nato\n"
            "vostok.txt,2018-09-13,Test Wire,https://example.org/vostok\n"
            "rail.txt,2017-09-14,Test Wire,https://example.org/rail\n")


def _run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def _one_error_line(result) -> str:
    assert result.exit_code != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_a_folder_without_articles_is_one_line(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.bin").write_bytes(b"\x00\x01\x02 not an article")
    result = _run("analyze", str(empty), "--db", str(tmp_path / "s.duckdb"),
                  "--out", str(tmp_path / "out"))
    line = _one_error_line(result)
    assert line.startswith(f"Error: {empty}: no readable article found")
    assert "It's often worth trying: give files or folders of articles" in line
    assert not (tmp_path / "out" / "report.html").exists()


def test_a_missing_path_is_one_line(tmp_path):
    missing = tmp_path / "nowhere"
    result = _run("analyze", str(missing), "--db", str(tmp_path / "s.duckdb"))
    line = _one_error_line(result)
    assert f"{missing}: no readable article found (first problem: {missing}: no such file" in line


@pytest.mark.parametrize(("option", "value", "message"), [
    ("--from", "last tuesday", "Error: --from 'last tuesday' is not a date. It's often worth "
                               "trying: --from 2016, --from 2016-07 or --from 2016-07-05"),
    ("--to", "2016-13", "Error: --to '2016-13' is not a date"),
    ("--from", "2016-02-30", "Error: --from '2016-02-30' is not a date"),
])
def test_an_unknown_date_is_one_line(tmp_path, option, value, message):
    db = tmp_path / "s.duckdb"
    result = _run("analyze", str(tmp_path), "--db", str(db), option, value)
    assert _one_error_line(result).startswith(message)
    assert not db.exists()  # refused before anything was read or stored


def test_from_after_to_is_refused(tmp_path):
    result = _run("analyze", str(tmp_path), "--db", str(tmp_path / "s.duckdb"),
                  "--from", "2018", "--to", "2017")
    assert _one_error_line(result) == (
        "Error: --from 2018 is after --to 2017. It's often worth trying: swap the two dates")


def test_window_values():
    assert parse_window("2016", "2016") == (date(2016, 1, 1), date(2016, 12, 31))
    assert parse_window("2016-02", "2016-02") == (date(2016, 2, 1), date(2016, 2, 29))
    assert parse_window(None, "2016-07-05") == (None, date(2016, 7, 5))
    with pytest.raises(SettingError, match="--from 'July 2016' is not a date"):
        parse_window("July 2016", None)


def test_a_store_from_a_newer_blocwatch_is_one_line(tmp_path):
    db = tmp_path / "new.duckdb"
    store = open_store(db)
    store.con.execute("INSERT INTO schema_migrations (version, name) VALUES (999, 'future')")
    store.close()
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "nato.txt").write_text(ARTICLES["nato.txt"], encoding="utf-8")
    for args in (["analyze", str(tmp_path / "in")], ["report"]):
        result = _run(*args, "--db", str(db), "--out", str(tmp_path / "out"))
        line = _one_error_line(result)
        assert line.startswith(f"Error: store {db} has schema version 999, newer than this "
                               "blocwatch understands"), line


def test_report_needs_a_store(tmp_path):
    db = tmp_path / "none.duckdb"
    line = _one_error_line(_run("report", "--db", str(db)))
    assert line == (f"Error: no store at {db}. It's often worth trying: "
                    f"blocwatch analyze PATH... --db {db}")


@pytest.fixture
def articles_dir(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "manifest.csv").write_text(MANIFEST, encoding="utf-8")
    return folder


def _events(out) -> list[tuple]:
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    return sorted((e["id"], e["event"], e["article_id"]) for e in data["events"])


def test_a_second_run_only_does_new_work(tmp_path, articles_dir):
    db, out = str(tmp_path / "s.duckdb"), tmp_path / "out"
    first = _run("analyze", str(articles_dir), "--db", db, "--out", str(out))
    assert first.exit_code == 0, first.output
    assert "2 articles read: 2 added, 0 already stored" in first.stderr
    assert "2 articles coded:" in first.stderr
    assert f"Report: {out / 'report.html'}" in first.stdout
    assert f"Open it in a browser: {(out / 'report.html').resolve().as_uri()}" in first.stdout
    assert "Top aligned pairs" in first.stdout or "Blocs" in first.stdout
    events = _events(out)
    assert events, "the coder found no event in the test articles"

    second = _run("analyze", str(articles_dir), "--db", db, "--out", str(out))
    assert second.exit_code == 0, second.output
    assert "2 articles read: 0 added, 2 already stored" in second.stderr
    assert "no new article to code" in second.stderr
    assert f"Report: {out / 'report.html'}" in second.stdout
    assert _events(out) == events  # the same rows, not coded again

    (articles_dir / "rail.txt").write_text(LATER, encoding="utf-8")
    third = _run("analyze", str(articles_dir), "--db", db, "--out", str(out))
    assert "3 articles read: 1 added, 2 already stored" in third.stderr
    assert "1 articles coded:" in third.stderr
    assert set(events) <= set(_events(out))

    rebuilt = _run("report", "--db", db, "--out", str(tmp_path / "again"), "--from", "2018")
    assert rebuilt.exit_code == 0, rebuilt.output
    data = json.loads((tmp_path / "again" / "report.json").read_text(encoding="utf-8"))
    assert data["window"]["from"] == "2018-01-01"
    assert data["summary"]["articles"] == 3
    assert all(e["date"] is None or e["date"] >= "2018-01-01" for e in data["events"])


class Recorder(StageProgress):
    def __init__(self) -> None:
        self.finished: list[str] = []

    def finish(self, stage: str, message: str) -> None:
        self.finished.append(stage)


def test_a_stage_that_is_not_installed_is_skipped(tmp_path, articles_dir, monkeypatch):
    real = analyze_module._optional

    def without_coder(module: str, name: str):
        return None if module == "blocwatch.events.coder" else real(module, name)

    monkeypatch.setattr(analyze_module, "_optional", without_coder)
    progress = Recorder()
    with open_store(tmp_path / "s.duckdb") as store:
        result = analyze(store, [articles_dir], load_settings(), out_dir=tmp_path / "out",
                         progress=progress)
    assert result.skipped_stages == ["code"]
    assert "the event coder is not installed: events were not coded" in result.warnings
    assert progress.finished == ["ingest", "relations", "report"]
    assert result.files.html.exists()
    assert result.report["summary"]["articles"] == 2


def test_the_store_folder_is_made_when_missing(tmp_path, articles_dir):
    # as `make demo` on a fresh checkout: out/ does not exist yet
    db = tmp_path / "out" / "demo.duckdb"
    result = _run("analyze", str(articles_dir), "--db", str(db), "--out",
                  str(tmp_path / "out" / "report"))
    assert result.exit_code == 0, result.output
    assert db.exists() and (tmp_path / "out" / "report" / "report.html").exists()


def test_a_store_folder_that_cannot_be_made_is_one_line(tmp_path, articles_dir):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    result = _run("analyze", str(articles_dir), "--db", str(blocker / "s.duckdb"))
    assert _one_error_line(result).startswith(f"Error: cannot make the folder {blocker} for "
                                              "the store")
