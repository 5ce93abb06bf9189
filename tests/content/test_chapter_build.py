"""What the build of the project's own data gives beyond the curated answers: a graph that
conforms to the shapes, HermiT's inferences materialised, a publish of the built graphs, and the
benchmark generator's copy."""

from __future__ import annotations

import pyoxigraph as ox
from conftest import select
from helpers import benchmark_generator
from servers import oxigraph_fixture, server_fixture  # noqa: F401  (fixtures)

from c2c_kg.graph.build import assemble
from c2c_kg.graph.shacl import load_shapes, validate_graph
from c2c_kg.ontology.schema import read_schema
from c2c_kg.remote.client import RemoteEngine
from c2c_kg.remote.publish import PUBLISHED_GRAPHS, graphs_of, plan_publish, publish
from c2c_kg.store.queries import find_query, parse_params
from c2c_kg.terms import PREFIXES

INFERRED = """
SELECT ?m ?fourth WHERE {
  GRAPH <https://w3id.org/c2c-kg/graph/data> { ?m a c2c:Municipality }
  OPTIONAL { GRAPH <https://w3id.org/c2c-kg/graph/inferences> {
    ?m a c2c:FourthPillarActor BIND(true AS ?fourth) } }
}"""

SYMMETRIC = """
SELECT ?a ?b WHERE {
  GRAPH <https://w3id.org/c2c-kg/graph/inferences> { ?a c2c:partnerOf ?b }
  FILTER NOT EXISTS { GRAPH <https://w3id.org/c2c-kg/graph/inferences> { ?b c2c:partnerOf ?a } }
}"""


def _rows(results) -> set[tuple]:
    return {tuple(row[v].value if v in row else None for v in results.variables)
            for row in results.rows}


def test_the_build_materialises_hermit_inferences_over_the_full_data(engine):
    rows = select(engine, INFERRED)
    assert rows, "the project's data has municipalities"
    assert all("fourth" in row for row in rows), [r["m"] for r in rows if "fourth" not in r]
    assert select(engine, SYMMETRIC) == []
    links = select(engine, "SELECT ?p WHERE { GRAPH <https://w3id.org/c2c-kg/graph/inferences> "
                           "{ ?p a c2c:MigrantLinkPartnership } }")
    assert links, "some partnership joins a migrant destination and a migrant source country"


def test_publish_the_built_graphs_then_query_them_remotely(server, engine, project):
    graphs = graphs_of(engine.store)
    report = publish(plan_publish(graphs, server.endpoints()), server.client())
    local = {g: len([x for x in data.split(b"\n") if x.strip()]) for g, data in graphs.items()}
    assert report.after == local
    remote = server.client().graph_sizes(list(graphs))
    assert remote == local
    stored = find_query(project.queries, "partnerships")
    bindings = parse_params(stored, [])
    there = RemoteEngine(server.endpoints(), credentials=server.credentials(),
                         graphs=PUBLISHED_GRAPHS)
    expected = _rows(engine.select(stored.text, bindings))
    assert expected, "the stored query finds partnerships in the built graph"
    assert _rows(there.select(stored.text, bindings)) == expected


def _store(path) -> ox.Store:
    store = ox.Store()
    store.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
    return store


def test_a_base_is_copied_and_its_resources_get_synthetic_links(tmp_path, built):
    base = next(p for p in built.exports if p.suffix == ".nq")
    path = tmp_path / "synthetic.nq"
    benchmark_generator().generate(path, 20_000, seed=3, base=base)
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


def test_the_project_graph_conforms_without_warnings(project):
    """The curated data itself: no violation, and no warning (e.g. a concept without definition)."""
    built = assemble(project, reason=False)
    report = validate_graph(built.union("data", "provenance", "links", "vocabularies"),
                            load_shapes(project.shapes), read_schema(project))
    assert report.conforms, report.text()
    assert report.violations == [], report.text()
