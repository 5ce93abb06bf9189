"""Oxigraph's plan for a query on the embedded store, with row counts and timings per step.

pyoxigraph has no explain call, so this runs the ``oxigraph`` command (the Oxigraph CLI of the
same 0.5 series, installed with the ``test`` extra) on the store folder, with the query text
that the embedded engine would run: the project's prefixes declared and the parameters bound
with the same ``VALUES`` row.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from ..errors import InputError, UsageError
from ..results import Cell
from .embedded import pinned_store
from .engines import bind_remotely

__all__ = ["explain_query", "oxigraph_command", "render_plan"]

IRI = re.compile(r"<([^<>\s]+)>")


def oxigraph_command() -> str:
    """The ``oxigraph`` executable of pyoxigraph's series: beside this Python, else on PATH.

    Another series might migrate the store's format when it opens it, so it is refused.
    """
    import pyoxigraph

    series = ".".join(pyoxigraph.__version__.split(".")[:2])
    beside = Path(sys.executable).with_name("oxigraph")
    found = str(beside) if beside.is_file() else shutil.which("oxigraph")
    if not found:
        raise UsageError(
            f"--explain needs the 'oxigraph' command (Oxigraph's own CLI, of the same {series} "
            f"series as pyoxigraph), which is not installed here: run pip install "
            f"'oxigraph=={series}.*' (it comes with pip install '.[test]') and try again."
        )
    done = subprocess.run([found, "--version"], capture_output=True, text=True)
    version = done.stdout.split()[-1] if done.returncode == 0 and done.stdout.split() else "?"
    if ".".join(version.split(".")[:2]) != series:
        raise UsageError(
            f"The oxigraph command at {found} is version {version}, but pyoxigraph is "
            f"{pyoxigraph.__version__}; a store is only opened by the same series, so install "
            f"pip install 'oxigraph=={series}.*' and try again."
        )
    return found


def explain_query(store_path: Path, query: str, bindings: dict[str, object] | None) -> str:
    """The plan of ``query`` on the store at ``store_path``, one step per line."""
    text = bind_remotely(query, bindings)
    with pinned_store(store_path) as location, \
            tempfile.TemporaryDirectory(prefix="c2c-kg-explain-") as folder:
        plan_file = Path(folder) / "plan.json"
        command = [oxigraph_command(), "query", "--location", str(location),
                   "--union-default-graph", "--query", text, "--results-format", "tsv",
                   "--explain-file", str(plan_file), "--stats"]
        done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              text=True)
        if done.returncode != 0 or not plan_file.is_file():
            detail = " ".join(done.stderr.split())[-600:] or f"exit status {done.returncode}"
            raise InputError(
                f"Oxigraph could not explain the query on the store at {store_path}: {detail}. "
                f"Another c2c-kg process may hold the store; wait for it to finish and try again."
            )
        return render_plan(json.loads(plan_file.read_text(encoding="utf-8")))


def render_plan(explanation: dict) -> str:
    """Oxigraph's JSON explanation as an indented tree: rows, seconds and step per line."""
    lines = [f"{'rows':>9}  {'seconds':>9}  step (its time includes the steps under it)"]

    def walk(node: dict, depth: int) -> None:
        name = IRI.sub(lambda m: Cell("uri", m.group(1)).short(), node.get("name", "?"))
        rows = node.get("number of results")
        seconds = node.get("duration in seconds")
        shown_rows = f"{rows:>9,}" if isinstance(rows, int) else f"{'':>9}"
        shown_time = f"{seconds:>9.4f}" if isinstance(seconds, (int, float)) else f"{'':>9}"
        lines.append(f"{shown_rows}  {shown_time}  {'  ' * depth}{name}")
        for child in node.get("children", []):
            walk(child, depth + 1)

    walk(explanation.get("plan", {}), 0)
    planning = explanation.get("planning duration in seconds")
    if isinstance(planning, (int, float)):
        lines.append(f"planned in {planning * 1000:.2f} ms")
    return "\n".join(lines) + "\n"
