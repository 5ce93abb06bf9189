"""One findings type: SHACL results, reasoner clashes and QC rows in one report."""

from __future__ import annotations

import json

from helpers import mini_project, run_cli
from rdflib import Graph

from c2c_kg.findings import Finding, from_violation, to_tsv
from c2c_kg.graph.shacl import Violation
from c2c_kg.ontology.clash import clash_findings, find_clashes

TTL = """
@prefix c2c: <https://w3id.org/c2c-kg/ontology#> .
@prefix id: <https://w3id.org/c2c-kg/id/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""


def test_a_shacl_result_becomes_a_finding():
    violation = Violation(severity="Warning", focus="id:municipality/xa/riverton",
                          path="c2c:population", value="'-5'", message="Not negative.",
                          shape="c2csh:Municipality")
    assert from_violation(violation) == Finding(
        "WARN", "c2csh:Municipality", "id:municipality/xa/riverton", "c2c:population",
        "Not negative.", "'-5'", "shacl")
    anonymous = Violation("Violation", "id:x", "c2c:country", "", "Needs one.", "n0b1c2")
    assert from_violation(anonymous).rule == "shacl"
    assert from_violation(anonymous).level == "ERROR"


def test_clashes_are_findings_and_still_sentences():
    schema = Graph().parse(data=TTL + """
c2c:Actor a owl:Class . c2c:Country a owl:Class ; owl:disjointWith c2c:Actor .
c2c:population a owl:DatatypeProperty ; rdfs:range xsd:integer .""", format="turtle")
    data = Graph().parse(data=TTL + """
id:x a c2c:Actor, c2c:Country ; c2c:population "many" .""", format="turtle")
    found = clash_findings(schema, data)
    assert [(f.level, f.rule, f.subject, f.checker) for f in found] == [
        ("ERROR", "datatype_range", "id:x", "reasoner"),
        ("ERROR", "disjoint_classes", "id:x", "reasoner")]
    assert found[0].where == "c2c:population" and found[0].value == '"many"'
    assert find_clashes(schema, data) == sorted(f.message for f in found)


def test_check_reports_qc_and_shacl_in_one_table(tmp_path):
    project = mini_project(tmp_path)
    places = project.data / "records" / "places.yaml"
    places.write_text(places.read_text().replace("  country: country/xa\n", "", 1))
    done = run_cli("check", "--root", str(project.root), "-f", "json")
    assert done.returncode == 1 and "ERROR row(s)" in done.stderr
    rows = [Finding(**row) for row in json.loads(done.stdout)]
    assert {r.checker for r in rows} == {"check", "shacl"}
    shacl = [r for r in rows if r.checker == "shacl"]
    assert [(r.level, r.subject, r.where) for r in shacl] == [
        ("ERROR", "id:municipality/xa/riverton", "c2c:country")]
    assert rows[0].level == "ERROR" and rows[-1].level == "INFO"  # errors first
    tsv = run_cli("check", "--root", str(project.root), "-f", "tsv").stdout
    assert tsv == to_tsv(rows)
    quick = run_cli("check", "--root", str(project.root), "--no-shapes", "-f", "json").stdout
    assert {row["checker"] for row in json.loads(quick)} == {"check"}
