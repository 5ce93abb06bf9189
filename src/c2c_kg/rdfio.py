"""Reading RDF files with clear errors, and writing RDF deterministically.

Deterministic means: the same triples give the same bytes. N-Triples and N-Quads are sorted
lines; Turtle, TriG and JSON-LD come from pyoxigraph's writers fed in sorted order, with the
project's prefixes. The build skolemises blank nodes, so nothing random remains.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from rdflib import Graph

from .errors import InputError, UsageError
from .terms import BASE, PREFIXES

__all__ = ["EXPORT_FORMATS", "GENID", "atomic_write", "parse_file", "serialize_dataset",
           "skolemised", "to_ntriples"]

#: where skolemised blank nodes live (RDF 1.1 Concepts, section 3.5)
GENID = BASE + ".well-known/genid/"

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


def skolemised(ntriples: bytes, graph: str) -> bytes:
    """N-Triples with every blank node replaced by an IRI under :data:`GENID` that depends only
    on the triples: the graph is canonicalised (RDFC-1.0) and each node named by a hash of its
    canonical label, its outgoing triples and ``graph``. Same triples, same IRIs."""
    import hashlib

    import pyoxigraph as ox

    if b"_:" not in ntriples:
        return ntriples
    dataset = ox.Dataset(ox.Quad(t.subject, t.predicate, t.object)
                         for t in ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES))
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    described: dict[str, list[str]] = {}
    for quad in dataset:
        if isinstance(quad.subject, ox.BlankNode):
            described.setdefault(quad.subject.value, []).append(
                f"{quad.predicate} {quad.object}")
    names = {}
    for label, lines in described.items():
        text = "\n".join([graph, label, *sorted(lines)]).encode("utf-8")
        names[label] = ox.NamedNode(GENID + hashlib.sha256(text).hexdigest()[:24])

    def term(node):
        if isinstance(node, ox.BlankNode):
            return names.setdefault(node.value, ox.NamedNode(
                GENID + hashlib.sha256(f"{graph}\n{node.value}".encode()).hexdigest()[:24]))
        return node

    triples = [ox.Triple(term(q.subject), q.predicate, term(q.object)) for q in dataset]
    lines = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).splitlines(keepends=True)
    return b"".join(sorted(set(lines)))


def serialize_dataset(quads_nq: bytes, fmt: str) -> bytes:
    """Serialise N-Quads lines (each ending ``<graph> .``) in export format ``fmt`` with
    pyoxigraph's own writers.

    The same quads give the same bytes: N-Triples and N-Quads are sorted canonical lines; TriG is
    written graph by graph and Turtle and JSON-LD from sorted triples, with the project's
    prefixes. Every literal keeps its datatype. Turtle, N-Triples and JSON-LD merge the graphs.
    """
    import pyoxigraph as ox

    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    lines = [line for line in quads_nq.splitlines() if line.strip()]
    if fmt == "nquads":
        quads = ox.parse(b"\n".join(lines), format=ox.RdfFormat.N_QUADS)
        out = ox.serialize(quads, format=ox.RdfFormat.N_QUADS).splitlines(keepends=True)
        return b"".join(sorted(set(out)))
    if fmt == "trig":  # graph by graph, each in line order
        keyed = sorted((line.rstrip().removesuffix(b".").rstrip().rsplit(b" ", 1)[-1], line)
                       for line in lines)
        quads = ox.parse(b"\n".join(line for _, line in keyed), format=ox.RdfFormat.N_QUADS)
        return ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=dict(PREFIXES))
    quads = ox.parse(b"\n".join(lines), format=ox.RdfFormat.N_QUADS)
    triples = ox.serialize((ox.Triple(q.subject, q.predicate, q.object) for q in quads),
                           format=ox.RdfFormat.N_TRIPLES).splitlines(keepends=True)
    unique = b"".join(sorted(set(triples)))
    if fmt == "ntriples":
        return unique
    rdf_format = ox.RdfFormat.TURTLE if fmt == "turtle" else ox.RdfFormat.JSON_LD
    return ox.serialize(ox.parse(unique, format=ox.RdfFormat.N_TRIPLES), format=rdf_format,
                        prefixes=dict(PREFIXES))


def _stream(path: Path, data: bytes) -> None:
    """Write into something that is not a regular file (a device, a pipe) without replacing it."""
    with open(path, "wb") as handle:
        handle.write(data)


def _is_stream(path: Path) -> bool:
    """Whether ``path`` names an open descriptor (``/dev/stdout``), a device, a pipe or a socket.

    ``/dev/stdout`` leads through ``/proc/self/fd/1`` to whatever the shell opened, perhaps a
    regular file: replacing that file would lose the output, so it is written into too.
    """
    hop, links = str(path), 0
    while os.path.islink(hop) and links < 40:
        if hop.startswith(("/proc/", "/dev/fd/")):
            return True
        hop, links = os.path.join(os.path.dirname(hop), os.readlink(hop)), links + 1
    if hop.startswith(("/proc/", "/dev/fd/")):
        return True
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def atomic_write(path: Path | str, data: bytes, *, overwrite: bool = True,
                 make_parents: bool = False) -> Path | None:
    """Write ``data`` to ``path`` so that a reader never sees half of it; return the file written.

    ``-`` is standard output. A device, pipe or socket (``/dev/stdout``, ``/dev/full``, a fifo)
    is written into, never replaced. A symbolic link is followed: its target is replaced, the
    link stays. A regular file is replaced through a temporary file beside it, keeping its
    permissions, and only with ``overwrite``; a new file gets the permissions a plain ``open``
    would give it (``0o666`` less the umask). Filesystem errors become :class:`InputError` naming
    the path.
    """
    import sys

    if str(path) == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return None
    path = Path(path)
    try:
        if _is_stream(path):
            _stream(path, data)
            return path
        target = Path(os.path.realpath(path))
        if target.is_dir():
            raise InputError(f"Cannot write {path}: it is a folder.")
        exists = target.exists()
        if exists and not overwrite:
            raise UsageError(f"{path} exists; use --force to replace it.")
        if not target.parent.is_dir():
            if not make_parents:
                raise InputError(f"Cannot write {path}: the folder {target.parent} does not "
                                 f"exist.")
            target.parent.mkdir(parents=True, exist_ok=True)
        if exists:
            mode = stat.S_IMODE(target.stat().st_mode)
        else:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, mode)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return target
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise InputError(f"Cannot write {path}: {reason}.") from exc
