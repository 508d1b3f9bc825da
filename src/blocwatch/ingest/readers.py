"""One reader per input format.  Each turns the content of one input into
RawArticles, and anything it cannot use into IngestProblems, without ever
raising for bad content: one bad record must not stop a batch.

`sources` decides which reader to call (by extension and content) and applies
manifest and override metadata afterwards.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import IO, Any

from blocwatch.ingest.metadata import parse_date
from blocwatch.models import IngestProblem, RawArticle
from blocwatch.settings import Settings

Item = RawArticle | IngestProblem

_BINARY_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or .docx/.xlsx/.epub)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x7fELF", "an executable"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ", "an xz archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"SQLite format 3", "an SQLite database"),
    (b"PAR1", "a Parquet file"),
)
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
BINARY_HINT = "converting it to text, HTML or JSON first"


def one_line(message: str, limit: int = 300) -> str:
    """A problem's reason fits one line of the summary table."""
    flat = " ".join(message.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def binary_kind(head: bytes) -> str | None:
    """What a binary file looks like, or None when it may be text."""
    for magic, kind in _BINARY_MAGIC:
        if head.startswith(magic):
            return kind
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return None
    if b"\x00" in head[:8192]:
        return "binary data (it holds NUL bytes)"
    return None


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    note: IngestProblem | None = None


def decode_bytes(data: bytes, where: str, declared: str | None = None) -> Decoded | IngestProblem:
    """Text from bytes: a BOM, else UTF-8, else the declared charset, else
    what charset-normalizer detects (with a note saying so)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(encoding), encoding)
            except UnicodeDecodeError:
                break
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as err:
        bad_byte = err.start
    if declared:
        try:
            return Decoded(data.decode(declared), declared.lower())
        except (UnicodeDecodeError, LookupError):
            pass
    from charset_normalizer import from_bytes  # only needed for non-UTF-8 input

    best = _prefer_western(data, from_bytes(data))
    if best is None:
        return IngestProblem(
            where, f"bytes are not valid UTF-8 (byte {bad_byte}) and charset-normalizer "
                   "found no encoding that decodes them; skipped",
            hint="saving the file as UTF-8")
    note = IngestProblem(
        where, f"not valid UTF-8 (byte {bad_byte}); decoded as {best.encoding}, "
               "the encoding charset-normalizer detected",
        hint="saving the file as UTF-8 if the text looks wrong", level="note")
    return Decoded(str(best), best.encoding, note)


def _prefer_western(data: bytes, matches: Any) -> Any:
    """charset-normalizer's pick, re-ranked among the code pages it finds
    equally clean.

    On short text with a few accented letters the detector's ranking of
    single-byte code pages is close to a coin toss (windows-1252 bytes come
    back as cp775, so "café" becomes "cafķ"). Among the readings it rates
    alike, the one with the fewest stray symbols (superscripts, "¿" or "¤"
    where letters should be) wins; a tie goes to windows-1252, which is what
    undeclared legacy text on the web almost always is (WHATWG reads
    "latin-1" as it too)."""
    from charset_normalizer import from_bytes

    best = matches.best()
    if best is None or best.encoding.startswith("utf"):
        return best
    tied = [m for m in matches if m.chaos <= best.chaos + _CHAOS_TIE]
    if not any(m.encoding == "cp1252" for m in tied):
        western = from_bytes(data, cp_isolation=["cp1252"]).best()
        if western is not None and western.chaos <= best.chaos + _CHAOS_TIE:
            tied.append(western)
    return min(tied, key=lambda m: (_stray_symbols(str(m)[:_SAMPLE_CHARS]),
                                    m.encoding != "cp1252"))


def _stray_symbols(text: str) -> int:
    """Non-ASCII characters that are neither letters nor everyday typography:
    what a wrong single-byte code page turns letters into."""
    return sum(1 for ch in text
               if ord(ch) > 127 and not ch.isalpha() and ch not in _TYPOGRAPHY)


# how much more "chaos" (charset-normalizer's mess ratio) a reading may show
# than the detector's pick and still count as equally clean
_CHAOS_TIE = 0.02
_SAMPLE_CHARS = 200_000
_TYPOGRAPHY = frozenset("\u2018\u2019\u201a\u201c\u201d\u201e\u2013\u2014\u2026\u00ab\u00bb"
                        "\u20ac\u00a3\u00a5\u00b0\u00b7\u2022\u00a0\u00a9\u00ae\u00a7\u2032\u2033")


# ---------------------------------------------------------------- plain text and Markdown


def read_text(text: str, *, origin: str, file_name: str, encoding: str | None = None,
              fmt: str = "text", title: str | None = None,
              meta: Mapping[str, Any] | None = None) -> Iterator[Item]:
    yield RawArticle(origin=origin, text=text, format=fmt, file_name=file_name,
                     title=title, encoding=encoding, meta=dict(meta or {}))


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>.*?)\n(?:---|\.\.\.)[ \t]*\n", re.DOTALL)
_FRONT_FIELD = re.compile(r"^(?P<key>[A-Za-z_]+)\s*:\s*(?P<value>.*?)\s*$", re.MULTILINE)
_FENCE = re.compile(r"^(?P<fence>```|~~~).*?^(?P=fence)[ \t]*$\n?", re.MULTILINE | re.DOTALL)
_ATX_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(?P<text>.*?)[ \t#]*$", re.MULTILINE)
_SETEXT_UNDERLINE = re.compile(r"^(?P<text>[^\n]*\S[^\n]*)\n[ \t]*(?:=+|-+)[ \t]*$", re.MULTILINE)
_RULE = re.compile(r"^[ \t]*(?:[-*_][ \t]*){3,}$", re.MULTILINE)
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[(?P<text>[^\]]+)\]\([^)]*\)")
_REF_LINK = re.compile(r"\[(?P<text>[^\]]+)\]\[[^\]]*\]")
_REF_DEFINITION = re.compile(r"^[ \t]{0,3}\[[^\]]+\]:[ \t]+\S.*$", re.MULTILINE)
_AUTOLINK = re.compile(r"<(?P<url>(?:https?|mailto):[^>\s]+)>")
_EMPHASIS = re.compile(r"(?<![\w*])(?P<mark>\*{1,3}|_{1,3})(?=\S)(?P<text>.+?)(?<=\S)(?P=mark)(?![\w*])")
_CODE = re.compile(r"`+(?P<text>[^`]+)`+")
_QUOTE_MARK = re.compile(r"^[ \t]*(?:>[ \t]?)+", re.MULTILINE)
_LIST_MARK = re.compile(r"^[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]+", re.MULTILINE)
_TABLE_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}.*$", re.MULTILINE)
_TAG = re.compile(r"</?[A-Za-z][^>\n]*>")
_ESCAPE = re.compile(r"\\(?P<char>[\\`*_{}\[\]()#+\-.!|>])")


def split_front_matter(markdown: str) -> tuple[dict[str, str], str]:
    """The YAML-style front matter fields (title, date, ...) and the rest."""
    front = _FRONT_MATTER.match(markdown)
    if front is None:
        return {}, markdown
    fields = {m["key"].lower(): m["value"].strip("\"'") for m in _FRONT_FIELD.finditer(front["body"])}
    return fields, markdown[front.end():]


def markdown_to_text(markdown: str) -> str:
    """Plain text from Markdown, paragraph breaks kept."""
    text = _FENCE.sub("", markdown)
    text = _SETEXT_UNDERLINE.sub(lambda m: "\n" + m["text"] + "\n", text)
    text = _ATX_HEADING.sub(lambda m: "\n" + m["text"] + "\n", text)
    text = _RULE.sub("", text)
    text = _REF_DEFINITION.sub("", text)
    text = _IMAGE.sub("", text)
    text = _LINK.sub(lambda m: m["text"], text)
    text = _REF_LINK.sub(lambda m: m["text"], text)
    text = _AUTOLINK.sub(lambda m: m["url"], text)
    text = _CODE.sub(lambda m: m["text"], text)
    text = _EMPHASIS.sub(lambda m: m["text"], text)
    text = _EMPHASIS.sub(lambda m: m["text"], text)  # nested emphasis: ***a** b*
    text = _QUOTE_MARK.sub("", text)
    text = _LIST_MARK.sub("", text)
    text = _TABLE_RULE.sub("", text)
    text = _TAG.sub("", text)
    text = text.replace(" | ", "  ").replace("|", " ")
    return _ESCAPE.sub(lambda m: m["char"], text)


_FIRST_HEADING = re.compile(r"\A\s*(?:#{1,6}[ \t]+(?P<atx>[^\n]+?)[ \t#]*\n|"
                            r"(?P<setext>[^\n]+)\n=+[ \t]*\n)")


def read_markdown(markdown: str, *, origin: str, file_name: str,
                  encoding: str | None = None) -> Iterator[Item]:
    fields, body = split_front_matter(markdown.replace("\r\n", "\n"))
    # A heading that opens the document is its title, not body text.
    title = fields.get("title")
    heading = _FIRST_HEADING.match(body)
    if heading:
        title = title or markdown_to_text(heading["atx"] or heading["setext"]).strip() or None
        body = body[heading.end():]
    meta: dict[str, Any] = {}
    found_date = parse_date(fields.get("date"))
    if found_date is not None:
        meta["date_basis"] = "meta"
    yield RawArticle(
        origin=origin, text=markdown_to_text(body), format="markdown", file_name=file_name,
        title=title, date=found_date, url=fields.get("url"),
        source=fields.get("source") or fields.get("publisher"), encoding=encoding, meta=meta,
    )


# ---------------------------------------------------------------- HTML

_HTML_START = re.compile(r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
                         r"(?:<!doctype\s+html|<html\b|<head\b|<body\b)", re.IGNORECASE | re.DOTALL)
_HTML_TAGS = re.compile(r"<(?:p|div|article|section|span|a|br|h[1-6])\b[^>]*>", re.IGNORECASE)


def looks_like_html(text: str, *, strict: bool = True) -> bool:
    """True for an HTML document; with strict=False also for an HTML fragment."""
    head = text[:4096]
    if _HTML_START.match(head):
        return True
    return not strict and head.lstrip().startswith("<") and len(_HTML_TAGS.findall(head)) >= 2


def read_html(html: str, *, origin: str, file_name: str, settings: Settings,
              encoding: str | None = None, url: str | None = None, fmt: str = "html",
              meta: Mapping[str, Any] | None = None) -> Iterator[Item]:
    import trafilatura  # heavy import: only when HTML is read

    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False,
            date_extraction_params={"original_date": True, "extensive_search": False},
        )
    except Exception as err:  # trafilatura can fail on any odd page; the batch goes on
        yield IngestProblem(origin, one_line(f"HTML could not be parsed: {type(err).__name__}: {err}"))
        return
    text = (getattr(doc, "text", None) or "") if doc is not None else ""
    words = len(text.split())
    if words < settings.min_article_words:
        found = f"only {words} word{'s' if words != 1 else ''}" if words else "nothing"
        yield IngestProblem(
            origin, f"HTML without main text: trafilatura found {found} outside navigation, "
                    "comments and page furniture",
            hint=f"--setting min_article_words {words}" if words >= 5 else None)
        return
    # trafilatura writes one paragraph per line; the cleaner expects blank lines.
    paragraphs = "\n\n".join(line for line in text.split("\n") if line.strip())
    found_date = parse_date(doc.date)
    extra = dict(meta or {})
    if found_date is not None:
        extra["date_basis"] = "meta"
    if doc.author:
        extra["author"] = doc.author
    yield RawArticle(
        origin=origin, text=paragraphs, format=fmt, file_name=file_name,
        title=doc.title or None, date=found_date, url=doc.url or url,
        source=doc.sitename or doc.hostname or None, encoding=encoding, meta=extra,
    )


# ---------------------------------------------------------------- JSON and CSV records


def _field(record: Mapping[str, Any], name: str) -> Any:
    if name in record:
        return record[name]
    lowered = name.lower()
    for key, value in record.items():
        if str(key).lower() == lowered:
            return value
    return None


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "\n\n".join(value)  # a list of paragraphs
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def _text_field_hint(record: Mapping[str, Any]) -> str | None:
    """`--setting text_field NAME` for the field that most looks like the text."""
    longest = max(((len(v), str(k)) for k, v in record.items() if isinstance(v, str)), default=None)
    if longest is None or longest[0] < 20:
        return None
    return f"--setting text_field {longest[1]}"


def record_to_raw(record: Mapping[str, Any], *, where: str, file_name: str, fmt: str,
                  settings: Settings, encoding: str | None = None) -> Iterator[Item]:
    """A JSON object or CSV row as an article, with its metadata fields."""
    text_value = _field(record, settings.text_field)
    text = _as_text(text_value)
    if text is None or not text.strip():
        fields = ", ".join(str(k) for k in list(record)[:12]) or "none"
        what = "has no" if text_value is None else "has an empty or non-text"
        yield IngestProblem(
            where, f"record {what} {settings.text_field!r} field (setting text_field; "
                   f"its fields: {fields})",
            hint=_text_field_hint(record))
        return
    meta: dict[str, Any] = {}
    raw_date = _field(record, settings.date_field)
    found_date = parse_date(raw_date)
    if found_date is not None:
        meta["date_basis"] = fmt
    elif raw_date not in (None, ""):
        yield IngestProblem(
            where, f"{settings.date_field!r} value {str(raw_date)[:40]!r} is not a complete, "
                   "unambiguous date; the article is read without a date",
            hint="writing dates as YYYY-MM-DD", level="note")
    title = _as_text(_field(record, settings.title_field))
    url = _as_text(_field(record, settings.url_field))
    source = _as_text(_field(record, settings.source_field))
    if looks_like_html(text, strict=False):
        for item in read_html(text, origin=where, file_name=file_name, settings=settings,
                              encoding=encoding, url=url, fmt=fmt, meta=meta):
            if isinstance(item, RawArticle):
                # The record's own fields are better metadata than the page's.
                item = RawArticle(
                    origin=item.origin, text=item.text, format=fmt, file_name=file_name,
                    title=title or item.title, date=found_date or item.date,
                    url=url or item.url, source=source or item.source, encoding=encoding,
                    meta={**item.meta, **meta},
                )
            yield item
        return
    yield RawArticle(
        origin=where, text=text, format=fmt, file_name=file_name, title=title or None,
        date=found_date, url=url or None, source=source or None, encoding=encoding, meta=meta,
    )


def read_jsonl(text: str, *, origin: str, file_name: str, settings: Settings,
               encoding: str | None = None) -> Iterator[Item]:
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            yield IngestProblem(
                where, f"malformed JSON line: {err.msg} at column {err.colno}; "
                       "the other lines are still read")
            continue
        if not isinstance(record, dict):
            yield IngestProblem(where, f"JSON line is a {type(record).__name__}, not an object")
            continue
        yield from record_to_raw(record, where=where, file_name=file_name, fmt="json",
                                 settings=settings, encoding=encoding)


_RECORD_LISTS = ("articles", "items", "records", "data", "documents", "docs", "results")


def read_json(text: str, *, origin: str, file_name: str, settings: Settings,
              encoding: str | None = None) -> Iterator[Item]:
    """A JSON array of article objects, one object, or an object holding the
    array under a usual key ("articles", "items", ...).  A file that is
    really JSON Lines is read as such."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as err:
        first = next((ln for ln in text.split("\n") if ln.strip()), "")
        if err.lineno > 1 and is_json_object(first):
            yield from read_jsonl(text, origin=origin, file_name=file_name,
                                  settings=settings, encoding=encoding)
            return
        yield IngestProblem(f"{origin}:{err.lineno}",
                            f"malformed JSON: {err.msg} at line {err.lineno} column {err.colno}")
        return
    if isinstance(value, dict) and _field(value, settings.text_field) is None:
        nested = next((value[k] for k in _RECORD_LISTS if isinstance(value.get(k), list)), None)
        if nested is not None:
            value = nested
    records = value if isinstance(value, list) else [value]
    for index, record in enumerate(records):
        where = f"{origin}[{index}]" if isinstance(value, list) else origin
        if not isinstance(record, dict):
            yield IngestProblem(where, f"JSON item is a {type(record).__name__}, not an object")
            continue
        yield from record_to_raw(record, where=where, file_name=file_name, fmt="json",
                                 settings=settings, encoding=encoding)


def is_json_object(line: str) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except json.JSONDecodeError:
        return False


def read_csv(text: str, *, origin: str, file_name: str, settings: Settings,
             encoding: str | None = None, delimiter: str = ",") -> Iterator[Item]:
    """One article per row; `origin:LINE` names the line where the row starts."""
    if csv.field_size_limit() < settings.max_file_bytes:
        csv.field_size_limit(min(settings.max_file_bytes, sys.maxsize))
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = reader.fieldnames or []
    except csv.Error as err:
        yield IngestProblem(f"{origin}:1", f"CSV header cannot be read: {err}")
        return
    if not any(h and h.lower() == settings.text_field.lower() for h in header):
        try:
            first_row = next(reader, None) or {}
        except csv.Error:
            first_row = {}
        yield IngestProblem(
            f"{origin}:1", f"CSV header has no {settings.text_field!r} column (setting "
                           f"text_field; columns: {', '.join(h for h in header if h) or 'none'})",
            hint=_text_field_hint({k: v for k, v in first_row.items() if k})
            or "--setting text_field COLUMN")
        return
    line = reader.line_num
    while True:
        start = line + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            yield IngestProblem(f"{origin}:{start}", f"CSV row cannot be read: {err}")
            return
        line = reader.line_num
        extra = row.pop(None, None)  # type: ignore[call-overload]
        if extra:
            yield IngestProblem(f"{origin}:{start}", f"CSV row has {len(extra)} more cells "
                                "than the header; the extra cells are ignored", level="note")
        short = _short_row_problem(row, header, f"{origin}:{start}", settings)
        if short is not None:
            yield short
            continue
        yield from record_to_raw(row, where=f"{origin}:{start}", file_name=file_name, fmt="csv",
                                 settings=settings, encoding=encoding)


def _short_row_problem(row: Mapping[str, Any], header: list[str], where: str,
                       settings: Settings) -> IngestProblem | None:
    """A row that ends before the text column: saying "no 'text' field" when
    the header has one sends the user the wrong way; a stray quote or a
    missing delimiter is the usual cause."""
    text_column = next((h for h in header if h and h.lower() == settings.text_field.lower()), None)
    if text_column is None or row.get(text_column) is not None:
        return None
    cells = sum(1 for h in header if h and row.get(h) is not None)
    return IngestProblem(
        where, f"CSV row has {cells} of the header's {len(header)} cells, so no "
               f"{text_column!r} value (a stray quote or a missing delimiter?)",
        hint=f"checking the quotes on line {where.rpartition(':')[2]}")


# ---------------------------------------------------------------- WARC


def _warc_failure(err: Exception) -> str:
    """warcio's reason, short: its "Unknown archive format" quotes the whole
    first line of binary data, and a cut-off record surfaces as whatever
    attribute error it met."""
    from warcio.exceptions import ArchiveLoadFailed

    if isinstance(err, ArchiveLoadFailed) and "unknown archive format" in str(err).lower():
        return "the data there is not a WARC record header"
    if isinstance(err, ArchiveLoadFailed):
        return _cut(str(err), 120)
    return f"a record ends early or is malformed ({type(err).__name__})"


def _cut(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def read_warc(stream: IO[bytes], *, origin: str, file_name: str,
              settings: Settings) -> Iterator[Item]:
    """Response records with HTML (or plain text) become articles; every other
    record is reported with its number and WARC-Record-ID.  Records stream one
    at a time, so the size limit applies per record, not to the archive."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    number = 0
    try:
        records = iter(ArchiveIterator(stream))
    except ArchiveLoadFailed as err:
        yield IngestProblem(f"{origin}#1", one_line(f"WARC cannot be read: {err}"))
        return
    while True:
        try:
            record = next(records)
        except StopIteration:
            return
        except Exception as err:  # warcio fails in many ways on corrupt archives
            after = f"after record {number}" if number else "at its first record"
            yield IngestProblem(f"{origin}#{number + 1}", one_line(
                f"WARC is truncated or corrupt {after}: {_warc_failure(err)}"),
                hint=None if number else "checking that it is a WARC file (zcat FILE | head)")
            return
        number += 1
        where = f"{origin}#{number}"
        try:
            items = list(_warc_record(record, where, file_name, settings))
        except Exception as err:  # one broken record must not end the archive
            items = [IngestProblem(where, one_line(
                f"WARC record cannot be read: {type(err).__name__}: {err}"))]
        yield from items


_CHARSET = re.compile(r"charset=[\"']?(?P<charset>[\w.:-]+)", re.IGNORECASE)


def _warc_record(record: Any, where: str, file_name: str, settings: Settings) -> Iterator[Item]:
    record_id = record.rec_headers.get_header("WARC-Record-ID") or "without WARC-Record-ID"
    if record.rec_type != "response":
        yield IngestProblem(where, f"WARC {record.rec_type} record {record_id} is not a "
                                   "response; skipped")
        return
    url = record.rec_headers.get_header("WARC-Target-URI")
    meta: dict[str, Any] = {"warc_record_id": record_id}
    warc_date = record.rec_headers.get_header("WARC-Date")
    if warc_date:
        meta["warc_date"] = warc_date
    content_type = ""
    if record.http_headers is not None:
        status = record.http_headers.get_statuscode()
        if status and not str(status).startswith("2"):
            yield IngestProblem(where, f"WARC response {record_id} has HTTP status {status}; "
                                       "skipped")
            return
        content_type = record.http_headers.get_header("Content-Type") or ""
    payload = record.content_stream().read(settings.max_file_bytes + 1)
    if len(payload) > settings.max_file_bytes:
        yield IngestProblem(
            where, f"WARC record {record_id} is over {settings.max_file_bytes:,} bytes "
                   "(setting max_file_bytes)",
            hint=f"--setting max_file_bytes {settings.max_file_bytes * 4}")
        return
    mime = content_type.split(";")[0].strip().lower()
    if mime and not (mime.startswith("text/") or "html" in mime or "xml" in mime):
        yield IngestProblem(where, f"WARC response {record_id} is {mime}, not HTML or text; "
                                   "skipped")
        return
    charset = _CHARSET.search(content_type)
    decoded = decode_bytes(payload, where, charset["charset"] if charset else None)
    if isinstance(decoded, IngestProblem):
        yield decoded
        return
    if decoded.note is not None:
        yield decoded.note
    if mime == "text/plain" and not looks_like_html(decoded.text):
        yield RawArticle(origin=where, text=decoded.text, format="warc", file_name=file_name,
                         url=url, encoding=decoded.encoding, meta=meta)
        return
    yield from read_html(decoded.text, origin=where, file_name=file_name, settings=settings,
                         encoding=decoded.encoding, url=url, fmt="warc", meta=meta)
