"""Readers (query, stats, export) open the live version read-only: they never wait on each other
or on a build. One build writes at a time. A store of the older layout (one pyoxigraph store at
the top of the folder, perhaps with the staging graphs of a killed build) is still read, its
staging graphs stay invisible, and the next build moves it to the new layout."""

from __future__ import annotations

import subprocess
import sys

import pytest
from helpers import build_mini, mini_project
from helpers import run_cli as run

from c2c_kg.terms import GRAPH

HOLD = """
import fcntl, os, sys, time
lock = os.open(os.path.join(sys.argv[1], "write.lock"), os.O_RDWR)
fcntl.flock(lock, fcntl.LOCK_EX)
print("holding", flush=True)
time.sleep(120)
"""



@pytest.fixture
def built(tmp_path):
    return build_mini(tmp_path)


def count_partnerships(project, store) -> subprocess.CompletedProcess:
    return run("sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?p a c2c:MunicipalPartnership }",
               "--root", str(project.root), "--store", str(store), "-f", "csv")


def test_queries_run_while_another_build_writes(built):
    project, store = built
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(store)], stdout=subprocess.PIPE,
                              text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        done = count_partnerships(project, store)
        assert done.returncode == 0, done.stderr
        assert done.stdout.splitlines() == ["n", "2"]
        assert run("stats", "--root", str(project.root), "--store", str(store)).returncode == 0
        # a second writer waits for no one: it says another build is writing, in one paragraph
        again = run("build", "--root", str(project.root), "--store", str(store), "--no-reason")
        assert again.returncode == 2
        assert "another c2c-kg build is writing" in again.stderr
        assert "Traceback" not in again.stderr
    finally:
        holder.kill()
        holder.wait()


def test_older_layout_is_read_and_then_moved_to_versions(tmp_path):
    import pyoxigraph as ox

    project = mini_project(tmp_path)
    store = tmp_path / "store"
    legacy = ox.Store(str(store))  # how older releases wrote it: a store at the top
    partnership = ox.NamedNode("https://w3id.org/c2c-kg/ontology#MunicipalPartnership")
    kind = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    for name, graph in (("ghost", f"{GRAPH['staging/']}dead/0"), ("real", str(GRAPH["data"])),
                        ("kept", "https://w3id.org/c2c-kg/graph/contribution/1")):
        legacy.add(ox.Quad(ox.NamedNode(f"https://w3id.org/c2c-kg/id/partnership/{name}"), kind,
                           partnership, ox.NamedNode(graph)))
    legacy.flush()
    del legacy

    assert count_partnerships(project, store).stdout.splitlines() == ["n", "2"]
    graphs = run("sparql", "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", "--root",
                 str(project.root), "--store", str(store), "-f", "csv").stdout
    assert "staging" not in graphs and "graph/data" in graphs
    stats = run("stats", "--root", str(project.root), "--store", str(store), "-f", "csv").stdout
    assert "staging" not in stats
    out = tmp_path / "all.nq"
    assert run("export", "-f", "nquads", "-o", str(out), "--store", str(store)).returncode == 0
    assert "ghost" not in out.read_text() and "staging" not in out.read_text()

    for _ in range(2):  # the first build moves it; the second removes the old layout's files
        done = run("build", "--root", str(project.root), "--store", str(store), "--no-reason",
                   "--out", str(tmp_path / "out"))
        assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in store.iterdir()) == ["live", "versions", "write.lock"]
    assert len(list((store / "versions").iterdir())) == 1
    after = run("sparql", "SELECT ?p WHERE { ?p a c2c:MunicipalPartnership }", "--root",
                str(project.root), "--store", str(store), "-f", "csv").stdout
    assert "partnership/kept" in after  # carried over
    assert "partnership/real" not in after and "ghost" not in after  # replaced, dropped
