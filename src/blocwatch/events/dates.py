"""When an event happened: the article's date unless the sentence says otherwise.

Relative expressions ("last week", "a year ago", "on Monday") are resolved
against the article date; absolute ones ("in March 2013", "5 July 2016") are
taken as written; references to an earlier era ("in the 1950s", "during the
Cold War") are dated to their own time with basis ``historical``, so a history
lesson in a 2016 article is not a 2016 event.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from spacy.tokens import Span, Token

from blocwatch.events.needed_words import NeededWords
from blocwatch.events.spantext import text_of

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
_MONTH = r"(January|February|March|April|May|June|July|August|September|October|November|" \
         r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
# Every month name and abbreviation starts with one of these.
_MONTH_STEMS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                "dec")
_WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}

# Eras named without a year, dated to their start.
ERAS = {
    "the cold war": date(1947, 1, 1),
    "the second world war": date(1939, 9, 1),
    "world war ii": date(1939, 9, 1),
    "world war two": date(1939, 9, 1),
    "the first world war": date(1914, 7, 28),
    "world war i": date(1914, 7, 28),
    "the soviet era": date(1922, 12, 30),
    "soviet times": date(1922, 12, 30),
    "the sino-soviet split": date(1960, 1, 1),
}

_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
                 "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "a few": 3,
                 "several": 3, "some": 3, "a couple of": 2}
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365, "decade": 3650}


@dataclass(frozen=True)
class EventDate:
    date: date | None
    basis: str  # article, relative, explicit, historical
    text: str | None = None
    # A duration's starting point ("since 1997", "as early as 2005"): it says
    # how long a state has lasted, not when this event happened.
    anchor: str | None = None


def _shift_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("era_decade", re.compile(r"\b(?:in|during|since|of|from) the (1[0-9]|20)(\d)0s\b", re.I)),
    ("era", re.compile(r"\b(?:in|during|since|after|before) (" + "|".join(
        re.escape(k) for k in ERAS) + r")\b", re.I)),
    ("dmy", re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)? (?:of )?" + _MONTH + r",? (\d{4})\b", re.I)),
    ("mdy", re.compile(r"\b" + _MONTH + r" (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})\b", re.I)),
    ("iso", re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")),
    ("my", re.compile(r"\b" + _MONTH + r",? (\d{4})\b")),
    ("yesterday_today", re.compile(r"\byesterday and today\b", re.I)),
    ("yesterday", re.compile(r"\byesterday\b", re.I)),
    ("tomorrow", re.compile(r"\btomorrow\b", re.I)),
    ("ago", re.compile(r"\b(a few|a couple of|several|some|a|an|one|two|three|four|five|six|"
                       r"seven|eight|nine|ten|\d+) (day|week|month|year|decade)s? ago\b", re.I)),
    ("last", re.compile(r"\b(last|next|this) (week|month|year)\b", re.I)),
    ("weekday", re.compile(r"\b(?:on|last|this) (Monday|Tuesday|Wednesday|Thursday|Friday|"
                           r"Saturday|Sunday)\b")),
    ("bare_weekday", re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
                                r"Sunday)\b")),
    ("in_year", re.compile(r"\b(?:in|since|during) ((?:19|20)\d\d)\b")),
    ("recently", re.compile(r"\b(recently|earlier this week|this week|today)\b", re.I)),
]


# "the first visit since 1997", "partners since the 1990s", "ties dating back to
# the Cold War": the date starts a span that runs up to the report, so the
# event keeps the article's date and the anchor is only recorded.
_ANCHOR = re.compile(
    r"\b(?:(?:ever|at least|for the first time) )?(?:since|as early as|"
    r"(?:dat(?:e|es|ed|ing)|go(?:es|ing)?|went|going) back (?:to|as far as))\s+"
    r"(?:(?:the\s+)?(?:(?:early|late|mid-?)\s*)?(?:(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?)?"
    + _MONTH + r"\s+(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?)?(?:1[0-9]|20)\d\d(?:s|'s)?\b"
    r"|(?:" + "|".join(re.escape(k) for k in ERAS) + r")\b"
    r"|(?:last|this) (?:week|month|year)\b"
    r"|(?:last )?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)",
    re.I)


def _resolve(kind: str, m: re.Match[str], ref: date | None) -> EventDate | None:
    text = m.group(0)
    if kind == "era_decade":
        year = int(m.group(1) + m.group(2) + "0")
        return EventDate(date(year, 1, 1), "historical", text)
    if kind == "era":
        return EventDate(ERAS[m.group(1).lower()], "historical", text)
    if kind == "dmy":
        return _explicit(int(m.group(3)), MONTHS[m.group(2).lower().rstrip(".")],
                         int(m.group(1)), text, ref)
    if kind == "mdy":
        return _explicit(int(m.group(3)), MONTHS[m.group(1).lower().rstrip(".")],
                         int(m.group(2)), text, ref)
    if kind == "iso":
        return _explicit(int(m.group(1)), int(m.group(2)), int(m.group(3)), text, ref)
    if kind == "my":
        return _explicit(int(m.group(2)), MONTHS[m.group(1).lower().rstrip(".")], 1, text, ref)
    if kind == "in_year":
        return _explicit(int(m.group(1)), 1, 1, text, ref)
    if ref is None:
        return None
    if kind in ("yesterday_today", "yesterday"):
        return EventDate(ref - timedelta(days=1), "relative", text)
    if kind == "tomorrow":
        return EventDate(ref + timedelta(days=1), "relative", text)
    if kind == "ago":
        n = _NUMBER_WORDS.get(m.group(1).lower()) or int(m.group(1))
        unit = m.group(2).lower()
        if unit == "month":
            return EventDate(_shift_months(ref, -n), "relative", text)
        if unit in ("year", "decade"):
            years = n * (10 if unit == "decade" else 1)
            return EventDate(ref.replace(year=ref.year - years, day=min(ref.day, 28)),
                             "relative", text)
        return EventDate(ref - timedelta(days=n * _UNIT_DAYS[unit]), "relative", text)
    if kind == "last":
        step = {"last": -1, "next": 1, "this": 0}[m.group(1).lower()]
        unit = m.group(2).lower()
        if unit == "week":
            return EventDate(ref + timedelta(days=7 * step), "relative", text)
        if unit == "month":
            return EventDate(_shift_months(ref, step).replace(day=1) if step else ref,
                             "relative", text)
        return EventDate(date(ref.year + step, 1, 1) if step else ref, "relative", text)
    if kind in ("weekday", "bare_weekday"):
        want = _WEEKDAYS[m.group(1).lower()]
        back = (ref.weekday() - want) % 7
        return EventDate(ref - timedelta(days=back), "relative", text)
    if kind == "recently":
        return EventDate(ref, "relative", text)
    return None


def _explicit(year: int, month: int, day: int, text: str, ref: date | None) -> EventDate | None:
    try:
        d = date(year, month, day)
    except ValueError:
        return None
    # A date decades before the article is history being recalled.
    basis = "historical" if ref is not None and ref.year - year >= 20 else "explicit"
    return EventDate(d, basis, text)


# Every pattern above and the anchor needs a digit or one of these words: a
# text with none of them holds no date, and one search says so.
_MAY_HOLD_DATE = re.compile(r"\d|day|week|month|year|ago|tomorrow|recent|war|soviet", re.I)


# Words (lower-cased) of which every match of a pattern holds at least one: a
# pattern whose words are all missing from the text is not searched.
_NEEDED_WORDS: NeededWords[str] = NeededWords({
    "anchor": ("since", "early", "back"),
    "era_decade": ("0s",),
    "era": ("war", "soviet"),
    "dmy": _MONTH_STEMS,
    "mdy": _MONTH_STEMS,
    "iso": ("-",),
    "my": _MONTH_STEMS,
    "yesterday_today": ("yesterday",),
    "yesterday": ("yesterday",),
    "tomorrow": ("tomorrow",),
    "ago": ("ago",),
    "last": ("week", "month", "year"),
    "weekday": ("day",),
    "bare_weekday": ("day",),
    "in_year": ("19", "20"),
    "recently": ("recent", "week", "today"),
})


def _may_match(kind: str, possible: frozenset[str]) -> bool:
    return kind in possible or kind not in _NEEDED_WORDS.needed


@lru_cache(maxsize=4096)
def date_in_text(text: str, article_date: date | None) -> EventDate | None:
    """The first date expression in ``text``, resolved; None if there is none.
    A duration anchor ("since 1997") is not a date of the event: alone it gives
    the article date (basis ``article``) with the anchor recorded."""
    if _MAY_HOLD_DATE.search(text) is None:
        return None
    possible = _NEEDED_WORDS.possible(text)
    found: list[tuple[int, EventDate]] = []
    taken: list[tuple[int, int]] = []
    anchors = list(_ANCHOR.finditer(text)) if _may_match("anchor", possible) else []
    taken.extend((m.start(), m.end()) for m in anchors)
    anchor = anchors[0].group(0) if anchors else None
    for kind, pattern in _PATTERNS:
        if not _may_match(kind, possible):
            continue
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            resolved = _resolve(kind, m, article_date)
            if resolved is not None:
                found.append((m.start(), resolved))
                taken.append((m.start(), m.end()))
    if not found:
        return EventDate(article_date, "article", None, anchor) if anchor else None
    found.sort(key=lambda x: x[0])
    first = found[0][1]
    return EventDate(first.date, first.basis, first.text, anchor) if anchor else first


_YEAR = re.compile(r"(?:1[89]|20)\d\d")


def is_year_of(number: Token, noun: Token) -> bool:
    """Whether ``number`` is the year of the event ``noun`` names: "the 1961
    treaty", "his 2001 visit".  Only before a singular noun: in "the 2000
    troops" the number counts."""
    return number.dep_ == "nummod" and number.head.i == noun.i and number.i < noun.i \
        and noun.tag_ in ("NN", "NNP") and _YEAR.fullmatch(number.text) is not None


def year_of_noun(trigger: Token) -> int | None:
    """The year written into an event noun's own phrase, if any."""
    if trigger.pos_ not in ("NOUN", "PROPN"):
        return None
    for child in trigger.lefts:
        if is_year_of(child, trigger):
            return int(child.text)
    return None


def event_date(sent: Span, trigger: Token | None, article_date: date | None,
               sent_text: str | None = None) -> EventDate:
    """The date of the event triggered by ``trigger``: a year in the event
    noun's own phrase ("the 1961 treaty"), else an expression in the trigger's
    own clause, then anywhere in the sentence, else the article date.
    ``sent_text`` is ``sent.text``, when the caller has it already."""
    if trigger is not None:
        year = year_of_noun(trigger)
        if year is not None:
            own = _explicit(year, 1, 1, f"{year} {trigger.text}", article_date)
            if own is not None:
                return own
    text = sent.text if sent_text is None else sent_text
    whole = date_in_text(text, article_date)
    if whole is None:
        return EventDate(article_date, "article", None)
    if trigger is not None:
        clause = trigger
        while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
            clause = clause.head
        sub = text_of(sent, text, clause.left_edge.i, clause.right_edge.i + 1)
        found = date_in_text(sub, article_date)
        # A clause holding only a duration anchor has no date of its own.
        if found is not None and found.basis != "article":
            return found
    return whole
