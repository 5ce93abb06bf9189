"""The benchmark generator: deterministic, sized as asked, and shaped like a build's graph."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pyoxigraph as ox

from c2c_kg.terms import GRAPHS, PREFIXES

ROOT = Path(__file__).resolve().parents[1]


def _generator():
    spec = importlib.util.spec_from_file_location("bench_generate",
                                                  ROOT / "benchmarks" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def _store(path: Path) -> ox.Store:
    store = ox.Store()
    store.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
    return store


def _ask(store: ox.Store, query: str) -> bool:
    return bool(store.query(query, use_default_graph_as_union=True, prefixes=PREFIXES))


def test_same_seed_gives_the_same_bytes_and_another_seed_does_not(tmp_path):
    generate = _generator().generate
    first, second, other = tmp_path / "1.nq", tmp_path / "2.nq", tmp_path / "3.nq"
    generate(first, 4000, seed=7)
    generate(second, 4000, seed=7)
    generate(other, 4000, seed=8)
    assert first.read_bytes() == second.read_bytes()
    assert first.read_bytes() != other.read_bytes()


def test_size_graphs_and_shape_follow_the_build(tmp_path):
    path = tmp_path / "synthetic.nq"
    count = _generator().generate(path, 20_000, seed=1)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == count
    assert len(set(lines)) == count, "a quad is written twice"
    assert 18_000 <= count <= 22_000
    store = _store(path)
    assert {g.value for g in store.named_graphs()} <= set(GRAPHS.values())
    # every cooperation has two partners, each with a country and an English label
    assert not _ask(store, """ASK {
        ?coop a ?kind . VALUES ?kind { c2c:MunicipalPartnership c2c:CoDevelopmentInitiative }
        FILTER NOT EXISTS { ?coop c2c:hasPartner ?a, ?b . FILTER(?a != ?b) } }""")
    assert not _ask(store, """ASK { ?coop c2c:hasPartner ?p .
        FILTER NOT EXISTS { ?p c2c:country ?c ; rdfs:label ?l . FILTER(lang(?l) = "en") } }""")
    # every cooperation is derived from a passage with a position in a source
    assert not _ask(store, """ASK { ?coop a c2c:MunicipalPartnership .
        FILTER NOT EXISTS { ?coop prov:wasDerivedFrom ?p . ?p oa:hasSource ?s ;
            oa:hasSelector [ a oa:TextPositionSelector ; oa:start ?x ; oa:end ?y ] .
            FILTER(?x < ?y) } }""")
    assert _ask(store, "ASK { GRAPH <https://w3id.org/c2c-kg/graph/inferences> "
                       "{ ?a c2c:partnerOf ?b } }")


def test_a_base_is_copied_and_its_resources_get_synthetic_links(tmp_path, built):
    base = next(p for p in built.exports if p.suffix == ".nq")
    path = tmp_path / "synthetic.nq"
    _generator().generate(path, 20_000, seed=3, base=base)
    written = set(path.read_text(encoding="utf-8").splitlines())
    assert set(base.read_text(encoding="utf-8").splitlines()) <= written
    query = ("SELECT ?m ?coop WHERE { ?m c2c:country <https://w3id.org/c2c-kg/id/country/nl> . "
             "?coop c2c:hasPartner ?m }")

    def links(store: ox.Store) -> set[tuple[str, str]]:
        return {(row["m"].value, row["coop"].value) for row in store.query(
            query, use_default_graph_as_union=True, prefixes=PREFIXES)}

    before = links(_store(base))
    real = {m for m, _ in before}
    after = {(m, coop) for m, coop in links(_store(path)) if m in real}
    assert real, "the built data has Dutch municipalities in partnerships"
    assert before < after, "the real Dutch municipalities got synthetic partnerships"
