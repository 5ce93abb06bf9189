"""Candidate lookup over a file source held in memory: exact folded names, then fuzzy ones."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from functools import lru_cache
from math import ceil, floor

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
        # choices sorted by length: a ratio of at least c needs lengths within a factor
        # (1 + (1 - c)) / (1 - (1 - c)) of each other, so only a slice is compared
        self.choices = sorted(self.by_name, key=lambda n: (len(n), n))
        self.lengths = [len(n) for n in self.choices]
        self._fuzzy = lru_cache(maxsize=100_000)(self._fuzzy_uncached)

    def _fuzzy_uncached(self, form: str, cutoff: float, limit: int) -> tuple[str, ...]:
        slack = 1 - cutoff / 100
        low = ceil(len(form) * (1 - slack) / (1 + slack) - 1e-9)
        high = floor(len(form) * (1 + slack) / (1 - slack) + 1e-9) if slack < 1 else 10**6
        window = self.choices[bisect_left(self.lengths, low):bisect_right(self.lengths, high)]
        return tuple(choice for choice, _, _ in process.extract(
            form, window, scorer=fuzz.ratio, score_cutoff=cutoff, limit=limit))

    def lookup(self, query: Query, *, cutoff: float = 80, limit: int = 5) -> list[Entity]:
        """Entities whose names equal a variant of the query's, then the closest others."""
        found: list[int] = []
        forms = variants(query.all_names, former=True)
        for form in sorted(forms):
            found.extend(self.by_name.get(form, ()))
        for form in sorted(forms):
            for choice in self._fuzzy(form, cutoff, limit):
                found.extend(self.by_name[choice])
        seen: dict[int, None] = dict.fromkeys(found)
        return [self.entities[n] for n in seen]

    def get(self, entity_id: str) -> Entity | None:
        return self.by_id.get(entity_id)

