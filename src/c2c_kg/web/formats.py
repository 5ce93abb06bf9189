"""Content negotiation and the wire formats: SPARQL results (JSON, XML, CSV, TSV) and RDF.

CSV, TSV and ASK answers go through :func:`c2c_kg.results.render` (the same as ``c2c-kg
query``); SELECT results in JSON (the same bindings, compact, written by the standard library's C
encoder: the endpoint's most asked format) and XML are written here; RDF graphs are serialised by
pyoxigraph.
"""

from __future__ import annotations

import json
from xml.sax.saxutils import escape, quoteattr

from ..results import RDF_LANG, XSD_STRING, Results, render
from ..store.engines import cell_of

__all__ = ["RDF_TYPES", "RESULT_TYPES", "negotiate", "rdf_bytes", "results_bytes"]

#: SPARQL results: media type -> short name (also accepted as ?format=).
RESULT_TYPES = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "application/json": "json",
}
#: RDF graphs: media type -> short name.
RDF_TYPES = {
    "text/turtle": "turtle",
    "application/ld+json": "jsonld",
    "application/n-triples": "ntriples",
    "application/rdf+xml": "rdfxml",
}
MEDIA = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
         "csv": "text/csv", "tsv": "text/tab-separated-values", "turtle": "text/turtle",
         "jsonld": "application/ld+json", "ntriples": "application/n-triples",
         "rdfxml": "application/rdf+xml", "html": "text/html"}


def negotiate(accept: str | None, offered: dict[str, str], default: str) -> str:
    """The short name of the best offered type for an ``Accept`` header (q-values honoured).

    ``text/html`` is always offered as ``html``; ``*/*`` or no header gives ``default``.
    """
    offered = {**offered, "text/html": "html", "application/xhtml+xml": "html"}
    best, best_q = default, 0.0
    for part in (accept or "").split(","):
        media, *params = (p.strip() for p in part.split(";"))
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        media = media.lower()
        name = offered.get(media)
        if name is None and media in ("*/*", ""):
            name = default
        elif name is None and media.endswith("/*"):
            name = next((n for m, n in offered.items() if m.startswith(media[:-1])), None)
        # strictly greater: on a tie the client's earlier entry wins
        if name is not None and q > best_q:
            best, best_q = name, q
    return best


def media_type(name: str) -> str:
    return MEDIA[name]


def _results(variables: list[str], rows: list[list]) -> Results:
    cells = [{v: cell_of(t) for v, t in zip(variables, row, strict=True) if t is not None}
             for row in rows]
    return Results(list(variables), cells)


def results_bytes(fmt: str, variables: list[str], rows: list[list],
                  boolean: bool | None = None) -> bytes:
    """SELECT rows (or an ASK answer) in ``fmt``: json, xml, csv or tsv."""
    if fmt == "xml":
        return _xml(variables, rows, boolean).encode("utf-8")
    if fmt == "json" and boolean is None:
        return _json(variables, rows)
    results = Results(boolean=boolean) if boolean is not None else _results(variables, rows)
    return render(results, fmt).encode("utf-8")


def _json(variables: list[str], rows: list[list]) -> bytes:
    """SPARQL 1.1 JSON results, as :meth:`c2c_kg.results.Cell.to_json` writes each term."""
    import pyoxigraph as ox

    named, blank = ox.NamedNode, ox.BlankNode
    bindings = []
    for row in rows:
        binding = {}
        for name, term in zip(variables, row, strict=True):
            if term is None:
                continue
            kind = type(term)
            if kind is named:
                binding[name] = {"type": "uri", "value": term.value}
            elif kind is blank:
                binding[name] = {"type": "bnode", "value": term.value}
            elif term.language:
                binding[name] = {"type": "literal", "value": term.value,
                                 "xml:lang": term.language}
            else:
                datatype = term.datatype.value
                binding[name] = {"type": "literal", "value": term.value} \
                    if datatype in (XSD_STRING, RDF_LANG) else \
                    {"type": "literal", "value": term.value, "datatype": datatype}
        bindings.append(binding)
    body = {"head": {"vars": list(variables)}, "results": {"bindings": bindings}}
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"


def _xml(variables: list[str], rows: list[list], boolean: bool | None) -> str:
    out = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">']
    if boolean is not None:
        out += ["<head/>", f"<boolean>{'true' if boolean else 'false'}</boolean>", "</sparql>"]
        return "\n".join(out) + "\n"
    out.append("<head>" + "".join(f"<variable name={quoteattr(v)}/>" for v in variables)
               + "</head>")
    out.append("<results>")
    for row in rows:
        out.append("<result>")
        for name, term in zip(variables, row, strict=True):
            if term is None:
                continue
            cell = cell_of(term)
            if cell.kind == "uri":
                body = f"<uri>{escape(cell.value)}</uri>"
            elif cell.kind == "bnode":
                body = f"<bnode>{escape(cell.value)}</bnode>"
            elif cell.lang:
                body = f"<literal xml:lang={quoteattr(cell.lang)}>{escape(cell.value)}</literal>"
            else:
                body = (f"<literal datatype={quoteattr(cell.datatype or '')}>"
                        f"{escape(cell.value)}</literal>")
            out.append(f"<binding name={quoteattr(name)}>{body}</binding>")
        out.append("</result>")
    out += ["</results>", "</sparql>"]
    return "\n".join(out) + "\n"


def rdf_bytes(fmt: str, triples: list, prefixes: dict[str, str] | None = None) -> bytes:
    """Triples in ``fmt``: turtle, jsonld, ntriples or rdfxml."""
    import pyoxigraph as ox

    formats = {"turtle": ox.RdfFormat.TURTLE, "jsonld": ox.RdfFormat.JSON_LD,
               "ntriples": ox.RdfFormat.N_TRIPLES, "rdfxml": ox.RdfFormat.RDF_XML}
    kwargs = {"prefixes": prefixes} if prefixes and fmt in ("turtle", "rdfxml", "jsonld") else {}
    try:
        return ox.serialize(triples, format=formats[fmt], **kwargs) or b""
    except TypeError:
        return ox.serialize(triples, format=formats[fmt]) or b""
