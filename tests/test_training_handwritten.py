"""Checks on the hand-written PLOVER training sentences in data/training/handwritten.

The set exists to add variety the templated set lacks, so the checks are about
well-formed pairs, coverage of every root, no repeats, and that nothing in it was
lifted from the third-party gold or the codebook (rule: third-party text stays in
../shared and is only read here to measure overlap).
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator

import pytest

from conftest import EVAL, REFERENCE, ROOT, need_shared

HANDWRITTEN = ROOT / "src" / "blocwatch" / "data" / "training" / "handwritten"
ROOTS = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)
MIN_PER_ROOT = 70
WINDOW = 60


def _load() -> list[tuple[str, int, dict]]:
    rows = []
    for path in sorted(HANDWRITTEN.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            assert line.strip(), f"{path.name}:{number}: blank line"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                pytest.fail(f"{path.name}:{number}: not JSON ({exc})")
            rows.append((path.name, number, record))
    return rows


@pytest.fixture(scope="module")
def rows() -> list[tuple[str, int, dict]]:
    return _load()


def test_one_file_per_root_and_nothing_else() -> None:
    names = sorted(p.name for p in HANDWRITTEN.glob("*.jsonl"))
    assert names == sorted(f"{root.lower()}.jsonl" for root in ROOTS)


def test_records_are_well_formed(rows) -> None:
    for name, number, record in rows:
        where = f"{name}:{number}"
        assert set(record) == {"event", "source", "target", "text"}, where
        assert record["event"] in ROOTS, where
        assert f"{record['event'].lower()}.jsonl" == name, f"{where}: event does not match file"
        text, source, target = record["text"], record["source"], record["target"]
        assert source.strip() and target.strip(), f"{where}: empty actor"
        assert source != target, f"{where}: source and target are the same string"
        assert source in text, f"{where}: source {source!r} not in text"
        assert target in text, f"{where}: target {target!r} not in text"
        assert text == text.strip() and "  " not in text, f"{where}: stray whitespace"


def test_every_root_has_enough_sentences(rows) -> None:
    counts = {root: 0 for root in ROOTS}
    for _, _, record in rows:
        counts[record["event"]] += 1
    short = {root: n for root, n in counts.items() if n < MIN_PER_ROOT}
    assert not short, f"roots below {MIN_PER_ROOT} sentences: {short}"


def test_no_duplicate_texts(rows) -> None:
    seen: dict[str, str] = {}
    for name, number, record in rows:
        key = " ".join(record["text"].lower().split())
        assert key not in seen, f"{name}:{number} repeats {seen[key]}"
        seen[key] = f"{name}:{number}"


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.lower()).strip()


def _strings(value) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _third_party_windows() -> set[str]:
    texts: list[str] = []
    for path in sorted(need_shared(EVAL).glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts.extend(_strings(json.loads(line)))
    with need_shared(REFERENCE / "plover_codebook.csv").open(encoding="utf-8") as handle:
        for row in csv.reader(handle):
            texts.extend(row)
    windows: set[str] = set()
    for text in texts:
        norm = _normalise(text)
        windows.update(norm[i : i + WINDOW] for i in range(len(norm) - WINDOW + 1))
    return windows


def _first_copied_window(text: str, third_party: set[str]) -> str | None:
    norm = _normalise(text)
    for i in range(len(norm) - WINDOW + 1):
        if norm[i : i + WINDOW] in third_party:
            return norm[i : i + WINDOW]
    return None


@pytest.fixture(scope="module")
def third_party() -> set[str]:
    return _third_party_windows()


def test_nothing_copied_from_eval_or_codebook(rows, third_party) -> None:
    copied = []
    for name, number, record in rows:
        window = _first_copied_window(record["text"], third_party)
        if window is not None:
            copied.append(f"{name}:{number}: {window!r}")
    assert not copied, "text shared with ../shared third-party data:\n" + "\n".join(copied)


def test_window_check_catches_an_embedded_copy(third_party) -> None:
    # Guards against the overlap test passing vacuously (nothing read, or a
    # normalisation mismatch): a codebook definition wrapped in new words is caught.
    with (REFERENCE / "plover_codebook.csv").open(encoding="utf-8") as handle:
        definition = next(csv.DictReader(handle))["event_def"]
    disguised = "Officials said on Monday that " + definition.upper() + "  as expected."
    assert _first_copied_window(disguised, third_party) is not None
    assert _first_copied_window("A sentence written for this test " * 3, third_party) is None
