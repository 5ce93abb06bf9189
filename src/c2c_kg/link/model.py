"""What the linker compares: a query (one of our resources) and an entity (a source's record)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Candidate", "Entity", "Query"]


@dataclass(frozen=True)
class Entity:
    """One thing in an external source, with what the linker can compare."""

    id: str
    name: str
    names: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    successors: tuple[str, ...] = ()
    twins: tuple[str, ...] = ()
    extra: dict[str, str] = field(default_factory=dict, hash=False, compare=False)

    @property
    def all_names(self) -> tuple[str, ...]:
        return (self.name, *self.names)

    def valid_in(self, year: int) -> bool:
        """Did it exist at some time in ``year``?"""
        return not ((self.end and self.end < dt.date(year, 1, 1))
                    or (self.start and self.start > dt.date(year, 12, 31)))


@dataclass(frozen=True)
class Query:
    """One of our resources (or a row of a list) to be reconciled.

    ``name`` and ``names`` (labels in other languages) are the resource's own names; ``alt``
    (alternative labels) may name a related place too (Izmit for Kocaeli, Sylhet for Sylhet City
    Corporation), so a match through them alone counts a little less.
    """

    id: str
    name: str
    names: tuple[str, ...] = ()
    kind: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    year: int | None = None
    partners: tuple[str, ...] = ()
    alt: tuple[str, ...] = ()

    @property
    def all_names(self) -> tuple[str, ...]:
        return (self.name, *self.names, *self.alt)


@dataclass
class Candidate:
    """A proposed match, in the W3C Reconciliation API's candidate shape."""

    id: str
    name: str
    type: list[dict[str, str]]
    score: float
    features: list[dict[str, Any]]
    match: bool
    entity: Entity | None = field(default=None, repr=False)

    def feature(self, name: str) -> Any:
        return next((f["value"] for f in self.features if f["id"] == name), None)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "type": self.type, "score": self.score,
                "features": self.features, "match": self.match}
