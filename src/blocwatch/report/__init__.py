"""The report: report.json, report.md and report.html from the store.

    from blocwatch.report import build_report, write_report
    report = build_report(store, relations_result, date_from=None, date_to=None)
    paths = write_report(report, "out/report")
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from blocwatch.errors import BlocwatchError
from blocwatch.report.build import SCHEMA_VERSION, build_report

__all__ = ["SCHEMA_VERSION", "ReportFiles", "build_report", "write_report"]


@dataclass(frozen=True)
class ReportFiles:
    json: Path
    markdown: Path
    html: Path


def write_report(report: dict[str, Any], out_dir: str | Path) -> ReportFiles:
    """Write report.json, report.md and report.html into ``out_dir`` (made if missing)."""
    from blocwatch.report.html import write_html
    from blocwatch.report.json_report import write_json
    from blocwatch.report.markdown import write_markdown

    folder = Path(out_dir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        return ReportFiles(
            json=write_json(report, folder / "report.json"),
            markdown=write_markdown(report, folder / "report.md"),
            html=write_html(report, folder / "report.html"),
        )
    except OSError as err:
        raise BlocwatchError(f"cannot write the report into {folder}: {err.strerror or err}",
                             hint="--out DIR in a folder you can write to") from err
