"""The HTML documentation shows every class, property and concept scheme, and is stable."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import ClassVar

import pytest
from rdflib import Graph
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from c2c_kg.graph.records import project_data
from c2c_kg.ontology.docs import render_html, write_docs
from c2c_kg.ontology.schema import read_schema, read_vocabularies
from c2c_kg.terms import C2C


class _Collector(HTMLParser):
    """Ids of elements, and a check that block elements open and close in order."""

    BLOCKS: ClassVar[set[str]] = {"div", "table", "tr", "td", "th", "ul", "li", "h1", "h2", "h3",
                                  "nav", "p"}

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.ids |= {v for k, v in attrs if k == "id" and v}
        if tag in self.BLOCKS:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in self.BLOCKS:
            if not self.stack or self.stack[-1] != tag:
                self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            else:
                self.stack.pop()


@pytest.fixture(scope="module")
def graphs(project):
    return read_schema(project), read_vocabularies(project)


@pytest.fixture(scope="module")
def page(graphs) -> str:
    data = Graph().parse(data="""
@prefix c2c: <https://w3id.org/c2c-kg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://w3id.org/c2c-kg/id/municipality/xa/riverton> a c2c:Municipality ;
    rdfs:label "Riverton"@en .""", format="turtle")
    inferred = Graph().parse(data="""
@prefix c2c: <https://w3id.org/c2c-kg/ontology#> .
<https://w3id.org/c2c-kg/id/municipality/xa/riverton> a c2c:FourthPillarActor .""",
                             format="turtle")
    return render_html(*graphs, data, inferred)


def _parsed(page: str) -> _Collector:
    collector = _Collector()
    collector.feed(page)
    return collector


def test_every_class_and_property_has_a_section_with_its_label(graphs, page):
    schema, _ = graphs
    ids = _parsed(page).ids
    terms = [t for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
             for t in schema.subjects(RDF.type, kind) if str(t).startswith(str(C2C))]
    assert len(terms) > 60
    for term in terms:
        local = str(term).split("#")[1]
        assert local in ids, local
        label = schema.value(term, RDFS.label)
        assert f"<h3>{label}" in page, label


def test_every_concept_scheme_and_concept_is_shown(graphs, page):
    _, vocabularies = graphs
    ids = _parsed(page).ids
    for scheme in vocabularies.subjects(RDF.type, SKOS.ConceptScheme):
        assert f"scheme-{str(scheme).rsplit('/', 1)[1]}" in ids
    for concept in vocabularies.subjects(RDF.type, SKOS.Concept):
        scheme, slug = str(concept).rsplit("/", 2)[1:]
        assert f"{scheme}-{slug}" in ids, concept


def test_defined_classes_show_their_expression_and_inferred_examples(page):
    block = page.split('id="FourthPillarActor"', 1)[1].split('<div class="term"', 1)[0]
    assert "defined class" in block
    assert "equivalent to" in block
    for member in ("LocalGovernment", "PrivateInitiative", "Company", "LabourUnion",
                   "MigrantOrganisation"):
        assert f'href="#{member}"' in block, member
    assert " or " in block and " and " in block
    assert "Riverton" in block and "(inferred)" in block
    municipality = page.split('id="Municipality"', 1)[1].split('<div class="term"', 1)[0]
    assert "Riverton" in municipality and "(inferred)" not in municipality


def test_the_page_is_well_nested_and_deterministic(graphs, page):
    collector = _parsed(page)
    assert collector.errors == [] and collector.stack == []
    assert render_html(*graphs) == render_html(*graphs)


def test_write_docs_writes_the_file(project, tmp_path):
    target = write_docs(project, project_data(project), tmp_path / "index.html", reason=False)
    text = target.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and 'id="MigrantLinkPartnership"' in text


def test_concepts_curated_as_records_appear_in_their_scheme(graphs):
    data = Graph().parse(data="""
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://w3id.org/c2c-kg/vocab/concept/peer-learning> a skos:Concept ;
    skos:inScheme <https://w3id.org/c2c-kg/vocab/concept> ;
    skos:prefLabel "peer learning"@en ; skos:definition "Learning from equals."@en .""",
                         format="turtle")
    page = render_html(*graphs, data)
    block = page.split('id="scheme-concept"', 1)[1].split('<div class="term"', 1)[0]
    assert 'id="concept-peer-learning"' in block and "Learning from equals." in block
