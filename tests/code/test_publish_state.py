"""Publishing says what happened: after a failure at or after the swap, the message follows
the server's real state (counted), or says that it is unknown and how to find out."""

from __future__ import annotations

import time
import uuid

import pytest
from servers import (  # noqa: F401  (fixtures)
    FaultProxy,
    Server,
    count_request,
    make_store,
    ntriples,
    oxigraph_fixture,
    oxigraph_server,
    run_cli,
    server_fixture,
    swap_request,
    triples,
)

from c2c_kg.errors import RemoteError
from c2c_kg.remote.publish import plan_publish, publish, staging_graph


def _target() -> str:
    return f"https://example.org/state/{uuid.uuid4().hex[:8]}/g"


def _first(server: Server, target: str, count: int = 200) -> set[str]:
    lines = triples(f"old-{target}", count)
    publish(plan_publish({target: ntriples(lines)}, server.endpoints()), server.client())
    return set(lines)


def _staged_cli(server: Server, proxy: FaultProxy, store, *extra: str):
    """A staged publish (several batches, then one swap) through the proxy."""
    return run_cli(["publish", *server.cli_args(proxy.url), "--store", str(store),
                    "--batch-size", "100", *extra], server.env())


def test_a_500_at_the_swap_says_nothing_changed_and_drops_the_staging_graphs(server, tmp_path):
    target = _target()
    old = _first(server, target)
    store = make_store(tmp_path, {target: triples(f"new-{target}", 300)})
    with FaultProxy(server.url, swap_request(), nth=1) as proxy:
        done = _staged_cli(server, proxy, store)
    assert proxy.faults == 1
    assert done.returncode == 2
    message = done.stderr.strip()
    assert "failed at the swap" in message and "HTTP 500" in message
    assert "target graphs were not changed" in message
    assert "staging graphs were dropped" in message
    assert server.graph_lines(target) == old
    assert server.client().graph_sizes([staging_graph(target)]) == {staging_graph(target): 0}


def test_a_swap_answered_after_the_timeout_is_reported_as_published(oxigraph, tmp_path):
    """The server runs the swap at once, but its answer comes after --timeout: counted, the
    new graphs are in place, so this is a publish (exit 0) with a warning."""
    target = _target()
    _first(oxigraph, target)
    new = triples(f"new-{target}", 300)
    store = make_store(tmp_path, {target: new})
    with FaultProxy(oxigraph.url, swap_request(), nth=1, action="late", delay=8) as proxy:
        done = _staged_cli(oxigraph, proxy, store, "--timeout", "4")
    assert proxy.faults == 1
    assert done.returncode == 0, done.stderr
    assert "did not confirm the swap" in done.stderr and "took effect" in done.stderr
    assert "did not answer within 4 s" in done.stderr
    assert f"300 triples  {target}  (was 200)\n" in done.stdout  # counted, not just sent
    assert "counting them afterwards failed" not in done.stderr
    assert oxigraph.graph_lines(target) == set(new)


def test_a_swap_still_running_after_timeout_and_grace_is_not_called_unchanged(oxigraph):
    """The swap reaches the server only after --timeout and the grace: the message must not
    say the targets were not changed — the server completes the swap later."""
    target = _target()
    old = _first(oxigraph, target)
    new = triples(f"new-{target}", 300)
    plan = plan_publish({target: ntriples(new)}, oxigraph.endpoints(), batch_size=100)
    with FaultProxy(oxigraph.url, swap_request(), nth=1, action="hold", delay=6) as proxy:
        started = time.monotonic()
        with pytest.raises(RemoteError) as caught:
            publish(plan, oxigraph.client(proxy.url, timeout=2), grace=1.5)
        waited = time.monotonic() - started
        message = str(caught.value)
        assert "failed at the swap" in message and "did not answer within 2 s" in message
        assert "may still be running the swap" in message and "c2c-kg status" in message
        assert "not changed" not in message
        assert waited < 2 + 1.5 + 1.0, waited
        assert oxigraph.graph_lines(target) == old  # not yet
        assert proxy.forwarded.wait(15), "the held swap reached the server"
    assert oxigraph.graph_lines(target) == set(new)  # the server completed it later
    assert oxigraph.client().graph_sizes([staging_graph(target)]) == {staging_graph(target): 0}


def test_a_500_on_the_final_count_after_the_swap_says_the_data_is_published(server, tmp_path):
    target = _target()
    _first(server, target)
    new = triples(f"new-{target}", 300)
    store = make_store(tmp_path, {target: new})
    # Counts: 1 before anything is sent, 2 of the staged graphs, 3 the final check; on
    # Virtuoso the first is sent twice (digest authentication answers 401 with a nonce first).
    final = 4 if server.kind == "virtuoso" else 3
    with FaultProxy(server.url, count_request(), nth=final) as proxy:
        done = _staged_cli(server, proxy, store)
    assert proxy.faults == 1
    assert done.returncode == 0, done.stderr
    assert "accepted the swap, so the new graphs are published" in done.stderr
    assert "HTTP 500" in done.stderr and "c2c-kg status" in done.stderr
    assert f"300 triples  {target}  (was 200)  (sent; not counted)" in done.stdout
    assert server.graph_lines(target) == set(new)


def test_when_the_server_is_gone_after_the_swap_the_state_is_called_unknown(tmp_path):
    server = oxigraph_server(tmp_path / "oxigraph")
    try:
        target = _target()
        old = _first(server, target)
        store = make_store(tmp_path, {target: triples(f"new-{target}", 300)})
        with FaultProxy(server.url, swap_request(), nth=1, action="kill",
                        on_fault=server.handle.kill) as proxy:
            done = _staged_cli(server, proxy, store, "--retries", "2")
        assert proxy.faults == 1
        assert done.returncode == 2
        message = done.stderr.strip()
        assert "failed at the swap" in message
        assert "Whether the swap took effect is unknown" in message
        assert "c2c-kg status" in message and "not changed" not in message
        server.handle.start()
        assert server.graph_lines(target) == old  # the swap never reached it
    finally:
        server.handle.stop()


def test_a_direct_request_answered_late_is_reported_as_published(oxigraph, tmp_path):
    """Oxigraph's one-request publish (a PUT) took effect; its answer came after --timeout."""
    target = _target()
    _first(oxigraph, target)
    new = triples(f"new-{target}", 300)
    store = make_store(tmp_path, {target: new})
    with FaultProxy(oxigraph.url, lambda method, path, body: method == "PUT", nth=1,
                    action="late", delay=8) as proxy:
        done = run_cli(["publish", *oxigraph.cli_args(proxy.url), "--store", str(store),
                        "--timeout", "3"], oxigraph.env())
    assert proxy.faults == 1
    assert done.returncode == 0, done.stderr
    assert "did not confirm the publish" in done.stderr and "took effect" in done.stderr
    assert f"300 triples  {target}  (was 200)\n" in done.stdout
    assert oxigraph.graph_lines(target) == set(new)
