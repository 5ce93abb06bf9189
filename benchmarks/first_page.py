"""Time until ``c2c-kg query NAME`` has printed its table on a terminal, for two source trees.

The command runs in a fresh interpreter with its standard output on a pseudo-terminal (so it
takes the terminal path: a first page of 50 rows since paging, every row before), ``--runs``
times, the trees taking turns; printed are the median wall-clock seconds and the rows drawn.

    python benchmarks/generate.py --triples 1000000 --base out/c2c-kg.nq --output /tmp/s.nq
    python -c "import sys, pyoxigraph as ox; s = ox.Store(sys.argv[1]); \\
        s.bulk_load(path=sys.argv[2], format=ox.RdfFormat.N_QUADS)" /tmp/store1m /tmp/s.nq
    git archive main src | tar -x -C /tmp/main      # the tree to compare with
    python benchmarks/first_page.py --store /tmp/store1m --before /tmp/main/src
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def on_terminal(command: list[str], env: dict[str, str]) -> tuple[float, bytes]:
    """Seconds until ``command`` exits with its standard output on a pseudo-terminal, and what
    it wrote there (drained as it comes, so that the command never waits on the reader)."""
    main, child = os.openpty()
    seen = bytearray()

    def drain() -> None:
        while True:
            try:
                chunk = os.read(main, 65536)
            except OSError:
                return
            if not chunk:
                return
            seen.extend(chunk)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    started = time.perf_counter()
    subprocess.run(command, stdout=child, stderr=subprocess.DEVNULL, env=env, check=True)
    seconds = time.perf_counter() - started
    os.close(child)
    reader.join(timeout=5)
    os.close(main)
    return seconds, bytes(seen)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, required=True, help="a store (e.g. 1 M quads)")
    parser.add_argument("--query", default="fourth-pillar-actors")
    parser.add_argument("--before", type=Path, help="src/ folder of the tree to compare with")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    trees = {"this tree": ROOT / "src"}
    if args.before:
        trees = {"before": args.before.resolve(), **trees}
    command = [sys.executable, "-m", "c2c_kg.cli", "query", args.query, "--root", str(ROOT),
               "--store", str(args.store)]
    times: dict[str, list[float]] = {name: [] for name in trees}
    lines: dict[str, int] = {}
    for _ in range(args.runs):
        for name, src in trees.items():
            env = dict(os.environ, PYTHONPATH=str(src), COLUMNS="120", LINES="40")
            seconds, out = on_terminal(command, env)
            times[name].append(seconds)
            lines[name] = out.count(b"\n")
    for name, values in times.items():
        print(f"{name}: {statistics.median(values):.2f} s (runs: "
              f"{', '.join(f'{v:.2f}' for v in values)}), {lines[name]:,} lines on the terminal")


if __name__ == "__main__":
    main()
