"""Endpoints by kind of server, credentials, and remote query errors (against real sockets)."""

from __future__ import annotations

import socket
import threading

import pytest
from servers import (  # noqa: F401  (fixtures)
    FaultProxy,
    free_port,
    oxigraph_fixture,
    run_cli,
    server_fixture,
)

from c2c_kg.errors import RemoteError, UsageError
from c2c_kg.remote.client import RemoteEngine
from c2c_kg.remote.credentials import Credentials, find_credentials
from c2c_kg.remote.endpoints import resolve_endpoints


@pytest.mark.parametrize(("kind", "base", "urls"), [
    ("oxigraph", "http://h:7878", ("http://h:7878/query", "http://h:7878/update",
                                   "http://h:7878/store")),
    ("virtuoso", "http://h:8890/", ("http://h:8890/sparql", "http://h:8890/sparql-auth",
                                    "http://h:8890/sparql-graph-crud-auth")),
    ("fuseki", "http://h:3030/ds", ("http://h:3030/ds/query", "http://h:3030/ds/update",
                                    "http://h:3030/ds/data")),
    ("graphdb", "http://h:7200/repositories/c2c", (
        "http://h:7200/repositories/c2c", "http://h:7200/repositories/c2c/statements",
        "http://h:7200/repositories/c2c/rdf-graphs/service")),
])
def test_each_kind_supplies_its_paths(kind, base, urls):
    found = resolve_endpoints(base, kind)
    assert (found.query_url, found.update_url, found.store_url) == urls


def test_virtuoso_queries_go_to_the_authenticated_endpoint_with_a_user():
    found = resolve_endpoints("http://h:8890", "virtuoso", user="w")
    assert found.query_url == "http://h:8890/sparql-auth" and found.auth == "digest"


def test_without_a_kind_the_endpoint_is_the_query_url_and_overrides_win():
    generic = resolve_endpoints("http://h/sparql", update_url="http://h/up")
    assert (generic.kind, generic.query_url, generic.update_url) == ("generic", "http://h/sparql",
                                                                     "http://h/up")
    custom = resolve_endpoints("http://h:7878", "oxigraph", store_url="http://h:9/gsp")
    assert custom.store_url == "http://h:9/gsp" and custom.query_url == "http://h:7878/query"


@pytest.mark.parametrize(("endpoint", "kind", "match"), [
    ("http://h:3030", "fuseki", "dataset"),
    ("http://h:7200", "graphdb", "repository"),
    ("ftp://h", "oxigraph", "http"),
    ("http://h", "blazegraph", "Unknown server kind"),
    (None, "oxigraph", "base URL"),
])
def test_bad_endpoints_are_usage_errors(endpoint, kind, match):
    with pytest.raises(UsageError, match=match):
        resolve_endpoints(endpoint, kind)


def test_password_from_the_environment_never_in_a_repr(monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("C2C_KG_PASSWORD", "s3cret-value")
    monkeypatch.delenv("C2C_KG_TOKEN", raising=False)
    found = find_credentials("http://h:8890/sparql", "writer")
    assert (found.user, found.password) == ("writer", "s3cret-value")
    assert "s3cret-value" not in repr(found)


def test_password_and_login_from_netrc(monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("C2C_KG_PASSWORD", raising=False)
    monkeypatch.delenv("C2C_KG_TOKEN", raising=False)
    netrc = tmp_path / ".netrc"
    netrc.write_text("machine store.example.org login alice password from-netrc\n")
    netrc.chmod(0o600)
    found = find_credentials("https://store.example.org/sparql")
    assert (found.user, found.password) == ("alice", "from-netrc")
    assert not find_credentials("https://elsewhere.example.org/sparql")


def test_a_user_without_a_password_is_told_where_to_put_it(monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("C2C_KG_PASSWORD", raising=False)
    monkeypatch.delenv("C2C_KG_TOKEN", raising=False)
    with pytest.raises(UsageError, match="C2C_KG_PASSWORD"):
        find_credentials("http://h/sparql", "bob")


def test_remote_query_against_each_server(server):
    engine = RemoteEngine(server.endpoints(), credentials=server.credentials())
    assert engine.select("ASK { }").boolean is True
    rows = engine.select("SELECT ?x WHERE { VALUES ?x { 1 2 3 } }").rows
    assert sorted(int(r["x"].value) for r in rows) == [1, 2, 3]


def test_malformed_query_is_reported_by_the_server(oxigraph):
    engine = RemoteEngine(oxigraph.endpoints())
    with pytest.raises(RemoteError, match=r"HTTP 400|malformed"):
        engine.select("SELECT ?x WHERE { ?x ?y }")


def test_wrong_path_is_a_404_message(oxigraph):
    engine = RemoteEngine(resolve_endpoints(oxigraph.url + "/no-such-endpoint"))
    with pytest.raises(RemoteError, match=r"HTTP 404.*--endpoint"):
        engine.select("ASK { }")


def test_unreachable_host_is_one_message():
    engine = RemoteEngine(resolve_endpoints(f"http://127.0.0.1:{free_port()}/query"), timeout=5)
    with pytest.raises(RemoteError, match=r"cannot be reached.*running"):
        engine.select("ASK { }")


def test_a_server_that_never_answers_times_out():
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(5)  # accepts connections, never answers
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{listener.getsockname()[1]}/query"
        with pytest.raises(RemoteError, match="did not answer within 1 s"):
            RemoteEngine(resolve_endpoints(url), timeout=1).select("ASK { }")
    finally:
        stop.set()
        thread.join()
        for conn in held:
            conn.close()
        listener.close()


def test_credentials_object_is_false_without_user_or_token():
    assert not Credentials()
    assert Credentials(token="t")


def test_cli_status_of_an_unreachable_server_exits_2_with_one_line():
    done = run_cli(["status", "--endpoint", f"http://127.0.0.1:{free_port()}", "--kind",
                    "oxigraph"], {"PATH": "/usr/bin:/bin"})
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "cannot be reached" in done.stderr


def test_a_refusal_is_a_403_message(oxigraph):
    """The proxy answers 403 as a server would to a user without the right."""
    with FaultProxy(oxigraph.url, lambda method, path, body: True, nth=1, status=403) as proxy:
        engine = RemoteEngine(resolve_endpoints(proxy.url, "oxigraph"),
                              credentials=Credentials("reader", "pw"))
        with pytest.raises(RemoteError, match=r"HTTP 403.*'reader' is not allowed to run a query"):
            engine.select("ASK { }")
