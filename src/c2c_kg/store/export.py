"""Export the store's graphs to a file, deterministically (see :mod:`c2c_kg.rdfio`).

The quads come from the version's own N-Quads (see :mod:`.embedded`), so every literal keeps the
datatype the build wrote. The local-only quotes graph stays out unless asked for.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import UsageError
from ..rdfio import EXPORT_FORMATS, atomic_write, serialize_dataset
from ..terms import GRAPHS, QUOTES
from .embedded import quads_of, visible_graphs

__all__ = ["QUOTES_WARNING", "export_store", "graph_iri"]

QUOTES_WARNING = ("Warning: the export includes the quotes graph, verbatim text of copyrighted "
                  "sources; keep it on this machine.")


def graph_iri(name: str) -> str:
    """A named graph from its short name (``data``, ``quotes``) or full IRI."""
    if name in GRAPHS:
        return GRAPHS[name]
    if name == "quotes":
        return QUOTES
    if name.startswith(("http://", "https://", "urn:")):
        return name
    raise UsageError(f"Unknown graph {name!r}; use one of {', '.join(GRAPHS)}, quotes or a "
                     f"full IRI.")


def selected_graphs(store, graphs: list[str] | None, *, include_quotes: bool) -> list[str]:
    """The graphs an export writes: ``graphs`` (default: every visible graph) that the store
    holds, without the quotes graph unless ``include_quotes``."""
    present = {g.value for g in visible_graphs(store)}
    if graphs is not None and QUOTES in graphs and not include_quotes:
        raise UsageError(f"The graph {QUOTES} holds verbatim text of copyrighted sources; add "
                         f"--include-quotes to export it anyway.")
    names = sorted(present) if graphs is None else [g for g in graphs if g in present]
    if graphs is not None and len(graphs) == 1 and not names:
        raise UsageError(f"The store has no graph {graphs[0]}.")
    return [g for g in names if include_quotes or g != QUOTES]


def export_store(store, fmt: str, output: Path | str, graphs: list[str] | None = None, *,
                 include_quotes: bool = False, overwrite: bool = True,
                 make_parents: bool = False) -> Path | None:
    """Write ``graphs`` of a store opened by :func:`.embedded.open_store` to ``output``
    (``-``: standard output); see :func:`c2c_kg.rdfio.atomic_write` for how files are written."""
    return atomic_write(output, export_bytes(store, fmt, graphs, include_quotes=include_quotes),
                        overwrite=overwrite, make_parents=make_parents)


def export_bytes(store, fmt: str, graphs: list[str] | None = None, *,
                 include_quotes: bool = False) -> bytes:
    """``graphs`` of a store (default: every visible one but the quotes) in format ``fmt``."""
    if fmt not in EXPORT_FORMATS:
        raise UsageError(f"Unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}.")
    wanted = selected_graphs(store, graphs, include_quotes=include_quotes)
    endings = tuple(f" <{iri}> .".encode() for iri in wanted)
    lines = [line for line in quads_of(store).splitlines() if line.rstrip().endswith(endings)]
    return serialize_dataset(b"\n".join(lines), fmt)
