"""The embedded store: a persistent pyoxigraph store holding one named graph per build stage.

A rebuild loads the new graphs into staging graphs and then swaps them in with one SPARQL Update,
which Oxigraph runs as one transaction: a reader sees the old graphs or the new ones, never half.
Named graphs that a build does not manage (contributions, say) are left alone.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from pathlib import Path

from ..errors import InputError, UsageError
from ..terms import GRAPH_BASE

__all__ = ["graph_sizes", "open_store", "replace_graphs", "require_store", "visible_graphs"]

STAGING = GRAPH_BASE + "staging/"


def open_store(path: Path, *, create: bool = False, read_only: bool = False):
    """Open the store at ``path``; unless ``create``, a missing store is a :class:`UsageError`.

    ``read_only`` opens it without taking its lock, as it was when opened, so that any number of
    readers can work while another process (a build) writes.
    """
    import pyoxigraph as ox

    if not create:
        require_store(path)
    if read_only:
        try:
            return ox.Store.read_only(str(path))
        except OSError as exc:
            raise InputError(f"The store at {path} cannot be read: {exc}.") from exc
    path.mkdir(parents=True, exist_ok=True)
    try:
        return ox.Store(str(path))
    except OSError as exc:
        raise InputError(
            f"The store at {path} cannot be opened: {exc}. Another c2c-kg process may hold it; "
            f"wait for it to finish and try again."
        ) from exc


def require_store(path: Path) -> None:
    """A :class:`UsageError` unless ``path`` holds a store (a folder that a build wrote)."""
    if not (path.is_dir() and any(path.iterdir())):
        raise UsageError(
            f"There is no c2c-kg store at {path}. Run 'c2c-kg build' first, or point --store "
            f"(or C2C_KG_STORE) at the folder a build wrote."
        )


def replace_graphs(store, graphs: Mapping[str, bytes], *, drop: Iterable[str] = ()) -> None:
    """Replace each named graph ``iri -> N-Triples bytes`` and drop ``drop``, as one step."""
    import pyoxigraph as ox

    for leftover in store.named_graphs():
        if isinstance(leftover, ox.NamedNode) and leftover.value.startswith(STAGING):
            store.remove_graph(leftover)
    run = uuid.uuid4().hex
    staged: dict[str, str] = {}
    for iri, ntriples in graphs.items():
        staging = f"{STAGING}{run}/{len(staged)}"
        store.load(ntriples, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(staging))
        staged[iri] = staging
    steps = [f"DROP SILENT GRAPH <{iri}>" for iri in drop if iri not in graphs]
    for iri, staging in staged.items():
        steps += [
            f"DROP SILENT GRAPH <{iri}>",
            f"ADD SILENT GRAPH <{staging}> TO GRAPH <{iri}>",
            f"DROP SILENT GRAPH <{staging}>",
        ]
    store.update(" ;\n".join(steps))
    store.flush()


def visible_graphs(store) -> list:
    """The named graphs a reader should see: all but the staging graphs of a build.

    A build that is still running, or that was killed before its swap, leaves staging graphs
    behind; queries, exports and publishes leave them out.
    """
    import pyoxigraph as ox

    return sorted((g for g in store.named_graphs()
                   if isinstance(g, ox.NamedNode) and not g.value.startswith(STAGING)),
                  key=lambda g: g.value)


def graph_sizes(store) -> dict[str, int]:
    """Triples per named graph (and the default graph, if it holds any)."""
    query = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    sizes = {row["g"].value: int(row["n"].value) for row in store.query(query)}
    default = int(next(iter(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))["n"].value)
    if default:
        sizes["(default graph)"] = default
    return dict(sorted(sizes.items()))
