"""Importing event data sets (ICEWS, GDELT 2.0, PLOVER/POLECAT) into the
events table, next to the events coded from text.

Each format module turns lines into `ImportRow` dicts or `BadRow`s; this
module batches rows into arrow tables and inserts them in one transaction per
file, so an interrupted import leaves nothing behind and a repeated one adds
nothing (every row has a stable ``import_key``).
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO, Any

import pyarrow as pa

from blocwatch.errors import InputError
from blocwatch.store import Store
from blocwatch.store import relations as sql

FORMATS = ("icews", "gdelt", "plover")
_BATCH_ROWS = 50_000
_PROBLEMS_KEPT = 200


@dataclass(frozen=True)
class BadRow:
    """A line that could not be read; ``where`` is ``file:line``."""

    where: str
    reason: str


@dataclass(frozen=True)
class SkippedRow:
    """A line read fine that is not a relation between two placed actors
    (a domestic event, an actor no table knows)."""

    reason: str


@dataclass
class ImportSummary:
    path: str
    origin: str
    read: int = 0
    added: int = 0
    bad: int = 0
    skipped: int = 0
    problems: list[BadRow] = field(default_factory=list)
    skip_reasons: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path, "origin": self.origin, "read": self.read, "added": self.added,
            "bad": self.bad, "skipped": self.skipped,
            "problems": [{"where": p.where, "reason": p.reason} for p in self.problems],
            "skip_reasons": dict(self.skip_reasons),
        }


def fail_if_nothing_read(summary: ImportSummary, help_command: str = "blocwatch import --help") -> None:
    """Raise when a file gave nothing usable: it was empty, or every row was
    bad (then the first bad rows, with their file:line, say why)."""
    if summary.read == 0:
        raise InputError(summary.path, f"no rows to import: the file is empty or has only a header "
                         f"({summary.origin})", hint="check that FILE is the right export, "
                         f"then {help_command}")
    if summary.bad == summary.read:
        first = "; ".join(f"{p.where}: {p.reason}" for p in summary.problems[:3])
        raise InputError(summary.path, f"all {summary.read} rows are bad, nothing was imported "
                         f"(first: {first})", hint=f"check that FILE is in the {summary.origin} "
                         f"layout, then {help_command}")


def row_key(origin: str, *parts: object) -> str:
    """A stable import key from a record's identifying fields."""
    digest = hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return f"{origin}:{digest[:24]}"


@dataclass(frozen=True)
class Side:
    """One actor of an imported event, placed as far as the tables allow."""

    text: str
    country: str | None = None
    kind: str = "unresolved"
    sector: str | None = None
    role: str | None = None
    code: str | None = None
    name: str | None = None


def event_row(
    *, origin: str, import_key: str, when: date, source: Side, target: Side, event: str,
    cameo_code: str | None, quad: int, mode: str | None = None, context: Iterable[str] = (),
    sentence: str | None = None, attributes: dict[str, Any] | None = None,
    confidence: float = 1.0,
) -> dict[str, Any]:
    """The events-table row of one imported event (imported events are
    reported facts of their data set: modality asserted, confidence 1)."""
    attrs = dict(attributes or {})
    if cameo_code:
        attrs["cameo_code"] = cameo_code
    row: dict[str, Any] = {
        "origin": origin, "import_key": import_key, "sentence": sentence, "event": event,
        "quad": quad, "cameo": cameo_code[:2] if cameo_code else None, "mode": mode or None,
        "context": list(context), "modality": "asserted", "confidence": confidence,
        "date": when, "date_basis": "explicit", "attributes": json.dumps(attrs, default=str),
    }
    for prefix, side in (("source", source), ("target", target)):
        row[f"{prefix}_text"] = side.text
        row[f"{prefix}_code"] = side.code
        row[f"{prefix}_country"] = side.country
        row[f"{prefix}_kind"] = side.kind
        row[f"{prefix}_sector"] = side.sector
        row[f"{prefix}_role"] = side.role
        row[f"{prefix}_name"] = side.name
    return row


_SCHEMA = pa.schema([
    ("origin", pa.string()), ("import_key", pa.string()), ("sentence", pa.string()),
    ("event", pa.string()), ("quad", pa.int8()), ("cameo", pa.string()), ("mode", pa.string()),
    ("context", pa.list_(pa.string())), ("modality", pa.string()), ("confidence", pa.float64()),
    ("date", pa.date32()), ("date_basis", pa.string()),
    *[(f"{p}_{c}", pa.string()) for p in ("source", "target")
      for c in ("text", "code", "country", "kind", "sector", "role", "name")],
    ("attributes", pa.string()),
])


def _to_arrow(rows: list[dict[str, Any]]) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=_SCHEMA).select(list(sql.IMPORTED_EVENT_COLUMNS))


def _reader(origin: str) -> Callable[[Path], Iterator[dict[str, Any] | BadRow | SkippedRow]]:
    if origin == "icews":
        from blocwatch.relations.import_icews import read_icews

        return read_icews
    if origin == "gdelt":
        from blocwatch.relations.import_gdelt import read_gdelt

        return read_gdelt
    if origin == "plover":
        from blocwatch.relations.import_plover import read_plover

        return read_plover
    raise InputError(origin, f"unknown event format {origin!r}",
                     hint="blocwatch import icews|gdelt|plover FILE")


def import_events(
    store: Store, path: str | Path, origin: str, *,
    progress: Callable[[int], None] | None = None, batch_rows: int = _BATCH_ROWS,
) -> ImportSummary:
    """Import one file of events.  Bad rows are counted and kept (the first
    200 with their ``file:line``) without stopping the file."""
    path = Path(path)
    if not path.is_file():
        raise InputError(str(path), "no such file",
                         hint="check the path; blocwatch import icews FILE reads one file")
    reader = _reader(origin)
    summary = ImportSummary(str(path), origin)
    pending: list[dict[str, Any]] = []
    with store.transaction():
        for item in reader(path):
            summary.read += 1
            if isinstance(item, BadRow):
                summary.bad += 1
                if len(summary.problems) < _PROBLEMS_KEPT:
                    summary.problems.append(item)
            elif isinstance(item, SkippedRow):
                summary.skipped += 1
                summary.skip_reasons[item.reason] = summary.skip_reasons.get(item.reason, 0) + 1
            else:
                pending.append(item)
                if len(pending) >= batch_rows:
                    summary.added += sql.insert_imported_events(store, _to_arrow(pending))
                    pending = []
            if progress is not None and summary.read % 10_000 == 0:
                progress(summary.read)
        if pending:
            summary.added += sql.insert_imported_events(store, _to_arrow(pending))
        sql.log_import(store, str(path), origin, read=summary.read, added=summary.added,
                       bad=summary.bad, skipped=summary.skipped)
    if progress is not None:
        progress(summary.read)
    return summary


def open_text(path: Path) -> IO[str]:
    """A data file as text; ``.gz`` and single-member ``.zip`` files (GDELT
    and Dataverse ship those) are read without unpacking them first."""
    if path.suffix.lower() == ".gz":
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8", errors="replace",
                                newline="")
    if path.suffix.lower() == ".zip":
        archive = zipfile.ZipFile(path)
        members = [m for m in archive.namelist() if not m.endswith("/")]
        if len(members) != 1:
            raise InputError(str(path), f"a zip of {len(members)} files; expected one data file",
                             hint="unzip it and import the data file")
        return io.TextIOWrapper(archive.open(members[0]), encoding="utf-8", errors="replace",
                                newline="")
    return path.open(encoding="utf-8", errors="replace", newline="")


def parse_date(text: str) -> date:
    """ISO dates and GDELT's YYYYMMDD."""
    text = text.strip()
    if len(text) == 8 and text.isdigit():
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    return date.fromisoformat(text[:10])
