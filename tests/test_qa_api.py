"""docs/api.md is runnable: its Python blocks, run in order in one session in
an empty folder, do the main job without the command line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

API_DOC = Path(__file__).resolve().parents[1] / "docs" / "api.md"
_BLOCK = re.compile(r"```python\n(.*?)```", re.DOTALL)


def _blocks() -> list[str]:
    return _BLOCK.findall(API_DOC.read_text(encoding="utf-8"))


def test_the_api_doc_has_an_example_for_each_step():
    text = "\n".join(_blocks())
    for call in ("open_store(", "ingest_paths(", "ingest_items(", "resolve(", "code_text(",
                 "code_new_articles(", "analyse(", "build_report(", "write_report(",
                 "analyze("):
        assert call in text, f"docs/api.md has no example calling {call}"


@pytest.fixture(scope="module")
def api_session(tmp_path_factory):
    """Every block of docs/api.md run in order; the namespace and output."""
    import contextlib
    import io
    import os

    folder = tmp_path_factory.mktemp("api")
    namespace: dict[str, object] = {"__name__": "api_doc"}
    output = io.StringIO()
    here = Path.cwd()
    os.chdir(folder)
    try:
        for number, block in enumerate(_blocks(), 1):
            with contextlib.redirect_stdout(output):
                try:
                    exec(compile(block, f"docs/api.md block {number}", "exec"), namespace)
                except Exception as err:
                    pytest.fail(f"docs/api.md block {number} fails: {type(err).__name__}: {err}")
    finally:
        os.chdir(here)
    return folder, namespace, output.getvalue()


def test_the_examples_ingest_code_analyse_and_report(api_session):
    folder, ns, printed = api_session
    assert "2 articles read: 2 added" in printed
    assert "1 articles read: 1 added" in printed
    assert (folder / "report" / "report.html").is_file()
    assert (folder / "report" / "report.json").is_file()
    report = ns["report"]
    assert report["summary"]["articles"] == 3
    assert ns["coding"].articles == 3 and ns["coding"].events > 0
    # the second, incremental run does no new work
    assert ns["result"].ingest.added == 0
    assert ns["result"].coding.articles == 0


def test_the_examples_resolve_leaders_by_date(api_session):
    _, ns, printed = api_session
    assert ns["leader"].code == "CHNGOV" and ns["leader"].name == "Xi Jinping"
    assert "Barack Obama" in printed and "Donald Trump" in printed


def test_the_examples_code_a_sentence_with_its_evidence(api_session):
    _, ns, printed = api_session
    codes = {(ev.source.code, ev.target.code) for ev in ns["events"]}
    assert ("RUS", "CHN") in codes or ("CHN", "RUS") in codes
    assert "from: Russia and China held talks on energy in Beijing." in printed


def test_the_error_example_prints_one_line(api_session):
    _, _, printed = api_session
    last = printed.rstrip().splitlines()[-1]
    assert last.startswith("no-such-folder: no readable article found"), last
