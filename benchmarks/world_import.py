"""Import and reconcile the twinning lists at 10%, 50% and 100% of their rows, then time every
world stored query on the full embedded store.

    nice -n 10 python benchmarks/world_import.py [--shared DIR] [--fractions 0.1,0.5,1.0]

Prints Markdown tables: per fraction, the rows, places, partnerships, quads and seconds (read and
reconcile, N-Quads, bulk load, total) with the ratio to the 10% run; per query the median of
three runs, its rows, and its ratio to a baseline query measured in the same run (counting the
statements). The machine is shared: the load average is printed before and after.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from c2c_kg.project import Project
from c2c_kg.store.engines import EmbeddedEngine
from c2c_kg.store.queries import list_queries, parse_params
from c2c_kg.world.importer import find_lists, import_world

ROOT = Path(__file__).resolve().parents[1]
BASELINE = ("PREFIX c2c: <https://w3id.org/c2c-kg/ontology#> "
            "SELECT (COUNT(*) AS ?n) WHERE { ?s c2c:statementOf ?p }")


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def median_seconds(engine: EmbeddedEngine, text: str, bindings, runs: int = 3):
    times, rows = [], 0
    for _ in range(runs):
        started = time.perf_counter()
        rows = len(engine.select(text, bindings).rows)
        times.append(time.perf_counter() - started)
    return statistics.median(times), rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=None)
    parser.add_argument("--fractions", default="0.1,0.5,1.0")
    args = parser.parse_args()
    lists = find_lists(ROOT, args.shared)
    print(f"load average before: {load()} (cpus: {os.cpu_count()})\n")
    print("| rows read | fraction | places | partnerships | quads | reconcile s | N-Quads s "
          "| drop old s | load s | total s | × 10% |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    base = None
    with tempfile.TemporaryDirectory() as folder:
        store = Path(folder) / "store"
        for fraction in map(float, args.fractions.split(",")):
            result = import_world(lists, store, Project(ROOT), fraction=fraction)
            s = result.seconds
            base = base or s["total"]
            print(f"| {len(result.world.rows):,} | {fraction:.0%} | {len(result.world.places):,} "
                  f"| {len(result.world.partnerships):,} | {result.quads:,} "
                  f"| {s['reconcile']:.1f} | {s['serialise']:.1f} | {s['drop']:.1f} "
                  f"| {s['load']:.1f} "
                  f"| {s['total']:.1f} | {s['total'] / base:.1f} |", flush=True)
        print(f"\nload average after the imports: {load()}\n")
        engine = EmbeddedEngine(store)
        baseline, _ = median_seconds(engine, BASELINE, None)
        print(f"baseline (count the statements): {baseline * 1000:.0f} ms\n")
        print("| query | rows | median ms | × baseline |")
        print("|---|---|---|---|")
        for query in list_queries(ROOT / "queries"):
            if not query.name.startswith("world-"):
                continue
            seconds, rows = median_seconds(engine, query.text, parse_params(query, []))
            flag = "" if seconds < 1 else " (over 1 s)"
            print(f"| {query.name} | {rows:,} | {seconds * 1000:.0f}{flag} "
                  f"| {seconds / baseline:.1f} |", flush=True)
    print(f"\nload average after: {load()}")


if __name__ == "__main__":
    main()
