"""Export the store's graphs to a file, deterministically (see :mod:`c2c_kg.rdfio`)."""

from __future__ import annotations

import io
from pathlib import Path

from ..errors import UsageError
from ..rdfio import EXPORT_FORMATS, atomic_write, serialize_dataset
from ..terms import GRAPHS
from .embedded import visible_graphs

__all__ = ["export_store", "graph_iri"]


def graph_iri(name: str) -> str:
    """A named graph from its short name (``data``) or full IRI."""
    if name in GRAPHS:
        return GRAPHS[name]
    if name.startswith(("http://", "https://", "urn:")):
        return name
    raise UsageError(f"Unknown graph {name!r}; use one of {', '.join(GRAPHS)} or a full IRI.")


def export_store(store, fmt: str, output: Path, graphs: list[str] | None = None) -> Path:
    """Write ``graphs`` (default: every named graph but a build's staging graphs) to ``output``."""
    import pyoxigraph as ox

    if fmt not in EXPORT_FORMATS:
        raise UsageError(f"Unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}.")
    present = {g.value for g in visible_graphs(store)}
    names = sorted(present) if graphs is None else [g for g in graphs if g in present]
    if graphs is not None and len(graphs) == 1 and not names:
        raise UsageError(f"The store has no graph {graphs[0]}.")
    buffer = io.BytesIO()
    for name in names:
        chunk = io.BytesIO()
        store.dump(chunk, format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(name))
        for line in chunk.getvalue().splitlines():
            if line.strip():
                buffer.write(line.removesuffix(b" .") + f" <{name}> .\n".encode())
    atomic_write(output, serialize_dataset(buffer.getvalue(), fmt))
    return output
