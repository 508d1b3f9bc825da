"""Opening, migrating and transacting on the DuckDB store."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

import duckdb

from blocwatch.errors import SchemaTooNewError, StoreError

# DuckDB's message when another process holds the file's lock
_LOCK_HOLDER = re.compile(r"Conflicting lock is held in (?P<program>.+?) \(PID (?P<pid>\d+)\)")
_MIGRATION_NAME = re.compile(r"^(\d{3})_([a-z0-9_]+)\.sql$")


def is_interrupt(err: BaseException) -> bool:
    """Whether ``err`` is DuckDB's answer to Ctrl-C: it turns SIGINT during a
    query into its own exception (a RuntimeError "Query interrupted" in some
    builds), not KeyboardInterrupt."""
    if isinstance(err, KeyboardInterrupt | duckdb.InterruptException):
        return True
    return isinstance(err, RuntimeError) and "interrupted" in str(err).lower()


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


# a DuckDB file carries this magic at byte 8 of its first block
_DUCKDB_MAGIC = b"DUCK"


def _check_is_duckdb(path: str) -> None:
    """Refuse an existing file that is not a DuckDB database before DuckDB
    does: its own message ("Cannot launch in-memory database ...") does not
    say that --db points at, say, the CSV one meant to ingest."""
    file = Path(path)
    if path == ":memory:" or not file.is_file():
        return
    try:
        with file.open("rb") as handle:
            head = handle.read(16)
    except OSError as err:
        raise StoreError(f"cannot read store {path}: {err.strerror}",
                         hint="check the file's permissions, or --db PATH to another file") from err
    if not head:
        raise StoreError(
            f"{path} is an empty file, not a blocwatch store (DuckDB database)",
            hint=f"delete {path} to let blocwatch create a store there, or --db PATH to another file",
        )
    if head[8:12] != _DUCKDB_MAGIC:
        raise StoreError(
            f"{path} is not a blocwatch store (not a DuckDB database file)",
            hint="--db PATH to a .duckdb file, or a new name to create a store there",
        )


class Store:
    """A connection to one store file (or ``:memory:``), migrated on open."""

    def __init__(self, path: str | Path = "blocwatch.duckdb", *, read_only: bool = False) -> None:
        self.path = str(path)
        _check_is_duckdb(self.path)
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as err:
            holder = _LOCK_HOLDER.search(str(err))
            if holder:
                raise StoreError(
                    f"store {self.path} is in use by another program "
                    f"({Path(holder['program']).name}, PID {holder['pid']})",
                    hint="waiting for it to finish, or closing it: one program at a time "
                         "may write a store") from err
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
        except BaseException as err:
            self._rollback()
            if is_interrupt(err):
                raise KeyboardInterrupt from err
            raise
        try:
            self.con.execute("COMMIT")
        except Exception as err:
            # Ctrl-C while DuckDB commits: the batch is not stored, which the
            # next run sees and redoes
            if is_interrupt(err):
                self._rollback()
                raise KeyboardInterrupt from err
            raise

    def _rollback(self) -> None:
        # DuckDB may have ended the transaction itself: nothing left to undo
        with contextlib.suppress(duckdb.Error, RuntimeError):
            self.con.execute("ROLLBACK")

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
