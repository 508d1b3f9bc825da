"""The scanner's output on real articles must not change when it is made faster.

`tests/fixtures/actors/golden_scan.jsonl` holds, for the bundled example
articles and the two seed articles (read from ../shared at test time), the
spans, codes and roles of every mention `scan_text` found when the fixture was
written, both on whole articles and paragraph by paragraph (as the event coder
scans).  Only offsets, codes, roles and a digest of each actor are stored, no
article text.  To rewrite it after an intended change in resolution:

    .venv/bin/python tests/test_actors_golden.py --write
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
import sys
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "articles"
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
GOLDEN = ROOT / "tests" / "fixtures" / "actors" / "golden_scan.jsonl"
# 000 has no manifest row: its date is the one its republication gives (EXPECTED.md point 2)
SEED_DATES = {"000_a59c947b104b591b.txt": date(2016, 7, 5)}
_PARAGRAPH = re.compile(r"\n\s*\n")


def _manifest_dates(folder: Path) -> dict[str, date]:
    path = folder / "manifest.csv"
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8") as handle:
        return {row["file"]: date.fromisoformat(row["date"]) for row in csv.DictReader(handle)
                if row.get("date")}


def _articles(folder: Path, extra: dict[str, date] | None = None) -> list[tuple[str, date]]:
    dates = {**(extra or {}), **_manifest_dates(folder)}
    return [(name, dates[name]) for name in sorted(dates)
            if name.endswith(".txt") and (folder / name).is_file()]


def _record(mention) -> list:  # type: ignore[no-untyped-def]
    a = mention.actor
    digest = hashlib.sha1(repr(a).encode("utf-8")).hexdigest()[:12]
    return [mention.start, mention.end, a.kind, a.code, a.role, a.matched_by, digest]


def _paragraphs(text: str) -> list[tuple[int, str]]:
    out, start = [], 0
    for m in _PARAGRAPH.finditer(text):
        out.append((start, text[start:m.start()]))
        start = m.end()
    out.append((start, text[start:]))
    return [(s, p) for s, p in out if p.strip()]


def scan_article(path: Path, when: date) -> dict[str, list[list]]:
    from blocwatch.actors.scan import scan_doc, scan_text
    from blocwatch.nlp import load_nlp

    text = path.read_text(encoding="utf-8")
    whole = [_record(m) for m in scan_text(text, when)]
    nlp = load_nlp("en_core_web_sm")
    passages = []
    for offset, paragraph in _paragraphs(text):
        # as the event coder calls it: a tokenizer-only Doc, no text given
        for m in scan_doc(nlp.make_doc(paragraph), when):
            passages.append([offset + m.start, offset + m.end, *_record(m)[2:]])
    return {"whole": whole, "passages": passages}


def _sources() -> list[tuple[str, Path, date]]:
    out = [("examples/" + n, EXAMPLES / n, d) for n, d in _articles(EXAMPLES)]
    if SEEDS.is_dir():
        out += [("seeds/" + n, SEEDS / n, d) for n, d in _articles(SEEDS, SEED_DATES)]
    return out


def _golden() -> dict[str, dict]:
    if not GOLDEN.is_file():
        pytest.skip(f"{GOLDEN} is not written yet: run this file with --write")
    rows = [json.loads(line) for line in GOLDEN.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {r["source"]: r for r in rows}


@pytest.mark.parametrize("source", [s for s, _, _ in _sources() if s.startswith("examples/")])
def test_examples_scan_as_recorded(source: str) -> None:
    _check(source)


def test_seed_articles_scan_as_recorded() -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"{SEEDS} is not here (tests read third-party data from ../shared)")
    seeds = [s for s, _, _ in _sources() if s.startswith("seeds/")]
    assert len(seeds) == 2, f"expected both seed articles in {SEEDS}, found {seeds}"
    for source in seeds:
        _check(source)


def _check(source: str) -> None:
    golden = _golden()
    assert source in golden, f"{source} is missing from {GOLDEN}: rewrite it with --write"
    row = golden[source]
    path = {s: p for s, p, _ in _sources()}[source]
    got = scan_article(path, date.fromisoformat(row["date"]))
    for mode in ("whole", "passages"):
        expected = [list(x) for x in row[mode]]
        assert got[mode] == expected, f"{source} ({mode}): the scan differs from {GOLDEN.name}"


def write() -> None:
    GOLDEN.parent.mkdir(parents=True, exist_ok=True)
    with GOLDEN.open("w", encoding="utf-8") as out:
        for source, path, when in _sources():
            row = {"source": source, "date": when.isoformat(), **scan_article(path, when)}
            out.write(json.dumps(row, separators=(",", ":")) + "\n")
    print(f"wrote {GOLDEN}")


if __name__ == "__main__":
    if "--write" in sys.argv:
        write()
