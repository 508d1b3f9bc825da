"""The coder's spaCy pipeline: tagger and parser only, with POS, morphology
and lemmas filled in by plain lookups afterwards.

The attribute ruler runs a Matcher over every Doc; on many short sentence Docs
that costs as much as the tagger.  Its tag-only rules (tag -> POS and
morphology) are read from the loaded pipeline once and applied by a dict
lookup; the rule lemmatizer then runs on the result, so lemmas are what the
full pipeline would give for all but a handful of exception words.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

import numpy
from spacy.attrs import LEMMA, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.parts_of_speech import IDS as UNIV_POS
from spacy.tokens import Doc

from blocwatch.nlp import load_nlp

DISABLED = ("attribute_ruler", "lemmatizer", "ner")


class CoderPipeline:
    def __init__(self, model: str = "en_core_web_sm") -> None:
        self.nlp: Language = load_nlp(model, DISABLED)
        self.tag_attrs: dict[str, tuple[str, str | None]] = {}
        for rule in self.nlp.get_pipe("attribute_ruler").patterns:
            pattern = rule["patterns"][0]
            if len(pattern) == 1 and set(pattern[0]) == {"TAG"} and "POS" in rule["attrs"]:
                self.tag_attrs[pattern[0]["TAG"]] = (rule["attrs"]["POS"],
                                                     rule["attrs"].get("MORPH"))
        self.lemmatizer = self.nlp.get_pipe("lemmatizer")
        # (ORTH, POS, MORPH) -> lemma hash.  The rule lemmatizer's answer
        # depends on these three only (it caches on the same key); asking it
        # once per distinct word spares a Python call per token.
        self._lemma_ids: dict[tuple[int, int, int], int] = {}
        # Tags the ruler has no rule for keep an empty POS, as the full pipeline leaves them.
        morphology = self.nlp.vocab.morphology
        self._no_tag = (0, morphology.add(""))
        self._tag_ids: dict[int, tuple[int, int]] = {}
        for tag in self.nlp.get_pipe("tagger").labels:
            if tag in self.tag_attrs:
                pos, morph = self.tag_attrs[tag]
                self._tag_ids[self.nlp.vocab.strings.add(tag)] = (
                    UNIV_POS[pos], morphology.add(morph if morph and morph != "_" else ""))

    @property
    def vocab(self):
        return self.nlp.vocab

    def make_doc(self, text: str) -> Doc:
        return self.nlp.make_doc(text)

    def finish(self, doc: Doc) -> Doc:
        # Whole-array lookups instead of a Python loop over tokens: TAG hash ->
        # (POS id, MORPH hash), written back with one from_array call.
        if len(doc):
            rows = [self._tag_ids.get(t, self._no_tag) for t in doc.to_array(TAG).tolist()]
            doc.from_array([POS, MORPH], numpy.array(rows, dtype="uint64"))
            self._lemmatize(doc)
        return doc

    def _lemmatize(self, doc: Doc) -> None:
        """What ``self.lemmatizer(doc)`` does, with each distinct word lemmatized once."""
        strings = self.nlp.vocab.strings
        overwrite = self.lemmatizer.overwrite
        lemma_ids = self._lemma_ids
        lemmas = []
        for i, (orth, pos, morph, lemma) in enumerate(
                doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()):
            if overwrite or lemma == 0:
                key = (orth, pos, morph)
                lemma = lemma_ids.get(key)
                if lemma is None:
                    lemma = strings.add(self.lemmatizer.lemmatize(doc[i])[0])
                    if pos != 0:  # an empty POS warns each time, as the pipe does
                        lemma_ids[key] = lemma
            lemmas.append(lemma)
        doc.from_array([LEMMA], numpy.array(lemmas, dtype="uint64"))

    def pipe(self, texts: Iterable[str], batch_size: int = 64) -> Iterator[Doc]:
        for doc in self.nlp.pipe(texts, batch_size=batch_size):
            yield self.finish(doc)

    def __call__(self, text: str) -> Doc:
        return self.finish(self.nlp(text))


@lru_cache(maxsize=2)
def coder_pipeline(model: str = "en_core_web_sm") -> CoderPipeline:
    return CoderPipeline(model)
