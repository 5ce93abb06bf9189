"""HTML pieces: the page frame, escaping, and terms written as links to their local pages.

Every text that comes from the graph or the request goes through :func:`esc`; labels written by
contributors may look like HTML or SPARQL and must stay text.
"""

from __future__ import annotations

from html import escape
from urllib.parse import quote, urlencode

from ..results import Cell
from ..terms import BASE

__all__ = ["esc", "href_of", "page", "term_html", "url"]

STYLE = """
body{font-family:system-ui,sans-serif;margin:0;color:#222}
header{background:#1d3557;color:#fff;padding:.5em 1em}
header a{color:#fff;margin-right:1.2em;text-decoration:none;font-weight:600}
main{padding:1em 1.5em;max-width:1200px}
table{border-collapse:collapse;margin:.5em 0}
td,th{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}
th{background:#eef}
.notice{background:#fff3cd;border:1px solid #e0c060;padding:.5em;margin:.5em 0}
.error{background:#f8d7da;border:1px solid #d08080;padding:.5em;margin:.5em 0}
.muted{color:#666;font-size:.9em}
.ext{font-size:.85em}
form label{display:block;margin:.3em 0}
pre{background:#f6f6f6;padding:.5em;overflow:auto}
blockquote{border-left:3px solid #999;margin:.3em 0;padding-left:.6em;color:#333}
"""


def esc(text: object) -> str:
    """Text safe in HTML content and in double-quoted attributes."""
    return escape(str(text), quote=True)


def url(path: str, **params: object) -> str:
    """``path`` with query parameters (None values left out)."""
    pairs = {k: str(v) for k, v in params.items() if v is not None}
    return path + ("?" + urlencode(pairs) if pairs else "")


def href_of(iri: str) -> str:
    """The local page of an IRI: its path for our own IRIs, else ``/resource?iri=…``."""
    if iri.startswith(BASE) and "#" not in iri and len(iri) > len(BASE):
        return "/" + quote(iri[len(BASE):], safe="/-_.~%")
    return url("/resource", iri=iri)


def term_html(term, labels: dict[str, str] | None = None) -> str:
    """A pyoxigraph term (or None) as HTML: IRIs link to their page, literals are text."""
    import pyoxigraph as ox

    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        shown = (labels or {}).get(term.value) or Cell("uri", term.value).short()
        return (f'<a href="{esc(href_of(term.value))}" title="{esc(term.value)}">'
                f"{esc(shown)}</a>")
    if isinstance(term, ox.BlankNode):
        return f"<span class=muted>_:{esc(term.value)}</span>"
    if isinstance(term, ox.Literal):
        extra = f" <span class=muted>@{esc(term.language)}</span>" if term.language else ""
        return esc(term.value) + extra
    return esc(str(term))


def page(title: str, body: str, *, notices: list[str] | None = None) -> bytes:
    """A whole page; ``body`` is already HTML, ``title`` and ``notices`` are text."""
    notes = "".join(f'<div class="notice" role="status">{esc(n)}</div>' for n in notices or [])
    return (
        "<!doctype html><html lang=en><head><meta charset=utf-8>"
        f"<meta name=viewport content='width=device-width'><title>{esc(title)} · c2c-kg</title>"
        f"<style>{STYLE}</style></head><body><header><a href='/'>c2c-kg</a>"
        "<a href='/queries'>Queries</a><a href='/map'>Map</a><a href='/timeline'>Timeline</a>"
        "<a href='/sparql'>SPARQL</a></header>"
        f"<main><h1>{esc(title)}</h1>{notes}{body}</main></body></html>"
    ).encode()
