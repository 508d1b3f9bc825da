"""Opening, migrating and transacting on the DuckDB store."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

import duckdb

from blocwatch.errors import SchemaTooNewError, StoreError

_MIGRATION_NAME = re.compile(r"^(\d{3})_([a-z0-9_]+)\.sql$")


def migrations() -> list[tuple[int, str, str]]:
    """(version, name, sql) of every packaged migration, in order."""
    found = []
    for entry in resources.files("blocwatch.store.migrations").iterdir():
        m = _MIGRATION_NAME.match(entry.name)
        if m:
            found.append((int(m.group(1)), m.group(2), entry.read_text(encoding="utf-8")))
    found.sort()
    versions = [v for v, _, _ in found]
    if len(set(versions)) != len(versions):
        raise StoreError(f"two migrations share a number: {versions}")
    return found


def latest_version() -> int:
    return max((v for v, _, _ in migrations()), default=0)


class Store:
    """A connection to one store file (or ``:memory:``), migrated on open."""

    def __init__(self, path: str | Path = "blocwatch.duckdb", *, read_only: bool = False) -> None:
        self.path = str(path)
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as err:
            raise StoreError(
                f"cannot open store {self.path}: {str(err).splitlines()[0]}",
                hint="--db PATH to a writable file, or close the other program using it",
            ) from err
        if not read_only:
            self.migrate()
        else:
            self._check_version()

    # -- schema -------------------------------------------------------------

    def schema_version(self) -> int:
        # fetchall, not fetchone: DuckDB keeps a half-read result open, and the
        # next `con.sql()` on this connection then fails.
        exists = self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'"
        ).fetchall()[0][0]
        if not exists:
            return 0
        return self.con.execute(
            "SELECT coalesce(max(version), 0) FROM schema_migrations"
        ).fetchall()[0][0]

    def _check_version(self) -> int:
        current = self.schema_version()
        if current > latest_version():
            raise SchemaTooNewError(
                f"store {self.path} has schema version {current}, newer than this blocwatch "
                f"understands ({latest_version()})",
                hint="upgrade blocwatch (pip install -U blocwatch), or use another --db",
            )
        return current

    def migrate(self) -> list[int]:
        """Apply missing migrations; returns the versions applied."""
        self.con.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            " version INTEGER PRIMARY KEY, name VARCHAR NOT NULL,"
            " applied_at TIMESTAMP DEFAULT current_timestamp)"
        )
        current = self._check_version()
        applied = []
        for version, name, sql in migrations():
            if version <= current:
                continue
            with self.transaction():
                self.con.execute(sql)
                self.con.execute(
                    "INSERT INTO schema_migrations (version, name) VALUES (?, ?)", [version, name]
                )
            applied.append(version)
        return applied

    # -- transactions -------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """All-or-nothing: an exception (or Ctrl-C) inside rolls everything back."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield self.con
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        else:
            self.con.execute("COMMIT")

    def tables(self) -> list[str]:
        rows = self.con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' "
            "ORDER BY table_name"
        ).fetchall()
        return [r[0] for r in rows]

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_store(path: str | Path = "blocwatch.duckdb", *, read_only: bool = False) -> Store:
    return Store(path, read_only=read_only)
