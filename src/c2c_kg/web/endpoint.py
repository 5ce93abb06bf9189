"""The SPARQL 1.1 Protocol endpoint: read-only, with a timeout and a row limit it states."""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import parse_qs

from ..errors import UsageError
from .answer import CACHED_HEADER, CUT_HEADER, Answer, Settings, error
from .formats import RDF_TYPES, RESULT_TYPES, media_type, negotiate, rdf_bytes, results_bytes
from .html import esc, page, term_html, url
from .labels import labels_for
from .resources import OUTPUT_PREFIXES

__all__ = ["sparql", "sparql_form"]


def sparql(dataset, settings: Settings, method: str, headers, body: bytes,
           params: dict[str, str], multi: dict[str, list[str]]) -> Answer:
    """The SPARQL 1.1 Protocol: a query by GET or POST, answered in the negotiated format."""
    accept = headers.get("Accept")
    ctype = (headers.get("Content-Type") or "").split(";")[0].strip().lower()
    text = params.get("query")
    if method == "POST":
        if ctype == "application/sparql-update":
            return error(403, "Forbidden", "This endpoint is read-only: updates are refused.",
                         False)
        if ctype == "application/sparql-query":
            text = body.decode("utf-8", "replace")
        elif ctype == "application/x-www-form-urlencoded":
            form = _form(body)
            if "update" in form:
                return error(403, "Forbidden",
                             "This endpoint is read-only: updates are refused.", False)
            text = form.get("query", [None])[-1]
            for key, values in form.items():
                multi.setdefault(key, []).extend(values)
        else:
            return error(415, "Unsupported", "POST a query as application/sparql-query or "
                         "as a form (application/x-www-form-urlencoded).", False)
    elif method not in ("GET", "HEAD"):
        return error(405, "Method not allowed", f"{method} is not allowed.", False)
    if "update" in params:
        return error(403, "Forbidden", "This endpoint is read-only: updates are refused.",
                     False)
    if not text:
        return Answer(200, sparql_form(dataset, settings, ""))
    wanted_fmt = params.get("format")
    try:
        outcome = dataset.run(text, limit=settings.row_limit, timeout=settings.timeout,
                              graphs=multi.get("default-graph-uri"))
    except UsageError as exc:
        message = str(exc)
        refused = "SERVICE" in message or "Update" in message
        status = 403 if refused else 400
        if negotiate(accept, RESULT_TYPES, "json") == "html" and not wanted_fmt:
            return Answer(status, sparql_form(dataset, settings, text, problem=message))
        return error(status, "Refused" if refused else "Bad query", message, False)
    cut = []
    if outcome.truncated:
        cut.append(f"row-limit={settings.row_limit}")
    if outcome.timed_out:
        cut.append(f"timeout={settings.timeout:g}s")
    extra = {CUT_HEADER: ", ".join(cut)} if cut else {}
    if outcome.cached:
        extra[CACHED_HEADER] = "yes"
    if outcome.timed_out and not (outcome.rows or outcome.triples):
        return error(503, "Timeout", f"The query did not finish within "
                     f"{settings.timeout:g} s.", False)
    if outcome.form in ("CONSTRUCT", "DESCRIBE"):
        fmt = wanted_fmt if wanted_fmt in set(RDF_TYPES.values()) else \
            negotiate(accept, RDF_TYPES, "turtle")
        if fmt == "html":
            fmt = "turtle"
        return Answer(200, rdf_bytes(fmt, outcome.triples, OUTPUT_PREFIXES),
                      media_type(fmt), extra)
    fmt = wanted_fmt if wanted_fmt in set(RESULT_TYPES.values()) | {"html"} else \
        negotiate(accept, RESULT_TYPES, "json")
    if fmt == "html":
        return Answer(200, sparql_form(dataset, settings, text, outcome=outcome, cut=cut),
                      headers=extra)
    data = results_bytes(fmt, outcome.variables, outcome.rows,
                         outcome.boolean if outcome.form == "ASK" else None)
    return Answer(200, data, media_type(fmt) + ("; charset=utf-8" if fmt in ("csv", "tsv")
                                               else ""), extra)


def _form(body: bytes) -> dict[str, tuple[str, ...]]:
    """A form-encoded body; one of at most 64 KiB is remembered (clients repeat the same
    queries, and decoding a query of a few kilobytes costs about 0.1 ms in pure Python)."""
    return _small_form(body) if len(body) <= 65536 else _parsed(body)


@lru_cache(maxsize=256)
def _small_form(body: bytes) -> dict[str, tuple[str, ...]]:
    return _parsed(body)


def _parsed(body: bytes) -> dict[str, tuple[str, ...]]:
    # tuples, so that no caller can change what the next request with this body gets
    return {key: tuple(values) for key, values in
            parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True).items()}


def sparql_form(dataset, settings: Settings, text: str, *, outcome=None, cut=(),
                problem: str | None = None) -> bytes:
    """The endpoint's page for a browser: the query form and, if run, its result."""
    example = text or "SELECT ?s ?label WHERE { ?s rdfs:label ?label } LIMIT 20"
    body = ("<form method=post action='/sparql'><textarea name=query rows=10 cols=100>"
            f"{esc(example)}</textarea><br><button type=submit>Run</button></form>"
            "<p class=muted>Prefixes such as c2c:, id:, rdfs:, skos: are predeclared. "
            "Read-only: updates and SERVICE are refused.</p>")
    notices = []
    if problem:
        body += f"<div class=error role=alert>{esc(problem)}</div>"
    if outcome is not None:
        if "timeout" in " ".join(cut):
            notices.append(f"The query was stopped after {settings.timeout:g} s; "
                           "the rows shown are those found by then.")
        if outcome.truncated:
            notices.append(f"Only the first {settings.row_limit} rows are shown "
                           "(the row limit).")
        if outcome.form == "ASK":
            body += f"<p>Answer: <b>{'true' if outcome.boolean else 'false'}</b></p>"
        else:
            iris = {t.value for row in outcome.rows[:1000] for t in row
                    if t is not None and type(t).__name__ == "NamedNode"}
            labels = labels_for(dataset, iris)
            header = "".join(f"<th>{esc(v)}</th>" for v in outcome.variables)
            rows = "".join("<tr>" + "".join(f"<td>{term_html(t, labels)}</td>" for t in row)
                           + "</tr>" for row in outcome.rows)
            downloads = " ".join(
                f"<a href='{esc(url('/sparql', query=text, format=fmt))}'>{fmt.upper()}</a>"
                for fmt in ("csv", "tsv", "json", "xml"))
            body += (f"<p class=muted>{len(outcome.rows)} rows · "
                     f"{outcome.seconds * 1000:.0f} ms · download {downloads}</p>"
                     f"<table class=results><tr>{header}</tr>{rows}</table>")
    return page("SPARQL", body, notices=notices)
