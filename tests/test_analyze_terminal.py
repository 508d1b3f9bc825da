"""The terminal summary and progress lines show article text as text: rich
markup and ANSI escape sequences in a title, a label, a state code or a
warning are printed literally, never obeyed."""

from __future__ import annotations

import importlib.util
import io
import re
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from blocwatch.analyze import AnalyzeResult
from blocwatch.commands.analyze import RichStages, print_summary
from blocwatch.report import ReportFiles, build_report

ROOT = Path(__file__).resolve().parents[1]
# What a hostile or broken feed could put in a title or a sentence.
TRAP = "[bold red]alarm[/bold red] \x1b[31mred\x1b[0m \x1b]0;title\x07 :thumbs_up:"
# The same with the control characters taken out: what a reader sees.
DEFUSED = "[bold red]alarm[/bold red] [31mred[0m ]0;title :thumbs_up:"


def _world() -> Any:
    spec = importlib.util.spec_from_file_location(
        "report_world_terminal", ROOT / "tests" / "fixtures" / "report" / "world.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.HOSTILE = TRAP  # every article field the fixture fills gets the trap
    return module


def _terminal() -> tuple[Console, io.StringIO]:
    buffer = io.StringIO()
    # a colour terminal: had any markup of the article been obeyed, its colour
    # codes would be in the output
    return Console(file=buffer, force_terminal=True, color_system="standard", width=200,
                   highlight=False, emoji=False), buffer


def _sequences(text: str) -> set[str]:
    return set(re.findall(r"\x1b\[[0-9;]*m", text))


# rich's own styles in the summary: bold, green, yellow, bold yellow, reset
OWN_STYLES = {"\x1b[1m", "\x1b[32m", "\x1b[33m", "\x1b[1;33m", "\x1b[0m", "\x1b[3m"}


@pytest.fixture
def hostile_result(store, tmp_path) -> AnalyzeResult:
    world = _world()
    ids = world.build_store(store, hostile=True)
    relations = world.relations(ids, hostile=True)
    # evidence from the article whose title carries the trap
    relations["alliances"][0]["evidence"][0]["article_id"] = ids["drills"]
    report = build_report(store, relations,
                          warnings=[f"{tmp_path}/odd {TRAP}.txt: not an article"])
    files = ReportFiles(json=tmp_path / "report.json", markdown=tmp_path / "report.md",
                        html=tmp_path / "report.html")
    return AnalyzeResult(report=report, files=files, warnings=report["warnings"])


def test_the_summary_prints_markup_and_escapes_as_text(hostile_result):
    console, buffer = _terminal()
    print_summary(hostile_result, console)
    text = buffer.getvalue()
    # the title reaches the summary through the undeclared alliance's evidence
    assert f"e.g. “They met in Beijing. {DEFUSED}” (" in text
    assert "(Joint drills in the Philippine Sea [bold red]alarm[/bold red] [31mred" in text
    assert "[bold red]alarm[/bold red]" in text  # shown, not obeyed
    assert _sequences(text) <= OWN_STYLES, _sequences(text) - OWN_STYLES
    assert "\x1b[31m" not in text and "\x1b]0;" not in text and "\x07" not in text
    assert ":thumbs_up:" in text and "\N{THUMBS UP SIGN}" not in text
    # the label and the warning are there, defused
    assert "strategic partnership [bold red]alarm" in text
    assert f"odd {DEFUSED}.txt: not an article" in text


def test_progress_lines_print_markup_and_escapes_as_text():
    console, buffer = _terminal()
    with RichStages(console) as stages:
        stages.start("ingest", 2)
        stages.advance("ingest", 1, f"/news/{TRAP}.txt")
        stages.finish("ingest", f"2 articles read; skipped {TRAP}")
    text = buffer.getvalue()
    assert f"skipped {DEFUSED}" in text
    assert "\x1b[31m" not in text and "\x1b]0;" not in text and "\x07" not in text
