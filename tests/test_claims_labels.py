"""Relationship labels read as claims (events/claims.py): allies listed after
their patron, appositions ("a US ally"), pairs called friends, partners,
rivals or enemies, "the alliance between X and Y", "pitted X against Y",
each with the modality of the sentence.  Every sentence is written for
these tests."""

from __future__ import annotations

from datetime import date

import pytest

from blocwatch.models import Passage


def _labels(coder, text: str) -> dict[tuple[str, str], tuple[str, str, float]]:
    """{dyad: (value, modality, confidence)} of the label claims of ``text``."""
    _, claims, _ = coder.code_article("t", text, [Passage("t", 0, 0, len(text), text, "h")],
                                      date(2016, 3, 1))
    return {c.dyad: (c.value, c.modality, c.confidence) for c in claims
            if c.predicate == "label"}


@pytest.mark.parametrize(("text", "expected"), [
    ("Washington and its allies, especially Japan and Australia, condemned the missile test.",
     {("JPN", "USA"): "ally", ("AUS", "USA"): "ally"}),
    ("Britain's allies such as Canada and Norway sent observers to the vote.",
     {("CAN", "GBR"): "ally", ("GBR", "NOR"): "ally"}),
    ("Poland, a US ally, bought American tanks last year.", {("POL", "USA"): "ally"}),
    ("Brazil welcomed its BRICS partners India and South Africa to the summit.",
     {("BRA", "IND"): "partner", ("BRA", "ZAF"): "partner"}),
    ("Russia, China's closest partner, voted against the resolution.",
     {("CHN", "RUS"): "partner"}),
    ("Beijing treats Pakistan and Cambodia as partners.", {("KHM", "PAK"): "partner"}),
    ("India and Pakistan remain bitter rivals.", {("IND", "PAK"): "rival"}),
    ("Iran and Iraq, long-time enemies, fought a war in the 1980s.",
     {("IRN", "IRQ"): "enemy"}),
    ("The border dispute pitted Peru against Ecuador.", {("ECU", "PER"): "rival"}),
    ("The alliance between France and Germany shaped postwar Europe.",
     {("DEU", "FRA"): "ally"}),
    ("Vietnam and India call their ties a comprehensive strategic partnership.",
     {("IND", "VNM"): "comprehensive strategic partnership"}),
])
def test_label_wordings_name_their_dyads(coder, text, expected):
    got = _labels(coder, text)
    assert {dyad: value for dyad, (value, _, _) in got.items()} == expected
    assert all(modality == "asserted" and confidence == 1.0
               for _, modality, confidence in got.values()), got


def test_reported_label_keeps_its_modality(coder):
    got = _labels(coder, "Putin and Xi are old friends, diplomats say.")
    assert got == {("CHN", "RUS"): ("friend", "reported", 0.9)}


@pytest.mark.parametrize(("text", "dyad", "modality"), [
    ("Analysts do not think the talks portend an alliance between Brazil and Argentina.",
     ("ARG", "BRA"), "negated"),
    ("Armenia and Azerbaijan are not friends.", ("ARM", "AZE"), "negated"),
    ("If Greece and Turkey became allies, the region would change.", ("GRC", "TUR"),
     "hypothetical"),
])
def test_negated_and_hypothetical_labels_are_not_positive_claims(coder, text, dyad, modality):
    got = _labels(coder, text)
    assert dyad in got, got
    value, found, confidence = got[dyad]
    assert value == "ally" or value == "friend"
    assert found == modality and confidence < 0.5


def test_a_clause_is_not_read_as_a_label(coder):
    # "warned their allies": the two are not called allies of each other.
    assert _labels(coder, "Mexico and Canada warned their allies about the tariffs.") == {}


def test_label_claims_feed_declared_strengths():
    from blocwatch.relations.labels import label_strength

    assert label_strength("ally") == 1.0
    assert label_strength("friend") == label_strength("partner") == 0.4
    assert label_strength("rival") == -0.6
    assert label_strength("enemy") == -1.0
