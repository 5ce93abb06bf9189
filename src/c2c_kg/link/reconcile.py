"""Scoring candidates: name similarity, country, kind, distance, validity on the date, twins.

The score (0–100) is 95 × the best name similarity, plus 5 when the candidate is already twinned
with one of our resource's partners, less penalties for evidence against the match (another
country, another kind of thing, far away, not existing in the partnership's year, an
identifier the source gives to several places). A candidate
is a ``match`` when it is the only one to reach the threshold, exists on the date and leads the
next by a margin (so the twin bonus alone never breaks a tie between two items of the same name,
such as a city and its municipality): a wrong link is worse than none.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from math import asin, cos, radians, sin, sqrt
from typing import Protocol

from .model import Candidate, Entity, Query
from .names import fold, similarity, variants

__all__ = ["DEFAULT_THRESHOLD", "MARGIN", "Source", "kind_feature", "reconcile", "score"]

DEFAULT_THRESHOLD = 90.0
MARGIN = 5.0
#: A match through an alternative label alone stays just under the default threshold.
ALT_WEIGHT = 0.94
#: What a query of a kind accepts, and which other kinds speak against it.
_OTHER_KINDS = {"municipality": {"settlement", "country", "organisation"},
                "country": {"municipality", "settlement", "organisation"},
                "organisation": {"municipality", "settlement", "country"}}


class Source(Protocol):
    """Anything that proposes entities for a query."""

    label: str
    path: object
    citation: str
    date: str | None

    def lookup(self, query: Query) -> list[Entity]: ...


def kind_feature(kind: str | None, kinds: Iterable[str]) -> bool | None:
    """True if the entity is of the query's kind, False if only of other kinds, else unknown."""
    kinds = set(kinds)
    if not kind or not kinds & ({kind} | _OTHER_KINDS.get(kind, set())):
        return None
    return kind in kinds


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(radians, (*a, *b))
    h = sin((lat2 - lat1) / 2) ** 2 + cos(lat1) * cos(lat2) * sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371 * asin(sqrt(h))


def score(query: Query, entity: Entity) -> Candidate:
    """One candidate with its features and score (``match`` is decided by :func:`reconcile`)."""
    theirs = variants(entity.all_names)
    name = max(similarity(variants((query.name, *query.names)), theirs),
               ALT_WEIGHT * similarity(variants(query.alt), theirs) if query.alt else 0.0)
    country = (query.country == entity.country) if query.country and entity.country else None
    kind = kind_feature(query.kind, entity.kinds)
    distance = (round(_km((query.lat, query.lon), (entity.lat, entity.lon)), 1)
                if None not in (query.lat, query.lon, entity.lat, entity.lon) else None)
    valid = entity.valid_in(query.year) if query.year else None
    ended_before = bool(query.year and entity.end and entity.end < dt.date(query.year, 1, 1))
    twinned = None
    if query.partners and entity.twins:
        twinned = bool(variants(query.partners) & {fold(t) for t in entity.twins})
    value = 95 * name + (5 if twinned else 0)
    value -= 50 if country is False else 0
    value -= 30 if kind is False else 0
    value -= 40 if distance is not None and distance > 100 else 15 if (distance or 0) > 25 else 0
    value -= 40 if valid is False else 0
    value -= 50 if entity.extra.get("conflict") else 0
    features = [{"id": "name", "value": round(name, 3)}, {"id": "country", "value": country},
                {"id": "kind", "value": kind}, {"id": "distance_km", "value": distance},
                {"id": "valid_on_date", "value": valid}, {"id": "twinned", "value": twinned}]
    if ended_before:
        features.append({"id": "ended_before_partnership", "value": entity.end.isoformat()})
    if entity.extra.get("conflict"):
        features.append({"id": "source_conflict", "value": entity.extra["conflict"]})
    if entity.successors:
        features.append({"id": "successors", "value": list(entity.successors)})
    types = [{"id": k, "name": k} for k in entity.kinds]
    return Candidate(entity.id, entity.name, types, round(max(value, 0.0), 1), features, False,
                     entity)


def reconcile(query: Query, source: Source, *, threshold: float = DEFAULT_THRESHOLD,
              limit: int = 5) -> list[Candidate]:
    """The best candidates for ``query``, best first; the first is a match if it is clear."""
    candidates = sorted((score(query, e) for e in source.lookup(query)),
                        key=lambda c: (-c.score, c.id))[:limit]
    if candidates:
        top = candidates[0]
        runner = candidates[1].score if len(candidates) > 1 else 0.0
        top.match = (top.score >= threshold and runner < threshold
                     and top.score - runner >= MARGIN
                     and top.feature("valid_on_date") is not False)
    return candidates
