"""Exact and near duplicates, republications with additions, their dates and
passage kinds; incremental detection against the store."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from blocwatch.ingest.clean import article_id
from blocwatch.ingest.passages import split_passages
from blocwatch.ingest.pipeline import ingest_items
from blocwatch.ingest.republication import (
    DedupDoc,
    Fingerprinter,
    compare,
    match_passages,
)
from blocwatch.models import Article
from blocwatch.settings import Settings
from blocwatch.store import articles as article_sql

SETTINGS = Settings()

# Written for these tests: a short report on the 2015 Iran nuclear agreement.
DEAL = [
    "In July 2015 Iran and six world powers concluded a long negotiation in Vienna with an "
    "agreement that limited the Iranian nuclear programme in exchange for the lifting of "
    "economic sanctions imposed by the United Nations, the United States and the European Union.",
    "The deal, formally called the Joint Comprehensive Plan of Action, capped the enrichment of "
    "uranium at a low level, reduced the number of centrifuges in operation and placed the "
    "facilities under an inspection regime run by the International Atomic Energy Agency.",
    "Negotiators from the United States, Russia, China, France, the United Kingdom and Germany "
    "took part, and the foreign policy chief of the European Union coordinated the talks over "
    "almost two years of meetings in Lausanne, Geneva and Vienna.",
    "Supporters argued that the agreement closed the paths to a weapon for at least a decade, "
    "while critics in the United States Congress and in Israel said that it left too much of "
    "the programme in place and expired too early.",
    "The inspectors confirmed in January 2016 that Iran had met its first commitments, and on "
    "that day a large part of the sanctions on oil exports and banking was suspended, allowing "
    "Iranian crude to return to European and Asian markets.",
    "Diplomats from the European signatories said at the time that the inspection regime was the "
    "most intrusive ever agreed, and that any breach would be detected within weeks rather than "
    "months by the cameras and seals installed at the sites.",
]

# Written for these tests: a different story, on the 2015 Paris climate agreement.
CLIMATE = [
    "Delegates from nearly two hundred countries adopted the Paris Agreement in December 2015, "
    "committing their governments to keep the rise in global temperature well below two degrees "
    "Celsius compared with the period before industrialisation.",
    "Each country submits its own plan for cutting emissions, and the plans are reviewed every "
    "five years so that the targets can be raised as technology becomes cheaper and the "
    "political climate changes.",
    "The agreement entered into force in November 2016 after enough countries representing a "
    "large share of global emissions had ratified it, a faster pace than many observers had "
    "expected at the conference.",
    "Developed countries also promised to mobilise climate finance for poorer states, continuing "
    "a pledge first made at the Copenhagen summit in 2009 to reach one hundred billion dollars "
    "a year.",
]

INTRO = [
    "Three years after the Vienna talks ended, the fate of the nuclear agreement depends on "
    "whether the European signatories can keep trade with Iran alive without the United States.",
    "We are republishing our original report on the deal below, with notes in brackets where "
    "later events changed the picture.",
]
FIRST_PUBLISHED = "This article was first published by Example Wire on 15th July 2015"
NOTE = ("(Update: in May 2018 the United States left the agreement and restored its sanctions, "
        "a decision the European signatories regretted and Russia and China criticised.)")


def _article(paragraphs: list[str], origin: str, **fields) -> Article:
    text = "\n\n".join(paragraphs)
    return Article(id=article_id(text), text=text, origin=origin,
                   words=len(text.split()), **fields)


def _republication(when: date = date(2018, 7, 1), basis: str = "manifest") -> Article:
    paragraphs = [*INTRO, FIRST_PUBLISHED, *DEAL[:3], NOTE, *DEAL[3:]]
    text = "\n\n".join(paragraphs)
    return Article(
        id=article_id(text), text=text, origin="copy.txt", words=len(text.split()),
        date=when, date_basis=basis,
        first_published=("Example Wire", date(2015, 7, 15)),
        first_published_at=text.index(FIRST_PUBLISHED),
    )


def _doc(article: Article, order: int = 0) -> DedupDoc:
    doc = DedupDoc.from_article(article, split_passages(article), order=order)
    doc.fingerprint(Fingerprinter(SETTINGS))
    return doc


def test_fingerprints_are_deterministic_and_seeded():
    text = " ".join(DEAL)
    one, two = Fingerprinter(SETTINGS), Fingerprinter(SETTINGS)
    sig = one.signature(one.shingles(text))
    assert sig is not None and sig.shape == (SETTINGS.minhash_perm,)
    assert (sig == two.signature(two.shingles(text))).all()
    assert len(one.band_keys(sig)) == one.bands
    other = Fingerprinter(SETTINGS.with_values(seed=99))
    assert one.band_keys(sig) != other.band_keys(other.signature(other.shingles(text)))
    assert one.signature(one.shingles("")) is None


def test_small_edits_still_match_passage_by_passage():
    edited = [p.replace("long negotiation", "lengthy negotiation") for p in DEAL]
    edited[3] = edited[3].replace("at least a decade", "more than ten years")
    orig, copy = _doc(_article(DEAL, "a.txt")), _doc(_article(edited, "b.txt"))
    match = match_passages(orig, copy, Fingerprinter(SETTINGS))
    assert match.orig_matched == frozenset(range(len(DEAL)))
    assert match.mapping == {i: i for i in range(len(DEAL))}
    assert not match.exact


def test_exact_copy_with_other_punctuation():
    plain = [p.replace(",", "") for p in DEAL]
    first = _doc(_article(DEAL, "a.txt", date=date(2015, 7, 15), date_basis="manifest"))
    second = _doc(_article(plain, "b.txt", date=date(2015, 7, 16), date_basis="manifest"))
    assert first.id != second.id
    relation = compare(second, first, Fingerprinter(SETTINGS), SETTINGS)
    assert relation is not None
    rep = relation.republication
    assert (rep.original_id, rep.copy_id, rep.relation) == (first.id, second.id, "exact")
    assert rep.coverage == 1.0 and rep.new_passages == ()


def test_near_duplicate_keeps_the_earlier_as_original():
    edited = list(DEAL)
    edited[1] = edited[1].replace("a low level", "a very low level")
    early = _doc(_article(DEAL, "a.txt", date=date(2015, 7, 15), date_basis="json"), order=1)
    late = _doc(_article(edited, "b.txt", date=date(2015, 8, 1), date_basis="json"), order=0)
    rep = compare(late, early, Fingerprinter(SETTINGS), SETTINGS).republication
    assert (rep.original_id, rep.copy_id, rep.relation) == (early.id, late.id, "near")
    assert rep.coverage == 1.0
    assert 0.5 < rep.similarity < 1.0


def test_unrelated_articles_are_not_linked():
    assert compare(_doc(_article(DEAL, "a.txt")), _doc(_article(CLIMATE, "b.txt")),
                   Fingerprinter(SETTINGS), SETTINGS) is None


def test_republication_with_introduction_and_annotations(store):
    original = _article(DEAL, "orig.txt")
    copy = _republication()
    summary = ingest_items(store, [original, copy], SETTINGS)
    assert summary.republications == 1 and summary.relations == {"contains": 1}

    (rep,) = article_sql.republications_of(store, original.id)
    assert (rep.original_id, rep.copy_id, rep.relation) == (original.id, copy.id, "contains")
    assert rep.coverage == 1.0
    copy_passages = article_sql.article_passages(store, copy.id)
    expected_new = {p.index for p in copy_passages
                    if p.end <= copy.first_published_at or p.text.startswith(("(", "This article"))}
    assert set(rep.new_passages) == expected_new == {0, 1, 2, 6}

    stored_original = article_sql.get_article(store, original.id)
    assert stored_original["date"] == date(2015, 7, 15)
    assert stored_original["date_basis"] == "republication"
    assert stored_original["source"] == "Example Wire"
    assert {p.date for p in article_sql.article_passages(store, original.id)} == {date(2015, 7, 15)}
    for p in copy_passages:
        if p.index in expected_new:
            assert (p.kind, p.date, p.original_id) == ("new", date(2018, 7, 1), None)
        else:
            assert (p.kind, p.date, p.original_id) == ("copied", date(2015, 7, 15), original.id)
            assert p.text == DEAL[p.original_index]


def test_copy_stored_before_its_original_is_updated_when_the_original_arrives(store):
    copy = _republication()
    ingest_items(store, [copy], SETTINGS)
    assert {p.kind for p in article_sql.article_passages(store, copy.id)} == {"own"}
    original = _article(DEAL, "orig.txt")
    summary = ingest_items(store, [original], SETTINGS)
    assert summary.republications == 1
    kinds = [p.kind for p in article_sql.article_passages(store, copy.id)]
    assert kinds == ["new", "new", "new", "copied", "copied", "copied", "new",
                     "copied", "copied", "copied"]
    assert article_sql.get_article(store, original.id)["date"] == date(2015, 7, 15)


def test_a_user_given_date_is_not_overridden_by_a_republication(store):
    original = _article(DEAL, "orig.txt", date=date(2015, 7, 14), date_basis="manifest")
    ingest_items(store, [original, _republication()], SETTINGS)
    stored = article_sql.get_article(store, original.id)
    assert (stored["date"], stored["date_basis"]) == (date(2015, 7, 14), "manifest")


def test_first_published_footer_does_not_make_the_article_an_introduction():
    paragraphs = [*DEAL, NOTE, FIRST_PUBLISHED]
    text = "\n\n".join(paragraphs)
    copy = Article(id=article_id(text), text=text, origin="footer.txt", date=date(2018, 1, 1),
                   first_published=("Example Wire", date(2015, 7, 15)),
                   first_published_at=text.index(FIRST_PUBLISHED))
    relation = compare(_doc(_article(DEAL, "orig.txt")), _doc(copy), Fingerprinter(SETTINGS),
                       SETTINGS)
    assert relation is not None
    assert relation.republication.new_passages == (len(DEAL), len(DEAL) + 1)


def test_short_original_inside_a_long_copy_is_found_through_shared_passages(store):
    # The whole-text similarity is too low for LSH; shared passages still link them.
    short = _article(DEAL[:2], "short.txt", date=date(2015, 7, 15), date_basis="json")
    long_text = [*CLIMATE, DEAL[0], *INTRO, DEAL[1], NOTE]
    long = _article(long_text, "long.txt", date=date(2018, 1, 1), date_basis="json")
    assert not set(_doc(short).keys) & set(_doc(long).keys)
    ingest_items(store, [short], SETTINGS)
    summary = ingest_items(store, [long], SETTINGS)
    assert summary.relations == {"contains": 1}
    (rep,) = article_sql.republications_of(store, long.id)
    assert rep.original_id == short.id and rep.coverage == 1.0


def test_changed_lsh_settings_recompute_the_stored_keys(store):
    ingest_items(store, [_article(DEAL, "orig.txt")], SETTINGS)
    before = store.con.execute("SELECT count(*) FROM lsh_keys").fetchone()[0]
    other = SETTINGS.with_values(shingle_words=4, minhash_perm=32)
    edited = [p.replace("Vienna", "Wien") for p in DEAL]
    summary = ingest_items(store, [_article(edited, "edit.txt")], other)
    assert summary.relations == {"near": 1}
    params = article_sql.lsh_params(store)
    assert params["shingle_words"] == 4 and params["minhash_perm"] == 32
    after = store.con.execute("SELECT count(*) FROM lsh_keys").fetchone()[0]
    assert before != after == 2 * Fingerprinter(other).bands


def test_a_copy_of_a_copy_points_to_the_first_original(store):
    original = _article(DEAL, "orig.txt", date=date(2015, 7, 15), date_basis="json")
    first = _article([INTRO[0], *DEAL], "first.txt", date=date(2016, 1, 1), date_basis="json")
    ingest_items(store, [original, first], SETTINGS)
    second = _article([INTRO[0], *DEAL, NOTE], "second.txt", date=date(2017, 1, 1),
                      date_basis="json")
    ingest_items(store, [second], SETTINGS)
    passages = article_sql.article_passages(store, second.id)
    copied = [p for p in passages if p.kind == "copied"]
    assert {p.original_id for p in copied if p.text in DEAL} == {original.id}
    assert all(p.date == date(2015, 7, 15) for p in copied if p.text in DEAL)
    assert passages[-1].kind == "new"


@pytest.mark.parametrize("threshold", [0.2, 0.5])
def test_band_layout_follows_the_threshold(threshold):
    fingerprinter = Fingerprinter(SETTINGS.with_values(lsh_threshold=threshold))
    assert fingerprinter.bands * fingerprinter.rows <= SETTINGS.minhash_perm
    lower = Fingerprinter(SETTINGS.with_values(lsh_threshold=0.2))
    assert lower.rows <= fingerprinter.rows


def test_dedup_doc_records_changed_passages_only():
    doc = _doc(replace(_article(DEAL, "a.txt"), date=date(2015, 7, 15)))
    doc.set_passage(0, kind="own")
    assert doc.passages_changed == set()
    doc.set_passage(1, kind="new")
    assert doc.passages_changed == {1}


def _near_copy() -> Article:
    edited = [p.replace("Vienna", "the Austrian capital") for p in DEAL]
    return _article(edited, "near.txt", date=date(2017, 1, 1), date_basis="json",
                    source="Other Site")


def test_a_later_copy_does_not_take_the_place_of_the_first_original(store):
    original = _article(DEAL, "orig.txt")
    near, republished = _near_copy(), _republication()
    for article in (original, near, republished):
        ingest_items(store, [article], SETTINGS)
    relations = {(r["original_id"], r["copy_id"]): r["relation"]
                 for r in article_sql.list_republications(store)}
    assert relations == {(original.id, near.id): "near", (original.id, republished.id): "contains"}
    stored_near = article_sql.get_article(store, near.id)
    assert (stored_near["date"], stored_near["date_basis"]) == (date(2017, 1, 1), "json")
    assert article_sql.get_article(store, original.id)["date"] == date(2015, 7, 15)


def test_copied_passages_move_to_the_first_original_when_it_arrives_last(store):
    original = _article(DEAL, "orig.txt")
    near, republished = _near_copy(), _republication()
    ingest_items(store, [near], SETTINGS)
    ingest_items(store, [republished], SETTINGS)
    ingest_items(store, [original], SETTINGS)
    assert article_sql.get_article(store, original.id)["date"] == date(2015, 7, 15)
    for article in (near, republished):
        copied = [p for p in article_sql.article_passages(store, article.id)
                  if p.kind == "copied"]
        assert len(copied) == len(DEAL)
        assert {(p.original_id, p.date) for p in copied} == {(original.id, date(2015, 7, 15))}


def test_a_story_syndicated_many_times_in_one_batch_links_every_copy_to_the_original(store):
    original = _article(DEAL, "wire.txt", date=date(2015, 7, 14), date_basis="json")
    copies = []
    for i in range(30):
        edited = list(DEAL)
        edited[i % len(DEAL)] = edited[i % len(DEAL)].replace("the", f"the site{i}", 1)
        copies.append(_article(edited, f"site{i}.txt", date=date(2015, 7, 15 + i % 10),
                               date_basis="json"))
    summary = ingest_items(store, [original, *copies], SETTINGS)
    assert summary.batches == 1
    pairs = {(r["original_id"], r["copy_id"]) for r in article_sql.list_republications(store)}
    assert pairs == {(original.id, c.id) for c in copies}
