"""Pages for the stored queries (``queries/*.rq``): an index, and a page per query with a form
for its parameters, the result as a paged table that links every resource, and downloads."""

from __future__ import annotations

from ..errors import UsageError
from ..store.engines import values_clause
from ..store.queries import StoredQuery, parse_params
from ..store.sparqltext import values_injected
from .formats import results_bytes
from .html import esc, page, term_html, url
from .labels import labels_for

__all__ = ["index_page", "query_download", "query_page", "run_stored"]


def index_page(queries: list[StoredQuery]) -> bytes:
    items = "".join(
        f"<tr><td><a href='{esc(url('/queries/' + q.name))}'>{esc(q.title)}</a></td>"
        f"<td>{esc(q.description)}</td>"
        f"<td>{esc(', '.join(p.name for p in q.parameters))}</td></tr>"
        for q in queries)
    body = (f"<p>{len(queries)} stored queries.</p><table><tr><th>Query</th><th>Description</th>"
            f"<th>Parameters</th></tr>{items}</table>")
    return page("Stored queries", body)


def _given(query: StoredQuery, params: dict[str, str]) -> list[str]:
    return [f"{p.name}={params[p.name]}" for p in query.parameters if p.name in params]


def run_stored(dataset, query: StoredQuery, params: dict[str, str], *, limit: int,
               offset: int, timeout: float):
    """The query with its parameters bound (UsageError for a bad value), run by ``dataset``."""
    bindings = parse_params(query, _given(query, params))
    text = values_injected(query.text, values_clause(bindings)) if bindings else query.text
    return dataset.run(text, limit=limit, offset=offset, timeout=timeout)


def _body(text: str) -> str:
    """The query without its header of comment lines (shown above the form already)."""
    lines = text.splitlines()
    while lines and (lines[0].startswith("#") or not lines[0].strip()):
        lines.pop(0)
    return "\n".join(lines)


def _form(query: StoredQuery, params: dict[str, str], size: int) -> str:
    fields = []
    for p in query.parameters:
        value = params.get(p.name, p.default or "")
        fields.append(f"<label>{esc(p.name)} <span class=muted>({esc(p.type)})</span> "
                      f"<input name='{esc(p.name)}' value='{esc(value)}'> "
                      f"<span class=muted>{esc(p.help)}</span></label>")
    return (f"<form method=get action='{esc('/queries/' + query.name)}'>{''.join(fields)}"
            f"<label>rows per page <input name=size value='{size}' size=5></label>"
            "<button type=submit>Run</button></form>")


def query_page(dataset, query: StoredQuery, params: dict[str, str], *, page_no: int, size: int,
               timeout: float) -> tuple[int, bytes]:
    """(status, HTML) of a stored query's page at page ``page_no`` of ``size`` rows."""
    head = (f"<p>{esc(query.description)}</p>{_form(query, params, size)}"
            f"<details><summary>SPARQL</summary><pre>{esc(_body(query.text))}</pre></details>")
    if query.form != "SELECT":
        return 200, page(query.title, head + "<p>Only SELECT queries are shown as tables; "
                         "use the SPARQL endpoint for this one.</p>")
    try:
        outcome = run_stored(dataset, query, params, limit=size, offset=(page_no - 1) * size,
                             timeout=timeout)
    except UsageError as exc:
        return 400, page(query.title, head + f"<div class=error role=alert>{esc(exc)}</div>")
    notices = []
    if outcome.timed_out:
        notices.append(f"The query was stopped after {timeout:g} s; the rows shown are those "
                       "found by then.")
    iris = {t.value for row in outcome.rows for t in row
            if t is not None and type(t).__name__ == "NamedNode"}
    labels = labels_for(dataset, iris)
    header = "".join(f"<th>{esc(v)}</th>" for v in outcome.variables)
    rows = "".join("<tr>" + "".join(f"<td>{term_html(t, labels)}</td>" for t in row) + "</tr>"
                   for row in outcome.rows)
    first = (page_no - 1) * size + 1
    shown = (f"rows {first}–{first + len(outcome.rows) - 1}" if outcome.rows
             else "no rows on this page")
    values = {p.name: params[p.name] for p in query.parameters if p.name in params}
    links = []
    if page_no > 1:
        links.append(f"<a rel=prev href='{esc(url('/queries/' + query.name, **values, size=size, page=page_no - 1))}'>← previous</a>")  # noqa: E501
    if outcome.truncated:
        links.append(f"<a rel=next href='{esc(url('/queries/' + query.name, **values, size=size, page=page_no + 1))}'>next →</a>")  # noqa: E501
    downloads = " ".join(
        f"<a href='{esc(url('/queries/' + query.name + '.' + fmt, **values))}'>{fmt.upper()}</a>"
        for fmt in ("csv", "json"))
    body = (f"{head}<p class=muted>{esc(shown)} · page {page_no} · {outcome.seconds * 1000:.0f} ms"
            f" · download {downloads}</p><nav class=pager>{' '.join(links)}</nav>"
            f"<table class=results><tr>{header}</tr>{rows}</table>"
            f"<nav class=pager>{' '.join(links)}</nav>")
    return 200, page(query.title, body, notices=notices)


def query_download(dataset, query: StoredQuery, params: dict[str, str], fmt: str, *,
                   limit: int, timeout: float) -> tuple[bytes, list[str]]:
    """All rows (up to ``limit``) as CSV or JSON, and notices of a cut (row limit, timeout)."""
    outcome = run_stored(dataset, query, params, limit=limit, offset=0, timeout=timeout)
    notes = []
    if outcome.truncated:
        notes.append(f"row-limit={limit}")
    if outcome.timed_out:
        notes.append(f"timeout={timeout:g}s")
    data = results_bytes(fmt, outcome.variables, outcome.rows,
                         outcome.boolean if query.form == "ASK" else None)
    return data, notes
