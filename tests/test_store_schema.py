from __future__ import annotations

import duckdb
import pytest

from blocwatch.errors import SchemaTooNewError
from blocwatch.store import open_store
from blocwatch.store.connection import latest_version, migrations


def test_migrations_are_numbered_without_gaps():
    versions = [v for v, _, _ in migrations()]
    assert versions == list(range(1, len(versions) + 1))


def test_new_store_is_migrated_to_latest(tmp_path):
    s = open_store(tmp_path / "a.duckdb")
    assert s.schema_version() == latest_version()
    assert {"articles", "passages", "republications", "events", "claims", "mentions"} <= set(s.tables())
    s.close()


def test_reopening_applies_nothing(tmp_path):
    path = tmp_path / "a.duckdb"
    open_store(path).close()
    s = open_store(path)
    assert s.migrate() == []
    s.close()


def test_store_from_newer_blocwatch_is_refused_with_a_fix(tmp_path):
    path = tmp_path / "new.duckdb"
    open_store(path).close()
    con = duckdb.connect(str(path))
    con.execute("INSERT INTO schema_migrations (version, name) VALUES (999, 'future')")
    con.close()
    with pytest.raises(SchemaTooNewError) as err:
        open_store(path)
    assert "schema version 999" in str(err.value)
    assert "upgrade blocwatch" in str(err.value)


def test_transaction_rolls_back_on_interrupt(tmp_path):
    s = open_store(tmp_path / "t.duckdb")
    with pytest.raises(KeyboardInterrupt), s.transaction() as con:
        con.execute("INSERT INTO articles (id, origin, text) VALUES ('a', 'x', 'y')")
        raise KeyboardInterrupt
    assert s.con.execute("SELECT count(*) FROM articles").fetchone()[0] == 0
    s.close()


def test_unopenable_store_names_the_fix(tmp_path):
    from blocwatch.errors import StoreError

    folder = tmp_path / "dir.duckdb"
    folder.mkdir()
    with pytest.raises(StoreError) as err:
        open_store(folder)
    assert "--db" in str(err.value)


def test_connection_is_usable_for_relational_queries_after_opening(tmp_path):
    s = open_store(tmp_path / "r.duckdb")
    s.schema_version()
    assert s.con.sql("SELECT 42").fetchall() == [(42,)]
    s.close()
