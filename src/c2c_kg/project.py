"""Where a c2c-kg project keeps its parts, and where the embedded store lives.

A project is a folder holding ``ontology/``, ``shapes/``, ``data/`` and ``queries/``. It is found
from ``--root``, else the ``C2C_KG_ROOT`` environment variable, else the current folder or the
nearest parent that has an ``ontology/`` folder. The embedded store defaults to
``<root>/.c2c-kg/store``; ``--store`` or ``C2C_KG_STORE`` moves it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .errors import UsageError

__all__ = ["STORE_ENV", "Project", "find_project"]

ROOT_ENV = "C2C_KG_ROOT"
STORE_ENV = "C2C_KG_STORE"


@dataclass(frozen=True)
class Project:
    """The folders of one project."""

    root: Path

    @property
    def ontology(self) -> Path:
        return self.root / "ontology"

    @property
    def vocabularies(self) -> Path:
        return self.root / "ontology" / "vocabularies"

    @property
    def shapes(self) -> Path:
        return self.root / "shapes"

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def queries(self) -> Path:
        return self.root / "queries"

    @property
    def contributions(self) -> Path:
        """The kept contributions, one folder each (see :mod:`c2c_kg.contribute.accept`)."""
        return self.root / "contributions"

    @property
    def out(self) -> Path:
        return self.root / "out"

    def store_path(self, override: Path | None = None) -> Path:
        """The embedded store's folder: ``override``, else ``$C2C_KG_STORE``, else the default."""
        if override is not None:
            return override
        env = os.environ.get(STORE_ENV)
        if env:
            return Path(env)
        return self.root / ".c2c-kg" / "store"


def find_project(root: Path | None = None) -> Project:
    """Locate the project folder (see the module docstring) or raise :class:`UsageError`."""
    if root is None and os.environ.get(ROOT_ENV):
        root = Path(os.environ[ROOT_ENV])
    if root is not None:
        if not (root / "ontology").is_dir():
            raise UsageError(
                f"{root} is not a c2c-kg project: it has no ontology/ folder. Pass the folder "
                f"that holds ontology/, shapes/, data/ and queries/ with --root."
            )
        return Project(root.resolve())
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / "ontology").is_dir() and (folder / "queries").is_dir():
            return Project(folder)
    raise UsageError(
        f"No c2c-kg project found in {here} or its parents (a project has ontology/ and "
        f"queries/ folders). Run the command inside a clone of c2c-kg, or pass --root or set "
        f"{ROOT_ENV}."
    )
