"""The HTTP server: routes requests to the endpoint, the query pages, resource pages and the map.

Built on the standard library's ``ThreadingHTTPServer``: pyoxigraph calls block (and release the
GIL), so a thread per request is the natural shape, and a local, read-only tool needs no
framework. Queries themselves run in :class:`~c2c_kg.web.dataset.Dataset`'s bounded pool.
"""

from __future__ import annotations

import json
import re
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from ..errors import UsageError
from ..store.queries import StoredQuery, find_query, list_queries
from ..terms import BASE
from .answer import CUT_HEADER, Answer, Settings, error
from .dataset import Dataset
from .describe import DOWNLOADS, dataset_description
from .endpoint import sparql
from .formats import RDF_TYPES, media_type, negotiate, rdf_bytes
from .html import esc, page
from .mapview import map_data, map_page
from .querypages import index_page, query_download, query_page
from .reconcile import Reconciler
from .resources import OUTPUT_PREFIXES, describe, resource_page
from .timeline import timeline_page

__all__ = ["Settings", "make_server", "serve"]

STATIC = Path(__file__).parent / "static"
STATIC_TYPES = {".js": "text/javascript; charset=utf-8", ".json": "application/json"}
RESOURCE_ROOTS = ("id", "vocab", "source", "ontology", "graph", "shapes")
HOST = re.compile(r"[A-Za-z0-9.\-]+(:\d+)?|\[[0-9A-Fa-f:.]+\](:\d+)?")


class App:
    """Routes; one instance shared by the request threads (it holds no per-request state)."""

    def __init__(self, dataset: Dataset, settings: Settings):
        self.dataset, self.settings = dataset, settings
        self.reconciler = Reconciler(dataset)
        # the store is read as it was when opened (read-only or copied), so whole-graph
        # summaries can be computed once
        self._memo: dict[str, object] = {}
        self._memo_lock = threading.RLock()  # a summary may be made of another

    def memo(self, key: str, make, keep=lambda value: True):
        """``make()`` once per key, kept only if ``keep(value)`` (not a partial answer)."""
        with self._memo_lock:
            if key in self._memo:
                return self._memo[key]
            value = make()
            if keep(value):
                self._memo[key] = value
            return value

    # -- entry -----------------------------------------------------------------------------
    def handle(self, method: str, target: str, headers, body: bytes) -> Answer:
        parts = urlsplit(target)
        params = {k: v[-1] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
        multi = parse_qs(parts.query)
        path = parts.path
        accept = headers.get("Accept")
        try:
            host = headers.get("Host") or ""
            base_url = "http://" + (host if HOST.fullmatch(host) else "localhost")
            if path == "/sparql":
                return sparql(self.dataset, self.settings, method, headers, body, params,
                              multi)
            if path == "/reconcile":
                return self.reconcile(method, headers, body, params, base_url)
            if method not in ("GET", "HEAD"):
                return error(405, "Method not allowed", f"{method} is not allowed here.")
            if path == "/":
                return Answer(200, self.home())
            if path == "/favicon.ico":  # browsers ask; no icon, and no 404 in their console
                return Answer(204, b"", "image/x-icon")
            if path == "/queries":
                return Answer(200, index_page(list_queries(self.settings.queries)))
            if path.startswith("/queries/"):
                return self.stored(path.removeprefix("/queries/"), params)
            if path == "/map":
                return Answer(200, map_page(self.map_data()))
            if path == "/map.json":
                return Answer(200, json.dumps(self.map_data()).encode(), "application/json")
            if path == "/timeline":
                return Answer(200, self.memo("timeline", lambda: timeline_page(
                    self.dataset, timeout=self.settings.timeout)))
            if path in ("/.well-known/void", "/dataset"):
                fmt = params.get("format") if params.get("format") in RDF_TYPES.values() \
                    else negotiate(accept, RDF_TYPES, "turtle")
                fmt = "turtle" if fmt == "html" else fmt
                triples = dataset_description(self.dataset, base_url)
                prefixes = {**OUTPUT_PREFIXES, "dcat": "http://www.w3.org/ns/dcat#",
                            "void": "http://rdfs.org/ns/void#"}
                return Answer(200, rdf_bytes(fmt, triples, prefixes), media_type(fmt))
            if path.removeprefix("/dataset/") in DOWNLOADS:
                return self.download(path.removeprefix("/dataset/"))
            if path.startswith("/static/"):
                return self.static(path.removeprefix("/static/"))
            if path == "/resource" and params.get("iri"):
                return self.resource(params["iri"], accept, params.get("format"))
            if path.strip("/").split("/")[0] in RESOURCE_ROOTS:
                return self.resource(BASE + unquote(path.lstrip("/")), accept,
                                     params.get("format"))
            return error(404, "Not found", f"Nothing is served at {path}.")
        except UsageError as exc:
            return error(400, "Bad request", str(exc))

    def download(self, name: str) -> Answer:
        """A distribution of the dataset: every published graph, never the quotes."""
        from ..store.export import export_bytes

        fmt, media = DOWNLOADS[name]
        body = self.memo("download:" + name, lambda: export_bytes(
            self.dataset.store, fmt, [g.value for g in self.dataset.graphs]))
        return Answer(200, body, media)

    def map_data(self) -> dict:
        return self.memo("map-data", lambda: map_data(self.dataset,
                                                       timeout=self.settings.timeout),
                         keep=lambda data: not data["partial"])

    # -- pages -----------------------------------------------------------------------------
    def home(self) -> bytes:
        queries = list_queries(self.settings.queries)
        body = (
            "<p>A local, read-only view of the c2c-kg knowledge graph.</p><ul>"
            f"<li><a href='/queries'>{len(queries)} stored queries</a> with forms and downloads"
            "</li><li><a href='/map'>Map of partnerships</a></li>"
            "<li><a href='/timeline'>Timeline</a></li>"
            "<li><a href='/sparql'>SPARQL endpoint</a> (SPARQL 1.1 Protocol, read-only)</li>"
            "<li><a href='/ontology'>The ontology</a></li>"
            "<li><a href='/dataset'>Dataset description</a> (VoID and DCAT, Turtle); "
            "<a href='/reconcile'>reconciliation service</a> for OpenRefine</li></ul>"
            f"<p class=muted>Limits: {self.settings.row_limit} rows and "
            f"{self.settings.timeout:g} s per query.</p>")
        return page("c2c-kg", body)

    def static(self, name: str) -> Answer:
        target = (STATIC / name).resolve()
        if target.parent != STATIC.resolve() or target.suffix not in STATIC_TYPES \
                or not target.is_file():
            return error(404, "Not found", f"No static file {name}.")
        return Answer(200, target.read_bytes(), STATIC_TYPES[target.suffix],
                      {"Cache-Control": "max-age=3600"})

    def stored(self, rest: str, params: dict[str, str]) -> Answer:
        name, dot, fmt = rest.partition(".")
        try:
            query: StoredQuery = find_query(self.settings.queries, name)
        except UsageError as exc:
            return error(404, "No such query", str(exc))
        values = {k: v for k, v in params.items() if k not in ("page", "size")}
        if dot:
            if fmt not in ("csv", "json"):
                return error(404, "Not found", "Downloads are .csv or .json.")
            data, notes = query_download(self.dataset, query, values, fmt,
                                         limit=self.settings.row_limit,
                                         timeout=self.settings.timeout)
            headers = {"Content-Disposition": f'attachment; filename="{name}.{fmt}"'}
            if notes:
                headers[CUT_HEADER] = ", ".join(notes)
            return Answer(200, data, media_type(fmt), headers)
        page_no = _positive(params.get("page"), 1)
        size = min(_positive(params.get("size"), self.settings.page_size),
                   self.settings.row_limit)
        status, html = query_page(self.dataset, query, values, page_no=page_no, size=size,
                                  timeout=self.settings.timeout)
        return Answer(status, html)

    def resource(self, iri: str, accept: str | None, fmt: str | None) -> Answer:
        wanted = fmt if fmt in set(RDF_TYPES.values()) | {"html"} else \
            negotiate(accept, RDF_TYPES, "html")
        description = describe(self.dataset, iri)
        if description.empty:
            if wanted != "html":
                return error(404, "Not found", f"The graph says nothing about {iri}.", False)
            return Answer(404, page("Not found", self.unknown(iri)))
        if wanted == "html":
            return Answer(200, resource_page(self.dataset, description), headers={"Vary": "Accept"})
        data = rdf_bytes(wanted, description.triples(), OUTPUT_PREFIXES)
        return Answer(200, data, media_type(wanted), {"Vary": "Accept"})

    def unknown(self, iri: str) -> str:
        """The body of the page of an IRI with no triples about it: how often it is used as a
        property, and for an IRI of another namespace a link to where it is defined."""
        import pyoxigraph as ox

        used = self.dataset.run(f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s {ox.NamedNode(iri)} ?o }}",
                                limit=1, timeout=self.settings.timeout).rows
        count = int(used[0][0].value) if used and used[0][0] is not None else 0
        body = f"<p>The graph has no triples about <code>{esc(iri)}</code>.</p>"
        if count:
            body += f"<p>It is used as a property in {count} triples.</p>"
        if not iri.startswith(BASE):
            body += (f"<p>It is defined elsewhere: <a class=ext rel=external "
                     f"href='{esc(iri)}'>{esc(iri)}</a>.</p>")
        return body

    def reconcile(self, method: str, headers, body: bytes, params: dict[str, str],
                  base_url: str) -> Answer:
        """The W3C Reconciliation API: the manifest, or answers to a ``queries`` batch."""
        queries = params.get("queries")
        if method == "POST":
            form = parse_qs(body.decode("utf-8", "replace"))
            queries = form.get("queries", [queries])[-1]
        cors = {"Access-Control-Allow-Origin": "*"}
        if not queries:
            data = self.reconciler.manifest(base_url)
        else:
            try:
                data = self.reconciler.answer(queries)
            except ValueError as exc:
                return error(400, "Bad request", str(exc), False)
        return Answer(200, json.dumps(data, ensure_ascii=False).encode("utf-8"),
                      "application/json", cors)

    # -- the SPARQL 1.1 Protocol -------------------------------------------------------------
def _positive(value: str | None, default: int) -> int:
    try:
        number = int(value) if value else default
    except ValueError:
        return default
    return number if number > 0 else default


def _handler(app: App):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "c2c-kg"
        # headers and body go out in two writes: without this, Nagle's algorithm and the
        # client's delayed ACK add 40 ms to every keep-alive answer
        disable_nagle_algorithm = True
        # a buffered wfile: headers and body leave in one write, when the request is done
        wbufsize = 1 << 16

        def log_message(self, fmt: str, *args) -> None:
            if getattr(self.server, "verbose", False):
                sys.stderr.write(f"{self.address_string()} - {fmt % args}\n")

        def _run(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            try:
                answer = app.handle(self.command, self.path, self.headers, body)
            except Answer as raised:
                answer = raised
            except Exception as exc:  # a bug: answer 500 and keep serving
                answer = error(500, "Internal error", f"{type(exc).__name__}: {exc}", False)
            self.send_response(answer.status)
            self.send_header("Content-Type", answer.content_type)
            self.send_header("Content-Length", str(len(answer.body)))
            self.send_header("X-Content-Type-Options", "nosniff")
            if answer.content_type.startswith("text/html"):
                self.send_header("Content-Security-Policy",
                                 "default-src 'self'; style-src 'unsafe-inline'")
            for key, value in answer.headers.items():
                self.send_header(key, value)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(answer.body)

        do_GET = do_POST = do_HEAD = do_PUT = do_DELETE = _run

    return Handler


def make_server(dataset: Dataset, settings: Settings, host: str = "127.0.0.1",
                port: int = 8000) -> ThreadingHTTPServer:
    """A server bound to ``host:port`` (port 0: any free port), not yet serving."""
    server = ThreadingHTTPServer((host, port), _handler(App(dataset, settings)))
    server.daemon_threads = True
    return server


def serve(store_path: Path, queries: Path, *, host: str = "127.0.0.1", port: int = 8000,
          in_memory: bool = False, timeout: float = 30.0, row_limit: int = 10_000,
          verbose: bool = False, cache_rows: int = 100_000, ready=None, say=None) -> None:
    """Serve until interrupted; ``ready(url)`` is called once the socket listens, ``say(text)``
    reports progress (copying the store into memory); up to ``cache_rows`` rows of complete
    answers are remembered (0: none)."""
    if timeout <= 0 or row_limit <= 0:
        raise UsageError("--timeout and --row-limit must be greater than 0.")
    if cache_rows < 0:
        raise UsageError("--cache-rows must be 0 (no memory of answers) or more.")
    if in_memory and say:
        say(f"Copying the store at {store_path} into memory …")
    started = time.monotonic()
    dataset = Dataset(store_path, in_memory=in_memory, cache_rows=cache_rows)
    if in_memory and say:
        say(f"… {len(dataset.store):,} quads in {time.monotonic() - started:.1f} s.")
    try:
        server = make_server(dataset, Settings(queries, timeout, row_limit), host, port)
    except OSError as exc:
        dataset.close()
        raise UsageError(f"Cannot listen on {host}:{port}: {exc.strerror or exc}. Another "
                         f"server may be using the port; pick another with --port.") from exc
    server.verbose = verbose
    url = f"http://{server.server_address[0]}:{server.server_address[1]}"
    if say and host not in ("127.0.0.1", "localhost", "::1"):
        say(f"Listening on {host}: anyone who can reach this machine can query the graph "
            f"(read-only), including quotes held locally on resource pages.")
    if ready:
        ready(url)
    try:
        server.serve_forever()
    finally:
        server.server_close()
        dataset.close()


def serve_in_thread(dataset: Dataset, settings: Settings) -> tuple[ThreadingHTTPServer, str]:
    """Start a server on a free loopback port in a daemon thread (for tests and benchmarks)."""
    server = make_server(dataset, settings, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"
