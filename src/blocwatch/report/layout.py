"""Where each state sits on the alliance map, computed once in Python.

A force-directed layout run in the browser starts from random positions, so
the same report drew a different picture each time it was opened, and two
readers could not point at "the state top left".  Here the picture is a
function of the report and a seed: each bloc is a circle of its own, the
blocs spread side by side, swing states sit between the blocs they lean to,
states in no bloc form an outer ring, and a fixed number of separation passes keeps labels apart.
The browser draws these positions as they are (Cytoscape's ``preset``).

    from blocwatch.report.layout import map_positions
    positions = map_positions(blocs={"USA": 1, "RUS": 2}, swing={"IND": {1: .6, 2: .4}},
                              others=["BRA"], seed=13)
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Mapping

# Distances in Cytoscape model units (pixels at zoom 1); the view is fitted
# to the drawing, so only their ratios matter.
MIN_GAP = 70.0  # closest two node centres may be: a node and its label
BLOC_GAP = 160.0  # between the circles of two blocs, room for swing states
OUTER_MARGIN = 130.0  # from the blocs to the ring of states in no bloc
SEPARATION_PASSES = 60


def _circle_radius(count: int) -> float:
    if count <= 1:
        return 0.0
    return max(MIN_GAP * count / (2 * math.pi), MIN_GAP / 1.5)


def _bloc_centres(radii: dict[int, float]) -> dict[int, tuple[float, float]]:
    """Bloc circles spread on a ring, the first on the left: two blocs sit
    side by side, which suits a page wider than tall."""
    ids = sorted(radii)
    if len(ids) <= 1:
        return {b: (0.0, 0.0) for b in ids}
    largest = max(radii.values())
    # neighbours on the ring must not touch: chord >= two radii and a gap
    step = 2 * math.pi / len(ids)
    ring = (2 * largest + BLOC_GAP) / (2 * math.sin(step / 2))
    return {b: (ring * math.cos(math.pi + i * step), ring * math.sin(math.pi + i * step))
            for i, b in enumerate(ids)}


def _rim(centre: tuple[float, float], radius: float) -> tuple[float, float]:
    cx, cy = centre
    norm = math.hypot(cx, cy)
    # a lone bloc sits in the middle: its swing states go above it
    ux, uy = (-cx / norm, -cy / norm) if norm > 1e-6 else (0.0, -1.0)
    reach = radius + MIN_GAP * 1.5
    return cx + ux * reach, cy + uy * reach


def _separate(positions: dict[str, tuple[float, float]], rng: random.Random
              ) -> dict[str, tuple[float, float]]:
    """Push apart nodes closer than MIN_GAP, a fixed number of passes in a
    fixed order: deterministic for a given seed."""
    names = sorted(positions)
    xy = {n: list(positions[n]) for n in names}
    for _ in range(SEPARATION_PASSES):
        moved = False
        for i, a in enumerate(names):
            for b in names[i + 1:]:
                dx, dy = xy[b][0] - xy[a][0], xy[b][1] - xy[a][1]
                dist = math.hypot(dx, dy)
                if dist >= MIN_GAP:
                    continue
                if dist < 1e-6:  # on top of each other: a seeded direction
                    angle = rng.uniform(0, 2 * math.pi)
                    dx, dy, dist = math.cos(angle), math.sin(angle), 1.0
                push = (MIN_GAP - dist) / 2 / dist
                xy[a][0] -= dx * push
                xy[a][1] -= dy * push
                xy[b][0] += dx * push
                xy[b][1] += dy * push
                moved = True
        if not moved:
            break
    return {n: (xy[n][0], xy[n][1]) for n in names}


def map_positions(
    *,
    blocs: Mapping[str, int],
    swing: Mapping[str, Mapping[int, float]],
    others: Iterable[str],
    seed: int,
    order: Mapping[str, float] | None = None,
) -> dict[str, dict[str, float]]:
    """``{state: {"x": .., "y": ..}}`` for every state given.

    ``blocs`` maps a member to its bloc id; ``swing`` a swing state to its
    attachment to each bloc; ``others`` are states in no bloc.  ``order``
    (optional, higher first) puts a bloc's core members in the middle of its
    arc, where the lines to them are shortest.  The same arguments give the
    same positions, to the last digit.
    """
    rng = random.Random(seed)
    order = order or {}
    members_of: dict[int, list[str]] = {}
    for state, b in blocs.items():
        members_of.setdefault(b, []).append(state)
    radii = {b: _circle_radius(len(m)) for b, m in members_of.items()}
    centres = _bloc_centres(radii)
    positions: dict[str, tuple[float, float]] = {}
    for b, members in sorted(members_of.items()):
        cx, cy = centres[b]
        ranked = sorted(members, key=lambda m: (-order.get(m, 0.0), m))
        # the best attached face the middle of the map, where the other blocs are
        facing = math.atan2(-cy, -cx) if (cx, cy) != (0.0, 0.0) else -math.pi / 2
        arranged = ranked[1::2][::-1] + ranked[0::2]  # core in the middle of the order
        count = len(arranged)
        for i, state in enumerate(arranged):
            angle = facing - math.pi + 2 * math.pi * (i + 0.5) / count
            positions[state] = (cx + radii[b] * math.cos(angle), cy + radii[b] * math.sin(angle))
    for state in sorted(swing):
        ties = {b: w for b, w in swing[state].items() if b in centres}
        if not ties:
            continue
        total = sum(ties.values()) or 1.0
        # between the blocs it leans to, nearer the one it leans to more, and
        # outside their circles: from each bloc, the point just past the rim
        # on the side facing the middle of the map
        rims = {b: _rim(centres[b], radii[b]) for b in ties}
        positions[state] = (sum(w * rims[b][0] for b, w in ties.items()) / total,
                            sum(w * rims[b][1] for b, w in ties.items()) / total)
    rest = sorted({*others, *(s for s in swing if s not in positions)} - set(positions))
    if rest:
        largest = max(radii.values(), default=0.0)
        rx = max((abs(x) for x, _ in centres.values()), default=0.0) + largest + OUTER_MARGIN
        ry = max((abs(y) for _, y in centres.values()), default=0.0) + largest + OUTER_MARGIN
        # a long ring must leave MIN_GAP between neighbours
        grow = max(1.0, MIN_GAP * len(rest) / (2 * math.pi * math.sqrt((rx * rx + ry * ry) / 2)))
        rx, ry = rx * grow, ry * grow
        for i, state in enumerate(rest):
            angle = -math.pi / 2 + 2 * math.pi * (i + 0.5) / len(rest)
            positions[state] = (rx * math.cos(angle), ry * math.sin(angle))
    return {s: {"x": round(x, 1), "y": round(y, 1)}
            for s, (x, y) in sorted(_separate(positions, rng).items())}
