"""SHACL speed: a generated contribution validated together with the project's graph.

For each size, ``generate.py`` writes a synthetic contribution (with errors injected here: start
years out of range, missing countries, partners given as text, ends before starts), which is
validated together with the project's own graph (assembled without reasoning) and its ontology:

- ``pyshacl``: plain pyshacl on the rdflib graph (the reference; skipped above ``--pyshacl-max``);
- ``fast``: c2c-kg's engine on the same rdflib graph (``validate_graph``), results compared one by
  one with pyshacl's;
- ``fast-file``: the contribution path: the file parsed by Oxigraph's parser and validated with
  ``validate_triples`` (parse included), results compared with ``fast`` ignoring blank-node labels.

Times are seconds in one process, ratios against pyshacl measured in the same run.

    python benchmarks/shacl_speed.py --sizes 10000,100000,1000000 --pyshacl-max 100000
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from c2c_kg.graph.build import assemble
from c2c_kg.graph.shacl import (
    load_shapes,
    ontology_triples,
    validate_graph,
    validate_triples,
)
from c2c_kg.ontology.schema import read_schema
from c2c_kg.project import Project

HERE = Path(__file__).resolve().parent
C2C = "https://w3id.org/c2c-kg/ontology#"


def contribution(size: int, folder: Path, every: int) -> Path:
    """A generated graph of about ``size`` triples, as N-Triples, with injected errors."""
    raw = folder / f"generated-{size}.nq"
    subprocess.run([sys.executable, str(HERE / "generate.py"), "--triples", str(size),
                    "--output", str(raw)], check=True, capture_output=True)
    out = folder / f"contribution-{size}.nt"
    counts = {"start": 0, "country": 0, "partner": 0}
    with raw.open(encoding="utf-8") as src, out.open("w", encoding="utf-8") as dst:
        for line in src:
            s, p, rest = line.split(" ", 2)
            o = rest.rsplit(" ", 2)[0]
            if p == f"<{C2C}startYear>":
                counts["start"] += 1
                if counts["start"] % every == 0:
                    o = re.sub(r'"\d{4}"', '"2999"', o)
                elif counts["start"] % every == 1:
                    o = re.sub(r'"\d{4}"', '"2031"', o)  # also before the end: a rule fails
            elif p == f"<{C2C}country>":
                counts["country"] += 1
                if counts["country"] % every == 0:
                    continue
            elif p == f"<{C2C}hasPartner>":
                counts["partner"] += 1
                if counts["partner"] % every == 0:
                    o = '"a partner written as text"'
            dst.write(f"{s} {p} {o} .\n")
    return out


def _unlabelled(report) -> list:
    """Violations with blank-node labels blanked (two parsers label them differently)."""
    blank = re.compile(r"^n?[0-9a-f]{20,}\w*$|^[A-Za-z0-9]{32,}$")
    return sorted(tuple("_" if blank.match(x) else x for x in (v.severity, v.focus, v.path,
                                                             v.value, v.message, v.shape))
                  for v in report.violations)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--pyshacl-max", type=int, default=100_000,
                        help="run plain pyshacl only up to this many triples")
    parser.add_argument("--every", type=int, default=200, help="inject an error every N")
    parser.add_argument("--project", type=Path, default=HERE.parent)
    args = parser.parse_args(argv)
    project = Project(args.project)
    shapes = load_shapes(project.shapes)
    schema = read_schema(project)
    start = time.perf_counter()
    base = assemble(project, reason=False).union("data", "provenance", "links", "vocabularies")
    took = time.perf_counter() - start
    print(f"project graph: {len(base):,} triples (assembled in {took:.1f} s)")
    mixed = ontology_triples(schema)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            path = contribution(size, Path(tmp), args.every)
            row = {"size": size}
            start = time.perf_counter()
            triples = [(t.subject, t.predicate, t.object) for t in
                       ox.parse(path=str(path), format=ox.RdfFormat.N_TRIPLES)]
            from c2c_kg.graph.shacl_fast import to_ox

            for graph in (base, mixed):
                triples.extend((to_ox(s), to_ox(p), to_ox(o)) for s, p, o in graph)
            file_report = validate_triples(triples, shapes)
            row["fast-file"] = time.perf_counter() - start
            row["triples"] = len(triples)
            del triples
            if size <= args.pyshacl_max:
                graph = Graph()
                graph += base
                graph.parse(path, format="nt")
                start = time.perf_counter()
                fast = validate_graph(graph, shapes, schema, engine="fast")
                row["fast"] = time.perf_counter() - start
                start = time.perf_counter()
                reference = validate_graph(graph, shapes, schema, engine="pyshacl")
                row["pyshacl"] = time.perf_counter() - start
                row["results"] = len(reference.violations)
                row["identical"] = (reference.violations == fast.violations
                                    and reference.conforms == fast.conforms)
                row["file-identical"] = _unlabelled(file_report) == _unlabelled(fast)
                if not row["identical"]:
                    only = set(reference.violations) ^ set(fast.violations)
                    for v in sorted(only, key=str)[:10]:
                        print("  differs:", v)
            else:
                row["results"] = len(file_report.violations)
            rows.append(row)
            print(row, flush=True)
    print("\n| contribution | triples validated | results | pyshacl s | fast s | ratio | "
          "fast-file s | ratio | identical |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        py = r.get("pyshacl")
        ratio = f"{py / r['fast']:.1f}x" if py else "-"
        ratio_file = f"{py / r['fast-file']:.1f}x" if py else "-"
        same = (f"{r['identical']} (file path: {r['file-identical']})" if py else "not compared")
        py_text = f"{py:.1f}" if py else "-"
        fast_text = f"{r['fast']:.1f}" if "fast" in r else "-"
        print(f"| {r['size']:,} | {r['triples']:,} | {r['results']:,} | {py_text} | "
              f"{fast_text} | {ratio} | {r['fast-file']:.1f} | {ratio_file} | {same} |")
    return 0 if all(r.get("identical", True) for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
