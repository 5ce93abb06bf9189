"""The one term service: one prefix map, lazy rdflib namespaces, and the files that repeat the
prefixes (the JSON-LD context, the shapes' sh:declare block) checked against it."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from helpers import ROOT
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import RDF as RDFLIB_RDF
from rdflib.namespace import SH

from c2c_kg import terms
from c2c_kg.terms import C2C, GRAPH, GRAPHS, OA, PREFIXES, RDF, compact, converter, expand


def test_importing_terms_does_not_import_rdflib():
    code = ("import sys, c2c_kg.terms as t; t.compact(t.PREFIXES['c2c'] + 'X'); "
            "print('rdflib' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "False"


def test_namespaces_are_the_rdflib_objects_they_were():
    assert isinstance(C2C, Namespace) and str(C2C.Municipality) == PREFIXES["c2c"] + "Municipality"
    assert RDF is RDFLIB_RDF
    assert str(OA.start) == "http://www.w3.org/ns/oa#start"
    assert str(GRAPH["data"]) == GRAPHS["data"]
    with pytest.raises(AttributeError):
        terms.NOPE  # noqa: B018


@pytest.mark.parametrize(("iri", "short"), [
    ("https://w3id.org/c2c-kg/id/country/nl", "id:country/nl"),
    ("https://w3id.org/c2c-kg/ontology#Municipality", "c2c:Municipality"),
    ("https://w3id.org/c2c-kg/vocab/status/active", "vocab:status/active"),
    ("http://www.w3.org/2001/XMLSchema#gYear", "xsd:gYear"),
    ("https://w3id.org/c2c-kg/id/", "https://w3id.org/c2c-kg/id/"),  # a bare namespace
    ("https://example.org/x", "https://example.org/x"),
])
def test_compact_and_expand_round_trip_and_agree_with_curies(iri, short):
    assert compact(iri) == short
    assert expand(short) == iri
    if short != iri:
        assert converter().compress(iri) == short
        assert converter().expand(short) == iri


def test_expand_leaves_urls_and_unknown_prefixes_alone():
    assert expand("https://example.org/a") == "https://example.org/a"
    assert expand("nope:x") == "nope:x"


def test_the_json_ld_context_uses_the_same_prefixes():
    context = json.loads((ROOT / "data" / "context.jsonld").read_text("utf-8"))["@context"]
    declared = {k: v for k, v in context.items() if isinstance(v, str) and not k.startswith("@")
                and not v.startswith("@")}
    assert declared, "the context declares prefixes"
    assert {k: PREFIXES.get(k) for k in declared} == declared


def test_the_shapes_declare_the_same_prefixes():
    shapes = Graph()
    for path in sorted((ROOT / "shapes").glob("*.ttl")):
        shapes.parse(path)
    declared = {str(shapes.value(d, SH.prefix)): str(shapes.value(d, SH.namespace))
                for d in shapes.objects(None, SH.declare)}
    assert declared, "the shapes declare prefixes for their SPARQL constraints"
    assert {k: PREFIXES.get(k) for k in declared} == declared
    for d in shapes.objects(None, SH.declare):
        assert shapes.value(d, SH.namespace).datatype == URIRef(PREFIXES["xsd"] + "anyURI")
