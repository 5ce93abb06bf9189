"""Publishing to real servers (Oxigraph always; Virtuoso when .ci/virtuoso.sh started one)."""

from __future__ import annotations

import uuid

import pytest
from servers import (  # noqa: F401  (fixtures)
    make_store,
    ntriples,
    oxigraph_fixture,
    run_cli,
    server_fixture,
    triples,
)

from c2c_kg.remote.client import RemoteEngine
from c2c_kg.remote.publish import (
    PUBLISHED_GRAPHS,
    graphs_of,
    plan_publish,
    publish,
    staging_graph,
)


def _iri(name: str) -> str:
    return f"https://example.org/test/{uuid.uuid4().hex[:8]}/{name}"


def _rows(results) -> set[tuple]:
    return {tuple(row[v].value if v in row else None for v in results.variables)
            for row in results.rows}


def test_publish_the_built_graphs_then_query_them_remotely(server, engine, project):
    from c2c_kg.store.queries import find_query, parse_params

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


def test_republish_replaces_the_graphs_and_leaves_no_staging(server):
    a, b = _iri("a"), _iri("b")
    first = {a: triples("a1", 300), b: triples("b1", 40)}
    publish(plan_publish({g: ntriples(x) for g, x in first.items()}, server.endpoints()),
            server.client())
    assert server.graph_lines(a) == set(first[a])
    second = {a: triples("a2", 120), b: triples("b2", 75)}
    report = publish(plan_publish({g: ntriples(x) for g, x in second.items()},
                                  server.endpoints(), batch_size=50), server.client())
    assert report.before == {a: 300, b: 40} and report.after == {a: 120, b: 75}
    assert server.graph_lines(a) == set(second[a])
    assert server.graph_lines(b) == set(second[b])
    staging = [staging_graph(a), staging_graph(b)]
    assert server.client().graph_sizes(staging) == dict.fromkeys(staging, 0)


def test_publish_everything_into_one_graph(server):
    target = _iri("all")
    shared = triples("shared", 25)
    graphs = {_iri("x"): ntriples(shared + triples("x", 10)),
              _iri("y"): ntriples(shared + triples("y", 5))}
    report = publish(plan_publish(graphs, server.endpoints(), graph=target), server.client())
    assert report.after == {target: 40}
    assert server.graph_lines(target) == set(shared + triples("x", 10) + triples("y", 5))


@pytest.mark.parametrize("protocol", ["update", "gsp"])
def test_batches_keep_blank_nodes_whole(server, protocol):
    target = _iri("blank")
    lines = triples("ground", 2_300)
    for i in range(40):  # 40 blank nodes, each with two properties, one pointed at
        lines += [f'_:n{i} <https://example.org/name> "node {i}" .',
                  f"_:n{i} <https://example.org/rank> \"{i}\" .",
                  f"<https://example.org/holder/{i}> <https://example.org/has> _:n{i} ."]
    plan = plan_publish({target: ntriples(lines)}, server.endpoints(), protocol=protocol,
                        batch_size=900)
    assert len(plan.uploads[0].batches) == 3
    report = publish(plan, server.client())
    assert report.after == {target: 2_420}
    ex = "https://example.org/"
    whole = server.client().select(
        f"SELECT (COUNT(DISTINCT ?n) AS ?c) WHERE {{ GRAPH <{target}> {{ ?h <{ex}has> ?n . "
        f"?n <{ex}name> ?x ; <{ex}rank> ?r }} }}")
    assert whole == [{"c": "40"}]


def test_cli_publish_status_and_query(server, tmp_path):
    target = _iri("cli")
    store = make_store(tmp_path, {target: triples("cli", 3_000)})
    done = run_cli(["publish", *server.cli_args(), "--store", str(store), "--batch-size", "1000"],
                   server.env())
    assert done.returncode == 0, done.stderr
    assert f"3,000 triples  {target}  (was 0)" in done.stdout
    status = run_cli(["status", *server.cli_args(), "--format", "csv"], server.env())
    assert status.returncode == 0, status.stderr
    assert f"{target},3000" in status.stdout.splitlines()
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{target}> {{ ?s ?p ?o }} }}"
    count = run_cli(["sparql", query, *server.cli_args(), "--format", "csv"], server.env())
    assert count.returncode == 0, count.stderr
    assert count.stdout.split() == ["n", "3000"]
