"""Stored queries: headers, typed parameters bound as RDF terms, refused constructs."""

from __future__ import annotations

import pytest
from helpers import mini_project

from c2c_kg.errors import InputError, UsageError
from c2c_kg.store.engines import EmbeddedEngine, bind_remotely
from c2c_kg.store.load import build
from c2c_kg.store.queries import find_query, list_queries, parse_params, parse_query
from c2c_kg.store.sparqltext import check_query, values_injected


@pytest.fixture(scope="module")
def mini(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("q")
    project = mini_project(tmp)
    build(project, tmp / "store", out_dir=tmp / "out", reason=False)
    return project, EmbeddedEngine(tmp / "store")


def test_header_is_read(mini):
    project, _ = mini
    query = find_query(project.queries, "by_year")
    assert query.title == "Partnerships started since a year"
    assert [(p.name, p.type, p.default) for p in query.parameters] == [
        ("since", "gYear", "1900"), ("name", "string", "Riverton")]
    assert [q.name for q in list_queries(project.queries)] == ["by_year", "partnerships"]


def test_parameters_change_the_answer(mini):
    project, engine = mini
    query = find_query(project.queries, "by_year")
    rows = engine.select(query.text, parse_params(query, [])).rows
    assert [r["year"].value for r in rows] == ["1980"]
    assert engine.select(query.text, parse_params(query, ["since=1990"])).rows == []
    assert engine.select(query.text, parse_params(query, ["name=Hillcrest"])).rows != []


def test_a_value_cannot_change_the_query(mini):
    project, engine = mini
    query = find_query(project.queries, "by_year")
    hostile = 'Riverton" ) } SELECT * WHERE { ?s ?p ?o } #'
    assert engine.select(query.text, parse_params(query, [f"name={hostile}"])).rows == []
    sent = bind_remotely(query.text, parse_params(query, [f"name={hostile}"]))
    assert '"Riverton\\" ) } SELECT * WHERE { ?s ?p ?o } #"' in sent


@pytest.mark.parametrize(("pair", "message"), [
    ("since=nineteen", "not a valid gYear"),
    ("unknown=1", "has no parameter 'unknown'"),
    ("since", "name=value"),
])
def test_bad_parameters_are_refused(mini, pair, message):
    project, _ = mini
    with pytest.raises(UsageError, match=message):
        parse_params(find_query(project.queries, "by_year"), [pair])


def test_iri_parameters_expand_prefixes_and_reject_junk(mini):
    project, engine = mini
    query = find_query(project.queries, "partnerships")
    rows = engine.select(query.text, parse_params(
        query, ["country_a=id:country/xa", "country_b=id:country/xb"])).rows
    assert sorted(r["partner_b"].value for r in rows) == ["Hillcrest", "Lakeside"]
    with pytest.raises(UsageError, match="not an IRI"):
        parse_params(query, ["country_a=not an iri"])


def test_unknown_query_lists_the_known_ones(mini):
    project, _ = mini
    with pytest.raises(UsageError, match="by_year, partnerships"):
        find_query(project.queries, "nope")
    with pytest.raises(UsageError):
        find_query(project.queries, "../secrets")


def test_service_and_updates_are_refused():
    with pytest.raises(UsageError, match="SERVICE"):
        check_query("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    with pytest.raises(UsageError, match="Update"):
        check_query("DROP ALL")
    # the word inside a string, an IRI, a variable or a prefixed name is no keyword
    assert check_query('SELECT ?service WHERE { ?s <http://x/SERVICE> "SERVICE" ; ex:service ?o }'
                       ) == "SELECT"


def test_values_go_into_the_outer_where_group():
    text = 'PREFIX ex: <http://e/> # WHERE {\nCONSTRUCT { ?s ?p ?o } WHERE { ?s ?p "}" }'
    assert values_injected(text, "VALUES ?x { 1 }").endswith('WHERE { VALUES ?x { 1 }  ?s ?p "}" }')


def test_header_errors_name_the_file(tmp_path):
    bad = tmp_path / "bad.rq"
    bad.write_text("# title: x\n# param: year (century) = 1\nSELECT ?year WHERE {}\n")
    with pytest.raises(InputError, match=r"bad\.rq:2"):
        list_queries(tmp_path)
    with pytest.raises(InputError, match="no \\?missing is used"):
        parse_query("# param: missing (string)\nSELECT * WHERE { ?s ?p ?o }", name="q",
                    require_title=False)
