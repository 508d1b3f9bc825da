"""Plain words for the report's reader: store keys ("defense:...",
"label:CHN-RUS", passage numbers) turned into what a non-programmer reads."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

# Correlates of War / ATOP tie kinds as the packaged ties and imports name them
TIE_KINDS = {
    "defense": "defence pact",
    "defence": "defence pact",
    "entente": "entente",
    "nonaggression": "non-aggression pact",
    "neutrality": "neutrality pact",
}

CLAIM_TOPICS = {
    "label": "what the relationship is called",
    "manages": "who manages the relationship",
}


def tie_text(tie: str) -> str:
    """``defense:ANZUS Treaty`` -> ``ANZUS Treaty (defence pact)``."""
    kind, sep, name = str(tie).partition(":")
    if not sep or kind.lower() not in TIE_KINDS:
        return str(tie)
    return f"{name.strip()} ({TIE_KINDS[kind.lower()]})"


def ties_text(ties: Iterable[str], joiner: str = "; ") -> str:
    return joiner.join(tie_text(t) for t in ties)


def claim_topic(claim: Mapping[str, Any], state_name: Callable[[str], str] = str) -> str:
    """``label:CHN-RUS`` -> ``China – Russia: what the relationship is called``."""
    topic = CLAIM_TOPICS.get(str(claim.get("predicate")), str(claim.get("predicate") or ""))
    dyad = claim.get("dyad")
    if dyad and len(dyad) == 2:
        pair = " – ".join(state_name(code) for code in dyad)
        return f"{pair}: {topic}" if topic else pair
    return str(claim.get("subject") or "")


def passages_text(indexes: Iterable[int]) -> str:
    """Passage numbers (0-based in the store) as a reader counts them."""
    numbers = [int(i) + 1 for i in indexes]
    if not numbers:
        return "none"
    listed = ", ".join(str(n) for n in numbers)
    return f"{len(numbers)} (paragraph{'s' if len(numbers) > 1 else ''} {listed} of the copy)"


# How the relations stage says why a state is between blocs, most contested
# first, with the heading a reader sees for each group.
SWING_GROUPS = (
    ("tied to both", "Tied to both blocs"),
    ("tied to several", "Tied to several blocs"),
    ("tied weakly to one", "Tied only weakly to one bloc"),
    ("tied to neither", "Tied to no bloc (active, but not aligned with either camp)"),
)


def swing_groups(swing_states: Iterable[Mapping[str, Any]]) -> list[tuple[str, list[Mapping[str, Any]]]]:
    """(heading, states) in the order above; reasons not listed come last
    under their own words."""
    known = dict(SWING_GROUPS)
    grouped: dict[str, list[Mapping[str, Any]]] = {}
    for state in swing_states:
        grouped.setdefault(str(state.get("reason") or "other"), []).append(state)
    order = [r for r, _ in SWING_GROUPS if r in grouped] + [r for r in grouped if r not in known]
    return [(known.get(reason, reason[:1].upper() + reason[1:]), grouped[reason])
            for reason in order]
