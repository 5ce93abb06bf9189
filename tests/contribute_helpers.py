"""Helpers of the contribution tests: the fixture project, files, and a CLI runner."""

from __future__ import annotations

import gc
import shutil
from pathlib import Path

from typer.testing import CliRunner

from c2c_kg.contribute.joined import join_graph
from c2c_kg.contribute.validate import check_contribution
from c2c_kg.errors import C2CError
from c2c_kg.project import Project

FIXTURES = Path(__file__).parent / "fixtures" / "contribute"
PROJECT = Project((FIXTURES / "project").resolve())
HEADER = ("partner_a,partner_a_country,partner_b,partner_b_country,start_year,end_year,status,"
          "theme,note\n")
ID = "https://w3id.org/c2c-kg/id/"


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def check(*files: Path, project: Project = PROJECT, mapping: str | None = None):
    """The verdict on ``files`` against the fixture project's records."""
    return check_contribution(project, list(files), join_graph(project), mapping=mapping)


def rules(outcome) -> list[tuple[str, int | None, int | None]]:
    """(rule, row, line) of every finding, in report order."""
    return [(f.rule, f.row, f.line) for f in outcome.findings]


def copy_project(tmp_path: Path) -> Project:
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "project", root)
    return Project(root)


class Result:
    def __init__(self, code: int, stdout: str, stderr: str) -> None:
        self.code, self.stdout, self.stderr = code, stdout, stderr


def cli(*args: str) -> Result:
    """Run the CLI in process; a C2CError becomes its exit code and message, as in main()."""
    from c2c_kg.cli import app

    result = CliRunner().invoke(app, list(args))
    gc.collect()  # close the stores the command opened, as the end of a process would
    stderr = result.stderr if result.stderr_bytes is not None else ""
    if isinstance(result.exception, C2CError):
        return Result(result.exception.exit_code, result.stdout, str(result.exception))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Result(result.exit_code, result.stdout, stderr)
