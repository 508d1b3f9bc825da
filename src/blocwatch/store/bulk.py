"""Bulk reads and writes through Arrow tables.

DuckDB's ``executemany`` costs about a millisecond a row; registering an
Arrow table and running one ``INSERT ... SELECT`` costs a few milliseconds a
call, whatever the number of rows.  Every bulk write of the store goes
through here.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

import pyarrow as pa

from blocwatch.errors import BlocwatchError, StoreError
from blocwatch.store.connection import Store

_view_numbers = itertools.count()


def view_name() -> str:
    """A fresh name to register an Arrow table under for one statement."""
    return f"_blocwatch_arrow_{next(_view_numbers)}"


def with_arrow(store: Store, table: pa.Table, sql: str, params: Sequence[Any] = ()) -> None:
    """Run ``sql`` with ``{view}`` naming ``table``, registered for the call only."""
    name = view_name()
    store.con.register(name, table)
    try:
        store.con.execute(sql.format(view=name), list(params))
    finally:
        store.con.unregister(name)


def query_with_arrow(store: Store, table: pa.Table, sql: str) -> list[tuple[Any, ...]]:
    name = view_name()
    store.con.register(name, table)
    try:
        return store.con.execute(sql.format(view=name)).fetchall()
    finally:
        store.con.unregister(name)


def insert_rows(store: Store, table: str, columns: Sequence[str],
                rows: Sequence[Sequence[Any]], *, or_replace: bool = False) -> int:
    """Insert ``rows`` (values in the order of ``columns``) into ``table`` in
    one statement; returns the row count.  ``or_replace`` replaces rows with
    the same primary key."""
    if not rows:
        return 0
    if table not in store.tables():
        raise BlocwatchError(f"no table {table!r} in store {store.path}",
                             hint="open the store with this blocwatch so its migrations run")
    names = [c.strip() for c in columns]
    try:
        arrow = pa.table({name: [row[i] for row in rows] for i, name in enumerate(names)})
    except (pa.ArrowInvalid, pa.ArrowTypeError) as err:
        raise StoreError(f"rows for {table} do not fit one type per column: {err}",
                         hint="give every row the same kinds of values") from err
    listed = ", ".join(f'"{name}"' for name in names)
    verb = "INSERT OR REPLACE" if or_replace else "INSERT"
    with_arrow(store, arrow, f'{verb} INTO "{table}" ({listed}) SELECT {listed} FROM {{view}}')
    return len(rows)
