"""Candidate lookup over a file source held in memory: exact folded names, then fuzzy ones."""

from __future__ import annotations

from collections import defaultdict

from rapidfuzz import fuzz, process

from .model import Entity, Query
from .names import variants

__all__ = ["NameIndex"]


class NameIndex:
    """Entities by folded name; fuzzy search with :func:`rapidfuzz.process.extract`."""

    def __init__(self, entities: list[Entity]):
        self.entities = entities
        self.by_id = {e.id: e for e in entities}
        by_name: dict[str, list[int]] = defaultdict(list)
        for number, entity in enumerate(entities):
            for name in variants(entity.all_names):
                if number not in by_name[name]:
                    by_name[name].append(number)
        self.by_name = dict(by_name)
        self.choices = list(self.by_name)

    def lookup(self, query: Query, *, cutoff: float = 80, limit: int = 5) -> list[Entity]:
        """Entities whose names equal a variant of the query's, then the closest others."""
        found: list[int] = []
        forms = variants(query.all_names, former=True)
        for form in sorted(forms):
            found.extend(self.by_name.get(form, ()))
        for form in sorted(forms):
            for choice, _, _ in process.extract(form, self.choices, scorer=fuzz.ratio,
                                                score_cutoff=cutoff, limit=limit):
                found.extend(self.by_name[choice])
        seen: dict[int, None] = dict.fromkeys(found)
        return [self.entities[n] for n in seen]

    def get(self, entity_id: str) -> Entity | None:
        return self.by_id.get(entity_id)

