"""PLOVER v1 event types, their quad classes, modes, contexts and CAMEO roots.

The mappings here are documented in ``docs/ontology.md``.  PLOVER roots map to
one CAMEO root each (the CAMEO root whose codes mostly fold onto that PLOVER
root in the 2021 CAMEO->PLOVER conversion table); a few PLOVER roots refine
the CAMEO root by context (ASSAULT with a military context is CAMEO 19, without
it 18; ACCUSE in investigate mode is CAMEO 09).
"""

from __future__ import annotations

# The 16 PLOVER v1 roots, in codebook order.
ROOTS: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE",
    "COOPERATE", "AID", "RETREAT",
    "REQUEST", "ACCUSE", "REJECT", "THREATEN",
    "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)

VERBAL_COOPERATION = 1
MATERIAL_COOPERATION = 2
VERBAL_CONFLICT = 3
MATERIAL_CONFLICT = 4

QUAD: dict[str, int] = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
    "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}

QUAD_NAMES = {
    1: "verbal cooperation", 2: "material cooperation",
    3: "verbal conflict", 4: "material conflict",
}

# PLOVER root -> CAMEO root (two digits).
PLOVER_TO_CAMEO: dict[str, str] = {
    "AGREE": "03", "CONSULT": "04", "SUPPORT": "05", "COOPERATE": "06",
    "AID": "07", "CONCEDE": "08", "RETREAT": "08", "ACCUSE": "11",
    "REQUEST": "02", "REJECT": "12", "THREATEN": "13", "PROTEST": "14",
    "MOBILIZE": "15", "SANCTION": "16", "COERCE": "17", "ASSAULT": "18",
}

# CAMEO root -> PLOVER root, the facts of the CAMEO2PLOVER 2021 table read at
# root level.  01 (public statement) and 02 (appeal) have no PLOVER event.
# 1712 is ASSAULT in the table: a sub-code exception, handled by
# CAMEO_CODE_EXCEPTIONS.  The table also sends 163 (embargo, sanctions) to
# COERCE; we follow the PLOVER codebook instead ("all reductions in existing,
# routine, or cooperative relations" are SANCTION), so 163 stays under 16.
CAMEO_TO_PLOVER: dict[str, str | None] = {
    "01": None, "02": None,
    "03": "AGREE", "04": "CONSULT", "05": "SUPPORT", "06": "COOPERATE",
    "07": "AID", "08": "CONCEDE", "09": "ACCUSE", "10": "REQUEST",
    "11": "ACCUSE", "12": "REJECT", "13": "THREATEN", "14": "PROTEST",
    "15": "MOBILIZE", "16": "SANCTION", "17": "COERCE", "18": "ASSAULT",
    "19": "ASSAULT", "20": "ASSAULT",
}

# Full CAMEO codes that the 2021 table sends elsewhere than their root does.
CAMEO_CODE_EXCEPTIONS: dict[str, str] = {
    "084": "RETREAT", "0841": "RETREAT", "0842": "RETREAT", "085": "RETREAT",
    "086": "RETREAT", "0861": "RETREAT", "0862": "RETREAT", "0863": "RETREAT",
    "087": "RETREAT", "0871": "RETREAT", "0872": "RETREAT", "0873": "RETREAT",
    "0874": "RETREAT", "0813": "RETREAT", "0814": "RETREAT",
    "1712": "ASSAULT", "175": "ASSAULT",
    "191": "COERCE", "192": "COERCE", "201": "ASSAULT",
}

# Modes per root, from the PLOVER codebook and the conversion table.
MODES: dict[str, tuple[str, ...]] = {
    "AGREE": (),
    "CONSULT": ("visit", "third-party", "multilateral", "phone"),
    "SUPPORT": (),
    "CONCEDE": (),
    "COOPERATE": (),
    "AID": (),
    "RETREAT": ("withdraw", "release", "return", "disarm", "ceasefire", "access", "resign"),
    "REQUEST": ("assist", "change", "yield", "meet"),
    "ACCUSE": ("disapprove", "investigate", "allege"),
    "REJECT": ("assist", "change", "yield", "meet"),
    "THREATEN": ("restrict", "ban", "arrest", "relations", "rights", "expel", "territory",
                 "violence"),
    "PROTEST": ("demo", "riot", "strike", "hunger", "boycott", "obstruct"),
    "SANCTION": ("convict", "expel", "withdraw", "discontinue"),
    "MOBILIZE": ("troops", "weapons", "police", "militia"),
    "COERCE": ("seize", "restrict", "ban", "censor", "curfew", "arrest", "deport", "withhold",
               "misinformation", "cyber"),
    "ASSAULT": ("abduct", "beat", "torture", "execute", "sexual", "assassinate", "destroy",
                "primitive", "firearms", "explosives", "suicide-attack", "aerial", "drone",
                "heavy-weapons", "crowd-control", "cleansing", "massacre"),
}

# Contexts (PLOVER's topical tags) this coder assigns.
CONTEXTS: tuple[str, ...] = (
    "military", "economic", "diplomatic", "energy", "nuclear", "space", "finance",
    "territory", "legal", "intelligence", "humanitarian", "trade", "technology",
    "transport", "media", "sport", "environment", "health", "cyber", "human_rights",
    "international_law", "aviation", "forestry", "political_institutions", "migration",
)


def quad_of(root: str) -> int:
    return QUAD[root]


# Request words that are demands (CAMEO 10); other requests are appeals (02).
DEMAND_WORDS = frozenset({"demand", "insist", "ultimatum"})


def cameo_of(root: str, mode: str | None = None, context: tuple[str, ...] = (),
             trigger: str | None = None) -> str:
    """The CAMEO root code for a PLOVER event.  ``trigger`` is the lemma of the
    word that carries it (a REQUEST is a demand, 10, or an appeal, 02)."""
    if root == "REQUEST":
        return "10" if trigger in DEMAND_WORDS else "02"
    if root == "ACCUSE" and mode == "investigate":
        return "09"
    if root == "ASSAULT" and ("military" in context or mode in {"aerial", "heavy-weapons",
                                                                  "firearms", "drone"}):
        return "19"
    return PLOVER_TO_CAMEO[root]


def plover_of_cameo(code: str) -> str | None:
    """PLOVER root of a CAMEO code (any depth), following the 2021 table."""
    code = code.strip()
    for n in (4, 3):
        if len(code) >= n and code[:n] in CAMEO_CODE_EXCEPTIONS:
            return CAMEO_CODE_EXCEPTIONS[code[:n]]
    return CAMEO_TO_PLOVER.get(code[:2])
