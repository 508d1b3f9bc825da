"""Features of a (source, target, sentence) triple for the event classifier.

Both training and coding call `pair_features` on a parsed Doc, so the model
sees exactly what it was trained on.  Features are strings with weights:
lemmas on the dependency path between the two actors (the strongest signal
of what one did to the other), the lexicon's reading of those lemmas,
the grammatical roles of the two actors, and a bag of words of the sentence
with the actors masked.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from blocwatch.events.lexicon import Lexicon, load_lexicon

# Verbs whose complement carries the event ("agreed to withdraw" is about
# withdrawing, "refused to meet" is a rejection of meeting): the chain of
# both lexicon roots is a feature.
# Bag-of-words features count for less than the dependency path between the actors.
BAG_WEIGHT = 1.0
_STOP = {"the", "a", "an", "of", "to", "and", "in", "on", "at", "for", "with", "by", "its",
         "their", "his", "her", "this", "that", "it", "be", "have", "which", "who", "as"}


def find_span(doc: Doc, text: str, *, after: int = 0, avoid: Span | None = None) -> Span | None:
    """The token span of the first occurrence of ``text`` in ``doc`` (case-insensitive),
    not overlapping ``avoid``."""
    if not text:
        return None
    low = doc.text.lower()
    needle = text.strip().lower()
    start = low.find(needle, after)
    while start >= 0:
        span = doc.char_span(start, start + len(needle), alignment_mode="expand")
        if span is not None and not (avoid is not None and span.start < avoid.end
                                     and avoid.start < span.end):
            return span
        start = low.find(needle, start + 1)
    return None


def _ancestors_path(tok: Token) -> list[Token]:
    path = [tok]
    while path[-1].head.i != path[-1].i:
        path.append(path[-1].head)
    return path


def dep_path(a: Token, b: Token) -> tuple[list[Token], list[Token], Token | None]:
    """Tokens from ``a`` up to the lowest common ancestor, and from ``b`` up to it."""
    pa, pb = _ancestors_path(a), _ancestors_path(b)
    ib = {t.i: n for n, t in enumerate(pb)}
    for n, t in enumerate(pa):
        if t.i in ib:
            return pa[:n], pb[: ib[t.i]], t
    return pa, pb, None


def _role(tok: Token) -> str:
    dep = tok.dep_
    if dep == "pobj":
        return f"pobj:{tok.head.lower_}"
    if dep in ("compound", "poss", "amod"):
        return f"{dep}>{tok.head.dep_}"
    return dep


def _governor_chain(tok: Token, lex: Lexicon) -> list[str]:
    """Lexicon roots of ``tok`` and of the verbs that govern it by xcomp/ccomp."""
    chain = []
    cur = tok
    for _ in range(3):
        trig = lex.trigger_for(cur.lemma_.lower(), cur.pos_)
        chain.append(trig.root if trig else cur.lemma_.lower())
        if cur.dep_ in ("xcomp", "ccomp", "dobj", "pobj", "prep") and cur.head.i != cur.i:
            cur = cur.head
        else:
            break
    return chain


def pair_features(doc: Doc, source: Span | None, target: Span | None,
                  lex: Lexicon | None = None) -> dict[str, float]:
    lex = lex or load_lexicon()
    feats: dict[str, float] = {}
    masked: set[int] = set()
    if source is not None:
        masked |= set(range(source.start, source.end))
    if target is not None:
        masked |= set(range(target.start, target.end))
    # The sentence(s) holding the actors, so article context stays out.
    if source is not None:
        sent = source.sent if doc.has_annotation("SENT_START") else doc[:]
    else:
        sent = doc[:]

    # Bag of lemmas with the actors masked, plus bigrams near the actors.
    prev = "<s>"
    for tok in sent:
        if tok.i in masked:
            word = "SRC" if source is not None and source.start <= tok.i < source.end else "TGT"
            if prev == word:
                continue
        elif tok.is_punct or tok.like_num:
            continue
        else:
            word = tok.lemma_.lower()
        if word not in _STOP:
            feats[f"w={word}"] = BAG_WEIGHT
        feats[f"b={prev}_{word}"] = BAG_WEIGHT / 2
        prev = word
        if word not in ("SRC", "TGT"):
            trig = lex.trigger_for(word, tok.pos_)
            if trig:
                feats[f"lexany={trig.root}"] = feats.get(f"lexany={trig.root}", 0.0) + 0.5
        if tok.dep_ == "neg":
            feats["neg"] = 1.0

    if source is None or target is None:
        return feats
    s, t = source.root, target.root
    up_s, up_t, lca = dep_path(s, t)
    feats[f"srole={_role(s)}"] = 1.0
    feats[f"trole={_role(t)}"] = 1.0
    feats[f"roles={_role(s)}|{_role(t)}"] = 1.0
    if source.start > target.start:
        feats["target_first"] = 1.0
    path_tokens = up_s[1:] + up_t[1:] + ([lca] if lca is not None else [])
    for tok in path_tokens:
        if tok.i in masked:
            continue
        lemma = tok.lemma_.lower()
        feats[f"p={lemma}"] = 1.0
        trig = lex.trigger_for(lemma, tok.pos_)
        if trig:
            feats[f"lex={trig.root}"] = feats.get(f"lex={trig.root}", 0.0) + 1.0
            if trig.mode:
                feats[f"lexmode={trig.root}:{trig.mode}"] = 1.0
        for c in tok.children:
            if c.dep_ == "neg":
                feats["pathneg"] = 1.0
            elif c.dep_ == "aux" and c.lower_ in ("will", "would", "wo", "shall", "'ll", "to"):
                feats[f"aux={c.lower_}"] = 1.0
        if tok.dep_ == "xcomp" and tok.head.i not in masked:
            feats[f"xcomp_of={tok.head.lemma_.lower()}"] = 1.0
    # Particles and prepositions hanging off path verbs: "call on", "pull out".
    for tok in path_tokens:
        for child in tok.children:
            if child.dep_ == "prt":
                phr = lex.phrasal_verbs.get((tok.lemma_.lower(), child.lower_))
                feats[f"prt={tok.lemma_.lower()}_{child.lower_}"] = 1.0
                if phr:
                    feats[f"lex={phr.root}"] = feats.get(f"lex={phr.root}", 0.0) + 1.5
    if lca is not None and lca.i not in masked:
        feats[f"lca={lca.lemma_.lower()}"] = 1.0
        chain = _governor_chain(lca, lex)
        feats[f"chain={'>'.join(chain[:2])}"] = 1.0
        # Nouns the head verb takes as object: "imposed sanctions", "held talks".
        for child in lca.children:
            if child.dep_ in ("dobj", "attr", "xcomp", "ccomp") and child.i not in masked:
                feats[f"obj={child.lemma_.lower()}"] = 1.0
                trig = lex.trigger_for(child.lemma_.lower(), child.pos_)
                if trig:
                    feats[f"lexobj={trig.root}"] = 1.0
                    feats[f"lexpair={chain[0]}+{trig.root}"] = 1.0
    return feats
