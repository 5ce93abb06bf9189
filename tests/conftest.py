"""Shared fixtures: the project itself, and one store built from its data for the session."""

from __future__ import annotations

from pathlib import Path

import pytest

from c2c_kg.project import Project
from c2c_kg.store.load import build

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def project() -> Project:
    return Project(ROOT)


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory, project: Project):
    """The project's graph built once (without the source document) into a temporary store."""
    folder = tmp_path_factory.mktemp("built")
    result = build(project, folder / "store", out_dir=folder / "out")
    return result


@pytest.fixture(scope="session")
def engine(built):
    """A query engine over the session's built store."""
    from c2c_kg.store.engines import EmbeddedEngine

    return EmbeddedEngine(built.store)


def select(engine, query: str, **bindings) -> list[dict[str, str]]:
    """Rows of a query as plain strings (values only), for easy comparison in tests."""
    results = engine.select(query, bindings or None)
    return [{k: c.value for k, c in row.items()} for row in results.rows]


@pytest.fixture(scope="session")
def shapes(project):
    """The project's SHACL shapes."""
    from c2c_kg.graph.shacl import load_shapes

    return load_shapes(project.shapes)


@pytest.fixture(scope="session")
def schema(project):
    """The project's ontology files."""
    from c2c_kg.ontology.schema import read_schema

    return read_schema(project)


@pytest.fixture(scope="session")
def good(project):
    """tests/fixtures/shapes/good.ttl (data every shape accepts) with the vocabularies."""
    from rdflib import Graph

    from c2c_kg.ontology.schema import read_vocabularies

    graph = Graph().parse(Path(__file__).parent / "fixtures" / "shapes" / "good.ttl")
    graph += read_vocabularies(project)
    return graph


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests against the one Virtuoso that .ci/run starts share one pytest-xdist worker, one
    after another: the crash test kills and restarts that server."""
    for item in items:
        if "virtuoso" in item.nodeid.lower():
            item.add_marker(pytest.mark.xdist_group("virtuoso"))
