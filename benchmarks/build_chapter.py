"""``c2c-kg build --no-reason`` of the chapter: this checkout against an earlier commit, same run.

The earlier commit is checked out into a temporary git worktree; both builds run in fresh
interpreters of this Python (``python -m c2c_kg.cli`` with their own ``src`` first on the path),
taking turns, each into a fresh store and out folder. Printed: the median seconds of each and
the ratio. Issue 9's goal: at least 4x faster than 9996e1a (the main of the round before).
The two N-Quads exports are compared too (the fixes of this round change some datatypes, so
they may differ; the number of lines is shown).

    nice -n 10 python benchmarks/build_chapter.py --old 9996e1a --runs 7
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _build(root: Path, work: Path) -> float:
    for name in ("store", "out"):
        subprocess.run(["rm", "-rf", str(work / name)], check=True)
    env = dict(os.environ, PYTHONPATH=str(root / "src"))
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "c2c_kg.cli", "build", "--root", str(root),
                    "--store", str(work / "store"), "--out", str(work / "out"), "--no-reason"],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--old", default="9996e1a", help="the earlier commit (default 9996e1a)")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="c2c-kg-build-") as folder:
        old_root = Path(folder) / "old"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "--quiet",
                        str(old_root), args.old], check=True)
        try:
            cases = {f"{args.old} (earlier)": old_root, "this checkout": ROOT}
            times: dict[str, list[float]] = {name: [] for name in cases}
            for run in range(args.runs):
                for name, root in cases.items():
                    work = Path(folder) / name.split()[0]
                    work.mkdir(exist_ok=True)
                    times[name].append(_build(root, work))
                print(f"run {run + 1}/{args.runs}", file=sys.stderr)
            lines = {name: (Path(folder) / name.split()[0] / "out" / "c2c-kg.nq").read_bytes()
                     .count(b"\n") for name in cases}
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force",
                            str(old_root)], check=False)
    medians = {name: statistics.median(values) for name, values in times.items()}
    old, new = medians.values()
    print(f"median of {args.runs} runs each (load average {os.getloadavg()[0]:.2f})\n")
    print("| build --no-reason | seconds | N-Quads lines |")
    print("|---|---|---|")
    for name, value in medians.items():
        print(f"| {name} | {value:.3f} | {lines[name]:,} |")
    print(f"\nthis checkout is {old / new:.2f}x faster")


if __name__ == "__main__":
    main()
