"""Nothing copyrighted leaves the machine by default: publish leaves out the local quotes
graph and, as a safety net, every oa:exact triple, unless --include-quotes (with a warning)."""

from __future__ import annotations

from servers import (  # noqa: F401  (fixtures)
    make_store,
    ntriples,
    oxigraph_fixture,
    run_cli,
    triples,
)

from c2c_kg.remote.endpoints import resolve_endpoints
from c2c_kg.remote.publish import QUOTES_GRAPH, plan_publish

OA = "http://www.w3.org/ns/oa#"
DATA = "https://example.org/quotes-test/data"


def _graphs(tag: str) -> dict[str, list[str]]:
    """A data graph with one stray oa:exact triple, and a quotes graph of selectors."""
    sel = f"https://example.org/{tag}/selector"
    stray = f'<{sel}/stray> <{OA}exact> "a verbatim sentence that slipped in" .'
    data = [*triples(f"{tag}-data", 20), stray]
    quotes = [f"<{sel}/{i}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
              f"<{OA}TextQuoteSelector> ." for i in range(3)]
    quotes += [f'<{sel}/{i}> <{OA}exact> "verbatim quote {i}" .' for i in range(3)]
    return {DATA: data, QUOTES_GRAPH: quotes}


def _sent(plan) -> list[bytes]:
    return [line for u in plan.uploads for batch in u.batches for line in batch]


def test_the_plan_leaves_out_the_quotes_graph_and_every_oa_exact_triple():
    graphs = {g: ntriples(x) for g, x in _graphs("plan").items()}
    endpoints = resolve_endpoints("http://127.0.0.1:1", "oxigraph")
    plan = plan_publish(graphs, endpoints)
    assert [u.target for u in plan.uploads] == [DATA]
    assert not any(b"oa#exact" in line for line in _sent(plan))
    assert plan.triples == 20 and plan.quotes_left_out == 7
    merged = plan_publish(graphs, endpoints, graph="https://example.org/all")
    assert merged.triples == 20  # also when everything goes into one graph
    everything = plan_publish(graphs, endpoints, include_quotes=True)
    assert {u.target for u in everything.uploads} == {DATA, QUOTES_GRAPH}
    assert everything.triples == 27 and everything.quotes_left_out == 0


def test_publish_sends_no_quote_unless_asked(oxigraph, tmp_path):
    store = make_store(tmp_path, _graphs("cli"))
    exact = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s <{OA}exact> ?o }} }}"
    done = run_cli(["publish", *oxigraph.cli_args(), "--store", str(store)], oxigraph.env())
    assert done.returncode == 0, done.stderr
    assert "left out 7 triple(s) of verbatim source text" in done.stdout
    assert "copyrighted" not in done.stderr
    client = oxigraph.client()
    assert client.select(exact) == [{"n": "0"}]
    assert client.graph_sizes([QUOTES_GRAPH, DATA]) == {QUOTES_GRAPH: 0, DATA: 20}

    dry = run_cli(["publish", *oxigraph.cli_args(), "--store", str(store), "--dry-run"],
                  oxigraph.env())
    assert "7 triple(s) with verbatim source text" in dry.stdout

    done = run_cli(["publish", *oxigraph.cli_args(), "--store", str(store), "--include-quotes"],
                   oxigraph.env())
    assert done.returncode == 0, done.stderr
    assert "warning: --include-quotes sends verbatim text of the copyrighted source" in (
        done.stderr)
    assert client.select(exact) == [{"n": "4"}]
    assert client.graph_sizes([QUOTES_GRAPH, DATA]) == {QUOTES_GRAPH: 6, DATA: 21}
    client.update(f"DROP SILENT GRAPH <{QUOTES_GRAPH}>", "clean up")  # shared server
