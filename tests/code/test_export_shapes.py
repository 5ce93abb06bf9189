"""The exported graph conforms to the project's own shapes, checked with plain pyshacl.

Oxigraph stores ``"5"^^xsd:nonNegativeInteger`` as ``xsd:integer``; the exports come from the
N-Quads each store version keeps, so the offsets of every passage keep the datatype the build
wrote and the two offset rules hold.
"""

from __future__ import annotations

import time
from pathlib import Path

from helpers import mini_project
from rdflib import Dataset, Graph, URIRef

from c2c_kg.project import Project
from c2c_kg.store.load import build

ROOT = Path(__file__).resolve().parents[2]
OA_START = URIRef("http://www.w3.org/ns/oa#start")
NON_NEGATIVE = URIRef("http://www.w3.org/2001/XMLSchema#nonNegativeInteger")


def _conforms(project: Project, export: Path) -> tuple[bool, str, Graph]:
    from pyshacl import validate

    dataset = Dataset()
    dataset.parse(export, format="nquads")
    data = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        data.add((s, p, o))
    shapes, ontology = Graph(), Graph()
    for path in sorted(project.shapes.glob("*.ttl")):
        shapes.parse(path, format="turtle")
    for path in sorted(project.ontology.glob("*.ttl")):
        ontology.parse(path, format="turtle")
    conforms, _, text = validate(data, shacl_graph=shapes, ont_graph=ontology,
                                 inference="none", advanced=True, allow_warnings=True)
    return bool(conforms), text, data


def test_mini_export_keeps_datatypes_and_conforms(tmp_path):
    project = mini_project(tmp_path)
    build(project, tmp_path / "store", [project.root / "source.txt"], reason=False,
          out_dir=tmp_path / "out")
    conforms, text, data = _conforms(project, tmp_path / "out" / "c2c-kg.nq")
    assert conforms, text
    starts = list(data.objects(None, OA_START))
    assert starts and {s.datatype for s in starts} == {NON_NEGATIVE}


def test_the_project_export_conforms(tmp_path):
    project = Project(ROOT)
    started = time.perf_counter()
    build(project, tmp_path / "store", reason=False, out_dir=tmp_path / "out")
    conforms, text, data = _conforms(project, tmp_path / "out" / "c2c-kg.nq")
    assert conforms, text[:3000]
    starts = list(data.objects(None, OA_START))
    assert len(starts) > 300 and {s.datatype for s in starts} == {NON_NEGATIVE}
    assert time.perf_counter() - started < 60
