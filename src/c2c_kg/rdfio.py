"""Reading RDF files with clear errors, and writing RDF deterministically.

Deterministic means: the same triples give the same bytes. N-Triples and N-Quads are sorted
lines; Turtle, TriG and JSON-LD come from rdflib's serialisers fed in sorted order, with the
project's prefixes bound. No blank nodes are minted by the build, so nothing random remains.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from rdflib import Dataset, Graph

from .errors import InputError
from .terms import PREFIXES

__all__ = ["EXPORT_FORMATS", "atomic_write", "parse_file", "serialize_dataset", "to_ntriples"]

#: export format -> (rdflib format name, file suffix)
EXPORT_FORMATS = {
    "turtle": ("turtle", ".ttl"),
    "ntriples": ("nt", ".nt"),
    "jsonld": ("json-ld", ".jsonld"),
    "trig": ("trig", ".trig"),
    "nquads": ("nquads", ".nq"),
}
SUFFIX_FORMATS = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".json": "json-ld",
                  ".trig": "trig", ".nq": "nquads", ".rdf": "xml", ".owl": "xml"}


def parse_file(path: Path, graph: Graph | None = None) -> Graph:
    """Parse one RDF file (format by suffix) into ``graph``; errors name the file and line."""
    graph = graph if graph is not None else Graph()
    fmt = SUFFIX_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(f"{path}: unknown RDF file type {path.suffix!r}.")
    try:
        graph.parse(path, format=fmt)
    except FileNotFoundError as exc:
        raise InputError(f"{path} does not exist.") from exc
    except Exception as exc:  # rdflib's parsers raise many types
        raise InputError(f"{path}: malformed {fmt}: {' '.join(str(exc).split())}") from exc
    return graph


def to_ntriples(graph: Graph) -> bytes:
    """The graph as sorted N-Triples bytes."""
    lines = graph.serialize(format="nt", encoding="utf-8").splitlines()
    return b"".join(sorted(set(line + b"\n" for line in lines if line.strip())))


def _bind(graph: Graph) -> None:
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)


def serialize_dataset(quads_nq: bytes, fmt: str) -> bytes:
    """Serialise canonical N-Quads (as Oxigraph dumps them) in export format ``fmt``."""
    lines = sorted({line for line in quads_nq.splitlines() if line.strip()})
    if fmt == "nquads":
        return b"".join(line + b"\n" for line in lines)
    if fmt == "ntriples":
        import pyoxigraph as ox

        triples = {str(ox.Triple(q.subject, q.predicate, q.object)).encode("utf-8")
                   for q in ox.parse(b"\n".join(lines), format=ox.RdfFormat.N_QUADS)}
        return b"".join(t + b" .\n" for t in sorted(triples))
    dataset = Dataset()
    _bind(dataset)
    dataset.parse(data=b"\n".join(lines).decode("utf-8"), format="nquads")
    if fmt == "trig":
        return dataset.serialize(format="trig", encoding="utf-8")
    merged = Graph()
    _bind(merged)
    for triple in sorted({(s, p, o) for s, p, o, _ in dataset.quads((None, None, None, None))}):
        merged.add(triple)
    if fmt == "jsonld":
        return merged.serialize(format="json-ld", encoding="utf-8", sort_keys=True, indent=1)
    return merged.serialize(format="turtle", encoding="utf-8")


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file, so a reader never sees half of it.

    The file gets the permissions a plain ``open`` would give it (``0o666`` less the umask), not
    the owner-only mode of the temporary file.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
