"""Remote stored queries read only the published graphs — on a server without a union default
graph, and with staging graphs left on it — and leftover staging graphs are listed and dropped."""

from __future__ import annotations

import csv
import io

from servers import (  # noqa: F401  (fixtures)
    ntriples,
    oxigraph_fixture,
    plain_oxigraph_fixture,
    run_cli,
    triples,
)

from c2c_kg.remote.client import RemoteEngine
from c2c_kg.remote.publish import PUBLISHED_GRAPHS, graphs_of, plan_publish, publish
from c2c_kg.store.embedded import STAGING
from c2c_kg.terms import GRAPHS


def _rows(results) -> list[tuple]:
    return sorted(tuple(row[v].value if v in row else "" for v in results.variables)
                  for row in results.rows)


def _local(engine, project, name: str) -> list[tuple]:
    from c2c_kg.store.queries import find_query, parse_params

    stored = find_query(project.queries, name)
    return _rows(engine.select(stored.text, parse_params(stored, [])))


def _cli_rows(server, name: str) -> list[tuple]:
    done = run_cli(["query", name, *server.cli_args(), "--format", "csv"], server.env())
    assert done.returncode == 0, done.stderr
    return sorted(tuple(row) for row in list(csv.reader(io.StringIO(done.stdout)))[1:])


def test_stored_queries_work_on_an_oxigraph_started_without_union_default_graph(
        plain_oxigraph, engine, project):
    publish(plan_publish(graphs_of(engine.store), plain_oxigraph.endpoints()),
            plain_oxigraph.client())
    expected = _local(engine, project, "partnerships")
    assert expected
    from c2c_kg.store.queries import find_query, parse_params

    stored = find_query(project.queries, "partnerships")
    bindings = parse_params(stored, [])
    undeclared = RemoteEngine(plain_oxigraph.endpoints())
    assert undeclared.select(stored.text, bindings).rows == []  # the server's empty default
    declared = RemoteEngine(plain_oxigraph.endpoints(), graphs=PUBLISHED_GRAPHS)
    assert _rows(declared.select(stored.text, bindings)) == expected
    assert len(_cli_rows(plain_oxigraph, "partnerships")) == len(expected)
    # a stored query that names graphs (GRAPH <…inferences>) works too
    assert len(_cli_rows(plain_oxigraph, "fourth-pillar-actors")) == len(
        _local(engine, project, "fourth-pillar-actors"))


def test_staging_graphs_are_invisible_to_stored_queries_then_listed_and_dropped(
        oxigraph, engine, project):
    graphs = graphs_of(engine.store)
    publish(plan_publish(graphs, oxigraph.endpoints()), oxigraph.client())
    # What a server that died mid-upload keeps: the data graph again, twice, in staging graphs.
    left = [f"{STAGING}leftover-{i}" for i in range(2)]
    client = oxigraph.client()
    for graph in left:
        client.post_graph(graph, graphs[GRAPHS["data"]], "stage")
    expected = _local(engine, project, "partnerships")
    from c2c_kg.store.queries import find_query, parse_params

    stored = find_query(project.queries, "partnerships")
    union = RemoteEngine(oxigraph.endpoints()).select(stored.text, parse_params(stored, []))
    assert len(union.rows) > len(expected)  # the server's union default graph sees staging
    assert len(_cli_rows(oxigraph, "partnerships")) == len(expected)

    status = run_cli(["status", *oxigraph.cli_args(), "--format", "csv"], oxigraph.env())
    assert status.returncode == 0, status.stderr
    assert all(any(line.startswith(f"{g},") for line in status.stdout.splitlines())
               for g in left)
    assert "2 staging graph(s)" in status.stderr and "publish --cleanup" in status.stderr

    cleaned = run_cli(["publish", *oxigraph.cli_args(), "--cleanup"], oxigraph.env())
    assert cleaned.returncode == 0, cleaned.stderr
    assert "Dropped 2 staging graph(s)" in cleaned.stdout
    assert oxigraph.client().graph_sizes(prefix=STAGING) == {}
    again = run_cli(["status", *oxigraph.cli_args()], oxigraph.env())
    assert "staging graph(s)" not in again.stderr
    # published graphs untouched by the cleanup
    assert oxigraph.client().graph_sizes([GRAPHS["data"]])[GRAPHS["data"]] > 0


def test_ad_hoc_queries_keep_the_servers_own_dataset(plain_oxigraph):
    """``sparql`` sends no dataset: the query (FROM, GRAPH) says what it reads."""
    target = "https://example.org/adhoc/g"
    publish(plan_publish({target: ntriples(triples("adhoc", 7))}, plain_oxigraph.endpoints()),
            plain_oxigraph.client())
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{target}> {{ ?s ?p ?o }} }}"
    done = run_cli(["sparql", query, *plain_oxigraph.cli_args(), "--format", "csv"],
                   plain_oxigraph.env())
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["n", "7"]
