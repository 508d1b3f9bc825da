"""Running the coder over files and stores: JSON records in and out, batches,
a process pool (spaCy loaded once per worker).  Stored articles are coded by
`blocwatch.analyze.code_new_articles`."""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from blocwatch.errors import InputError
from blocwatch.models import Event
from blocwatch.workers import ordered_map

_WORKER_CODER = None


def event_json(ev: Event) -> dict[str, Any]:
    """An event as one entry of `blocwatch code` output (the format score.py reads)."""
    def actor(ref: Any) -> dict[str, Any] | None:
        if ref is None:
            return None
        return {"text": ref.text, "code": ref.code, "country": ref.country, "kind": ref.kind,
                "role": ref.role, "name": ref.name}

    return {
        "event": ev.event, "mode": ev.mode, "context": list(ev.context), "quad": ev.quad,
        "cameo": ev.cameo, "modality": ev.modality, "confidence": ev.confidence,
        "speaker": ev.speaker, "source": actor(ev.source), "target": actor(ev.target),
        "date": ev.date.isoformat() if ev.date else None, "date_basis": ev.date_basis,
        "date_text": ev.date_text, "trigger": ev.trigger, "attributes": ev.attributes,
        "evidence": {"start": ev.evidence.start, "end": ev.evidence.end,
                     "sentence": ev.evidence.sentence},
    }


def parse_record(line: str, where: str) -> dict[str, Any]:
    """One input line -> record; InputError naming ``where`` if it cannot be used."""
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as err:
        raise InputError(where, f"not JSON ({err.msg} at column {err.colno})",
                         hint="one JSON object per line: {\"id\": ..., \"text\": ...}") from err
    if not isinstance(rec, dict):
        raise InputError(where, "not a JSON object", hint='{"id": "1", "text": "..."}')
    if not isinstance(rec.get("text"), str) or not rec["text"].strip():
        raise InputError(where, 'no "text" field', hint='add "text": "the sentence to code"')
    day = rec.get("date")
    if day:
        try:
            rec["date"] = date.fromisoformat(str(day)[:10])
        except ValueError as err:
            raise InputError(where, f"date {day!r} is not YYYY-MM-DD",
                             hint='"date": "2016-07-05", or leave it out') from err
    else:
        rec["date"] = None
    for key in ("source", "target"):
        if rec.get(key) is not None and not isinstance(rec[key], str):
            raise InputError(where, f'"{key}" must be a string naming a mention in the text')
    if bool(rec.get("source")) != bool(rec.get("target")):
        raise InputError(where, 'pair mode needs both "source" and "target"',
                         hint="give both mention strings, or neither for free mode")
    return rec


def _code_batch(records: list[dict[str, Any]], monadic: bool = False,
                model: str = "en_core_web_sm") -> list[list[dict[str, Any]]]:
    global _WORKER_CODER
    if _WORKER_CODER is None or _WORKER_CODER.model_name != model:
        from blocwatch.events.coder import EventCoder

        _WORKER_CODER = EventCoder(model)
    results = _WORKER_CODER.code_records(records, monadic=monadic)
    return [[event_json(ev) for ev in evs] for evs in results]


def code_batches(batches: Iterable[list[dict[str, Any]]], workers: int = 1, *,
                 monadic: bool = False, model: str = "en_core_web_sm"
                 ) -> Iterator[tuple[list[dict[str, Any]], list[list[dict[str, Any]]]]]:
    """(batch, events of each record) in input order; ``workers`` > 1 uses a process pool."""
    work = functools.partial(_code_batch, monadic=monadic, model=model)
    if workers <= 1:
        for batch in batches:
            yield batch, work(batch)
        return
    yield from ordered_map(work, batches, workers=workers, in_flight_per_worker=2,
                           describe=lambda batch: f"coding a batch of {len(batch)} records")

