"""Nothing the build parses reaches the network: nested contexts, @import, owl:imports.

Each test runs a real HTTP server on 127.0.0.1 that answers every request with something usable
(a JSON-LD context, a Turtle ontology) and records it; a test passes only if that server saw no
request at all.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from helpers import mini_project, run_cli

from c2c_kg.errors import C2CError, DataError, InputError
from c2c_kg.graph.build import assemble
from c2c_kg.graph.records import Record, load_context, records_to_graph
from c2c_kg.offline import NetworkRefused, offline

CONTEXT = b'{"@context": {"extra": "https://example.org/extra"}}'
ONTOLOGY = b"<https://example.org/x> a <http://www.w3.org/2002/07/owl#Class> .\n"


class _Recorder(BaseHTTPRequestHandler):
    seen: list[str]

    def do_GET(self) -> None:
        self.seen.append(self.path)
        body = ONTOLOGY if self.path.endswith(".ttl") else CONTEXT
        kind = "text/turtle" if self.path.endswith(".ttl") else "application/ld+json"
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        return None


class Server:
    def __init__(self, url: str, seen: list[str]) -> None:
        self.url = url
        self.seen = seen


@pytest.fixture
def server() -> Iterator[Server]:
    """An HTTP server on 127.0.0.1 that serves a context or ontology and records each request."""
    seen: list[str] = []
    handler = type("Handler", (_Recorder,), {"seen": seen})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield Server(f"http://127.0.0.1:{httpd.server_address[1]}", seen)
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_the_server_records_requests(server):
    """The control: the fixture really does see a request made outside the guard."""
    import urllib.request

    with urllib.request.urlopen(f"{server.url}/ctx.jsonld", timeout=5) as answer:
        assert answer.read() == CONTEXT
    assert server.seen == ["/ctx.jsonld"]


def _nested_context_record(project, url: str) -> Path:
    records = project.data / "records" / "partnerships.yaml"
    records.write_text(records.read_text(encoding="utf-8").replace(
        "  partner: [municipality/xa/riverton, municipality/xb/hillcrest]\n",
        "  partner:\n"
        f"    - '@context': {url}/ctx.jsonld\n"
        "      '@id': municipality/xa/riverton\n"
        "    - municipality/xb/hillcrest\n"), encoding="utf-8")
    return records


def test_nested_context_in_a_record_is_refused_without_a_request(tmp_path, server):
    project = mini_project(tmp_path)
    records = _nested_context_record(project, server.url)
    with pytest.raises(DataError) as info:
        assemble(project, reason=False)
    assert f"{records}:5:" in str(info.value)
    assert "'@context' is a JSON-LD keyword" in str(info.value)
    assert server.seen == []


def test_build_command_fails_clearly_without_a_request(tmp_path, server):
    project = mini_project(tmp_path)
    _nested_context_record(project, server.url)
    done = run_cli("build", "--root", str(project.root), "--store", str(tmp_path / "store"),
                   "--out", str(tmp_path / "out"), "--no-reason")
    assert done.returncode == 1
    assert "partnerships.yaml:5" in done.stderr and "JSON-LD keyword" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "store").exists() and not (tmp_path / "out").exists()
    assert server.seen == []


def test_rdflib_cannot_fetch_even_if_a_record_slips_through(tmp_path, server):
    """Second wall: records_to_graph itself runs offline, so rdflib's fetch fails first."""
    project = mini_project(tmp_path)
    context = load_context(project.data / "context.jsonld")
    record = Record(tmp_path / "x.yaml", 3, {
        "id": "partnership/x", "type": "MunicipalPartnership",
        "partner": [{"@context": f"{server.url}/ctx.jsonld", "@id": "municipality/xa/a"}]})
    with pytest.raises(C2CError) as info:
        records_to_graph([record], context)
    assert "Refused a network request" in str(info.value)
    assert f"{tmp_path / 'x.yaml'}:3" in str(info.value)
    assert server.seen == []


@pytest.mark.parametrize("term", [
    '"far": {"@id": "c2c:far", "@context": "URL/ctx.jsonld"},',
    '"far": {"@id": "c2c:far", "@context": ["URL/ctx.jsonld"]},',
    '"far": {"@id": "c2c:far", "@context": {"@import": "URL/ctx.jsonld"}},',
])
def test_remote_reference_nested_in_the_context_file_is_refused(tmp_path, server, term):
    project = mini_project(tmp_path)
    path = project.data / "context.jsonld"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.strip().startswith('"label"'))
    lines.insert(at, "    " + term.replace("URL", server.url) + "\n")
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(InputError) as info:
        assemble(project, reason=False)
    assert f"{path}:{at + 1}:" in str(info.value)
    assert server.seen == []


def test_duplicate_key_in_the_context_file_is_refused(tmp_path):
    project = mini_project(tmp_path)
    path = project.data / "context.jsonld"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"@version": 1.1,', '"@version": 1.1, "@version": 1.0,'),
                    encoding="utf-8")
    with pytest.raises(InputError, match="@version are given twice"):
        load_context(path)


def test_offline_guard_refuses_any_request_in_its_thread_only(server):
    import urllib.request

    with offline("testing"), pytest.raises(NetworkRefused, match="while testing"):
        urllib.request.urlopen(f"{server.url}/x", timeout=5)
    assert server.seen == []
    with urllib.request.urlopen(f"{server.url}/after", timeout=5):
        pass
    assert server.seen == ["/after"]


def _import_ontology(project, url: str) -> None:
    ontology = project.ontology / "c2c.ttl"
    ontology.write_text(ontology.read_text(encoding="utf-8").replace(
        "<https://w3id.org/c2c-kg/ontology> a owl:Ontology ;",
        f"<https://w3id.org/c2c-kg/ontology> a owl:Ontology ;\n    owl:imports <{url}/onto.ttl> ;"),
        encoding="utf-8")


def test_owl_imports_is_not_followed_by_rdflib(tmp_path, server):
    project = mini_project(tmp_path)
    _import_ontology(project, server.url)
    built = assemble(project, reason=False)
    assert any("onto.ttl" in str(o) for o in built.graphs["schema"].objects())
    assert server.seen == []


def test_owl_imports_is_not_followed_by_the_reasoner(tmp_path, server):
    project = mini_project(tmp_path)
    _import_ontology(project, server.url)
    started = time.perf_counter()
    built = assemble(project, reason=True)
    assert len(built.graphs["inferences"]) > 0
    assert server.seen == []
    assert time.perf_counter() - started < 120
