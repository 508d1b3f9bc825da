"""Inputs to RawArticles: expand paths, folders, globs and `-` (stdin), sniff
each input's format by extension and content, call its reader, and apply
metadata in order of precedence:

    overrides (--date/--source)  >  manifest  >  the file's own metadata

Nothing here raises for bad input: every file or record that cannot be read
becomes an IngestProblem and the batch goes on.  The only errors raised are
for the options themselves (an explicit --manifest that cannot be read, an
override date that is not a date).
"""

from __future__ import annotations

import glob
import gzip
import io
import os
import re
import sys
import zlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import IO, Any, BinaryIO, TextIO

from blocwatch.errors import SettingError
from blocwatch.ingest import readers
from blocwatch.ingest.metadata import Manifest, ManifestEntry, parse_date, read_manifest
from blocwatch.ingest.readers import BINARY_HINT, Item
from blocwatch.models import IngestProblem, RawArticle
from blocwatch.settings import Settings

STDIN = "-"
STDIN_ORIGIN = "<stdin>"
MANIFEST_NAMES = ("manifest.csv", "manifest.jsonl")
_HEAD_BYTES = 65536
_GLOB_CHARS = re.compile(r"[*?\[]")
# Project documentation (README.md, LICENSE, CHANGELOG.md: capitals, Markdown,
# reStructuredText or no extension) often shares a folder with articles;
# found inside a folder, such a file is skipped with a note saying so.
_DOC_NAME = re.compile(r"^[A-Z][A-Z0-9_-]{2,}(?:\.(?:md|rst|markdown))?$")

_EXTENSIONS = {
    ".txt": "text", ".text": "text",
    ".md": "markdown", ".markdown": "markdown", ".mdown": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json",
    ".csv": "csv", ".tsv": "tsv",
    ".warc": "warc", ".arc": "warc",
}
_MARKDOWN_SIGNS = re.compile(r"^#{1,6} \S|\]\([^)\s]+\)|^\s*[-*] \S|\*\*\S|^>\s", re.MULTILINE)


def iter_raw(
    paths: Sequence[str | os.PathLike[str]],
    settings: Settings,
    *,
    manifest: str | os.PathLike[str] | None = None,
    overrides: Mapping[str, object] | None = None,
    stdin: TextIO | BinaryIO | None = None,
) -> Iterator[RawArticle | IngestProblem]:
    """Every article in `paths`, in order, with its metadata; and a problem for
    every input or record that cannot be read."""
    fixed = _check_overrides(overrides or {})
    manifest = os.fspath(manifest) if manifest else None
    explicit = read_manifest(manifest) if manifest else None
    if explicit is not None:
        yield from explicit.problems
    manifests = _ManifestFinder(explicit)
    skip = {_real(manifest)} if manifest else set()
    seen: set[str] = set()
    for target in _expand([os.fspath(p) for p in paths], skip):
        if isinstance(target, IngestProblem):
            yield target
            continue
        if target == STDIN:
            items = read_stream(stdin if stdin is not None else sys.stdin, settings)
            yield from _with_metadata(items, None, fixed)
            continue
        real = _real(target)
        if real in seen:
            continue
        seen.add(real)
        entry, problems = manifests.entry_for(target)
        yield from problems
        yield from _with_metadata(read_path(target, settings), entry, fixed)


# ---------------------------------------------------------------- expanding paths


def _real(path: str) -> str:
    return os.path.realpath(path)


def _expand(paths: Sequence[str], skip: set[str]) -> Iterator[str | IngestProblem]:
    for path in paths:
        if path == STDIN:
            yield STDIN
        elif os.path.isdir(path):
            yield from _walk(path, skip)
        elif os.path.lexists(path):
            if Path(path).name in MANIFEST_NAMES or _real(path) in skip:
                yield IngestProblem(path, "is a manifest: read as metadata for the files "
                                          "beside it, not as articles", level="note")
            else:
                yield path
        elif _GLOB_CHARS.search(path):
            matches = sorted(glob.glob(path, recursive=True))
            if not matches:
                yield IngestProblem(path, "the pattern matched no files",
                                    hint="quoting the pattern, or checking the folder")
            for match in matches:
                if os.path.isdir(match):
                    yield from _walk(match, skip)
                elif Path(match).name not in MANIFEST_NAMES and _real(match) not in skip:
                    yield match
        else:
            yield IngestProblem(path, "no such file or folder")


def _walk(folder: str, skip: set[str]) -> Iterator[str | IngestProblem]:
    """Files under `folder`, sorted, without hidden files and folders."""
    errors: list[OSError] = []
    found = False
    for root, dirs, files in os.walk(folder, onerror=errors.append):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or name in MANIFEST_NAMES:
                continue
            path = os.path.join(root, name)
            if skip and _real(path) in skip:
                continue
            found = True
            if _DOC_NAME.match(name):
                yield IngestProblem(path, "looks like documentation (a name in capitals) and "
                                          "was skipped", hint=f"naming the file: {path}",
                                    level="note")
                continue
            yield path
        yield from _folder_errors(errors, folder)
    yield from _folder_errors(errors, folder)
    if not found:
        yield IngestProblem(folder, "the folder holds no files to read", level="note")


def _folder_errors(errors: list[OSError], folder: str) -> Iterator[IngestProblem]:
    while errors:
        err = errors.pop(0)
        yield IngestProblem(err.filename or folder, f"folder cannot be read: {err.strerror or err}")


class _ManifestFinder:
    """The manifest entry for a file: the explicit --manifest first, then a
    manifest.csv/manifest.jsonl in the file's own folder (read once)."""

    def __init__(self, explicit: Manifest | None) -> None:
        self.explicit = explicit
        self.beside: dict[str, Manifest | None] = {}

    def entry_for(self, path: str) -> tuple[ManifestEntry | None, list[IngestProblem]]:
        problems: list[IngestProblem] = []
        folder = os.path.dirname(os.path.abspath(path))
        if folder not in self.beside:
            self.beside[folder] = None
            for name in MANIFEST_NAMES:
                candidate = os.path.join(os.path.dirname(path), name)
                if os.path.isfile(candidate):
                    try:
                        found = read_manifest(candidate)
                    except Exception as err:  # a broken manifest must not stop the batch
                        reason = readers.one_line(f"manifest ignored: {err}")
                        problems.append(IngestProblem(candidate, reason, level="note"))
                        continue
                    problems.extend(found.problems)
                    self.beside[folder] = found
                    break
        entry = self.explicit.lookup(path) if self.explicit else None
        beside = self.beside[folder]
        beside_entry = beside.lookup(path) if beside is not None else None
        if entry is None:
            return beside_entry, problems
        if beside_entry is not None:
            # The explicit manifest wins cell by cell; its empty cells fall back.
            entry = ManifestEntry(
                file=entry.file, where=entry.where, date=entry.date or beside_entry.date,
                source=entry.source or beside_entry.source, url=entry.url or beside_entry.url,
                title=entry.title or beside_entry.title)
        return entry, problems


# ---------------------------------------------------------------- metadata precedence


def _check_overrides(overrides: Mapping[str, object]) -> dict[str, Any]:
    fixed: dict[str, Any] = {}
    for key, value in overrides.items():
        if value is None or value == "":
            continue
        if key == "date":
            parsed = parse_date(value)
            if parsed is None:
                raise SettingError(f"--date {value!r} is not a complete, unambiguous date",
                                   hint="--date 2016-07-05")
            fixed["date"] = parsed
        elif key in {"source", "url", "title"}:
            fixed[key] = str(value)
        else:
            raise SettingError(f"unknown metadata override {key!r}; known: date, source, "
                               "url, title")
    return fixed


def _with_metadata(items: Iterator[Item], entry: ManifestEntry | None,
                   fixed: Mapping[str, Any]) -> Iterator[Item]:
    for item in items:
        if isinstance(item, IngestProblem):
            yield item
            continue
        yield apply_metadata(item, entry, fixed)


def apply_metadata(raw: RawArticle, entry: ManifestEntry | None,
                   fixed: Mapping[str, Any]) -> RawArticle:
    """Manifest cells over the file's own metadata, overrides over both;
    empty manifest cells leave what the file says."""
    changes: dict[str, Any] = {}
    meta = dict(raw.meta)
    if entry is not None:
        for name in ("date", "source", "url", "title"):
            value = getattr(entry, name)
            if value is not None:
                changes[name] = value
        if entry.date is not None:
            meta["date_basis"] = "manifest"
        meta["manifest"] = entry.where
    for name, value in fixed.items():
        changes[name] = value
    if "date" in fixed:
        meta["date_basis"] = "override"
    if not changes:
        return raw
    return replace(raw, meta=meta, **changes)


# ---------------------------------------------------------------- reading one input


def read_path(path: str, settings: Settings) -> Iterator[Item]:
    """Every article in one file, or the problems that stopped it."""
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            head = handle.read(_HEAD_BYTES)
            if _is_warc(head, path):
                handle.seek(0)
                yield from readers.read_warc(handle, origin=path, file_name=Path(path).name,
                                             settings=settings)
                return
            if size > settings.max_file_bytes:
                yield _over_size(path, size, settings)
                return
            data = head + handle.read()
    except PermissionError:
        yield IngestProblem(path, "cannot be read: permission denied",
                            hint=f"chmod +r {path}")
        return
    except IsADirectoryError:
        yield IngestProblem(path, "is a folder where a file was expected")
        return
    except OSError as err:
        yield IngestProblem(path, f"cannot be read: {err.strerror or err}")
        return
    yield from read_bytes(data, origin=path, name=Path(path).name, settings=settings)


def read_stream(stream: TextIO | BinaryIO | IO[Any], settings: Settings) -> Iterator[Item]:
    """Everything on a stream (stdin): text or bytes, format sniffed by content."""
    limit = settings.max_file_bytes
    binary = getattr(stream, "buffer", stream)
    try:
        data = binary.read(limit + 1)
    except OSError as err:
        yield IngestProblem(STDIN_ORIGIN, f"cannot be read: {err.strerror or err}")
        return
    if isinstance(data, str):
        data = data.encode("utf-8")
    if len(data) > limit:
        yield _over_size(STDIN_ORIGIN, None, settings)
        return
    if _is_warc(data[:_HEAD_BYTES], ""):
        yield from readers.read_warc(io.BytesIO(data), origin=STDIN_ORIGIN, file_name="",
                                     settings=settings)
        return
    yield from read_bytes(data, origin=STDIN_ORIGIN, name="", settings=settings)


def _over_size(where: str, size: int | None, settings: Settings) -> IngestProblem:
    limit = settings.max_file_bytes
    what = f"{size:,} bytes" if size is not None else "more bytes than that"
    return IngestProblem(
        where, f"over-size: {what}, over the limit of {limit:,} bytes (setting max_file_bytes)",
        hint=f"--setting max_file_bytes {max(limit * 2, (size or 0) + 1)}")


def _is_warc(head: bytes, path: str) -> bool:
    if head.startswith(b"WARC/"):
        return True
    if head.startswith(b"\x1f\x8b"):
        if path.lower().endswith((".warc.gz", ".arc.gz")):
            return True
        try:
            return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 16).startswith(b"WARC/")
        except zlib.error:
            return False
    return False


def read_bytes(data: bytes, *, origin: str, name: str, settings: Settings) -> Iterator[Item]:
    """Articles in the bytes of one file: checks, decoding, format sniffing."""
    if data.startswith(b"\x1f\x8b"):
        inner = _gunzip(data, origin, settings)
        if isinstance(inner, IngestProblem):
            yield inner
            return
        data, name = inner, name.removesuffix(".gz").removesuffix(".GZ")
    if not data.strip():
        yield IngestProblem(origin, "empty file" if data == b"" else "empty file (only whitespace)")
        return
    kind = readers.binary_kind(data[:_HEAD_BYTES])
    if kind is not None:
        yield IngestProblem(origin, f"binary file: looks like {kind}, not text", hint=BINARY_HINT)
        return
    decoded = readers.decode_bytes(data, origin)
    if isinstance(decoded, IngestProblem):
        yield decoded
        return
    if decoded.note is not None:
        yield decoded.note
    text = decoded.text
    if not text.strip():
        yield IngestProblem(origin, "empty file (only whitespace)")
        return
    fmt = sniff_format(name, text, settings)
    yield from _dispatch(fmt, text, origin, name, decoded.encoding, settings)


def _gunzip(data: bytes, origin: str, settings: Settings) -> bytes | IngestProblem:
    limit = settings.max_file_bytes
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as unzipped:
            inner = unzipped.read(limit + 1)
    except (OSError, EOFError, zlib.error) as err:
        return IngestProblem(origin, f"gzip data cannot be unpacked: {err}")
    if len(inner) > limit:
        return IngestProblem(
            origin, f"over-size: unpacks to more than the limit of {limit:,} bytes "
                    "(setting max_file_bytes)", hint=f"--setting max_file_bytes {limit * 4}")
    return inner


def sniff_format(name: str, text: str, settings: Settings) -> str:
    """The format of a decoded input: text, markdown, html, json, jsonl, csv,
    tsv.  The extension decides among compatible formats; the content decides
    for unknown extensions and overrules .txt when it is clearly HTML or JSON."""
    by_extension = _EXTENSIONS.get(Path(name).suffix.lower()) if name else None
    if by_extension in {"html", "csv", "tsv", "markdown"}:
        return by_extension
    stripped = text.lstrip()
    if by_extension in {"json", "jsonl"}:
        return by_extension  # read_json reads lines when the whole does not parse
    if readers.looks_like_html(text):
        return "html"
    if stripped[:1] in "{[":
        first_line = stripped.split("\n", 1)[0]
        if stripped.startswith("{") and readers.is_json_object(first_line):
            return "jsonl"
        if stripped.startswith("[") and _parses_as_json(stripped):
            return "json"
    if by_extension == "text":
        return "text"
    if readers.looks_like_html(text, strict=False):
        return "html"
    head = text[:4096]
    if len(_MARKDOWN_SIGNS.findall(head)) >= 2:
        return "markdown"
    first_line = head.split("\n", 1)[0]
    for delimiter, fmt in (("\t", "tsv"), (",", "csv")):
        columns = [c.strip().strip('"').lower() for c in first_line.split(delimiter)]
        if len(columns) > 1 and settings.text_field.lower() in columns:
            return fmt
    return "text"


def _parses_as_json(text: str) -> bool:
    import json

    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def _dispatch(fmt: str, text: str, origin: str, name: str, encoding: str,
              settings: Settings) -> Iterator[Item]:
    if fmt == "html":
        yield from readers.read_html(text, origin=origin, file_name=name, settings=settings,
                                     encoding=encoding)
    elif fmt == "markdown":
        yield from readers.read_markdown(text, origin=origin, file_name=name, encoding=encoding)
    elif fmt == "jsonl":
        yield from readers.read_jsonl(text, origin=origin, file_name=name, settings=settings,
                                      encoding=encoding)
    elif fmt == "json":
        yield from readers.read_json(text, origin=origin, file_name=name, settings=settings,
                                     encoding=encoding)
    elif fmt in {"csv", "tsv"}:
        yield from readers.read_csv(text, origin=origin, file_name=name, settings=settings,
                                    encoding=encoding, delimiter="\t" if fmt == "tsv" else ",")
    else:
        yield from readers.read_text(text, origin=origin, file_name=name, encoding=encoding)
