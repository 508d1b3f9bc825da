"""Frozen dataclasses passed between stages.

Flow: RawArticle -> Article -> Passage (+ Republication) -> Mention/Actor ->
Event/Claim -> store -> dyads -> report.  Stages 1-5 are pure functions of
one article plus packaged data, so these objects are plain and picklable.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

# ---------------------------------------------------------------- ingestion


@dataclass(frozen=True)
class RawArticle:
    """One article as read from a file, before cleaning.

    ``origin`` names where it came from precisely enough for an error message:
    a path, ``path:line`` for a JSON line, ``path#record`` for a WARC record.
    """

    origin: str
    text: str
    format: str  # text, markdown, html, json, csv, warc
    file_name: str = ""
    title: str | None = None
    date: date | None = None
    url: str | None = None
    source: str | None = None
    encoding: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Article:
    """A cleaned article.  ``id`` is derived from the normalised text only."""

    id: str
    text: str
    origin: str
    file_name: str = ""
    title: str | None = None
    date: date | None = None
    date_basis: str | None = None  # override, manifest, meta, json, text, republication
    url: str | None = None
    source: str | None = None
    format: str = "text"
    words: int = 0
    # "This article was first published by X on 5th July 2016": (publisher, date,
    # char offset of the sentence) -- dates the *original* this file republishes.
    first_published: tuple[str | None, date] | None = None
    first_published_at: int | None = None


@dataclass(frozen=True)
class Passage:
    """A paragraph-sized span of an article (``start``/``end`` are offsets in
    ``Article.text``).  ``kind``: ``own`` (text first seen here), ``copied``
    (found in ``original_id``), ``new`` (a copy's own addition)."""

    article_id: str
    index: int
    start: int
    end: int
    text: str
    hash: str
    kind: str = "own"
    original_id: str | None = None
    original_index: int | None = None
    date: date | None = None


@dataclass(frozen=True)
class Republication:
    original_id: str
    copy_id: str
    relation: str  # exact, near, contains
    coverage: float  # share of the original's passages found in the copy
    similarity: float  # Jaccard estimate of the whole texts
    new_passages: tuple[int, ...] = ()


@dataclass(frozen=True)
class IngestProblem:
    """One input that could not be read; shown in the end-of-batch table."""

    where: str
    reason: str
    hint: str | None = None
    level: str = "skipped"  # skipped (nothing read), note (read, with a caveat)


# ---------------------------------------------------------------- actors


@dataclass(frozen=True)
class Actor:
    """A resolved actor.  ``code`` is CAMEO-style: country + sector (``RUSGOV``),
    an organisation code (``NATO``), or a group code (``WST`` for the West).

    kind: state, igo, group, person, place, unresolved.
    """

    kind: str
    code: str | None = None
    country: str | None = None  # ISO 3166 alpha-3
    sector: str | None = None  # CAMEO agent code: GOV, MIL, LEG, ...
    role: str | None = None  # head_of_state, foreign_minister, former_ambassador, ...
    name: str | None = None  # canonical name: "Vladimir Putin", "NATO"
    matched_by: str | None = None  # how: "person+date", "adjective+sector", ...
    reason: str | None = None  # why unresolved, or a caveat
    members: tuple[str, ...] = ()  # an organisation's or group's members on the date


@dataclass(frozen=True)
class Mention:
    """A span of text naming an actor (resolved or not)."""

    article_id: str
    start: int
    end: int
    text: str
    actor: Actor
    passage_index: int | None = None


# ---------------------------------------------------------------- events


@dataclass(frozen=True)
class ActorRef:
    text: str
    code: str | None
    country: str | None
    kind: str = "state"
    sector: str | None = None
    role: str | None = None
    name: str | None = None


@dataclass(frozen=True)
class Evidence:
    article_id: str | None
    passage_index: int | None
    start: int  # character offsets in the article (or the input text for `code`)
    end: int
    sentence: str


@dataclass(frozen=True)
class Event:
    event: str  # PLOVER root: AGREE, CONSULT, ...
    quad: int  # 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
    cameo: str  # CAMEO root code, two digits
    source: ActorRef | None
    target: ActorRef | None
    modality: str  # asserted, reported, future, hypothetical, negated, speculated, rumoured, denied, inferred
    confidence: float
    date: date | None
    evidence: Evidence
    mode: str | None = None
    context: tuple[str, ...] = ()
    speaker: str | None = None
    date_text: str | None = None
    date_basis: str = "article"  # article, relative, explicit, historical
    attributes: dict[str, Any] = field(default_factory=dict)
    trigger: str | None = None
    origin: str = "coded"  # coded, or the importer name: icews, gdelt, plover


@dataclass(frozen=True)
class Claim:
    """A statement that is not an event: who manages a relationship, how the
    parties label it.  ``subject`` groups claims that can supersede each other,
    e.g. ``manager:CHN-RUS`` or ``label:CHN-RUS``."""

    subject: str
    predicate: str  # manages, label, ...
    value: str
    dyad: tuple[str, str] | None
    modality: str
    confidence: float
    date: date | None
    evidence: Evidence
    holder: str | None = None  # who makes the claim or uses the label
