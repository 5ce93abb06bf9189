"""How many cases of the W3C SHACL test suite each engine passes, and whether fast == pyshacl.

Runs every ``sht:Validate`` case (core and SPARQL) under ``--suite`` with pyshacl (the reference),
c2c-kg's fast engine and, when installed, pyshacl-turbo; a case passes when the engine's report
matches the expected one (pyshacl's conformance check). It also counts the cases where the fast
engine's results equal pyshacl's one by one, and names every case where they do not.

    python benchmarks/w3c_shacl.py --suite ../shared/data/5_shacl_tests
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
import time
import warnings
from collections import Counter
from pathlib import Path

from c2c_kg.graph.shacl import validate_graph
from c2c_kg.graph.shacl_w3c import cases, check


def _pyshacl(data, shapes):
    return validate_graph(data, shapes, engine="pyshacl", allow_warnings=False).graph


def _fast(data, shapes):
    return validate_graph(data, shapes, engine="fast", allow_warnings=False).graph


def _turbo(data, shapes):
    import pyshacl_turbo

    _, report, _ = pyshacl_turbo.validate(data, shacl_graph=shapes, inference="none",
                                          advanced=True)
    return report


def _same(case) -> bool | None:
    """Whether both engines give the same results (None when either refuses the input)."""
    try:
        data, shapes, _ = case.graphs()
        a = validate_graph(data, shapes, engine="pyshacl", allow_warnings=False)
        b = validate_graph(data, shapes, engine="fast", allow_warnings=False)
    except Exception:
        return None
    return a.conforms == b.conforms and a.violations == b.violations


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--suite", type=Path, default=Path("../shared/data/5_shacl_tests"))
    args = parser.parse_args(argv)
    warnings.simplefilter("ignore")
    engines = {"pyshacl": _pyshacl, "fast": _fast}
    try:
        import pyshacl_turbo  # noqa: F401

        engines["pyshacl-turbo"] = _turbo
    except ImportError:
        print("pyshacl-turbo is not installed: skipped", file=sys.stderr)
    all_cases = list(cases(args.suite))
    passed: Counter = Counter()
    seconds: Counter = Counter()
    failures: dict = {name: [] for name in engines}
    same = differ = refused = 0
    for case in all_cases:
        for name, run in engines.items():
            start = time.perf_counter()
            with contextlib.redirect_stdout(io.StringIO()):  # the check prints its diffs
                ok = check(case, run)
            seconds[name] += time.perf_counter() - start
            passed[name] += ok
            if not ok:
                failures[name].append(case.name)
        verdict = _same(case)
        if verdict is None:
            refused += 1
        elif verdict:
            same += 1
        else:
            differ += 1
            print(f"fast differs from pyshacl: {case.name}")
    print(f"\n{len(all_cases)} W3C SHACL cases (core and SPARQL) in {args.suite}\n")
    print("| engine | passed | failed | seconds |")
    print("|---|---|---|---|")
    for name in engines:
        print(f"| {name} | {passed[name]} | {len(all_cases) - passed[name]} | "
              f"{seconds[name]:.1f} |")
    for name, names in failures.items():
        print(f"\n{name} fails: {', '.join(names) or 'none'}")
    print(f"\nfast == pyshacl result by result: {same} cases; different: {differ}; "
          f"refused by an engine: {refused}")
    return 0 if differ == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
