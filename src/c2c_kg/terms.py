"""The project's terms: every prefix and namespace IRI, spelled out once, and the one service that
compacts and expands IRIs with them.

Importing this module costs nothing beyond the standard library: the constants are plain strings,
and the rdflib ``Namespace`` objects (``C2C``, ``OA``, ``RDF`` …) are built on first use through
the module's ``__getattr__``, so that commands which never touch rdflib (``query``, ``--help``)
do not pay for importing it. :func:`converter` gives the same prefix map as a ``curies``
``Converter`` for callers that want its richer API (it is not on the query path: importing
curies costs more than the whole command line's start-up).

``data/context.jsonld`` and the ``sh:declare`` block of ``shapes/core.ttl`` repeat some of these
prefixes for their own readers; ``tests/code/test_terms.py`` fails if they drift from
:data:`PREFIXES`.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from rdflib import Namespace
    from rdflib.namespace import DefinedNamespace

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
    "GRAPH_BASE",
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
    "compact",
    "converter",
    "expand",
]

BASE = "https://w3id.org/c2c-kg/"
GRAPH_BASE = BASE + "graph/"

#: Prefixes bound in every serialisation and offered to every query: the one prefix map.
PREFIXES: dict[str, str] = {
    "c2c": BASE + "ontology#",
    "c2csh": BASE + "shapes#",
    "id": BASE + "id/",
    "vocab": BASE + "vocab/",
    "src": BASE + "source/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "org": "http://www.w3.org/ns/org#",
    "oa": "http://www.w3.org/ns/oa#",
    "qb": "http://purl.org/linked-data/cube#",
    "bibo": "http://purl.org/ontology/bibo/",
    "fabio": "http://purl.org/spar/fabio/",
    "cito": "http://purl.org/spar/cito/",
    "doco": "http://purl.org/spar/doco/",
    "vann": "http://purl.org/vocab/vann/",
    "sh": "http://www.w3.org/ns/shacl#",
    "wd": "http://www.wikidata.org/entity/",
}

#: The named graphs a build writes, by short name, in the order they are built.
GRAPHS: dict[str, str] = {
    name: GRAPH_BASE + name
    for name in ("schema", "vocabularies", "data", "provenance", "links", "inferences")
}

#: The local-only graph of verbatim quotes (``oa:TextQuoteSelector``) from copyrighted sources:
#: written by a build with ``--source``, never published, exported only with
#: ``--include-quotes``. Deliberately not in :data:`GRAPHS`, which lists what may leave the machine.
QUOTES: str = GRAPH_BASE + "quotes"

# Declared, not assigned: __getattr__ below builds each on first use.
C2C: Namespace
C2CSH: Namespace
ID: Namespace
VOCAB: Namespace
SOURCE: Namespace
GRAPH: Namespace
ORG: Namespace
OA: Namespace
QB: Namespace
BIBO: Namespace
FABIO: Namespace
CITO: Namespace
DOCO: Namespace
VANN: Namespace
DCTERMS: type[DefinedNamespace]
OWL: type[DefinedNamespace]
PROV: type[DefinedNamespace]
RDF: type[DefinedNamespace]
RDFS: type[DefinedNamespace]
SKOS: type[DefinedNamespace]
XSD: type[DefinedNamespace]

# rdflib Namespace objects by constant name: the project's own (built from the prefix map) and
# the standard ones that rdflib already defines (closed namespaces: a typo raises).
_OWN = {"C2C": "c2c", "C2CSH": "c2csh", "ID": "id", "VOCAB": "vocab", "SOURCE": "src",
        "ORG": "org", "OA": "oa", "QB": "qb", "BIBO": "bibo", "FABIO": "fabio", "CITO": "cito",
        "DOCO": "doco", "VANN": "vann"}
_RDFLIB = ("DCTERMS", "OWL", "PROV", "RDF", "RDFS", "SKOS", "XSD")
# the longest namespace first, so that compact() picks the most specific prefix
_BY_LENGTH = sorted(PREFIXES.items(), key=lambda kv: -len(kv[1]))


def __getattr__(name: str) -> Any:
    """Build an rdflib namespace constant on first use (and keep it in the module)."""
    if name in _OWN or name == "GRAPH":
        from rdflib import Namespace

        value: Any = Namespace(GRAPH_BASE if name == "GRAPH" else PREFIXES[_OWN[name]])
    elif name in _RDFLIB:
        import rdflib.namespace

        value = getattr(rdflib.namespace, name)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


def compact(iri: str) -> str:
    """``iri`` as ``prefix:local`` with the most specific known prefix, else unchanged."""
    for prefix, namespace in _BY_LENGTH:
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def expand(value: str) -> str:
    """A compact IRI with a known prefix (``id:country/nl``) as a full IRI; others unchanged."""
    prefix, sep, rest = value.partition(":")
    if sep and prefix in PREFIXES and not rest.startswith("//"):
        return PREFIXES[prefix] + rest
    return value


@cache
def converter():
    """The prefix map as a ``curies.Converter`` (imported on demand: it is not cheap)."""
    import curies

    return curies.Converter.from_prefix_map(PREFIXES)
