"""The ontology mixed into the data before validation equals pyshacl's own ("inoculation")."""

from __future__ import annotations

import pytest
from helpers import ROOT
from pyshacl.rdfutil.inoculate import inoculate
from rdflib import Graph

from c2c_kg.graph.mixin import ontology_mixin
from c2c_kg.ontology.schema import read_schema
from c2c_kg.project import Project

AXIOMS = """
@prefix : <http://example.org/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

:Place a owl:Class ; rdfs:label "place"@en ; rdfs:subClassOf [
    a owl:Restriction ; owl:onProperty :in ; owl:someValuesFrom [ owl:unionOf (:A :B [
        a owl:Restriction ; owl:onProperty :p ; owl:hasValue "01"^^xsd:integer ]) ] ] .
:Town a owl:Class ; rdfs:subClassOf :Place ; owl:disjointWith :Village .
_:all a owl:AllDisjointClasses ; owl:members (:Town :Village :Place) .
:amsterdam a owl:NamedIndividual , :Town ; :twin :izmir ; :note [ :deep [ :deeper 1 ] ] .
:izmir a owl:NamedIndividual ; owl:sameAs :izmir ; :names ("İzmir" "Smyrna") .
:durban :twin :amsterdam .
_:b :knows :amsterdam .
:in a owl:ObjectProperty ; rdfs:domain :Place ; rdfs:range [ owl:oneOf (:x :y) ] .
:chain a owl:ObjectProperty ; owl:propertyChainAxiom (:in :in) .
:other :unrelated "not copied" .
"""


def _canonical(graph: Graph) -> list[str]:
    """The graph's triples with canonical blank-node labels (RDFC-1.0, by Oxigraph)."""
    import pyoxigraph as ox

    dataset = ox.Dataset(ox.parse(graph.serialize(format="nt", encoding="utf-8"),
                                  ox.RdfFormat.N_TRIPLES))
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return sorted(str(quad) for quad in dataset)


@pytest.mark.parametrize("name", ["axioms", "project ontology"])
def test_the_mixin_is_the_triples_pyshacl_copies(name):
    if name == "axioms":
        ontology = Graph().parse(data=AXIOMS, format="turtle")
    else:
        ontology = read_schema(Project(ROOT))
    ours = ontology_mixin(ontology)
    theirs = inoculate(Graph(), ontology)
    assert len(ours) == len(theirs) > 0
    assert _canonical(ours) == _canonical(theirs)


def test_the_mixin_leaves_out_what_is_no_axiom():
    ours = ontology_mixin(Graph().parse(data=AXIOMS, format="turtle"))
    assert "not copied" not in {str(o) for o in ours.objects()}
    assert "durban" in {str(s).rsplit("/", 1)[-1] for s in ours.subjects()}  # points to one
