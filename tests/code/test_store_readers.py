"""Readers (query, stats, export) open the store read-only: they never wait on each other or on
a build, and never see the staging graphs that a running or killed build leaves behind."""

from __future__ import annotations

import subprocess
import sys

import pytest
from helpers import build_mini
from helpers import run_cli as run

from c2c_kg.terms import GRAPH

HOLD = """
import sys, time
import pyoxigraph as ox
store = ox.Store(sys.argv[1])
print("holding", flush=True)
time.sleep(120)
"""



@pytest.fixture
def built(tmp_path):
    return build_mini(tmp_path)


def count_partnerships(project, store) -> subprocess.CompletedProcess:
    return run("sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?p a c2c:MunicipalPartnership }",
               "--root", str(project.root), "--store", str(store), "-f", "csv")


def test_queries_run_while_another_process_holds_the_store(built):
    project, store = built
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(store)], stdout=subprocess.PIPE,
                              text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        done = count_partnerships(project, store)
        assert done.returncode == 0, done.stderr
        assert done.stdout.splitlines() == ["n", "2"]
        assert run("stats", "--root", str(project.root), "--store", str(store)).returncode == 0
        # a writer still needs the lock, and says so in one paragraph
        again = run("build", "--root", str(project.root), "--store", str(store), "--no-reason")
        assert again.returncode == 2
        assert "cannot be opened" in again.stderr and "Traceback" not in again.stderr
    finally:
        holder.kill()
        holder.wait()


def test_staging_graphs_of_a_killed_build_stay_invisible(built, tmp_path):
    import pyoxigraph as ox

    project, store = built
    before = count_partnerships(project, store).stdout
    leftover = ox.NamedNode(f"{GRAPH['staging/']}dead/0")
    opened = ox.Store(str(store))
    opened.add(ox.Quad(ox.NamedNode("https://w3id.org/c2c-kg/id/partnership/ghost"),
                       ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                       ox.NamedNode("https://w3id.org/c2c-kg/ontology#MunicipalPartnership"),
                       leftover))
    opened.flush()
    del opened

    assert count_partnerships(project, store).stdout == before
    graphs = run("sparql", "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", "--root",
                 str(project.root), "--store", str(store), "-f", "csv").stdout
    assert "staging" not in graphs and "graph/data" in graphs
    stats = run("stats", "--root", str(project.root), "--store", str(store), "-f", "csv").stdout
    assert "staging" not in stats
    out = tmp_path / "all.nq"
    assert run("export", "-f", "nquads", "-o", str(out), "--store", str(store)).returncode == 0
    assert "ghost" not in out.read_text() and "staging" not in out.read_text()
