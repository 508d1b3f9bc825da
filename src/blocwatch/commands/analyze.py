"""`blocwatch analyze` (the whole job, with a progress line per stage) and
`blocwatch report` (rebuild the report from the store).  Thin: the work is
in `blocwatch.analyze` and `blocwatch.report`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from blocwatch.analyze import AnalyzeResult, StageProgress, analyze, parse_window, rebuild_report
from blocwatch.commands.common import db_option, settings_of, store_from
from blocwatch.errors import BlocwatchError
from blocwatch.report.wording import swing_groups
from blocwatch.terminal import safe

STAGE_LABELS = {
    "ingest": "reading and deduplicating",
    "code": "coding events",
    "relations": "inferring relations",
    "report": "writing the report",
}
TOP_PAIRS = 10
WARNINGS_SHOWN = 10
SWING_SHOWN = 15  # states named per swing group; report.md has them all
EVIDENCE_CHARS = 160
QUOTE_MARKS = "\"'“”‘’«» "


def _console(stream: Any) -> Console:
    # Wide when piped, so logs keep one line per row.
    # No emoji codes either: ":flag_cn:" in a title is text, not a picture.
    return Console(file=stream, highlight=False, emoji=False,
                   width=None if stream.isatty() else 160)


class RichStages(StageProgress):
    """A rich progress bar per running stage on stderr, and one line when it ends."""

    def __init__(self, console: Console, *, announce: bool = True) -> None:
        # announce: print the "✓ stage: what it did" line when a stage ends
        self.announce = announce
        self.bar = Progress(
            SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
            TimeElapsedColumn(), TextColumn("{task.fields[detail]}"), console=console,
            # piped or logged, a live bar only leaves a blank line behind
            transient=True, disable=not console.is_terminal,
        )
        self.tasks: dict[str, TaskID] = {}

    def __enter__(self) -> RichStages:
        self.bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.bar.stop()

    def start(self, stage: str, total: int | None = None) -> None:
        self.tasks[stage] = self.bar.add_task(STAGE_LABELS.get(stage, stage), total=total,
                                              detail="")

    def advance(self, stage: str, done: int, detail: str = "") -> None:
        if stage in self.tasks:
            self.bar.update(self.tasks[stage], completed=done,
                            detail=safe(Path(detail).name if detail else "", 50))

    def finish(self, stage: str, message: str) -> None:
        task = self.tasks.pop(stage, None)
        if task is not None:
            self.bar.remove_task(task)
        if self.announce:
            self.bar.console.print(f"[green]✓[/] {safe(STAGE_LABELS.get(stage, stage))}: {safe(message)}")


def _num(value: Any, fmt: str) -> str:
    return "–" if value is None else format(value, fmt)


def _first_evidence(evidence: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The evidence to quote: the most confident, asserted before reported."""
    if not evidence:
        return None
    return max(evidence, key=lambda e: (e.get("modality") == "asserted",
                                        e.get("confidence") or 0.0))


def print_summary(result: AnalyzeResult, out: Console) -> None:
    """Top aligned pairs, blocs, undeclared alliances and warnings.  Every
    text that comes from an article or a file goes through `safe`: no
    control sequence or rich markup of theirs reaches the terminal."""
    report = result.report
    s = report["summary"]
    out.print(f"[bold]{s['articles']} articles[/], {s['republications']} republications, "
              f"{s['events']} events counted ({s['events_in_copies']} repeats in republished "
              f"passages counted once), {s['claims']} claims")
    dyads = report["dyads"][:TOP_PAIRS]
    if dyads:
        table = Table("pair", "alignment", "±", "net coop.", "events", "formal ties",
                      title="Top aligned pairs", title_justify="left")
        for d in dyads:
            table.add_row(safe("–".join(d["pair"])), _num(d["alignment"], "+.2f"),
                          _num(d["uncertainty"], ".2f"), _num(d["net_cooperation"], "+.2f"),
                          str(d["counts"]["events"]), safe(", ".join(d["formal_ties"]), 50))
        out.print(table)
    pol = report["polarity"]
    out.print(f"[bold]Blocs[/] ({safe(pol['reading'])}, effective number "
              f"{_num(pol['index'], '.2f')}):")
    for bloc in report["blocs"]:
        out.print(f"  bloc {bloc['id']}: {safe(', '.join(bloc['members']))}")
    if not report["blocs"]:
        out.print("  none formed")
    for heading, states in swing_groups(report["swing_states"]):
        codes = [x["state"] for x in states]
        more = f" and {len(codes) - SWING_SHOWN} more" if len(codes) > SWING_SHOWN else ""
        out.print(f"  {safe(heading.split(' (')[0].lower())}: "
                  + safe(", ".join(codes[:SWING_SHOWN])) + more)
    undeclared = [a for a in report["alliances"] if a["kind"] == "undeclared"]
    out.print(f"[bold]Undeclared alliances[/]: {len(undeclared)}")
    for a in undeclared:
        labels = ", ".join(a["label_values"]) or "no label recorded"
        out.print(f"  {safe('–'.join(a['pair']))}: alignment {_num(a['alignment'], '+.2f')}, "
                  f"confidence {_num(a['confidence'], '.2f')}, {len(a['evidence'])} evidence "
                  f"events; called: {safe(labels, 120)}")
        example = _first_evidence(a["evidence"])
        if example is not None:
            source = example.get("article_title") or example.get("article_id") or "an article"
            # the sentence may bring quotation marks of its own
            sentence = str(example.get("sentence") or "").strip(QUOTE_MARKS)
            out.print(f"    e.g. “{safe(sentence, EVIDENCE_CHARS)}” "
                      f"({safe(source, 80)}; event dated {safe(example.get('date') or 'unknown')})")
    if result.warnings:
        out.print(f"[bold yellow]Warnings[/] ({len(result.warnings)}):")
        for w in result.warnings[:WARNINGS_SHOWN]:
            out.print(f"  {safe(w, 200)}")
        if len(result.warnings) > WARNINGS_SHOWN:
            out.print(f"  ... {len(result.warnings) - WARNINGS_SHOWN} more in report.md")
    if result.skipped_stages:
        out.print("[yellow]not run[/] (stage not installed): "
                  + safe(", ".join(result.skipped_stages)))
    out.print(f"Report: {safe(result.files.html)} (also report.md, report.json)")
    # a file:// address most terminals let one click open in the browser
    out.print(f"Open it in a browser: {safe(result.files.html.resolve().as_uri())}")


def _make_store_folder(path: str) -> None:
    """`make demo` keeps its store in out/, which a fresh checkout lacks:
    analyze makes the folder of a new store (DuckDB does not)."""
    if path == ":memory:":
        return
    folder = Path(path).parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise BlocwatchError(f"cannot make the folder {folder} for the store: "
                             f"{err.strerror or err}",
                             hint="--db PATH in a folder you can write to") from err


window = [
    click.option("--from", "date_from", default=None, metavar="DATE",
                 help="First day of the window (YYYY, YYYY-MM or YYYY-MM-DD)."),
    click.option("--to", "date_to", default=None, metavar="DATE",
                 help="Last day of the window (YYYY, YYYY-MM or YYYY-MM-DD)."),
]
out_option = click.option("--out", "out_dir", type=click.Path(file_okay=False), default="report",
                          show_default=True, help="Folder for report.html, report.md, report.json.")


def _window_options(f: Any) -> Any:
    for option in reversed(window):
        f = option(f)
    return f


@click.command(name="analyze")
@click.argument("paths", nargs=-1, required=True)
@db_option
@out_option
@_window_options
@click.option("--manifest", type=click.Path(exists=True, dir_okay=False), default=None,
              help="CSV/JSONL of metadata keyed by file name [default: manifest.csv beside the files].")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Processes coding events, spaCy loaded once in each [default: setting workers].")
@click.pass_context
def analyze_command(ctx: click.Context, paths: tuple[str, ...], db: str | None, out_dir: str,
                    date_from: str | None, date_to: str | None, manifest: str | None,
                    workers: int | None) -> None:
    """Ingest articles, code events, infer alliances and blocs, write a report.

    Stages: read and deduplicate (republished copies are linked to their
    original and counted once), code events in articles not coded yet,
    infer dyads, alliances, blocs and swing states over the window, and
    write report.html (open it in any browser, offline), report.md and
    report.json into --out. Everything is kept in the store: running the
    same command again reads nothing twice and codes only new articles.

    \b
    Example:
        blocwatch analyze examples/articles --out report/
        blocwatch analyze news/ more.jsonl --db world.duckdb --from 2014 --to 2016-06
        blocwatch analyze big-archive/ --workers 4
    """
    settings = settings_of(ctx).with_values(workers=workers)
    start, end = parse_window(date_from, date_to)
    _make_store_folder(db or settings.db)
    err = _console(sys.stderr)
    with store_from(ctx, db) as store, RichStages(err) as stages:
        result = analyze(store, paths, settings, out_dir=out_dir, date_from=start, date_to=end,
                         manifest=manifest, progress=stages)
    print_summary(result, _console(sys.stdout))


@click.command(name="report")
@db_option
@out_option
@_window_options
@click.pass_context
def report_command(ctx: click.Context, db: str | None, out_dir: str, date_from: str | None,
                   date_to: str | None) -> None:
    """Rebuild report.html, report.md and report.json from the store.

    Reads no new input: relations are inferred again from the stored events
    for the window asked for.

    \b
    Example:
        blocwatch report --db out/demo.duckdb --out out/report
        blocwatch report --from 2016 --to 2016 --out report-2016
    """
    settings = settings_of(ctx)
    start, end = parse_window(date_from, date_to)
    path = db or settings.db
    if path != ":memory:" and not Path(path).exists():
        raise BlocwatchError(f"no store at {path}", hint=f"blocwatch analyze PATH... --db {path}")
    err = _console(sys.stderr)
    with store_from(ctx, db) as store, RichStages(err) as stages:
        result = rebuild_report(store, settings, out_dir=out_dir, date_from=start, date_to=end,
                                progress=stages)
    print_summary(result, _console(sys.stdout))


COMMANDS = [analyze_command, report_command]
