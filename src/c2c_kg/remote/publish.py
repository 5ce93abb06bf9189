"""Publish the embedded store's graphs to a SPARQL 1.1 server, all or nothing; list its graphs.

Direct: where the server runs one request as one transaction that a failure rolls back whole
(Oxigraph, measured) and everything fits in one request, that one request replaces every target:
a Graph Store PUT for one graph, else one SPARQL Update ``DROP SILENT GRAPH <t> ; … ; INSERT DATA
{ GRAPH <t> { … } … }`` (Oxigraph takes update bodies up to 128 MiB: about 700,000 triples of our
IRIs). Oxigraph copies between graphs slowly (a few thousand triples per second for
``MOVE``/``ADD``, against some 25,000 for a load), so this is also much the faster way there.

Staged, everywhere else: every graph is uploaded into a fresh *staging* graph (by Graph
Store HTTP Protocol POSTs, or by SPARQL 1.1 ``INSERT DATA`` requests, in batches sized for the
server), the staged triple counts are checked against what was sent, and only then ONE SPARQL
Update request moves every staging graph onto its target (``MOVE SILENT GRAPH <staging> TO GRAPH
<target>``, one operation per graph). Oxigraph runs an update request as one transaction (the
SPARQL 1.1 Update spec asks servers to treat a request atomically; Fuseki and GraphDB are
expected to, not measured here); Virtuoso commits it at the end of the request (readers saw the
old graph or the new one, never a mix, in our measurement) but does not undo the operations that
succeeded before a failing one. Any failure before the swap leaves the targets untouched: the
staging graphs are dropped (or, if the server is gone, named in the message and dropped by the
next publish of the same graphs: each target has one fixed staging graph, so no scan of the
server is needed).

Blank nodes: a request's blank nodes are fresh on the server, so triples that share a blank node
must travel in one request. All triples with a blank node go into a graph's first batch; under
SPARQL Update, where a server caps the request size, a graph with more of them than one request
takes is refused with a message (use the Graph Store protocol, whose batches have no hard cap);
that batch is sent as ``INSERT { … } WHERE {}``, as Virtuoso refuses blank nodes in ``INSERT DATA``.

Durable: on Virtuoso the swap deletes and inserts only the triples that differ (see
:attr:`Endpoints.differential_swap`): a ``MOVE`` onto a graph that already holds some of the
same triples is lost in part if the server crashes before its next checkpoint.

Says what happened: after any failure the server is asked (within a few seconds of grace beyond
``--timeout``) what the targets and staging graphs hold, and the message says that state — or
that it is unknown and how to find it out (``c2c-kg status``). A swap that timed out but took
effect is reported as published, with a warning.

Copyrighted text stays home: the local graph of source quotes (:data:`QUOTES_GRAPH`) and every
triple whose predicate is ``oa:exact`` are left out unless ``include_quotes`` is given.
"""

from __future__ import annotations

import contextlib
import hashlib
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import RemoteError, UsageError
from ..store.embedded import STAGING
from ..terms import GRAPH, GRAPHS, OA
from .client import GraphStoreClient, RemoteTimeout
from .endpoints import Endpoints

__all__ = [
    "PUBLISHED_GRAPHS",
    "QUOTES_GRAPH",
    "Plan",
    "PublishReport",
    "Upload",
    "cleanup",
    "describe",
    "graphs_of",
    "plan_publish",
    "prepare",
    "publish",
    "server_graphs",
    "staging_leftovers",
]

PROTOCOLS = ("gsp", "update")
#: The local graph of verbatim quotes from the (copyrighted) source: never published by default.
QUOTES_GRAPH = str(GRAPH["quotes"])
#: The predicate whose objects are verbatim quotes; stripped from whatever is sent by default.
EXACT = f"<{OA['exact']}>".encode()
#: The graphs a publish puts on a server, which remote stored queries read (and nothing else).
PUBLISHED_GRAPHS: tuple[str, ...] = tuple(dict.fromkeys((*GRAPHS.values(), QUOTES_GRAPH)))
#: Seconds beyond ``--timeout`` spent, after a failure, finding out what state the server is in.
GRACE = 10.0


@dataclass
class Upload:
    """One target graph: its triples in batches, staged in ``staging`` before the swap."""

    target: str
    staging: str
    batches: list[list[bytes]]
    triples: int
    blank_triples: int = 0


@dataclass
class Plan:
    """Everything a publish will send, computed before any request (``--dry-run`` prints it)."""

    endpoints: Endpoints
    protocol: str
    uploads: list[Upload]
    #: One request replaces every target (no staging): the server runs it as one transaction.
    direct: bool = False
    #: Triples with verbatim source text that were left out (the quotes graph and oa:exact).
    quotes_left_out: int = 0

    @property
    def triples(self) -> int:
        return sum(u.triples for u in self.uploads)

    @property
    def requests(self) -> int:
        return 1 if self.direct else sum(len(u.batches) for u in self.uploads)

    @property
    def put(self) -> bool:
        """Whether the direct request is a Graph Store PUT (one graph) rather than an update."""
        return self.direct and self.protocol == "gsp" and len(self.uploads) == 1

    @property
    def staging(self) -> list[str]:
        return [u.staging for u in self.uploads if u.triples]

    @property
    def swap(self) -> str:
        """The one SPARQL Update request that puts every staged graph in place."""
        steps = []
        for u in self.uploads:
            if not u.triples:
                steps.append(f"DROP SILENT GRAPH <{u.target}>")
            elif self.endpoints.differential_swap:
                t, g = f"GRAPH <{u.target}> {{ ?s ?p ?o }}", f"GRAPH <{u.staging}> {{ ?s ?p ?o }}"
                steps += [f"DELETE {{ {t} }} WHERE {{ {t} FILTER NOT EXISTS {{ {g} }} }}",
                          f"INSERT {{ {t} }} WHERE {{ {g} FILTER NOT EXISTS {{ {t} }} }}",
                          f"DROP SILENT GRAPH <{u.staging}>"]
            else:
                steps.append(f"MOVE SILENT GRAPH <{u.staging}> TO GRAPH <{u.target}>")
        return " ;\n".join(steps)


@dataclass
class PublishReport:
    """What a publish did: triples per target before and after, and how long it took."""

    before: dict[str, int]
    after: dict[str, int]
    requests: int
    seconds: float
    leftovers: list[str] = field(default_factory=list)
    #: Whether the final count confirmed every target (False: published, but not counted).
    verified: bool = True
    #: What the user should know although the publish went through.
    warnings: list[str] = field(default_factory=list)

    @property
    def triples(self) -> int:
        return sum(self.after.values())


def graphs_of(store) -> dict[str, bytes]:
    """Each named graph of a store (not its staging graphs) as N-Triples bytes, every term as the
    build wrote it (Oxigraph's own dump would turn xsd:nonNegativeInteger into xsd:integer). The
    quotes graph is included here; the publish plan leaves it out unless asked."""
    from ..store.embedded import exact_graphs

    return exact_graphs(store, include_quotes=True)


def _has_blank(line: bytes) -> bool:
    """Whether an N-Triples line has a blank node as subject or object."""
    if b"_:" not in line:
        return False
    if line.startswith(b"_:"):
        return True
    parts = line.split(b" ", 2)
    return len(parts) == 3 and parts[2].startswith(b"_:")


def _batches(lines: list[bytes], size: int, *, capped: bool, target: str
             ) -> tuple[list[list[bytes]], int]:
    """``lines`` cut into batches of ``size``; every blank-node triple in the first one."""
    blank = [line for line in lines if _has_blank(line)]
    if not blank:
        return [lines[i:i + size] for i in range(0, len(lines), size)], 0
    if capped and len(blank) > size:
        raise UsageError(
            f"The graph <{target}> has {len(blank):,} triples with blank nodes, more than one "
            f"SPARQL Update request to this server takes ({size:,}); a blank node cannot be "
            f"split across requests. Publish with --protocol gsp, or give the nodes IRIs."
        )
    ground = [line for line in lines if not _has_blank(line)]
    room = max(0, size - len(blank))
    first = blank + ground[:room]
    rest = ground[room:]
    return [first] + [rest[i:i + size] for i in range(0, len(rest), size)], len(blank)


def staging_graph(target: str) -> str:
    """The staging graph of ``target``: fixed, so that a publish of the same target can find and
    drop what an interrupted one left, without scanning the server's graphs."""
    return f"{STAGING}{hashlib.sha256(target.encode()).hexdigest()[:16]}"


def _is_quote(line: bytes) -> bool:
    """Whether an N-Triples line states an ``oa:exact`` quote."""
    parts = line.split(b" ", 2)
    return len(parts) == 3 and parts[1] == EXACT


def leave_out_quotes(graphs: Mapping[str, bytes]) -> tuple[dict[str, bytes], int]:
    """``graphs`` without the quotes graph and without any ``oa:exact`` triple; how many
    triples were left out."""
    kept: dict[str, bytes] = {}
    dropped = 0
    for name, data in graphs.items():
        lines = [line for line in data.split(b"\n") if line.strip()]
        if name == QUOTES_GRAPH:
            dropped += len(lines)
            continue
        plain = [line for line in lines if not _is_quote(line)]
        dropped += len(lines) - len(plain)
        kept[name] = b"\n".join(plain) + b"\n" if plain else b""
    return kept, dropped


def plan_publish(graphs: Mapping[str, bytes], endpoints: Endpoints, *,
                 protocol: str | None = None, graph: str | None = None,
                 batch_size: int | None = None, allow_direct: bool = True,
                 include_quotes: bool = False) -> Plan:
    """The requests that publish ``graphs`` (IRI → N-Triples) to ``endpoints``.

    With ``graph`` every triple goes into that one graph (duplicates across graphs merge).
    ``allow_direct=False`` stages even where one atomic request would do (for measurements).
    Unless ``include_quotes``, the quotes graph and every ``oa:exact`` triple are left out.
    """
    left_out = 0
    if not include_quotes:
        graphs, left_out = leave_out_quotes(graphs)
    if protocol is None:
        protocol = "gsp" if endpoints.store_url else "update"
    if protocol not in PROTOCOLS:
        raise UsageError(f"Unknown protocol {protocol!r}; use gsp or update.")
    if protocol == "gsp" and not endpoints.store_url:
        raise UsageError(f"The {endpoints.label} has no Graph Store URL: give --store-url, "
                         f"or publish with --protocol update.")
    if not endpoints.update_url:
        raise UsageError(f"Publishing to the {endpoints.label} needs its SPARQL Update URL "
                         f"(the staged graphs are swapped in by one update): give --update-url.")
    if graph is not None and graph.startswith(STAGING):
        raise UsageError(f"<{graph}> is a name c2c-kg keeps for staging graphs; pick another.")
    if batch_size is not None and batch_size < 1:
        raise UsageError("--batch-size must be a positive number of triples.")
    size = batch_size or (endpoints.gsp_batch if protocol == "gsp" else endpoints.update_batch)
    if graph is not None:
        merged = dict.fromkeys(line for data in graphs.values() for line in data.split(b"\n")
                               if line.strip())
        targets = {graph: list(merged)}
    else:
        targets = {name: [line for line in data.split(b"\n") if line.strip()]
                   for name, data in graphs.items()}
    if not targets:
        raise UsageError("The store has no named graphs to publish: run 'c2c-kg build' first.")
    uploads = []
    for target, lines in targets.items():
        batches, blank = _batches(lines, size, capped=protocol == "update", target=target)
        uploads.append(Upload(target, staging_graph(target), batches, len(lines), blank))
    plan = Plan(endpoints, protocol, uploads, quotes_left_out=left_out)
    plan.direct = (allow_direct and endpoints.atomic_request and plan.triples <= size
                   and all(len(u.batches) <= 1 for u in uploads))
    limit = endpoints.max_update_bytes
    if plan.direct and not plan.put and limit is not None:
        size_of = sum(len(line) + 1 for u in uploads for b in u.batches for line in b)
        plan.direct = size_of + 200 * len(uploads) <= limit
    return plan


def prepare(store_path: Path, endpoints: Endpoints, **options) -> Plan:
    """The plan for publishing the graphs of the embedded store at ``store_path``."""
    from ..store.embedded import open_store

    return plan_publish(graphs_of(open_store(store_path, read_only=True)), endpoints, **options)


def describe(plan: Plan) -> str:
    """What a publish would send, for ``--dry-run``."""
    ep = plan.endpoints
    how = (f"Graph Store Protocol POSTs to {ep.store_url}" if plan.protocol == "gsp"
           else f"SPARQL Update INSERT DATA requests to {ep.update_url}")
    if plan.direct:
        how = (f"one Graph Store PUT to {ep.store_url}" if plan.put else
               f"one SPARQL Update to {ep.update_url} that drops and refills every target")
        return (f"Would publish {len(plan.uploads)} graph(s), {plan.triples:,} triples, to the "
                f"{ep.label} in {how}; the server runs it as one transaction, so no staging is "
                f"needed. Targets: " + ", ".join(f"<{u.target}> ({u.triples:,})"
                                                 for u in plan.uploads) + "." + _quotes_note(plan))
    lines = [f"Would publish {len(plan.uploads)} graph(s), {plan.triples:,} triples, to the "
             f"{ep.label} in {plan.requests} request(s): {how}."]
    for u in plan.uploads:
        blank = f", {u.blank_triples:,} with blank nodes (sent together)" if u.blank_triples else ""
        lines.append(f"  <{u.target}>: {u.triples:,} triples in {len(u.batches)} request(s)"
                     f"{blank}, staged in <{u.staging}>")
    lines.append(f"Then, once every staged count is checked, one update to {ep.update_url}:")
    lines += [f"  {step}" for step in plan.swap.splitlines()]
    lines.append("and a final check that each target holds exactly the triples sent.")
    return "\n".join(lines) + _quotes_note(plan)


def _quotes_note(plan: Plan) -> str:
    if not plan.quotes_left_out:
        return ""
    return (f"\n{plan.quotes_left_out:,} triple(s) with verbatim source text (the quotes graph "
            f"and oa:exact) are left out; --include-quotes would send them.")


def _body(plan: Plan, upload: Upload, batch: list[bytes]) -> bytes:
    text = b"\n".join(batch) + b"\n"
    if plan.protocol == "gsp":
        return text
    graph = b"GRAPH <" + upload.staging.encode() + b"> {\n" + text + b"}"
    if upload.blank_triples and batch is upload.batches[0]:
        # INSERT DATA may not hold blank nodes on some servers (Virtuoso); a template may, and
        # its blank nodes are fresh for the one (empty) solution, shared within the request.
        return b"INSERT { " + graph + b" } WHERE {}"
    return b"INSERT DATA { " + graph + b" }"


def publish(plan: Plan, client: GraphStoreClient, *,
            progress: Callable[[int], None] | None = None,
            on_batch: Callable[[int], None] | None = None, grace: float = GRACE) -> PublishReport:
    """Carry out ``plan``: stage, verify, swap in one update, verify. All or nothing.

    ``progress`` is called with the triples of each batch sent; ``on_batch`` with the number of
    batches sent so far (a hook for tests that stop the server part-way). After a failure, up to
    ``grace`` seconds go to finding out what the server now holds.
    """
    started = time.perf_counter()
    label = plan.endpoints.label
    targets = [u.target for u in plan.uploads]
    staging = [u.staging for u in plan.uploads]
    # The first request is small: it checks the server and credentials (and fetches a digest
    # nonce) before any large body is sent.
    try:
        first = client.graph_sizes(targets + staging)
    except RemoteError as exc:
        raise RemoteError(f"{exc} Nothing was sent: the server's graphs are as they were."
                          ) from exc
    before = {t: first[t] for t in targets}
    leftovers = [g for g in staging if first[g]]
    if leftovers:
        try:
            client.update(" ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in leftovers),
                          "drop staging graphs left by an earlier, interrupted publish")
        except RemoteError as exc:
            raise RemoteError(f"{exc} The target graphs were not touched; the staging graphs "
                              f"of an earlier publish may remain ('c2c-kg status' lists them)."
                              ) from exc
    if plan.direct:
        return _publish_direct(plan, client, before, leftovers, started, progress, grace)
    step = "starting"
    sent = 0
    try:
        for upload in plan.uploads:
            for number, batch in enumerate(upload.batches, 1):
                step = (f"uploading batch {number} of {len(upload.batches)} of <{upload.target}>")
                body = _body(plan, upload, batch)
                if plan.protocol == "gsp":
                    client.post_graph(upload.staging, body, f"store batch {number} of "
                                      f"<{upload.target}> in a staging graph")
                else:
                    client.update(body.decode("utf-8"), f"insert batch {number} of "
                                  f"<{upload.target}> into a staging graph")
                sent += 1
                if progress:
                    progress(len(batch))
                if on_batch:
                    on_batch(sent)
        step = "checking the staged triple counts"
        staged = client.graph_sizes(plan.staging)
        wrong = [f"<{u.staging}> holds {staged.get(u.staging, 0):,} of the {u.triples:,} sent"
                 for u in plan.uploads if u.triples and staged.get(u.staging, 0) != u.triples]
        if wrong:
            raise RemoteError(f"The staged graphs do not hold what was sent: {'; '.join(wrong)}.")
    except RemoteError as exc:
        raise RemoteError(_failed(plan, client, step, exc, grace)) from exc
    warnings: list[str] = []
    counted = None
    try:
        client.update(plan.swap, "swap the staged graphs in", retry=False)
    except RemoteError as exc:
        warning, counted = _after_swap_failure(plan, client, before, exc, grace)
        warnings.append(warning)
    report = PublishReport(before, dict(before), client.sent, 0.0, leftovers, warnings=warnings)
    try:
        after = counted or client.graph_sizes(targets + plan.staging)
    except RemoteError as exc:
        report.verified = False
        report.after = {u.target: u.triples for u in plan.uploads}
        report.warnings.append(
            f"The {label} accepted the swap, so the new graphs are published, but counting them "
            f"afterwards failed: {exc} Check them with 'c2c-kg status'.")
        report.seconds = time.perf_counter() - started
        return report
    wrong = [f"<{u.target}> holds {after[u.target]:,} triples, {u.triples:,} were sent"
             for u in plan.uploads if after[u.target] != u.triples]
    wrong += [f"the staging graph <{g}> still holds {after[g]:,} triples"
              for g in plan.staging if after.get(g)]
    if wrong:
        raise RemoteError(f"The swap on the {label} ran, but the final check failed: "
                          f"{'; '.join(wrong)}. Publish again, or inspect with 'c2c-kg status'.")
    report.after = {t: after[t] for t in targets}
    report.requests = client.sent
    report.seconds = time.perf_counter() - started
    return report


def _look(client: GraphStoreClient, graphs: list[str], grace: float,
          settled: Callable[[dict[str, int]], bool] | None = None) -> dict[str, int] | None:
    """The sizes of ``graphs`` counted within ``grace`` seconds (None: the server did not say).
    With ``settled``, count again every half second until it holds or the grace is over."""
    end = time.monotonic() + grace
    sizes = None
    while True:
        left = end - time.monotonic()
        if left <= 0:
            return sizes
        with client.grace(left), contextlib.suppress(RemoteError):
            sizes = client.graph_sizes(graphs)
        if settled is None or (sizes is not None and settled(sizes)):
            return sizes
        time.sleep(min(0.5, max(0.0, end - time.monotonic())))


def _counts(plan: Plan, sizes: Mapping[str, int], before: Mapping[str, int]) -> str:
    return ", ".join(f"<{u.target}> {sizes[u.target]:,} (was {before[u.target]:,}, sent "
                     f"{u.triples:,})" for u in plan.uploads)


def _published(plan: Plan, sizes: Mapping[str, int]) -> bool:
    return (all(sizes[u.target] == u.triples for u in plan.uploads)
            and not any(sizes.get(g) for g in plan.staging))


def _after_swap_failure(plan: Plan, client: GraphStoreClient, before: dict[str, int],
                        exc: RemoteError, grace: float) -> tuple[str, dict[str, int]]:
    """What the failed swap left, from the server's own counts: a warning and the counts if
    the swap took effect anyway; otherwise a :class:`RemoteError` that says the state (or that
    it is unknown)."""
    label = plan.endpoints.label
    timed_out = isinstance(exc, RemoteTimeout)
    graphs = [u.target for u in plan.uploads] + plan.staging
    sizes = _look(client, graphs, grace, (lambda s: _published(plan, s)) if timed_out else None)
    head = f"Publishing to the {label} failed at the swap: {exc}"
    sent = ", ".join(f"<{u.target}> {u.triples:,}" for u in plan.uploads)
    if sizes is None:
        raise RemoteError(
            f"{head} Whether the swap took effect is unknown: the server did not answer when "
            f"asked afterwards what its graphs hold. Check with 'c2c-kg status' once it answers: "
            f"if the targets hold the triples sent ({sent}) and no staging graph is listed, the "
            f"publish went through; otherwise publish again.") from exc
    if _published(plan, sizes):
        return (f"The {label} did not confirm the swap ({exc}), but its graphs show that it took "
                f"effect: every target holds the triples sent and no staging graph remains.",
                sizes)
    untouched = (all(sizes[t] == before[t] for t in before)
                 and all(sizes.get(u.staging) == u.triples for u in plan.uploads if u.triples))
    if untouched and timed_out:
        raise RemoteError(
            f"{head} Counted {grace:g} s later, the target graphs were unchanged and the staged "
            f"graphs still in place, but the server may still be running the swap. Check with "
            f"'c2c-kg status' in a while: once no staging graph is listed and the targets hold "
            f"the triples sent ({sent}), the publish went through; if the staging graphs stay, "
            f"publish again (or drop them with 'c2c-kg publish --cleanup').") from exc
    if untouched:
        raise RemoteError(f"{head} The target graphs were not changed (counted after the "
                          f"failure); {_drop_staging(plan, client, grace)}. Publish again."
                          ) from exc
    left = [f"<{g}> {sizes[g]:,}" for g in plan.staging if sizes.get(g)]
    staged = (f" Staging graphs still on the server: {', '.join(left)} (drop them with "
              f"'c2c-kg publish --cleanup')." if left else "")
    running = " The server may still be running the swap." if timed_out else ""
    raise RemoteError(f"{head} The target graphs now hold: {_counts(plan, sizes, before)}."
                      f"{staged}{running} Publish again to make them whole.") from exc


def _direct_update(plan: Plan) -> str:
    """One update that empties every target and fills it again (one transaction)."""
    drops = [f"DROP SILENT GRAPH <{u.target}>" for u in plan.uploads]
    ground = [u for u in plan.uploads if u.triples]
    text = " ;\n".join(drops)
    for u in ground:
        batch = u.batches[0]
        blank = [line for line in batch if _has_blank(line)]
        plain = [line for line in batch if not _has_blank(line)]
        if plain:
            body = b"\n".join(plain).decode("utf-8")
            text += f" ;\nINSERT DATA {{ GRAPH <{u.target}> {{\n{body}\n}} }}"
        if blank:
            body = b"\n".join(blank).decode("utf-8")
            text += f" ;\nINSERT {{ GRAPH <{u.target}> {{\n{body}\n}} }} WHERE {{}}"
    return text


def _publish_direct(plan: Plan, client: GraphStoreClient, before: dict[str, int],
                    leftovers: list[str], started: float,
                    progress: Callable[[int], None] | None, grace: float) -> PublishReport:
    """The whole publish in one request that the server runs as one transaction."""
    label = plan.endpoints.label
    targets = [u.target for u in plan.uploads]
    warnings: list[str] = []
    counted = None
    try:
        if plan.put:
            (upload,) = plan.uploads
            body = _body(plan, upload, upload.batches[0]) if upload.batches else b""
            if before[upload.target] == 0 and body:
                # Nothing to replace: a POST (also one transaction) is the same, and faster.
                client.post_graph(upload.target, body, "store the graph")
            else:
                client.put_graph(upload.target, body, "replace the graph")
        else:
            client.update(_direct_update(plan), "replace the graphs", retry=False)
    except RemoteError as exc:
        warning, counted = _after_direct_failure(plan, client, before, exc, grace)
        warnings.append(warning)
    if progress:
        progress(plan.triples)
    try:
        after = counted or client.graph_sizes(targets)
    except RemoteError as exc:
        warnings.append(f"The {label} accepted the request, so the new graphs are published, "
                        f"but counting them afterwards failed: {exc} Check them with "
                        f"'c2c-kg status'.")
        return PublishReport(before, {u.target: u.triples for u in plan.uploads}, client.sent,
                             time.perf_counter() - started, leftovers, False, warnings)
    wrong = [f"<{u.target}> holds {after[u.target]:,} triples, {u.triples:,} were sent"
             for u in plan.uploads if after[u.target] != u.triples]
    if wrong:
        raise RemoteError(f"The publish to the {label} ran, but the final check failed: "
                          f"{'; '.join(wrong)}. Publish again, or inspect with 'c2c-kg status'.")
    return PublishReport(before, after, client.sent, time.perf_counter() - started, leftovers,
                         warnings=warnings)


def _after_direct_failure(plan: Plan, client: GraphStoreClient, before: dict[str, int],
                          exc: RemoteError, grace: float) -> tuple[str, dict[str, int]]:
    """The state a failed one-transaction request left: a warning if it took effect anyway."""
    label = plan.endpoints.label
    timed_out = isinstance(exc, RemoteTimeout)
    targets = [u.target for u in plan.uploads]
    replaced = all(before[u.target] == u.triples for u in plan.uploads)

    def done(sizes: dict[str, int]) -> bool:
        return all(sizes[u.target] == u.triples for u in plan.uploads)

    sizes = _look(client, targets, grace, done if timed_out and not replaced else None)
    head = f"Publishing to the {label} failed: {exc} The request was one transaction."
    if sizes is None:
        raise RemoteError(f"{head} Whether it took effect is unknown: the server did not answer "
                          f"when asked afterwards; the target graphs are either as they were or "
                          f"wholly replaced. Check with 'c2c-kg status'.") from exc
    if done(sizes) and not replaced:
        return (f"The {label} did not confirm the publish ({exc}), but its graphs show that it "
                f"took effect: every target holds the triples sent.", sizes)
    unchanged = all(sizes[t] == before[t] for t in before)
    if unchanged and not timed_out:
        raise RemoteError(f"{head} The target graphs were not changed (counted after the "
                          f"failure); publish again.") from exc
    if unchanged:
        raise RemoteError(
            f"{head} Counted {grace:g} s later, the target graphs had not changed"
            f"{' (or held as many triples as were sent)' if replaced else ''}, but the server "
            f"may still be running the request: it takes effect whole or not at all. Check with "
            f"'c2c-kg status' in a while, and publish again if the targets are not the ones "
            f"sent.") from exc
    raise RemoteError(f"{head} The target graphs now hold: {_counts(plan, sizes, before)}. "
                      f"Publish again to make them whole.") from exc


def _drop_staging(plan: Plan, client: GraphStoreClient, grace: float) -> str:
    """Drop the plan's staging graphs within ``grace`` seconds; say how that went."""
    staging = [u.staging for u in plan.uploads]
    drop = " ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in staging)
    try:
        with client.grace(grace):
            client.update(drop, "drop the staging graphs", retry=False)
        return "the staging graphs were dropped"
    except RemoteError:
        return (f"the staging graphs ({', '.join(f'<{g}>' for g in staging)}) could not be "
                f"dropped; the next publish of these graphs will remove them, and "
                f"'c2c-kg publish --cleanup' drops them now")


def _failed(plan: Plan, client: GraphStoreClient, step: str, exc: RemoteError,
            grace: float) -> str:
    """One paragraph: what failed, and that the targets are untouched; staging cleaned up."""
    late = (" A request that timed out may still complete on the server and leave a staging "
            "graph behind: 'c2c-kg status' lists it and 'c2c-kg publish --cleanup' drops it."
            if isinstance(exc, RemoteTimeout) else "")
    return (f"Publishing to the {plan.endpoints.label} failed while {step}: {exc} Nothing was "
            f"changed: the target graphs are as they were, because the upload went to staging "
            f"graphs ({_drop_staging(plan, client, grace)}).{late}")


def server_graphs(client: GraphStoreClient) -> dict[str, int]:
    """Every named graph on the server with its number of triples (``c2c-kg status``)."""
    return client.graph_sizes()


def staging_leftovers(sizes: Mapping[str, int]) -> dict[str, int]:
    """The staging graphs among ``sizes``: what interrupted publishes left on the server."""
    return {g: n for g, n in sizes.items() if g.startswith(STAGING)}


def cleanup(client: GraphStoreClient) -> dict[str, int]:
    """Drop every staging graph on the server (``publish --cleanup``); return what was dropped."""
    found = staging_leftovers(client.graph_sizes(prefix=STAGING))
    if found:
        client.update(" ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in found),
                      "drop the staging graphs left by interrupted publishes")
    return found
