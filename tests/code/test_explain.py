"""`--explain`: Oxigraph's plan for a stored or ad-hoc query on the embedded store."""

from __future__ import annotations

import sys

import pytest
from helpers import build_mini
from helpers import run_cli as run

from c2c_kg.errors import UsageError
from c2c_kg.store.explain import oxigraph_command, render_plan


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_mini(tmp_path_factory.mktemp("explain"))


def test_stored_query_plan_has_bound_parameters_and_counts(built):
    project, store = built
    done = run("query", "partnerships", "--root", str(project.root), "--store", str(store),
               "-p", "country_a=id:country/xa", "-p", "country_b=id:country/xb", "--explain")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].split()[:2] == ["rows", "seconds"]
    # the parameters reach Oxigraph as one VALUES row of terms, shortened by the known prefixes
    assert any("StaticBindings" in line and "id:country/xa" in line for line in lines)
    patterns = [line for line in lines if "QuadPattern(" in line]
    assert patterns and all(line.split()[0].replace(",", "").isdigit() for line in patterns)
    assert lines[-1].startswith("planned in ")


def test_adhoc_query_plan(built):
    project, store = built
    done = run("sparql", "SELECT ?s WHERE { ?s a c2c:Municipality }", "--root",
               str(project.root), "--store", str(store), "--explain")
    assert done.returncode == 0, done.stderr
    assert "QuadPattern(?s rdf:type c2c:Municipality)" in done.stdout


def test_explain_refuses_a_remote_endpoint(built):
    project, _store = built
    done = run("query", "partnerships", "--root", str(project.root), "--explain",
               "--endpoint", "http://127.0.0.1:9/sparql")
    assert done.returncode == 2
    assert "--explain" in done.stderr and "Traceback" not in done.stderr


def test_explain_on_a_missing_store_says_so(tmp_path, built):
    project, _store = built
    done = run("query", "partnerships", "--root", str(project.root), "--store",
               str(tmp_path / "nothing"), "--explain")
    assert done.returncode == 2
    assert "There is no c2c-kg store" in done.stderr


def test_missing_oxigraph_command_is_a_usage_error(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python"))
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(UsageError, match="pip install"):
        oxigraph_command()


def test_render_plan_indents_children_and_shortens_iris():
    plan = {"planning duration in seconds": 0.0002, "plan": {
        "name": "Project(?s)", "number of results": 1234, "duration in seconds": 0.5,
        "children": [{"name": "QuadPattern(?s <http://www.w3.org/2000/01/rdf-schema#label> ?l)",
                      "number of results": 1234, "duration in seconds": 0.25}]}}
    lines = render_plan(plan).splitlines()
    assert lines[1] == "    1,234     0.5000  Project(?s)"
    assert lines[2] == "    1,234     0.2500    QuadPattern(?s rdfs:label ?l)"
    assert lines[3] == "planned in 0.20 ms"


def test_oxigraph_command_of_another_series_is_refused(tmp_path, monkeypatch):
    fake = tmp_path / "oxigraph"
    fake.write_text("#!/bin/sh\necho 'oxigraph 9.9.0'\n")
    fake.chmod(0o755)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python"))
    with pytest.raises(UsageError, match=r"version 9\.9\.0"):
        oxigraph_command()
