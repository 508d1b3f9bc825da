"""The DuckDB store.  All SQL of the project lives in this package.

Schema changes are numbered migrations in ``store/migrations/NNN_name.sql``;
opening a store applies the missing ones in order, each in its own
transaction, and refuses a store written by a newer blocwatch.
"""

from blocwatch.store.connection import Store, open_store

__all__ = ["Store", "open_store"]
