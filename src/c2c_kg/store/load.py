"""Loading a build into the embedded store: assemble and validate the graphs, then write.

Only a conforming build is written: first the store (a new version, bulk-loaded and swapped in
as one step), then the export files, then the refreshed evidence offsets. A failing build writes
nothing. What is written differs from what was validated and reasoned over in two ways only:
blank nodes are skolemised (so exports are the same bytes from build to build), and verbatim
quotes of the sources go to their own local-only graph, :data:`c2c_kg.terms.QUOTES`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from ..errors import InputError
from ..graph.build import VALIDATED, Progress, assemble, validate_build
from ..graph.evidence import read_offsets, write_offsets
from ..project import Project
from ..rdfio import EXPORT_FORMATS, skolemised, to_ntriples
from ..terms import GRAPHS, OA, QUOTES, RDF

__all__ = ["BuildResult", "build", "split_quotes"]


@dataclass
class BuildResult:
    """What a build wrote: the store, triples per graph, export files, counts."""

    store: Path
    sizes: dict[str, int]
    exports: list[Path]
    records: int
    evidence: int
    offsets_updated: bool


def _quiet(_: str) -> None:
    return None


def split_quotes(provenance: Graph) -> tuple[Graph, Graph]:
    """(provenance without quotes, the quotes): each ``oa:TextQuoteSelector`` with its text and
    the ``oa:hasSelector`` link to it."""
    kept, quotes = Graph(), Graph()
    selectors = set(provenance.subjects(RDF.type, OA.TextQuoteSelector))
    for triple in provenance:
        subject, predicate, obj = triple
        if subject in selectors or (predicate == OA.hasSelector and obj in selectors):
            quotes.add(triple)
        else:
            kept.add(triple)
    return kept, quotes


def _check_sources(sources: list[Path]) -> None:
    for path in sources:
        if not path.is_file():
            problem = "is a folder" if path.is_dir() else "does not exist"
            raise InputError(f"The source document {path} {problem}; --source takes a text file.")


def build(project: Project, store_path: Path, sources: list[Path] | None = None, *,
          reason: bool = True, out_dir: Path | None = None,
          progress: Progress = _quiet) -> BuildResult:
    """Assemble, validate, and only then write the store, the export files and the offsets."""
    from .embedded import graph_sizes, open_store, replace_graphs
    from .export import export_store

    _check_sources(list(sources or []))
    built = assemble(project, sources, reason=reason, progress=progress)
    graphs = dict(built.graphs)
    graphs["provenance"], quotes = split_quotes(graphs["provenance"])
    ntriples = {name: to_ntriples(graph) for name, graph in graphs.items()}
    quoted = to_ntriples(quotes) if len(quotes) else b""
    progress("validating with SHACL")
    validate_build(project, built, [*(ntriples[name] for name in VALIDATED), quoted])

    progress("writing the store")
    payload = {GRAPHS[name]: skolemised(text, GRAPHS[name]) for name, text in ntriples.items()}
    if quoted:
        payload[QUOTES] = quoted
    replace_graphs(store_path, payload, drop=[*GRAPHS.values(), QUOTES])
    store = open_store(store_path)
    try:
        sizes = graph_sizes(store)
        progress("writing the export files")
        out_dir = out_dir or project.out
        exports = [
            export_store(store, fmt, out_dir / f"c2c-kg{EXPORT_FORMATS[fmt][1]}",
                         graphs=list(GRAPHS.values()), make_parents=True)
            for fmt in ("trig", "nquads")
        ]
    finally:
        store.release()

    offsets_file = project.data / "evidence.tsv"
    updated = False
    if built.sources_checked and read_offsets(offsets_file) != built.offsets:
        write_offsets(offsets_file, built.offsets)
        updated = True
    return BuildResult(
        store_path, sizes, exports, len(built.records), built.evidence_count, updated
    )
