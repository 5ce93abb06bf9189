"""Queries against a remote SPARQL 1.1 endpoint, through SPARQLWrapper.

Errors (unreachable host, timeout, 401/403/404, a query the server rejects) become one
:class:`~c2c_kg.errors.RemoteError` paragraph naming the endpoint and what to do.
"""

from __future__ import annotations

import socket
import urllib.error

from .engines import bind_remotely
from .errors import RemoteError
from .results import Cell, Results
from .sparqltext import check_query

__all__ = ["RemoteEngine"]


class RemoteEngine:
    """A SPARQL 1.1 Protocol endpoint at ``query_url``."""

    def __init__(self, query_url: str, *, timeout: float = 60.0,
                 user: str | None = None, password: str | None = None):
        self.query_url = query_url
        self.timeout = timeout
        self.user = user
        self.password = password

    def _wrapper(self, text: str):
        from SPARQLWrapper import JSON, POST, SPARQLWrapper

        wrapper = SPARQLWrapper(self.query_url)
        wrapper.setMethod(POST)
        wrapper.setReturnFormat(JSON)
        wrapper.setTimeout(int(self.timeout))
        if self.user:
            from SPARQLWrapper import DIGEST

            wrapper.setHTTPAuth(DIGEST)
            wrapper.setCredentials(self.user, self.password or "")
        wrapper.setQuery(text)
        return wrapper

    def select(self, query: str, bindings: dict[str, object] | None = None) -> Results:
        from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

        form = check_query(query)
        text = bind_remotely(query, bindings)
        if form in ("CONSTRUCT", "DESCRIBE"):
            raise RemoteError(
                f"{form} queries are not supported against an endpoint yet; use SELECT or ASK."
            )
        try:
            body = self._wrapper(text).queryAndConvert()
        except SPARQLWrapperException as exc:
            raise RemoteError(f"The endpoint {self.query_url} refused the query: {_first_line(exc)}") from exc
        except urllib.error.HTTPError as exc:
            raise RemoteError(_http_message(self.query_url, exc.code)) from exc
        except (urllib.error.URLError, socket.timeout, TimeoutError, ConnectionError) as exc:
            reason = getattr(exc, "reason", exc)
            raise RemoteError(
                f"The endpoint {self.query_url} cannot be reached ({reason}). Check the URL and "
                f"that the server is running; the query timeout is {self.timeout:g} s."
            ) from exc
        return _results(body)


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _http_message(url: str, code: int) -> str:
    hints = {
        401: "the server wants credentials: pass --user and set the password variable",
        403: "the credentials are not allowed to do this",
        404: "no SPARQL endpoint at this path: check --endpoint / --query-url",
    }
    return f"The endpoint {url} answered HTTP {code}: {hints.get(code, 'the server failed')}."


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
