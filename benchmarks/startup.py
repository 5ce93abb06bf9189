"""Start-up of the command line against the floor that typer sets, measured in the same run.

Each command runs ``--runs`` times in a fresh interpreter, the commands taking turns (wall clock,
median). Printed: the
median seconds and the ratio to ``python -c "import typer"`` and to a one-option typer command
that is invoked (typer 0.29 validates every option value with pydantic when a command runs,
which made that floor 2.5x its import; pyproject.toml keeps typer below 0.29 for this reason).
Targets of issue 9: ``--help`` within 1.3x and ``query
partnerships`` within 2x of ``import typer``. Output goes to /dev/null, so the table case is the
table off a terminal (drawn without rich; on a terminal rich fits it to the width).

    python benchmarks/startup.py                     # builds the project's store first (~10 s)
    python benchmarks/startup.py --store DIR --runs 20
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
TYPER_COMMAND = """
import typer
app = typer.Typer(add_completion=False)
@app.command()
def run(name: str = "x", fmt: str = "csv") -> None:
    pass
app(args=["--name", "y"], standalone_mode=False)
"""


def _c2c_kg() -> list[str]:
    beside = Path(sys.executable).with_name("c2c-kg")
    return [str(beside)] if beside.is_file() else [sys.executable, "-m", "c2c_kg.cli"]


def _medians(cases: dict[str, list[str]], runs: int, env: dict[str, str]) -> dict[str, float]:
    """Median wall-clock seconds per case; the cases take turns, so that a busy moment of the
    machine falls on all of them alike."""
    times: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(runs):
        for name, command in cases.items():
            started = time.perf_counter()
            subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           env=env, check=True)
            times[name].append(time.perf_counter() - started)
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, help="a built store (default: build one now)")
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()
    env = dict(os.environ)
    with tempfile.TemporaryDirectory(prefix="c2c-kg-startup-") as folder:
        store = args.store
        if store is None:
            store = Path(folder) / "store"
            print("building the project's store (without reasoning) …", file=sys.stderr)
            subprocess.run([*_c2c_kg(), "build", "--root", str(ROOT), "--store", str(store),
                            "--out", str(Path(folder) / "out"), "--no-reason"], check=True,
                           stdout=subprocess.DEVNULL, env=env)
        c2c = _c2c_kg()
        query = [*c2c, "query", "partnerships", "--root", str(ROOT), "--store", str(store)]
        cases = {
            "python -c pass": [sys.executable, "-c", "pass"],
            'python -c "import typer"': [sys.executable, "-c", "import typer"],
            "a one-option typer command": [sys.executable, "-c", TYPER_COMMAND],
            "c2c-kg --help": [*c2c, "--help"],
            "c2c-kg query partnerships -f csv": [*query, "-f", "csv"],
            "c2c-kg query partnerships (table)": query,
        }
        seconds = _medians(cases, args.runs, env)
    typer_import = seconds['python -c "import typer"']
    typer_command = seconds["a one-option typer command"]
    print(f"median of {args.runs} runs each\n")
    print(f"| {'command':<36} | seconds | x import typer | x typer command |")
    print(f"|{'-' * 38}|---------|----------------|-----------------|")
    for name, value in seconds.items():
        print(f"| {name:<36} | {value:7.3f} | {value / typer_import:14.2f} | "
              f"{value / typer_command:15.2f} |")


if __name__ == "__main__":
    main()
