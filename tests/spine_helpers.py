"""Helpers for the spine tests: a private copy of the mini project per test."""

from __future__ import annotations

import shutil
from pathlib import Path

from c2c_kg.project import Project

MINI = Path(__file__).parent / "fixtures" / "mini"


def mini_project(tmp_path: Path) -> Project:
    """A writable copy of tests/fixtures/mini (a made-up source text and a few records)."""
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    return Project(root)
