"""The ontology and vocabularies keep the contract, the modelling plan and OWL 2 DL hygiene."""

from __future__ import annotations

import re

import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, VANN

from c2c_kg.ontology.schema import read_schema, read_vocabularies
from c2c_kg.terms import C2C, VOCAB

# The core names of the vocabulary contract (../shared/design/VOCABULARY.md), copied here so
# that the test needs nothing outside the repository.
CONTRACT_CLASSES = [
    "Actor", "LocalGovernment", "Municipality", "LocalGovernmentAssociation",
    "NonGovernmentalOrganisation", "MigrantOrganisation", "NationalGovernmentBody",
    "InternationalOrganisation", "FourthPillarActor", "Country", "DecentralisedCooperation",
    "MunicipalPartnership", "CoDevelopmentInitiative", "SupportProgramme", "MunicipalPlatform",
    "CityNetwork", "KnowledgeExchange",
]
CONTRACT_PROPERTIES = [
    "hasPartner", "partnerOf", "country", "startYear", "endYear", "status", "supportedBy",
    "fundedBy", "executedBy", "memberOf", "hasTheme", "hasObjective",
]


@pytest.fixture(scope="module")
def schema(project):
    return read_schema(project)


@pytest.fixture(scope="module")
def vocabularies(project):
    return read_vocabularies(project)


def test_the_header_is_complete(schema):
    onto = URIRef("https://w3id.org/c2c-kg/ontology")
    assert (onto, RDF.type, OWL.Ontology) in schema
    for predicate in (DCTERMS.title, DCTERMS.description, DCTERMS.license, DCTERMS.creator,
                      DCTERMS.source, OWL.versionIRI, OWL.versionInfo,
                      VANN.preferredNamespacePrefix, VANN.preferredNamespaceUri):
        assert schema.value(onto, predicate) is not None, predicate
    assert str(schema.value(onto, VANN.preferredNamespaceUri)) == str(C2C)


@pytest.mark.parametrize("name", CONTRACT_CLASSES)
def test_contract_classes_are_declared_with_label_and_definition(schema, name):
    term = C2C[name]
    assert (term, RDF.type, OWL.Class) in schema
    assert any(o.language == "en" for o in schema.objects(term, RDFS.label))
    assert any(o.language == "en" for o in schema.objects(term, SKOS.definition))


@pytest.mark.parametrize("name", CONTRACT_PROPERTIES)
def test_contract_properties_are_declared(schema, name):
    term = C2C[name]
    kinds = set(schema.objects(term, RDF.type))
    assert kinds & {OWL.ObjectProperty, OWL.DatatypeProperty}
    assert schema.value(term, RDFS.range) is not None


def test_contract_alignments(schema):
    from c2c_kg.terms import ORG, PROV

    assert {ORG.Organization, PROV.Agent} <= set(schema.objects(C2C.Actor, RDFS.subClassOf))
    assert (C2C.DecentralisedCooperation, RDFS.subClassOf, ORG.OrganizationalCollaboration) \
        in schema
    assert (C2C.hasPartner, RDFS.subPropertyOf, ORG.hasMember) in schema
    assert (C2C.SupportProgramme, RDFS.subClassOf, PROV.Activity) in schema
    assert (C2C.partnerOf, RDF.type, OWL.SymmetricProperty) in schema
    # an actor may be in more than one country (cross-border bodies), so not functional
    assert (C2C.country, RDF.type, OWL.FunctionalProperty) not in schema


@pytest.mark.parametrize("name", ["FourthPillarActor", "MigrantLinkPartnership",
                                  "MigrantSourceCountry", "MigrantDestinationCountry"])
def test_defined_classes_have_an_equivalent_class_expression(schema, name):
    expressions = list(schema.objects(C2C[name], OWL.equivalentClass))
    assert expressions and all(isinstance(e, BNode) for e in expressions)


def test_owl2_dl_hygiene(schema):
    from rdflib.namespace import XSD

    classes = set(schema.subjects(RDF.type, OWL.Class))
    object_props = set(schema.subjects(RDF.type, OWL.ObjectProperty))
    data_props = set(schema.subjects(RDF.type, OWL.DatatypeProperty))
    annotation_props = set(schema.subjects(RDF.type, OWL.AnnotationProperty))
    assert not object_props & data_props
    assert not (object_props | data_props) & annotation_props
    assert not {c for c in classes if isinstance(c, URIRef)} & (object_props | data_props)
    for prop in data_props:
        for range_ in schema.objects(prop, RDFS.range):
            assert str(range_).startswith((str(XSD), str(RDF), str(RDFS))), (prop, range_)
    for prop in object_props:
        for range_ in schema.objects(prop, RDFS.range):
            assert not str(range_).startswith(str(XSD)), (prop, range_)
    # every predicate used in the ontology's own annotations is declared or built in
    builtin = (str(RDF), str(RDFS), str(OWL))
    used = {p for p in schema.predicates() if not str(p).startswith(builtin)}
    assert used <= annotation_props | object_props | data_props, used - annotation_props


def test_every_c2c_term_has_english_label_in_lower_case_and_definition(schema):
    terms = {s for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
             for s in schema.subjects(RDF.type, kind) if str(s).startswith(str(C2C))}
    assert len(terms) > 60
    for term in terms:
        labels = [o for o in schema.objects(term, RDFS.label) if o.language == "en"]
        assert len(labels) == 1 and str(labels[0]) == str(labels[0]).lower(), term
        assert any(isinstance(o, Literal) for o in schema.objects(term, SKOS.definition)), term


def _plan_slugs(project) -> dict[str, list[str]]:
    """The concept slugs listed in docs/modelling.md ("Concept slugs"), by scheme."""
    text = (project.root / "docs" / "modelling.md").read_text(encoding="utf-8")
    section = text.split("## Concept slugs", 1)[1].split("\n## ", 1)[0]
    section = section.split("\n- ", 1)[1].split("\n\n", 1)[0]  # the list only
    section = "\n- " + section
    slugs: dict[str, list[str]] = {}
    for item in re.split(r"\n- ", section)[1:]:
        scheme = re.match(r"`(\w+)`", item).group(1)
        body = item.split(":", 1)[1]
        body = re.sub(r"\([^)]*\)", "", body)
        slugs[scheme] = [s.strip(" .\n") for s in re.split(r",\s*", " ".join(body.split()))
                         if s.strip(" .\n") and " " not in s.strip(" .\n")]
    return slugs


def test_every_slug_of_the_modelling_plan_is_a_concept(project, vocabularies):
    plan = _plan_slugs(project)
    assert {"status", "theme", "objective", "route", "pillar", "region", "unit", "stance",
            "term"} <= set(plan)
    for scheme, slugs in plan.items():
        assert (VOCAB[scheme], RDF.type, SKOS.ConceptScheme) in vocabularies, scheme
        if scheme == "concept":  # its concepts are curated records
            continue
        for slug in slugs:
            concept = VOCAB[f"{scheme}/{slug}"]
            assert (concept, RDF.type, SKOS.Concept) in vocabularies, concept
            assert (concept, SKOS.inScheme, VOCAB[scheme]) in vocabularies


def test_concepts_have_english_and_dutch_labels_and_a_definition(vocabularies):
    concepts = set(vocabularies.subjects(RDF.type, SKOS.Concept))
    assert len(concepts) > 70
    for concept in concepts:
        languages = {o.language for o in vocabularies.objects(concept, SKOS.prefLabel)}
        assert {"en", "nl"} <= languages, concept
        assert vocabularies.value(concept, SKOS.definition) is not None, concept


def test_status_labels_are_exact(vocabularies):
    for slug in ("active", "ended", "abandoned"):
        labels = {str(o) for o in vocabularies.objects(VOCAB[f"status/{slug}"], SKOS.prefLabel)
                  if o.language == "en"}
        assert labels == {slug}
