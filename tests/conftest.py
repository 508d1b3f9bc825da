"""Shared fixtures: paths to ../shared and a fresh store."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
EVAL = SHARED / "eval"
REFERENCE = SHARED / "reference"


def need_shared(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is not here (tests read third-party data from ../shared)")
    return path


@pytest.fixture
def seeds_dir() -> Path:
    return need_shared(SEEDS)


@pytest.fixture
def store(tmp_path):
    from blocwatch.store import open_store

    s = open_store(tmp_path / "test.duckdb")
    yield s
    s.close()


@pytest.fixture(scope="session")
def tables():
    """The packaged actor tables, read once for the whole run."""
    from blocwatch.actors.tables import load_tables

    return load_tables()


@pytest.fixture(scope="session")
def coder():
    """One event coder for the whole run (spaCy and the model load once)."""
    warnings.simplefilter("ignore", RuntimeWarning)
    from blocwatch.events.coder import EventCoder

    return EventCoder()
