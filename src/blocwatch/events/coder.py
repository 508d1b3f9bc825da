"""The event coder: sentences in, PLOVER events out, each with its evidence.

Speed comes from parsing only what can hold an event: text is split into
sentences cheaply, each is tokenized, and only those naming an actor and a
trigger word go through the tagger and parser (NER is never run: actors come
from the resolver's phrase scan), in `nlp.pipe` batches.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Span

from blocwatch.events import actors_adapter
from blocwatch.events.claims import CLAIM_WORDS, extract_claims
from blocwatch.events.classifier import load_model
from blocwatch.events.dates import EventDate, event_date
from blocwatch.events.extract import (
    ANAPHORIC_DETERMINERS,
    DEPENDENCE_FORMS,
    ActorSpan,
    Candidate,
    contexts_near,
    main_predicate,
    pair_rule,
    quantities,
    sentence_events,
)
from blocwatch.events.features import dep_path, find_span, pair_features
from blocwatch.events.lexicon import load_lexicon
from blocwatch.events.modality import CONFIDENCE, Modality, modality_of, quote_blocks
from blocwatch.events.ontology import QUAD, cameo_of
from blocwatch.events.pipeline import coder_pipeline
from blocwatch.events.spantext import doc_text, remember_text
from blocwatch.events.version import coder_version
from blocwatch.models import Actor, ActorRef, Claim, Event, Evidence, Mention, Passage

# Sentence ends: ., ! or ? (optionally closed by a quote or bracket) before
# whitespace and a capital, digit or opening quote.  Abbreviations such as
# "U.S." followed by a capitalised name may split wrongly; a split sentence
# still parses, it only loses an argument.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])|\n\s*\n")
_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")
_NOT_END = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Lt|Col|No|vs|U\.S|U\.N|e\.g|i\.e)\.$")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``text``."""
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        if _NOT_END.search(text[max(0, m.start() - 6):m.start()]):
            continue
        if text[start:m.start()].strip():
            spans.append((start, m.start()))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


@dataclass
class _Unit:
    """One sentence (or pair-mode text) to code, with where its evidence points."""

    key: int
    text: str
    offset: int  # char offset of ``text`` in the evidence base (article or input)
    date: date | None
    article_id: str | None
    passage_index: int | None
    mentions: list[Mention] = field(default_factory=list)  # offsets relative to ``text``
    source: str | None = None
    target: str | None = None
    context_dyad: tuple[str, str] | None = None  # the pair earlier sentences were about
    # The same, across the passages of the article (for agreements and talks
    # named without their parties).
    carried_dyad: tuple[str, str] | None = None
    quoted_by: str | None = None  # speaker of the block quote this sentence is in


class EventCoder:
    """Loads spaCy, the lexicon and the classifier once; codes texts and articles."""

    def __init__(self, model: str = "en_core_web_sm", *, batch_size: int = 256) -> None:
        self.model_name = model
        self.nlp = coder_pipeline(model)
        self.lex = load_lexicon()
        self.model = load_model()
        self.batch_size = batch_size
        self.version = coder_version(model)
        # Agreement and talk nouns a sentence with no actor may hold (its parties
        # are carried over from the text before).
        self._carried_nouns = frozenset(
            form for lemma, trig in self.lex.nouns.items() if trig.root in ("AGREE", "CONSULT")
            for form in (lemma, lemma + "s"))

    # -- public API ---------------------------------------------------------

    def code_text(self, text: str, *, date: date | None = None, source: str | None = None,
                  target: str | None = None) -> list[Event]:
        """Events in ``text``.  With ``source`` and ``target`` (mention strings in
        the text): what the source did to the target, best first (pair mode)."""
        return self.code_records([{"text": text, "date": date, "source": source,
                                   "target": target}])[0]

    def code_records(self, records: Sequence[dict], *, monadic: bool = True
                     ) -> list[list[Event]]:
        """Code many ``{"text", "date"?, "source"?, "target"?}`` records in one batch.
        ``monadic=False`` keeps only free-mode events that have both a source and a
        target (as PETRARCH-style dyadic coders do)."""
        units: list[_Unit] = []
        for key, rec in enumerate(records):
            text = rec.get("text") or ""
            when = rec.get("date")
            src, tgt = rec.get("source"), rec.get("target")
            if src and tgt:
                units.append(_Unit(key, text, 0, when, None, None, source=src, target=tgt))
                continue
            units.extend(self._sentence_units(key, text, 0, when, None, None,
                                              quote_blocks(text)))
        results: list[list[Event]] = [[] for _ in records]
        for unit, events in self._code_units(units):
            results[unit.key].extend(e for e in events if monadic or e.target is not None
                                     or unit.source)
        for evs in results:
            evs.sort(key=lambda e: -e.confidence * float(e.attributes.get("score", 1.0)))
        return results

    def code_article(self, article_id: str, text: str, passages: Iterable[Passage],
                     article_date: date | None) -> tuple[list[Event], list[Claim], list[Mention]]:
        """Events, claims and actor mentions of a stored article.  Each passage is
        dated by its own date (a copied passage carries the original's)."""
        return self.code_articles([(article_id, text, passages, article_date)])[0]

    def code_articles(self, articles: Iterable[tuple[str, str, Iterable[Passage], date | None]]
                      ) -> list[tuple[list[Event], list[Claim], list[Mention]]]:
        """`code_article` for many ``(article_id, text, passages, article_date)`` at
        once, with the same result for each.  The parser works on several
        articles' Docs in one batch, which costs it less per sentence than one
        Doc at a time (each Doc is parsed exactly as it would be alone)."""
        units: list[_Unit] = []
        results: list[tuple[list[Event], list[Claim], list[Mention]]] = []
        for key, (article_id, text, passages, article_date) in enumerate(articles):
            mentions: list[Mention] = []
            units.extend(self._article_units(key, article_id, text, passages, article_date,
                                             mentions))
            results.append(([], [], mentions))
        claims_by_key = [claims for _, claims, _ in results]
        for unit, evs in self._code_units(units, claims_by_key):
            results[unit.key][0].extend(evs)
        return results

    def candidate_sentences(self, text: str, when: date | None = None) -> list[str]:
        """The sentences of ``text`` the prefilter lets through to the parser."""
        return [u.text for u in self._sentence_units(0, text, 0, when, None, None)]

    # -- internals ----------------------------------------------------------

    def _article_units(self, key: int, article_id: str, text: str, passages: Iterable[Passage],
                       article_date: date | None, mentions: list[Mention]) -> list[_Unit]:
        """The units of one article (all with ``key``); its actor mentions go to
        ``mentions``."""
        units: list[_Unit] = []
        passages = list(passages) or [Passage(article_id, 0, 0, len(text), text, "")]
        blocks = quote_blocks(text)
        carry = _DyadCarry()
        for p in passages:
            when = p.date or article_date
            ptext = text[p.start:p.end] if p.end <= len(text) else p.text
            local = [(s - p.start, e - p.start, who) for s, e, who in blocks]
            found: list[Mention] = []
            units.extend(self._sentence_units(key, ptext, p.start, when, article_id, p.index,
                                              local, found, carry))
            mentions.extend(Mention(article_id, m.start + p.start, m.end + p.start, m.text,
                                    m.actor, p.index) for m in found)
        return units

    def _sentence_units(self, key: int, text: str, offset: int, when: date | None,
                        article_id: str | None, passage_index: int | None,
                        blocks: Sequence[tuple[int, int, str]] = (),
                        all_mentions: list[Mention] | None = None,
                        carry: _DyadCarry | None = None) -> list[_Unit]:
        """Sentences of ``text`` that can hold an event or a claim (prefilter).
        Every actor mention found in ``text`` is appended to ``all_mentions``;
        ``carry`` holds the last pair of states across the calls for one article."""
        units = []
        carry = carry if carry is not None else _DyadCarry()
        doc = self.nlp.make_doc(text)
        found = actors_adapter.scan_mentions(doc, when, article_id=article_id or "",
                                             passage_index=passage_index, text=text)
        if all_mentions is not None:
            all_mentions.extend(found)
        last_dyad: tuple[str, str] | None = None
        # Mentions come in text order: each sentence's are found by bisection
        # instead of testing every mention against every sentence.
        starts = [m.start for m in found]
        in_order = all(m.start <= m.end for m in found) and all(
            a <= b for a, b in itertools.pairwise(starts))
        for s, e in split_sentences(text):
            if in_order:
                inside = [m for m in found[bisect_left(starts, s):bisect_right(starts, e)]
                          if m.end <= e]
            else:
                inside = [m for m in found if s <= m.start and m.end <= e]
            words = set(_WORD.findall(text[s:e].lower()))
            claim_words = bool(words & CLAIM_WORDS)
            dyad = _dyad_of(inside)
            if (inside and (words & self.lex.surface_forms or words & DEPENDENCE_FORMS
                            or claim_words)) or \
                    (claim_words and last_dyad is not None) or \
                    (carry.dyad is not None and self._names_new_talks(text[s:e])):
                rel = [Mention(m.article_id, m.start - s, m.end - s, m.text, m.actor,
                               m.passage_index) for m in inside]
                quoted_by = next((who for bs, be, who in blocks if bs <= s and e <= be), None)
                units.append(_Unit(key, text[s:e], offset + s, when, article_id, passage_index,
                                   rel, context_dyad=last_dyad, quoted_by=quoted_by,
                                   carried_dyad=carry.dyad))
            last_dyad = dyad or last_dyad
            carry.dyad = dyad or carry.dyad
        return units

    def _names_new_talks(self, sentence: str) -> bool:
        """Whether an agreement or talks noun stands without a determiner that
        points back ("Other agreements", not "the talks"): such a sentence may
        hold an event whose parties are carried over."""
        previous = ""
        for word in _WORD.findall(sentence.lower()):
            if word in self._carried_nouns and previous not in ANAPHORIC_DETERMINERS:
                return True
            previous = word
        return False

    def _code_units(self, units: list[_Unit], claims_by_key: list[list[Claim]] | None = None):
        """(unit, events) for every unit (pair-mode units first); with ``claims_by_key``,
        the claims of each unit go to ``claims_by_key[unit.key]``.  Free-mode sentences
        of one text are parsed together as one Doc with their sentence boundaries fixed
        beforehand: fewer, longer Docs cost spaCy much less per sentence."""
        pair = [u for u in units if u.source and u.target]
        free = [u for u in units if not (u.source and u.target)]
        if pair:
            docs = self.nlp.pipe((u.text for u in pair), batch_size=self.batch_size)
            for unit, doc in zip(pair, docs, strict=True):
                yield unit, self._pair(unit, remember_text(doc, unit.text))
        chunks = _chunks(free)
        docs = self.nlp.pipe((self._joined_doc(c) for c in chunks), batch_size=16)
        for chunk, doc in zip(chunks, docs, strict=True):
            base = 0
            # A Doc's text is the string it was made from: slicing it gives each
            # sentence's text without rebuilding it from its tokens.
            joined = doc_text(doc)
            for unit in chunk:
                sent = doc.char_span(base, base + len(unit.text), alignment_mode="expand")
                if sent is not None:
                    claims = claims_by_key[unit.key] if claims_by_key is not None else None
                    yield unit, self._code_sentence(unit, sent, base, claims,
                                                    joined[sent.start_char:sent.end_char])
                base += len(unit.text) + 1

    def _joined_doc(self, chunk: list[_Unit]) -> Doc:
        text = _joined_text(chunk)
        doc = remember_text(self.nlp.make_doc(text), text)
        # Only the starts are fixed: the parser may still split a unit our
        # splitter kept whole (each unit is coded as one span either way).
        pos = 0
        for u in chunk:
            span = doc.char_span(pos, pos + len(u.text), alignment_mode="expand")
            if span is not None and len(span):
                span[0].is_sent_start = True
            pos += len(u.text) + 1
        return doc

    def _code_sentence(self, unit: _Unit, sent: Span, base: int,
                       with_claims: list[Claim] | None, sent_text: str) -> list[Event]:
        index = self._actor_index(sent.doc, unit.mentions, base)
        places = self._place_index(sent.doc, unit.mentions, base)
        pair = _context_pair(sent, unit.carried_dyad)
        # The sentence's text and evidence are the same for all its events: built once.
        evidence = self._evidence(unit, sent.start_char - base, sent.end_char - base,
                                  sent_text)
        # Candidates sharing a trigger (one per source and target) share its
        # modality and date: each is worked out once per trigger.
        by_trigger: dict[int, tuple[Modality, EventDate]] = {}
        events = [self._event(unit, sent, cand, base, sent_text, evidence, by_trigger)
                  for cand in sentence_events(sent, index, self.lex, places, pair)
                  if not _one_party(cand.source, cand.target)]
        if with_claims is not None:
            with_claims.extend(extract_claims(sent, index, unit.date, evidence,
                                              unit.context_dyad, sent_text))
        return _dedupe(events)

    @staticmethod
    def _actor_index(doc: Doc, mentions: list[Mention], base: int = 0) -> dict[int, ActorSpan]:
        index: dict[int, ActorSpan] = {}
        for m in mentions:
            if m.actor.kind in ("place", "unresolved"):
                continue
            span = doc.char_span(base + m.start, base + m.end, alignment_mode="expand")
            if span is None:
                continue
            a = ActorSpan(span.start, span.end, _span_text(span), m.actor, span.start_char,
                          span.end_char)
            for i in range(span.start, span.end):
                index[i] = a
        return index

    @staticmethod
    def _place_index(doc: Doc, mentions: list[Mention], base: int = 0) -> dict[int, ActorSpan]:
        """Place mentions inside a known country, each standing for that country
        (a visit to Osaka is a visit to Japan)."""
        index: dict[int, ActorSpan] = {}
        for m in mentions:
            if m.actor.kind != "place" or not m.actor.country:
                continue
            span = doc.char_span(base + m.start, base + m.end, alignment_mode="expand")
            if span is None:
                continue
            country = Actor(kind="state", code=m.actor.country, country=m.actor.country,
                            matched_by="place in country")
            a = ActorSpan(span.start, span.end, _span_text(span), country, span.start_char,
                          span.end_char)
            for i in range(span.start, span.end):
                index[i] = a
        return index

    def _evidence(self, unit: _Unit, start: int, end: int, sentence: str) -> Evidence:
        return Evidence(unit.article_id, unit.passage_index, unit.offset + start,
                        unit.offset + end, sentence)

    def _event(self, unit: _Unit, sent: Span, cand: Candidate, base: int,
               sent_text: str, evidence: Evidence,
               by_trigger: dict[int, tuple[Modality, EventDate]]) -> Event:
        known = by_trigger.get(cand.trigger.i)
        if known is None:
            known = by_trigger[cand.trigger.i] = (
                modality_of(sent, cand.trigger, sent_text),
                event_date(sent, cand.trigger, unit.date, sent_text))
        mod, when = known
        if unit.quoted_by and mod.modality == "asserted":
            mod = Modality("reported", CONFIDENCE["reported"], unit.quoted_by, "block quote")
        attrs = dict(cand.attributes)
        if when.anchor:
            attrs["date_anchor"] = when.anchor
        if cand.reciprocal:
            attrs["reciprocal"] = True
        if cand.root == "SUPPORT":
            issues = _issues(unit, sent, base, cand)
            if issues:
                attrs["issues"] = issues
        return Event(
            event=cand.root, quad=QUAD[cand.root],
            cameo=cameo_of(cand.root, cand.mode, cand.context, cand.trigger.lemma_.lower()),
            source=_ref(cand.source.text, cand.source.actor) if cand.source else None,
            target=_ref(cand.target.text, cand.target.actor) if cand.target else None,
            modality=mod.modality, confidence=mod.confidence, date=when.date,
            evidence=evidence,
            mode=cand.mode, context=cand.context, speaker=mod.speaker, date_text=when.text,
            date_basis=when.basis, attributes=attrs, trigger=cand.trigger.text,
        )

    def _pair(self, unit: _Unit, doc: Doc) -> list[Event]:
        src = find_span(doc, unit.source or "")
        tgt = find_span(doc, unit.target or "", avoid=src)
        probs = self.model.scores(pair_features(doc, src, tgt, self.lex))
        ranked = sorted(probs.items(), key=lambda kv: -kv[1])
        main = main_predicate(src, tgt, self.lex) if src is not None and tgt is not None else None
        if main is not None and QUAD[main[0]] == QUAD[ranked[0][0]]:
            main = None  # within a quad the classifier weighs the whole sentence better
        if main is not None:
            # The source's own verbal act outranks a material event named inside
            # its object or complement ("condemned the seizure").
            ranked = [(main[0], max(ranked[0][1], probs[main[0]]))] + [
                kv for kv in ranked if kv[0] != main[0]]
        trigger = main[1] if main is not None else self._pair_trigger(doc, src, tgt,
                                                                        ranked[0][0])
        sent = trigger.sent if trigger is not None else doc[:]
        mod = modality_of(sent, trigger) if trigger is not None else None
        when = event_date(sent, trigger, unit.date)
        trig_entry = self.lex.trigger_for(trigger.lemma_.lower(), trigger.pos_) if trigger else None
        source_ref = _ref(unit.source or "", actors_adapter.resolve_text(unit.source or "",
                                                                         unit.date, doc.text))
        target_ref = _ref(unit.target or "", actors_adapter.resolve_text(unit.target or "",
                                                                         unit.date, doc.text))
        events = []
        if trigger is not None:
            # The intent rule decides for the top answer only when the text says so.
            top = pair_rule(ranked[0][0], trigger, target_ref.kind == "igo")
            if top != ranked[0][0]:
                ranked = [(top, ranked[0][1])] + [kv for kv in ranked if kv[0] != top]
        for root, p in ranked[:2]:
            if events and p < 0.25:
                break
            mode = trig_entry.mode if trig_entry and trig_entry.root == root else None
            ctx = contexts_near(trigger, self.lex, trig_entry) if trigger is not None else ()
            attrs = quantities(trigger) if trigger is not None else {}
            attrs["score"] = round(p, 4)
            if when.anchor:
                attrs["date_anchor"] = when.anchor
            events.append(Event(
                event=root, quad=QUAD[root],
                cameo=cameo_of(root, mode, ctx,
                               trigger.lemma_.lower() if trigger is not None else None),
                source=source_ref, target=target_ref,
                modality=mod.modality if mod else "asserted",
                confidence=mod.confidence if mod else 1.0, date=when.date,
                evidence=self._evidence(unit, sent.start_char, sent.end_char, sent.text),
                mode=mode, context=ctx, speaker=mod.speaker if mod else None,
                date_text=when.text, date_basis=when.basis, attributes=attrs,
                trigger=trigger.text if trigger is not None else None,
            ))
        return events

    def _pair_trigger(self, doc: Doc, src: Span | None, tgt: Span | None, root: str):
        """The word that carries the event between the two actors."""
        if src is None:
            return None
        if tgt is None:
            return src.root.head
        up_s, up_t, lca = dep_path(src.root, tgt.root)
        path = up_s[1:] + up_t[1:] + ([lca] if lca is not None else [])
        masked = set(range(src.start, src.end)) | set(range(tgt.start, tgt.end))
        best = None
        for tok in path:
            if tok.i in masked:
                continue
            trig = self.lex.trigger_for(tok.lemma_.lower(), tok.pos_)
            if trig and trig.root == root:
                return tok
            if best is None and tok.pos_ in ("VERB", "NOUN"):
                best = tok
        return best or (lca if lca is not None else src.root.head)


def _issues(unit: _Unit, sent: Span, base: int, cand: Candidate) -> list[str]:
    """What a show of support is about: the places and other states the sentence
    names besides the two parties ("backed each other on Syria")."""
    parties = {a.actor.country for a in (cand.source, cand.target) if a is not None}
    start, end = sent.start_char - base, sent.end_char - base
    out: list[str] = []
    for m in unit.mentions:
        if start <= m.start and m.end <= end and m.actor.kind in ("place", "state") and \
                (m.actor.country is None or m.actor.country not in parties):
            name = m.actor.name or m.text
            if name not in out:
                out.append(name)
    return out


@dataclass
class _DyadCarry:
    """The last pair of states an article's sentences were about, carried from
    passage to passage."""

    dyad: tuple[str, str] | None = None


def _context_pair(sent: Span, dyad: tuple[str, str] | None
                  ) -> tuple[ActorSpan, ActorSpan] | None:
    """The carried pair as actors standing at the start of ``sent`` (they are
    not named in it)."""
    if dyad is None:
        return None
    # The span's first token and its offset, without building the token.
    first, first_idx = sent.start, sent.start_char
    a, b = (ActorSpan(first, first, code,
                      Actor("state", code=code, country=code, matched_by="earlier sentence"),
                      first_idx, first_idx) for code in dyad)
    return a, b


def _dyad_of(mentions: list[Mention]) -> tuple[str, str] | None:
    countries = sorted({m.actor.country for m in mentions if m.actor.country})
    return (countries[0], countries[1]) if len(countries) == 2 else None


def _span_text(span: Span) -> str:
    """``span.text``, cut out of its Doc's text."""
    if span.start == span.end:
        return span.text
    return doc_text(span.doc)[span.start_char:span.end_char]


def _joined_text(chunk: list[_Unit]) -> str:
    """The text of the one Doc a chunk of units is parsed as."""
    return "\n".join(u.text for u in chunk)


def _chunks(units: list[_Unit], size: int = 48) -> list[list[_Unit]]:
    """Runs of units from the same text (record key and article), at most ``size`` long."""
    out: list[list[_Unit]] = []
    for u in units:
        if out and len(out[-1]) < size and (out[-1][0].key, out[-1][0].article_id) == (
                u.key, u.article_id):
            out[-1].append(u)
        else:
            out.append([u])
    return out


def _ref(text: str, actor: Actor) -> ActorRef:
    return ActorRef(text=text, code=actor.code, country=actor.country, kind=actor.kind,
                    sector=actor.sector, role=actor.role, name=actor.name)


def _one_party(source: ActorSpan | None, target: ActorSpan | None) -> bool:
    """Whether source and target are the same party: the same actor twice (a
    name and its appositive), or a state and its own government or army
    ("Ramaphosa told South Africa").  Two sectors of one state (government
    and opposition, army and leaders) and two named people are two parties."""
    if source is None or target is None:
        return False
    a, b = source.actor, target.actor
    if a.kind == b.kind == "person" and a.name != b.name:
        return False  # two people of one government: a domestic event, kept
    if a.code is not None and a.code == b.code:
        return True
    # a state and its own government; a coup (the army against the state's
    # leaders) is two parties of one state and stays
    return a.country is not None and a.country == b.country and a.kind != "igo" and b.kind != "igo" \
        and {a.sector or None, b.sector or None} == {None, "GOV"}


def _dedupe(events: list[Event]) -> list[Event]:
    """One event per (type, source, target, sentence): a verb and its object noun
    ("signed an agreement") are one act."""
    seen: dict[tuple, Event] = {}
    for ev in events:
        key = (ev.event, ev.source.code if ev.source else None,
               ev.target.code if ev.target else None, ev.evidence.start,
               ev.source.text if ev.source else None)
        if key not in seen or (ev.context and not seen[key].context):
            seen[key] = ev
    # An event without a target adds nothing when the same act has one.
    with_target = {(k[0], k[1], k[3]) for k in seen if k[2] is not None}
    return [ev for k, ev in seen.items() if k[2] is not None or (k[0], k[1], k[3]) not in
            with_target]
