"""Loading the record files: the strict libyaml parse against the former two-pass parse.

Baseline (measured in the same run): what ``c2c_kg.graph.records`` did before, each file parsed
twice with PyYAML's pure-Python loader (``yaml.compose`` for the line numbers, ``yaml.safe_load``
for the values). New: :func:`c2c_kg.graph.yamlfile.read_documents` (one parse, libyaml, with
duplicate-key and alias checks) and the whole :func:`c2c_kg.graph.records.load_records` (all
record checks, line numbers of every field). Prints the best of ``--runs`` runs and the ratios.

    python benchmarks/record_loading.py [--root .] [--runs 5]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from c2c_kg.graph.records import load_context, load_records, record_files
from c2c_kg.graph.yamlfile import LIBYAML, read_documents
from c2c_kg.project import Project


def _former(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    yaml.compose(text, Loader=yaml.SafeLoader)
    yaml.safe_load(text)


def _best(runs: int, work: Callable[[], None]) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path("."))
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    project = Project(args.root.resolve())
    files = record_files(project)
    context = load_context(project.data / "context.jsonld")
    size = sum(p.stat().st_size for p in files)
    print(f"{len(files)} record files, {size:,} bytes; libyaml: {LIBYAML}; best of {args.runs}")
    baseline = _best(args.runs, lambda: [_former(p) for p in files])
    parse = _best(args.runs, lambda: [read_documents(p) for p in files])
    whole = _best(args.runs, lambda: load_records(files, context, project.data / "records"))
    print(f"former two-pass parse (pure Python)   {baseline * 1000:8.1f} ms   1.00x")
    print(f"strict libyaml parse (read_documents) {parse * 1000:8.1f} ms   "
          f"{baseline / parse:5.1f}x faster")
    print(f"load_records (parse + all checks)     {whole * 1000:8.1f} ms   "
          f"{baseline / whole:5.1f}x faster")


if __name__ == "__main__":
    main()
