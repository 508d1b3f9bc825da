"""Commands over ingestion and the article store: ingest, articles, export, duplicates."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from blocwatch.commands.common import db_option, json_option, settings_of, store_from
from blocwatch.errors import BlocwatchError
from blocwatch.ingest.pipeline import IngestSummary, ingest_paths
from blocwatch.store import Store
from blocwatch.store import articles as article_sql
from blocwatch.terminal import safe


def _console(*, stderr: bool = False) -> Console:
    """A console for this run; wide when not a terminal, so piped output and
    logs keep one line per row."""
    stream = sys.stderr if stderr else sys.stdout
    width = None if stream.isatty() else 160
    return Console(file=stream, highlight=False, width=width)


def _existing_store(ctx: click.Context, db: str | None) -> Store:
    path = db or settings_of(ctx).db
    if path != ":memory:" and not Path(path).exists():
        raise BlocwatchError(f"no store at {path}", hint="blocwatch ingest PATH... --db " + path)
    return store_from(ctx, db, read_only=True)


def _json_default(value: object) -> str:
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _print_json_lines(rows: Iterable[dict[str, Any]]) -> None:
    for row in rows:
        click.echo(json.dumps(row, default=_json_default, ensure_ascii=False))


def _check_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    from blocwatch.ingest.metadata import parse_date

    if value is not None and parse_date(value) is None:
        raise click.BadParameter(
            f"{value!r} is not an unambiguous date; write it as YYYY-MM-DD, e.g. 2016-07-05"
        )
    return value


@click.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--manifest", type=click.Path(exists=True, dir_okay=False), default=None,
              help="CSV/JSONL of metadata keyed by file name [default: manifest.csv beside the files].")
@click.option("--date", "date_override", default=None, callback=_check_date,
              help="Publication date for every article read (YYYY-MM-DD).")
@click.option("--source", "source_override", default=None,
              help="Publisher for every article read.")
@click.option("--batch-size", default=500, show_default=True, type=click.IntRange(1),
              help="Articles per transaction.")
@click.option("--code/--no-code", "code_events", default=True, show_default=True,
              help="Code the events of new articles after storing them.")
@click.pass_context
def ingest(
    ctx: click.Context,
    paths: tuple[str, ...],
    db: str | None,
    manifest: str | None,
    date_override: str | None,
    source_override: str | None,
    batch_size: int,
    code_events: bool,
) -> None:
    """Read articles from files, folders, globs or - (stdin) into the store.

    Formats are sniffed: text, Markdown, HTML, JSON Lines / JSON, CSV, WARC.
    Page furniture is removed, republications and duplicates are linked to
    their original, and each batch is stored in one transaction: re-running
    the same command skips what is stored and resumes an interrupted run.
    New articles are then coded for events (``--no-code`` to skip).

    \b
    Example:
        blocwatch ingest ../shared/corpus/seeds
        blocwatch ingest news/*.warc.gz --db news.duckdb
        cat articles.jsonl | blocwatch ingest - --source Reuters --date 2024-05-01
    """
    settings = settings_of(ctx)
    overrides = {k: v for k, v in (("date", date_override), ("source", source_override)) if v}
    # bytes, so the reader can detect the encoding itself
    stdin = getattr(sys.stdin, "buffer", sys.stdin) if "-" in paths else None
    err = _console(stderr=True)
    with store_from(ctx, db) as store, Progress(
        SpinnerColumn(), TextColumn("{task.completed} articles"), TimeElapsedColumn(),
        TextColumn("{task.description}"), console=err, transient=True,
        disable=not err.is_terminal,
    ) as bar:
        task = bar.add_task("", total=None)

        def progress(count: int, where: str) -> None:
            bar.update(task, completed=count, description=safe(Path(where).name, 60))

        summary = ingest_paths(store, paths, settings, manifest=manifest,
                               overrides=overrides or None, stdin=stdin, progress=progress,
                               batch_size=batch_size)
    _report(summary)
    if code_events and summary.articles_read:
        _code_new(store_path=db, ctx=ctx)
    if summary.articles_read == 0:
        raise click.ClickException(
            "nothing could be read from the inputs given (see the problems above)"
        )


def _code_new(*, store_path: str | None, ctx: click.Context) -> None:
    """Code the articles the current coder has not done (the same stage as
    `blocwatch analyze`), with a progress bar on stderr."""
    from blocwatch.analyze import code_new_articles
    from blocwatch.commands.analyze import RichStages

    settings = settings_of(ctx)
    # quiet stages: the coding line is printed once, on stdout, below
    stages = RichStages(_console(stderr=True), announce=False)
    with store_from(ctx, store_path) as store, stages:
        coding = code_new_articles(store, settings, progress=stages)
    if coding is None:
        _console(stderr=True).print("events were not coded: the event coder is not installed")
        return
    _console().print(safe(coding.line()))
    for failure in coding.failed:
        _console(stderr=True).print(safe(f"not coded: {failure}"))


def _report(summary: IngestSummary) -> None:
    out = _console()
    out.print(safe(summary.line()))
    if not summary.problems:
        return
    table = Table(title=f"Problems ({len(summary.problems)})", title_justify="left")
    table.add_column("where", overflow="fold")
    table.add_column("reason", overflow="fold")
    table.add_column("what to try", overflow="fold")
    for problem in summary.problems:
        reason = problem.reason if problem.level == "skipped" else f"(note) {problem.reason}"
        table.add_row(safe(problem.where), safe(reason), safe(problem.hint or ""))
    out.print(table)


@click.command()
@db_option
@json_option
@click.option("--limit", type=click.IntRange(1), default=None, help="Show at most N articles.")
@click.pass_context
def articles(ctx: click.Context, db: str | None, as_json: bool, limit: int | None) -> None:
    """List the stored articles: id, date, source, title, words, duplicate-of.

    DUPLICATE OF names the original an article republishes (see
    `blocwatch duplicates` for coverage and new passages).

    \b
    Example:
        blocwatch articles --limit 20
        blocwatch articles --json | jq .title
    """
    with _existing_store(ctx, db) as store:
        rows = article_sql.list_articles(store, limit)
    if as_json:
        _print_json_lines(rows)
        return
    table = Table()
    for name in ("id", "date", "source", "title", "words", "duplicate of"):
        table.add_column(name, overflow="fold")
    for row in rows:
        when = row["date"].isoformat() if row["date"] else ""
        if row["date_basis"] and when:
            when += f" ({row['date_basis']})"
        table.add_row(row["id"], when, safe(row["source"] or "", 30),
                      safe(row["title"] or Path(row["origin"]).name, 70),
                      str(row["words"] or 0), row["duplicate_of"] or "")
    out = _console()
    out.print(table)
    out.print(f"{len(rows)} articles")


@click.command()
@click.argument("table")
@click.option("--format", "fmt", type=click.Choice(sorted(article_sql.EXPORT_FORMATS)),
              required=True, help="File format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="File to write, - for stdout [default: TABLE.FORMAT in the working folder].")
@db_option
@click.pass_context
def export(ctx: click.Context, table: str, fmt: str, output: str | None, db: str | None) -> None:
    """Write a table of the store (articles, passages, republications, events, ...)
    to a Parquet, CSV or JSON Lines file.

    \b
    Example:
        blocwatch export passages --format parquet -o passages.parquet
        blocwatch export republications --format csv
        blocwatch export events --format jsonl -o - | jq .event
    """
    target = output or f"{table}.{fmt}"
    with _existing_store(ctx, db) as store:
        if target == "-":
            rows = _export_to_stdout(store, table, fmt)
            click.echo(f"{rows} rows of {table} written to stdout", err=True)
            return
        rows = article_sql.export_table(store, table, fmt, target)
    click.echo(f"{rows} rows of {table} written to {target}")


def _export_to_stdout(store: Store, table: str, fmt: str) -> int:
    """DuckDB writes files, not streams: write to a scratch file, then copy it."""
    import shutil
    import tempfile

    with tempfile.TemporaryDirectory(prefix="blocwatch-export-") as scratch:
        path = Path(scratch) / f"{table}.{fmt}"
        rows = article_sql.export_table(store, table, fmt, path)
        stdout = sys.stdout.buffer
        sys.stdout.flush()
        with path.open("rb") as handle:
            shutil.copyfileobj(handle, stdout)
        stdout.flush()
    return rows


def _new_passages_text(row: dict[str, Any]) -> str:
    new = row["new_passages"] or []
    return ", ".join(str(i) for i in new) if new else "none"


@click.command()
@db_option
@json_option
@click.pass_context
def duplicates(ctx: click.Context, db: str | None, as_json: bool) -> None:
    """List republications and duplicates: original, copy, relation, coverage,
    and the copy's new passages (its own introduction, annotations, updates).

    Relations: exact (same text), near (small edits), contains (the copy
    republishes the original with additions).  Coverage is the share of the
    original's text found in the copy.

    \b
    Example:
        blocwatch duplicates
        blocwatch duplicates --json --db news.duckdb
    """
    with _existing_store(ctx, db) as store:
        rows = article_sql.list_republications(store)
    if as_json:
        _print_json_lines(rows)
        return
    table = Table()
    for name in ("original", "copy", "relation", "coverage", "new passages"):
        table.add_column(name, overflow="fold")
    for row in rows:
        table.add_row(
            _described(row["original_id"], row["original_title"], row["original_date"],
                       row["original_origin"]),
            _described(row["copy_id"], row["copy_title"], row["copy_date"], row["copy_origin"]),
            row["relation"], f"{row['coverage']:.0%}", _new_passages_text(row),
        )
    out = _console()
    out.print(table)
    out.print(f"{len(rows)} relations")


def _described(article_id: str, title: str | None, when: date | None, origin: str) -> str:
    name = safe(title or Path(origin).name, 60)
    return f"{name}\n{when.isoformat() if when else 'undated'} · {article_id}"


COMMANDS = [ingest, articles, export, duplicates]
