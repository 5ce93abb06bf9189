"""Publishing throughput to a real Oxigraph server: c2c-kg's all-or-nothing path against a plain
single-request upload of the same N-Quads file, measured in the same run.

    python benchmarks/publish_throughput.py [--triples 1000000] [--input FILE.nq] [--json OUT]

The graph is benchmarks/generate.py's synthetic partnership graph (several named graphs). Each
measurement gets a fresh ``oxigraph serve`` in a temporary folder:

* plain: one Graph Store POST of the whole file to ``/store`` (``application/n-quads``; Oxigraph
  loads it in one transaction);
* c2c-kg: ``publish`` from an in-memory pyoxigraph store holding the same quads: dump each graph,
  plan, check the server, send ONE update that drops and refills every target graph (Oxigraph
  runs it as one transaction: the direct all-or-nothing path), check the final counts (timed
  from the dump to the last check);
* c2c-kg again on the same server (a republish: the swap now replaces 1 M triples).
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


def generate(triples: int, folder: Path) -> Path:
    out = folder / "synthetic.nq"
    subprocess.run([sys.executable, str(HERE / "generate.py"), "--triples", str(triples),
                    "--output", str(out)], check=True, stdout=subprocess.DEVNULL)
    return out


def plain_upload(data: bytes, folder: Path) -> tuple[float, int]:
    import requests

    server = OxigraphServer(folder / "plain").start()
    try:
        started = time.perf_counter()
        answer = requests.post(f"{server.url}/store", data=data,
                               headers={"Content-Type": "application/n-quads"}, timeout=3600)
        answer.raise_for_status()
        seconds = time.perf_counter() - started
        count = requests.post(f"{server.url}/query", data={
            "query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"},
            headers={"Accept": "application/sparql-results+json"}, timeout=600).json()
        return seconds, int(count["results"]["bindings"][0]["n"]["value"])
    finally:
        server.stop()


def c2c_publish(path: Path, folder: Path) -> tuple[list[float], int, int]:
    import pyoxigraph as ox

    from c2c_kg.endpoints import resolve_endpoints
    from c2c_kg.publish import graphs_of, plan_publish, publish
    from c2c_kg.remote import GraphStoreClient

    store = ox.Store()
    store.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
    server = OxigraphServer(folder / "c2c").start()
    times = []
    try:
        endpoints = resolve_endpoints(server.url, "oxigraph")
        for _ in range(2):
            started = time.perf_counter()
            plan = plan_publish(graphs_of(store), endpoints)
            report = publish(plan, GraphStoreClient(endpoints, timeout=3600))
            times.append(time.perf_counter() - started)
        return times, report.triples, plan.requests
    finally:
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--input", type=Path, help="an N-Quads file to use instead")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="c2c-publish-bench-") as tmp:
        folder = Path(tmp)
        path = args.input or generate(args.triples, folder)
        data = path.read_bytes()
        plain_s, plain_n = plain_upload(data, folder)
        (first_s, again_s), c2c_n, batches = c2c_publish(path, folder)
    if plain_n != c2c_n:
        raise SystemExit(f"triple counts differ: plain {plain_n}, c2c-kg {c2c_n}")
    figures = {
        "triples": plain_n,
        "megabytes": round(len(data) / 1e6, 1),
        "plain_seconds": round(plain_s, 2),
        "plain_triples_per_second": round(plain_n / plain_s),
        "c2c_seconds": round(first_s, 2),
        "c2c_triples_per_second": round(c2c_n / first_s),
        "c2c_batches": batches,
        "c2c_republish_seconds": round(again_s, 2),
        "c2c_republish_triples_per_second": round(c2c_n / again_s),
        "ratio_c2c_to_plain_time": round(first_s / plain_s, 2),
        "ratio_republish_to_plain_time": round(again_s / plain_s, 2),
    }
    print(f"{plain_n:,} triples ({figures['megabytes']} MB of N-Quads) to a fresh Oxigraph server")
    print(f"  plain single-request POST : {plain_s:7.1f} s  "
          f"{figures['plain_triples_per_second']:>9,} triples/s")
    print(f"  c2c-kg publish (all or nothing, {batches} batches): {first_s:7.1f} s  "
          f"{figures['c2c_triples_per_second']:>9,} triples/s")
    print(f"  c2c-kg republish (replaces): {again_s:7.1f} s  "
          f"{figures['c2c_republish_triples_per_second']:>9,} triples/s")
    print(f"  time ratio c2c-kg / plain: {figures['ratio_c2c_to_plain_time']}  "
          f"(republish: {figures['ratio_republish_to_plain_time']})")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
