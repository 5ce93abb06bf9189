"""A page per resource: its facts, the evidence they come from, and its external links.

The same description is served as HTML or, by content negotiation, as Turtle, JSON-LD or
N-Triples: the triples about the resource plus those describing its evidence passages.
"""

from __future__ import annotations

from ..terms import BASE, OA, OWL, PREFIXES, PROV, RDF, SKOS
from .html import esc, href_of, page, term_html
from .labels import labels_for

__all__ = ["Description", "describe", "resource_page"]

EXTERNAL = {str(OWL.sameAs), str(SKOS.exactMatch), str(SKOS.closeMatch)}
LABELS = ("http://www.w3.org/2000/01/rdf-schema#label", str(SKOS.prefLabel),
          "http://purl.org/dc/terms/title")


class Description:
    """What the store says about one IRI."""

    def __init__(self, iri: str, out: list, into: list, evidence: list[dict],
                 evidence_triples: list, terms: list):
        self.iri, self.out, self.into = iri, out, into
        self.evidence, self.evidence_triples, self.terms = evidence, evidence_triples, terms
        self.itself: dict | None = None  # for a passage: its own source, offsets and quotes

    @property
    def empty(self) -> bool:
        return not (self.out or self.into)

    def triples(self) -> list:
        return self.out + self.evidence_triples


def _passage(dataset, passage: str, p_out: list) -> tuple[dict, list]:
    """A passage's source, offsets and local quotes, and the triples that say so."""
    item = {"passage": passage, "source": None, "start": None, "end": None,
            "quotes": dataset.quote_of(passage)}
    extra = []
    for triple in p_out:
        if triple.predicate.value == str(OA.hasSource):
            item["source"] = triple.object
        if triple.predicate.value == str(OA.hasSelector) and _is_iri(triple.object):
            selector, _ = dataset.describe(triple.object.value)
            extra.extend(selector)
            for fact in selector:
                if fact.predicate.value == str(OA.start):
                    item["start"] = fact.object.value
                if fact.predicate.value == str(OA.end):
                    item["end"] = fact.object.value
    return item, extra


def describe(dataset, iri: str) -> Description:
    out, into = dataset.describe(iri)
    passages = [t.object.value for t in out
                if t.predicate.value == str(PROV.wasDerivedFrom) and _is_iri(t.object)]
    evidence, extra = [], []
    for passage in passages:
        p_out, _ = dataset.describe(passage)
        item, more = _passage(dataset, passage, p_out)
        evidence.append(item)
        extra += p_out + more
    itself = None
    if any(t.predicate.value == str(OA.hasSelector) for t in out):
        itself, more = _passage(dataset, iri, out)
        extra += more
    terms = []
    if not iri.endswith(("#", "/")) and any(t.predicate.value == str(RDF.type)
                                            and t.object.value.endswith("#Ontology")
                                            for t in out):
        import pyoxigraph as ox

        start = ox.Literal(iri + "#")  # written as an escaped N-Triples literal below
        query = (f"SELECT DISTINCT ?t WHERE {{ ?t ?p ?o FILTER(STRSTARTS(STR(?t), {start})) }} "
                 "ORDER BY ?t")
        terms = [row[0] for row in dataset.run(query, limit=5000, timeout=10).rows]
    description = Description(iri, out, into, evidence, extra, terms)
    description.itself = itself
    return description


def _label(description: Description) -> str:
    for wanted in ("en", None, ""):
        for t in description.out:
            if t.predicate.value in LABELS and (wanted is None or t.object.language == wanted):
                return t.object.value
    return description.iri


def resource_page(dataset, description: Description) -> bytes:
    d = description
    iris = {t.predicate.value for t in d.out + d.into}
    iris |= {t.subject.value for t in d.into if _is_iri(t.subject)}
    iris |= {t.object.value for t in d.out if _is_iri(t.object)}
    iris |= {e["source"].value for e in d.evidence if e["source"] is not None}
    labels = labels_for(dataset, iris)
    facts = "".join(
        f"<tr><td>{term_html(t.predicate, labels)}</td><td>{term_html(t.object, labels)}</td></tr>"
        for t in sorted(d.out, key=lambda t: (t.predicate.value, str(t.object)))
        if t.predicate.value not in EXTERNAL)
    parts = [f"<p class=muted>{esc(d.iri)}</p>",
             f"<p class=muted>Also as <a href='{esc(href_of(d.iri))}"
             f"{'&' if '?' in href_of(d.iri) else '?'}format=turtle'>Turtle</a>, "
             f"<a href='{esc(href_of(d.iri))}{'&' if '?' in href_of(d.iri) else '?'}"
             f"format=jsonld'>JSON-LD</a>, <a href='{esc(href_of(d.iri))}"
             f"{'&' if '?' in href_of(d.iri) else '?'}format=ntriples'>N-Triples</a>.</p>",
             f"<h2>Facts</h2><table class=facts><tr><th>Property</th><th>Value</th></tr>{facts}"
             "</table>"]
    if d.itself is not None:
        parts.append("<h2 id=passage>Where in the source</h2><table class=evidence><tr>"
                     "<th>Passage</th><th>Source</th><th>Where</th><th>Quote</th></tr>"
                     f"{_evidence_row(d.itself, labels)}</table>")
    if d.evidence:
        rows = "".join(_evidence_row(e, labels) for e in d.evidence)
        parts.append("<h2 id=evidence>Evidence</h2><table class=evidence><tr><th>Passage</th>"
                     f"<th>Source</th><th>Where</th><th>Quote</th></tr>{rows}</table>")
    links = [t for t in d.out if t.predicate.value in EXTERNAL]
    if links:
        items = "".join(
            f"<li>{term_html(t.predicate, labels)} <a class=ext rel=external "
            f"href='{esc(t.object.value)}'>{esc(t.object.value)}</a></li>" for t in links)
        parts.append(f"<h2 id=links>External links</h2><ul>{items}</ul>")
    if d.terms:
        items = "".join(f"<li>{term_html(t, labels)}</li>" for t in d.terms)
        parts.append(f"<h2>Terms</h2><ul>{items}</ul>")
    if d.into:
        shown = d.into[:500]
        rows = "".join(f"<tr><td>{term_html(t.subject, labels)}</td>"
                       f"<td>{term_html(t.predicate, labels)}</td></tr>" for t in shown)
        more = "<p class=muted>More not shown.</p>" if len(d.into) > 500 else ""
        parts.append("<h2>Referenced by</h2><table class=incoming><tr><th>Resource</th>"
                     f"<th>Property</th></tr>{rows}</table>{more}")
    return page(_label(d), "".join(parts))


def _evidence_row(e: dict, labels: dict[str, str]) -> str:
    quote = "".join(f"<blockquote>{esc(q)}</blockquote>" for q in e["quotes"])
    offsets = (f"characters {esc(e['start'])}–{esc(e['end'])}" if e["start"] is not None
               else "offsets unknown")
    return (f"<tr><td>{term_html(_node(e['passage']), labels)}</td>"
            f"<td>{term_html(e['source'], labels)}</td><td>{offsets}</td>"
            f"<td>{quote or '<span class=muted>quote not held locally</span>'}</td></tr>")


def _is_iri(term) -> bool:
    import pyoxigraph as ox

    return isinstance(term, ox.NamedNode)


def _node(iri: str):
    import pyoxigraph as ox

    return ox.NamedNode(iri)


#: Prefixes for Turtle and JSON-LD output: the vocabularies, not our own IRI paths (whose local
#: names hold slashes that Turtle would have to escape).
OUTPUT_PREFIXES = {p: ns for p, ns in PREFIXES.items() if not ns.startswith(BASE)
                   or ns.endswith("#")}
