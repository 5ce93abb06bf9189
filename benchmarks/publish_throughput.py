"""Publishing throughput to a real Oxigraph server: c2c-kg's all-or-nothing paths against a plain
single-request upload of the same N-Triples file, measured in the same run.

    python benchmarks/publish_throughput.py [--triples 1000000] [--no-staged] [--json OUT]

The data is benchmarks/generate.py's synthetic partnership graph, all in one graph
(``--graph``-style). Each measurement gets a fresh ``oxigraph serve`` in a temporary folder:

* plain: one Graph Store POST of the N-Triples file to ``/store?graph=…`` (one transaction),
  then one PUT of a second graph of the same size replacing it;
* c2c-kg direct: ``publish`` from an in-memory pyoxigraph store holding the same triples: dump,
  plan, check the server, ONE Graph Store request to the target (a POST, as the graph is empty;
  Oxigraph runs it as one transaction, so it is all or nothing without staging), check the final
  count; timed from the dump on;
* c2c-kg direct again on the same server with another graph of the same size (generated with
  another seed): a republish, where one PUT replaces the first 1 M triples by the second;
* c2c-kg staged (batches of 250,000, direct path turned off): POSTs into a staging graph, count
  check, one ``MOVE`` update, final check: the path for servers without atomic requests.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from servers import OxigraphServer  # noqa: E402  (test helper: start/stop a real server)

GRAPH = "https://w3id.org/c2c-kg/graph/benchmark"


def generate(triples: int, folder: Path, seed: int = 42) -> Path:
    """The synthetic quads, written as N-Triples of one graph (distinct triples)."""
    import pyoxigraph as ox

    quads = folder / f"synthetic-{seed}.nq"
    subprocess.run([sys.executable, str(HERE / "generate.py"), "--triples", str(triples),
                    "--seed", str(seed), "--output", str(quads)], check=True,
                   stdout=subprocess.DEVNULL)
    store, graph = ox.Store(), ox.NamedNode(GRAPH)
    store.extend(ox.Quad(q.subject, q.predicate, q.object, graph)
                 for q in ox.parse(path=str(quads), format=ox.RdfFormat.N_QUADS))
    out = folder / f"synthetic-{seed}.nt"
    store.dump(str(out), format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(GRAPH))
    return out


def count(url: str) -> int:
    import requests

    answer = requests.post(f"{url}/query", data={
        "query": f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}"},
        headers={"Accept": "application/sparql-results+json"}, timeout=600).json()
    return int(answer["results"]["bindings"][0]["n"]["value"])


def plain_upload(data: bytes, other: bytes, folder: Path) -> tuple[float, int, float]:
    """One POST of ``data`` to a fresh server; then one PUT of ``other`` replacing it."""
    import requests

    server = OxigraphServer(folder / "plain").start()
    try:
        started = time.perf_counter()
        answer = requests.post(f"{server.url}/store", params={"graph": GRAPH}, data=data,
                               headers={"Content-Type": "application/n-triples"}, timeout=3600)
        answer.raise_for_status()
        seconds, size = time.perf_counter() - started, count(server.url)
        started = time.perf_counter()
        answer = requests.put(f"{server.url}/store", params={"graph": GRAPH}, data=other,
                              headers={"Content-Type": "application/n-triples"}, timeout=3600)
        answer.raise_for_status()
        return seconds, size, time.perf_counter() - started
    finally:
        server.stop()


def c2c_publish(paths: list[Path], folder: Path, name: str,
                staged: bool = False) -> tuple[list[float], list[int], int]:
    """Publish each file in turn to one fresh server (the second one replaces the first); the
    seconds and triples of each publish, and the requests of the last."""
    import pyoxigraph as ox

    from c2c_kg.remote.client import GraphStoreClient
    from c2c_kg.remote.endpoints import resolve_endpoints
    from c2c_kg.remote.publish import graphs_of, plan_publish, publish

    server = OxigraphServer(folder / name).start()
    times, sizes = [], []
    try:
        endpoints = resolve_endpoints(server.url, "oxigraph")
        for path in paths:
            store = ox.Store()
            store.bulk_load(path=str(path), format=ox.RdfFormat.N_TRIPLES,
                            to_graph=ox.NamedNode(GRAPH))
            started = time.perf_counter()
            plan = plan_publish(graphs_of(store), endpoints, allow_direct=not staged,
                                batch_size=250_000 if staged else None)
            report = publish(plan, GraphStoreClient(endpoints, timeout=3600))
            times.append(time.perf_counter() - started)
            sizes.append(report.triples)
            assert count(server.url) == report.triples == len(store)
        return times, sizes, plan.requests
    finally:
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--no-staged", action="store_true", help="skip the staged path")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="c2c-publish-bench-") as tmp:
        folder = Path(tmp)
        path, other = generate(args.triples, folder), generate(args.triples, folder, seed=7)
        data = path.read_bytes()
        plain_s, n, plain_put_s = plain_upload(data, other.read_bytes(), folder)
        (direct_s, again_s), (direct_n, other_n), _ = c2c_publish([path, other], folder, "direct")
        staged = None if args.no_staged else c2c_publish([path], folder, "staged", True)
    if direct_n != n or (staged and staged[1][0] != n):
        raise SystemExit(f"triple counts differ: plain {n}, c2c-kg {direct_n}")
    figures = {"triples": n, "megabytes": round(len(data) / 1e6, 1),
               "plain_seconds": round(plain_s, 2), "plain_per_second": round(n / plain_s),
               "direct_seconds": round(direct_s, 2), "direct_per_second": round(n / direct_s),
               "republish_triples": other_n, "republish_seconds": round(again_s, 2),
               "republish_per_second": round(other_n / again_s),
               "plain_replace_seconds": round(plain_put_s, 2),
               "direct_to_plain_time": round(direct_s / plain_s, 2),
               "republish_to_plain_replace_time": round(again_s / plain_put_s, 2),
               "republish_to_plain_time": round(again_s / plain_s, 2)}
    if staged:
        (staged_s,), _, batches = staged
        figures.update(staged_seconds=round(staged_s, 2), staged_per_second=round(n / staged_s),
                       staged_batches=batches, staged_to_plain_time=round(staged_s / plain_s, 2))
    print(f"{n:,} triples ({figures['megabytes']} MB of N-Triples) to a fresh Oxigraph server")
    rows = [("plain single-request POST", plain_s, n),
            ("c2c-kg publish (direct, one request)", direct_s, n),
            (f"plain single-request PUT ({other_n:,} replace them)", plain_put_s, other_n),
            (f"c2c-kg republish ({other_n:,} replace them)", again_s, other_n)]
    if staged:
        rows.append((f"c2c-kg staged ({staged[2]} POSTs + MOVE)", staged[0][0], n))
    for label, seconds, size in rows:
        print(f"  {label:<44} {seconds:7.1f} s {size / seconds:>10,.0f} triples/s "
              f"{seconds / plain_s:5.2f}x plain time")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
