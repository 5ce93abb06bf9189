"""What the web front queries: the published graphs of the store, with a timeout and a row limit.

The store is opened read-only (or copied into an in-memory store at start). Queries see the
visible named graphs (never a build's staging graphs) and never the local-only quotes graph; a
query's own ``FROM``/``FROM NAMED`` cannot reach past them, because the dataset is always given
explicitly when any graph must be hidden.

pyoxigraph has no way to cancel a query. Each query runs in a bounded pool of worker threads
(pyoxigraph releases the GIL while it evaluates); the caller stops waiting at the timeout, and the
worker stops at the next solution it reads. An operator that must see all its input before its
first solution (ORDER BY, GROUP BY) runs on in its worker until then.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice
from pathlib import Path

from ..errors import UsageError
from ..store.embedded import open_store, visible_graphs
from ..store.sparqltext import check_query
from ..terms import GRAPH, PREFIXES
from .answercache import AnswerCache

__all__ = ["QUOTES", "Dataset", "Outcome"]

#: Passages quoted from the copyrighted source: local only, shown on resource pages when present.
QUOTES = str(GRAPH["quotes"])


@dataclass
class Outcome:
    """One query's answer, cut to the row limit (``truncated``) or the timeout (``timed_out``)."""

    form: str
    variables: list[str] = field(default_factory=list)
    rows: list[list] = field(default_factory=list)  # SELECT: terms (None = unbound) per variable
    triples: list = field(default_factory=list)  # CONSTRUCT / DESCRIBE
    boolean: bool | None = None
    truncated: bool = False
    timed_out: bool = False
    seconds: float = 0.0
    cached: bool = False  # answered from the server's memory of complete answers


class Dataset:
    """The store as the web front sees it."""

    def __init__(self, store_path: Path, *, in_memory: bool = False, workers: int = 4,
                 cache_rows: int = 0):
        import pyoxigraph as ox

        disk = open_store(store_path, read_only=True)
        graphs = visible_graphs(disk)
        if in_memory:
            memory = ox.Store()
            for graph in graphs:
                memory.extend(disk.quads_for_pattern(None, None, None, graph))
            self.store = memory
        else:
            self.store = disk
        self.quotes = [g for g in graphs if g.value == QUOTES]
        self.graphs = [g for g in graphs if g.value != QUOTES]
        everything = len(list(self.store.named_graphs()))
        if everything == len(self.graphs) and not self._has_default_graph():
            self.dataset: dict[str, object] = {"use_default_graph_as_union": True}
        else:
            self.dataset = {"default_graph": self.graphs, "named_graphs": self.graphs}
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="c2c-query")
        self.cache = AnswerCache(cache_rows)

    def _has_default_graph(self) -> bool:
        import pyoxigraph as ox

        return any(True for _ in self.store.quads_for_pattern(None, None, None,
                                                              ox.DefaultGraph()))

    def close(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)

    def run(self, text: str, *, limit: int, timeout: float, offset: int = 0,
            graphs: list[str] | None = None) -> Outcome:
        """Run a query: at most ``limit`` rows after skipping ``offset``; UsageError if invalid.

        ``graphs`` (the protocol's ``default-graph-uri``) narrows the default graph to those of
        the visible graphs; unknown ones are ignored.
        """
        form = _checked(text)
        dataset = self.dataset
        if graphs:
            wanted = set(graphs)
            chosen = [g for g in self.graphs if g.value in wanted]
            if len(chosen) < len(self.graphs):
                dataset = {"default_graph": chosen, "named_graphs": self.graphs}
            # else every visible graph, as c2c-kg names the dataset for a remote server: the
            # same as the default, which is cheaper when that is the store's union (a default
            # graph listing six graphs makes each pattern a union of six lookups)
        started = time.monotonic()
        key = (text, limit, offset, tuple(g.value for g in dataset.get("default_graph", ())))
        remembered = self.cache.get(key) if self.cache.max_rows else None
        if remembered is not None:
            remembered.seconds = time.monotonic() - started
            return remembered
        cancel = threading.Event()
        deadline = started + timeout
        future = self.pool.submit(self._evaluate, text, form, dataset, limit, offset, cancel,
                                  deadline)
        try:
            outcome = future.result(timeout=timeout + 0.5)
        except FutureTimeout:
            cancel.set()
            outcome = Outcome(form, timed_out=True)
        outcome.seconds = time.monotonic() - started
        if self.cache.max_rows:
            self.cache.put(key, outcome)
        return outcome

    def _evaluate(self, text: str, form: str, dataset: dict, limit: int, offset: int,
                  cancel: threading.Event, deadline: float) -> Outcome:
        try:
            answer = self.store.query(text, prefixes=dict(PREFIXES), **dataset)
        except SyntaxError as exc:
            detail = " ".join(str(exc).split())
            raise UsageError(f"The query is not valid SPARQL: {detail}") from exc
        except (RuntimeError, OSError, ValueError) as exc:
            raise UsageError(f"The query failed: {exc}") from exc
        outcome = Outcome(form)
        if form == "ASK":
            outcome.boolean = bool(answer)
            return outcome
        if form == "SELECT":
            outcome.variables = [v.value for v in answer.variables]
        kept = outcome.rows if form == "SELECT" else outcome.triples
        try:
            for index, item in enumerate(answer):
                if cancel.is_set() or time.monotonic() > deadline:
                    outcome.timed_out = True
                    break
                if index < offset:
                    continue
                if len(kept) >= limit:
                    outcome.truncated = True
                    break
                kept.append([item[v] for v in outcome.variables] if form == "SELECT" else item)
        except (RuntimeError, OSError, ValueError) as exc:
            raise UsageError(f"The query failed: {exc}") from exc
        return outcome

    def describe(self, iri: str, *, incoming: int = 1000) -> tuple[list, list]:
        """Triples with ``iri`` as subject, and (at most ``incoming``) as object, over the
        visible graphs; an IRI that is not well formed is a :class:`UsageError`."""
        import pyoxigraph as ox

        try:
            node = ox.NamedNode(iri)
        except ValueError as exc:
            raise UsageError(f"{iri!r} is not an IRI: {exc}") from exc
        out, into = [], []
        for graph in self.graphs:
            out.extend(q.triple for q in self.store.quads_for_pattern(node, None, None, graph))
            room = incoming - len(into)
            if room > 0:
                into.extend(q.triple for q in islice(
                    self.store.quads_for_pattern(None, None, node, graph), room))
        return _unique(out), _unique(into)

    def quote_of(self, passage: str) -> list[str]:
        """The ``oa:exact`` texts the local-only quotes graph gives a passage (or its selectors)."""
        if not self.quotes:
            return []
        query = (f"SELECT DISTINCT ?text WHERE {{ GRAPH <{QUOTES}> {{ "
                 f"{{ <{passage}> oa:exact ?text }} UNION "
                 f"{{ <{passage}> oa:hasSelector ?s . ?s oa:exact ?text }} }} }}")
        return [row["text"].value for row in self.store.query(query, prefixes=dict(PREFIXES))]


@lru_cache(maxsize=1024)
def _checked(text: str) -> str:
    """:func:`check_query`, remembered per text (stored queries and reloaded pages repeat);
    a refused text raises every time, as exceptions are not cached."""
    return check_query(text)


def _unique(triples: list) -> list:
    seen, out = set(), []
    for triple in triples:
        key = str(triple)
        if key not in seen:
            seen.add(key)
            out.append(triple)
    return out
