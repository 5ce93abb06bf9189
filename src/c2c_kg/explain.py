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

from .engines import bind_remotely
from .errors import InputError, UsageError
from .results import Cell

__all__ = ["explain_query", "oxigraph_command", "render_plan"]

IRI = re.compile(r"<([^<>\s]+)>")


def oxigraph_command() -> str:
    """The ``oxigraph`` executable: the one beside this Python first, then the one on PATH."""
    beside = Path(sys.executable).with_name("oxigraph")
    if beside.is_file():
        return str(beside)
    found = shutil.which("oxigraph")
    if found:
        return found
    raise UsageError(
        "--explain needs the 'oxigraph' command (Oxigraph's own CLI, of the same 0.5 series as "
        "pyoxigraph), which is not installed here: run pip install 'oxigraph>=0.5,<0.6' (it comes "
        "with pip install '.[test]') and try again."
    )


def explain_query(store_path: Path, query: str, bindings: dict[str, object] | None) -> str:
    """The plan of ``query`` on the store at ``store_path``, one step per line."""
    if not (store_path.is_dir() and any(store_path.iterdir())):
        raise UsageError(
            f"There is no c2c-kg store at {store_path}. Run 'c2c-kg build' first, or point "
            f"--store (or C2C_KG_STORE) at the folder a build wrote."
        )
    text = bind_remotely(query, bindings)
    with tempfile.TemporaryDirectory(prefix="c2c-kg-explain-") as folder:
        plan_file = Path(folder) / "plan.json"
        command = [oxigraph_command(), "query", "--location", str(store_path),
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
