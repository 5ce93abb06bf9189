"""The build: ontology, vocabularies and curated records to validated named graphs in the store.

Steps, each a pure function of the files read: schema, vocabularies, data (records through the
JSON-LD context), provenance (evidence to passages), links (``owl:sameAs``/``skos:*Match`` split
out of the records), inferences (what the reasoner derives). The union is validated with SHACL;
only a conforming build is written, first to the store (one transaction) and then to the export
files. A failing build writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef

from ..errors import DataError, InputError
from ..offline import offline
from ..ontology.schema import read_schema, read_vocabularies
from ..project import Project
from ..rdfio import to_ntriples
from ..terms import ID, OWL, RDF, RDFS, SKOS, SOURCE
from .coordinates import PLACE_TYPES, coordinates_graph, read_coordinates
from .evidence import (
    OffsetTable,
    check_sources,
    collect_evidence,
    provenance_graph,
    read_offsets,
    read_source,
    resolve_all,
    sha256_of,
)
from .links import links_graph
from .records import (
    Record,
    check_types,
    load_context,
    load_records,
    record_files,
    records_to_graph,
)

__all__ = ["Graphs", "Progress", "assemble", "reason_project", "validate_build"]

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


def _quiet(_: str) -> None:
    return None


def _known_sources(records: list[Record]) -> dict[str, str]:
    """sha256 -> source id, for the source documents described in the records."""
    found: dict[str, Record] = {}
    for record in records:
        if record.id.startswith("src:") and "sha256" in record.body:
            digest = str(record.body["sha256"]).strip().lower()
            if digest in found:
                raise DataError(
                    f"{record.where_field('sha256')}: {record.id} gives the same sha256 as "
                    f"{found[digest].id} ({found[digest].where}); each source document is "
                    f"described once."
                )
            found[digest] = record
    return {digest: record.id.removeprefix("src:") for digest, record in found.items()}


def _source_texts(paths: list[Path], known: dict[str, str]) -> dict[str, str]:
    """source id -> text, for each ``--source`` file, matched to its src: record by sha256."""
    texts: dict[str, str] = {}
    for path in paths:
        if not path.is_file():
            raise InputError(f"The source document {path} does not exist (or is not a file).")
        digest = sha256_of(path)
        if digest not in known:
            raise InputError(
                f"{path} is not a source document this project knows: its sha256 {digest} is "
                f"not given by any src: record in data/records/. Describe it there first."
            )
        texts[known[digest]] = read_source(path)
    return texts


def _classes(schema: Graph) -> set[str]:
    return {str(c) for kind in (OWL.Class, RDFS.Class) for c in schema.subjects(RDF.type, kind)
            if isinstance(c, URIRef)}


def assemble(project: Project, sources: list[Path] | None = None, *, reason: bool = True,
             progress: Progress = _quiet) -> Graphs:
    """Read everything and produce the build's graphs, checking evidence; writes nothing.

    ``sources`` are source documents (any number): each is matched to its ``src:`` record by
    sha256, and the evidence citing it is resolved in its text again. Nothing read here may
    reach the network (:func:`~c2c_kg.offline.offline` guards the whole step).
    """
    with offline("building the graph"):
        return _assemble(project, sources, reason=reason, progress=progress)


def _assemble(project: Project, sources: list[Path] | None, *, reason: bool,
              progress: Progress) -> Graphs:
    progress("reading the ontology and vocabularies")
    schema = read_schema(project)
    vocabularies = read_vocabularies(project)

    progress("mapping the curated records")
    context = load_context(project.data / "context.jsonld")
    records = load_records(record_files(project), context, project.data / "records")
    check_types(records, context, _classes(schema))
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
    links += links_graph(project.data / "links")  # the link tables (issue 13)
    places = {r.id for r in records if r.body.get("type") in PLACE_TYPES}
    links += coordinates_graph(read_coordinates(project.data / "links" / "coordinates.csv",
                                                places))

    progress("resolving evidence")
    known = _known_sources(records)
    evidence = collect_evidence(records)
    check_sources(evidence, (r.id.removeprefix("src:") for r in records
                             if r.id.startswith("src:")))
    offsets = read_offsets(project.data / "evidence.tsv")
    texts = _source_texts(list(sources or []), known)
    for source_id, text in texts.items():
        fresh = resolve_all(text, source_id, evidence)
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
        from ..ontology.reasoning import materialise

        progress("reasoning (materialising inferences)")
        graphs["inferences"] = materialise(schema, vocabularies, data)
    return Graphs(graphs, offsets, records, len(evidence), sorted(texts))


def _iri(record_id: str, context: dict) -> URIRef:
    prefix, sep, rest = record_id.partition(":")
    if sep and isinstance(context.get(prefix), str):
        return URIRef(context[prefix] + rest)
    return ID[record_id]


def reason_project(project: Project, sources: list[Path] | None = None, *,
                   reasoner: str = "hermit"):
    """Assemble the project's graphs (without the build's own reasoning) and reason over them."""
    from ..ontology.reason import run_reasoner

    graphs = assemble(project, sources, reason=False).graphs
    return run_reasoner(graphs["schema"], graphs["vocabularies"], graphs["data"],
                        reasoner=reasoner)


VALIDATED = ("data", "provenance", "links", "vocabularies")  # the ontology is mixed in


def validate_build(project: Project, built: Graphs,
                   stored: Iterable[bytes] | None = None) -> None:
    """Raise :class:`DataError` with the SHACL report unless the build's graphs conform.

    ``stored``, the N-Triples of the :data:`VALIDATED` graphs as they will be written, is what
    the fast engine checks (what is stored is what is validated); without it, or with
    ``$C2C_KG_SHACL_ENGINE=pyshacl``, the rdflib graphs are validated.
    """
    import os

    from .shacl import load_shapes, ontology_triples, validate_graph, validate_triples

    with offline("validating the graph"):
        shapes = load_shapes(project.shapes)
        schema = built.graphs["schema"]
        if stored is None or os.environ.get("C2C_KG_SHACL_ENGINE", "fast") != "fast":
            report = validate_graph(built.union(*VALIDATED), shapes, schema)
        else:
            import pyoxigraph as ox

            documents = [*stored, to_ntriples(ontology_triples(schema))]
            report = validate_triples(
                (t for nt in documents for t in ox.parse(nt, ox.RdfFormat.N_TRIPLES)), shapes)
    if not report.conforms:
        raise DataError(
            f"The build was not written: the graph violates the shapes.\n{report.text()}"
        )
