"""Loading a build into the embedded store: assemble and validate the graphs, then write.

Only a conforming build is written: first the store (the named graphs swapped in as one step),
then the export files, then the refreshed evidence offsets. A failing build writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..graph.build import Progress, assemble, validate_build
from ..graph.evidence import read_offsets, write_offsets
from ..project import Project
from ..rdfio import EXPORT_FORMATS, to_ntriples
from ..terms import GRAPHS

__all__ = ["BuildResult", "build"]


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


def build(project: Project, store_path: Path, sources: list[Path] | None = None, *,
          reason: bool = True, out_dir: Path | None = None,
          progress: Progress = _quiet) -> BuildResult:
    """Assemble, validate, and only then write the store, the export files and the offsets."""
    from .embedded import graph_sizes, open_store, replace_graphs
    from .export import export_store

    built = assemble(project, sources, reason=reason, progress=progress)
    progress("validating with SHACL")
    validate_build(project, built)

    progress("writing the store")
    payload = {GRAPHS[name]: to_ntriples(graph) for name, graph in built.graphs.items()}
    store = open_store(store_path, create=True)
    replace_graphs(store, payload, drop=GRAPHS.values())
    sizes = graph_sizes(store)

    progress("writing the export files")
    out_dir = out_dir or project.out
    exports = [
        export_store(store, fmt, out_dir / f"c2c-kg{EXPORT_FORMATS[fmt][1]}",
                     graphs=list(GRAPHS.values()))
        for fmt in ("trig", "nquads")
    ]
    del store

    offsets_file = project.data / "evidence.tsv"
    updated = False
    if built.sources_checked and read_offsets(offsets_file) != built.offsets:
        write_offsets(offsets_file, built.offsets)
        updated = True
    return BuildResult(
        store_path, sizes, exports, len(built.records), built.evidence_count, updated
    )
