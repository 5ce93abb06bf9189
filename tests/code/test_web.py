"""``c2c-kg serve``: the SPARQL endpoint, stored-query pages, resource pages, map and timeline,
tested over HTTP against a real server process on 127.0.0.1 (a store built from the mini project
plus tests/fixtures/web/extra.trig)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from helpers import build_mini
from servers import free_port, wait_until_up

from c2c_kg.web.formats import RDF_TYPES, RESULT_TYPES, negotiate

EXTRA = Path(__file__).parents[1] / "fixtures" / "web" / "extra.trig"
ID = "https://w3id.org/c2c-kg/id/"


def web_store(tmp_path: Path) -> tuple[Path, Path]:
    """The mini project built, plus the web fixture's quads: (project root, store)."""
    import pyoxigraph as ox

    from c2c_kg.store.embedded import exact_graphs, open_store, replace_graphs

    project, store = build_mini(tmp_path)
    pinned = open_store(store)
    current = exact_graphs(pinned, include_quotes=True)
    pinned.release()
    added: dict[str, list[bytes]] = {}
    for quad in ox.parse(path=str(EXTRA), format=ox.RdfFormat.TRIG):
        triple = ox.Triple(quad.subject, quad.predicate, quad.object)
        added.setdefault(quad.graph_name.value, []).append(f"{triple} .\n".encode())
    replace_graphs(store, {graph: current.get(graph, b"") + b"".join(lines)
                           for graph, lines in added.items()})
    return project.root, store


class Serve:
    """``c2c-kg serve`` in a child process on a free loopback port."""

    def __init__(self, root: Path, store: Path, *args: str):
        self.port, self.store = free_port(), store
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "c2c_kg.cli", "serve", "--root", str(root), "--store",
             str(store), "--port", str(self.port), *args],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        wait_until_up(self.url + "/", self.process, limit=60)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(15)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory):
    root, store = web_store(tmp_path_factory.mktemp("web"))
    server = Serve(root, store, "--row-limit", "50")
    yield server
    server.stop()


def fetch(url: str, *, accept: str | None = None, data: bytes | None = None,
          ctype: str | None = None) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, data=data)
    if accept:
        request.add_header("Accept", accept)
    if ctype:
        request.add_header("Content-Type", ctype)
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            return answer.status, dict(answer.headers.items()), answer.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers.items()), exc.read()


def sparql_get(site, query: str, accept: str = "application/sparql-results+json"):
    return fetch(f"{site.url}/sparql?{urlencode({'query': query})}", accept=accept)


# -- content negotiation -------------------------------------------------------------------
def test_negotiate_honours_q_values_and_order():
    assert negotiate("text/csv;q=0.5, application/sparql-results+xml", RESULT_TYPES,
                     "json") == "xml"
    assert negotiate("text/html,application/xhtml+xml,*/*;q=0.8", RDF_TYPES, "turtle") == "html"
    assert negotiate("*/*", RDF_TYPES, "turtle") == "turtle"
    assert negotiate(None, RESULT_TYPES, "json") == "json"
    assert negotiate("application/ld+json", RDF_TYPES, "html") == "jsonld"
    assert negotiate("text/*", RESULT_TYPES, "json") == "csv"


# -- the SPARQL 1.1 Protocol -----------------------------------------------------------------
MUNICIPALITIES = "SELECT ?m WHERE { ?m a c2c:Municipality } ORDER BY ?m"


def test_select_in_every_results_format(site):
    status, headers, body = sparql_get(site, MUNICIPALITIES)
    assert status == 200 and headers["Content-Type"].startswith("application/sparql-results+json")
    values = [b["m"]["value"] for b in json.loads(body)["results"]["bindings"]]
    assert values == [ID + "municipality/xa/riverton", ID + "municipality/xb/hillcrest",
                      ID + "municipality/xb/lakeside"]
    _, headers, body = sparql_get(site, MUNICIPALITIES, "text/csv")
    assert headers["Content-Type"].startswith("text/csv")
    assert list(csv.reader(io.StringIO(body.decode())))[1] == [ID + "municipality/xa/riverton"]
    _, headers, body = sparql_get(site, MUNICIPALITIES, "text/tab-separated-values")
    assert body.decode().splitlines()[:2] == ["?m", f"<{ID}municipality/xa/riverton>"]
    _, headers, body = sparql_get(site, MUNICIPALITIES, "application/sparql-results+xml")
    assert headers["Content-Type"].startswith("application/sparql-results+xml")
    assert f"<uri>{ID}municipality/xb/lakeside</uri>" in body.decode()


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_reads_the_endpoint_as_any_client_would(site, method):
    """SPARQLWrapper, the usual Python client of SPARQL endpoints, speaks to ours unchanged."""
    from SPARQLWrapper import JSON, XML, SPARQLWrapper

    client = SPARQLWrapper(site.url + "/sparql")
    client.setMethod(method)
    client.setQuery(MUNICIPALITIES)
    client.setReturnFormat(JSON)
    rows = client.query().convert()["results"]["bindings"]
    assert [r["m"]["value"] for r in rows] == [ID + "municipality/xa/riverton",
                                              ID + "municipality/xb/hillcrest",
                                              ID + "municipality/xb/lakeside"]
    client.setReturnFormat(XML)
    assert f"{ID}municipality/xb/lakeside" in client.query().convert().toxml()
    client.setQuery("INSERT DATA { <http://e/s> <http://e/p> <http://e/o> }")
    client.setMethod("POST")
    with pytest.raises(Exception, match="403"):
        client.query()


def test_post_forms_ask_and_construct(site):
    form = urlencode({"query": "ASK { ?m a c2c:Municipality }"}).encode()
    status, _, body = fetch(site.url + "/sparql", data=form,
                            ctype="application/x-www-form-urlencoded",
                            accept="application/sparql-results+json")
    assert status == 200 and json.loads(body)["boolean"] is True
    direct = b"CONSTRUCT { ?m a c2c:Municipality } WHERE { ?m a c2c:Municipality }"
    status, headers, body = fetch(site.url + "/sparql", data=direct,
                                  ctype="application/sparql-query",
                                  accept="application/n-triples")
    assert status == 200 and headers["Content-Type"] == "application/n-triples"
    assert len(body.decode().strip().splitlines()) == 3


@pytest.mark.parametrize("how", ["update-body", "update-form", "update-param", "in-query"])
def test_updates_are_refused_with_403(site, how):
    update = "INSERT DATA { <urn:x> <urn:y> <urn:z> }"
    if how == "update-body":
        answer = fetch(site.url + "/sparql", data=update.encode(),
                       ctype="application/sparql-update")
    elif how == "update-form":
        answer = fetch(site.url + "/sparql", data=urlencode({"update": update}).encode(),
                       ctype="application/x-www-form-urlencoded")
    elif how == "update-param":
        answer = fetch(f"{site.url}/sparql?{urlencode({'update': update})}")
    else:
        answer = sparql_get(site, update)
    assert answer[0] == 403
    _, _, body = sparql_get(site, "ASK { <urn:x> <urn:y> <urn:z> }")
    assert json.loads(body)["boolean"] is False


def test_service_is_refused(site):
    status, _, body = sparql_get(site, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> "
                                       "{ ?s ?p ?o } }")
    assert status == 403 and b"SERVICE" in body


def test_bad_query_is_400(site):
    status, _, body = sparql_get(site, "SELECT ?x WHERE { ?x ")
    assert status == 400 and b"not valid SPARQL" in body


def test_row_limit_is_stated(site):
    status, headers, body = sparql_get(site, "SELECT * WHERE { ?s ?p ?o }")
    assert status == 200 and headers["C2C-Results-Cut"] == "row-limit=50"
    assert len(json.loads(body)["results"]["bindings"]) == 50
    status, headers, body = sparql_get(site, "SELECT * WHERE { ?s ?p ?o }", "text/html")
    assert b"Only the first 50 rows are shown" in body
    _, headers, _ = sparql_get(site, MUNICIPALITIES)
    assert "C2C-Results-Cut" not in headers


def test_staging_and_quotes_graphs_are_invisible(site):
    for query in ("SELECT ?l WHERE { ?s rdfs:label ?l }",
                  "SELECT ?l FROM <https://w3id.org/c2c-kg/graph/staging/deadbeef/0> "
                  "WHERE { ?s rdfs:label ?l }",
                  "SELECT ?l WHERE { GRAPH ?g { ?s rdfs:label ?l } }",
                  "SELECT ?l WHERE { ?s oa:exact ?l }"):
        _, _, body = sparql_get(site, query, "text/csv")
        assert b"STAGED-ONLY" not in body and b"friendship pact" not in body, query
    _, _, body = sparql_get(site, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
                            "text/csv")
    graphs = set(body.decode().split()[1:])
    assert "https://w3id.org/c2c-kg/graph/data" in graphs
    assert not any("staging" in g or g.endswith("/quotes") for g in graphs)


def test_default_graph_uri_narrows_the_dataset(site):
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?m a c2c:Municipality }"
    url = f"{site.url}/sparql?" + urlencode(
        {"query": query, "default-graph-uri": "https://w3id.org/c2c-kg/graph/schema"})
    _, _, body = fetch(url, accept="text/csv")
    assert body.decode().split()[1] == "0"


def test_naming_every_graph_answers_like_the_default(site):
    # c2c-kg names the dataset of a remote query with every graph; the server answers that from
    # its union default graph, and must still keep the staging and quotes graphs out
    _, _, body = sparql_get(site, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
                            "text/csv")
    graphs = body.decode().split()[1:]
    query = "SELECT ?l WHERE { ?s rdfs:label ?l } ORDER BY ?l"
    url = f"{site.url}/sparql?" + urlencode(
        {"query": query, "default-graph-uri": graphs, "named-graph-uri": graphs}, doseq=True)
    _, _, named = fetch(url, accept="text/csv")
    _, _, default = sparql_get(site, query, "text/csv")
    assert named == default and len(named.split()) > 5
    assert b"STAGED-ONLY" not in named and b"friendship pact" not in named


def test_timeout_is_stated(tmp_path):
    root, store = web_store(tmp_path)
    server = Serve(root, store, "--timeout", "0.3", "--row-limit", "100000000")
    try:
        query = "SELECT ?one WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i BIND(1 AS ?one) }"
        status, headers, body = sparql_get(server, query, "text/csv")
        assert status == 200 and headers["C2C-Results-Cut"] == "timeout=0.3s"
        rows = body.decode().split()
        assert 1 < len(rows) < 400 ** 3
    finally:
        server.stop()


def test_port_in_use_is_a_clear_error(site):
    root = Path(__file__).parents[1] / "fixtures" / "mini"
    done = subprocess.run([sys.executable, "-m", "c2c_kg.cli", "serve", "--root", str(root),
                           "--store", str(site.store), "--port", str(site.port)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "pick another with --port" in done.stderr


def test_in_memory_answers_the_same(tmp_path):
    root, store = web_store(tmp_path)
    server = Serve(root, store, "--in-memory")
    try:
        _, _, body = sparql_get(server, MUNICIPALITIES, "text/csv")
        assert len(body.decode().split()) == 4
        _, _, body = sparql_get(server, "SELECT ?l WHERE { ?s rdfs:label ?l }", "text/csv")
        assert b"STAGED-ONLY" not in body
    finally:
        server.stop()


# -- stored-query pages --------------------------------------------------------------------
PAIR = {"country_a": "id:country/xa", "country_b": "id:country/xb"}


def test_query_index_lists_every_stored_query(site):
    status, _, body = fetch(site.url + "/queries")
    assert status == 200
    assert b"/queries/partnerships" in body and b"/queries/by_year" in body
    assert b"Partnerships between two countries" in body


def test_query_page_form_paging_and_links(site):
    _, _, first = fetch(f"{site.url}/queries/partnerships?{urlencode({**PAIR, 'size': 1})}")
    page1 = first.decode()
    assert "name='country_a' value='id:country/xa'" in page1
    # ORDER BY ?start puts the partnership without a start year first
    assert "Riverton–Lakeside" in page1 and "Riverton–Hillcrest" not in page1
    assert "rel=next" in page1 and "rel=prev" not in page1
    _, _, second = fetch(f"{site.url}/queries/partnerships?"
                         f"{urlencode({**PAIR, 'size': 1, 'page': 2})}")
    page2 = second.decode()
    assert "Riverton–Hillcrest" in page2 and "rel=prev" in page2 and "rel=next" not in page2


def test_query_page_links_resources(site):
    _, _, body = fetch(f"{site.url}/queries/by_year?since=1900&name=Riverton")
    assert 'href="/id/partnership/riverton-hillcrest"' in body.decode()


def test_query_page_bad_parameter_is_400(site):
    status, _, body = fetch(f"{site.url}/queries/by_year?since=nineteen")
    assert status == 400 and b"not a valid gYear" in body
    status, _, _ = fetch(f"{site.url}/queries/no-such-query")
    assert status == 404


def test_query_downloads(site):
    status, headers, body = fetch(f"{site.url}/queries/partnerships.csv?{urlencode(PAIR)}")
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(body.decode())))
    assert [r["partnership"] for r in rows] == ["Riverton–Lakeside", "Riverton–Hillcrest"]
    assert "attachment" in headers["Content-Disposition"]
    _, headers, body = fetch(f"{site.url}/queries/partnerships.json?{urlencode(PAIR)}")
    assert len(json.loads(body)["results"]["bindings"]) == 2


# -- resource pages ------------------------------------------------------------------------
def test_resource_page_facts_evidence_and_quote(site):
    status, headers, body = fetch(site.url + "/id/partnership/riverton-hillcrest",
                                  accept="text/html")
    page = body.decode()
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert "<h1>Riverton–Hillcrest</h1>" in page
    assert 'href="/id/municipality/xb/hillcrest"' in page
    assert "characters 30–99" in page
    assert 'href="/source/mini/passage/30-99"' in page
    sentence = "The town of Riverton signed a friendship pact with Hillcrest in 1980."
    assert f"<blockquote>{sentence}</blockquote>" in page
    _, _, passage = fetch(site.url + "/source/mini/passage/30-99")
    assert b"Where in the source" in passage and b"characters 30\xe2\x80\x9399" in passage
    assert b"<blockquote>The town of Riverton signed a friendship pact" in passage
    _, _, other = fetch(site.url + "/id/partnership/riverton-lakeside")
    assert b"characters 151\xe2\x80\x93192" in other and b"quote not held locally" in other


def test_resource_page_external_links(site):
    _, _, body = fetch(site.url + "/id/municipality/xb/lakeside")
    assert b"href='https://example.org/places/lakeside'" in body
    status, _, body = fetch(site.url + "/id/municipality/xa/riverton")
    page = body.decode()
    assert status == 200  # it is also the object of a triple whose subject is a blank node
    assert "http://www.wikidata.org/entity/Q999999999" in page
    assert "STAGED-ONLY" not in page


@pytest.mark.parametrize(("accept", "ctype", "marker"), [
    ("text/turtle", "text/turtle", "c2c:MunicipalPartnership"),
    ("application/ld+json", "application/ld+json", '"@id"'),
    ("application/n-triples", "application/n-triples",
     f"<{ID}partnership/riverton-hillcrest> <http://www.w3.org/ns/prov#wasDerivedFrom>"),
])
def test_resource_content_negotiation(site, accept, ctype, marker):
    status, headers, body = fetch(site.url + "/id/partnership/riverton-hillcrest",
                                  accept=accept)
    assert status == 200 and headers["Content-Type"] == ctype
    assert marker in body.decode()
    assert "oa:start" in body.decode() or "http://www.w3.org/ns/oa#start" in body.decode()


def test_resource_pages_for_ontology_vocab_and_unknown(site):
    status, _, body = fetch(site.url + "/ontology")
    assert status == 200 and b"Terms" in body and b"MunicipalPartnership" in body
    status, _, _ = fetch(site.url + "/vocab/status/active")
    assert status == 200
    status, _, _ = fetch(site.url + "/id/nothing/here")
    assert status == 404
    status, _, body = fetch(site.url + "/resource?" + urlencode(
        {"iri": "http://www.w3.org/ns/prov#wasDerivedFrom"}))
    assert status == 404 and b"used as a property in 5 triples" in body
    assert b"href='http://www.w3.org/ns/prov#wasDerivedFrom'" in body
    status, _, body = fetch(site.url + "/resource?" + urlencode(
        {"iri": "https://w3id.org/c2c-kg/ontology#Municipality"}))
    assert status == 200


def test_labels_are_escaped(site):
    _, _, body = fetch(site.url + "/id/actor/tricky")
    page = body.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    query = "SELECT ?s ?l WHERE { ?s rdfs:label ?l FILTER(CONTAINS(?l, 'script')) }"
    _, _, body = sparql_get(site, query, "text/html")
    assert b"<script>alert" not in body and b"&lt;script&gt;" in body


# -- map and timeline ----------------------------------------------------------------------
def test_map_data_places_and_lines(site):
    status, _, body = fetch(site.url + "/map.json")
    data = json.loads(body)
    assert status == 200 and data["located"] == 3 and data["unlocated"] == 0
    assert data["partial"] is False
    riverton = next(p for p in data["places"] if p["label"] == "Riverton")
    assert (riverton["lat"], riverton["lon"]) == (52.37, 4.90)
    statuses = {c["label"]: (c["status"], c["start"], c["pair"]) for c in data["partnerships"]}
    assert statuses["Riverton–Hillcrest"] == ("active", 1980, "xa–xb")
    assert statuses["Riverton–Lakeside"][0] == "ended"
    status, _, page = fetch(site.url + "/map")
    assert status == 200 and b"/static/map.js" in page and b"Natural Earth" in page
    status, _, outlines = fetch(site.url + "/static/outlines.json")
    names = {c["name"] for c in json.loads(outlines)["countries"]}
    assert {"Netherlands", "Morocco", "Turkey", "Nicaragua", "South Africa", "Bangladesh"} <= names
    assert fetch(site.url + "/static/../app.py")[0] == 404


def test_timeline(site):
    status, _, body = fetch(site.url + "/timeline")
    page = body.decode()
    assert status == 200 and "Helper programme" in page and "Riverton–Hillcrest" in page
    assert "href='/id/programme/helper'" in page
    # an event without an end year is a one-year bar, not drawn to this year
    flood = page.split("Great flood</text>")[1].split("</rect>")[0]
    assert "stroke-dasharray" not in flood and "1985–" in flood


def test_paths_are_not_a_way_out(site):
    status, _, _ = fetch(site.url + "/id/" + quote("../../etc/passwd", safe=""))
    assert status == 404


# -- reconciliation and the dataset description --------------------------------------------
def test_reconciliation_manifest_and_matches(site):
    status, _, body = fetch(site.url + "/reconcile")
    manifest = json.loads(body)
    assert status == 200 and manifest["identifierSpace"] == ID
    assert {t["name"] for t in manifest["defaultTypes"]} == {"Actor", "Country", "Region"}
    batch = {"q0": {"query": "riverton"}, "q1": {"query": "Hilcrest"},
             "q2": {"query": "Yland", "type": "https://w3id.org/c2c-kg/ontology#Actor"},
             "q3": {"query": "Yland"}}
    status, _, body = fetch(site.url + "/reconcile",
                            data=urlencode({"queries": json.dumps(batch)}).encode(),
                            ctype="application/x-www-form-urlencoded")
    answer = json.loads(body)
    top = answer["q0"]["result"][0]
    assert (top["id"], top["score"], top["match"]) == (ID + "municipality/xa/riverton", 100.0,
                                                       True)
    fuzzy = answer["q1"]["result"][0]
    assert fuzzy["id"] == ID + "municipality/xb/hillcrest" and not fuzzy["match"]
    assert 80 < fuzzy["score"] < 100
    assert answer["q2"]["result"] == []  # Yland is a country, not an actor
    assert answer["q3"]["result"][0]["id"] == ID + "country/xb"
    status, _, _ = fetch(site.url + "/reconcile?queries=not-json")
    assert status == 400


def test_void_and_dcat_description(site):
    import pyoxigraph as ox

    status, headers, body = fetch(site.url + "/.well-known/void", accept="text/turtle")
    assert status == 200 and headers["Content-Type"] == "text/turtle"
    store = ox.Store()
    store.load(body, format=ox.RdfFormat.TURTLE)
    ask = store.query(
        "ASK { ?d a <http://www.w3.org/ns/dcat#Dataset> ; "
        "<http://rdfs.org/ns/void#sparqlEndpoint> <" + site.url + "/sparql> ; "
        "<http://purl.org/dc/terms/license> ?l ; <http://rdfs.org/ns/void#triples> ?n . "
        "?d <http://rdfs.org/ns/void#subset> <https://w3id.org/c2c-kg/graph/data> . }")
    assert bool(ask)
    graphs = {row[0].value for row in store.query(
        "SELECT ?g WHERE { ?d <http://rdfs.org/ns/void#subset> ?g }")}
    assert not any("staging" in g or g.endswith("/quotes") for g in graphs)


DCAT_AP_WARNINGS = {  # what DCAT-AP recommends and we cannot say (no contact, no coverage)
    "contactPoint", "spatial", "temporal", "availability", "endpointDescription"}


def _dcat_ap_report(turtle: bytes):
    from importlib.resources import files

    from pyshacl import validate
    from rdflib import Graph

    shapes = Graph().parse(data=files("c2c_kg.web").joinpath("dcat_ap.ttl").read_text(),
                           format="turtle")
    data = Graph().parse(data=turtle, format="turtle")
    _conforms, report, _text = validate(data, shacl_graph=shapes, allow_warnings=True)
    return report


def _results(report, severity: str) -> set[str]:
    """The local names of the paths of the report's results of ``severity``."""
    rows = report.query("SELECT ?path WHERE { ?r sh:resultSeverity ?s ; sh:resultPath ?path . "
                        f"FILTER(?s = sh:{severity}) }}",
                        initNs={"sh": "http://www.w3.org/ns/shacl#"})
    return {str(row[0]).rsplit("#", 1)[-1].rsplit("/", 1)[-1] for row in rows}


def test_the_dataset_description_meets_our_dcat_ap_shapes(site):
    """No DCAT-AP violation; the warnings are the recommended properties we cannot give."""
    _, _, body = fetch(site.url + "/.well-known/void", accept="text/turtle")
    report = _dcat_ap_report(body)
    assert _results(report, "Violation") == set()
    assert _results(report, "Warning") == DCAT_AP_WARNINGS
    # the shapes can fail: without its access URL a distribution violates them
    broken = b"\n".join(line for line in body.splitlines() if b"accessURL" not in line)
    assert "accessURL" in _results(_dcat_ap_report(broken), "Violation")


def test_the_distributions_are_served_without_the_quotes(site):
    import pyoxigraph as ox

    _, _, body = fetch(site.url + "/.well-known/void", accept="application/n-triples")
    described = ox.Store()
    described.load(body, format=ox.RdfFormat.N_TRIPLES)
    urls = {row[0].value: row[1].value for row in described.query(
        "SELECT ?url ?total WHERE { ?d <http://www.w3.org/ns/dcat#downloadURL> ?url . "
        "?set <http://www.w3.org/ns/dcat#distribution> ?d ; "
        "<http://rdfs.org/ns/void#triples> ?total }")}
    assert sorted(url.rsplit("/", 1)[-1] for url in urls) == ["c2c-kg.nq", "c2c-kg.trig"]
    for url, total in urls.items():
        status, headers, data = fetch(url)
        assert status == 200
        assert headers["Content-Type"] in ("application/n-quads", "application/trig")
        store = ox.Store()
        fmt = ox.RdfFormat.N_QUADS if url.endswith(".nq") else ox.RdfFormat.TRIG
        store.load(data, format=fmt)
        assert len(store) == int(total)
        assert not any(g.value.endswith("/quotes") for g in store.named_graphs())


def test_a_malformed_iri_is_400_not_a_crash(site):
    status, _, body = fetch(site.url + "/resource?" + urlencode({"iri": "not an <iri>"}))
    assert status == 400 and b"is not an IRI" in body


def test_sparql_html_page_links_its_downloads(site):
    import html
    import re

    status, _, body = sparql_get(site, MUNICIPALITIES, "text/html")
    page = body.decode()
    assert status == 200 and "3 rows" in page
    link = html.unescape(re.search(r"href='(/sparql\?[^']*format=csv)'", page).group(1))
    status, headers, data = fetch(site.url + link)
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    assert len(data.decode().split()) == 4
    _, _, stored = fetch(site.url + "/queries/partnerships")
    assert b"# title:" not in stored and b"SELECT ?partnership" in stored


def test_a_strange_host_header_is_not_echoed(site):
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", site.port, timeout=30)
    conn.putrequest("GET", "/dataset", skip_host=True)
    conn.putheader("Host", "evil> <x")
    conn.endheaders()
    answer = conn.getresponse()
    body = answer.read()
    assert answer.status == 200 and b"evil" not in body and b"http://localhost/sparql" in body


def test_map_page_names_at_most_fifty_unlocated_places_and_embeds_only_drawable_lines():
    from c2c_kg.web.mapview import map_page

    places = [{"iri": f"{ID}p/{i}", "href": f"/id/p/{i}", "label": f"P{i}", "country": None}
              for i in range(60)]
    places[0]["label"] = "</script><!--<script>alert(1)"
    places += [{"iri": f"{ID}q/{i}", "href": f"/id/q/{i}", "label": f"Q{i}", "country": "xa",
                "lat": 50.0 + i, "lon": 4.0} for i in range(2)]
    places[60]["label"] = "</script><!--drawn"
    coops = [{"iri": f"{ID}c/1", "href": "/id/c/1", "label": "drawn", "status": "active",
              "start": None, "end": None, "partners": [f"{ID}q/0", f"{ID}q/1"], "pair": "xa"},
             {"iri": f"{ID}c/2", "href": "/id/c/2", "label": "not drawn", "status": "active",
              "start": None, "end": None, "partners": [f"{ID}q/0", f"{ID}p/1"], "pair": "?"}]
    page = map_page({"places": places, "partnerships": coops, "located": 2, "unlocated": 60,
                     "partial": False}).decode()
    assert "60 of 62 places have no coordinates" in page and "and 10 more" in page
    blob = json.loads(page.split('type="application/json">')[1].split("</script>")[0])
    assert [c["label"] for c in blob["partnerships"]] == ["drawn"]
    assert "<script>alert" not in page and "&lt;/script&gt;&lt;!--" in page
    assert len(blob["places"]) == 2
    assert blob["places"][0]["label"] == "</script><!--drawn"  # intact once parsed


def test_timeline_draws_at_most_its_bar_limit(site, monkeypatch):
    from c2c_kg.web import timeline
    from c2c_kg.web.dataset import Dataset

    monkeypatch.setattr(timeline, "BARS", 1)
    dataset = Dataset(site.store)
    try:
        page = timeline.timeline_page(dataset).decode()
    finally:
        dataset.close()
    assert "3 dated resources; the first 1 by start year are drawn" in page
    assert "Riverton–Hillcrest" in page and "Helper programme" not in page


def test_concurrent_requests_all_answer(site):
    from concurrent.futures import ThreadPoolExecutor

    paths = ["/queries/partnerships?" + urlencode(PAIR), "/id/partnership/riverton-hillcrest",
             "/map.json", "/sparql?" + urlencode({"query": MUNICIPALITIES}), "/timeline",
             "/reconcile?" + urlencode({"queries": json.dumps({"q": {"query": "Riverton"}})})]
    with ThreadPoolExecutor(max_workers=12) as pool:
        answers = list(pool.map(lambda p: fetch(site.url + p)[0], paths * 8))
    assert answers == [200] * len(paths) * 8


def test_a_repeated_query_is_answered_from_memory_the_same(site):
    query = "SELECT * WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o"
    first = sparql_get(site, query)
    second = sparql_get(site, query)
    assert first[0] == second[0] == 200
    assert "C2C-Answer-Cached" not in first[1] and second[1]["C2C-Answer-Cached"] == "yes"
    assert first[2] == second[2]
    assert second[1]["C2C-Results-Cut"] == "row-limit=50"  # what was cut stays said


def test_with_cache_rows_0_every_request_is_evaluated(tmp_path):
    root, store = web_store(tmp_path)
    server = Serve(root, store, "--cache-rows", "0")
    try:
        answers = [sparql_get(server, "SELECT * WHERE { ?s ?p ?o } LIMIT 3") for _ in range(2)]
    finally:
        server.stop()
    assert all(a[0] == 200 and "C2C-Answer-Cached" not in a[1] for a in answers)


def test_the_endpoints_fast_json_writes_every_term_as_the_cli_does():
    """formats._json repeats Cell.to_json inline (0.17 ms less per 50-row page): the two agree."""
    import pyoxigraph as ox

    from c2c_kg.results import render
    from c2c_kg.web.formats import _results, results_bytes

    xsd = "http://www.w3.org/2001/XMLSchema#"
    rows = [[ox.NamedNode("http://e/a"), ox.Literal("Amsterdam", language="nl"),
             ox.Literal("1975", datatype=ox.NamedNode(xsd + "gYear")), ox.Literal("plain")],
            [ox.BlankNode("b1"), None, ox.Literal("2", datatype=ox.NamedNode(xsd + "integer")),
             ox.Literal("ẞtraße", datatype=ox.NamedNode(xsd + "string"))]]
    names = ["s", "label", "year", "note"]
    fast = json.loads(results_bytes("json", names, rows))
    assert fast == json.loads(render(_results(names, rows), "json"))
    assert fast["results"]["bindings"][1]["s"] == {"type": "bnode", "value": "b1"}
