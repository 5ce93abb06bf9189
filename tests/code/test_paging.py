"""Paging of `c2c-kg query` and `c2c-kg sparql`: --limit and --offset cut the rows in the engine
(the query wrapped as a sub-select), a table on a terminal shows a first page and the command for
the next, and every other output keeps every row."""

from __future__ import annotations

import csv
import io
import json
import shlex

import pytest
from helpers import build_mini
from helpers import run_cli as run
from servers import oxigraph_fixture  # noqa: F401  (fixture)

from c2c_kg import cli
from c2c_kg.errors import UsageError
from c2c_kg.store.engines import EmbeddedEngine, select_page
from c2c_kg.store.sparqltext import paged

#: A stored query whose order is total and not the store's own (descending by the object's text).
ORDERED = """# title: Every statement, last object first
# description: Every triple, ordered by its object's text from the end, then subject, predicate.
SELECT ?s ?p ?o WHERE { ?s ?p ?o }
ORDER BY DESC(STR(?o)) ?s ?p ?o
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    project, store = build_mini(tmp_path_factory.mktemp("paging"))
    (project.queries / "ordered.rq").write_text(ORDERED, encoding="utf-8")
    return project, store


def _common(built) -> tuple[str, ...]:
    project, store = built
    return ("--root", str(project.root), "--store", str(store))


def _csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_pages_of_an_ordered_stored_query_follow_each_other(built):
    whole = _csv_rows(run("query", "ordered", *_common(built), "-f", "csv").stdout)
    assert len(whole) > 100  # header and enough rows for two pages of 40 and more
    first = run("query", "ordered", *_common(built), "-f", "csv", "--limit", "40")
    second = run("query", "ordered", *_common(built), "-f", "csv", "--limit", "40",
                 "--offset", "40")
    assert first.returncode == second.returncode == 0, first.stderr + second.stderr
    page1, page2 = _csv_rows(first.stdout), _csv_rows(second.stdout)
    assert page1[0] == page2[0] == whole[0] == ["s", "p", "o"]
    assert page1[1:] + page2[1:] == whole[1:81]
    assert "next page" not in first.stderr  # csv is for programs: no note


def test_limit_with_csv_and_json_and_offset_alone(built):
    whole = _csv_rows(run("query", "ordered", *_common(built), "-f", "csv").stdout)
    assert _csv_rows(run("query", "ordered", *_common(built), "-f", "csv",
                         "--limit", "3").stdout) == whole[:4]
    body = json.loads(run("query", "ordered", *_common(built), "-f", "json", "--limit", "2",
                          "--offset", "5").stdout)
    assert [b["s"]["value"] for b in body["results"]["bindings"]] == [r[0] for r in whole[6:8]]
    rest = _csv_rows(run("query", "ordered", *_common(built), "-f", "csv", "--offset",
                         "10").stdout)
    assert rest == whole[:1] + whole[11:]


def test_off_a_terminal_every_format_gets_every_row(built):
    whole = _csv_rows(run("query", "ordered", *_common(built), "-f", "csv").stdout)
    table = run("query", "ordered", *_common(built))
    assert f"{len(whole) - 1} row(s)" in table.stdout
    assert "next page" not in table.stderr


def test_a_table_on_a_terminal_shows_a_first_page_and_the_next_command(built, monkeypatch):
    monkeypatch.setattr(cli, "_terminal", lambda: True)
    whole = _csv_rows(run("query", "ordered", *_common(built), "-f", "csv").stdout)
    first = run("query", "ordered", *_common(built))
    assert first.returncode == 0, first.stderr
    assert f"rows 1–{cli.PAGE_SIZE}, more follow" in first.stdout
    note = [line for line in first.stderr.splitlines() if "next page" in line]
    assert len(note) == 1 and "-f csv or -f json give every row" in note[0]
    command = note[0].split("next page: ")[1].split("  (")[0]
    words = shlex.split(command)
    assert words[:2] == ["c2c-kg", "query"]
    assert words[-4:] == ["--limit", str(cli.PAGE_SIZE), "--offset", str(cli.PAGE_SIZE)]
    # the printed command, run as printed, gives the second page (here as csv to compare)
    second = run(*words[1:], "-f", "csv")
    assert _csv_rows(second.stdout)[1:] == whole[1 + cli.PAGE_SIZE:1 + 2 * cli.PAGE_SIZE]
    # and its table says which rows it shows; the next note moves on by one page
    again = run(*words[1:])
    assert f"rows {cli.PAGE_SIZE + 1}–{2 * cli.PAGE_SIZE}" in again.stdout
    assert f"--offset {2 * cli.PAGE_SIZE}" in again.stderr
    assert "--offset 50 --limit" not in again.stderr  # the old paging options are replaced


def test_the_last_page_has_no_note(built, monkeypatch):
    monkeypatch.setattr(cli, "_terminal", lambda: True)
    whole = _csv_rows(run("query", "ordered", *_common(built), "-f", "csv").stdout)
    rows = len(whole) - 1
    last = run("query", "ordered", *_common(built), "--offset", str(rows - 3))
    assert f"rows {rows - 2}–{rows}" in last.stdout and "more follow" not in last.stdout
    assert "next page" not in last.stderr
    exact = run("query", "ordered", *_common(built), "--limit", str(rows))
    assert "next page" not in exact.stderr  # limit+1 was asked for: none came, none follow


@pytest.mark.parametrize(("option", "value", "message"), [
    ("--limit", "0", "0 rows make no page; give a number of rows, 1 or more."),
    ("--limit", "-5", "-5 rows make no page"),
    ("--offset", "-1", "-1 is no number of rows to skip; give 0 or more."),
    ("--limit", "ten", "'ten' is not a valid int"),
    ("--offset", "2.5", "'2.5' is not a valid int"),
])
def test_bad_paging_values_are_usage_errors(built, option, value, message):
    for command in (("query", "ordered"), ("sparql", "SELECT * { ?s ?p ?o }")):
        done = run(*command, *_common(built), option, value)
        assert done.returncode == 2
        assert message in done.stderr and option in done.stderr


def test_only_a_select_can_be_paged(built):
    done = run("sparql", "ASK { ?s ?p ?o }", *_common(built), "--limit", "1")
    assert done.returncode == 2 and "Only SELECT queries can be paged" in done.stderr
    # a table on a terminal pages only a SELECT: an ASK is answered as before
    assert run("sparql", "ASK { ?s ?p ?o }", *_common(built)).stdout.strip() == "true"


def test_wrapping_keeps_order_projection_and_parameters(built):
    project, store = built
    engine = EmbeddedEngine(store)
    query = ("PREFIX r: <http://www.w3.org/2000/01/rdf-schema#>\n"
             "SELECT ?label (STRLEN(?label) AS ?length) ?thing WHERE { ?thing r:label ?label }\n"
             "ORDER BY DESC(?length) ?label ?thing # longest first")
    whole = engine.select(query).rows
    assert len(whole) >= 6
    pages = [select_page(engine, query, None, limit=4, offset=at) for at in range(0, 40, 4)]
    assert [row for page in pages for row in page.rows] == whole
    assert pages[0].variables == ["label", "length", "thing"]  # not sorted by name
    assert pages[0].more and not pages[-1].more
    # a parameter is bound inside the sub-select, where the query reads it
    from c2c_kg.store.queries import find_query, parse_params

    by_year = find_query(project.queries, "by_year")
    bound = parse_params(by_year, ["name=Hillcrest"])
    assert engine.select(by_year.text, bound, limit=5).rows == engine.select(by_year.text,
                                                                            bound).rows != []


def test_paged_text_moves_prologue_and_datasets_out():
    text = ("BASE <http://e/>\nPREFIX e: <http://e/>\n"
            "SELECT DISTINCT ?a (COUNT(?b) AS ?n) FROM <http://g/1> FROM NAMED e:g2\n"
            "WHERE { ?a e:p ?b } GROUP BY ?a ORDER BY ?n LIMIT 7 VALUES ?a { e:x }")
    wrapped = paged(text, 3, 6)
    assert wrapped.startswith("BASE <http://e/>\nPREFIX e: <http://e/>\n"
                              "SELECT ?a ?n FROM <http://g/1> FROM NAMED e:g2 WHERE {\n"
                              "SELECT DISTINCT ?a (COUNT(?b) AS ?n)")
    assert wrapped.endswith("VALUES ?a { e:x }\n}\nLIMIT 3 OFFSET 6")
    assert "FROM" not in wrapped.split("WHERE {", 1)[1]
    assert paged("SELECT * { ?s ?p ?o }", None, 2).startswith("SELECT * WHERE {")
    with pytest.raises(UsageError, match="SELECT"):
        paged("CONSTRUCT WHERE { ?s ?p ?o }", 1, 0)


def test_paging_against_an_endpoint(oxigraph):
    query = "SELECT ?x ?y WHERE { VALUES ?x { 5 3 1 4 2 } BIND(?x * 10 AS ?y) } ORDER BY DESC(?x)"
    done = run("sparql", query, "--endpoint", oxigraph.url, "--kind", "oxigraph", "-f", "csv",
               "--limit", "2", "--offset", "1")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["x,y", "4,40", "3,30"]
