"""Talking to a remote SPARQL 1.1 server.

:class:`RemoteEngine` runs stored and ad-hoc queries through SPARQLWrapper (the SPARQL 1.1
Protocol); :class:`GraphStoreClient` sends the requests of a publish (SPARQL 1.1 Update and the
Graph Store HTTP Protocol) through ``requests``, always with a Content-Length (Virtuoso silently
ignores a chunked body), and retries transient failures with exponential backoff (tenacity).

Every failure becomes one :class:`~c2c_kg.errors.RemoteError` paragraph that names the server,
the URL, what was being done and what to do: unreachable host, timeout, 401, 403, 404, or the
server's own error message.
"""

from __future__ import annotations

import re
import urllib.error
from typing import TYPE_CHECKING

from ..errors import RemoteError
from ..results import Cell, Results
from ..store.engines import bind_remotely
from ..store.sparqltext import check_query
from .endpoints import Endpoints, resolve_endpoints

if TYPE_CHECKING:
    import requests

    from .credentials import Credentials

__all__ = ["GraphStoreClient", "RemoteEngine", "http_message"]

#: HTTP statuses worth another try: the request was not processed.
TRANSIENT = frozenset({429, 502, 503, 504})


def http_message(endpoints: Endpoints, url: str, code: int, action: str,
                 credentials: Credentials | None = None, detail: str = "") -> str:
    """One paragraph for an HTTP error status ``code`` met while doing ``action``."""
    who = f"user {credentials.user!r}" if credentials and credentials.user else None
    if code == 401 and (credentials and (credentials.user or credentials.token)):
        hint = (f"the credentials of {who or 'the token'} were rejected: check --user and the "
                f"password in C2C_KG_PASSWORD or ~/.netrc")
    elif code == 401:
        hint = ("the server wants credentials: pass --user NAME and set the password in the "
                "environment variable C2C_KG_PASSWORD or in ~/.netrc")
    elif code == 403:
        hint = (f"{who or 'this client'} is not allowed to {action}: ask the server's "
                f"administrator for the right (on Virtuoso, GRANT SPARQL_UPDATE and "
                f"DB.DBA.RDF_DEFAULT_USER_PERMS_SET)")
    elif code == 404:
        hint = ("there is no such endpoint at this path: check --endpoint and --kind, or give "
                "--query-url, --update-url or --store-url")
    elif code in TRANSIENT:
        hint = "the server is overloaded or restarting; try again later"
    else:
        hint = "the server failed"
    tail = f" The server said: {detail.rstrip('.')}." if detail else ""
    return (f"The {endpoints.label} answered HTTP {code} to {url} when asked to {action}: "
            f"{hint}.{tail}")


def _reason(reason: object) -> str:
    """The gist of a connection failure ("Connection refused"), not urllib3's whole chain."""
    text = " ".join(str(reason).split())
    found = re.search(r"\[Errno -?\d+\] ([^'\")\]]+)", text)
    if found:
        return found.group(1).strip()
    for gist in ("Connection aborted", "Connection reset", "Remote end closed connection",
                 "timed out", "Name or service not known"):
        if gist.lower() in text.lower():
            return gist
    return text[:200]


def _unreachable(endpoints: Endpoints, url: str, action: str, reason: object,
                 timeout: float) -> str:
    text = _reason(reason)
    if "timed out" in text.lower() or isinstance(reason, TimeoutError):
        return (f"The {endpoints.label} did not answer within {timeout:g} s at {url} when asked "
                f"to {action}. Raise --timeout, or check that the server is not overloaded.")
    return (f"The {endpoints.label} cannot be reached at {url} when asked to {action} ({text}). "
            f"Check the URL and that the server is running.")


def _detail(text: str) -> str:
    """The first meaningful line of a server's error body, short."""
    for line in text.splitlines():
        line = " ".join(line.split())
        if line and not line.startswith("<"):
            return line[:300]
    return ""


class RemoteEngine:
    """Queries over a SPARQL 1.1 Protocol endpoint, through SPARQLWrapper."""

    def __init__(self, endpoints: Endpoints | str, *, timeout: float = 60.0,
                 credentials: Credentials | None = None):
        if isinstance(endpoints, str):
            endpoints = resolve_endpoints(endpoints)
        self.endpoints = endpoints
        self.query_url = endpoints.query_url
        self.timeout = timeout
        self.credentials = credentials

    def _wrapper(self, text: str):
        from SPARQLWrapper import BASIC, DIGEST, JSON, POST, SPARQLWrapper

        wrapper = SPARQLWrapper(self.query_url)
        wrapper.setMethod(POST)
        wrapper.setReturnFormat(JSON)
        wrapper.setTimeout(max(1, round(self.timeout)))
        creds = self.credentials
        if creds and creds.token:
            wrapper.addCustomHttpHeader("Authorization", f"Bearer {creds.token}")
        elif creds and creds.user:
            wrapper.setHTTPAuth(DIGEST if self.endpoints.auth == "digest" else BASIC)
            wrapper.setCredentials(creds.user, creds.password or "")
        wrapper.setQuery(text)
        return wrapper

    def select(self, query: str, bindings: dict[str, object] | None = None) -> Results:
        from SPARQLWrapper.SPARQLExceptions import (
            EndPointNotFound,
            QueryBadFormed,
            SPARQLWrapperException,
            Unauthorized,
        )

        form = check_query(query)
        text = bind_remotely(query, bindings)
        if form in ("CONSTRUCT", "DESCRIBE"):
            raise RemoteError(
                f"{form} queries are not supported against an endpoint yet; use SELECT or ASK."
            )
        url, action = self.query_url, "run a query"
        try:
            body = self._wrapper(text).queryAndConvert()
        except Unauthorized as exc:
            raise RemoteError(http_message(self.endpoints, url, 401, action,
                                           self.credentials)) from exc
        except EndPointNotFound as exc:
            raise RemoteError(http_message(self.endpoints, url, 404, action)) from exc
        except QueryBadFormed as exc:
            raise RemoteError(
                f"The {self.endpoints.label} refused the query as malformed (HTTP 400): "
                f"{_detail(str(exc).split('Response:', 1)[-1])}"
            ) from exc
        except SPARQLWrapperException as exc:
            raise RemoteError(
                f"The {self.endpoints.label} failed to run the query at {url}: "
                f"{_detail(str(exc))}"
            ) from exc
        except urllib.error.HTTPError as exc:
            raise RemoteError(http_message(self.endpoints, url, exc.code, action,
                                           self.credentials)) from exc
        except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
            reason = getattr(exc, "reason", exc)
            raise RemoteError(_unreachable(self.endpoints, url, action, reason,
                                           self.timeout)) from exc
        return _results(body)


def _results(body: object) -> Results:
    if not isinstance(body, dict):
        raise RemoteError("The endpoint did not answer with SPARQL JSON results.")
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


class _Transient(Exception):
    """A failure worth retrying: the connection broke, or the server said 429/502/503/504."""

    def __init__(self, cause: BaseException | None = None, response=None):
        super().__init__(str(cause or response))
        self.cause = cause
        self.response = response


class GraphStoreClient:
    """The HTTP requests of a publish: queries, updates and Graph Store POSTs."""

    def __init__(self, endpoints: Endpoints, credentials: Credentials | None = None, *,
                 timeout: float = 60.0, retries: int = 4):
        import requests

        self.endpoints = endpoints
        self.credentials = credentials
        self.timeout = timeout
        self.retries = max(1, retries)
        self.sent = 0
        self.session = requests.Session()
        self.session.headers["User-Agent"] = "c2c-kg"
        if credentials and credentials.token:
            self.session.headers["Authorization"] = f"Bearer {credentials.token}"
        elif credentials and credentials.user:
            from requests.auth import HTTPBasicAuth, HTTPDigestAuth

            scheme = HTTPDigestAuth if endpoints.auth == "digest" else HTTPBasicAuth
            self.session.auth = scheme(credentials.user, credentials.password or "")

    # -- transport --------------------------------------------------------------------------
    def _send(self, method: str, url: str, action: str, *, retry: bool = True,
              **kwargs) -> requests.Response:
        """One request (bytes or form bodies only, so always with Content-Length)."""
        import requests
        from tenacity import (
            Retrying,
            retry_if_exception_type,
            stop_after_attempt,
            wait_exponential,
        )

        def once() -> requests.Response:
            self.sent += 1
            try:
                # One timeout for connecting, sending and reading: urllib3 sends the body under
                # the connect timeout, and a server may stop reading a big body for a while
                # (Oxigraph clears the old graph of a PUT first).
                response = self.session.request(method, url, timeout=self.timeout, **kwargs)
            except (requests.ConnectionError, requests.Timeout) as exc:
                raise _Transient(exc) from exc
            if response.status_code in TRANSIENT:
                raise _Transient(response=response)
            return response

        try:
            for attempt in Retrying(retry=retry_if_exception_type(_Transient),
                                    stop=stop_after_attempt(self.retries if retry else 1),
                                    wait=wait_exponential(multiplier=0.25, max=4), reraise=True):
                with attempt:
                    response = once()
        except _Transient as exc:
            tries = f" (tried {self.retries} times)" if retry and self.retries > 1 else ""
            if exc.response is not None:
                message = http_message(self.endpoints, url, exc.response.status_code, action,
                                       self.credentials, _detail(exc.response.text))
                raise RemoteError(message.rstrip(".") + tries + ".") from exc.cause
            reason = exc.cause
            if isinstance(reason, requests.Timeout):
                reason = TimeoutError("timed out")
            raise RemoteError(_unreachable(self.endpoints, url, action, reason, self.timeout)
                              .rstrip(".") + tries + ".") from exc.cause
        if response.status_code >= 400:
            raise RemoteError(http_message(self.endpoints, url, response.status_code, action,
                                           self.credentials, _detail(response.text)))
        return response

    # -- SPARQL -----------------------------------------------------------------------------
    def select(self, query: str, action: str = "run a query") -> list[dict[str, str]]:
        """The rows of a SELECT, as plain values."""
        url = self.endpoints.query_url
        response = self._send("POST", url, action, data={"query": query},
                              headers={"Accept": "application/sparql-results+json"})
        try:
            body = response.json()
            bindings = body["results"]["bindings"]
        except (ValueError, KeyError, TypeError) as exc:
            raise RemoteError(f"The {self.endpoints.label} did not answer {url} with SPARQL "
                              f"JSON results when asked to {action}.") from exc
        return [{k: v["value"] for k, v in row.items()} for row in bindings]

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
