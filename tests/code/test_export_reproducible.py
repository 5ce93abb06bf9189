"""Exports are the same bytes from build to build, although the ontology has blank nodes.

The build skolemises blank nodes as it writes the store (IRIs under ``.well-known/genid/``
derived from the canonical form of the graph); the reasoner and SHACL still read the ontology
with its blank nodes, so reasoning works as before.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from helpers import mini_project

from c2c_kg.rdfio import GENID, skolemised
from c2c_kg.store.embedded import open_store
from c2c_kg.store.export import export_store
from c2c_kg.store.load import build

ROOT = Path(__file__).resolve().parents[2]
FORMATS = {"nquads": "nq", "trig": "trig", "turtle": "ttl", "ntriples": "nt", "jsonld": "jsonld"}


def _mini_with_real_ontology(tmp_path: Path):
    mini = mini_project(tmp_path)
    shutil.rmtree(mini.ontology)
    shutil.copytree(ROOT / "ontology", mini.ontology)
    return mini


def test_two_builds_give_byte_identical_exports(tmp_path):
    project = _mini_with_real_ontology(tmp_path)
    assert b"[" in b"".join(p.read_bytes() for p in project.ontology.glob("*.ttl"))
    exports = []
    for run in ("one", "two"):
        result = build(project, tmp_path / run / "store", reason=True,
                       out_dir=tmp_path / run / "out")
        assert result.sizes["https://w3id.org/c2c-kg/graph/inferences"] > 0  # reasoning ran
        store = open_store(result.store)
        files = {fmt: export_store(store, fmt, tmp_path / run / f"x.{suffix}")
                 for fmt, suffix in FORMATS.items()}
        store.release()
        exports.append({fmt: path.read_bytes() for fmt, path in files.items()}
                       | {name: (tmp_path / run / "out" / name).read_bytes()
                          for name in ("c2c-kg.nq", "c2c-kg.trig")})
    assert exports[0].keys() == exports[1].keys()
    for name, data in exports[0].items():
        assert data == exports[1][name], name
    nquads = exports[0]["nquads"].decode()
    assert "_:" not in nquads and GENID in nquads


def test_skolem_iris_depend_on_the_triples_not_on_the_labels():
    first = (b'<http://e/c> <http://e/sub> _:a .\n_:a <http://e/p> <http://e/x> .\n'
             b'_:a <http://e/q> _:b .\n_:b <http://e/p> "1" .\n')
    relabelled = first.replace(b"_:a", b"_:zz9").replace(b"_:b", b"_:n1")
    assert skolemised(first, "http://g") == skolemised(relabelled, "http://g")
    assert b"_:" not in skolemised(first, "http://g")
    assert skolemised(first, "http://g") != skolemised(first, "http://other")
    plain = b'<http://e/a> <http://e/p> "x" .\n'
    assert skolemised(plain, "http://g") == plain


def test_every_format_reads_back_as_the_same_triples(tmp_path):
    from rdflib import Dataset, Graph

    project = _mini_with_real_ontology(tmp_path)
    result = build(project, tmp_path / "store", reason=False, out_dir=tmp_path / "out")
    store = open_store(result.store)
    files = {fmt: export_store(store, fmt, tmp_path / f"x.{suffix}")
             for fmt, suffix in FORMATS.items()}
    store.release()
    reference = Graph().parse(files["ntriples"], format="nt")
    assert len(reference) > 100
    for fmt, rdflib_format in (("turtle", "turtle"), ("jsonld", "json-ld")):
        assert set(Graph().parse(files[fmt], format=rdflib_format)) == set(reference), fmt
    for fmt, rdflib_format in (("trig", "trig"), ("nquads", "nquads")):
        dataset = Dataset()
        dataset.parse(files[fmt], format=rdflib_format)
        assert {(s, p, o) for s, p, o, _ in dataset.quads()} == set(reference), fmt
