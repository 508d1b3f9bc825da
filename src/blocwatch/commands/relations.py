"""Relations commands: `import`, `ties import`, `dyads`, `dyad`, `alliances`,
`blocs`.  Thin: the work is in `blocwatch.relations`."""

from __future__ import annotations

import json
import sys
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from blocwatch.commands.common import db_option, json_option, settings_of, store_from
from blocwatch.errors import SettingError
from blocwatch.relations.numbers import signed
from blocwatch.settings import Settings
from blocwatch.terminal import console, safe

period_option = click.option("--period", type=click.Choice(["month", "quarter", "year"]),
                             default=None, help="Dyad period [default: setting period].")
window_options = [
    click.option("--from", "date_from", default=None, metavar="DATE",
                 help="First day (YYYY, YYYY-MM or YYYY-MM-DD)."),
    click.option("--to", "date_to", default=None, metavar="DATE",
                 help="Last day (YYYY, YYYY-MM or YYYY-MM-DD)."),
]


def _out() -> Console:
    """Standard output for tables; wide when not a terminal, so piped output
    and logs keep one line per row."""
    return Console(file=sys.stdout, highlight=False, soft_wrap=True,
                   width=None if sys.stdout.isatty() else 160)


def _window(f):
    for option in reversed(window_options):
        f = option(f)
    return f


def _analysed(ctx: click.Context, db: str | None, settings: Settings, date_from: str | None,
              date_to: str | None) -> Any:
    """The relations analysis of the store's events in the window."""
    from blocwatch.relations.analysis import analyse

    start, end = _dates(date_from, date_to)
    store = store_from(ctx, db)
    try:
        return analyse(store, settings, start, end)
    finally:
        store.close()


def _dates(date_from: str | None, date_to: str | None):
    from blocwatch.relations.dyads import parse_day

    start, end = parse_day(date_from), parse_day(date_to, end=True)
    if start is not None and end is not None and start > end:
        raise SettingError(f"--from {date_from} is after --to {date_to}",
                           hint=f"--from {date_to} --to {date_from}")
    return start, end


def _echo_json(obj: Any) -> None:
    click.echo(json.dumps(obj, ensure_ascii=False, default=str))


def _print_import(summary, as_json: bool) -> None:
    if as_json:
        _echo_json(summary.to_dict())
        return
    console.print(f"{safe(summary.path)}: read {summary.read}, added {summary.added}, "
                  f"already stored {summary.read - summary.added - summary.bad - summary.skipped}, "
                  f"bad {summary.bad}, skipped {summary.skipped}")
    for reason, count in sorted(summary.skip_reasons.items()):
        console.print(f"  skipped: {safe(reason)} ({count})")
    for problem in summary.problems[:20]:
        console.print(f"  [red]bad row[/] {safe(problem.where)}: {safe(problem.reason)}")
    if summary.bad > 20:
        console.print(f"  ... and {summary.bad - 20} more bad rows (--json lists up to 200)")


@click.command(name="import")
@click.argument("fmt", metavar="icews|gdelt|plover", type=click.Choice(["icews", "gdelt", "plover"]))
@click.argument("path", metavar="FILE", type=click.Path(dir_okay=False))
@db_option
@json_option
@click.pass_context
def import_(ctx: click.Context, fmt: str, path: str, db: str | None, as_json: bool) -> None:
    """Import an event data set into the store, next to coded events.

    ICEWS (Dataverse layout with a header, or the four-column actor / event /
    actor / date layout), GDELT 2.0 event exports, PLOVER/POLECAT JSON (lines
    or an array). Each row gets a stable key: importing a file again adds
    nothing. Bad rows are counted and listed with their file:line.

    \b
    Example:
        blocwatch import icews events.2015.tab --db world.duckdb
        blocwatch import gdelt 20240101.export.CSV
        blocwatch import plover polecat.jsonl --json
    """
    from rich.progress import Progress, TextColumn

    from blocwatch.relations.importers import fail_if_nothing_read, import_events

    store = store_from(ctx, db)
    try:
        with Progress(TextColumn("{task.description}"), console=console, transient=True,
                      disable=as_json) as progress:
            task = progress.add_task(f"importing {safe(path)}")

            def report(rows: int) -> None:
                progress.update(task, description=f"importing {safe(path)}: {rows} rows")

            summary = import_events(store, path, fmt, progress=report)
    finally:
        store.close()
    _print_import(summary, as_json)
    fail_if_nothing_read(summary)


@click.group(name="ties")
def ties() -> None:
    """Formal ties (defence pacts, alliances) compared with alignment.

    \b
    Example:
        blocwatch ties import cow_alliance_v4_1_ddyr.csv --layout cow
    """


@ties.command(name="import")
@click.argument("path", metavar="FILE", type=click.Path(dir_okay=False))
@click.option("--layout", type=click.Choice(["cow", "atop"]), required=True,
              help="cow: ccode1,ccode2,year,defense,neutrality,nonaggression,entente; "
                   "atop: stateA,stateB,year,defense,neutral,nonagg,consul.")
@db_option
@json_option
@click.pass_context
def ties_import(ctx: click.Context, path: str, layout: str, db: str | None, as_json: bool) -> None:
    """Import formal-alliance dyad-years (Correlates of War or ATOP layout).

    \b
    Example:
        blocwatch ties import cow_alliance_v4_1_ddyr.csv --layout cow
        blocwatch ties import atop5_1ddyr.csv --layout atop --db world.duckdb
    """
    from blocwatch.relations.importers import fail_if_nothing_read
    from blocwatch.relations.ties import import_alliances

    store = store_from(ctx, db)
    try:
        summary = import_alliances(store, path, layout)
    finally:
        store.close()
    _print_import(summary, as_json)
    fail_if_nothing_read(summary, "blocwatch ties import --help")


@click.command(name="dyads")
@period_option
@click.option("--min-events", type=int, default=None, help="Leave out dyad-periods with fewer events.")
@click.option("--directed", is_flag=True,
              help="Source -> target series with counts by type and quad (no alignment: it is undirected).")
@_window
@db_option
@json_option
@click.pass_context
def dyads(ctx: click.Context, period: str | None, min_events: int | None, directed: bool,
          date_from: str | None, date_to: str | None, db: str | None, as_json: bool) -> None:
    """List every dyad-period with its alignment, uncertainty and net cooperation.

    JSON lines: {"a", "b", "period", "alignment", "uncertainty",
    "net_cooperation", "events"} with ISO alpha-3 codes, a < b. The table
    shows the formal ties in force beside the score (they are not part of it).

    \b
    Example:
        blocwatch dyads --period year --min-events 5 --json
        blocwatch dyads --from 2014 --to 2015
        blocwatch dyads --directed --period quarter --json
    """
    from blocwatch.relations.analysis import dyad_alignment, period_bounds
    from blocwatch.relations.dyads import dyad_series
    from blocwatch.relations.ties import formal_ties

    settings = settings_of(ctx)
    period = period or settings.period
    min_events = settings.min_events if min_events is None else min_events
    start, end = _dates(date_from, date_to)
    store = store_from(ctx, db)
    try:
        frame, result = dyad_alignment(store, period, start, end)
        ties = formal_ties(store)
    finally:
        store.close()
    if directed:
        series = [r for r in dyad_series(frame, directed=True).rows() if r["events"] >= min_events]
        series.sort(key=lambda r: (r["period"], r["a"], r["b"]))
        if as_json:
            for row in series:
                _echo_json(row)
            return
        table = Table("period", "source", "target", "events", "net coop.", "quads 1/2/3/4",
                      title="Directed dyads")
        for row in series:
            table.add_row(safe(row["period"]), safe(row["a"]), safe(row["b"]), str(row["events"]),
                          signed(row['net_cooperation']), "/".join(f"{q:g}" for q in row["quads"]))
        _out().print(table)
        return
    rows = [result.row(i) for i in range(len(result)) if result.events[i] >= min_events]
    rows.sort(key=lambda r: (r["period"], r["a"], r["b"]))
    if as_json:
        for row in rows:
            _echo_json(row)
        return
    table = Table("period", "a", "b", "alignment", "±", "net coop.", "events", "formal ties",
                  title="Dyads")
    for row in rows:
        first, last = period_bounds(row["period"])
        formal = sorted({t.source or t.kind for t in ties.between(row["a"], row["b"], first, last)
                         if t.kind == "defense"})
        table.add_row(safe(row["period"]), safe(row["a"]), safe(row["b"]), signed(row['alignment']),
                      f"{row['uncertainty']:.2f}", signed(row['net_cooperation']), str(row["events"]),
                      safe(", ".join(formal), 40))
    _out().print(table)


@click.command(name="dyad")
@click.argument("state_a", metavar="A")
@click.argument("state_b", metavar="B")
@period_option
@db_option
@json_option
@click.pass_context
def dyad(ctx: click.Context, state_a: str, state_b: str, period: str | None, db: str | None,
         as_json: bool) -> None:
    """Show the series of one dyad (ISO alpha-3 codes), period by period.

    \b
    Example:
        blocwatch dyad RUS CHN --period year
        blocwatch dyad USA CHN --period quarter --json
    """
    from blocwatch.relations.analysis import dyad_alignment
    from blocwatch.relations.codes import PLOVER_ROOTS
    from blocwatch.relations.dyads import dyad_series
    from blocwatch.relations.names import name_tables

    a, b = sorted((state_a.upper(), state_b.upper()))
    if a == b or len(a) != 3 or len(b) != 3:
        raise SettingError(f"a dyad is two different ISO alpha-3 codes, got {state_a} {state_b}",
                           hint="blocwatch dyad RUS CHN")
    known = name_tables().iso3
    for code in (a, b):
        if code not in known:
            raise SettingError(f"{code} is not an ISO 3166 alpha-3 code of a state blocwatch knows",
                               hint="blocwatch actors list --kind state")
    settings = settings_of(ctx)
    store = store_from(ctx, db)
    try:
        frame, result = dyad_alignment(store, period or settings.period)
    finally:
        store.close()
    series = dyad_series(frame)
    counts = {(str(x), str(y), str(p)): r for x, y, p, r in
              zip(series.a, series.b, series.period, series.rows(), strict=True)}
    rows = []
    for i in range(len(result)):
        if result.a[i] == a and result.b[i] == b:
            row = result.row(i)
            row["components"] = result.components(i)
            detail = counts.get((a, b, row["period"]), {})
            row["quads"] = detail.get("quads")
            row["types"] = detail.get("types")
            rows.append(row)
    if as_json:
        for row in rows:
            _echo_json(row)
        return
    if not rows:
        console.print(f"no events between {safe(a)} and {safe(b)} in the store")
        return
    table = Table("period", "alignment", "±", "net coop.", "events", "security", "top types",
                  title=f"{safe(a)} – {safe(b)}")
    for row in rows:
        types = row["types"] or {}
        top = sorted(types.items(), key=lambda kv: -kv[1])[:3]
        table.add_row(safe(row["period"]), signed(row['alignment']), f"{row['uncertainty']:.2f}",
                      signed(row['net_cooperation']), str(row["events"]),
                      f"{row['components']['security']:.2f}",
                      safe(", ".join(f"{k} {v:g}" for k, v in top if k in PLOVER_ROOTS)))
    _out().print(table)


@click.command(name="alliances")
@click.option("--undeclared", is_flag=True, help="Only alliances inferred from behaviour.")
@_window
@db_option
@json_option
@click.pass_context
def alliances(ctx: click.Context, undeclared: bool, date_from: str | None, date_to: str | None,
              db: str | None, as_json: bool) -> None:
    """List formal alliances and undeclared ones inferred from behaviour.

    An undeclared alliance reaches the alignment and security cooperation of
    formally allied dyads in the same data with no defence pact in force; it
    is shown with its evidence events and the labels its governments use.

    \b
    Example:
        blocwatch alliances --undeclared
        blocwatch alliances --from 2016 --json
    """
    # alliances need no bootstrap of the blocs
    result = _analysed(ctx, db, settings_of(ctx).with_values(resamples=0), date_from, date_to)
    found = [f for f in result.alliances if not undeclared or f.kind == "undeclared"]
    if as_json:
        for finding in found:
            _echo_json(finding.to_dict())
        return
    table = Table("kind", "a", "b", "alignment", "security", "confidence", "labels / ties",
                  "evidence", title="Alliances")
    for f in found:
        names = [lab["value"] for lab in f.labels] if f.kind == "undeclared" else list(f.ties)
        evidence = "; ".join(f"#{e['id']} {e['sentence'] or e['event']}" for e in f.evidence[:2])
        table.add_row(safe(f.kind), safe(f.a), safe(f.b), signed(f.alignment), f"{f.security:.2f}",
                      f"{f.confidence:.2f}", safe(", ".join(dict.fromkeys(names)), 60),
                      safe(evidence, 100))
    _out().print(table)
    if result.thresholds is not None:
        t = result.thresholds
        basis = (f"calibrated on {t.calibrated_on} formally allied pairs" if t.calibrated_on
                 else "the documented defaults")
        console.print(f"undeclared-alliance thresholds: alignment ≥ {t.alignment:.2f}, "
                      f"security cooperation ≥ {t.security:.2f} ({basis})")
    for note in result.notes:
        console.print(f"note: {safe(note)}")


@click.command(name="blocs")
@_window
@db_option
@json_option
@click.pass_context
def blocs(ctx: click.Context, date_from: str | None, date_to: str | None, db: str | None,
          as_json: bool) -> None:
    """Partition states into blocs, read the polarity, list swing states.

    Blocs come from the signed alignment network (seeded spectral
    clustering), with their stability over bootstrap resamples of the events
    (settings seed and resamples).

    \b
    Example:
        blocwatch blocs --from 2014 --to 2015
        blocwatch -s resamples 100 blocs --json
    """
    result = _analysed(ctx, db, settings_of(ctx), date_from, date_to)
    data = result.to_dict()
    summary = {k: data[k] for k in ("date_from", "date_to", "blocs", "polarity", "swing_states",
                                    "unattached", "seed", "resamples", "stability", "notes")}
    if as_json:
        _echo_json(summary)
        return
    table = Table("bloc", "members", "stability", title="Blocs")
    for bloc in summary["blocs"]:
        stab = [v for v in bloc["stability"].values() if v is not None]
        table.add_row(str(bloc["id"]), safe(" ".join(bloc["members"])),
                      f"{sum(stab) / len(stab):.2f}" if stab else "–")
    _out().print(table)
    pol = summary["polarity"]
    _out().print(f"polarity: {safe(pol['reading'])} (effective number of blocs {pol['index']:.2f})")
    if summary["swing_states"]:
        _out().print("swing states: " + safe(", ".join(
            f"{s['state']} ({s['reason']}"
            + (f": bloc {'/'.join(str(b['bloc']) for b in s['blocs'])})" if s["blocs"] else ")")
            for s in summary["swing_states"])))
    for note in summary["notes"]:
        console.print(f"note: {safe(note)}")


COMMANDS = [import_, ties, dyads, dyad, alliances, blocs]
