"""VoID and DCAT descriptions of the dataset the server holds, made from the store itself.

Served as Turtle (or another RDF format by content negotiation) at ``/.well-known/void`` and
``/dataset``; the two distributions are served at ``/dataset/c2c-kg.trig`` and ``.nq``. The
official DCAT-AP SHACL shapes are not to be had offline here; ``dcat_ap.ttl`` beside this module
holds our own shapes for the DCAT-AP 3 properties this description must or should have, and the
tests validate the description with them.
"""

from __future__ import annotations

from ..terms import BASE, GRAPHS

__all__ = ["DOWNLOADS", "dataset_description"]

DCAT = "http://www.w3.org/ns/dcat#"
VOID = "http://rdfs.org/ns/void#"
DCT = "http://purl.org/dc/terms/"
FOAF = "http://xmlns.com/foaf/0.1/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD = "http://www.w3.org/2001/XMLSchema#"
EU = "http://publications.europa.eu/resource/authority/"
THEMES, FORMATS = EU + "data-theme/", EU + "file-type/"
PUBLISHER_TYPES = "http://purl.org/adms/publishertype/"
#: The distributions served at /dataset/FILE: file name -> (export format, media type).
DOWNLOADS = {"c2c-kg.trig": ("trig", "application/trig"),
             "c2c-kg.nq": ("nquads", "application/n-quads")}


def dataset_description(dataset, base_url: str) -> list:
    """Triples describing the dataset: title, licence, publisher, endpoint, graphs, sizes."""
    import pyoxigraph as ox

    def n(iri: str):
        return ox.NamedNode(iri)

    me = n(BASE + "dataset")
    service = n(base_url + "/sparql")
    ontology = n(BASE + "ontology")
    triples = [ox.Triple(me, n(RDF_TYPE), n(DCAT + "Dataset")),
               ox.Triple(me, n(RDF_TYPE), n(VOID + "Dataset"))]

    def add(s, p, o):
        triples.append(ox.Triple(s, n(p), o))

    add(me, DCT + "title", ox.Literal("c2c-kg: a knowledge graph of city-to-city cooperation",
                                      language="en"))
    add(me, DCT + "description", ox.Literal(
        "Partnerships, programmes, platforms and actors of city-to-city cooperation, each fact "
        "with the passage of the source it was taken from.", language="en"))
    meta = {t.predicate.value: t.object for t in dataset.describe(BASE + "ontology")[0]}
    licence = meta.get(DCT + "license", n("https://creativecommons.org/licenses/by/4.0/"))
    add(me, DCT + "license", licence)
    add(licence, RDF_TYPE, n(DCT + "LicenseDocument"))
    for keyword in ("town twinning", "municipal partnership", "decentralised cooperation",
                    "city-to-city cooperation"):
        add(me, DCAT + "keyword", ox.Literal(keyword, language="en"))
    add(me, DCAT + "theme", n(THEMES + "GOVE"))
    add(me, DCT + "conformsTo", ontology)
    publisher = ox.BlankNode()
    add(me, DCT + "publisher", publisher)
    add(publisher, RDF_TYPE, n(FOAF + "Agent"))
    add(publisher, FOAF + "name", ox.Literal("c2c-kg developers"))
    add(publisher, DCT + "type", n(PUBLISHER_TYPES + "Academia-ScientificOrganisation"))
    add(me, VOID + "sparqlEndpoint", service)
    add(me, VOID + "vocabulary", ontology)
    add(me, VOID + "uriSpace", ox.Literal(BASE + "id/"))
    add(me, DCAT + "accessService", service)
    add(service, RDF_TYPE, n(DCAT + "DataService"))
    add(service, DCT + "title", ox.Literal("c2c-kg SPARQL endpoint (read-only)", language="en"))
    add(service, DCAT + "endpointURL", service)
    add(service, DCT + "conformsTo", n("https://www.w3.org/TR/sparql11-protocol/"))
    add(service, DCAT + "servesDataset", me)
    sizes = dataset.run("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
                        limit=10_000, timeout=60).rows
    total = 0
    known = set(GRAPHS.values())
    for graph, count in sizes:
        total += int(count.value)
        part = n(graph.value)
        add(me, VOID + "subset", part)
        add(part, RDF_TYPE, n(VOID + "Dataset"))
        add(part, VOID + "triples", ox.Literal(count.value, datatype=n(XSD + "integer")))
        if graph.value in known:
            add(part, DCT + "title", ox.Literal(graph.value.rsplit("/", 1)[-1]))
    add(me, VOID + "triples", ox.Literal(str(total), datatype=n(XSD + "integer")))
    for fmt, media, kind in (("trig", "application/trig", "TRIG"),
                             ("nq", "application/n-quads", "RDF_N_QUADS")):
        dist = n(f"{BASE}dataset/c2c-kg.{fmt}")
        here = n(f"{base_url}/dataset/c2c-kg.{fmt}")
        add(me, DCAT + "distribution", dist)
        add(dist, RDF_TYPE, n(DCAT + "Distribution"))
        add(dist, DCAT + "accessURL", here)
        add(dist, DCAT + "downloadURL", here)
        add(dist, DCAT + "mediaType", n("https://www.iana.org/assignments/media-types/" + media))
        add(dist, DCT + "format", n(FORMATS + kind))
        add(dist, DCT + "license", licence)
        add(dist, DCT + "title", ox.Literal(f"c2c-kg.{fmt}, written by c2c-kg build/export"))
        add(dist, DCT + "description", ox.Literal(
            "Every published graph of the dataset (not the quotes of the sources).",
            language="en"))
    return triples
