"""report.md: the report as Markdown, for reading in a terminal, a wiki or a
pull request.

Text taken from articles is escaped: Markdown viewers render inline HTML, so
an article's ``<script>`` must arrive as text, and a ``|`` must not split a
table cell.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from blocwatch.report.wording import claim_topic, passages_text, swing_groups, ties_text

_SPACE = re.compile(r"\s+")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|#])")
EVENT_ROWS = 200


def md(text: Any, limit: int | None = None) -> str:
    """Untrusted text as one line of inert Markdown."""
    s = _SPACE.sub(" ", "" if text is None else str(text)).strip()
    if limit is not None and len(s) > limit:
        s = s[: limit - 1] + "…"
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", s)


def _table(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return [*lines, ""]


def _actor(ref: dict[str, Any] | None) -> str:
    if not ref:
        return "–"
    return md(ref.get("code") or ref.get("name") or ref.get("text"))


def _num(value: Any, fmt: str = "+.2f") -> str:
    return "–" if value is None else format(value, fmt)


def _state_name(code: str) -> str:
    from blocwatch.report.html import country_names  # the packaged tables, read once

    return country_names().get(code, code)


def render_markdown(report: dict[str, Any]) -> str:
    s = report["summary"]
    window = report["window"]
    out = ["# blocwatch report", ""]
    span = f"{window['from'] or 'start'} to {window['to'] or 'end'}"
    out += [f"Generated {md(report['generated_at'])} by {md(report['generator'])}; "
            f"window {md(span)}.", ""]
    out += ["## Summary", ""]
    out += [f"- Articles: {s['articles']}; republications: {s['republications']}",
            f"- Events counted: {s['events']} (plus {s['events_in_copies']} repeated in "
            "republished passages, counted once)",
            f"- Claims: {s['claims']} ({s['superseded_claims']} superseded)",
            f"- Polarity: {md(report['polarity']['reading'])} (effective number of blocs "
            f"{report['polarity']['index']:.2f})", ""]
    out += _table(["quad class", "events"], s["events_by_quad"].items())
    out += _table(["event type", "events"], s["events_by_type"].items())

    if report["warnings"]:
        out += ["## Warnings", ""] + [f"- {md(w)}" for w in report["warnings"]] + [""]

    out += ["## Most aligned pairs", ""]
    out += _table(["pair", "alignment", "±", "net cooperation", "events", "formal ties"], (
        (md("–".join(d["pair"])), _num(d["alignment"]), _num(d["uncertainty"], ".2f"),
         _num(d["net_cooperation"]), d["counts"]["events"], md(ties_text(d["formal_ties"]), 80))
        for d in report["dyads"][:20]))

    out += ["## Alliances", ""]
    for a in report["alliances"]:
        pair = md("–".join(a["pair"]))
        if a["kind"] == "formal":
            out.append(f"- **{pair}** formal: {md(', '.join(a['ties']), 120)}")
            continue
        labels = ", ".join(md(v) for v in a["label_values"]) or "none recorded"
        out += [f"### {pair}: undeclared alliance", "",
                f"Alignment {_num(a['alignment'])}, security cooperation "
                f"{_num(a['security_cooperation'], '.2f')}, confidence "
                f"{_num(a['confidence'], '.2f')}. Declared labels: {labels}.", ""]
        for ev in a["evidence"]:
            out.append(f"- {md(ev['date'])} {md(ev['event'])} [{md(ev['modality'])}] "
                       f"“{md(ev['sentence'], 300)}” (article {md(ev['article_id'])})")
    out.append("")

    out += ["## Blocs", ""]
    for b in report["blocs"]:
        out.append(f"- Bloc {b['id']}: {md(', '.join(b['members']))}")
    if not report["blocs"]:
        out.append("- No blocs formed in this window.")
    swing = report["swing_states"]
    out += ["", "## Swing states", ""]
    for heading, states in swing_groups(swing):
        out.append(f"- {md(heading)}: " + ", ".join(
            md(x["state"]) + (f" (bloc{'s' if len(x['blocs']) > 1 else ''} "
                              f"{', '.join(str(t['bloc']) for t in x['blocs'])})"
                              if x["blocs"] else "") for x in states))
    if not swing:
        out.append("- None.")
    out.append("")

    superseded = [c for c in report["claims"] if c["superseded_by"] is not None]
    by_id = {c["id"]: c for c in report["claims"]}
    out += ["## Superseded claims", ""]
    for c in superseded:
        newer = by_id.get(c["superseded_by"])
        now = f" → {md(newer['value'])} ({md(newer['date'])})" if newer else ""
        out.append(f"- {md(claim_topic(c, _state_name))}: {md(c['value'])} ({md(c['date'])}, "
                   f"{md(c['modality'])}){now}")
    if not superseded:
        out.append("- None.")
    out.append("")

    out += ["## Republications", ""]
    out += _table(["original", "copy", "relation", "coverage", "new passages"], (
        (md(r["original"]), md(r["copy"]), md(r["relation"]), f"{r['coverage']:.0%}",
         passages_text(r["new_passages"]))
        for r in report["republications"]))

    events = report["events"]
    out += [f"## Events ({len(events)})", ""]
    out += _table(["date", "event", "source", "target", "modality", "sentence"], (
        (md(e["date"]), md(e["event"]), _actor(e["source"]), _actor(e["target"]),
         md(e["modality"]) + ("" if e["counted"] else " (copy)"), md(e["sentence"], 160))
        for e in events[:EVENT_ROWS]))
    if len(events) > EVENT_ROWS:
        out += [f"{len(events) - EVENT_ROWS} more events are in report.json.", ""]

    out += ["## Articles", ""]
    out += _table(["id", "date", "source", "title", "url"], (
        (md(a["id"]), md(a["date"]), md(a["source"]), md(a["title"], 80), md(a["url"]))
        for a in report["articles"]))
    return "\n".join(out)


def write_markdown(report: dict[str, Any], path: str | Path) -> Path:
    target = Path(path)
    target.write_text(render_markdown(report), encoding="utf-8")
    return target
