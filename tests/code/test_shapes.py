"""The SHACL shapes of shapes/: each rejects a bad example and accepts a good one.

`tests/fixtures/shapes/good.ttl` is a small made-up graph that gives every targeted shape a focus
node and conforms. Each file in `tests/fixtures/shapes/bad/` adds a few triples to it that break
one shape; its header names the shape, the focus node and a fragment of the expected message:

    # shape: c2csh:MunicipalityShape
    # focus: https://w3id.org/c2c-kg/id/municipality/nl/gouda
    # expect: exactly one country
    # severity: Warning        (optional; the default is Violation)

The graphs are validated with the project's shapes and ontology and its vocabularies in the data
graph, as the build does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SH

from c2c_kg.graph.shacl import validate_graph
from c2c_kg.terms import C2CSH

FIXTURES = Path(__file__).parents[1] / "fixtures" / "shapes"
BAD = sorted((FIXTURES / "bad").glob("*.ttl"))


@dataclass(frozen=True)
class Case:
    path: Path
    shape: URIRef
    focus: URIRef
    expect: str
    severity: str


def _case(path: Path) -> Case:
    text = path.read_text("utf-8")
    head = dict(re.findall(r"^# (shape|focus|expect|severity): (.*)$", text, re.M))
    return Case(path, C2CSH[head["shape"].removeprefix("c2csh:")], URIRef(head["focus"]),
                head["expect"], head.get("severity", "Violation"))




def _targeted(shapes: Graph) -> set[URIRef]:
    targets = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target)
    return {s for p in targets for s in shapes.subjects(p, None) if isinstance(s, URIRef)}


def _declared(shapes: Graph, holder) -> str:
    """The PREFIX lines that a SPARQL holder's sh:prefixes declare."""
    lines = []
    for declaration in shapes.objects(shapes.value(holder, SH.prefixes), SH.declare):
        prefix = shapes.value(declaration, SH.prefix)
        lines.append(f"PREFIX {prefix}: <{shapes.value(declaration, SH.namespace)}>\n")
    return "".join(sorted(lines))


def _owns(shapes: Graph, shape: URIRef, source: URIRef) -> bool:
    """Whether a result's source shape is ``shape`` or one of its property shapes."""
    return source == shape or (shape, SH.property, source) in shapes


def test_the_good_graph_conforms(good, shapes, schema):
    report = validate_graph(good, shapes, schema)
    assert report.conforms, report.text()
    assert [v for v in report.violations if v.severity == "Violation"] == []


def test_the_good_graph_gives_every_targeted_shape_a_focus_node(good, shapes, schema):
    """So that 'the good example conforms' says something about each shape."""
    data = good + schema
    missing = []
    for shape in sorted(_targeted(shapes)):
        found = False
        for cls in shapes.objects(shape, SH.targetClass):
            found |= bool(data.query(
                "ASK { ?x a/rdfs:subClassOf* ?c }", initBindings={"c": cls},
                initNs={"rdfs": RDFS}).askAnswer)
        for prop in shapes.objects(shape, SH.targetSubjectsOf):
            found |= (None, prop, None) in data
        for prop in shapes.objects(shape, SH.targetObjectsOf):
            found |= (None, prop, None) in data
        for target in shapes.objects(shape, SH.target):
            select = _declared(shapes, target) + str(shapes.value(target, SH.select))
            found |= len(data.query(select)) > 0
        if not found:
            missing.append(shape)
    assert missing == []


def test_every_targeted_shape_has_a_bad_example(shapes):
    covered = {_case(path).shape for path in BAD}
    assert sorted(_targeted(shapes) - covered) == []


def test_every_shape_and_constraint_has_a_message(shapes):
    silent = []
    node_shapes = set(shapes.subjects(RDF.type, SH.NodeShape))
    property_shapes = set(shapes.objects(None, SH.property)) | set(
        shapes.subjects(RDF.type, SH.PropertyShape))
    constraints = set(shapes.objects(None, SH.sparql))
    for shape in node_shapes | property_shapes | constraints:
        if shapes.value(shape, SH.message) is None:
            silent.append(str(shape) if isinstance(shape, URIRef) else
                          f"[ sh:path {shapes.value(shape, SH.path)} ]")
    assert sorted(silent) == []


def test_sparql_constraints_declare_their_prefixes(shapes):
    holders = list(shapes.objects(None, SH.sparql)) + list(shapes.objects(None, SH.target))
    assert holders
    for holder in holders:
        declared = shapes.value(holder, SH.prefixes)
        assert declared is not None, f"{holder} has no sh:prefixes"
        prefixes = {str(shapes.value(d, SH.prefix)) for d in shapes.objects(declared, SH.declare)}
        query = str(shapes.value(holder, SH.select))
        used = set(re.findall(r"\b([a-z][a-z0-9]*):[A-Za-z]", query))
        assert used <= prefixes, f"{holder} uses undeclared prefixes {used - prefixes}"


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_a_bad_example_is_rejected(path, good, shapes, schema):
    case = _case(path)
    data = Graph()
    data += good
    data.parse(path)
    report = validate_graph(data, shapes, schema)
    results = report.graph
    hits = []
    for result in results.subjects(SH.focusNode, case.focus):
        messages = " ".join(str(m) for m in results.objects(result, SH.resultMessage))
        severity = results.value(result, SH.resultSeverity)
        if case.expect in messages and severity == SH[case.severity]:
            hits.append(results.value(result, SH.sourceShape))
    assert hits, f"{path.name}: no {case.severity} with {case.expect!r} on {case.focus}:\n" \
                 f"{report.text()}"
    assert any(_owns(shapes, case.shape, source) for source in hits), \
        f"{path.name}: the result came from {hits}, not from {case.shape}"
    if case.severity == "Violation":
        assert not report.conforms
    else:
        assert report.conforms, report.text()
