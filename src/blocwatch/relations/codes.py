"""Event codes: CAMEO event names and codes, their PLOVER event, quad class,
and the cooperation weight each event carries in the dyad scores.

The weights are documented in docs/methods.md.  They are the midpoints of the
Goldstein (1992) scale per CAMEO root where the CAMEO root is known, and a
PLOVER-root equivalent otherwise (events coded from text carry a PLOVER root
and the CAMEO root it corresponds to).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

# Goldstein-like weight per CAMEO root, in [-10, 10].  01 (statements) is 0:
# saying something about another state is activity, not cooperation.
CAMEO_ROOT_WEIGHT: dict[str, float] = {
    "01": 0.0, "02": 3.0, "03": 4.0, "04": 1.0, "05": 3.5, "06": 6.0, "07": 7.0,
    "08": 5.0, "09": -2.0, "10": -5.0, "11": -2.0, "12": -4.0, "13": -6.0,
    "14": -6.5, "15": -7.2, "16": -4.0, "17": -7.0, "18": -9.0, "19": -10.0, "20": -10.0,
}

# The same scale read per PLOVER root, for events without a CAMEO root.
PLOVER_WEIGHT: dict[str, float] = {
    "STATEMENT": 0.0, "AGREE": 4.0, "CONSULT": 1.0, "SUPPORT": 3.5, "CONCEDE": 5.0,
    "COOPERATE": 6.0, "AID": 7.0, "RETREAT": 5.0, "REQUEST": -1.0, "ACCUSE": -2.0,
    "REJECT": -4.0, "THREATEN": -6.0, "PROTEST": -6.5, "SANCTION": -4.0,
    "MOBILIZE": -7.2, "COERCE": -7.0, "ASSAULT": -9.5,
}

PLOVER_QUAD: dict[str, int] = {
    "STATEMENT": 1, "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
    "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}
PLOVER_ROOTS: tuple[str, ...] = tuple(PLOVER_WEIGHT)

# Contexts that make an event part of security relations.
SECURITY_CONTEXTS: frozenset[str] = frozenset(
    {"military", "intelligence", "peacekeeping", "cbrn", "security", "terrorism"}
)
# Cooperation of this kind between two states' militaries or on security
# matters is what allies do and rivals rarely do.
SECURITY_COOPERATION_ROOTS: frozenset[str] = frozenset({"AGREE", "COOPERATE", "AID", "SUPPORT"})


def cameo_quad(code: str) -> int:
    """CAMEO quad class of a CAMEO code: 01-05 verbal cooperation, 06-08
    material cooperation, 09-13 verbal conflict, 14-20 material conflict."""
    root = int(code[:2])
    if root <= 5:
        return 1
    if root <= 8:
        return 2
    if root <= 13:
        return 3
    return 4


@dataclass(frozen=True)
class CameoCode:
    code: str
    name: str
    plover: str
    mode: str
    context: tuple[str, ...]

    @property
    def root(self) -> str:
        return self.code[:2]

    @property
    def quad(self) -> int:
        return cameo_quad(self.code)


@dataclass(frozen=True)
class CameoTable:
    by_code: dict[str, CameoCode]
    by_name: dict[str, CameoCode]

    def lookup(self, code: str) -> CameoCode | None:
        """A CAMEO code, or the nearest less specific code that is known."""
        code = code.strip()
        for candidate in (code, code[:3], code[:2] + "0"):
            if candidate in self.by_code:
                return self.by_code[candidate]
        return None

    def named(self, name: str) -> CameoCode | None:
        return self.by_name.get(name.strip().lower())


@lru_cache(maxsize=1)
def cameo_table() -> CameoTable:
    path = resources.files("blocwatch") / "data" / "cameo_event_names.csv"
    by_code: dict[str, CameoCode] = {}
    by_name: dict[str, CameoCode] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(line for line in handle if not line.startswith("#")):
            context = tuple(c for c in row["context"].split(";") if c)
            item = CameoCode(row["code"], row["name"], row["plover"], row["mode"], context)
            by_code[item.code] = item
            for name in [row["name"], *row["aliases"].split("|")]:
                if name:
                    by_name.setdefault(name.strip().lower(), item)
    return CameoTable(by_code, by_name)


def event_weight(cameo: str | None, plover: str | None) -> float:
    """Cooperation weight of one event (before its confidence)."""
    if cameo and cameo[:2] in CAMEO_ROOT_WEIGHT:
        return CAMEO_ROOT_WEIGHT[cameo[:2]]
    return PLOVER_WEIGHT.get(plover or "", 0.0)
