"""Each contribution rule, located at the row and column or line it concerns."""

from __future__ import annotations

import json
from pathlib import Path

from contribute_helpers import FIXTURES, HEADER, check, rules, write
from rdflib import Graph
from rdflib.namespace import SH

from c2c_kg.contribute.report import render_json, render_text, render_turtle
from c2c_kg.project import Project

TTL = """@prefix c2c: <https://w3id.org/c2c-kg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

"""
PARTNERSHIP = """<partnership/{name}> a c2c:MunicipalPartnership ;
    rdfs:label "{name}"@en ;
    c2c:hasPartner <municipality/xa/riverton> , <{other}> {extra}.
"""


def _ttl(tmp_path: Path, *blocks: str) -> Path:
    return write(tmp_path, "c.ttl", TTL + "\n".join(blocks))


def _one(outcome, rule: str):
    found = [f for f in outcome.findings if f.rule == rule]
    assert found, [(f.rule, f.text()) for f in outcome.findings]
    return found[0]


def test_unknown_partner_is_reported_at_its_line(tmp_path):
    path = _ttl(tmp_path, PARTNERSHIP.format(name="a", other="municipality/xb/atlantis",
                                             extra=""))
    finding = _one(check(path), "unknown-reference")
    assert (finding.line, finding.field, finding.value) == (5, "partner",
                                                             "municipality/xb/atlantis")


def test_wrong_datatype_fails_the_shape_with_its_dutch_message(tmp_path):
    path = _ttl(tmp_path, PARTNERSHIP.format(name="a", other="municipality/xb/hillcrest2",
                                             extra="").replace("hillcrest2", "springfield"),
                PARTNERSHIP.format(name="b", other="municipality/xb/lakeside",
                                   extra='; c2c:startYear "19x0"^^xsd:gYear '))
    finding = _one(check(path), "c2csh:YearShape")
    assert (finding.record, finding.line, finding.field) == ("partnership/b", 9, "startYear")
    assert finding.text("nl") == "Een beginjaar is één jaartal tussen 1800 en 2030."
    assert finding.text("en") == "A start year is one plain year between 1800 and 2030."


def test_sparql_rule_messages_are_translated_with_their_values(tmp_path):
    path = _ttl(tmp_path, PARTNERSHIP.format(name="same", other="municipality/xa/harbourg",
                                             extra=""))
    finding = _one(check(path), "c2csh:TwoCountriesShape")
    assert finding.text("nl").startswith("Partnerschap https://w3id.org/c2c-kg/id/partnership/"
                                         "same heeft geen partners")


def test_duplicate_of_an_existing_partnership_by_its_partners(tmp_path):
    path = write(tmp_path, "d.yaml", """\
- id: partnership/riverton-and-hillcrest
  type: MunicipalPartnership
  label: Riverton and Hillcrest
  partner: [municipality/xb/hillcrest, municipality/xa/riverton]
""")
    finding = _one(check(path), "duplicate")
    assert finding.line == 1
    assert "partnership/riverton-hillcrest in the graph" in finding.text()


def test_duplicate_of_an_existing_partnership_id(tmp_path):
    path = write(tmp_path, "d.csv", HEADER + "Riverton,Xland,Hillcrest,Yland,1980,,,,\n")
    finding = _one(check(path), "duplicate")
    assert (finding.row, finding.record) == (2, "partnership/riverton-hillcrest")
    assert not [f for f in check(path).findings if f.rule == "curated-subject"]


def test_duplicate_rows_within_the_contribution(tmp_path):
    path = write(tmp_path, "d.csv", HEADER + "Riverton,Xland,municipality/xb/springfield,,1990"
                 ",,,,\n" + "Riverton,Xland,municipality/xb/springfield,,1991,,,,\n")
    finding = _one(check(path), "duplicate")
    assert finding.row == 3
    assert "row 2" in finding.text()


def test_statements_about_curated_records_are_refused(tmp_path):
    path = _ttl(tmp_path, '<municipality/xa/riverton> rdfs:label "Hacked"@en .\n')
    finding = _one(check(path), "curated-subject")
    assert (finding.line, finding.record) == (5, "municipality/xa/riverton")


def test_statements_outside_the_record_namespace_are_refused(tmp_path):
    path = _ttl(tmp_path, 'c2c:Municipality rdfs:label "town"@en .\n')
    finding = _one(check(path), "outside-namespace")
    assert finding.line == 5


def test_unknown_properties_and_classes_are_refused(tmp_path):
    path = _ttl(tmp_path, PARTNERSHIP.format(
        name="a", other="municipality/xb/lakeside",
        extra="; <http://example.org/madeUp> 1 ").replace("MunicipalPartnership",
                                                          "MunicipalPartnershipp"))
    outcome = check(path)
    values = {f.value for f in outcome.findings if f.rule == "unknown-term"}
    assert values == {"http://example.org/madeUp",
                      "https://w3id.org/c2c-kg/ontology#MunicipalPartnershipp"}
    assert {f.line for f in outcome.findings if f.rule == "unknown-term"} == {5}


def test_names_codes_and_countries_that_do_not_resolve(tmp_path):
    path = write(tmp_path, "r.csv", HEADER
                 + "Riverton,Xland,Springfield,Yland,1990,,,,\n"
                 + "Riverton,Xland,Lakeside,Zland,1990,,,,\n"
                 + "Riverton,Xland,Q424242,,1990,,,,\n"
                 + "Riverton,Xland,GM0001,,1990,,,,\n"
                 + "Riverton,Xland,Atlantis,Yland,1990,,,,\n"
                 + ",,Lakeside,Yland,1990,,,,\n")
    found = [(f.rule, f.row, f.column) for f in check(path).findings]
    assert found == [
        ("ambiguous-name", 2, "partner_b (C)"),
        ("unknown-country", 3, "partner_b_country (D)"),
        ("unknown-code", 4, "partner_b (C)"),
        ("unknown-code", 5, "partner_b (C)"),
        ("unknown-reference", 6, "partner_b (C)"),
        ("missing-value", 7, "partner_a (A)"),
    ]


def test_missing_and_unknown_columns(tmp_path):
    path = write(tmp_path, "c.csv", "partner_a,partner_b,start_year,colour\nRiverton,x,1990,red\n")
    outcome = check(path, mapping="partnerships")
    assert [(f.rule, f.severity, f.row, f.column) for f in outcome.findings
            if f.rule == "unknown-column"] == [("unknown-column", "Warning", 1, "colour (D)")]
    path = write(tmp_path, "c.csv", "partner_a,start_year\nRiverton,1990\n")
    outcome = check(path, mapping="partnerships")
    assert [(f.rule, f.field) for f in outcome.findings] == [("missing-column", "partner_b")]


def test_a_partner_may_come_from_the_same_contribution(tmp_path):
    actors = write(tmp_path, "actors.csv", "id,type,label,country\n"
                   "municipality/xb/newtown,Municipality,Newtown,Yland\n")
    partnerships = write(tmp_path, "p.csv", HEADER + "Riverton,Xland,Newtown,Yland,2001,,,,\n")
    alone = check(partnerships)
    assert rules(alone) == [("unknown-reference", 2, None)]
    together = check(partnerships, actors)
    assert together.valid, [(f.rule, f.text()) for f in together.findings]
    assert {i.key for i in together.items} == {"municipality/xb/newtown",
                                               "partnership/riverton-newtown"}


def test_reports_text_json_and_turtle(tmp_path):
    path = write(tmp_path, "p.csv", HEADER + "Riverton,Xland,Springfield,Yland,1990,,,,\n"
                 "Riverton,Xland,municipality/xb/springfield,,2090,,,,\n")
    outcome = check(path)
    text = render_text(outcome.findings, 2, "the fixture", "nl")
    assert "rij 2, kolom partner_b (C): veld partner_b: 'Springfield' past bij meer dan" in text
    assert "Record partnership/riverton-springfield" in text
    objects = [json.loads(line) for line in render_json(outcome.findings).splitlines()]
    assert {(o["rule"], o["row"]) for o in objects} == {("ambiguous-name", 2),
                                                        ("c2csh:YearShape", 3)}
    assert objects[0]["column"] == "partner_b (C)"
    report = Graph().parse(data=render_turtle(outcome.findings, outcome.subjects),
                           format="turtle")
    assert len(list(report.subjects(None, SH.ValidationResult))) == 2
    assert (None, SH.conforms, None) in report


def test_only_valid_records_are_kept(tmp_path):
    path = write(tmp_path, "p.csv", HEADER + "Riverton,Xland,municipality/xb/springfield,,1990"
                 ",,,,\nHillcrest,Yland,Harbourg,xa,2090,,,,\n")
    outcome = check(path)
    kept = {str(s).rsplit("/", 1)[-1] for s in outcome.valid_graph().subjects()}
    assert kept == {"riverton-springfield"}


def test_german_sample_through_its_mapping():
    project = Project(Path(__file__).resolve().parents[2])
    outcome = check(FIXTURES / "de_rgre_sample.csv", project=project)
    failed = {(f.row, f.rule) for f in outcome.findings if f.severity == "Violation"}
    assert failed == {(3, "unknown-country"), (10, "duplicate"), (11, "missing-value"),
                      (13, "ambiguous-name"),
                      (13, "unknown-country"), (14, "unknown-country"),
                      (15, "ambiguous-name"), (15, "unknown-country")}
    partnerships = {i.key for i in outcome.items if i.key.startswith("partnership/")}
    assert "partnership/arnsberg-deventer" in partnerships
    assert "municipality/nl/deventer" not in {i.key for i in outcome.items}  # in the graph
    assert len(partnerships) == 8


def test_real_shapes_speak_dutch_to_contributors(tmp_path):
    project = Project(Path(__file__).resolve().parents[2])
    path = write(tmp_path, "p.yaml", """\
- id: partnership/almelo--nador
  type: MunicipalPartnership
  label: Almelo–Berlin
  partner: [municipality/nl/almelo, municipality/nl/deventer]
  startYear: 2001
  endYear: 1999
""")
    outcome = check(path, project=project)
    by_rule = {f.rule: f for f in outcome.findings}
    assert by_rule["c2csh:MunicipalPartnershipShape"].text("nl").startswith(
        "Een partnerschap heeft de IRI id/partnership/")
    assert ("Partnerschap https://w3id.org/c2c-kg/id/partnership/almelo--nador heeft geen "
            "partners") in by_rule["c2csh:PartnersInTwoCountriesShape"].text("nl")
    assert "partners in two" not in by_rule["c2csh:PartnersInTwoCountriesShape"].text("nl")
    assert "eindigt in" in by_rule["c2csh:EndNotBeforeStartShape"].text("nl")
    assert all(f.line == 1 for f in outcome.findings)


def test_yaml_records_the_loader_refuses_are_located(tmp_path):
    path = write(tmp_path, "r.yaml", """\
- id: partnership/riverton-springfield
  type: MunicipalPartnership
  label: Riverton–Springfield
  partner: [municipality/xa/riverton, municipality/xb/springfield]
- id: partnership/riverton-lakeside-2
  type: MunicipalPartnership
  colour: red
""")
    finding = _one(check(path), "record-error")
    assert (finding.line, finding.record) == (7, "line 7")  # the unknown field's own line
    assert "colour" in finding.text()


def test_jsonld_records_are_located_at_their_id(tmp_path):
    document = {"@context": "https://w3id.org/c2c-kg/context.jsonld", "@graph": [
        {"id": "partnership/a", "type": "MunicipalPartnership", "label": "A",
         "partner": ["municipality/xa/riverton", "municipality/xb/springfield"]},
        {"id": "partnership/b", "type": "MunicipalPartnership", "label": "B",
         "partner": ["municipality/xa/riverton", "municipality/xb/atlantis"]}]}
    path = write(tmp_path, "r.jsonld", json.dumps(document, indent=2))
    finding = _one(check(path), "unknown-reference")
    text = path.read_text().splitlines()
    assert text[finding.line - 1].strip() == '"id": "partnership/b",'
