"""The coverage figures per source: rows read, placed or explained, places, partnerships found in
other sources, year conflicts and one-way links."""

from __future__ import annotations

from collections import defaultdict

from .reconcile import World

__all__ = ["FIGURES", "coverage"]

#: Figure names (c2c: properties on each source's graph IRI) in report order.
FIGURES = ("rowsRead", "rowsPlaced", "rowsAmbiguous", "rowsSelfPair", "rowsIncomplete",
           "placesResolved", "partnerships", "partnershipsMatched", "yearConflicts",
           "oneWayPairs")


def coverage(world: World) -> dict[str, dict[str, int]]:
    """Per source, the figures of :data:`FIGURES`."""
    by_source: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(FIGURES, 0))
    places: dict[str, set[str]] = defaultdict(set)
    pairs: dict[str, set[str]] = defaultdict(set)
    directed: dict[str, set[tuple[str, str]]] = defaultdict(set)
    stated: dict[str, set[str]] = defaultdict(set)
    years: dict[str, set[int]] = defaultdict(set)
    dated: dict[str, set[str]] = defaultdict(set)
    status_figure = {"placed": "rowsPlaced", "ambiguous": "rowsAmbiguous",
                     "self-pair": "rowsSelfPair", "incomplete": "rowsIncomplete"}
    for row, outcome in zip(world.rows, world.outcomes, strict=True):
        figures = by_source[row.source]
        figures["rowsRead"] += 1
        figures[status_figure[outcome.status]] += 1
        places[row.source].update(p for p in (outcome.first, outcome.second) if p)
        if outcome.partnership:
            pairs[row.source].add(outcome.partnership)
            directed[row.source].add((outcome.first, outcome.second))
            stated[outcome.partnership].add(row.source)
            if row.startYear is not None:
                years[outcome.partnership].add(row.startYear)
                dated[row.source].add(outcome.partnership)
    for source, figures in by_source.items():
        figures["placesResolved"] = len(places[source])
        figures["partnerships"] = len(pairs[source])
        figures["partnershipsMatched"] = sum(1 for p in pairs[source] if len(stated[p]) > 1)
        figures["yearConflicts"] = sum(1 for p in dated[source] if len(years[p]) > 1)
        figures["oneWayPairs"] = sum(1 for a, b in directed[source]
                                     if (b, a) not in directed[source])
    return dict(by_source)
