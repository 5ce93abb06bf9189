"""The build: ontology, vocabularies and curated records to validated named graphs in the store.

Steps, each a pure function of the files read: schema, vocabularies, data (records through the
JSON-LD context), provenance (evidence to passages), links (``owl:sameAs``/``skos:*Match`` split
out of the records), inferences (what the reasoner derives). The union is validated with SHACL;
only a conforming build is written, first to the store (one transaction) and then to the export
files. A failing build writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef

from .errors import DataError, InputError
from .evidence import (
    OffsetTable,
    collect_evidence,
    provenance_graph,
    read_offsets,
    read_source,
    resolve_all,
    sha256_of,
    write_offsets,
)
from .namespaces import GRAPHS, ID, OWL, SKOS, SOURCE
from .project import Project
from .rdfio import parse_file, to_ntriples
from .records import Record, load_context, load_records, records_to_graph

__all__ = ["BuildResult", "Graphs", "assemble", "build"]

LINK_PREDICATES = {OWL.sameAs, SKOS.exactMatch, SKOS.closeMatch}
Progress = Callable[[str], None]


@dataclass
class Graphs:
    """The graphs of one build, by short name (see :data:`c2c_kg.namespaces.GRAPHS`)."""

    graphs: dict[str, Graph]
    offsets: OffsetTable
    records: list[Record]
    evidence_count: int = 0
    sources_checked: list[str] = field(default_factory=list)

    def union(self, *names: str) -> Graph:
        merged = Graph()
        for name in names or tuple(self.graphs):
            for triple in self.graphs.get(name, Graph()):
                merged.add(triple)
        return merged


@dataclass
class BuildResult:
    store: Path
    sizes: dict[str, int]
    exports: list[Path]
    records: int
    evidence: int
    offsets_updated: bool


def _quiet(_: str) -> None:
    return None


def read_schema(project: Project) -> Graph:
    """The ontology files directly in ``ontology/`` (Turtle)."""
    schema = Graph()
    files = sorted(project.ontology.glob("*.ttl"))
    if not files:
        raise InputError(f"{project.ontology} holds no ontology (*.ttl) file.")
    for path in files:
        parse_file(path, schema)
    return schema


def read_vocabularies(project: Project) -> Graph:
    vocabularies = Graph()
    for path in sorted(project.vocabularies.glob("*.ttl")):
        parse_file(path, vocabularies)
    return vocabularies


def record_files(project: Project) -> list[Path]:
    return sorted((project.data / "records").rglob("*.yaml"))


def _known_sources(records: list[Record]) -> dict[str, str]:
    """sha256 -> source id, for the source documents described in the records."""
    found = {}
    for record in records:
        if record.id.startswith("src:") and "sha256" in record.body:
            found[str(record.body["sha256"]).lower()] = record.id.removeprefix("src:")
    return found


def assemble(project: Project, sources: list[Path] | None = None, *, reason: bool = True,
             progress: Progress = _quiet) -> Graphs:
    """Read everything and produce the build's graphs, checking evidence; writes nothing."""
    progress("reading the ontology and vocabularies")
    schema = read_schema(project)
    vocabularies = read_vocabularies(project)

    progress("mapping the curated records")
    context = load_context(project.data / "context.jsonld")
    records = load_records(record_files(project), context)
    mapped = records_to_graph(records, context)
    data, links, documents = Graph(), Graph(), Graph()
    for triple in mapped:
        subject, predicate, _ = triple
        if predicate in LINK_PREDICATES:
            links.add(triple)
        elif str(subject).startswith(str(SOURCE)):
            documents.add(triple)
        else:
            data.add(triple)

    progress("resolving evidence")
    known = _known_sources(records)
    default = next(iter(known.values())) if len(known) == 1 else None
    evidence = collect_evidence(records, default)
    offsets = read_offsets(project.data / "evidence.tsv")
    texts: dict[str, str] = {}
    for path in sources or []:
        digest = sha256_of(path)
        if digest not in known:
            raise InputError(
                f"{path} is not a source document this project knows: its sha256 {digest} is "
                f"not given by any src: record in data/records/. Describe it there first."
            )
        source_id = known[digest]
        texts[source_id] = read_source(path)
        fresh = resolve_all(texts[source_id], source_id, evidence)
        offsets = {k: v for k, v in offsets.items() if k[0] != source_id} | fresh
    wanted = {(e.source, e.key) for e in evidence}
    offsets = {k: v for k, v in offsets.items() if k in wanted}
    record_iris = {r.id: _iri(r.id, context) for r in records}
    provenance = provenance_graph(evidence, offsets, record_iris, texts)
    for triple in documents:
        provenance.add(triple)

    graphs = {"schema": schema, "vocabularies": vocabularies, "data": data,
              "provenance": provenance, "links": links}
    if reason:
        from .reasoning import materialise

        progress("reasoning (materialising inferences)")
        graphs["inferences"] = materialise(schema, vocabularies, data)
    return Graphs(graphs, offsets, records, len(evidence), sorted(texts))


def _iri(record_id: str, context: dict) -> URIRef:
    prefix, sep, rest = record_id.partition(":")
    if sep and isinstance(context.get(prefix), str):
        return URIRef(context[prefix] + rest)
    return ID[record_id]


def build(project: Project, store_path: Path, sources: list[Path] | None = None, *,
          reason: bool = True, out_dir: Path | None = None,
          progress: Progress = _quiet) -> BuildResult:
    """Assemble, validate, and only then write the store, the export files and the offsets."""
    from .store import graph_sizes, open_store, replace_graphs
    from .validate import load_shapes, validate_graph

    built = assemble(project, sources, reason=reason, progress=progress)
    progress("validating with SHACL")
    shapes = load_shapes(project.shapes)
    report = validate_graph(
        built.union("data", "provenance", "links", "vocabularies"), shapes, built.graphs["schema"]
    )
    if not report.conforms:
        raise DataError(
            f"The build was not written: the graph violates the shapes.\n{report.text()}"
        )

    progress("writing the store")
    payload = {GRAPHS[name]: to_ntriples(graph) for name, graph in built.graphs.items()}
    store = open_store(store_path, create=True)
    replace_graphs(store, payload, drop=GRAPHS.values())
    sizes = graph_sizes(store)

    progress("writing the export files")
    out_dir = out_dir or project.out
    exports = []
    from .export import export_store

    for fmt in ("trig", "nquads"):
        exports.append(export_store(store, fmt, out_dir / f"c2c-kg{_suffix(fmt)}",
                                    graphs=list(GRAPHS.values())))
    del store

    offsets_file = project.data / "evidence.tsv"
    updated = False
    if built.sources_checked and read_offsets(offsets_file) != built.offsets:
        write_offsets(offsets_file, built.offsets)
        updated = True
    return BuildResult(
        store_path, sizes, exports, len(built.records), built.evidence_count, updated
    )


def _suffix(fmt: str) -> str:
    from .rdfio import EXPORT_FORMATS

    return EXPORT_FORMATS[fmt][1]



