"""Namespaces and named-graph IRIs: the one place where the project's IRIs are spelled out.

Standard vocabularies come from rdflib where it has them; the rest are declared here.
"""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

__all__ = [
    "BASE",
    "BIBO",
    "C2C",
    "C2CSH",
    "CITO",
    "DCTERMS",
    "DOCO",
    "FABIO",
    "GRAPH",
    "GRAPHS",
    "ID",
    "OA",
    "ORG",
    "OWL",
    "PREFIXES",
    "PROV",
    "QB",
    "QUOTES",
    "RDF",
    "RDFS",
    "SKOS",
    "SOURCE",
    "VANN",
    "VOCAB",
    "XSD",
]

BASE = "https://w3id.org/c2c-kg/"
C2C = Namespace(BASE + "ontology#")
C2CSH = Namespace(BASE + "shapes#")
ID = Namespace(BASE + "id/")
VOCAB = Namespace(BASE + "vocab/")
SOURCE = Namespace(BASE + "source/")
GRAPH = Namespace(BASE + "graph/")

ORG = Namespace("http://www.w3.org/ns/org#")
OA = Namespace("http://www.w3.org/ns/oa#")
QB = Namespace("http://purl.org/linked-data/cube#")
BIBO = Namespace("http://purl.org/ontology/bibo/")
FABIO = Namespace("http://purl.org/spar/fabio/")
CITO = Namespace("http://purl.org/spar/cito/")
DOCO = Namespace("http://purl.org/spar/doco/")
VANN = Namespace("http://purl.org/vocab/vann/")

#: The named graphs a build writes, by short name, in the order they are built.
GRAPHS: dict[str, str] = {
    name: str(GRAPH[name])
    for name in ("schema", "vocabularies", "data", "provenance", "links", "inferences")
}

#: The local-only graph of verbatim quotes (``oa:TextQuoteSelector``) from copyrighted sources:
#: written by a build with ``--source``, never published, exported only with
#: ``--include-quotes``. Deliberately not in :data:`GRAPHS`, which lists what may leave the machine.
QUOTES: str = str(GRAPH["quotes"])

#: Prefixes bound in every serialisation and offered to every query.
PREFIXES: dict[str, str] = {
    "c2c": str(C2C),
    "c2csh": str(C2CSH),
    "id": str(ID),
    "vocab": str(VOCAB),
    "src": str(SOURCE),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "prov": str(PROV),
    "org": str(ORG),
    "oa": str(OA),
    "qb": str(QB),
    "bibo": str(BIBO),
    "fabio": str(FABIO),
    "cito": str(CITO),
    "doco": str(DOCO),
    "vann": str(VANN),
    "sh": "http://www.w3.org/ns/shacl#",
    "wd": "http://www.wikidata.org/entity/",
}
