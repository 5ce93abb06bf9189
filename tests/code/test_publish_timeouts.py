"""Timeouts that hold: ``--timeout`` is the total a user waits, retries included, measured
against a loopback server that accepts connections and never answers."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from servers import HangingServer, make_store, run_cli, triples

from c2c_kg.errors import RemoteError
from c2c_kg.remote.client import GraphStoreClient, RemoteEngine
from c2c_kg.remote.endpoints import resolve_endpoints

#: Slack for a loaded machine (2 cores shared by many): the wait is timed from the server's
#: first accepted connection to the command's exit, so start-up time does not count.
SLACK = 1.0


def _timed(args: list[str], hanging: HangingServer) -> tuple[float, str, int]:
    done = run_cli(args, {"PATH": "/usr/bin:/bin"}, timeout=120)
    ended = time.monotonic()
    assert hanging.first is not None, done.stderr
    return ended - hanging.first, done.stderr, done.returncode


@pytest.mark.parametrize("retries", [1, 4])
def test_a_query_waits_no_longer_than_the_timeout_whatever_the_retries(retries):
    with HangingServer() as hanging:
        engine = RemoteEngine(resolve_endpoints(hanging.url + "/query"), timeout=2,
                              retries=retries)
        started = time.monotonic()
        with pytest.raises(RemoteError, match="did not answer within 2 s"):
            engine.select("ASK { }")
        assert time.monotonic() - started < 2 + SLACK


def test_every_request_of_one_client_shares_one_budget():
    with HangingServer() as hanging:
        client = GraphStoreClient(resolve_endpoints(hanging.url, "oxigraph"), timeout=2)
        started = time.monotonic()
        for _ in range(3):  # the second and third find the budget spent
            with pytest.raises(RemoteError, match="did not answer"):
                client.graph_sizes()
        assert time.monotonic() - started < 2 + SLACK


@pytest.mark.parametrize("command", [["sparql", "ASK {}"], ["query", "partnerships"],
                                     ["status"]])
def test_cli_reads_with_timeout_3_take_about_3_s(command):
    with HangingServer() as hanging:
        seconds, stderr, code = _timed([*command, "--endpoint", hanging.url, "--kind",
                                        "oxigraph", "--timeout", "3"], hanging)
    assert code == 2, stderr
    assert "did not answer within 3 s" in stderr
    assert 2.5 <= seconds < 3 + SLACK, seconds


def test_cli_publish_with_timeout_3_takes_about_3_s(tmp_path):
    store = make_store(tmp_path, {"https://example.org/g": triples("g", 50)})
    with HangingServer() as hanging:
        seconds, stderr, code = _timed(["publish", "--endpoint", hanging.url, "--kind",
                                        "oxigraph", "--store", str(store), "--timeout", "3"],
                                       hanging)
    assert code == 2, stderr
    assert "did not answer within 3 s" in stderr and "Nothing was sent" in stderr
    assert 2.5 <= seconds < 3 + SLACK, seconds


class _Trickle(BaseHTTPRequestHandler):
    """Answers 200 with a long body sent one byte every 0.2 s."""

    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:
        pass

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", "1000")
        self.end_headers()
        try:
            for _ in range(1000):
                self.wfile.write(b" ")
                self.wfile.flush()
                time.sleep(0.2)
        except OSError:
            pass


def test_a_server_that_trickles_its_answer_is_cut_off_at_the_timeout():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Trickle)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{httpd.server_address[1]}/query"
        started = time.monotonic()
        with pytest.raises(RemoteError, match="did not answer within 2 s"):
            RemoteEngine(resolve_endpoints(url), timeout=2).select("ASK { }")
        assert time.monotonic() - started < 2 + SLACK
    finally:
        httpd.shutdown()
        httpd.server_close()
