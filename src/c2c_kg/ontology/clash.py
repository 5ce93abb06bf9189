"""Name the simple clashes that make ontology plus data inconsistent, for the reasoner's errors.

A reasoner says only *that* a graph is inconsistent. This module looks for the usual causes, with
plain graph walking (no reasoning beyond named subclasses, domains and ranges):

- a resource that falls into two disjoint classes (``owl:disjointWith``,
  ``owl:AllDisjointClasses``), by its stated types or by the domain or range of a property it
  is used with;
- an irreflexive property relating a resource to itself;
- a value of a datatype property that is not a valid literal of the property's range.

It can miss clashes that need real reasoning; the caller says so when it finds none.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..findings import Finding
from ..terms import OWL, RDF, RDFS, XSD, compact

if TYPE_CHECKING:
    from rdflib import Graph

__all__ = ["clash_findings", "find_clashes", "short"]

#: ranges whose literals we can check; a narrower integer type also fits xsd:decimal.
_NUMERIC = {XSD.integer, XSD.int, XSD.long, XSD.short, XSD.nonNegativeInteger,
            XSD.positiveInteger, XSD.decimal}


def short(term) -> str:
    """An IRI shortened with the project's prefixes (as query results show it)."""
    return compact(str(term))


def _disjoint_pairs(schema: Graph) -> set[frozenset]:
    pairs = {frozenset((a, b)) for a, b in schema.subject_objects(OWL.disjointWith)}
    for group in schema.subjects(RDF.type, OWL.AllDisjointClasses):
        members = list(schema.items(schema.value(group, OWL.members)))
        pairs |= {frozenset((a, b)) for i, a in enumerate(members) for b in members[i + 1:]}
    return pairs


def _ancestors(schema: Graph) -> dict:
    """Each named class with itself and all its named superclasses."""
    from rdflib import URIRef

    named = {c for pair in schema.subject_objects(RDFS.subClassOf) for c in pair
             if isinstance(c, URIRef)}
    return {cls: {c for c in schema.transitive_objects(cls, RDFS.subClassOf)
                  if isinstance(c, URIRef)} for cls in named}


def find_clashes(schema: Graph, data: Graph) -> list[str]:
    """One sentence per clash found, sorted; empty when none of the simple kinds is found."""
    return sorted({f.message for f in clash_findings(schema, data)})


def clash_findings(schema: Graph, data: Graph) -> list[Finding]:
    """The clashes as findings (checker ``reasoner``), one per clash, sorted."""
    from rdflib import Literal, URIRef

    ancestors = _ancestors(schema)
    reasons: dict = {}  # resource -> class -> why

    def give(node, cls, why: str) -> None:
        if isinstance(node, URIRef) and isinstance(cls, URIRef):
            for parent in ancestors.get(cls, {cls}):
                reasons.setdefault(node, {}).setdefault(parent, why)

    for s, o in data.subject_objects(RDF.type):
        give(s, o, f"stated {short(o)}")
    for s, p, o in data:
        for domain in schema.objects(p, RDFS.domain):
            give(s, domain, f"subject of {short(p)}")
        if not isinstance(o, Literal):
            for range_ in schema.objects(p, RDFS.range):
                give(o, range_, f"value of {short(p)}")

    found = set()

    def clash(rule: str, subject, message: str, where: str = "", value: str = "") -> None:
        found.add(Finding("ERROR", rule, short(subject), where, message, value, "reasoner"))

    for pair in _disjoint_pairs(schema):
        a, b = sorted(pair)
        for node, classes in reasons.items():
            if a in classes and b in classes:
                clash("disjoint_classes", node,
                      f"{short(node)} is both {short(a)} ({classes[a]}) and {short(b)} "
                      f"({classes[b]}), which are disjoint")
    for prop in schema.subjects(RDF.type, OWL.IrreflexiveProperty):
        for s, o in data.subject_objects(prop):
            if s == o:
                clash("irreflexive_property", s,
                      f"{short(s)} is {short(prop)} itself, but that property is irreflexive",
                      short(prop))
    for prop in schema.subjects(RDF.type, OWL.DatatypeProperty):
        for range_ in schema.objects(prop, RDFS.range):
            for s, o in data.subject_objects(prop):
                if isinstance(o, Literal) and not _fits(o, range_):
                    clash("datatype_range", s,
                          f"{short(s)} {short(prop)} {o.n3()} is not a valid {short(range_)}",
                          short(prop), o.n3())
    return sorted(found)


def _fits(literal, range_) -> bool:
    if getattr(literal, "ill_typed", False):
        return False
    if range_ == RDFS.Literal or not str(range_).startswith(str(XSD)):
        return True
    datatype = literal.datatype or (RDF.langString if literal.language else XSD.string)
    if range_ == XSD.decimal:
        return datatype in _NUMERIC
    return datatype == range_
