"""No query reaches the network: SERVICE is refused on the parsed query, whatever line ending or
comment hides it, for stored, ad-hoc, remote and --explain queries alike; and an integer
parameter the store cannot compare is refused rather than matching nothing."""

from __future__ import annotations

import http.server
import threading

import pyoxigraph as ox
import pytest
from helpers import run_cli

from c2c_kg.errors import InputError, UsageError
from c2c_kg.store.engines import EmbeddedEngine, bind_remotely
from c2c_kg.store.queries import Parameter, parse_query, to_term
from c2c_kg.store.sparqltext import check_query

LINE_ENDINGS = ["\n", "\r", "\r\n", "\n\r", "\u2028", "\u2029", "\x0b", "\x0c", "\x85", "\x1c"]


class _Recorder(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.server.requests.append((self.command, self.path))
        body = b'{"head":{"vars":[]},"results":{"bindings":[]}}'
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_GET

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def listener():
    """A real HTTP server on 127.0.0.1 that records every request it gets."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    server.requests = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """A store with one triple."""
    folder = tmp_path_factory.mktemp("nonet") / "store"
    store = ox.Store(str(folder))
    store.add(ox.Quad(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), ox.Literal("o"),
                      ox.NamedNode("https://w3id.org/c2c-kg/graph/data")))
    store.flush()
    del store
    return folder


@pytest.fixture(scope="module")
def engine(folder):
    return EmbeddedEngine(folder)


def _url(listener, name: str) -> str:
    return f"http://127.0.0.1:{listener.server_address[1]}/{name}"


def _hiding(url: str, eol: str) -> list[str]:
    """Ways to put SERVICE after a comment that ends (for some reader) at ``eol``."""
    return [
        f"SELECT * WHERE {{ # x{eol}SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"# a comment{eol}SELECT * WHERE {{ service silent <{url}> {{ ?s ?p ?o }} }}",
        f"PREFIX e: <http://e/> # x{eol}SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ ?s ?p ?o # \"{eol}SERVICE <{url}> {{ ?s ?p ?o }} # \" \n}}",
        f"SELECT * WHERE {{ ?s ?p ?o # '''{eol}SERVICE <{url}> {{ ?s ?p ?o }} # ''' \n}}",
        f"SELECT * WHERE {{ ?s ?p ?o # <{eol}SERVICE <{url}> {{ ?s ?p ?o }} # > \n}}",
        f"SELECT * WHERE {{ ?s ?p 'x{eol}' . SERVICE <{url}> {{ ?s ?p ?o }} }}",
    ]


def test_the_listener_would_see_a_service_call(listener):
    """The trap works: Oxigraph itself, unchecked, does call it."""
    before = len(listener.requests)
    list(ox.Store().query(f"SELECT * WHERE {{ SERVICE <{_url(listener, 'raw')}> {{ ?s ?p ?o }} }}"))
    assert len(listener.requests) == before + 1


@pytest.mark.parametrize("eol", LINE_ENDINGS, ids=[repr(e) for e in LINE_ENDINGS])
def test_no_line_ending_or_comment_lets_service_through(listener, engine, eol):
    """Where ``eol`` ends a comment for SPARQL (CR, LF), SERVICE is refused; where it does not,
    the SERVICE stays inside the comment (or the text is invalid): either way, no request."""
    breaks = eol[0] in "\r\n"
    before = list(listener.requests)
    for number, text in enumerate(_hiding(_url(listener, f"q{ord(eol[0])}"), eol)):
        try:
            engine.select(text)
            ran = True
        except UsageError:
            ran = False
        assert not (ran and breaks), text
        if breaks:
            with pytest.raises(UsageError):
                bind_remotely(text, None)  # remote queries and --explain send this text
            with pytest.raises(InputError):
                parse_query(text, name=f"stored{number}", require_title=False)
    assert listener.requests == before


def test_the_reported_bypass_is_refused_by_the_command(listener, folder):
    text = f"SELECT * WHERE {{ # x\rSERVICE <{_url(listener, 'cli')}> {{ ?s ?p ?o }} }}"
    done = run_cli("sparql", text, "--store", str(folder))
    assert done.returncode == 2 and "SERVICE" in done.stderr
    assert ("GET", "/cli") not in listener.requests and ("POST", "/cli") not in listener.requests


def test_the_word_service_elsewhere_is_no_call(listener, engine):
    before = list(listener.requests)
    text = ('SELECT ?service WHERE { ?service ?p ?o '
            'FILTER(?o != "SERVICE <http://127.0.0.1:9/x> {}" && ?p != <http://e/SERVICE>) }')
    assert check_query(text) == "SELECT"
    assert [r["service"].value for r in engine.select(text).rows] == ["http://e/s"]
    long = "SELECT * WHERE { ?s ?p '''a\\''' . SERVICE <http://127.0.0.1:9/y> { ?s ?p ?o } }"
    with pytest.raises(UsageError, match="SERVICE"):
        check_query(long)
    assert listener.requests == before


@pytest.mark.parametrize("value", ["9223372036854775808", "-9223372036854775809", "1" + "0" * 30])
def test_an_integer_beyond_64_bits_is_refused(value):
    with pytest.raises(UsageError, match="outside the integers"):
        to_term(Parameter("n", "integer"), value)


def test_the_64_bit_limits_themselves_are_accepted(engine):
    for value in ("9223372036854775807", "-9223372036854775808"):
        term = to_term(Parameter("n", "integer"), value)
        rows = engine.select("SELECT ?m WHERE { BIND(?n AS ?m) FILTER(?m = ?n) }", {"n": term})
        assert [r["m"].value for r in rows.rows] == [value]


def test_escaped_or_mixed_case_keywords_call_nothing(listener, engine):
    before = list(listener.requests)
    url = _url(listener, "escaped")
    for text in (f"SELECT * WHERE {{ \\u0053ERVICE <{url}> {{ ?s ?p ?o }} }}",
                 f"SELECT * WHERE {{ SeRvIcE <{url}> {{ ?s ?p ?o }} }}"):
        with pytest.raises(UsageError):
            engine.select(text)
    assert listener.requests == before
