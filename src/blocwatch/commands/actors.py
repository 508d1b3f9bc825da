"""`blocwatch actors`: resolve mentions, list and show the packaged actors."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

import click
from rich.table import Table

from blocwatch.actors.resolve import resolve
from blocwatch.actors.tables import ActorTables, active_on, load_tables, name_key
from blocwatch.errors import ActorError
from blocwatch.models import Actor
from blocwatch.terminal import out, safe

_KINDS = ("state", "igo", "group", "person")
_STATE_ROLES = ("head_of_state", "head_of_government", "foreign_minister", "defence_minister",
                "chief_of_staff")


def _parse_date(value: str | None, where: str) -> date | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError as err:
        raise ActorError(f"{where}: {value!r} is not a date",
                         hint="write dates as YYYY-MM-DD, e.g. --date 2017-07-04") from err


def _actor_json(actor: Actor) -> dict[str, Any]:
    d = asdict(actor)
    d["members"] = list(actor.members)
    return d


def _tables(folder: str | None) -> ActorTables:
    return load_tables(folder)


tables_option = click.option(
    "--tables", "tables_dir", type=click.Path(file_okay=False, exists=True), default=None,
    help="Folder of actor tables [default: the packaged ones].",
)


@click.group(name="actors")
def actors() -> None:
    """Resolve actor mentions; list and show the packaged actors.

    \b
    Example:
        blocwatch actors resolve "President Xi" --date 2017-07-04
        blocwatch actors show NATO --date 2024-06-01
    """


@actors.command(name="resolve")
@click.argument("text", required=False)
@click.option("--date", "date_text", help="The article's date (YYYY-MM-DD): roles are those held then.")
@click.option("--context", help="The sentence the mention is in.")
@click.option("--input", "input_path", type=click.Path(dir_okay=False, exists=True),
              help='JSON lines {"id", "text", "date"?, "context"?}; one JSON line out per line in.')
@tables_option
def resolve_command(text: str | None, date_text: str | None, context: str | None,
                    input_path: str | None, tables_dir: str | None) -> None:
    """Resolve a mention (or a file of mentions) to an actor, printed as JSON.

    The answer gives code (CAMEO style: RUSGOV, NATO, WST), country, sector,
    role held on the date, canonical name, kind, how it was matched, why it is
    unresolved, and an organisation's members on the date.  A bad input line
    gives an error line for its id; the rest of the file goes on.

    \b
    Example:
        blocwatch actors resolve "President Xi" --date 2017-07-04
        blocwatch actors resolve "Georgia" --context "The governor of Georgia spoke in Atlanta."
        blocwatch actors resolve --input mentions.jsonl > actors.jsonl
    """
    tables = _tables(tables_dir)
    if input_path is None:
        if not text or not text.strip():
            raise ActorError("nothing to resolve: the mention is empty", hint='blocwatch actors resolve "President Xi" --date 2017-07-04')
        when = _parse_date(date_text, "--date")
        click.echo(json.dumps(_actor_json(resolve(text, date=when, context=context, tables=tables)),
                              ensure_ascii=False))
        return
    default_date = _parse_date(date_text, "--date")
    resolved = failed = 0
    with Path(input_path).open(encoding="utf-8", errors="replace") as handle:
        for line_no, line in enumerate(handle, 1):
            if not line.strip():
                continue
            answer = _resolve_line(line, f"{input_path}:{line_no}", default_date, tables)
            click.echo(json.dumps(answer, ensure_ascii=False))
            if "error" in answer:
                failed += 1
            else:
                resolved += 1
    # like ingest: a few bad lines are reported and skipped, but a file of
    # which nothing could be read is an error (a wrong file, most often)
    if not resolved:
        raise ActorError(
            f"no line of {input_path} could be resolved"
            + (f" ({failed} error{'s' if failed != 1 else ''} above)" if failed else ": it is empty"),
            hint='JSON lines like {"id": "1", "text": "President Xi", "date": "2017-07-04"}')


def _resolve_line(line: str, where: str, default_date: date | None, tables: ActorTables) -> dict[str, Any]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        return {"id": None, "error": f"{where}: not JSON ({err.msg} at column {err.colno})"}
    if not isinstance(record, dict):
        return {"id": None, "error": f"{where}: expected a JSON object with id and text"}
    ident = record.get("id")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return {"id": ident, "error": f"{where}: no text to resolve (field \"text\")"}
    context = record.get("context")
    if context is not None and not isinstance(context, str):
        return {"id": ident, "error": f"{where}: field \"context\" must be a string"}
    try:
        when = _parse_date(record.get("date"), where) if record.get("date") else default_date
    except ActorError as err:
        return {"id": ident, "error": str(err)}
    return {"id": ident, **_actor_json(resolve(text, date=when, context=context, tables=tables))}


@actors.command(name="list")
@click.option("--kind", type=click.Choice(_KINDS), required=True, help="Which actors to list.")
@click.option("--json", "as_json", is_flag=True, help="JSON lines for machines.")
@tables_option
def list_command(kind: str, as_json: bool, tables_dir: str | None) -> None:
    """List the packaged states, organisations, groups or people.

    \b
    Example:
        blocwatch actors list --kind igo
        blocwatch actors list --kind person --json | head
    """
    tables = _tables(tables_dir)
    rows = _rows_of(kind, tables)
    if as_json:
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False, default=str))
        return
    table = Table(title=f"{len(rows)} {kind} actors")
    columns = list(rows[0]) if rows else ["code"]
    for column in columns:
        table.add_column(column)
    for row in rows:
        table.add_row(*(safe(row[c] if row[c] is not None else "", 60) for c in columns))
    out.print(table)


def _rows_of(kind: str, tables: ActorTables) -> list[dict[str, Any]]:
    if kind == "state":
        return [{"code": c.iso3, "iso2": c.iso2, "name": c.name, "start": c.start, "end": c.end}
                for c in sorted(tables.countries.values(), key=lambda c: c.iso3)]
    if kind == "igo":
        return [{"code": g.code, "name": g.name, "kind": g.kind, "start": g.start, "end": g.end}
                for g in sorted(tables.igos.values(), key=lambda g: g.code)]
    if kind == "group":
        return [{"code": g.code, "name": g.name, "members": "|".join(g.members)}
                for g in sorted(tables.groups.values(), key=lambda g: g.code)]
    rows = []
    for person, spells in sorted(tables.spells.items()):
        last = spells[-1]
        rows.append({"name": person, "country": tables.nationality(person) or "",
                     "roles": "|".join(sorted({f"{s.role}:{s.igo}" if s.igo else s.role for s in spells})),
                     "start": spells[0].start, "end": last.end})
    return rows


@actors.command(name="show")
@click.argument("code")
@click.option("--date", "date_text", help="Members and office holders on this date (YYYY-MM-DD) [default: today].")
@tables_option
def show_command(code: str, date_text: str | None, tables_dir: str | None) -> None:
    """Show an organisation, group, state or person on a date, as JSON.

    An organisation or group comes with its members on the date, a state with
    its office holders and memberships, a person with every role spell and the
    role held on the date.

    \b
    Example:
        blocwatch actors show NATO --date 2024-06-01
        blocwatch actors show RUS --date 2016-07-05
        blocwatch actors show "Vladimir Putin" --date 2010-01-01
    """
    tables = _tables(tables_dir)
    when = _parse_date(date_text, "--date") or date.today()
    click.echo(json.dumps(_show(code, when, tables), ensure_ascii=False, indent=2, default=str))


def _show(code: str, when: date, tables: ActorTables) -> dict[str, Any]:
    upper = code.strip().upper()
    if upper in tables.igos or code in tables.igos:
        igo = tables.igos.get(code) or tables.igos[upper]
        return {"kind": "igo", "code": igo.code, "name": igo.name, "type": igo.kind, "date": when,
                "active": active_on(igo.start, igo.end, when), "start": igo.start, "end": igo.end,
                "members": list(tables.members_on(igo.code, when)),
                "observers": list(tables.members_on(igo.code, when, status="observer")),
                "partners": list(tables.members_on(igo.code, when, status="partner")),
                "suspended": list(tables.members_on(igo.code, when, status="suspended")),
                "heads": {role: h for role in sorted(_IGO_ROLES) if (h := tables.holders(igo.code, role, when))}}
    if upper in tables.groups:
        g = tables.groups[upper]
        members = list(g.members)
        ally_of = next((c for c in tables.countries if tables.allies_group(c) == upper), None)
        if not members and ally_of is not None:
            members = list(tables.allies_of(ally_of, when))  # "US allies" on the date
        return {"kind": "group", "code": g.code, "name": g.name, "date": when, "members": members,
                "note": g.note}
    iso3 = upper if upper in tables.countries else tables.iso2.get(upper)
    if iso3 is None:
        found = tables.country_names.get(name_key(code), frozenset())
        iso3 = next(iter(found)) if len(found) == 1 else None
    if iso3 is not None:
        c = tables.countries[iso3]
        holders = {role: tables.holders(iso3, role, when) for role in _STATE_ROLES}
        member_of = sorted(i for i in tables.igos if iso3 in tables.members_on(i, when))
        return {"kind": "state", "code": iso3, "iso2": c.iso2, "name": c.name, "date": when,
                "exists": tables.country_on(iso3, when), "capital": c.capital,
                "office_holders": {r: h for r, h in holders.items() if h}, "member_of": member_of}
    person = code if code in tables.spells else None
    if person is None:
        found = tables.person_names.get(name_key(code), frozenset()) | tables.surnames.get(name_key(code), frozenset())
        if len(found) > 1:
            raise ActorError(f"{code!r} could be {', '.join(sorted(found))}", hint="give the full name")
        person = next(iter(found), None)
    if person is not None:
        actor = resolve(person, date=when, tables=tables)
        return {**_actor_json(actor), "date": when,
                "spells": [{"role": s.role, "country": s.iso3 or None, "organisation": s.igo or None,
                            "sector": s.sector or None, "start": s.start, "end": s.end, "note": s.note}
                           for s in tables.spells[person]]}
    raise ActorError(f"no organisation, group, state or person called {code!r}",
                     hint="blocwatch actors list --kind igo (or state, group, person)")


# the roles of igo_officials.csv (blocwatch/data/README.md)
_IGO_ROLES = frozenset({"secretary_general", "commission_president", "council_president", "high_representative",
                        "ecb_president", "managing_director", "president", "director_general", "commission_chair"})

COMMANDS = [actors]
