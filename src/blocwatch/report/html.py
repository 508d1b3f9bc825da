"""report.html: one self-contained page that works offline.

The vendored Cytoscape.js and Vega-Lite builds are inlined, so nothing is
fetched.  Untrusted text (titles, sentences, names) reaches the page only
through Jinja autoescaping or, for the charts, through a
``<script type="application/json">`` block whose ``<``, ``>``, ``&`` and
U+2028/U+2029 are escaped, read with ``JSON.parse`` and shown with
``textContent``: article text can never close a script element or become
markup.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from blocwatch.errors import BlocwatchError
from blocwatch.report.json_report import finite, json_default
from blocwatch.report.layout import map_positions
from blocwatch.report.wording import claim_topic, passages_text, swing_groups, ties_text

# Vendored builds, in load order (vega-embed needs vega and vega-lite).
VENDOR_SCRIPTS = ("cytoscape.min.js", "vega.min.js", "vega-lite.min.js", "vega-embed.min.js")
# Pairs drawn in the timelines: more lines than this are unreadable.
TIMELINE_PAIRS = 8
# Edges weaker than this are left off the map: they are noise at a glance.
MAP_MIN_ALIGNMENT = 0.05
HTML_EVENT_ROWS = 5000
QUOTE_CHARS = 220  # longer evidence sentences are cut, the whole one a click away
TITLE_CHARS = 60  # article titles used as link text
MAP_EDGE_LABELS = 15
DYAD_ROWS = 25  # pairs in the table under the timelines
_SOURCE_MAP = re.compile(r"^//# sourceMappingURL=.*$", re.MULTILINE)
BLOC_COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf",
                "#bcbd22")
SWING_COLOUR = "#ff7f0e"
UNATTACHED_COLOUR = "#9e9e9e"
# Used when a report predates the seed field; the setting's default.
DEFAULT_SEED = 13


def json_for_script(data: Any) -> Markup:
    """JSON that is safe inside ``<script type="application/json">``."""
    text = json.dumps(finite(data), ensure_ascii=False, default=json_default, sort_keys=True)
    text = (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
    return Markup(text)


@lru_cache(maxsize=1)
def vendor_javascript() -> Markup:
    """The vendored libraries as one script body."""
    parts = []
    folder = resources.files("blocwatch.report") / "vendor"
    for name in VENDOR_SCRIPTS:
        entry = folder / name
        if not entry.is_file():
            raise BlocwatchError(
                f"the packaged chart library {name} is missing from blocwatch/report/vendor",
                hint="reinstall blocwatch, or rebuild it with scripts/vendor_js.sh")
        code = _SOURCE_MAP.sub("", entry.read_text(encoding="utf-8"))
        # A literal "</script" would end the inline element early.
        parts.append(code.replace("</script", "<\\/script"))
    return Markup("\n;\n".join(parts))


def link_url(url: Any) -> str | None:
    """``url`` if it is an http(s) address, else None: a ``javascript:`` or
    ``data:`` address from an article's metadata must never become a link."""
    if not isinstance(url, str):
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


@lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("blocwatch.report", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True, lstrip_blocks=True,
    )
    env.filters["link_url"] = link_url
    env.filters["num"] = lambda v, fmt="+.2f": "–" if v is None else format(v, fmt)
    env.filters["pct"] = lambda v: "–" if v is None else f"{v:.0%}"
    env.filters["day"] = human_date
    env.filters["cut"] = cut
    env.filters["state_name"] = lambda code: country_names().get(str(code), str(code))
    env.filters["ties_text"] = ties_text
    env.filters["passages_text"] = passages_text
    env.filters["swing_groups"] = swing_groups
    env.filters["claim_topic"] = lambda claim: claim_topic(
        claim, lambda code: country_names().get(str(code), str(code)))
    return env


def _bloc_of(report: Mapping[str, Any]) -> dict[str, int]:
    return {m: b["id"] for b in report["blocs"] for m in b["members"]}


def map_elements(report: Mapping[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Cytoscape nodes and edges: states coloured by bloc, edges by alignment;
    formal ties solid, inferred alignment dashed."""
    bloc_of = _bloc_of(report)
    # a "swing state" tied to no bloc is drawn as what it is: in no bloc
    swing = {s["state"] for s in report["swing_states"] if s.get("blocs")}
    undeclared = {tuple(a["pair"]) for a in report["alliances"] if a["kind"] == "undeclared"}
    formal = {tuple(a["pair"]) for a in report["alliances"] if a["kind"] == "formal"}
    states: set[str] = set(bloc_of) | {s["state"] for s in report["swing_states"]}
    edges = []
    for d in report["dyads"]:
        a, b = d["pair"]
        align = d["alignment"] or 0.0
        key = (a, b)
        is_formal = key in formal or bool(d["formal_ties"])
        if abs(align) < MAP_MIN_ALIGNMENT and not is_formal and key not in undeclared:
            continue
        states.update(key)
        edges.append({"data": {
            "id": f"{a}-{b}", "source": a, "target": b, "alignment": align,
            "width": round(1.0 + 7.0 * abs(align), 2),
            "colour": "#2e7d32" if align >= 0 else "#c62828",
            "style": "solid" if is_formal else "dashed",
            "kind": "undeclared" if key in undeclared else ("formal" if is_formal else "inferred"),
            "label": f"{align:+.2f}",
        }})
    swing_ties = {s["state"]: {int(t["bloc"]): float(t.get("attachment") or 0.0)
                               for t in s.get("blocs", [])}
                  for s in report["swing_states"] if s["state"] in swing}
    attachment = {m: float(v or 0.0) for b in report["blocs"]
                  for m, v in (b.get("attachment") or {}).items()}
    seed = report.get("seed")
    positions = map_positions(
        blocs={s: b for s, b in bloc_of.items() if s in states and s not in swing},
        swing={s: t for s, t in swing_ties.items() if s in states},
        others=[s for s in states if s not in bloc_of and s not in swing],
        seed=DEFAULT_SEED if seed is None else int(seed), order=attachment)
    nodes = []
    for state in sorted(states):
        if state in swing:
            colour, group = SWING_COLOUR, "swing"
        elif state in bloc_of:
            colour = BLOC_COLOURS[(bloc_of[state] - 1) % len(BLOC_COLOURS)]
            group = f"bloc {bloc_of[state]}"
        else:
            colour, group = UNATTACHED_COLOUR, "no bloc"
        nodes.append({"data": {"id": state, "label": state, "colour": colour, "group": group},
                      "position": positions[state]})
    return {"nodes": nodes, "edges": edges}


def timeline_values(dyads: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Period points of the pairs with the most events, for Vega-Lite."""
    busiest = sorted(dyads, key=lambda d: (-d["counts"]["events"], d["pair"]))[:TIMELINE_PAIRS]
    values = []
    for d in busiest:
        pair = "–".join(d["pair"])
        for point in d["series"]:
            values.append({"pair": pair, "period": point["period"],
                           "alignment": point["alignment"],
                           "net_cooperation": point["net_cooperation"],
                           "events": point["events"]})
    return values


def article_name(article: Mapping[str, Any]) -> str:
    """The title, else the file it was read from."""
    return article.get("title") or Path(str(article.get("origin") or article["id"])).name


def superseded_pairs(claims: Sequence[Mapping[str, Any]]) -> list[tuple[Any, Any]]:
    """(older, newer) claims, once each: a claim repeated in a republished
    passage, or stated twice in one sentence, is shown once."""
    by_id = {c["id"]: c for c in claims}
    pairs, seen = [], set()
    for c in claims:
        if c["superseded_by"] is None or c.get("passage_kind") == "copied":
            continue
        newer = by_id.get(c["superseded_by"])
        key = (c["subject"], c["value"], c["date"], c["modality"],
               newer["value"] if newer else None, newer["date"] if newer else None)
        if key not in seen:
            seen.add(key)
            pairs.append((c, newer))
    return pairs


def period_domain(periods: Sequence[str]) -> list[str]:
    """Every period from the first to the last of ``periods`` (years
    ``2016``, quarters ``2016-Q1`` or months ``2016-03``), so a chart's axis
    keeps the gaps where nothing happened."""
    labels = sorted(set(periods))
    if not labels:
        return []
    first, last = labels[0], labels[-1]
    try:
        if len(first) == 4:
            return [str(y) for y in range(int(first), int(last) + 1)]
        if "-Q" in first:
            start, end = int(first[:4]) * 4 + int(first[-1]) - 1, int(last[:4]) * 4 + int(last[-1]) - 1
            return [f"{i // 4}-Q{i % 4 + 1}" for i in range(start, end + 1)]
        start = int(first[:4]) * 12 + int(first[5:7]) - 1
        end = int(last[:4]) * 12 + int(last[5:7]) - 1
        return [f"{i // 12}-{i % 12 + 1:02d}" for i in range(start, end + 1)]
    except ValueError:
        return labels  # a period label of another shape: shown as it is


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def human_date(value: Any) -> str:
    """``2016-09-12`` as ``12 Sep 2016`` and a build time as ``23 Nov 2026,
    02:24 UTC``: day first and the month in letters, so no reader mistakes
    the month for the day.  Anything else is shown as it is."""
    if not value:
        return "undated"
    text = str(value)
    try:
        day = date.fromisoformat(text[:10])
    except ValueError:
        return text
    shown = f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
    if len(text) > 10 and text[10] == "T":
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            return shown
        zone = "UTC" if moment.utcoffset() in (None, timedelta(0)) else moment.strftime("%z")
        shown += f", {moment:%H:%M} {zone}"
    return shown


def cut(text: Any, limit: int) -> str:
    """``text`` shortened to at most ``limit`` characters at a word boundary,
    with an ellipsis; the caller shows the whole text on demand."""
    s = " ".join(str(text or "").split())
    if len(s) <= limit:
        return s
    head = s[: limit - 1]
    space = head.rfind(" ")
    return (head[:space] if space > limit // 2 else head).rstrip(" ,;:") + "…"


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """ISO alpha-3 code -> short name, from the packaged actor tables; empty
    if they cannot be read (the report then shows codes only)."""
    try:
        from blocwatch.actors.tables import load_tables

        return {code: c.name for code, c in load_tables().countries.items()}
    except Exception:  # a report without names beats no report
        return {}


def state_glossary(codes: Sequence[str]) -> list[tuple[str, str]]:
    """(code, name) of the states the page shows, for its key of codes."""
    names = country_names()
    return [(c, names[c]) for c in sorted(set(codes)) if c in names]


def grouped_evidence(evidence: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Evidence events grouped by sentence: "A and B held drills" is coded
    once each way, and a reader wants the sentence once, with both."""
    groups: dict[tuple[Any, Any], dict[str, Any]] = {}
    for ev in evidence:
        key = (ev.get("article_id"), ev.get("sentence"))
        group = groups.setdefault(key, {**ev, "what": []})
        what = f"{ev.get('event')} {ev.get('source')}→{ev.get('target')}"
        if what not in group["what"]:
            group["what"].append(what)
    return list(groups.values())


def _some(members: Sequence[str], shown: int = 4) -> str:
    more = len(members) - shown
    return ", ".join(members[:shown]) + (f" and {more} more" if more > 0 else "")


def render_html(report: Mapping[str, Any]) -> str:
    env = _environment()
    template = env.get_template("report.html.j2")
    timeline = timeline_values(report["dyads"])
    elements = map_elements(report)
    view = {
        "map": elements,
        # edge labels only where they can be read
        "edge_labels": len(elements["edges"]) <= MAP_EDGE_LABELS,
        "timeline": timeline,
        "periods": period_domain([p["period"] for p in timeline]),
    }
    bloc_of = _bloc_of(report)
    legend = [{"label": f"bloc {b['id']}: {_some(b['members'])}",
               "colour": BLOC_COLOURS[(b["id"] - 1) % len(BLOC_COLOURS)]}
              for b in report["blocs"]]
    legend += [{"label": "swing state (tied to both blocs, or weakly to one)",
                "colour": SWING_COLOUR},
               {"label": "no bloc", "colour": UNATTACHED_COLOUR}]
    superseded = superseded_pairs(report["claims"])
    events = report["events"]
    shown_states = [n["data"]["id"] for n in elements["nodes"]]
    for d in report["dyads"][:DYAD_ROWS]:
        shown_states += d["pair"]
    return template.render(
        report=report,
        view_json=json_for_script(view),
        vendor_js=vendor_javascript(),
        legend=legend,
        bloc_of=bloc_of,
        superseded=superseded,
        events=events[:HTML_EVENT_ROWS],
        events_left_out=max(0, len(events) - HTML_EVENT_ROWS),
        event_types=sorted({e["event"] for e in events}),
        modalities=sorted({e["modality"] for e in events}),
        article_names={a["id"]: article_name(a) for a in report["articles"]},
        evidence_of={"|".join(a["pair"]): grouped_evidence(a["evidence"])
                     for a in report["alliances"]},
        glossary=state_glossary(shown_states),
        dyad_rows=DYAD_ROWS,
        quote_chars=QUOTE_CHARS,
        title_chars=TITLE_CHARS,
    )


def write_html(report: Mapping[str, Any], path: str | Path) -> Path:
    target = Path(path)
    target.write_text(render_html(report), encoding="utf-8")
    return target
