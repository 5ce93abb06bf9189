"""The cost of a durable swap on Virtuoso: the differential swap c2c-kg uses there against the
``MOVE`` it replaced (which a crash before the next checkpoint replays with triples missing),
measured in the same run on the same server.

    bash .ci/virtuoso.sh start && . "${C2C_KG_VIRTUOSO_DIR:-/tmp/c2c-kg-virtuoso}/env"
    python benchmarks/virtuoso_swap.py [--triples 125000] [--overlap 0.9]

For each swap: publish a first version of a graph, stage a second version sharing ``--overlap``
of its triples (a republish), and time the one swap request alone. Prints seconds and the ratio
differential / MOVE.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import uuid
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))


def _swap_seconds(server, differential: bool, count: int, overlap: float) -> float:
    from servers import ntriples, triples

    from c2c_kg.remote.publish import plan_publish, publish

    endpoints = replace(server.endpoints(), differential_swap=differential)
    target = f"https://example.org/bench/{uuid.uuid4().hex[:8]}/g"
    old = triples(f"old-{target}", count)
    publish(plan_publish({target: ntriples(old)}, endpoints), server.client(timeout=3600))
    keep = int(count * overlap)
    new = old[:keep] + triples(f"new-{target}", count - keep)
    plan = plan_publish({target: ntriples(new)}, endpoints)
    client = server.client(timeout=3600)
    (upload,) = plan.uploads
    for batch in upload.batches:
        client.post_graph(upload.staging, b"\n".join(batch) + b"\n", "stage")
    started = time.perf_counter()
    client.update(plan.swap, "swap", retry=False)
    seconds = time.perf_counter() - started
    assert client.graph_sizes([target]) == {target: count}
    client.update(f"DROP SILENT GRAPH <{target}>", "clean up")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=125_000)
    parser.add_argument("--overlap", type=float, default=0.9)
    args = parser.parse_args()
    if not os.environ.get("C2C_KG_TEST_VIRTUOSO_URL"):
        sys.exit("Start Virtuoso with .ci/virtuoso.sh and source its env file first.")
    from servers import virtuoso_server

    server = virtuoso_server()
    move = _swap_seconds(server, False, args.triples, args.overlap)
    diff = _swap_seconds(server, True, args.triples, args.overlap)
    print(f"{args.triples:,} triples, {args.overlap:.0%} unchanged: MOVE {move:.2f} s, "
          f"differential {diff:.2f} s, ratio {diff / move:.2f}")


if __name__ == "__main__":
    main()
