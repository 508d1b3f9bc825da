"""The coder's one door to actor resolution.

It prefers the project's resolver (`blocwatch.actors.resolve.resolve` and
`blocwatch.actors.scan.scan_doc`) whenever those import.  While they do not,
it falls back to a small gazetteer built from the packaged country and people
tables (or, without those, a built-in list of major states and organisations),
matched on tokenizer output, so coding never needs the NER component.
"""

from __future__ import annotations

import csv
import warnings
from collections.abc import Callable
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from blocwatch.errors import BlocwatchError
from blocwatch.models import Actor, Mention

# Organisations the fallback knows by name (code, names).
_IGOS = {
    "NATO": ("NATO", "North Atlantic Treaty Organization", "North Atlantic Treaty Organisation"),
    "EU": ("European Union", "EU", "the EU", "Brussels"),
    "UNO": ("United Nations", "UN", "U.N.", "Security Council", "UN Security Council",
            "General Assembly"),
    "SCO": ("Shanghai Cooperation Organisation", "Shanghai Cooperation Organization", "SCO"),
    "BRICS": ("BRICS",),
    "EAEU": ("Eurasian Economic Union", "EAEU", "EEU"),
    "ASEAN": ("ASEAN", "Association of Southeast Asian Nations"),
    "AU": ("African Union",),
    "IMF": ("IMF", "International Monetary Fund"),
    "WBK": ("World Bank",),
    "AIIB": ("Asian Infrastructure Investment Bank", "AIIB"),
    "NDB": ("New Development Bank", "BRICS Bank"),
    "G20": ("G20", "G-20"),
    "G7": ("G7", "G-7"),
    "OPEC": ("OPEC",),
    "WTO": ("WTO", "World Trade Organization"),
    "ICRC": ("Red Cross", "International Committee of the Red Cross"),
    "AMN": ("Amnesty International",),
    "HRW": ("Human Rights Watch",),
}

# Used only when the packaged countries.csv is absent.
_BUILTIN_STATES = {
    "RUS": ("Russia", "Russian", "Russians", "Moscow", "Kremlin"),
    "CHN": ("China", "Chinese", "Beijing"),
    "USA": ("United States", "US", "U.S.", "America", "American", "Americans", "Washington"),
    "GBR": ("Britain", "United Kingdom", "UK", "British", "London"),
    "FRA": ("France", "French", "Paris"), "DEU": ("Germany", "German", "Berlin"),
    "JPN": ("Japan", "Japanese", "Tokyo"), "IND": ("India", "Indian", "New Delhi"),
    "IRN": ("Iran", "Iranian", "Tehran"), "ISR": ("Israel", "Israeli", "Israelis"),
    "UKR": ("Ukraine", "Ukrainian", "Kiev", "Kyiv"), "TUR": ("Turkey", "Turkish", "Ankara"),
    "PRK": ("North Korea", "Pyongyang"), "KOR": ("South Korea", "Seoul"),
    "SYR": ("Syria", "Syrian", "Damascus"), "TWN": ("Taiwan", "Taipei"),
}

ScanFn = Callable[..., list[Mention]]
ResolveFn = Callable[..., Actor]


def _real_resolver() -> tuple[ScanFn, ResolveFn] | None:
    try:
        from blocwatch.actors.resolve import resolve
        from blocwatch.actors.scan import scan_doc
    except ImportError:
        return None
    return scan_doc, resolve


def _csv_rows(name: str) -> list[dict[str, str]]:
    try:
        text = resources.files("blocwatch.data").joinpath(name).read_text("utf-8")
    except (FileNotFoundError, OSError):
        return []
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(lines))


def _split(cell: str | None) -> list[str]:
    return [p.strip() for p in (cell or "").split("|") if p.strip()]


class Gazetteer:
    """Names -> actors for the fallback, matched case-sensitively on tokens."""

    def __init__(self) -> None:
        self.names: dict[str, list[tuple[Actor, str | None, str | None]]] = {}
        rows = _csv_rows("countries.csv")
        if rows:
            for r in rows:
                iso = r.get("iso3") or ""
                if not iso or r.get("end"):
                    continue
                ambiguous = set(_split(r.get("ambiguous")))
                state = Actor("state", iso, iso, name=r.get("name"), matched_by="gazetteer")
                gov = Actor("state", iso + "GOV", iso, sector="GOV", name=r.get("name"),
                            matched_by="gazetteer seat")
                for n in [r.get("name", ""), *_split(r.get("aliases")), *_split(r.get("demonyms")), *_split(r.get("adjectives")), r.get("capital", "")]:
                    if n and n not in ambiguous and not n.endswith("-"):
                        self._add(n, state)
                for n in _split(r.get("seats")):
                    if n not in ambiguous:
                        self._add(n, gov)
        else:
            for iso, names in _BUILTIN_STATES.items():
                for n in names:
                    self._add(n, Actor("state", iso, iso, name=names[0], matched_by="builtin"))
        for code, names in _IGOS.items():
            for n in names:
                self._add(n, Actor("igo", code, None, name=names[0], matched_by="gazetteer"))
        for fname in ("people_leaders.csv", "people_officials.csv"):
            for r in _csv_rows(fname):
                iso = r.get("iso3") or None
                person = Actor("person", (iso or "") + (r.get("sector") or "GOV"), iso,
                               sector=r.get("sector") or None, role=r.get("role") or None,
                               name=r.get("name"), matched_by="person+date")
                for n in [r.get("name", ""), *_split(r.get("aliases"))]:
                    if n and len(n) > 2:
                        self._add(n, person, r.get("start") or None, r.get("end") or None)

    def _add(self, name: str, actor: Actor, start: str | None = None,
             end: str | None = None) -> None:
        self.names.setdefault(name, []).append((actor, start, end))

    def lookup(self, name: str, when: date | None) -> Actor | None:
        options = self.names.get(name)
        if not options:
            return None
        day = when.isoformat() if when else None
        for actor, start, end in options:
            if day is None or ((not start or start <= day) and (not end or day <= end)):
                return actor
        return options[-1][0] if day is None else options[0][0]

    @lru_cache(maxsize=4)  # noqa: B019 - one gazetteer per process, one matcher per vocab
    def matcher(self, vocab: Any) -> PhraseMatcher:
        from spacy.lang.en import English

        m = PhraseMatcher(vocab, attr="ORTH")
        tokenizer = English(vocab=vocab).tokenizer
        for name in self.names:
            m.add(name, [tokenizer(name)])
        return m


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return Gazetteer()


def _fallback_scan(doc: Doc, when: date | None, article_id: str,
                   passage_index: int | None) -> list[Mention]:
    gaz = gazetteer()
    spans = []
    for match_id, start, end in gaz.matcher(doc.vocab)(doc):
        spans.append((start, end, doc.vocab.strings[match_id]))
    # Longest match wins: "South Korea" over "Korea".
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    out, last_end = [], -1
    for start, end, name in spans:
        if start < last_end:
            continue
        actor = gaz.lookup(name, when)
        if actor is None:
            continue
        span = doc[start:end]
        out.append(Mention(article_id, span.start_char, span.end_char, span.text, actor,
                           passage_index))
        last_end = end
    return out


def _fallback_resolve(text: str, when: date | None) -> Actor:
    gaz = gazetteer()
    clean = text.strip()
    for candidate in (clean, clean.removeprefix("the ").removeprefix("The ")):
        actor = gaz.lookup(candidate, when)
        if actor:
            return actor
    # The longest known name inside the mention: "Iranian Foreign Minister X" -> IRN.
    words = clean.split()
    for size in range(min(4, len(words)), 0, -1):
        for i in range(len(words) - size + 1):
            actor = gaz.lookup(" ".join(words[i:i + size]).strip(",.'’s"), when)
            if actor:
                return actor
    return Actor("unresolved", None, None, name=clean, reason="not in the fallback gazetteer")


_BROKEN: list[str] = []  # why the real resolver could not be used in this process


def _usable_real() -> tuple[ScanFn, ResolveFn] | None:
    return None if _BROKEN else _real_resolver()


def _give_up_on_real(err: BlocwatchError) -> None:
    # The resolver is there but cannot work (e.g. its tables are missing):
    # say so once and keep coding with the gazetteer.
    _BROKEN.append(str(err))
    warnings.warn(f"actor resolver unavailable, using the fallback gazetteer: {err}",
                  RuntimeWarning, stacklevel=3)


def scan_mentions(doc: Doc, when: date | None, *, article_id: str = "",
                  passage_index: int | None = None, text: str | None = None) -> list[Mention]:
    """Actor mentions in a Doc (tokenizer output is enough); offsets are the Doc's.
    ``text`` is ``doc.text`` when the caller has it (rebuilding it from a long
    Doc costs as much as the scan)."""
    real = _usable_real()
    if real is not None:
        try:
            return real[0](doc, when, article_id=article_id, passage_index=passage_index,
                           text=text)
        except BlocwatchError as err:
            _give_up_on_real(err)
    return _fallback_scan(doc, when, article_id, passage_index)


def resolve_text(text: str, when: date | None = None, context: str | None = None) -> Actor:
    real = _usable_real()
    if real is not None:
        try:
            return real[1](text, date=when, context=context)
        except BlocwatchError as err:
            _give_up_on_real(err)
        except Exception as err:
            _warn_once(f"actor resolver failed on {text!r} ({type(err).__name__}: {err}); "
                       "using the fallback gazetteer for it")
    return _fallback_resolve(text, when)


_WARNED: set[str] = set()


def _warn_once(message: str) -> None:
    key = message.split("(", 1)[-1][:40]
    if key not in _WARNED:
        _WARNED.add(key)
        warnings.warn(message, RuntimeWarning, stacklevel=3)


def using_real_resolver() -> bool:
    return _usable_real() is not None
