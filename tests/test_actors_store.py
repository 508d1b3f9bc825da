"""Storing mentions with their spans (table `mentions`)."""

from __future__ import annotations

from blocwatch.models import Actor, Mention
from blocwatch.store.actors import delete_mentions, mentions_of, save_mentions


def test_mentions_round_trip_with_spans(store):
    mentions = [
        Mention("art1", 0, 12, "President Xi",
                Actor(kind="person", code="CHNGOV", country="CHN", sector="GOV", role="head_of_state",
                      name="Xi Jinping", matched_by="surname+date"), passage_index=0),
        Mention("art1", 20, 25, "Congo", Actor(kind="unresolved", reason="ambiguous: Congo"), passage_index=1),
        Mention("art2", 0, 6, "Moscow", Actor(kind="place", country="RUS", name="Moscow")),
    ]
    assert save_mentions(store, mentions) == 3
    back = mentions_of(store, "art1")
    assert back == mentions[:2]
    assert mentions_of(store, "nothing") == []


def test_a_span_saved_again_is_replaced(store):
    first = Mention("a", 0, 5, "Putin", Actor(kind="unresolved", reason="x"))
    second = Mention("a", 0, 5, "Putin", Actor(kind="person", code="RUSGOV", country="RUS"))
    save_mentions(store, [first])
    save_mentions(store, [second])
    assert mentions_of(store, "a") == [second]
    delete_mentions(store, "a")
    assert mentions_of(store, "a") == []
    assert save_mentions(store, []) == 0
