"""HTML documentation of the ontology and its vocabularies, in the manner of pyLODE and Widoco.

One self-contained page (no scripts, inline CSS): the ontology header, a class hierarchy,
every class with its definition, super- and subclasses, defining expression, disjoint classes,
properties that use it and a few example instances from the data (inferred memberships marked);
every property with domain, range, characteristics and inverse; the external terms we align to;
and every SKOS concept scheme with its concepts. Class expressions are written in Manchester
syntax. The page is a pure function of the graphs, so a rebuild with no change is byte-identical.
"""

from __future__ import annotations

from collections import defaultdict
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from ..terms import C2C, DCTERMS, OWL, RDF, RDFS, SKOS, VANN, VOCAB

if TYPE_CHECKING:
    from rdflib import Graph

    from ..project import Project

__all__ = ["render_html", "write_docs"]

EXAMPLES = 5
CHARACTERISTICS = {
    OWL.SymmetricProperty: "symmetric",
    OWL.TransitiveProperty: "transitive",
    OWL.FunctionalProperty: "functional",
    OWL.InverseFunctionalProperty: "inverse functional",
    OWL.IrreflexiveProperty: "irreflexive",
    OWL.AsymmetricProperty: "asymmetric",
    OWL.ReflexiveProperty: "reflexive",
}
CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;max-width:1100px;margin:0 auto;
padding:0 1.5em 4em;color:#1d232b;line-height:1.45}
h1{margin-top:1em}h2{border-bottom:2px solid #2b6cb0;padding-bottom:.2em;margin-top:2em}
h3{margin:1.6em 0 .3em}code,.iri{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.9em}
.iri{color:#555}.term{border:1px solid #d5dbe3;border-radius:6px;padding:.6em 1em;
margin:1em 0;
background:#fbfcfe}.term h3{margin-top:0}.badge{display:inline-block;font-size:.75em;padding:0 .5em;
border-radius:4px;margin-left:.4em;vertical-align:middle;background:#e2e8f0}.defined{background:#fde68a}
.op{background:#c6f6d5}.dp{background:#bee3f8}
table{border-collapse:collapse;width:100%;margin:.5em 0}
th,td{border:1px solid #d5dbe3;padding:.3em .5em;text-align:left;vertical-align:top}
th{background:#edf2f7;width:12em}td.def{width:auto}nav ul{columns:3}ul.tree{list-style:none;
padding-left:1.2em}ul.tree li{margin:.1em 0}.inferred{color:#9c4221;font-size:.85em}
.concepts th{width:auto}
"""


def _is_iri(term) -> bool:
    from rdflib import URIRef

    return isinstance(term, URIRef)


def _local(iri) -> str:
    text = str(iri)
    return text.split("#")[-1] if "#" in text else text.rstrip("/").split("/")[-1]


def _short(iri) -> str:
    from .clash import short

    return short(iri)


def _text(graph: Graph, subject, predicate, lang: str = "en") -> str:
    values = sorted(str(o) for o in graph.objects(subject, predicate)
                    if getattr(o, "language", None) in (lang, None) and not _is_iri(o))
    return values[0] if values else ""


def _list(graph: Graph, head) -> list:
    """The members of an RDF list (empty when ``head`` is missing)."""
    return list(graph.items(head)) if head is not None else []


class _Page:
    """The state needed to render: graphs and the set of terms that have an anchor here."""

    def __init__(self, schema: Graph, vocabularies: Graph, data: Graph | None,
                 inferred: Graph | None) -> None:
        from rdflib import Graph

        self.schema = schema
        # concepts of the schemes, with those curated as records (the concept scheme's)
        self.vocab = Graph()
        for triple in vocabularies:
            self.vocab.add(triple)
        for triple in (data if data is not None else ()):
            if str(triple[0]).startswith(str(VOCAB)):
                self.vocab.add(triple)
        self.data, self.inferred = data, inferred
        self.classes = sorted(c for c in schema.subjects(RDF.type, OWL.Class)
                              if _is_iri(c) and str(c).startswith(str(C2C)))
        self.object_properties = self._props(OWL.ObjectProperty)
        self.datatype_properties = self._props(OWL.DatatypeProperty)
        self.external = sorted(
            {t for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
             for t in schema.subjects(RDF.type, kind)
             if _is_iri(t) and not str(t).startswith(str(C2C))})
        self.anchors = set(self.classes) | set(self.object_properties) | set(
            self.datatype_properties)

    def _props(self, kind) -> list:
        return sorted(p for p in self.schema.subjects(RDF.type, kind)
                      if str(p).startswith(str(C2C)))

    # -- terms and expressions --------------------------------------------------------------

    def link(self, term) -> str:
        if term in self.anchors:
            return f'<a href="#{escape(_local(term))}"><code>{escape(_short(term))}</code></a>'
        if _is_iri(term):
            return f'<a href="{escape(str(term))}"><code>{escape(_short(term))}</code></a>'
        return escape(str(term))

    def expr(self, node) -> str:
        """A class expression in Manchester syntax, with links."""
        g = self.schema
        if _is_iri(node):
            return self.link(node)
        for key, word in ((OWL.unionOf, " or "), (OWL.intersectionOf, " and ")):
            members = g.value(node, key)
            if members is not None:
                parts = [self.expr(m) for m in _list(g, members)]
                return "(" + word.join(parts) + ")"
        one_of = g.value(node, OWL.oneOf)
        if one_of is not None:
            return "{" + ", ".join(self.link(m) for m in _list(g, one_of)) + "}"
        prop = g.value(node, OWL.onProperty)
        if prop is not None:
            for key, word in ((OWL.someValuesFrom, "some"), (OWL.allValuesFrom, "only")):
                filler = g.value(node, key)
                if filler is not None:
                    return f"({self.link(prop)} <em>{word}</em> {self.expr(filler)})"
            value = g.value(node, OWL.hasValue)
            if value is not None:
                shown = self.link(value) if _is_iri(value) else f"<code>{escape(str(value))}</code>"
                return f"({self.link(prop)} <em>value</em> {shown})"
            for key, word in ((OWL.minCardinality, "min"), (OWL.maxCardinality, "max"),
                              (OWL.cardinality, "exactly"),
                              (OWL.minQualifiedCardinality, "min"),
                              (OWL.qualifiedCardinality, "exactly")):
                number = g.value(node, key)
                if number is not None:
                    return f"({self.link(prop)} <em>{word}</em> {escape(str(number))})"
        return "<em>(expression)</em>"

    def label(self, term) -> str:
        return (_text(self.schema, term, RDFS.label) or _text(self.vocab, term, SKOS.prefLabel)
                or (_text(self.data, term, RDFS.label) if self.data is not None else "")
                or _local(term))

    # -- sections ---------------------------------------------------------------------------

    def header(self) -> str:
        g = self.schema
        onto = next(iter(g.subjects(RDF.type, OWL.Ontology)), None)
        rows = []
        title = _text(g, onto, DCTERMS.title) or "Ontology"
        for name, predicate in (("IRI", None), ("version IRI", OWL.versionIRI),
                                ("version", OWL.versionInfo), ("licence", DCTERMS.license),
                                ("creators", DCTERMS.creator), ("created", DCTERMS.created),
                                ("modified", DCTERMS.modified), ("source", DCTERMS.source),
                                ("preferred prefix", VANN.preferredNamespacePrefix),
                                ("namespace", VANN.preferredNamespaceUri)):
            values = [onto] if predicate is None else sorted(g.objects(onto, predicate))
            if values:
                rows.append(f"<tr><th>{name}</th><td>"
                            + ", ".join(self.link(v) if _is_iri(v) else escape(str(v))
                                        for v in values) + "</td></tr>")
        description = escape(_text(g, onto, DCTERMS.description))
        counts = (f"{len(self.classes)} classes, {len(self.object_properties)} object properties, "
                  f"{len(self.datatype_properties)} datatype properties, "
                  f"{len(self.schemes())} concept schemes")
        return (f"<h1>{escape(title)}</h1>\n<p>{description}</p>\n<p>{counts}.</p>\n"
                f"<table>{''.join(rows)}</table>")

    def toc(self) -> str:
        def items(terms) -> str:
            return "".join(f'<li><a href="#{escape(_local(t))}">{escape(_local(t))}</a></li>'
                           for t in terms)

        schemes = "".join(f'<li><a href="#scheme-{escape(_local(s))}">'
                          f"{escape(self.label(s))}</a></li>" for s in self.schemes())
        return ("<nav><h2>Contents</h2>"
                "<p><a href='#hierarchy'>Class hierarchy</a> · <a href='#classes'>Classes</a> · "
                "<a href='#object-properties'>Object properties</a> · "
                "<a href='#datatype-properties'>Datatype properties</a> · "
                "<a href='#external'>External terms</a> · "
                "<a href='#schemes'>Concept schemes</a></p>"
                f"<h3>Classes</h3><ul>{items(self.classes)}</ul>"
                f"<h3>Object properties</h3><ul>{items(self.object_properties)}</ul>"
                f"<h3>Datatype properties</h3><ul>{items(self.datatype_properties)}</ul>"
                f"<h3>Concept schemes</h3><ul>{schemes}</ul></nav>")

    def parents(self, cls) -> list:
        return sorted(p for p in self.schema.objects(cls, RDFS.subClassOf) if _is_iri(p))

    def hierarchy(self) -> str:
        children = defaultdict(list)
        roots = []
        for cls in self.classes:
            ours = [p for p in self.parents(cls) if p in self.anchors]
            for parent in ours:
                children[parent].append(cls)
            if not ours:
                roots.append(cls)

        def tree(nodes, seen) -> str:
            out = []
            for node in sorted(nodes):
                if node in seen:
                    continue
                badge = ' <span class="badge defined">defined</span>' if self.defined(node) else ""
                out.append(f'<li><a href="#{escape(_local(node))}">{escape(_local(node))}</a>'
                           f"{badge}{tree(children.get(node, []), seen | {node})}</li>")
            return f'<ul class="tree">{"".join(out)}</ul>' if out else ""

        return f'<h2 id="hierarchy">Class hierarchy</h2>{tree(roots, set())}'

    def defined(self, cls) -> bool:
        return any(not _is_iri(e) for e in self.schema.objects(cls, OWL.equivalentClass))

    def disjoint(self, cls) -> list:
        g = self.schema
        found = set(g.objects(cls, OWL.disjointWith)) | set(g.subjects(OWL.disjointWith, cls))
        for group in g.subjects(RDF.type, OWL.AllDisjointClasses):
            members = _list(g, g.value(group, OWL.members))
            if cls in members:
                found |= set(members) - {cls}
        return sorted(found)

    def uses(self, cls, predicate) -> list:
        """Properties whose domain (or range) is ``cls`` or a union that names it."""
        found = []
        for prop in self.object_properties + self.datatype_properties:
            for node in self.schema.objects(prop, predicate):
                members = [node] if _is_iri(node) else _list(
                    self.schema, self.schema.value(node, OWL.unionOf))
                if cls in members:
                    found.append(prop)
        return sorted(set(found))

    def examples(self, cls) -> list[tuple[object, bool]]:
        found = []
        if self.data is not None:
            found += [(s, False) for s in self.data.subjects(RDF.type, cls) if _is_iri(s)]
        if self.inferred is not None:
            found += [(s, True) for s in self.inferred.subjects(RDF.type, cls) if _is_iri(s)]
        return sorted(found, key=lambda x: str(x[0]))[:EXAMPLES]

    def term_rows(self, term) -> list[str]:
        g = self.schema
        rows = [("IRI", f'<span class="iri">{escape(str(term))}</span>'),
                ("definition", escape(_text(g, term, SKOS.definition)))]
        note = _text(g, term, SKOS.scopeNote)
        if note:
            rows.append(("usage note", escape(note)))
        alt = sorted(f"{o} ({o.language})" if getattr(o, "language", None) else str(o)
                     for o in g.objects(term, SKOS.altLabel))
        if alt:
            rows.append(("other labels", escape("; ".join(alt))))
        return rows

    def class_block(self, cls) -> str:
        g = self.schema
        rows = self.term_rows(cls)
        parents = self.parents(cls)
        if parents:
            rows.append(("subclass of", ", ".join(self.link(p) for p in parents)))
        for expression in g.objects(cls, OWL.equivalentClass):
            rows.append(("equivalent to", self.expr(expression)))
        subs = sorted(s for s in g.subjects(RDFS.subClassOf, cls) if _is_iri(s))
        if subs:
            rows.append(("subclasses", ", ".join(self.link(s) for s in subs)))
        disjoint = self.disjoint(cls)
        if disjoint:
            rows.append(("disjoint with", ", ".join(self.link(d) for d in disjoint)))
        for predicate, name in ((RDFS.domain, "in domain of"), (RDFS.range, "in range of")):
            props = self.uses(cls, predicate)
            if props:
                rows.append((name, ", ".join(self.link(p) for p in props)))
        examples = self.examples(cls)
        if examples:
            rows.append(("examples", ", ".join(
                f'<code title="{escape(str(s))}">{escape(_short(s))}</code> '
                f"{escape(self.label(s))}" + (' <span class="inferred">(inferred)</span>'
                                              if inferred else "")
                for s, inferred in examples)))
        badge = ' <span class="badge defined">defined class</span>' if self.defined(cls) else ""
        return self.block(cls, rows, badge)

    def block(self, term, rows, badge: str) -> str:
        body = "".join(f"<tr><th>{name}</th><td>{value}</td></tr>" for name, value in rows)
        return (f'<div class="term" id="{escape(_local(term))}"><h3>{escape(self.label(term))}'
                f"{badge}</h3><table>{body}</table></div>")

    def property_block(self, prop, kind: str) -> str:
        g = self.schema
        rows = self.term_rows(prop)
        for predicate, name in ((RDFS.domain, "domain"), (RDFS.range, "range")):
            values = list(g.objects(prop, predicate))
            rows.append((name, ", ".join(self.expr(v) for v in values) if values else
                         "<em>any</em>"))
        supers = sorted(g.objects(prop, RDFS.subPropertyOf))
        if supers:
            rows.append(("subproperty of", ", ".join(self.link(s) for s in supers)))
        inverse = sorted(set(g.objects(prop, OWL.inverseOf))
                         | set(g.subjects(OWL.inverseOf, prop)))
        if inverse:
            rows.append(("inverse of", ", ".join(self.link(i) for i in inverse)))
        traits = sorted(name for t, name in CHARACTERISTICS.items() if (prop, RDF.type, t) in g)
        if traits:
            rows.append(("characteristics", ", ".join(traits)))
        other = sorted(_short(t) for t in g.objects(prop, RDF.type)
                       if not str(t).startswith(str(OWL)))
        if other:
            rows.append(("also a", escape(", ".join(other))))
        css = "op" if kind == "object" else "dp"
        return self.block(prop, rows, f' <span class="badge {css}">{kind} property</span>')

    def external_section(self) -> str:
        rows = []
        for term in self.external:
            ours = sorted(c for p in (RDFS.subClassOf, RDFS.subPropertyOf)
                          for c in self.schema.subjects(p, term) if c in self.anchors)
            rows.append(f"<tr><td>{self.link(term)}</td>"
                        f"<td>{escape(_text(self.schema, term, RDFS.label))}</td>"
                        f"<td>{', '.join(self.link(c) for c in ours)}</td></tr>")
        return ('<h2 id="external">External terms we align to</h2><p>Declared, not imported; '
                "each links to its own specification.</p><table><tr><th>term</th><th>label</th>"
                f"<th>our subterms</th></tr>{''.join(rows)}</table>")

    def schemes(self) -> list:
        return sorted(self.vocab.subjects(RDF.type, SKOS.ConceptScheme))

    def scheme_section(self) -> str:
        out = ['<h2 id="schemes">Concept schemes</h2>']
        for scheme in self.schemes():
            concepts = sorted(set(self.vocab.subjects(SKOS.inScheme, scheme)))
            rows = []
            for concept in concepts:
                labels = sorted(f"{o} ({o.language})"
                                for o in self.vocab.objects(concept, SKOS.prefLabel)
                                if getattr(o, "language", None) not in (None, "en"))
                alt = sorted(f"{o} ({o.language})" if getattr(o, "language", None) else str(o)
                             for o in self.vocab.objects(concept, SKOS.altLabel))
                links = []
                for predicate, name in ((SKOS.broader, "broader"), (SKOS.related, "related")):
                    targets = sorted(self.vocab.objects(concept, predicate))
                    if targets:
                        links.append(f"{name}: " + ", ".join(
                            f'<a href="#{escape(_local(scheme))}-{escape(_local(t))}">'
                            f"{escape(self.label(t))}</a>" for t in targets))
                note = _text(self.vocab, concept, SKOS.scopeNote)
                rows.append(
                    f'<tr id="{escape(_local(scheme))}-{escape(_local(concept))}">'
                    f"<td><code>{escape(_local(concept))}</code></td>"
                    f"<td><strong>{escape(_text(self.vocab, concept, SKOS.prefLabel))}</strong>"
                    f"<br>{escape('; '.join(labels + alt))}</td>"
                    f'<td class="def">{escape(_text(self.vocab, concept, SKOS.definition))}'
                    + (f"<br><em>{escape(note)}</em>" if note else "")
                    + (f"<br>{'; '.join(links)}" if links else "") + "</td></tr>")
            table = ('<table class="concepts"><tr><th>slug</th><th>labels</th>'
                     "<th>definition</th></tr>" + "".join(rows) + "</table>") if rows else (
                "<p><em>Its concepts are curated records in <code>data/records/</code>.</em></p>")
            out.append(
                f'<div class="term" id="scheme-{escape(_local(scheme))}">'
                f"<h3>{escape(self.label(scheme))}</h3>"
                f'<p class="iri">{escape(str(scheme))}</p>'
                f"<p>{escape(_text(self.vocab, scheme, SKOS.definition))}</p>{table}</div>")
        return "\n".join(out)


def render_html(schema: Graph, vocabularies: Graph, data: Graph | None = None,
                inferred: Graph | None = None) -> str:
    """The documentation page as one HTML string."""
    page = _Page(schema, vocabularies, data, inferred)
    title = escape(_text(schema, next(iter(schema.subjects(RDF.type, OWL.Ontology)), None),
                         DCTERMS.title) or "Ontology")
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title}</title><style>{CSS}</style></head><body>",
        page.header(),
        page.toc(),
        page.hierarchy(),
        '<h2 id="classes">Classes</h2>',
        *[page.class_block(c) for c in page.classes],
        '<h2 id="object-properties">Object properties</h2>',
        *[page.property_block(p, "object") for p in page.object_properties],
        '<h2 id="datatype-properties">Datatype properties</h2>',
        *[page.property_block(p, "datatype") for p in page.datatype_properties],
        page.external_section(),
        page.scheme_section(),
        "<footer><p>Generated by <code>c2c-kg docs</code> from <code>ontology/</code> and the "
        "curated records.</p></footer>",
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"


def write_docs(project: Project, data: Graph, output: Path | None = None, *,
               reason: bool = True) -> Path:
    """Write the page for the project, with examples from ``data`` (the mapped records) and,
    if ``reason``, the classes the reasoner infers for them."""
    from ..errors import C2CError
    from ..rdfio import atomic_write
    from .schema import read_schema, read_vocabularies

    schema, vocabularies = read_schema(project), read_vocabularies(project)
    inferred = None
    if reason:
        from .reason import run_reasoner

        try:
            inferred = run_reasoner(schema, vocabularies, data).types
        except C2CError:
            inferred = None  # inconsistent data: document what is stated only
    output = output or project.root / "docs" / "ontology" / "index.html"
    atomic_write(output, render_html(schema, vocabularies, data, inferred).encode("utf-8"))
    return output
