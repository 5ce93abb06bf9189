"""The reasoner infers what the ontology's defined classes and property axioms promise.

Runs HermiT (through owlready2) on the project's ontology and small made-up data graphs in
tests/fixtures/reasoning/; needs Java.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from c2c_kg.errors import DataError
from c2c_kg.ontology.reason import Inferences, reasoner_input, run_reasoner
from c2c_kg.ontology.reasoning import materialise
from c2c_kg.ontology.schema import read_schema, read_vocabularies
from c2c_kg.terms import C2C, ID

FIXTURES = Path(__file__).parents[1] / "fixtures" / "reasoning"

NORTH = ID["municipality/aa/north"]
SOUTH = ID["municipality/aa/south"]
EAST = ID["municipality/bb/east"]
WEST = ID["municipality/cc/west"]
DISTRICT = ID["municipality/aa/north-old-town"]


def _data(name: str) -> Graph:
    return Graph().parse(FIXTURES / name)


@pytest.fixture(scope="module")
def ontology(project):
    return read_schema(project), read_vocabularies(project)


@pytest.fixture(scope="module")
def inferred(ontology) -> Inferences:
    schema, vocabularies = ontology
    return run_reasoner(schema, vocabularies, _data("partners.ttl"))


def _types(inferences: Inferences, node: URIRef) -> set:
    return set(inferences.types.objects(node, RDF.type))


def test_a_municipality_is_inferred_a_fourth_pillar_actor(inferred):
    assert C2C.FourthPillarActor in _types(inferred, NORTH)
    assert C2C.FourthPillarActor in _types(inferred, DISTRICT)  # a district is a municipality


def test_fourth_pillar_membership_follows_the_kind_of_actor(inferred):
    assert C2C.FourthPillarActor in _types(inferred, ID["organisation/acme"])  # company
    assert C2C.FourthPillarActor in _types(inferred, ID["organisation/diaspora"])  # migrants
    assert C2C.FourthPillarActor not in _types(inferred, ID["organisation/help"])  # plain NGO
    assert C2C.FourthPillarActor not in _types(inferred, ID["organisation/ministry"])


def test_superclasses_are_materialised_but_stated_types_are_not_repeated(inferred):
    assert {C2C.Actor, C2C.LocalGovernment} <= _types(inferred, NORTH)
    assert C2C.Municipality not in _types(inferred, NORTH)  # stated in the data
    assert C2C.Municipality in _types(inferred, DISTRICT)  # only CityDistrict was stated
    assert all(str(o).startswith(str(C2C)) for o in inferred.types.objects())


def test_migrant_source_and_destination_countries_are_inferred(inferred):
    assert C2C.MigrantSourceCountry in _types(inferred, ID["country/bb"])
    assert C2C.MigrantDestinationCountry in _types(inferred, ID["country/aa"])
    assert C2C.MigrantSourceCountry not in _types(inferred, ID["country/aa"])
    assert not _types(inferred, ID["country/cc"]) & {C2C.MigrantSourceCountry,
                                                     C2C.MigrantDestinationCountry}


def test_a_partnership_across_a_migration_corridor_is_a_migrant_link(inferred):
    assert C2C.MigrantLinkPartnership in _types(inferred, ID["partnership/north-east"])
    assert C2C.MigrantLinkPartnership not in _types(inferred, ID["partnership/north-south"])


def test_partner_of_holds_both_ways(inferred):
    values = inferred.values
    assert (NORTH, C2C.partnerOf, EAST) in values
    assert (EAST, C2C.partnerOf, NORTH) in values
    assert (NORTH, C2C.partnerOf, SOUTH) in values and (SOUTH, C2C.partnerOf, NORTH) in values
    assert (SOUTH, C2C.partnerOf, EAST) not in values  # never in one cooperation
    assert not any(s == o for s, o in values.subject_objects(C2C.partnerOf))


def test_a_stated_partner_of_is_made_symmetric_by_the_reasoner(inferred):
    assert (EAST, C2C.partnerOf, WEST) in inferred.values
    assert (WEST, C2C.partnerOf, EAST) not in inferred.values  # stated, so not repeated


def test_inverse_and_transitive_values(inferred):
    values = inferred.values
    assert (ID["platform/bb"], C2C.hasMember, SOUTH) in values
    assert (NORTH, C2C.hasPart, DISTRICT) in values
    assert (ID["country/aa"], C2C.receivesMigrantsFrom, ID["country/bb"]) in values
    assert (NORTH, C2C.partnerIn, ID["partnership/north-east"]) in values


def test_the_input_leaves_out_annotations_and_punned_types(ontology):
    schema, vocabularies = ontology
    graph = reasoner_input(schema, vocabularies, _data("partners.ttl"))
    from rdflib.namespace import RDFS

    assert not list(graph.triples((NORTH, RDFS.label, None)))
    assert (C2C.refArea, RDF.type, URIRef("http://purl.org/linked-data/cube#DimensionProperty")) \
        not in graph


def test_a_contradictory_graph_is_reported_inconsistent(ontology):
    schema, vocabularies = ontology
    with pytest.raises(DataError) as caught:
        run_reasoner(schema, vocabularies, _data("contradiction.ttl"))
    message = str(caught.value)
    assert "inconsistent" in message
    assert "id:municipality/aa/north is both" in message
    assert "c2c:NonGovernmentalOrganisation" in message and "c2c:LocalGovernment" in message
    assert "id:country/aa is both c2c:Actor" in message  # a country as a partner


def test_materialise_is_deterministic_and_returns_types_and_values(ontology):
    schema, vocabularies = ontology
    data = _data("partners.ttl")
    first = materialise(schema, vocabularies, data)
    second = materialise(schema, vocabularies, data)
    assert set(first) == set(second)
    assert (EAST, C2C.partnerOf, NORTH) in first
    assert (NORTH, RDF.type, C2C.FourthPillarActor) in first
    assert not set(first) & set(data)


def test_pellet_agrees_with_hermit_on_the_defined_classes(ontology, inferred):
    schema, vocabularies = ontology
    pellet = run_reasoner(schema, vocabularies, _data("partners.ttl"), reasoner="pellet")
    for node, cls in ((NORTH, C2C.FourthPillarActor),
                      (ID["partnership/north-east"], C2C.MigrantLinkPartnership)):
        assert (node, RDF.type, cls) in pellet.types
    assert (EAST, C2C.partnerOf, NORTH) in pellet.values


def test_an_unsatisfiable_class_is_named(ontology):
    schema, vocabularies = ontology
    broken = Graph()
    for triple in schema:
        broken.add(triple)
    broken.parse(data="""
@prefix c2c: <https://w3id.org/c2c-kg/ontology#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
c2c:MunicipalNgo a owl:Class ;
    rdfs:subClassOf c2c:Municipality, c2c:NonGovernmentalOrganisation .""", format="turtle")
    with pytest.raises(DataError) as caught:
        run_reasoner(broken, vocabularies, _data("partners.ttl"))
    assert "unsatisfiable" in str(caught.value)
    assert "https://w3id.org/c2c-kg/ontology#MunicipalNgo" in str(caught.value)


def test_a_clash_that_needs_reasoning_is_explained_by_pellet(ontology):
    schema, vocabularies = ontology
    data = Graph().parse(data="""
@prefix c2c: <https://w3id.org/c2c-kg/ontology#> .
<https://w3id.org/c2c-kg/id/country/aa> a c2c:Country ;
    c2c:receivesMigrantsFrom <https://w3id.org/c2c-kg/id/country/aa> .""", format="turtle")
    with pytest.raises(DataError) as caught:  # the inverse of an irreflexive property
        run_reasoner(schema, vocabularies, data)
    message = str(caught.value)
    assert "no simple clash" in message
    assert "Pellet explains it" in message and "sendsMigrantsTo" in message
