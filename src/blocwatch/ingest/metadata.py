"""Metadata about articles: manifests, dates, and "first published" sentences.

Dates come in many shapes (ISO from JSON, RFC 2822 from feeds, "5th July 2016"
from prose).  `parse_date` accepts a whole value and refuses anything it would
have to guess (a missing day, an ambiguous 05/07/2016); `search_date` finds the
first complete date inside a longer string.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

from dateutil import parser as dateutil_parser

from blocwatch.errors import InputError
from blocwatch.models import IngestProblem

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|2[01])\d\d)"

# Each pattern captures day, month and year by name; the first match in a
# string wins, so the order only matters for overlapping shapes.
_DATE_PATTERNS = (
    re.compile(rf"\b{_YEAR}-(?P<month>[01]?\d)-(?P<day>[0-3]?\d)(?!\d)"),
    re.compile(rf"\b{_DAY}(?:\s+of)?\s+{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_YEAR}/(?P<month>[01]?\d)/(?P<day>[0-3]?\d)(?!\d)"),
    # Dotted numeric dates are day-first wherever they are used (Europe).
    re.compile(rf"\b(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.{_YEAR}\b"),
)
_SLASHED = re.compile(rf"^(?P<a>[01]?\d|[23]\d)/(?P<b>[0-3]?\d)/{_YEAR}$")
_RFC2822 = re.compile(r"^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d\d:\d\d")
_COMPACT = re.compile(rf"^{_YEAR}(?P<month>[01]\d)(?P<day>[0-3]\d)$")


def _make_date(year: str, month: str, day: str) -> date | None:
    try:
        m = int(month) if month.isdigit() else _MONTHS[month.lower().rstrip(".")]
        return date(int(year), m, int(day))
    except (ValueError, KeyError):
        return None


def search_date(text: str) -> tuple[date, int, int] | None:
    """The first complete date written inside `text`: (date, start, end)."""
    best: tuple[date, int, int] | None = None
    for pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            found = _make_date(m["year"], m["month"], m["day"])
            if found is not None:
                if best is None or m.start() < best[1]:
                    best = (found, m.start(), m.end())
                break
    return best


def parse_date(value: object) -> date | None:
    """A publication date from a metadata value, or None when it is missing,
    incomplete or ambiguous (better no date than a wrong one)."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text:
        return None
    compact = _COMPACT.match(text)
    if compact:
        return _make_date(compact["year"], compact["month"], compact["day"])
    if _RFC2822.match(text):
        try:
            return parsedate_to_datetime(text).date()
        except (TypeError, ValueError):
            pass
    slashed = _SLASHED.match(text)
    if slashed:
        a, b = int(slashed["a"]), int(slashed["b"])
        if a <= 12 and b <= 12 and a != b:
            return None  # 05/07/2016: May or July depends on the country
        month, day = (a, b) if a <= 12 else (b, a)
        return _make_date(slashed["year"], str(month), str(day))
    found = search_date(text)
    if found is not None and len(text) < 64:
        return found[0]
    return _parse_with_dateutil(text)


def _parse_with_dateutil(text: str) -> date | None:
    # dateutil fills missing parts from its default; parsing against two
    # different defaults shows whether the text named year, month and day.
    try:
        first = dateutil_parser.parse(text, default=datetime(1901, 1, 1))
        second = dateutil_parser.parse(text, default=datetime(1902, 2, 2))
    except (ValueError, OverflowError, TypeError):
        return None
    if first.date() != second.date():
        return None
    if not 1800 <= first.year <= 2199:
        return None
    return first.date()


# ---------------------------------------------------------------- manifests

_FILE_COLUMNS = ("file", "filename", "file_name", "path", "name")


@dataclass(frozen=True)
class ManifestEntry:
    """Metadata for one input file; None means unknown (an empty cell)."""

    file: str
    where: str  # manifest file:line, for messages
    date: date | None = None
    source: str | None = None
    url: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class Manifest:
    path: str
    entries: dict[str, ManifestEntry]
    problems: tuple[IngestProblem, ...] = ()

    def lookup(self, file_path: str) -> ManifestEntry | None:
        """The entry for a file, matched by its path relative to the
        manifest's folder, else by its bare file name."""
        name = os.path.basename(file_path)
        if not self.entries:
            return None
        relative = os.path.relpath(os.path.abspath(file_path), self._folder).replace(os.sep, "/")
        return self.entries.get(relative) or self.entries.get(name)

    @property
    def _folder(self) -> str:
        return os.path.dirname(os.path.abspath(self.path))


def read_manifest(path: str) -> Manifest:
    """Read a manifest CSV or JSONL keyed by file name.

    Raises InputError when the manifest itself cannot be read; a bad row
    becomes a problem naming ``manifest:line`` and the other rows still count.
    """
    try:
        raw = Path(path).read_bytes()
    except OSError as err:
        raise InputError(path, f"manifest cannot be read: {err.strerror or err}",
                         hint="--manifest PATH naming a CSV or JSONL file") from err
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(path, f"manifest is not UTF-8 (byte {err.start})",
                         hint="saving the manifest as UTF-8") from err
    rows = _jsonl_rows(path, text) if _looks_like_jsonl(path, text) else _csv_rows(path, text)
    entries: dict[str, ManifestEntry] = {}
    problems: list[IngestProblem] = []
    try:
        for where, row in rows:
            if isinstance(row, IngestProblem):
                problems.append(row)
                continue
            entry = _entry(where, row, problems)
            if entry is not None:
                entries[entry.file] = entry
    except csv.Error as err:
        raise InputError(path, f"manifest CSV cannot be parsed: {err}",
                         hint="a header line such as: file,date,source,url") from err
    return Manifest(path=path, entries=entries, problems=tuple(problems))


def _looks_like_jsonl(path: str, text: str) -> bool:
    suffix = Path(path).suffix.lower()
    if suffix in {".jsonl", ".ndjson", ".json"}:
        return True
    return suffix != ".csv" and text.lstrip().startswith("{")


def _csv_rows(path: str, text: str) -> Iterator[tuple[str, dict[str, object] | IngestProblem]]:
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    if not any(h in _FILE_COLUMNS for h in header):
        raise InputError(f"{path}:1", "manifest has no file column "
                         f"(columns: {', '.join(header) or 'none'})",
                         hint="a header line such as: file,date,source,url")
    line = 1
    for row in reader:
        where = f"{path}:{line + 1}"
        line = reader.line_num
        yield where, {(k or "").strip().lower(): v for k, v in row.items() if k is not None}


def _jsonl_rows(path: str, text: str) -> Iterator[tuple[str, dict[str, object] | IngestProblem]]:
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as err:
            yield where, IngestProblem(where, f"manifest line is not JSON: {err.msg} "
                                              f"(column {err.colno})", level="note")
            continue
        if not isinstance(row, dict):
            yield where, IngestProblem(where, "manifest line is not a JSON object", level="note")
            continue
        yield where, {str(k).lower(): v for k, v in row.items()}


def _cell(row: dict[str, object], name: str) -> str | None:
    value = row.get(name)
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _entry(where: str, row: dict[str, object], problems: list[IngestProblem]) -> ManifestEntry | None:
    file = next((c for c in (_cell(row, k) for k in _FILE_COLUMNS) if c), None)
    if file is None:
        problems.append(IngestProblem(where, "manifest row names no file", level="note"))
        return None
    raw_date = _cell(row, "date")
    parsed = parse_date(raw_date) if raw_date else None
    if raw_date and parsed is None:
        problems.append(IngestProblem(
            where, f"manifest date {raw_date!r} is not a complete, unambiguous date; "
                   "the file is read without it",
            hint="writing the date as YYYY-MM-DD", level="note"))
    return ManifestEntry(
        file=file.replace("\\", "/").removeprefix("./"), where=where, date=parsed,
        source=_cell(row, "source"), url=_cell(row, "url"), title=_cell(row, "title"),
    )


# ---------------------------------------------------------------- first published

_FIRST_PUBLISHED = re.compile(
    r"(?:(?:an?\s+(?:[a-z]+\s+){0,2}version\s+of\s+)?this\s+"
    r"(?:article|piece|story|post|blog\s+post|essay|column|op-ed|analysis|commentary|"
    r"report|interview|text|review|feature)\s+"
    r"(?:was\s+|is\s+|has\s+been\s+|had\s+been\s+)?(?:first|originally)\s+|"
    r"(?:first|originally)\s+)"
    r"(?:published|appeared|ran|posted|printed)\b",
    re.IGNORECASE,
)
# What may stand between the start of a sentence and the trigger: brackets,
# emphasis marks, quotes, and a label such as "Editor's note:".
_ALLOWED_LEAD = re.compile(r"^[\s(\[*_\"“'‘-]*(?:[\w’' ]{1,30}:\s*)?[\s(\[*_\"“'‘]*$")
_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*(?=\s|$)")
_TRAILING_LINK = re.compile(r"[\s,;:-]*\b(?:on|dated|in|at)?[\s,;:-]*$", re.IGNORECASE)
_PUBLISHER_BEFORE = re.compile(r"^\s*(?:by|in|on|at|with|for|via)\s+(?P<pub>\S.*)$",
                               re.IGNORECASE | re.DOTALL)
_PUBLISHER_AFTER = re.compile(
    r"^[\s,]*(?:by|in|on|at|via|for)\s+(?P<pub>[^,;()\n]+?)\s*(?:[.!?](?=\s|$)|[,;()]|$)",
    re.IGNORECASE,
)
_PUBLISHER_STRIP = " \t,;:-–—\"“”'‘’*_[]()"


def _publisher(text: str, pattern: re.Pattern[str]) -> str | None:
    m = pattern.match(text)
    if m is None:
        return None
    name = m["pub"].strip(_PUBLISHER_STRIP)
    if not name or len(name.split()) > 10 or not any(c.isalpha() for c in name):
        return None
    return name


def find_first_published(text: str) -> tuple[str | None, date, int] | None:
    """Where and when this text says the article itself first appeared:
    (publisher or None, date, char offset of the sentence), or None.

    Only a sentence that starts with the statement counts ("This article was
    first published by X on D", "Originally published in X on D"), so "the
    treaty was first published in 1950" in the middle of a sentence does not.
    """
    lowered = text.lower()
    if "first" not in lowered and "originally" not in lowered:
        return None
    for m in _FIRST_PUBLISHED.finditer(text):
        start = _sentence_start(text, m.start())
        if not _ALLOWED_LEAD.match(text[start:m.start()]):
            continue
        line_end = text.find("\n", m.end())
        tail = text[m.end(): line_end if line_end >= 0 else len(text)][:300]
        found = search_date(tail)
        if found is None:
            continue
        when, date_start, date_end = found
        before = _TRAILING_LINK.sub("", tail[:date_start])
        publisher = _publisher(before, _PUBLISHER_BEFORE) if before.strip() else None
        if publisher is None:
            publisher = _publisher(tail[date_end:], _PUBLISHER_AFTER)
        return publisher, when, start
    return None


def _sentence_start(text: str, position: int) -> int:
    window_start = max(0, position - 300)
    window = text[window_start:position]
    newline = window.rfind("\n")
    last = newline + 1 if newline >= 0 else 0
    for m in _SENTENCE_END.finditer(window, last):
        last = m.end()
    start = window_start + last
    while start < position and text[start].isspace():
        start += 1
    return start
