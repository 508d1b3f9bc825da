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


def report_json(report: dict[str, Any], *, indent: int | None = 2) -> str:
    """The report as JSON text; NaN and infinities are written as null so that
    every JSON reader accepts the file."""
    return json.dumps(finite(report), ensure_ascii=False, indent=indent, default=json_default)


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
