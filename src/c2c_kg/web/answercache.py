"""Complete answers remembered by the server, least recently used first out.

The store a server holds never changes while it runs (it is opened read-only at one version;
a build writes a new version beside it), so an answer computed once stays right: a repeated
first page, or a reloaded query page, costs a dictionary lookup instead of an evaluation. Only
complete answers are kept (not one cut by the timeout); the bound is the number of rows (and
triples) held, so that memory stays predictable.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import replace
from typing import Any

__all__ = ["AnswerCache"]


class AnswerCache:
    """At most ``max_rows`` rows of answers by key; ``max_rows=0`` remembers nothing."""

    def __init__(self, max_rows: int):
        self.max_rows = max_rows
        self.rows = 0
        self.hits = self.misses = 0
        self._answers: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def _size(outcome) -> int:
        return 1 + len(outcome.rows) + len(outcome.triples)

    def get(self, key: Hashable):
        """A copy of the remembered answer (``cached`` set), or None."""
        with self._lock:
            found = self._answers.get(key)
            if found is None:
                self.misses += 1
                return None
            self._answers.move_to_end(key)
            self.hits += 1
        return replace(found, cached=True)

    def put(self, key: Hashable, outcome) -> None:
        """Remember a complete answer; one larger than the whole bound is not kept."""
        size = self._size(outcome)
        if outcome.timed_out or size > self.max_rows:
            return
        with self._lock:
            if key in self._answers:
                return
            self._answers[key] = outcome
            self.rows += size
            while self.rows > self.max_rows:
                _, dropped = self._answers.popitem(last=False)
                self.rows -= self._size(dropped)
