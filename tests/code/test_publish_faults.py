"""Faults during a publish, each made for real: after each, the target graph on the server is
the previous one, whole, and the command exits non-zero with one clear message."""

from __future__ import annotations

import uuid

import pytest
from servers import (  # noqa: F401  (fixtures)
    KINDS,
    FaultProxy,
    Server,
    batch_request,
    free_port,
    make_store,
    ntriples,
    oxigraph_fixture,
    oxigraph_server,
    run_cli,
    server_fixture,
    triples,
    virtuoso_server,
)

from c2c_kg.remote.publish import plan_publish, publish, staging_graph


def _target() -> str:
    return f"https://example.org/fault/{uuid.uuid4().hex[:8]}/g"


def _publish_first(server: Server, target: str, count: int = 500) -> set[str]:
    """Publish a first version of ``target`` directly; return its lines."""
    lines = triples(f"old-{target}", count)
    publish(plan_publish({target: ntriples(lines)}, server.endpoints()), server.client())
    assert server.graph_lines(target) == set(lines)
    return set(lines)


def _one_message(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert lines[0].startswith("c2c-kg: "), stderr
    assert "Traceback" not in stderr
    return lines[0]


def test_server_down(tmp_path):
    store = make_store(tmp_path, {"https://example.org/g": triples("g", 10)})
    port = free_port()
    done = run_cli(["publish", "--endpoint", f"http://127.0.0.1:{port}", "--kind", "oxigraph",
                    "--store", str(store), "--retries", "2"], {"PATH": "/usr/bin:/bin"})
    assert done.returncode == 2
    message = _one_message(done.stderr)
    assert "cannot be reached" in message and "Connection refused" in message
    assert f"127.0.0.1:{port}" in message


@pytest.mark.parametrize("protocol", ["gsp", "update"])
def test_server_answers_500_on_one_batch(server, tmp_path, protocol):
    target = _target()
    old = _publish_first(server, target)
    new = triples(f"new-{target}", 4_000)
    store = make_store(tmp_path, {target: new})
    with FaultProxy(server.url, batch_request(server.kind), nth=3) as proxy:
        done = run_cli(["publish", *server.cli_args(proxy.url), "--store", str(store),
                        "--batch-size", "700", "--protocol", protocol], server.env())
    assert proxy.faults == 1, "the third batch request met the injected 500"
    assert done.returncode == 2
    message = _one_message(done.stderr)
    assert "HTTP 500" in message and "batch 3 of 6" in message
    assert "target graphs are as they were" in message and "were dropped" in message
    assert server.graph_lines(target) == old
    assert server.client().graph_sizes([staging_graph(target)]) == {staging_graph(target): 0}


@pytest.mark.parametrize("kind", KINDS)
def test_server_killed_in_the_middle_of_a_multi_batch_publish(kind, tmp_path, request):
    server = (oxigraph_server(tmp_path / "oxigraph") if kind == "oxigraph"
              else virtuoso_server())
    try:
        target = _target()
        old = _publish_first(server, target)
        store = make_store(tmp_path, {target: triples(f"new-{target}", 6_000)})
        server.handle.checkpoint()  # Virtuoso: keep the log replay of the restart short
        with FaultProxy(server.url, batch_request(server.kind), nth=4, action="kill",
                        on_fault=server.handle.kill) as proxy:
            done = run_cli(["publish", *server.cli_args(proxy.url), "--store", str(store),
                            "--batch-size", "1000", "--retries", "3"], server.env())
        assert proxy.faults == 1
        assert done.returncode == 2
        message = _one_message(done.stderr)
        assert "failed while uploading batch 4 of 6" in message
        assert "target graphs are as they were" in message
        assert "next publish of these graphs will remove them" in message
    finally:
        server.handle.start()
    assert server.graph_lines(target) == old
    # The next publish clears what the interrupted one left behind.
    again = triples(f"again-{target}", 50)
    report = publish(plan_publish({target: ntriples(again)}, server.endpoints()), server.client())
    assert report.leftovers, "the interrupted publish's staging graph is found and dropped"
    assert server.graph_lines(target) == set(again)
    assert server.client().graph_sizes([staging_graph(target)]) == {staging_graph(target): 0}
    if kind == "oxigraph":
        server.handle.stop()


def _wrong_credentials_on_virtuoso(tmp_path):
    server = virtuoso_server()
    target = _target()
    old = _publish_first(server, target)
    store = make_store(tmp_path, {target: triples("intruder", 20)})
    done = run_cli(["publish", *server.cli_args(), "--store", str(store)],
                   server.env(password="not-the-password"))
    assert done.returncode == 2
    message = _one_message(done.stderr)
    assert "HTTP 401" in message and f"'{server.user}'" in message
    assert "not-the-password" not in done.stderr + done.stdout
    assert server.graph_lines(target) == old
    query = run_cli(["sparql", "ASK {}", *server.cli_args()],
                    server.env(password="not-the-password"))
    assert query.returncode == 2
    assert "HTTP 401" in _one_message(query.stderr)


if "virtuoso" in KINDS:  # Oxigraph has no authentication; only Virtuoso checks credentials
    test_wrong_credentials_on_virtuoso = _wrong_credentials_on_virtuoso


@pytest.mark.parametrize("graphs", [1, 2])
def test_500_on_the_one_direct_request_of_oxigraph(oxigraph, tmp_path, graphs):
    """Oxigraph gets one request (a PUT, or one update for several graphs): it fails whole."""
    targets = [_target() for _ in range(graphs)]
    old = {t: _publish_first(oxigraph, t, 200) for t in targets}
    store = make_store(tmp_path, {t: triples(f"new-{t}", 300) for t in targets})
    with FaultProxy(oxigraph.url, batch_request("oxigraph"), nth=1) as proxy:
        done = run_cli(["publish", *oxigraph.cli_args(proxy.url), "--store", str(store)],
                       oxigraph.env())
    assert proxy.faults == 1
    assert done.returncode == 2
    message = _one_message(done.stderr)
    assert "HTTP 500" in message and "target graphs were not changed" in message
    assert all(oxigraph.graph_lines(t) == old[t] for t in targets)
