"""Helpers for the spine tests: a private copy of the mini project per test."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from c2c_kg.project import Project

MINI = Path(__file__).parent / "fixtures" / "mini"


def mini_project(tmp_path: Path) -> Project:
    """A writable copy of tests/fixtures/mini (a made-up source text and a few records)."""
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    return Project(root)


def run_cli(*args: str, cwd=None) -> subprocess.CompletedProcess:
    """Run ``c2c-kg ARGS`` in a fresh interpreter, as a user would, capturing its output."""
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
