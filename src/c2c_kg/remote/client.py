"""Talking to a remote SPARQL 1.1 server: one HTTP stack (``requests`` + ``tenacity``).

:class:`GraphStoreClient` sends every request c2c-kg makes to a server — queries (SPARQL 1.1
Protocol), updates (SPARQL 1.1 Update) and Graph Store HTTP Protocol POSTs and PUTs — always
with a Content-Length (Virtuoso silently ignores a chunked body), and retries transient failures
(refused or broken connections, 429/502/503/504) with exponential backoff. :class:`RemoteEngine`
runs stored and ad-hoc queries through it.

A timeout is the total a user waits, retries included: each client carries a :class:`Deadline`
(``--timeout`` seconds from its start); every attempt gets what is left of it as its socket
timeout, the answer is read in chunks and abandoned once the deadline has passed, and tenacity
never starts a retry (or a backoff sleep) that would end after it.

Every failure becomes one :class:`~c2c_kg.errors.RemoteError` paragraph that names the server,
the URL, what was being done and what to do: unreachable host, timeout, 401, 403, 404, or the
server's own error message.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import RemoteError
from ..results import Cell, Results
from ..store.engines import bind_remotely
from ..store.sparqltext import check_query, paged
from .endpoints import Endpoints, resolve_endpoints
from .messages import TRANSIENT, detail, http_message, unreachable

if TYPE_CHECKING:
    from .credentials import Credentials

__all__ = ["Answer", "Deadline", "GraphStoreClient", "RemoteEngine", "RemoteTimeout",
           "http_message"]

CHUNK = 1 << 16


class Deadline:
    """The seconds a user agreed to wait, counted from when this object was made."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def left(self) -> float:
        return max(0.0, self.end - time.monotonic())


@dataclass
class Answer:
    """An HTTP answer, read whole within the deadline."""

    status: int
    body: bytes
    url: str

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


class RemoteTimeout(RemoteError):
    """No answer within the deadline: the server may still be working on the request."""


class _Transient(Exception):
    """A failure worth retrying: the connection broke, or the server said 429/502/503/504."""

    def __init__(self, cause: BaseException | None = None, answer: Answer | None = None):
        super().__init__(str(cause or answer))
        self.cause = cause
        self.answer = answer


class GraphStoreClient:
    """Every HTTP request c2c-kg sends to a server: queries, updates and Graph Store requests.

    ``timeout`` is the total time this client may spend (from its creation, or from the last
    :meth:`restart`); ``retries`` the attempts per request on transient failures.
    """

    def __init__(self, endpoints: Endpoints, credentials: Credentials | None = None, *,
                 timeout: float = 60.0, retries: int = 4):
        import requests

        self.endpoints = endpoints
        self.credentials = credentials
        self.timeout = timeout
        self.retries = max(1, retries)
        self.deadline = Deadline(timeout)
        self.sent = 0
        self.session = requests.Session()
        self.session.headers["User-Agent"] = "c2c-kg"
        if credentials and credentials.token:
            self.session.headers["Authorization"] = f"Bearer {credentials.token}"
        elif credentials and credentials.user:
            from requests.auth import HTTPBasicAuth, HTTPDigestAuth

            scheme = HTTPDigestAuth if endpoints.auth == "digest" else HTTPBasicAuth
            self.session.auth = scheme(credentials.user, credentials.password or "")

    def restart(self) -> None:
        """Start the clock again: the whole ``timeout`` is available from now."""
        self.deadline = Deadline(self.timeout)

    @contextmanager
    def grace(self, seconds: float) -> Iterator[None]:
        """A few more seconds, outside the spent budget, e.g. to ask what state a failure left."""
        spent = self.deadline
        self.deadline = Deadline(seconds)
        try:
            yield
        finally:
            self.deadline = spent

    # -- transport --------------------------------------------------------------------------
    def _attempt(self, method: str, url: str, deadline: Deadline, **kwargs) -> Answer:
        import requests

        self.sent += 1
        left = deadline.left()
        if left <= 0:
            raise _Transient(TimeoutError("timed out"))
        try:
            # (connect, read): each socket operation waits at most what is left; the body is
            # read in chunks so that a server that trickles its answer is cut off as well.
            with self.session.request(method, url, timeout=(left, left), stream=True,
                                      **kwargs) as response:
                answer = Answer(response.status_code, _read(response, deadline), url)
        except (requests.ConnectionError, requests.Timeout, TimeoutError) as exc:
            raise _Transient(exc) from exc
        if answer.status in TRANSIENT:
            raise _Transient(answer=answer)
        return answer

    def _send(self, method: str, url: str, action: str, *, retry: bool = True,
              **kwargs) -> Answer:
        """One request, retried on transient failures while the deadline allows."""
        from tenacity import (
            Retrying,
            retry_if_exception_type,
            stop_after_attempt,
            stop_before_delay,
            wait_exponential,
        )

        deadline = self.deadline
        attempts = self.retries if retry else 1
        tried = 0
        try:
            for attempt in Retrying(retry=retry_if_exception_type(_Transient),
                                    stop=(stop_after_attempt(attempts)
                                          | stop_before_delay(deadline.left())),
                                    wait=wait_exponential(multiplier=0.25, max=4), reraise=True):
                with attempt:
                    tried += 1
                    answer = self._attempt(method, url, deadline, **kwargs)
        except _Transient as exc:
            tries = f" (tried {tried} times)" if tried > 1 else ""
            if exc.answer is not None:
                message = http_message(self.endpoints, url, exc.answer.status, action,
                                       self.credentials, detail(exc.answer.text))
                raise RemoteError(message.rstrip(".") + tries + ".") from exc.cause
            reason = exc.cause
            if deadline.left() <= 0 or "timed out" in str(reason).lower():
                reason = TimeoutError("timed out")
            kind = RemoteTimeout if isinstance(reason, TimeoutError) else RemoteError
            raise kind(unreachable(self.endpoints, url, action, reason, deadline.seconds)
                       .rstrip(".") + tries + ".") from exc.cause
        if answer.status >= 400:
            raise RemoteError(http_message(self.endpoints, url, answer.status, action,
                                           self.credentials, detail(answer.text)))
        return answer

    # -- SPARQL -----------------------------------------------------------------------------
    def query_json(self, query: str, action: str = "run a query",
                   graphs: Sequence[str] | None = None) -> dict:
        """The SPARQL JSON answer to ``query``; with ``graphs``, over exactly those graphs
        (``default-graph-uri`` and ``named-graph-uri``), whatever the server's own default."""
        url = self.endpoints.query_url
        form: dict[str, object] = {"query": query}
        if graphs is not None:
            form["default-graph-uri"] = list(graphs)
            form["named-graph-uri"] = list(graphs)
        answer = self._send("POST", url, action, data=form,
                            headers={"Accept": "application/sparql-results+json"})
        try:
            body = json.loads(answer.body)
        except ValueError as exc:
            raise RemoteError(f"The {self.endpoints.label} did not answer {url} with SPARQL "
                              f"JSON results when asked to {action}.") from exc
        if not isinstance(body, dict) or not ("boolean" in body or "results" in body):
            raise RemoteError(f"The {self.endpoints.label} did not answer {url} with SPARQL "
                              f"JSON results when asked to {action}.")
        return body

    def select(self, query: str, action: str = "run a query") -> list[dict[str, str]]:
        """The rows of a SELECT, as plain values."""
        body = self.query_json(query, action)
        try:
            bindings = body["results"]["bindings"]
            return [{k: v["value"] for k, v in row.items()} for row in bindings]
        except (KeyError, TypeError) as exc:
            raise RemoteError(f"The {self.endpoints.label} did not answer with SPARQL JSON "
                              f"results when asked to {action}.") from exc

    def update(self, text: str, action: str, *, retry: bool = True) -> None:
        """Run a SPARQL 1.1 Update request (form-encoded, which every server accepts, or as a
        direct ``application/sparql-update`` body for a server that takes very large ones)."""
        url = self.endpoints.update_url
        if not url:
            raise RemoteError(f"No update URL is known for the {self.endpoints.label}: give "
                              f"--update-url (or a --kind that has one).")
        if self.endpoints.atomic_request:  # large single requests: no form-encoding overhead
            self._send("POST", url, action, data=text.encode("utf-8"), retry=retry,
                       headers={"Content-Type": "application/sparql-update; charset=utf-8"})
        else:
            self._send("POST", url, action, data={"update": text}, retry=retry)

    def post_graph(self, graph: str, body: bytes, action: str) -> None:
        """Add ``body`` (N-Triples) to ``graph`` with a Graph Store HTTP Protocol POST."""
        url = self.endpoints.store_url
        if not url:
            raise RemoteError(f"No Graph Store URL is known for the {self.endpoints.label}.")
        self._send("POST", url, action, params={"graph": graph}, data=body,
                   headers={"Content-Type": self.endpoints.rdf_type})

    def put_graph(self, graph: str, body: bytes, action: str) -> None:
        """Replace ``graph`` with ``body`` (N-Triples) by a Graph Store HTTP Protocol PUT."""
        url = self.endpoints.store_url
        if not url:
            raise RemoteError(f"No Graph Store URL is known for the {self.endpoints.label}.")
        self._send("PUT", url, action, params={"graph": graph}, data=body, retry=False,
                   headers={"Content-Type": self.endpoints.rdf_type})

    def graph_sizes(self, graphs: list[str] | None = None, *,
                    prefix: str | None = None) -> dict[str, int]:
        """Triples per named graph: all of them, the given ones, or those under ``prefix``."""
        values = ""
        if graphs is not None:
            if not graphs:
                return {}
            values = "VALUES ?g { " + " ".join(f"<{g}>" for g in graphs) + " } "
        where = f'FILTER(STRSTARTS(STR(?g), "{prefix}")) ' if prefix else ""
        query = (f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ {values}GRAPH ?g {{ ?s ?p ?o }} "
                 f"{where}}} GROUP BY ?g")
        rows = self.select(query, "count the triples of its graphs")
        sizes = {row["g"]: int(row["n"]) for row in rows if "g" in row}
        if graphs is not None:
            return {g: sizes.get(g, 0) for g in graphs}
        return dict(sorted(sizes.items()))


def _read(response, deadline: Deadline) -> bytes:
    """The body of ``response``, given up once ``deadline`` has passed: ``read1`` returns what
    has arrived, so a server that trickles its answer byte by byte is cut off too."""
    import requests
    import urllib3

    raw = response.raw
    if not hasattr(raw, "read1"):  # urllib3 1.x: whole chunks only
        chunks = []
        for chunk in response.iter_content(CHUNK):
            chunks.append(chunk)
            if deadline.left() <= 0:
                raise TimeoutError("timed out")
        return b"".join(chunks)
    chunks = []
    try:
        while True:
            chunk = raw.read1(CHUNK, decode_content=True)
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)
            if deadline.left() <= 0:
                raise TimeoutError("timed out")
    except TimeoutError:
        raise
    except urllib3.exceptions.TimeoutError as exc:
        raise TimeoutError("timed out") from exc
    except (urllib3.exceptions.HTTPError, OSError) as exc:  # a broken or reset connection
        raise requests.ConnectionError(exc) from exc


class RemoteEngine:
    """Queries over a SPARQL 1.1 Protocol endpoint, through :class:`GraphStoreClient`.

    With ``graphs``, every query reads exactly those graphs (sent as the protocol's dataset),
    so neither the server's default-graph setting nor leftover staging graphs change answers.
    """

    def __init__(self, endpoints: Endpoints | str, *, timeout: float = 60.0,
                 credentials: Credentials | None = None, graphs: Sequence[str] | None = None,
                 retries: int = 3):
        if isinstance(endpoints, str):
            endpoints = resolve_endpoints(endpoints)
        self.endpoints = endpoints
        self.query_url = endpoints.query_url
        self.timeout = timeout
        self.credentials = credentials
        self.graphs = list(graphs) if graphs is not None else None
        self.retries = retries

    def select(self, query: str, bindings: dict[str, object] | None = None, *,
               limit: int | None = None, offset: int = 0) -> Results:
        form = check_query(query)
        text = bind_remotely(query, bindings)
        if form in ("CONSTRUCT", "DESCRIBE"):
            raise RemoteError(
                f"{form} queries are not supported against an endpoint yet; use SELECT or ASK."
            )
        if limit is not None or offset:
            text = paged(text, limit, offset)
        client = GraphStoreClient(self.endpoints, self.credentials, timeout=self.timeout,
                                  retries=self.retries)
        return _results(client.query_json(text, "run a query", self.graphs))


def _results(body: dict) -> Results:
    if "boolean" in body:
        return Results(boolean=bool(body["boolean"]))
    variables = body.get("head", {}).get("vars", [])
    rows = []
    for binding in body.get("results", {}).get("bindings", []):
        row = {}
        for name, term in binding.items():
            kind = "literal" if term["type"] in ("literal", "typed-literal") else term["type"]
            row[name] = Cell(kind, term["value"], term.get("datatype"), term.get("xml:lang"))
        rows.append(row)
    return Results(variables, rows)
