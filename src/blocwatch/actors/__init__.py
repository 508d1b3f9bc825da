"""Actors: time-aware resolution of states, leaders, officials and organisations.

`resolve` reads one mention; `scan_doc`/`scan_text` find every mention of a
Doc; `load_tables` gives the packaged tables they use.
"""

from blocwatch.actors.resolve import resolve, resolve_span
from blocwatch.actors.scan import scan_doc, scan_text
from blocwatch.actors.tables import ActorTables, load_tables

__all__ = ["ActorTables", "load_tables", "resolve", "resolve_span", "scan_doc", "scan_text"]
