"""File sources: an RDF file of places (such as Eurostat LAU lists) and a names table (TSV)."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from ..errors import InputError
from .index import NameIndex
from .model import Entity, Query

__all__ = ["NamesTable", "RdfFile"]

RAMON = "http://rdfdata.eionet.europa.eu/ramon/ontology/"
NAME_PREDICATES = ("http://www.w3.org/2000/01/rdf-schema#label",
                   "http://www.w3.org/2004/02/skos/core#prefLabel",
                   "http://www.w3.org/2004/02/skos/core#altLabel", RAMON + "name")
LAU_KINDS = {"5": "municipality", "4": "municipality"}


def _modified(path: Path) -> str:
    return dt.date.fromtimestamp(path.stat().st_mtime).isoformat()


class RdfFile:
    """Places in an RDF file: names from rdfs:label, skos labels or ramon:name; LAU codes."""

    label = "RDF file"

    def __init__(self, path: Path):
        from rdflib import Graph, URIRef
        from rdflib.namespace import RDF
        from rdflib.util import guess_format

        self.path, self.date, self.citation = path, _modified(path), path.name
        graph = Graph()
        try:
            graph.parse(path, format=guess_format(str(path)) or "turtle")
        except FileNotFoundError as exc:
            raise InputError(f"The RDF file {path} does not exist.") from exc
        except Exception as exc:  # rdflib raises many parser types
            raise InputError(f"{path}: not readable as RDF ({type(exc).__name__}: {exc}).") from exc
        entities = []
        for subject in set(graph.subjects()):
            if not isinstance(subject, URIRef):
                continue
            names = {str(o) for p in NAME_PREDICATES for o in graph.objects(subject, URIRef(p))}
            code = graph.value(subject, URIRef(RAMON + "code"))
            level = graph.value(subject, URIRef(RAMON + "level"))
            if code:  # "NL-GM0003 Appingedam" as a label: keep the name part
                names = {n.removeprefix(f"{code} ") for n in names}
            if not names:
                continue
            own = sorted({str(o) for o in graph.objects(subject, URIRef(RAMON + "name"))})
            name = own[0] if own else sorted(names)[0]
            extra = {"code": str(code)} if code else {}
            if len(own) > 1:  # one IRI for several places: a fault of the source
                extra["conflict"] = " | ".join(own)
            kinds = {LAU_KINDS.get(str(level), "")} | {str(t) for t in graph.objects(subject,
                                                                                      RDF.type)}
            country = str(code).split("-", 1)[0].lower() if code and "-" in str(code) else None
            entities.append(Entity(str(subject), name, tuple(sorted(names - {name})),
                                   tuple(sorted(k for k in kinds if k)), country,
                                   extra=extra))
        if not entities:
            raise InputError(f"{path}: no named resources (rdfs:label, skos:prefLabel or "
                             f"ramon:name) in this RDF file.")
        self.index = NameIndex(entities)
        self.countries = {e.country for e in entities if e.country}

    def lookup(self, query: Query) -> list[Entity]:
        return self.index.lookup(query)


class NamesTable:
    """A table of identifiers and names (``Q123<TAB>Name``), optionally with twin links.

    ``relations`` is a table of identifier pairs (``Q1<TAB>Q2``, e.g. Wikidata P190); the names
    of each entity's partners then feed the ``twinned`` feature.
    """

    label = "names table"
    prefix = "http://www.wikidata.org/entity/"

    def __init__(self, path: Path, relations: Path | None = None):
        self.path, self.date, self.citation = path, _modified(path), path.name
        rows = self._rows(path, 2)
        names: dict[str, list[str]] = {}
        for number, row in rows:
            qid, name = row[0].strip(), row[1].strip()
            if not qid or not name:
                raise InputError(f"{path}, row {number}: an identifier and a name are needed.")
            names.setdefault(qid, []).append(name)
        twins: dict[str, set[str]] = {}
        if relations is None and (path.parent / path.name.replace("names", "relations")).exists():
            relations = path.parent / path.name.replace("names", "relations")
        if relations is not None and relations != path:
            for _, row in self._rows(relations, 2):
                a, b = row[0].strip(), row[1].strip()
                for one, other in ((a, b), (b, a)):
                    twins.setdefault(one, set()).update(names.get(other, ()))
        self.index = NameIndex([
            Entity(self._iri(qid), found[0], tuple(found[1:]),
                   twins=tuple(sorted(twins.get(qid, ()))))
            for qid, found in names.items()])

    def lookup(self, query: Query) -> list[Entity]:
        return self.index.lookup(query)

    def _iri(self, qid: str) -> str:
        return qid if "://" in qid else self.prefix + qid

    @staticmethod
    def _rows(path: Path, width: int) -> list[tuple[int, list[str]]]:
        delimiter = "," if path.suffix == ".csv" else "\t"
        try:
            with path.open(encoding="utf-8", newline="") as handle:
                rows = list(enumerate(csv.reader(handle, delimiter=delimiter), start=1))
        except FileNotFoundError as exc:
            raise InputError(f"The names table {path} does not exist.") from exc
        except (UnicodeDecodeError, csv.Error) as exc:
            raise InputError(f"{path}: not a readable UTF-8 table ({exc}).") from exc
        for number, row in rows:
            if len(row) < width:
                sep = "a comma" if delimiter == "," else "a tab"
                raise InputError(f"{path}, row {number}: expected {width} columns (identifier "
                                 f"and name, separated by {sep}), found {len(row)}.")
        return rows
