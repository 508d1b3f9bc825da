"""report.json: the report dict as JSON (layout in docs/report-schema.json)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any


def json_default(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    # numpy scalars and anything else numeric-like
    for cast in (int, float):
        try:
            return cast(value)
        except (TypeError, ValueError):
            continue
    return str(value)


def _compact(value: Any) -> str:
    """One value as JSON on one line, by the C encoder; NaN and infinities
    become null (a retry through `finite` only when there are any)."""
    try:
        return json.dumps(value, ensure_ascii=False, default=json_default, allow_nan=False)
    except ValueError:
        return json.dumps(finite(value), ensure_ascii=False, default=json_default)


def report_json(report: dict[str, Any], *, indent: int | None = 2) -> str:
    """The report as JSON text that every JSON reader accepts (NaN and
    infinities written as null).

    With ``indent``, each top-level field starts a line and each entry of a
    top-level list is one line of its own: readable, friendly to ``diff`` and
    ``grep``, and written by the C encoder (``json.dumps`` with an indent runs
    in pure Python, minutes for a report of many thousand events)."""
    if indent is None:
        return _compact(report)
    pad = " " * indent
    fields = []
    for key, value in report.items():
        name = _compact(str(key))
        if isinstance(value, (list, tuple)) and value:
            items = f",\n{pad}{pad}".join(_compact(item) for item in value)
            fields.append(f"{pad}{name}: [\n{pad}{pad}{items}\n{pad}]")
        else:
            fields.append(f"{pad}{name}: {_compact(value)}")
    return "{\n" + ",\n".join(fields) + "\n}"


def finite(value: Any) -> Any:
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        return None
    if isinstance(value, dict):
        return {k: finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [finite(v) for v in value]
    return value


def write_json(report: dict[str, Any], path: str | Path) -> Path:
    target = Path(path)
    target.write_text(report_json(report) + "\n", encoding="utf-8")
    return target
