"""Verbatim quotes of the (copyrighted) sources stay on this machine.

A build with ``--source`` writes each passage's ``oa:TextQuoteSelector`` to the local-only graph
``graph/quotes``; exports (and the build's export files) leave it out unless
``--include-quotes`` is given, which warns that the text is copyrighted.
"""

from __future__ import annotations

import pytest
from helpers import mini_project
from helpers import run_cli as run

from c2c_kg.terms import GRAPHS, QUOTES

EXACT = "<http://www.w3.org/ns/oa#exact>"


@pytest.fixture(scope="module")
def quoted(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("quoted")
    project = mini_project(tmp_path)
    store = tmp_path / "store"
    done = run("build", "--root", str(project.root), "--store", str(store), "--no-reason",
               "--out", str(tmp_path / "out"), "--source", str(project.root / "source.txt"))
    assert done.returncode == 0, done.stderr
    assert QUOTES in done.stdout
    return project, store, tmp_path


def test_quotes_graph_is_not_a_publishable_graph():
    assert QUOTES not in GRAPHS.values() and "quotes" not in GRAPHS


def test_default_exports_hold_no_source_text(quoted):
    _project, store, tmp_path = quoted
    for name in ("c2c-kg.nq", "c2c-kg.trig"):
        text = (tmp_path / "out" / name).read_text()
        assert "oa#exact" not in text and "TextQuoteSelector" not in text and "quotes" not in text
    for fmt in ("nquads", "trig", "turtle", "jsonld", "ntriples"):
        done = run("export", "-f", fmt, "-o", "-", "--store", str(store))
        assert done.returncode == 0, done.stderr
        assert "oa#exact" not in done.stdout and "TextQuoteSelector" not in done.stdout
        assert "copyrighted" not in done.stderr
    asked = run("export", "-f", "nquads", "-o", "-", "--graph", "quotes", "--store", str(store))
    assert asked.returncode == 2 and "--include-quotes" in asked.stderr


def test_include_quotes_exports_them_with_a_warning(quoted):
    _project, store, _ = quoted
    done = run("export", "-f", "nquads", "-o", "-", "--include-quotes", "--store", str(store))
    assert done.returncode == 0, done.stderr
    # the mini source's five anchors lie in three sentences, one passage each
    lines = [line for line in done.stdout.splitlines() if EXACT in line]
    assert len(lines) == 3 and all(line.endswith(f"<{QUOTES}> .") for line in lines)
    assert "TextQuoteSelector" in done.stdout
    assert "copyrighted" in done.stderr
    only = run("export", "-f", "nquads", "-o", "-", "--graph", "quotes", "--include-quotes",
               "--store", str(store))
    assert only.returncode == 0 and {line.rsplit(" ", 2)[1] for line in
                                     only.stdout.splitlines()} == {f"<{QUOTES}>"}


def test_queries_still_reach_the_quotes_locally(quoted):
    _project, store, _ = quoted
    done = run("sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?q oa:exact ?text }", "--store",
               str(store), "-f", "csv")
    assert done.stdout.splitlines() == ["n", "3"]


def test_a_build_without_source_drops_the_quotes(tmp_path):
    project = mini_project(tmp_path)
    store = tmp_path / "store"
    args = ("build", "--root", str(project.root), "--store", str(store), "--no-reason",
            "--out", str(tmp_path / "out"))
    assert run(*args, "--source", str(project.root / "source.txt")).returncode == 0
    assert QUOTES not in run(*args).stdout
    done = run("export", "-f", "nquads", "-o", "-", "--include-quotes", "--store", str(store))
    assert EXACT not in done.stdout


def test_what_a_publish_would_send_has_no_quotes(quoted):
    from c2c_kg.store.embedded import exact_graphs, open_store

    _project, store, _ = quoted
    opened = open_store(store)
    try:
        sent = exact_graphs(opened)
        assert QUOTES not in sent and set(sent) <= set(GRAPHS.values())
        assert not any(b"oa#exact" in body for body in sent.values())
        assert b"XMLSchema#nonNegativeInteger" in sent[GRAPHS["provenance"]]
        assert QUOTES in exact_graphs(opened, include_quotes=True)
    finally:
        opened.release()
