"""Planning a publish (no server): batches, blank nodes, the swap, --dry-run."""

from __future__ import annotations

import pytest
from servers import free_port, make_store, ntriples, run_cli, triples

from c2c_kg.errors import UsageError
from c2c_kg.remote.endpoints import resolve_endpoints
from c2c_kg.remote.publish import _has_blank, describe, plan_publish
from c2c_kg.store.embedded import STAGING

OXI = resolve_endpoints("http://127.0.0.1:1", "oxigraph")
VIRT = resolve_endpoints("http://127.0.0.1:1", "virtuoso", user="w")


def test_batches_cover_every_triple_once_and_respect_the_size():
    lines = triples("g", 2_345)
    plan = plan_publish({"https://example.org/g": ntriples(lines)}, OXI, batch_size=1_000)
    (upload,) = plan.uploads
    assert [len(b) for b in upload.batches] == [1_000, 1_000, 345]
    assert sorted(b.decode() for batch in upload.batches for b in batch) == sorted(lines)
    assert upload.staging.startswith(STAGING) and upload.triples == 2_345


def test_virtuoso_update_batches_stay_under_its_insert_data_limit():
    plan = plan_publish({"https://example.org/g": ntriples(triples("g", 4_500))}, VIRT,
                        protocol="update")
    assert plan.protocol == "update"
    assert max(len(b) for b in plan.uploads[0].batches) < 2_000


def test_blank_node_triples_travel_together_in_the_first_batch():
    blank = [f'_:n{i} <https://example.org/p> "x{i}" .' for i in range(30)]
    blank += [f"<https://example.org/s{i}> <https://example.org/q> _:n{i} ." for i in range(30)]
    ground = triples("g", 100)
    data = ntriples(ground[:50] + blank + ground[50:])
    plan = plan_publish({"https://example.org/g": data}, OXI, batch_size=20)
    first, *rest = plan.uploads[0].batches
    assert all(_has_blank(line) for line in first) and len(first) == 60
    assert not any(_has_blank(line) for batch in rest for line in batch)
    assert plan.uploads[0].blank_triples == 60 and plan.uploads[0].triples == 160


def test_too_many_blank_node_triples_for_one_update_request_are_refused():
    blank = [f'_:n{i} <https://example.org/p> "x" .' for i in range(50)]
    with pytest.raises(UsageError, match="blank nodes"):
        plan_publish({"https://example.org/g": ntriples(blank)}, OXI, protocol="update",
                     batch_size=20)


def test_blank_node_detection_ignores_literals_that_look_like_one():
    assert not _has_blank(b'<https://e.org/s> <https://e.org/p> "_:not a node" .')
    assert _has_blank(b"<https://e.org/s> <https://e.org/p> _:b0 .")
    assert _has_blank(b'_:b0 <https://e.org/p> "x" .')


def test_one_target_graph_merges_duplicates():
    shared = triples("shared", 10)
    graphs = {"https://example.org/a": ntriples(shared + triples("a", 5)),
              "https://example.org/b": ntriples(shared + triples("b", 7))}
    plan = plan_publish(graphs, OXI, graph="https://example.org/all")
    assert [u.target for u in plan.uploads] == ["https://example.org/all"]
    assert plan.uploads[0].triples == 22


def test_the_swap_is_one_request_for_every_graph():
    graphs = {f"https://example.org/{n}": ntriples(triples(n, 3)) for n in "abc"}
    graphs["https://example.org/empty"] = b""
    plan = plan_publish(graphs, OXI)
    steps = plan.swap.split(" ;\n")
    assert len(steps) == 4
    assert steps[0] == f"MOVE SILENT GRAPH <{plan.uploads[0].staging}> TO GRAPH <https://example.org/a>"
    assert steps[3] == "DROP SILENT GRAPH <https://example.org/empty>"


def test_protocol_needs_the_matching_url():
    generic = resolve_endpoints("http://127.0.0.1:1/sparql")
    with pytest.raises(UsageError, match="Update URL"):
        plan_publish({"https://example.org/g": ntriples(triples("g", 1))}, generic)
    with pytest.raises(UsageError, match="Graph Store URL"):
        plan_publish({"https://example.org/g": b""},
                     resolve_endpoints("http://h/q", update_url="http://h/u"), protocol="gsp")
    with pytest.raises(UsageError, match="staging"):
        plan_publish({"https://example.org/g": b""}, OXI, graph=STAGING + "x")


def test_one_atomic_request_when_the_server_has_one_and_everything_fits():
    graphs = {f"https://example.org/{n}": ntriples(triples(n, 3)) for n in "ab"}
    assert plan_publish(graphs, OXI).direct
    assert not plan_publish(graphs, OXI, batch_size=4).direct
    assert not plan_publish(graphs, VIRT).direct  # Virtuoso: always staged
    one = plan_publish({"https://example.org/a": graphs["https://example.org/a"]}, OXI)
    assert one.put and "one Graph Store PUT" in describe(one)


def test_describe_names_every_graph_and_the_swap():
    plan = plan_publish({"https://example.org/g": ntriples(triples("g", 5))}, VIRT)
    text = describe(plan)
    assert "<https://example.org/g>: 5 triples in 1 request(s)" in text
    assert plan.swap.splitlines()[0] in text


def test_dry_run_sends_nothing(tmp_path):
    store = make_store(tmp_path, {"https://example.org/g": triples("g", 12)})
    port = free_port()  # nothing listens there: any request would fail
    done = run_cli(["publish", "--endpoint", f"http://127.0.0.1:{port}", "--kind", "oxigraph",
                    "--store", str(store), "--dry-run"], env={"PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    assert "Would publish 1 graph(s), 12 triples" in done.stdout
    assert f"http://127.0.0.1:{port}/store" in done.stdout


def test_several_graphs_over_the_update_size_limit_are_staged():
    from dataclasses import replace

    small = replace(OXI, max_update_bytes=2_000)
    graphs = {f"https://example.org/{n}": ntriples(triples(n, 20)) for n in "ab"}
    assert not plan_publish(graphs, small).direct
    single = plan_publish({"https://example.org/a": graphs["https://example.org/a"]}, small)
    assert single.direct and single.put  # a Graph Store PUT has no such limit
