"""Converting a document file: read it, find what the project's graph knows, convert, describe.

This is what ``c2c-kg convert`` calls; everything it does is offline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError
from .document import Conversion, convert_text
from .markdown import front_matter
from .reading import read_document

if TYPE_CHECKING:
    from rdflib import Graph

    from ..project import Project

__all__ = ["ConvertedFile", "convert_file", "read_meta"]

FORMATS = {"turtle": "turtle", "trig": "trig", "jsonld": "json-ld"}


@dataclass
class ConvertedFile:
    source_id: str
    conversion: Conversion
    graph: Graph
    meta: dict


def read_meta(path: Path | None) -> dict:
    """Document metadata from a YAML or JSON file: id, title, creator, issued, publisher …"""
    if path is None:
        return {}
    import yaml

    try:
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc}).") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f", line {mark.line + 1}" if mark is not None else ""
        raise InputError(f"{path}{where}: not valid YAML or JSON metadata.") from exc
    if not isinstance(loaded, dict):
        raise InputError(f"{path}: metadata must be a mapping (id, title, creator, issued …).")
    return loaded


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "document"


def convert_file(path: Path, project: Project | None = None, meta_path: Path | None = None,
                 *, include_text: bool = False, progress=lambda _: None) -> ConvertedFile:
    """Convert the document at ``path`` (mentions and partners from ``project``'s graph)."""
    from .knowledge import gazetteer_of, known_graph, places_in
    from .mentions import Gazetteer
    from .rdf import conversion_graph

    progress(f"reading {path}")
    source = read_document(path)
    meta = front_matter(source.text) if source.kind == "markdown" else {}
    meta = {**meta, **read_meta(meta_path), "sha256": source.sha256}
    source_id = _slug(str(meta.get("id") or meta.get("slug") or path.stem))
    gazetteer, places = Gazetteer(), {}
    if project is not None:
        progress("reading the labels the graph knows")
        known = known_graph(project)
        gazetteer, places = gazetteer_of(known), places_in(known)
        described = _described_source(known, source.sha256)
        if described and not meta.get("id"):
            source_id = described  # a source the project describes keeps its id and passages
    progress("finding structure, sentences, citations, mentions and candidates")
    conversion = convert_text(source.text, source.kind, gazetteer, places)
    graph = conversion_graph(conversion, source_id, meta, include_text=include_text)
    return ConvertedFile(source_id, conversion, graph, meta)


def _described_source(graph: Graph, sha256: str) -> str | None:
    """The id of the source document the project's records describe with this checksum."""
    from rdflib import Literal, URIRef

    from ..terms import PREFIXES

    sha = URIRef(PREFIXES["c2c"] + "sha256")
    for subject in graph.subjects(sha, Literal(sha256)):
        if str(subject).startswith(PREFIXES["src"]):
            return str(subject).removeprefix(PREFIXES["src"])
    return None


def serialise(graph: Graph, fmt: str, source_id: str) -> bytes:
    """The document graph in ``fmt`` (``turtle``, ``trig`` — in its own named graph — or
    ``jsonld``)."""
    from rdflib import Dataset, URIRef

    from ..terms import GRAPH, PREFIXES

    if fmt not in FORMATS:
        raise InputError(f"Unknown format {fmt!r}; use one of {', '.join(FORMATS)}.")
    if fmt == "trig":
        dataset = Dataset()
        for prefix, namespace in PREFIXES.items():
            dataset.bind(prefix, namespace, override=True, replace=True)
        named = dataset.graph(URIRef(f"{GRAPH}document/{source_id}"))
        for triple in graph:
            named.add(triple)
        return dataset.serialize(format="trig", encoding="utf-8")
    if fmt == "jsonld":
        return graph.serialize(format="json-ld", encoding="utf-8", sort_keys=True, indent=1)
    return graph.serialize(format="turtle", encoding="utf-8")
