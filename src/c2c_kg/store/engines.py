"""Where queries run: the embedded pyoxigraph store, or a remote SPARQL 1.1 endpoint.

Both take a query text and typed bindings and give :class:`~c2c_kg.results.Results`. Both bind
parameters the same way: a one-row ``VALUES`` block, first in the outermost group, holding each
value as one RDF term written by the RDF library in N-Triples syntax. A value is never spliced in
as raw text, so it cannot change the query. (Oxigraph's own substitutions would need every
parameter in the projection, and a remote endpoint has no other way to receive bindings.)
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from ..errors import UsageError
from ..results import Cell, Results
from ..terms import PREFIXES
from .sparqltext import check_query, paged, syntax_message, values_injected

__all__ = ["EmbeddedEngine", "Engine", "cell_of", "select_page"]


class Engine(Protocol):
    def select(self, query: str, bindings: dict[str, object] | None = None, *,
               limit: int | None = None, offset: int = 0) -> Results:
        """The answer; with ``limit`` or ``offset`` (SELECT only) the query runs wrapped by
        :func:`~c2c_kg.store.sparqltext.paged`, so that the engine skips and cuts the rows."""
        ...


def select_page(engine: Engine, query: str, bindings: dict[str, object] | None, *, limit: int,
                offset: int = 0) -> Results:
    """At most ``limit`` rows of a SELECT after the first ``offset``. One row more is asked
    for, so that ``more`` says whether rows follow without counting them all."""
    results = engine.select(query, bindings, limit=limit + 1, offset=offset)
    results.offset = offset
    if len(results.rows) > limit:
        del results.rows[limit:]
        results.more = True
    return results


def cell_of(term) -> Cell:
    """A pyoxigraph term as a :class:`Cell`."""
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return Cell("uri", term.value)
    if isinstance(term, ox.BlankNode):
        return Cell("bnode", term.value)
    return Cell("literal", term.value, term.datatype.value, term.language)


class EmbeddedEngine:
    """Queries over the persistent store, opened read-only so that readers never wait on each
    other or on a build; the default graph is the union of the named graphs."""

    def __init__(self, store_path: Path):
        from .embedded import open_store, visible_graphs

        self.store = open_store(store_path, read_only=True)
        self.dataset: dict[str, object] = {"use_default_graph_as_union": True}
        graphs = visible_graphs(self.store)
        if len(graphs) != len(list(self.store.named_graphs())):
            # a build is writing (or died before its swap): leave its staging graphs out
            self.dataset = {"default_graph": graphs, "named_graphs": graphs}

    def select(self, query: str, bindings: dict[str, object] | None = None, *,
               limit: int | None = None, offset: int = 0) -> Results:
        if bindings:
            query = values_injected(query, values_clause(bindings))
        form = check_query(query)  # the text that runs, parameters bound
        if limit is not None or offset:
            query = paged(query, limit, offset)
        try:
            answer = self.store.query(query, prefixes=dict(PREFIXES), **self.dataset)
        except SyntaxError as exc:
            raise UsageError(syntax_message(str(exc), query)) from exc
        except (RuntimeError, OSError, ValueError) as exc:
            raise UsageError(f"The query failed in the embedded store: {exc}") from exc
        if form == "ASK":
            return Results(boolean=bool(answer))
        if form in ("CONSTRUCT", "DESCRIBE"):
            rows = [{"subject": cell_of(t.subject), "predicate": cell_of(t.predicate),
                     "object": cell_of(t.object)} for t in answer]
            return Results(["subject", "predicate", "object"], rows)
        variables = [v.value for v in answer.variables]
        rows = []
        for solution in answer:
            row = {}
            for name in variables:
                term = solution[name]
                if term is not None:
                    row[name] = cell_of(term)
            rows.append(row)
        return Results(variables, rows)


def values_clause(bindings: dict[str, object]) -> str:
    """A one-row ``VALUES`` block binding each variable to its term, in N-Triples syntax."""
    names = " ".join(f"?{name}" for name in bindings)
    terms = " ".join(str(term) for term in bindings.values())
    return f"VALUES ({names}) {{ ({terms}) }}"


def bind_remotely(query: str, bindings: dict[str, object] | None) -> str:
    """The query as sent to a remote endpoint: parameters bound with a ``VALUES`` block."""
    declared = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
    if bindings:
        query = values_injected(query, values_clause(bindings))
    check_query(declared + query)  # the text that is sent, parameters bound
    return declared + query
