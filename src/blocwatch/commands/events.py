"""`blocwatch code` (code sentences from a JSONL file) and `blocwatch events`
(list stored events with their evidence)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from datetime import date
from typing import Any, TextIO

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from blocwatch.commands.common import db_option, json_option, settings_of, store_from
from blocwatch.errors import BlocwatchError, InputError
from blocwatch.terminal import console, out, safe


def _read_batches(handle: TextIO, name: str, size: int, problems: list[str]
                  ) -> Iterator[list[dict[str, Any]]]:
    from blocwatch.events.run import parse_record

    batch: list[dict[str, Any]] = []
    for n, line in enumerate(handle, 1):
        if not line.strip():
            continue
        try:
            rec = parse_record(line, f"{name}:{n}")
        except InputError as err:
            problems.append(str(err))
            console.print(f"[red]error[/] {safe(err)}", soft_wrap=True)
            continue
        rec.setdefault("id", f"{name}:{n}")
        batch.append(rec)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


@click.command(name="code")
@click.argument("input_path", metavar="INPUT.jsonl", type=click.Path(allow_dash=True))
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False, allow_dash=True),
              default="-", help="Write JSON lines here [default: stdout].")
@click.option("--workers", type=int, default=None,
              help="Worker processes (spaCy is loaded once in each) [default: setting workers].")
@click.option("--batch-size", type=int, default=None, help="Records per batch.")
@click.option("--monadic", is_flag=True,
              help="Free mode: also list events with no target (\"Russia mobilised troops\").")
@click.pass_context
def code(ctx: click.Context, input_path: str, output: str, workers: int | None,
         batch_size: int | None, monadic: bool) -> None:
    """Code the sentences of INPUT.jsonl as PLOVER events, without a store.

    Each input line is {"id", "text", "date"?, "source"?, "target"?}. With
    source and target (two mention strings in the text) it answers what the
    source did to the target, best event first (pair mode); without them it
    finds every event between two actors (free mode; --monadic adds events
    with no target). A bad line is reported with its file:line
    and skipped; the others are still coded.

    \b
    Example:
        blocwatch code sentences.jsonl -o events.jsonl
        blocwatch code ../shared/eval/plv_dev.jsonl -o plv.out.jsonl --workers 2
    """
    from blocwatch.events.run import code_batches

    settings = settings_of(ctx)
    workers = workers or settings.workers
    size = batch_size or max(8, settings.batch_size)
    problems: list[str] = []
    try:
        handle = sys.stdin if input_path == "-" else open(input_path, encoding="utf-8")  # noqa: SIM115 - closed in finally
    except OSError as err:
        raise InputError(input_path, f"cannot read ({err.strerror})",
                         hint="check the path, or pass - to read stdin") from err
    total = None
    if input_path != "-":
        with open(input_path, encoding="utf-8") as f:
            total = sum(1 for line in f if line.strip())
    name = "stdin" if input_path == "-" else input_path
    sink = sys.stdout if output == "-" else open(output, "w", encoding="utf-8")  # noqa: SIM115
    coded = 0
    try:
        with Progress(TextColumn("coding"), BarColumn(), MofNCompleteColumn(), console=console,
                      transient=True, disable=not console.is_terminal) as progress:
            task = progress.add_task("code", total=total)
            batches = _read_batches(handle, name, size, problems)
            for batch, results in code_batches(batches, workers, monadic=monadic,
                                                model=settings.spacy_model):
                for rec, events in zip(batch, results, strict=True):
                    sink.write(json.dumps({"id": rec["id"], "events": events},
                                          ensure_ascii=False, default=str) + "\n")
                coded += len(batch)
                progress.update(task, completed=coded + len(problems))
    finally:
        if handle is not sys.stdin:
            handle.close()
        if sink is not sys.stdout:
            sink.close()
    if not coded:
        # Nothing coded is never a success: an empty file or only bad lines.
        why = f"{len(problems)} bad lines" if problems else "it holds no records"
        raise BlocwatchError(f"no record of {name} could be coded ({why})",
                             hint=f"each line of {name} must be a JSON object like "
                                  '{"id": "1", "text": "Russia met China.", '
                                  '"date": "2016-06-25"}')
    console.print(f"coded {coded} records" + (f", {len(problems)} skipped" if problems else ""))

# Width of the events table when stdout is not a terminal.
_PIPED_WIDTH = 160


def _day(value: str | None, option: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as err:
        raise click.BadParameter(f"{value!r} is not a date: use YYYY-MM-DD",
                                 param_hint=option) from err


@click.command(name="events")
@db_option
@click.option("--actor", default=None, help="ISO3 country or actor code on either side (RUS).")
@click.option("--type", "event_type", default=None, help="PLOVER event type (CONSULT).")
@click.option("--from", "date_from", default=None, help="First date, YYYY-MM-DD.")
@click.option("--to", "date_to", default=None, help="Last date, YYYY-MM-DD.")
@click.option("--limit", type=int, default=200, show_default=True, help="At most this many.")
@json_option
@click.pass_context
def events(ctx: click.Context, db: str | None, actor: str | None, event_type: str | None,
           date_from: str | None, date_to: str | None, limit: int, as_json: bool) -> None:
    """List stored events with the sentence each was coded from.

    \b
    Example:
        blocwatch events --actor RUS --type CONSULT --from 2016-01-01 --to 2016-12-31
        blocwatch events --db out/demo.duckdb --json
    """
    from blocwatch.events.ontology import ROOTS
    from blocwatch.store.events import list_events

    if event_type and event_type.upper() not in ROOTS:
        raise click.BadParameter(f"{event_type!r} is not a PLOVER type; one of "
                                 + ", ".join(ROOTS), param_hint="--type")
    first, last = _day(date_from, "--from"), _day(date_to, "--to")
    if first and last and first > last:
        raise BlocwatchError(f"--from {first} is after --to {last}: no date is in that range",
                             hint=f"swap them: --from {last} --to {first}")
    with store_from(ctx, db, read_only=True) as store:
        rows = list_events(store, actor=actor, type=event_type, date_from=first,
                           date_to=last, limit=limit)
    if as_json:
        for row in rows:
            out.print(json.dumps(row, default=str, ensure_ascii=False), markup=False)
        return
    table = Table("date", "event", "source", "target", "modality", "evidence", show_lines=False)
    for row in rows:
        table.add_row(safe(row["date"]), safe(row["event"]),
                      safe(row["source_code"] or row["source_text"]),
                      safe(row["target_code"] or row["target_text"] or "-"),
                      safe(row["modality"]), safe(row["sentence"], 160))
    # Piped output is read by tools and wide pagers: do not squeeze it to 80 columns.
    sink = out if out.is_terminal else Console(highlight=False, width=_PIPED_WIDTH,
                                               file=out.file)
    sink.print(table)
    console.print(f"{len(rows)} events")


COMMANDS = [code, events]
