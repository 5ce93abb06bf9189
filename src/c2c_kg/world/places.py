"""Places named by the rows: one resource per place, never merged by guess.

A row names a place by Wikidata item (the P190 crawl, our linked chapter records) or by name and
country. Names are folded by the linker (:func:`c2c_kg.link.names.fold`, with its table of
variants), countries turned into ISO codes (:mod:`.countries`). One name in one country is one
place unless the rows give coordinates more than :data:`SPLIT_KM` apart: then each group of
coordinates is a place of its own, and rows without coordinates are *ambiguous* (reported with
the candidates, not placed). A named place takes a Wikidata item of the same folded name when
that item is the only one of the name and no other named place claims it, or when exactly one
candidate item is twinned with one of the place's partners (the linker's ``twinned`` feature);
otherwise it stays a named place and the choice is reported as ambiguous.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..link.names import VARIANTS, fold
from .countries import country_code

__all__ = ["SPLIT_KM", "Ambiguity", "Place", "distance_km", "name_key"]

SPLIT_KM = 100.0
_CANONICAL = {name: min(group) for group in VARIANTS for name in group}


def name_key(name: str) -> str:
    """The folded form of a place name, variants (Den Haag, 's-Gravenhage) made one."""
    folded = fold(name)
    return _CANONICAL.get(folded, folded)


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


@dataclass
class Place:
    """One reconciled place: ``id`` is its path under ``id/world/place/``."""

    id: str
    label: str
    country: str = ""
    qid: str = ""
    method: str = ""
    point: tuple[float, float] | None = None
    population: int | None = None
    names: Counter = field(default_factory=Counter)


@dataclass
class Ambiguity:
    """A name that could be several places: the candidates and why none was chosen."""

    id: str
    label: str
    country: str
    reason: str
    candidates: list[str]
    mentions: list[tuple[str, int]] = field(default_factory=list)


def slug(text: str) -> str:
    return fold(text).replace(" ", "-") or "x"


def country_of(text: str) -> str:
    return country_code(text) if text else ""


def cluster(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Centres of groups of points: a point joins the first centre within SPLIT_KM."""
    centres: list[tuple[float, float]] = []
    for point in points:
        if not any(distance_km(point, c) <= SPLIT_KM for c in centres):
            centres.append(point)
    return centres


def nearest(point: tuple[float, float], centres: list[tuple[float, float]]) -> int:
    return min(range(len(centres)), key=lambda i: distance_km(point, centres[i]))


def group_by_name(keys: dict[tuple[str, str], list[tuple[float, float]]]
                  ) -> dict[str, list[tuple[str, str]]]:
    """Named places (keys) by folded name, to find those that compete for one item."""
    by_name: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key in keys:
        by_name[key[0]].append(key)
    return by_name
