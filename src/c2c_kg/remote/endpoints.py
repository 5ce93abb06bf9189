"""Where a SPARQL 1.1 server takes queries, updates and Graph Store requests, by kind of server.

``--endpoint`` with ``--kind`` (other than ``generic``) is the server's base URL and the kind
supplies the usual paths; with no kind, or ``--kind generic``, ``--endpoint`` is the query URL and
the update and graph-store URLs are given explicitly. ``--query-url``, ``--update-url`` and
``--store-url`` override any path. The batch sizes are what each server is known to take in one
request (Virtuoso refuses an ``INSERT DATA`` of 2,000 triples or more; Oxigraph takes a million
in one request, and copies between graphs slowly, so it gets one large request instead of
staging).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from urllib.parse import urlsplit

from ..errors import UsageError

__all__ = ["KINDS", "Endpoints", "resolve_endpoints"]

KINDS = ("oxigraph", "virtuoso", "fuseki", "graphdb", "generic")


@dataclass(frozen=True)
class Endpoints:
    """The URLs of one server and how to talk to it."""

    kind: str
    query_url: str
    update_url: str | None = None
    store_url: str | None = None
    #: HTTP authentication scheme for a user and password: ``basic`` or ``digest``.
    auth: str = "basic"
    #: Media type of Graph Store request bodies (the bodies are N-Triples, a subset of Turtle).
    rdf_type: str = "application/n-triples"
    #: Triples per Graph Store POST and per ``INSERT DATA`` request.
    gsp_batch: int = 100_000
    update_batch: int = 10_000
    #: Whether one request (a Graph Store PUT, or an update of several operations) is one
    #: transaction that a failure rolls back whole. Measured for Oxigraph; Virtuoso is not (its
    #: PUT is not atomic and a failing operation does not undo the earlier ones of a request).
    atomic_request: bool = False
    #: The largest SPARQL Update body the server takes (Oxigraph: 128 MiB), if it has a limit.
    max_update_bytes: int | None = None
    #: Swap staged graphs in by deleting and inserting only the triples that differ, instead of
    #: ``MOVE``. Virtuoso needs it: after a ``MOVE`` onto a graph holding some of the same
    #: triples (any republish), a crash before its next checkpoint replays the transaction log
    #: to a graph missing part of them (measured: 1,716 of 3,000 triples after SIGKILL).
    differential_swap: bool = False

    @property
    def label(self) -> str:
        """A short name for messages: the kind and the server's address."""
        parts = urlsplit(self.query_url)
        return f"{self.kind} server at {parts.scheme}://{parts.netloc}"


def _join(base: str, path: str) -> str:
    return base.rstrip("/") + path


def resolve_endpoints(
    endpoint: str | None,
    kind: str | None = None,
    *,
    query_url: str | None = None,
    update_url: str | None = None,
    store_url: str | None = None,
    user: str | None = None,
) -> Endpoints:
    """The endpoints of a server from ``--endpoint``/``--kind`` and the explicit overrides."""
    kind = (kind or "generic").lower()
    if kind not in KINDS:
        raise UsageError(f"Unknown server kind {kind!r}; use one of {', '.join(KINDS)}.")
    if endpoint is not None and not endpoint.startswith(("http://", "https://")):
        raise UsageError(f"The endpoint {endpoint!r} is not an http:// or https:// URL.")
    if kind == "generic":
        found = Endpoints("generic", query_url or endpoint or "", update_url, store_url,
                          rdf_type="text/turtle", gsp_batch=50_000, update_batch=1_000)
        if not found.query_url:
            raise UsageError("Give the query URL with --endpoint (or --query-url).")
        return found
    if endpoint is None:
        raise UsageError(f"--kind {kind} needs --endpoint with the server's base URL.")
    base = endpoint.rstrip("/")
    if kind == "oxigraph":
        found = Endpoints(kind, _join(base, "/query"), _join(base, "/update"),
                          _join(base, "/store"), gsp_batch=2_000_000, update_batch=2_000_000,
                          atomic_request=True, max_update_bytes=120_000_000)
    elif kind == "virtuoso":
        found = Endpoints(kind, _join(base, "/sparql-auth" if user else "/sparql"),
                          _join(base, "/sparql-auth"), _join(base, "/sparql-graph-crud-auth"),
                          auth="digest", rdf_type="text/turtle", gsp_batch=100_000,
                          update_batch=1_000, differential_swap=True)
    elif kind == "fuseki":
        if not urlsplit(base).path.strip("/"):
            raise UsageError(
                f"For Fuseki, --endpoint names the dataset, e.g. http://localhost:3030/ds; "
                f"{endpoint} has no dataset in its path."
            )
        found = Endpoints(kind, _join(base, "/query"), _join(base, "/update"),
                          _join(base, "/data"))
    else:  # graphdb
        if "/repositories/" not in base:
            raise UsageError(
                f"For GraphDB, --endpoint is the repository URL, e.g. "
                f"http://localhost:7200/repositories/c2c; {endpoint} names no repository."
            )
        found = Endpoints(kind, base, _join(base, "/statements"),
                          _join(base, "/rdf-graphs/service"))
    overrides = {k: v for k, v in (("query_url", query_url), ("update_url", update_url),
                                   ("store_url", store_url)) if v}
    return replace(found, **overrides)
