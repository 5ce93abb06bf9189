"""Ontology QC (``c2c-kg check``): rows for missing labels, undefined terms, duplicates."""

from __future__ import annotations

import shutil

from helpers import MINI, run_cli
from rdflib import Graph

from c2c_kg.graph.records import mapped_record_files
from c2c_kg.ontology.check import _Usage, check_graphs, check_project, to_tsv
from c2c_kg.ontology.schema import read_schema, read_vocabularies

PREFIXES = """
@prefix c2c: <https://w3id.org/c2c-kg/ontology#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
"""
HEADER = """<https://w3id.org/c2c-kg/ontology> a owl:Ontology ;
    dcterms:license <https://creativecommons.org/licenses/by/4.0/> ."""


def _schema(body: str) -> Graph:
    return Graph().parse(data=PREFIXES + HEADER + body, format="turtle")


def _rows(rows, level: str, rule: str) -> list:
    return [r for r in rows if r.level == level and r.rule == rule]


def test_a_class_without_label_is_an_error():
    schema = _schema("""
c2c:Thing a owl:Class ; skos:definition "Something."@en .
c2c:Other a owl:Class ; rdfs:label "other"@en ; skos:definition "Another."@en .""")
    rows = check_graphs(schema, Graph())
    errors = _rows(rows, "ERROR", "missing_label")
    assert [r.subject for r in errors] == ["c2c:Thing"]


def test_missing_definition_duplicate_label_and_case():
    schema = _schema("""
c2c:A a owl:Class ; rdfs:label "same"@en .
c2c:B a owl:Class ; rdfs:label "Same"@en ; skos:definition "B."@en .""")
    rows = check_graphs(schema, Graph())
    assert [r.subject for r in _rows(rows, "ERROR", "missing_definition")] == ["c2c:A"]
    assert [r.subject for r in _rows(rows, "ERROR", "duplicate_label")] == ["c2c:A, c2c:B"]
    assert [r.subject for r in _rows(rows, "WARN", "label_case")] == ["c2c:B"]


def test_a_property_without_domain_or_range_is_a_warning():
    schema = _schema("""
c2c:p a owl:ObjectProperty ; rdfs:label "p"@en ; skos:definition "P."@en ;
    rdfs:range c2c:A .""")
    rows = check_graphs(schema, Graph())
    assert [r.subject for r in _rows(rows, "WARN", "missing_domain")] == ["c2c:p"]
    assert not _rows(rows, "WARN", "missing_range")


def test_missing_licence_is_an_error():
    schema = Graph().parse(data=PREFIXES + "<https://w3id.org/c2c-kg/ontology> a owl:Ontology .",
                           format="turtle")
    rows = check_graphs(schema, Graph())
    assert _rows(rows, "ERROR", "missing_licence")
    assert len(_rows(rows, "WARN", "missing_header")) == 7


def test_terms_used_but_not_defined():
    schema = _schema('\nc2c:A a owl:Class ; rdfs:label "a"@en ; skos:definition "A."@en .')
    usage = _Usage()
    usage.add_sparql("SELECT ?x WHERE { ?x a c2c:A ; c2c:nope ?y ; org:subOrganizationOf ?z ; "
                     "org:subOrganisationOf ?w ; skos:prefLabel 'c2c:inAString' ; "
                     "c2c:A/skos:broader ?v . ?v ex:thing 1 }", "queries/q.rq")
    usage.add("https://w3id.org/c2c-kg/vocab/theme/no-such-theme", "data/records/x.yaml")
    rows = check_graphs(schema, Graph(), usage)
    undefined = sorted(r.subject for r in _rows(rows, "ERROR", "undefined_term"))
    assert undefined == ["c2c:nope", "org:subOrganisationOf"]
    assert [r.where for r in _rows(rows, "ERROR", "undefined_term")] == ["queries/q.rq"] * 2
    assert [r.subject for r in _rows(rows, "ERROR", "unknown_concept")] == [
        "vocab:theme/no-such-theme"]


def test_two_concepts_of_one_scheme_with_one_label():
    vocab = Graph().parse(data=PREFIXES + """
<https://w3id.org/c2c-kg/vocab/x> a skos:ConceptScheme ; skos:prefLabel "x"@en .
<https://w3id.org/c2c-kg/vocab/x/a> a skos:Concept ;
    skos:inScheme <https://w3id.org/c2c-kg/vocab/x> ;
    skos:prefLabel "twin"@en ; skos:definition "A."@en .
<https://w3id.org/c2c-kg/vocab/x/b> a skos:Concept ;
    skos:inScheme <https://w3id.org/c2c-kg/vocab/x> ;
    skos:prefLabel "twin"@en .""", format="turtle")
    rows = check_graphs(_schema(""), vocab)
    assert _rows(rows, "ERROR", "duplicate_label")[0].subject == "vocab:x/a, vocab:x/b"
    assert [r.subject for r in _rows(rows, "ERROR", "missing_definition")] == ["vocab:x/b"]


def test_the_project_ontology_has_no_error(project):
    rows = check_project(project, mapped_record_files(project))
    assert [r for r in rows if r.level == "ERROR"] == []
    summary = [r for r in rows if r.rule == "summary" and r.subject == "ontology"]
    assert summary and "classes" in summary[0].detail


def test_tsv_has_a_header_and_one_line_per_row(project):
    schema, vocabularies = read_schema(project), read_vocabularies(project)
    rows = check_graphs(schema, vocabularies)
    lines = to_tsv(rows).splitlines()
    assert lines[0] == "level\trule\tsubject\twhere\tmessage\tvalue\tchecker"
    assert len(lines) == len(rows) + 1 and all(line.count("\t") == 6 for line in lines)


def test_check_exits_1_on_an_error(tmp_path, project):
    root = tmp_path / "p"
    shutil.copytree(MINI, root)
    shutil.rmtree(root / "ontology")
    shutil.copytree(project.ontology, root / "ontology")
    c2c = root / "ontology" / "c2c.ttl"
    text = c2c.read_text(encoding="utf-8")
    assert '    rdfs:label "city cluster"@en ;\n' in text
    c2c.write_text(text.replace('    rdfs:label "city cluster"@en ;\n', ""), encoding="utf-8")
    done = run_cli("check", "--root", str(root), "--format", "tsv", "--no-shapes")
    assert done.returncode == 1
    assert "ERROR\tmissing_label\tc2c:CityCluster\t" in done.stdout
    assert "1 ERROR row(s)" in done.stderr


def test_unconnected_class_and_unused_terms():
    schema = _schema("""
c2c:Lonely a owl:Class ; rdfs:label "lonely"@en ; skos:definition "Alone."@en .
c2c:A a owl:Class ; rdfs:label "a"@en ; skos:definition "A."@en .
c2c:B a owl:Class ; rdfs:subClassOf c2c:A ; rdfs:label "b"@en ; skos:definition "B."@en .
c2c:p a owl:ObjectProperty ; rdfs:label "p"@en ; skos:definition "P."@en ;
    rdfs:domain c2c:A ; rdfs:range c2c:A .
c2c:q a owl:ObjectProperty ; owl:inverseOf c2c:p ; rdfs:label "q"@en ; skos:definition "Q."@en ;
    rdfs:domain c2c:A ; rdfs:range c2c:A .""")
    usage = _Usage()
    usage.add_sparql("SELECT * WHERE { ?x a c2c:B ; c2c:p ?y }", "queries/q.rq")
    rows = check_graphs(schema, Graph(), usage)
    assert [r.subject for r in _rows(rows, "WARN", "unconnected_class")] == ["c2c:Lonely"]
    # A is implied by its used subclass B, q by its used inverse p
    assert [r.subject for r in _rows(rows, "INFO", "unused_term")] == ["c2c:Lonely"]
