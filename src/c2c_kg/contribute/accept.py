"""Accepting contributions: each in its own named graph, with its provenance, kept as a file.

``contribute`` checks a file against the store's graph and, only if it is valid, writes the
file, its triples and a small manifest to ``contributions/<id>/`` in the project and loads the
triples into the named graph ``graph/contribution/<id>`` in one transaction. The id is the start
of the file's SHA-256, so the same file twice changes nothing. A contribution adds new records
only (see :mod:`.validate`), so it can neither change nor delete curated facts or another
contribution; ``withdraw`` drops its graph and folder and nothing else, and refuses while another
contribution links to its records. :func:`load_contributions` is the build's hook: a rebuilt store
gets every kept contribution back.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, SKOS, XSD

from ..errors import DataError, UsageError
from ..project import Project
from ..rdfio import to_ntriples
from ..terms import C2C
from .joined import CONTRIBUTION_GRAPH
from .readers import read_bytes
from .validate import Outcome, check_files

__all__ = ["Contribution", "contribute", "list_contributions", "load_contributions",
           "restore_contributions", "withdraw"]

MANIFEST = "contribution.json"
TRIPLES = "triples.nt"


@dataclass
class Contribution:
    """One accepted contribution, as its manifest records it."""

    id: str
    by: str
    created: str
    file: str
    sha256: str
    note: str = ""
    triples: int = 0

    @property
    def graph(self) -> str:
        return f"{CONTRIBUTION_GRAPH}{self.id}"


def folder(project: Project) -> Path:
    return project.contributions


def _read_manifest(path: Path) -> Contribution:
    data = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
    return Contribution(**{k: data[k] for k in Contribution.__dataclass_fields__ if k in data})


def list_contributions(project: Project) -> list[Contribution]:
    """The kept contributions, oldest first."""
    found = [_read_manifest(p) for p in sorted(folder(project).glob("*"))
             if (p / MANIFEST).is_file()]
    return sorted(found, key=lambda c: (c.created, c.id))


def _provenance(contribution: Contribution) -> Graph:
    graph = Graph()
    node = URIRef(contribution.graph)
    graph.add((node, RDF.type, PROV.Entity))
    graph.add((node, DCTERMS.creator, Literal(contribution.by)))
    graph.add((node, DCTERMS.created, Literal(contribution.created, datatype=XSD.dateTime)))
    graph.add((node, DCTERMS.title, Literal(contribution.file)))
    graph.add((node, C2C.sha256, Literal(contribution.sha256)))
    if contribution.note:
        graph.add((node, SKOS.note, Literal(contribution.note)))
    return graph


def contribute(project: Project, path: Path, by: str, store_path: Path, *, note: str = "",
               mapping: str | None = None,
               now: dt.datetime | None = None) -> tuple[Contribution, bool, Outcome | None]:
    """Check ``path`` and, if valid, add it (all or nothing); ``False`` if it was already in."""
    from ..store.embedded import graph_sizes, open_store, replace_graphs, require_store

    if not by.strip():
        raise UsageError("Say who contributes with --by NAME (a person or an organisation).")
    require_store(store_path)
    data = read_bytes(path)
    digest = hashlib.sha256(data).hexdigest()
    cid = digest[:12]
    kept = folder(project) / cid
    if (kept / MANIFEST).is_file():
        existing = _read_manifest(kept)
        store = open_store(store_path)
        present = existing.graph in graph_sizes(store)
        store.release()
        if not present:
            replace_graphs(store_path, {existing.graph: (kept / TRIPLES).read_bytes()})
        return existing, False, None
    outcome = check_files(project, [path], store_path=store_path, mapping=mapping)
    if not outcome.valid:
        return Contribution(cid, by, "", path.name, digest, note), False, outcome
    created = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0).isoformat()
    contribution = Contribution(cid, by, created, path.name, digest, note, len(outcome.graph))
    triples = to_ntriples(outcome.graph + _provenance(contribution))
    folder(project).mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{cid}.", dir=folder(project)))
    try:
        shutil.copyfile(path, staging / path.name)
        (staging / TRIPLES).write_bytes(triples)
        manifest = {**contribution.__dict__, "mapping": mapping or ""}
        (staging / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n",
                                        encoding="utf-8")
        replace_graphs(store_path, {contribution.graph: triples})
        try:
            staging.rename(kept)
        except OSError:
            replace_graphs(store_path, {}, drop=[contribution.graph])
            raise
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return contribution, True, outcome


def withdraw(project: Project, cid: str, store_path: Path) -> Contribution:
    """Remove contribution ``cid``: its named graph and its folder, nothing else."""
    from ..store.embedded import open_store, replace_graphs

    kept = folder(project) / cid
    if not (kept / MANIFEST).is_file() or "/" in cid or cid.startswith("."):
        known = ", ".join(c.id for c in list_contributions(project)) or "none"
        raise UsageError(f"There is no contribution {cid!r}; the contributions are: {known}.")
    contribution = _read_manifest(kept)
    if store_path.is_dir() and any(store_path.iterdir()):
        store = open_store(store_path)
        users = _dependents(store, contribution.graph)
        store.release()
        if users:
            raise DataError(
                f"Contribution {cid} cannot be withdrawn: {', '.join(users)} link(s) to its "
                f"records. Withdraw those first."
            )
        replace_graphs(store_path, {}, drop=[contribution.graph])
    shutil.rmtree(kept)
    return contribution


def _dependents(store, graph: str) -> list[str]:
    query = f"""
        SELECT DISTINCT ?g WHERE {{
            GRAPH <{graph}> {{ ?record ?p ?o }}
            GRAPH ?g {{ ?other ?q ?record }}
            FILTER(?g != <{graph}> && STRSTARTS(STR(?g), "{CONTRIBUTION_GRAPH}"))
        }}"""
    return sorted(row["g"].value.removeprefix(CONTRIBUTION_GRAPH) for row in store.query(query))


def load_contributions(project: Project, store_path: Path) -> int:
    """The build's hook: put every kept contribution into its graph; returns how many."""
    from ..store.embedded import replace_graphs

    graphs = {c.graph: (folder(project) / c.id / TRIPLES).read_bytes()
              for c in list_contributions(project)}
    if graphs:
        replace_graphs(store_path, graphs)
    return len(graphs)


def restore_contributions(project: Project, store_path: Path, progress=None) -> int:
    """After a build: put the kept contributions back into the store at ``store_path``."""
    if not list_contributions(project):
        return 0
    if progress:
        progress("loading the kept contributions")
    return load_contributions(project, store_path)
