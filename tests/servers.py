"""Real SPARQL servers for the publish tests, and a tiny fault-injecting HTTP proxy.

Test modules import the fixtures ``oxigraph_fixture`` and ``server_fixture`` (their fixture names
are ``oxigraph`` and ``server``).

Oxigraph: ``oxigraph serve`` (PyPI package ``oxigraph``, in the test extra) on 127.0.0.1 and a free
port, in a temporary folder, started and stopped by the fixtures. Virtuoso: started by
``.ci/virtuoso.sh start`` outside pytest, which exports ``C2C_KG_TEST_VIRTUOSO_URL``, ``_USER``,
``_PASSWORD``; without them the Virtuoso parameter is simply not generated.
"""

from __future__ import annotations

import http.client
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, unquote_plus, urlsplit

import pytest

from c2c_kg.remote.client import GraphStoreClient
from c2c_kg.remote.credentials import Credentials
from c2c_kg.remote.endpoints import Endpoints, resolve_endpoints

VIRTUOSO_VARS = ("C2C_KG_TEST_VIRTUOSO_URL", "C2C_KG_TEST_VIRTUOSO_USER",
                 "C2C_KG_TEST_VIRTUOSO_PASSWORD")
#: The servers the tests run against: Oxigraph always, Virtuoso when .ci/virtuoso.sh started one.
KINDS = ["oxigraph"] + (["virtuoso"] if all(os.environ.get(v) for v in VIRTUOSO_VARS) else [])
ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _oxigraph_command() -> str:
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    if not found:
        raise RuntimeError("the 'oxigraph' command is missing: pip install -e '.[test]'")
    return found


def wait_until_up(url: str, process: subprocess.Popen | None = None, limit: float = 60) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"no answer from {url} within {limit} s")


class OxigraphServer:
    """``oxigraph serve`` in a folder of its own; restartable on the same folder."""

    kind = "oxigraph"

    def __init__(self, location: Path, union: bool = True):
        self.location = location
        self.union = union
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None

    def start(self) -> OxigraphServer:
        union = ["--union-default-graph"] if self.union else []
        self.process = subprocess.Popen(
            [_oxigraph_command(), "serve", "--location", str(self.location), "--bind",
             f"127.0.0.1:{self.port}", *union],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_until_up(f"{self.url}/query?query=ASK%7B%7D", self.process)
        return self

    def checkpoint(self) -> None:
        """Nothing to do: Oxigraph restarts at once."""

    def kill(self) -> None:
        """SIGKILL, then wait for the process to be gone (so the store lock is released)."""
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(30)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.kill()


class VirtuosoServer:
    """The Virtuoso that .ci/virtuoso.sh runs; kill/start go through that script."""

    kind = "virtuoso"

    def __init__(self):
        self.url = os.environ["C2C_KG_TEST_VIRTUOSO_URL"].rstrip("/")
        self.control = os.environ.get("C2C_KG_TEST_VIRTUOSO_CONTROL",
                                      str(ROOT / ".ci" / "virtuoso.sh"))

    def _run(self, action: str) -> None:
        env = dict(os.environ)
        if os.environ.get("C2C_KG_TEST_VIRTUOSO_DIR"):
            env["C2C_KG_VIRTUOSO_DIR"] = os.environ["C2C_KG_TEST_VIRTUOSO_DIR"]
        subprocess.run(["bash", self.control, action], env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=300)

    def kill(self) -> None:
        self._run("kill")

    def checkpoint(self) -> None:
        self._run("checkpoint")

    def start(self) -> VirtuosoServer:
        self._run("start")
        return self


@dataclass
class Server:
    """A running server as the tests see it: where it is and how to log in."""

    kind: str
    url: str
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    handle: object = None

    def endpoints(self, base: str | None = None) -> Endpoints:
        return resolve_endpoints(base or self.url, self.kind, user=self.user)

    def credentials(self, password: str | None = None) -> Credentials | None:
        if not self.user:
            return None
        return Credentials(self.user, password if password is not None else self.password)

    def client(self, base: str | None = None, **options) -> GraphStoreClient:
        options.setdefault("retries", 2)
        return GraphStoreClient(self.endpoints(base), self.credentials(), **options)

    def cli_args(self, base: str | None = None) -> list[str]:
        args = ["--endpoint", base or self.url, "--kind", self.kind]
        return args + (["--user", self.user] if self.user else [])

    def env(self, password: str | None = None) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("C2C_KG_")}
        env["HOME"] = os.environ.get("HOME", "/tmp")
        if self.user:
            env["C2C_KG_PASSWORD"] = password if password is not None else (self.password or "")
        return env

    def graph_lines(self, graph: str) -> set[str]:
        """A graph's triples as N-Triples lines, read back with a SELECT (no blank nodes)."""
        rows = self.client().select(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
        return {f"<{r['s']}> <{r['p']}> {_object(r['o'])} ." for r in rows}


def _object(value: str) -> str:
    return f"<{value}>" if value.startswith(("http://", "https://", "urn:")) else f'"{value}"'


def oxigraph_server(folder: Path, union: bool = True) -> Server:
    """An Oxigraph server; ``union=False``: started as by default, without
    ``--union-default-graph`` (its default graph is then empty)."""
    handle = OxigraphServer(folder, union).start()
    return Server("oxigraph", handle.url, handle=handle)


def virtuoso_server() -> Server:
    return Server("virtuoso", os.environ["C2C_KG_TEST_VIRTUOSO_URL"].rstrip("/"),
                  os.environ["C2C_KG_TEST_VIRTUOSO_USER"],
                  os.environ["C2C_KG_TEST_VIRTUOSO_PASSWORD"], handle=VirtuosoServer())


@pytest.fixture(scope="session", name="oxigraph")
def oxigraph_fixture(tmp_path_factory: pytest.TempPathFactory):
    """One Oxigraph server for the session."""
    server = oxigraph_server(tmp_path_factory.mktemp("oxigraph"))
    yield server
    server.handle.stop()


@pytest.fixture(scope="session", name="plain_oxigraph")
def plain_oxigraph_fixture(tmp_path_factory: pytest.TempPathFactory):
    """One Oxigraph server for the session without --union-default-graph (its default)."""
    server = oxigraph_server(tmp_path_factory.mktemp("plain-oxigraph"), union=False)
    yield server
    server.handle.stop()


@pytest.fixture(scope="session", params=KINDS, name="server")
def server_fixture(request: pytest.FixtureRequest) -> Server:
    """Each real server available: Oxigraph always, Virtuoso when .ci/virtuoso.sh runs one."""
    if request.param == "oxigraph":
        return request.getfixturevalue("oxigraph")
    return virtuoso_server()


# -- a fault-injecting proxy -----------------------------------------------------------------
Matcher = Callable[[str, str, bytes], bool]


class FaultProxy:
    """A loopback HTTP proxy to ``upstream`` that passes every request through, except the
    ``nth`` one that ``matches``: that one gets ``action`` (``"500"``: an HTTP ``status`` answer;
    ``"kill"``: ``on_fault`` runs, e.g. killing the server, then the connection is dropped and
    the proxy stops listening, so the client sees a server that is gone; ``"late"``: passed on
    at once, the server's answer held back ``delay`` seconds — a request that took effect but
    whose answer comes late; ``"hold"``: held ``delay`` seconds, then passed on — a request the
    server runs late)."""

    def __init__(self, upstream: str, matches: Matcher, nth: int, action: str = "500",
                 on_fault: Callable[[], None] | None = None, status: int = 500,
                 delay: float = 0.0):
        self.upstream = urlsplit(upstream)
        self.matches, self.nth, self.action, self.on_fault = matches, nth, action, on_fault
        self.status = status
        self.delay = delay
        self.forwarded = threading.Event()
        self.seen = 0
        self.faults = 0
        self.lock = threading.Lock()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:
                pass

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                with proxy.lock:
                    hit = proxy.matches(self.command, self.path, body)
                    if hit:
                        proxy.seen += 1
                    fault = hit and proxy.seen == proxy.nth
                if fault and proxy.action in ("late", "hold"):
                    proxy.faults += 1
                    if proxy.action == "hold":
                        time.sleep(proxy.delay)
                    self._forward(body, late=proxy.delay if proxy.action == "late" else 0)
                    proxy.forwarded.set()
                    return
                if fault:
                    proxy.faults += 1
                    if proxy.action == "kill":
                        if proxy.on_fault:
                            proxy.on_fault()
                        self.close_connection = True
                        threading.Thread(target=proxy.close, daemon=True).start()
                        return
                    self._answer(proxy.status, {"Content-Type": "text/plain"},
                                 b"injected fault\n")
                    return
                self._forward(body)

            def _forward(self, body: bytes, late: float = 0) -> None:
                conn = http.client.HTTPConnection(proxy.upstream.hostname, proxy.upstream.port,
                                                  timeout=120)
                headers = {k: v for k, v in self.headers.items()
                           if k.lower() not in ("host", "connection", "keep-alive")}
                try:
                    conn.request(self.command, self.path, body=body or None, headers=headers)
                    answer = conn.getresponse()
                    data = answer.read()
                except OSError:
                    self.close_connection = True
                    return
                finally:
                    conn.close()
                time.sleep(late)
                passed = {k: v for k, v in answer.getheaders()
                          if k.lower() not in ("transfer-encoding", "connection",
                                               "content-length", "keep-alive")}
                self._answer(answer.status, passed, data)

            def _answer(self, status: int, headers: dict[str, str], data: bytes) -> None:
                try:
                    self.send_response(status)
                    for key, value in headers.items():
                        self.send_header(key, value)
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except OSError:  # the client gave up waiting
                    self.close_connection = True

            do_GET = do_POST = do_PUT = do_DELETE = _handle

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> FaultProxy:
        self.thread.start()
        return self

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def __exit__(self, *exc) -> None:
        if self.thread.is_alive():
            self.close()


def _text(body: bytes) -> str:
    """A request body as text, form-decoded where it is a form."""
    return unquote_plus(body.decode("utf-8", "replace"))


def swap_request() -> Matcher:
    """Matches the update that swaps the staged graphs in (MOVE, or Virtuoso's differential)."""
    def matches(method: str, path: str, body: bytes) -> bool:
        text = _text(body)
        return method == "POST" and ("MOVE SILENT GRAPH" in text or "FILTER NOT EXISTS" in text)
    return matches


def count_request() -> Matcher:
    """Matches the queries that count the triples of graphs."""
    def matches(method: str, path: str, body: bytes) -> bool:
        return method == "POST" and "COUNT(*)" in _text(body)
    return matches


class HangingServer:
    """A loopback socket that accepts connections (and reads what is sent) but never answers."""

    def __init__(self):
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(16)
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        self.held: list[socket.socket] = []
        self.first: float | None = None  # time.monotonic() of the first connection
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._accept, daemon=True)

    def _accept(self) -> None:
        self.listener.settimeout(0.2)
        while not self.stop.is_set():
            try:
                conn = self.listener.accept()[0]
            except OSError:
                continue
            if self.first is None:
                self.first = time.monotonic()
            self.held.append(conn)
            threading.Thread(target=self._drain, args=(conn,), daemon=True).start()

    def _drain(self, conn: socket.socket) -> None:
        conn.settimeout(0.5)
        while not self.stop.is_set():
            try:
                if not conn.recv(65536):
                    return
            except TimeoutError:
                continue
            except OSError:
                return

    def __enter__(self) -> HangingServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        self.thread.join()
        for conn in self.held:
            conn.close()
        self.listener.close()


def batch_request(kind: str) -> Matcher:
    """Matches the requests that carry a batch of triples (GSP POSTs and INSERT DATA)."""
    def matches(method: str, path: str, body: bytes) -> bool:
        if method not in ("POST", "PUT"):
            return False
        if "graph-crud" in path or path.startswith("/store"):
            return True
        return b"INSERT+DATA" in body or b"INSERT DATA" in body
    return matches


def ntriples(lines: list[str]) -> bytes:
    return ("\n".join(lines) + "\n").encode()


def triples(graph_name: str, count: int, start: int = 0) -> list[str]:
    """``count`` distinct made-up triples, each a line of N-Triples."""
    base = f"https://example.org/{quote(graph_name)}/"
    return [f'<{base}s{i}> <https://example.org/p/{i % 7}> "value {i}" .'
            for i in range(start, start + count)]


def run_cli(args: list[str], env: dict[str, str], timeout: float = 180
            ) -> subprocess.CompletedProcess:
    command = Path(sys.executable).parent / "c2c-kg"
    if os.environ.get("PYTHONPATH") and "PYTHONPATH" not in env:
        env = {**env, "PYTHONPATH": os.environ["PYTHONPATH"]}  # the code under test, not main's
    return subprocess.run([str(command), *args], env=env, capture_output=True, text=True,
                          timeout=timeout, cwd=ROOT)


def make_store(folder: Path, graphs: dict[str, list[str]]) -> Path:
    """A store folder holding ``graphs`` (IRI → N-Triples lines), written by another process
    (a pyoxigraph store stays locked while a process holds it open)."""
    data = folder / "data.nq"
    with data.open("w", encoding="utf-8") as out:
        for graph, lines in graphs.items():
            for line in lines:
                out.write(line.removesuffix(" .") + f" <{graph}> .\n")
    store = folder / "store"
    code = ("import sys, pyoxigraph as ox; s = ox.Store(sys.argv[1]); "
            "s.load(path=sys.argv[2], format=ox.RdfFormat.N_QUADS); s.flush()")
    subprocess.run([sys.executable, "-c", code, str(store), str(data)], check=True, timeout=120)
    return store
