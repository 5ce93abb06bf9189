"""Test helpers: a private copy of the mini project, the command line run in-process, and the
benchmark generator loaded from benchmarks/."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from typer.testing import CliRunner

from c2c_kg.project import Project

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
FIXTURES = TESTS / "fixtures"
MINI = FIXTURES / "mini"


def mini_project(tmp_path: Path) -> Project:
    """A writable copy of tests/fixtures/mini (a made-up source text and a few records)."""
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    return Project(root)


@dataclass
class Ran:
    """What a command did: its exit code and what it printed (like a CompletedProcess)."""

    returncode: int
    stdout: str
    stderr: str


def run_cli(*args: str, cwd: Path | None = None) -> Ran:
    """Run ``c2c-kg ARGS`` in this process through typer's test runner (same entry point, same
    error handling and exit codes as the installed command), in folder ``cwd`` if given."""
    from c2c_kg.cli import main

    runner = CliRunner()
    here = Path.cwd()
    with runner.isolation() as (out, err, _both):
        try:
            if cwd is not None:
                os.chdir(cwd)
            main(list(args))
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        finally:
            os.chdir(here)
        sys.stdout.flush()
        sys.stderr.flush()
        return Ran(code, out.getvalue().decode("utf-8", "replace"),
                   err.getvalue().decode("utf-8", "replace"))


def run_subprocess(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run ``c2c-kg ARGS`` in a fresh interpreter, as a user would (for smoke tests only)."""
    return subprocess.run([sys.executable, "-m", "c2c_kg.cli", *args], capture_output=True,
                          text=True, cwd=cwd, timeout=300)


def build_mini(tmp_path: Path) -> tuple[Project, Path]:
    """The mini project built (without reasoning) into ``tmp_path/store``: (project, store)."""
    project = mini_project(tmp_path)
    store = tmp_path / "store"
    done = run_cli("build", "--root", str(project.root), "--store", str(store),
                   "--out", str(tmp_path / "out"), "--no-reason")
    assert done.returncode == 0, done.stderr
    return project, store


def benchmark_generator():
    """benchmarks/generate.py as a module (it is a script, not part of the package)."""
    spec = importlib.util.spec_from_file_location("bench_generate",
                                                  ROOT / "benchmarks" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module
