"""The fast SHACL engine gives plain pyshacl's results, result by result.

On the project's shapes (the good graph and every bad example of tests/fixtures/shapes/) and on
a sample of the W3C SHACL test suite (tests/fixtures/w3c-shacl/), where it must also pass every
case that pyshacl passes.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph

from c2c_kg.graph.shacl import (
    ontology_triples,
    validate_graph,
    validate_store,
    validate_triples,
)
from c2c_kg.graph.shacl_fast import to_ox
from c2c_kg.graph.shacl_model import read_shapes
from c2c_kg.graph.shacl_w3c import cases, check

FIXTURES = Path(__file__).parents[1] / "fixtures"
BAD = sorted((FIXTURES / "shapes" / "bad").glob("*.ttl"))
W3C = list(cases(FIXTURES / "w3c-shacl"))





def _both(data: Graph, shapes: Graph, schema: Graph | None = None, **options):
    return (validate_graph(data, shapes, schema, engine="pyshacl", **options),
            validate_graph(data, shapes, schema, engine="fast", **options))


def test_every_project_shape_runs_in_the_fast_engine(shapes):
    model = read_shapes(shapes)
    targeted = [s for s in list(model.shapes.values()) if s.has_targets()]
    assert len(targeted) > 40
    assert {str(s.node): model.supported(s) for s in targeted if model.supported(s)} == {}


@pytest.mark.parametrize("path", [None, *BAD], ids=["good", *(p.stem for p in BAD)])
def test_fast_equals_pyshacl_on_the_project_shapes(path, good, shapes, schema):
    data = Graph()
    data += good
    if path is not None:
        data.parse(path)
    reference, fast = _both(data, shapes, schema)
    assert fast.conforms == reference.conforms
    assert fast.violations == reference.violations
    if path is not None:
        assert fast.violations  # each bad example breaks something


@pytest.mark.parametrize("case", W3C, ids=[c.name for c in W3C])
def test_fast_equals_pyshacl_on_w3c_cases(case):
    data, shapes, _ = case.graphs()
    reference, fast = _both(data, shapes, allow_warnings=False)
    assert fast.conforms == reference.conforms
    assert fast.violations == reference.violations


@pytest.mark.parametrize("case", W3C, ids=[c.name for c in W3C])
def test_fast_passes_the_w3c_cases_pyshacl_passes(case):
    def run(engine):
        return lambda d, s: validate_graph(d, s, engine=engine, allow_warnings=False).graph

    assert check(case, run("pyshacl"))
    assert check(case, run("fast"))


@pytest.mark.parametrize("name", ["component/nodeValidator-001", "component/validator-001"])
def test_a_sparql_based_component_goes_to_pyshacl(name):
    case = next(c for c in W3C if c.name == name)
    _, shapes, _ = case.graphs()
    model = read_shapes(shapes)
    targeted = [s for s in list(model.shapes.values()) if s.has_targets()]
    assert targeted
    assert all(model.supported(s) for s in targeted)


def test_literals_are_checked_as_written_not_as_a_store_keeps_them(shapes, schema, good):
    """Oxigraph stores "10"^^xsd:nonNegativeInteger as xsd:integer; the engine must not."""
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://x/s"), ox.NamedNode("http://x/p"), ox.Literal(
        "10", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#nonNegativeInteger"))))
    assert next(iter(store)).object.datatype.value.endswith("#integer")
    triples = [(to_ox(s), to_ox(p), to_ox(o)) for g in (good, ontology_triples(schema))
               for s, p, o in g]
    report = validate_triples(triples, shapes)
    assert report.violations == validate_graph(good, shapes, schema, engine="pyshacl").violations


def test_validate_store_keeps_only_the_focus_nodes_asked_for(shapes, schema, good, project):
    bad = Graph()
    bad += good
    bad.parse(FIXTURES / "shapes" / "bad" / "partnership-one-partner.ttl")
    store = ox.Store()
    for graph in (bad, ontology_triples(schema)):
        store.extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in graph)
    full = validate_store(store, shapes)
    assert not full.conforms
    focus = "https://w3id.org/c2c-kg/id/partnership/almelo-nowhere"
    assert any(v.message.startswith("A municipal partnership has at least two")
               for v in full.violations)
    only = validate_store(store, shapes, focus={ox.NamedNode(focus)})
    assert only.violations
    assert {v.focus for v in only.violations} <= {v.focus for v in full.violations}
    assert len(only.violations) < len(full.violations)
    assert validate_store(store, shapes, focus={ox.NamedNode("urn:x:none")}).violations == []


def test_an_unknown_engine_is_refused(good, shapes):
    with pytest.raises(ValueError, match="unknown SHACL engine"):
        validate_graph(good, shapes, engine="turbo")
