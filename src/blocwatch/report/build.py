"""The report as one JSON-ready dict, a pure function of the store's contents
and the relations stage's result.

Everything the three renderers (JSON, Markdown, HTML) show comes from here,
so they cannot disagree.  The layout is documented in
``docs/report-schema.json``; bump `SCHEMA_VERSION` when it changes in a way a
reader would notice.
"""

from __future__ import annotations

import os
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any

from blocwatch import __version__
from blocwatch.events.ontology import QUAD_NAMES
from blocwatch.store import Store
from blocwatch.store import actors as actor_sql
from blocwatch.store import articles as article_sql
from blocwatch.store import events as event_sql

SCHEMA_VERSION = 1
# Actor kinds that name someone who acts; places and unresolved spans are
# kept in the store for auditing but are not actors of the report.
ACTOR_KINDS = ("state", "igo", "group", "person")
ACTOR_TEXTS = 20  # distinct ways of naming an actor kept per entry


def _iso(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    return value


def build_time() -> datetime:
    """Now, or the time SOURCE_DATE_EPOCH names (the reproducible-builds
    convention), so that two builds of the same store can be byte-identical."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.now(UTC).replace(microsecond=0)


def _in_window(day: date | None, date_from: date | None, date_to: date | None) -> bool:
    """Undated rows stay in: they are shown, never counted in dyads."""
    if day is None:
        return True
    return (date_from is None or day >= date_from) and (date_to is None or day <= date_to)


def _pair(a: str, b: str) -> list[str]:
    return sorted((a, b))


# ---------------------------------------------------------------- store parts


def _articles(store: Store) -> list[dict[str, Any]]:
    return [{
        "id": listed["id"],
        "title": listed["title"],
        "date": _iso(listed["date"]),
        "date_basis": listed["date_basis"],
        "source": listed["source"],
        "url": listed["url"],
        "origin": listed["origin"],
        "words": listed["words"],
        "republishes": listed["duplicate_of"],
    } for listed in article_sql.list_articles(store, with_url=True)]


def _republications(store: Store) -> list[dict[str, Any]]:
    return [{
        "original": r["original_id"],
        "copy": r["copy_id"],
        "relation": r["relation"],
        "coverage": round(float(r["coverage"]), 4),
        "similarity": round(float(r["similarity"]), 4),
        "new_passages": [int(i) for i in (r["new_passages"] or [])],
        "original_date": _iso(r["original_date"]),
        "copy_date": _iso(r["copy_date"]),
    } for r in article_sql.list_republications(store)]


def _side(row: Mapping[str, Any], side: str) -> dict[str, Any] | None:
    if row.get(f"{side}_text") is None and row.get(f"{side}_code") is None:
        return None
    return {key: row.get(f"{side}_{key}")
            for key in ("text", "code", "country", "kind", "sector", "role", "name")}


def _events(store: Store, kinds: Mapping[tuple[str, int], str], date_from: date | None,
            date_to: date | None) -> list[dict[str, Any]]:
    rows = event_sql.list_events(store)
    rows.sort(key=lambda r: (r["date"] is None, r["date"] or date.min, r["id"]))
    events = []
    for r in rows:
        if not _in_window(r["date"], date_from, date_to):
            continue
        passage_kind = None
        if r["article_id"] is not None and r["passage_idx"] is not None:
            passage_kind = kinds.get((r["article_id"], int(r["passage_idx"])))
        events.append({
            "id": int(r["id"]),
            "date": _iso(r["date"]),
            "date_text": r["date_text"],
            "date_basis": r["date_basis"],
            "event": r["event"],
            "quad": r["quad"],
            "quad_name": QUAD_NAMES.get(r["quad"]),
            "cameo": r["cameo"],
            "mode": r["mode"],
            "context": list(r["context"] or []),
            "modality": r["modality"],
            "confidence": round(float(r["confidence"]), 4),
            "speaker": r["speaker"],
            "source": _side(r, "source"),
            "target": _side(r, "target"),
            "trigger": r["trigger"],
            "sentence": r["sentence"],
            "article_id": r["article_id"],
            "passage": r["passage_idx"],
            "passage_kind": passage_kind,
            # A copied passage repeats its original: shown, never counted twice.
            "counted": passage_kind != "copied",
            "origin": r["origin"],
        })
    return events


def _claims(store: Store, kinds: Mapping[tuple[str, int], str], date_from: date | None,
            date_to: date | None) -> list[dict[str, Any]]:
    claims = []
    for c in event_sql.list_claims(store):
        if not _in_window(c["date"], date_from, date_to):
            continue
        dyad = _pair(c["dyad_a"], c["dyad_b"]) if c["dyad_a"] and c["dyad_b"] else None
        passage_kind = None
        if c["article_id"] is not None and c["passage_idx"] is not None:
            passage_kind = kinds.get((c["article_id"], int(c["passage_idx"])))
        claims.append({
            "id": int(c["id"]),
            "subject": c["subject"],
            "predicate": c["predicate"],
            "value": c["value"],
            "dyad": dyad,
            "holder": c["holder"],
            "modality": c["modality"],
            "confidence": round(float(c["confidence"]), 4),
            "date": _iso(c["date"]),
            "sentence": c["sentence"],
            "article_id": c["article_id"],
            "passage": c["passage_idx"],
            "passage_kind": passage_kind,
            "superseded_by": None if c["superseded_by"] is None else int(c["superseded_by"]),
        })
    return claims


def _actors(store: Store, article_ids: Sequence[str]) -> list[dict[str, Any]]:
    """Resolved actors, one entry per (kind, code, name, role), with how often
    and in which articles they are mentioned."""
    grouped: dict[tuple[Any, ...], dict[str, Any]] = {}
    seen_in: dict[tuple[Any, ...], set[str]] = defaultdict(set)
    mentions = actor_sql.all_mentions(store, ACTOR_KINDS)
    for article_id in article_ids:
        for m in mentions.get(article_id, ()):
            actor = m.actor
            key = (actor.kind, actor.code, actor.name, actor.role, actor.country, actor.sector)
            entry = grouped.setdefault(key, {
                "kind": actor.kind, "code": actor.code, "name": actor.name,
                "role": actor.role, "country": actor.country, "sector": actor.sector,
                "mentions": 0, "articles": [], "texts": [],
            })
            entry["mentions"] += 1
            if article_id not in seen_in[key]:
                seen_in[key].add(article_id)
                entry["articles"].append(article_id)
            if len(entry["texts"]) < ACTOR_TEXTS and m.text not in entry["texts"]:
                entry["texts"].append(m.text)
    return sorted(grouped.values(), key=lambda e: (-e["mentions"], e["kind"], e["code"] or "",
                                                   e["name"] or "", e["role"] or "",
                                                   e["country"] or "", e["sector"] or ""))


# ---------------------------------------------------------------- relations parts


def _relations_dict(relations: Any) -> dict[str, Any]:
    if relations is None:
        return {}
    if isinstance(relations, Mapping):
        return dict(relations)
    return relations.to_dict()


def _pooled(periods: Sequence[Mapping[str, Any]], field: str) -> float | None:
    """A period value over the window, each period weighted by its events."""
    if not periods:
        return None
    weights = [max(int(p["events"]), 1) for p in periods]
    total = sum(p[field] * n for p, n in zip(periods, weights, strict=True))
    return round(total / sum(weights), 4)


def _dyads(rel: Mapping[str, Any], events: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """One entry per pair of states over the window, with its period series.

    Window values are those of the relations stage's pooled network when
    given (``pairs``: a, b, alignment, uncertainty and optionally
    net_cooperation, events); otherwise the period values weighted by their
    event counts.
    """
    series: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    ties: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in rel.get("dyads", []):
        key = tuple(_pair(row["a"], row["b"]))
        series[key].append({
            "period": str(row["period"]),
            "alignment": row["alignment"],
            "uncertainty": row["uncertainty"],
            "net_cooperation": row["net_cooperation"],
            "events": int(row["events"]),
        })
        ties[key].update(row.get("formal_ties") or ())
    window = {tuple(_pair(p["a"], p["b"])): p for p in rel.get("pairs", [])}
    by_quad: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    by_type: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for ev in events:
        src, tgt = ev["source"], ev["target"]
        if not ev["counted"] or not src or not tgt:
            continue
        a, b = src.get("country"), tgt.get("country")
        if not a or not b or a == b:
            continue
        key = tuple(_pair(a, b))
        by_quad[key][str(ev["quad"])] += 1
        by_type[key][ev["event"]] += 1
    dyads = []
    for key in sorted(set(series) | set(window)):
        periods = sorted(series.get(key, []), key=lambda s: s["period"])
        w = window.get(key, {})
        alignment = w.get("alignment", _pooled(periods, "alignment"))
        uncertainty = w.get("uncertainty", _pooled(periods, "uncertainty"))
        net = w.get("net_cooperation", _pooled(periods, "net_cooperation"))
        total = int(w.get("events", sum(s["events"] for s in periods)))
        dyads.append({
            "pair": list(key),
            "alignment": alignment,
            "uncertainty": uncertainty,
            "net_cooperation": net,
            "counts": {
                "events": total,
                "by_quad": dict(sorted(by_quad[key].items())),
                "by_type": dict(sorted(by_type[key].items())),
            },
            "formal_ties": sorted(ties.get(key, ())),
            "series": periods,
        })
    dyads.sort(key=lambda d: (-d["alignment"], d["pair"]))
    return dyads


def _alliances(rel: Mapping[str, Any], articles: Mapping[str, Mapping[str, Any]]
               ) -> list[dict[str, Any]]:
    found = []
    for a in rel.get("alliances", []):
        labels = [dict(label) for label in a.get("labels", [])]
        evidence = []
        for ev in a.get("evidence", []):
            article = articles.get(ev.get("article_id") or "")
            evidence.append({
                "event_id": ev.get("id"), "date": _iso(ev.get("date")), "event": ev.get("event"),
                "source": ev.get("source"), "target": ev.get("target"),
                "sentence": ev.get("sentence"), "modality": ev.get("modality"),
                "confidence": ev.get("confidence"), "article_id": ev.get("article_id"),
                "article_title": article.get("title") if article else None,
                "article_url": article.get("url") if article else None,
            })
        found.append({
            "pair": _pair(a["a"], a["b"]),
            "kind": a["kind"],
            "alignment": a.get("alignment"),
            "uncertainty": a.get("uncertainty"),
            "security_cooperation": a.get("security_cooperation"),
            "events": a.get("events"),
            "confidence": a.get("confidence"),
            "ties": list(a.get("ties", [])),
            "label_values": sorted({str(label.get("value")) for label in labels}),
            "labels": labels,
            "evidence": evidence,
        })
    return found


def _summary(articles: Sequence[Mapping[str, Any]], republications: Sequence[Any],
             events: Sequence[Mapping[str, Any]], claims: Sequence[Mapping[str, Any]]
             ) -> dict[str, Any]:
    counted = [e for e in events if e["counted"]]
    by_quad = Counter(QUAD_NAMES.get(e["quad"], str(e["quad"])) for e in counted)
    return {
        "articles": len(articles),
        "republications": len(republications),
        "events": len(counted),
        "events_in_copies": len(events) - len(counted),
        "events_by_type": dict(Counter(e["event"] for e in counted).most_common()),
        "events_by_quad": {name: by_quad.get(name, 0) for name in QUAD_NAMES.values()},
        "events_by_modality": dict(Counter(e["modality"] for e in counted).most_common()),
        "claims": len(claims),
        "superseded_claims": sum(1 for c in claims if c["superseded_by"] is not None),
    }


def build_report(
    store: Store,
    relations: Any = None,
    *,
    date_from: date | None = None,
    date_to: date | None = None,
    warnings: Iterable[str] = (),
    generated_at: datetime | None = None,
) -> dict[str, Any]:
    """The report of ``store`` over [date_from, date_to].

    ``relations`` is a `blocwatch.relations.analysis.RelationsResult` (or its
    ``to_dict()``), or None when the relations stage did not run: the
    relations sections are then empty and a warning says so.
    """
    articles = _articles(store)
    article_ids = [a["id"] for a in articles]
    kinds = article_sql.passage_kinds(store)
    events = _events(store, kinds, date_from, date_to)
    claims = _claims(store, kinds, date_from, date_to)
    republications = _republications(store)
    rel = _relations_dict(relations)
    notes = [*warnings, *rel.get("notes", [])]
    if relations is None:
        notes.append("the relations stage did not run: no dyads, alliances or blocs")
    uncoded = article_sql.count_uncoded(store)
    if uncoded:
        # first: it explains the empty sections that follow better than they do
        notes.insert(0, f"{uncoded} of {len(articles)} articles have not been coded for events "
                        "yet, so nothing they say is counted: blocwatch analyze (or blocwatch "
                        "ingest without --no-code) codes them")
    by_id = {a["id"]: a for a in articles}
    polarity = rel.get("polarity") or {"reading": "nonpolar", "index": 0.0,
                                       "bloc_weights": [], "antagonism": 0.0}
    return {
        "schema_version": SCHEMA_VERSION,
        "generator": f"blocwatch {__version__}",
        "generated_at": _iso(generated_at or build_time()),
        "window": {"from": _iso(date_from), "to": _iso(date_to),
                   "period": rel.get("period")},
        "summary": _summary(articles, republications, events, claims),
        "articles": articles,
        "republications": republications,
        "actors": _actors(store, article_ids),
        "events": events,
        "claims": claims,
        "dyads": _dyads(rel, events),
        "alliances": _alliances(rel, by_id),
        "thresholds": rel.get("thresholds"),
        "blocs": [{"id": b["id"], "members": sorted(b["members"]),
                   "attachment": dict(sorted((b.get("attachment") or {}).items())),
                   "stability": dict(sorted((b.get("stability") or {}).items()))}
                  for b in rel.get("blocs", [])],
        "polarity": polarity,
        "swing_states": sorted(rel.get("swing_states", []), key=lambda s: s["state"]),
        "unattached": sorted(rel.get("unattached", [])),
        "bloc_stability": rel.get("stability"),
        "seed": rel.get("seed"),
        "warnings": list(dict.fromkeys(notes)),
    }
