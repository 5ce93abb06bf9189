"""Ontology quality control in the manner of ROBOT's ``report``: ERROR, WARN and INFO rows.

Checks (rule names as in the rows):

- ``missing_label`` (ERROR): a ``c2c:`` class or property without an English ``rdfs:label``; a
  vocabulary concept or scheme without an English ``skos:prefLabel``.
- ``missing_definition`` (ERROR): the same without an English ``skos:definition``.
- ``missing_domain`` / ``missing_range`` (WARN): a ``c2c:`` property without them.
- ``duplicate_label`` (ERROR): two ontology terms, or two concepts of one scheme, share an
  English label; (INFO) the same label in two different schemes.
- ``label_case`` (WARN): an ontology term's English label is not in lower case.
- ``undefined_term`` (ERROR): a class or property used in ``data/`` (the mapped records),
  ``shapes/`` or ``queries/`` that neither the ontology nor a standard vocabulary we accept
  defines; ``unknown_concept`` (ERROR): a ``…/vocab/{scheme}/{slug}`` IRI that no scheme or
  concept record defines; ``unknown_namespace`` (WARN): a term in a namespace we do not know.
- ``missing_licence`` (ERROR) and ``missing_header`` (WARN): the ontology header lacks a licence,
  or a title, description, version IRI, version info, creator or preferred prefix.
- ``unconnected_class`` (WARN): a class tied to nothing else (OOPS! pitfall P04);
  ``unused_term`` (INFO): a term no record, shape or query uses yet.
- ``summary`` (INFO): counts of classes, properties and concepts.

Standard vocabularies are accepted term by term: from rdflib's ``DefinedNamespace`` modules
where rdflib has them, otherwise from the explicit lists below.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from .. import findings
from ..findings import Finding
from ..terms import (
    BIBO,
    C2C,
    CITO,
    DCTERMS,
    DOCO,
    FABIO,
    OA,
    OWL,
    PREFIXES,
    RDF,
    RDFS,
    SKOS,
    VANN,
    VOCAB,
    compact,
)

if TYPE_CHECKING:
    from rdflib import Graph

    from ..project import Project

__all__ = ["LEVELS", "QCRow", "accepted_terms", "check_graphs", "check_project", "rows_results",
           "to_tsv"]

LEVELS = ("ERROR", "WARN", "INFO")

#: Terms of vocabularies rdflib has no DefinedNamespace for, that we accept.
EXTRA_TERMS: dict[str, set[str]] = {
    str(OA): {"Annotation", "SpecificResource", "TextPositionSelector", "TextQuoteSelector",
              "FragmentSelector", "hasSource", "hasSelector", "hasTarget", "hasBody", "start",
              "end", "exact", "prefix", "suffix", "motivatedBy", "describing", "identifying",
              "commenting", "tagging", "refinedBy"},
    str(BIBO): {"Document", "Book", "BookSection", "Chapter", "Article", "AcademicArticle",
                "Thesis", "Report", "Proceedings", "EditedBook", "Collection", "Webpage",
                "Website", "Journal", "Periodical", "Issue", "Manuscript", "LegalDocument",
                "Standard", "Series", "chapter", "pages", "pageStart", "pageEnd", "volume",
                "issue", "doi", "isbn", "uri", "edition", "editor", "authorList", "numPages",
                "publisher", "shortTitle"},
    str(FABIO): {"Work", "Expression", "Manifestation", "Item", "DoctoralThesis", "Thesis",
                 "BookChapter", "Book", "JournalArticle", "ReportDocument", "PolicyDocument",
                 "WorkingPaper", "ConferencePaper", "WebPage", "Website", "Report",
                 "hasPublicationYear", "Chapter", "EditedBook", "Database", "DataFile"},
    str(CITO): {"cites", "citesAsAuthority", "citesAsEvidence", "citesAsDataSource",
                "citesForInformation", "citesAsRelated", "citesAsSourceDocument", "discusses",
                "isCitedBy", "obtainsBackgroundFrom", "usesMethodIn", "agreesWith",
                "disagreesWith", "extends", "supports", "critiques", "refersTo", "credits",
                "Citation", "hasCitingEntity", "hasCitedEntity", "hasCitationCharacterisation"},
    str(DOCO): {"Chapter", "Section", "Paragraph", "Sentence", "Table", "Figure", "Footnote",
                "Title", "List", "Part", "BibliographicReferenceList", "TextChunk", "FrontMatter",
                "BackMatter", "Appendix"},
}

#: Namespaces whose IRIs are resources, not terms: never checked as terms.
RESOURCE_NAMESPACES = ("https://w3id.org/c2c-kg/id/", "https://w3id.org/c2c-kg/source/",
                       "https://w3id.org/c2c-kg/graph/", "http://www.wikidata.org/entity/",
                       "https://w3id.org/c2c-kg/shapes#")

_PNAME = re.compile(r"(?<![\w?$:/<#.-])([A-Za-z][\w-]*):([A-Za-z_][\w-]*(?:/[\w-]+)*)")
#: prefixes whose local names may contain "/" (resource and concept paths); for the others a
#: "/" is a SPARQL property-path operator
_PATH_PREFIXES = {"vocab", "id", "src"}
_IRI = re.compile(r"<(https?://[^>\s]+)>")
_STRING = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"'
                     r"|'(?:[^'\\\n]|\\.)*'")
_PREFIX_DECL = re.compile(r"PREFIX\s+([\w-]*):\s*<([^>]+)>", re.IGNORECASE)


#: A QC row is a :class:`~c2c_kg.findings.Finding` of the ``check`` checker (level, rule,
#: subject, where, and what to do as its message).
QCRow = Finding


def _rdflib_terms() -> dict[str, set[str]]:
    from rdflib import namespace as ns

    found: dict[str, set[str]] = {}
    for name in ("RDF", "RDFS", "OWL", "XSD", "SKOS", "DCTERMS", "DC", "PROV", "ORG", "QB",
                 "SH", "VANN", "FOAF", "DCAT", "TIME", "VOID", "SDO", "DCMITYPE", "GEO"):
        defined = getattr(ns, name)
        terms = set(getattr(defined, "__annotations__", {}))
        terms |= set(getattr(defined, "_extras", []))
        found[str(defined._NS)] = terms
    return found


def accepted_terms() -> dict[str, set[str]]:
    """Namespace -> local names we accept as defined by a standard vocabulary."""
    accepted = _rdflib_terms()
    for namespace, terms in EXTRA_TERMS.items():
        accepted.setdefault(namespace, set()).update(terms)
    # RDF's container membership and rdf:nil/first/rest are used in lists
    accepted[str(RDF)] |= {"nil", "first", "rest", "type", "langString", "List"}
    return accepted


def _short(iri: str) -> str:
    return compact(str(iri))


def _en(graph: Graph, subject, predicate) -> list[str]:
    return [str(o) for o in graph.objects(subject, predicate)
            if getattr(o, "language", None) in ("en", None) and not _is_iri(o)]


def _is_iri(term) -> bool:
    from rdflib import URIRef

    return isinstance(term, URIRef)


def _ontology_terms(schema: Graph) -> tuple[set, set, set]:
    classes = {c for c in schema.subjects(RDF.type, OWL.Class)
               if _is_iri(c) and str(c).startswith(str(C2C))}
    properties = set()
    for kind in (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty):
        properties |= {p for p in schema.subjects(RDF.type, kind) if str(p).startswith(str(C2C))}
    return classes, properties, classes | properties


def _check_schema(schema: Graph) -> list[QCRow]:
    rows = []
    classes, properties, terms = _ontology_terms(schema)
    labels: dict[str, list] = defaultdict(list)
    for term in sorted(terms):
        name = _short(term)
        english = _en(schema, term, RDFS.label)
        if not english:
            rows.append(QCRow("ERROR", "missing_label", name, "ontology/",
                              "add an English rdfs:label in lower case"))
        for label in english:
            labels[label.lower()].append(name)
            if label != label.lower():
                rows.append(QCRow("WARN", "label_case", name, "ontology/",
                                  f"English label {label!r} is not in lower case"))
        if not _en(schema, term, SKOS.definition):
            rows.append(QCRow("ERROR", "missing_definition", name, "ontology/",
                              "add an English skos:definition in your own words"))
    for term in sorted(properties):
        if (term, RDF.type, OWL.AnnotationProperty) in schema:
            continue
        for predicate, rule in ((RDFS.domain, "missing_domain"), (RDFS.range, "missing_range")):
            if schema.value(term, predicate) is None:
                note = " ".join(str(n) for n in schema.objects(term, SKOS.scopeNote))
                rows.append(QCRow("WARN", rule, _short(term), "ontology/",
                                  f"no rdfs:{predicate.split('#')[-1]}" + (f" ({note})" if note
                                                                           else "")))
    for label, names in sorted(labels.items()):
        if len(names) > 1:
            rows.append(QCRow("ERROR", "duplicate_label", ", ".join(sorted(names)), "ontology/",
                              f"English label {label!r} is used by {len(names)} terms"))
    ontology = next(iter(schema.subjects(RDF.type, OWL.Ontology)), None)
    if ontology is None:
        rows.append(QCRow("ERROR", "missing_header", "-", "ontology/",
                          "no owl:Ontology header"))
    else:
        if schema.value(ontology, DCTERMS.license) is None:
            rows.append(QCRow("ERROR", "missing_licence", str(ontology), "ontology/",
                              "add dcterms:license to the ontology header"))
        for predicate in (DCTERMS.title, DCTERMS.description, OWL.versionIRI, OWL.versionInfo,
                          DCTERMS.creator, VANN.preferredNamespacePrefix,
                          VANN.preferredNamespaceUri):
            if schema.value(ontology, predicate) is None:
                rows.append(QCRow("WARN", "missing_header", str(ontology), "ontology/",
                                  f"add {_short(predicate)} to the ontology header"))
    rows += _unconnected(schema, classes)
    n_object = sum(1 for p in properties if (p, RDF.type, OWL.ObjectProperty) in schema)
    n_data = sum(1 for p in properties if (p, RDF.type, OWL.DatatypeProperty) in schema)
    rows.append(QCRow("INFO", "summary", "ontology", "ontology/",
                      f"{len(classes)} classes, {n_object} object properties, {n_data} datatype "
                      f"properties, {len(schema)} triples"))
    return rows


def _unconnected(schema: Graph, classes: set) -> list[QCRow]:
    """Classes tied to nothing: no superclass, subclass, definition, domain or range (OOPS P04)."""
    rows = []
    mentioned = {o for p in (RDFS.domain, RDFS.range) for o in schema.objects(None, p)}
    for node in list(mentioned):
        if not _is_iri(node):
            for key in (OWL.unionOf, OWL.intersectionOf):
                head = schema.value(node, key)
                if head is not None:
                    mentioned.update(schema.items(head))
    for cls in sorted(classes):
        tied = (schema.value(cls, RDFS.subClassOf) is not None
                or schema.value(None, RDFS.subClassOf, cls) is not None
                or schema.value(cls, OWL.equivalentClass) is not None
                or cls in mentioned)
        if not tied:
            rows.append(QCRow("WARN", "unconnected_class", _short(cls), "ontology/",
                              "no superclass, subclass, definition, domain or range uses it"))
    return rows


def _check_vocabularies(vocabularies: Graph) -> list[QCRow]:
    rows = []
    by_scheme: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    across: dict[str, set] = defaultdict(set)
    for scheme in sorted(vocabularies.subjects(RDF.type, SKOS.ConceptScheme)):
        if not _en(vocabularies, scheme, SKOS.prefLabel):
            rows.append(QCRow("ERROR", "missing_label", _short(scheme), "ontology/vocabularies/",
                              "add an English skos:prefLabel to the scheme"))
        if vocabularies.value(scheme, DCTERMS.license) is None:
            rows.append(QCRow("WARN", "missing_licence", _short(scheme), "ontology/vocabularies/",
                              "add dcterms:license to the concept scheme"))
    for concept in sorted(vocabularies.subjects(RDF.type, SKOS.Concept)):
        name = _short(concept)
        english = _en(vocabularies, concept, SKOS.prefLabel)
        if not english:
            rows.append(QCRow("ERROR", "missing_label", name, "ontology/vocabularies/",
                              "add an English skos:prefLabel"))
        if not _en(vocabularies, concept, SKOS.definition):
            rows.append(QCRow("ERROR", "missing_definition", name, "ontology/vocabularies/",
                              "add an English skos:definition in your own words"))
        for scheme in vocabularies.objects(concept, SKOS.inScheme):
            for label in english:
                by_scheme[str(scheme)][label.lower()].append(name)
                across[label.lower()].add(str(scheme))
    for scheme, labels in sorted(by_scheme.items()):
        for label, names in sorted(labels.items()):
            if len(names) > 1:
                rows.append(QCRow("ERROR", "duplicate_label", ", ".join(sorted(names)),
                                  _short(scheme), f"English label {label!r} is used twice"))
    for label, schemes in sorted(across.items()):
        if len(schemes) > 1:
            rows.append(QCRow("INFO", "duplicate_label", label, "ontology/vocabularies/",
                              "the same English label in schemes "
                              + ", ".join(_short(s) for s in sorted(schemes))))
    counts = defaultdict(int)
    for concept in vocabularies.subjects(RDF.type, SKOS.Concept):
        for scheme in vocabularies.objects(concept, SKOS.inScheme):
            counts[_short(scheme)] += 1
    rows.append(QCRow("INFO", "summary", "vocabularies", "ontology/vocabularies/",
                      ", ".join(f"{s}: {n}" for s, n in sorted(counts.items()))))
    return rows


class _Usage:
    """Where each term (class or property IRI) and each vocab concept IRI is used."""

    def __init__(self) -> None:
        self.terms: dict[str, set[str]] = defaultdict(set)
        self.concepts: dict[str, set[str]] = defaultdict(set)

    def add(self, iri: str, where: str) -> None:
        if iri.startswith(str(VOCAB)):
            self.concepts[iri].add(where)
        elif not iri.startswith(RESOURCE_NAMESPACES):
            self.terms[iri].add(where)

    def add_graph(self, graph: Graph, where: str) -> None:
        for _, p, o in graph:
            self.add(str(p), where)
            if _is_iri(o) and (p == RDF.type or str(o).startswith(str(VOCAB))):
                self.add(str(o), where)

    def add_sparql(self, text: str, where: str) -> None:
        prefixes = dict(PREFIXES) | {m.group(1): m.group(2) for m in _PREFIX_DECL.finditer(text)}
        body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
        body = _PREFIX_DECL.sub(" ", body)
        body = _STRING.sub('""', body)  # string literals are not terms
        for iri in _IRI.findall(body):
            self.add(iri, where)
        for prefix, local in _PNAME.findall(body):
            if prefix not in _PATH_PREFIXES:
                local = local.split("/")[0]
            if prefix in prefixes:
                self.add(prefixes[prefix] + local, where)


def _shape_usage(usage: _Usage, shapes: Graph, where: str) -> None:
    from rdflib.namespace import SH

    for predicate in (SH.targetClass, SH["class"], SH.path, SH.targetSubjectsOf,
                      SH.targetObjectsOf, SH.hasValue, SH.inversePath, RDF.first):
        for node in shapes.objects(None, predicate):
            if _is_iri(node) and (predicate != RDF.first or str(node).startswith(
                    (str(C2C), str(VOCAB)))):
                usage.add(str(node), where)
    for kind in (SH.select, SH.ask, SH.construct):
        for text in shapes.objects(None, kind):
            declared = {str(p): str(n) for d in shapes.objects(None, SH.declare)
                        for p in shapes.objects(d, SH.prefix)
                        for n in shapes.objects(d, SH.namespace)}
            prologue = "".join(f"PREFIX {p}: <{n}>\n" for p, n in declared.items())
            usage.add_sparql(prologue + str(text), where)


def check_graphs(schema: Graph, vocabularies: Graph, usage: _Usage | None = None,
                 concept_records: set[str] | None = None) -> list[QCRow]:
    """All QC rows for an ontology, its vocabularies and (optionally) where terms are used."""
    rows = _check_schema(schema) + _check_vocabularies(vocabularies)
    if usage is not None:
        rows += _check_usage(schema, vocabularies, usage, concept_records or set())
    return sorted(rows, key=lambda r: (LEVELS.index(r.level), r.rule, r.subject, r.where))


def _used_or_implied(schema: Graph, used: set) -> set:
    """Used terms, plus what they imply: superclasses and superproperties of used terms,
    inverses of used properties, and defined classes (their members are inferred)."""
    implied = set(used)
    for a, b in schema.subject_objects(OWL.inverseOf):
        if a in used or b in used:
            implied |= {a, b}
    implied |= {c for c, e in schema.subject_objects(OWL.equivalentClass) if not _is_iri(e)}
    todo = list(implied)
    while todo:
        term = todo.pop()
        for predicate in (RDFS.subClassOf, RDFS.subPropertyOf):
            for parent in schema.objects(term, predicate):
                if _is_iri(parent) and parent not in implied:
                    implied.add(parent)
                    todo.append(parent)
    if C2C.hasPartner in implied:
        implied.add(C2C.partnerOf)  # the build derives it from hasPartner
    return implied


def _check_usage(schema: Graph, vocabularies: Graph, usage: _Usage,
                 concept_records: set[str]) -> list[QCRow]:
    from rdflib import URIRef

    rows = []
    accepted = accepted_terms()
    declared = {str(s) for s in schema.subjects() if _is_iri(s)}
    for iri, places in sorted(usage.terms.items()):
        where = ", ".join(sorted(places))
        if iri.startswith(str(C2C)):
            if iri not in declared:
                rows.append(QCRow("ERROR", "undefined_term", _short(iri), where,
                                  "not declared in ontology/c2c.ttl: declare it or fix the name"))
            continue
        namespace = next((ns for ns in sorted(accepted, key=len, reverse=True)
                          if iri.startswith(ns)), None)
        if namespace is None:
            rows.append(QCRow("WARN", "unknown_namespace", iri, where,
                              "a term of a vocabulary the project does not declare"))
        elif iri[len(namespace):] not in accepted[namespace] and iri not in declared:
            rows.append(QCRow("ERROR", "undefined_term", _short(iri), where,
                              "the standard vocabulary has no such term: check the spelling"))
    used = _used_or_implied(schema, {URIRef(t) for t in usage.terms})
    for term in sorted(_ontology_terms(schema)[2]):
        if term not in used:
            rows.append(QCRow("INFO", "unused_term", _short(term), "ontology/",
                              "declared but not used by any record, shape or query yet"))
    concepts = {str(c) for c in vocabularies.subjects(RDF.type, SKOS.Concept)}
    concepts |= {str(c) for c in vocabularies.subjects(RDF.type, SKOS.ConceptScheme)}
    # the code lists of skos:notation values (CBS, ISO 3166) are datatypes, not concepts
    concepts |= {str(c) for c in vocabularies.subjects(RDF.type, RDFS.Datatype)}
    for iri, places in sorted(usage.concepts.items()):
        if iri not in concepts and iri not in concept_records:
            rows.append(QCRow("ERROR", "unknown_concept", _short(iri), ", ".join(sorted(places)),
                              "no concept scheme file or concept record defines it: add it to "
                              "ontology/vocabularies/ or data/records/concepts.yaml"))
    return rows


def project_usage(project: Project, record_graphs: Iterable[tuple[Path, Graph]]
                  ) -> tuple[_Usage, set[str]]:
    """Where the project's data (each record file's mapped graph), shapes and queries use terms."""
    from rdflib import Graph

    from ..rdfio import parse_file

    usage = _Usage()
    concept_records: set[str] = set()
    for path, graph in record_graphs:
        usage.add_graph(graph, _rel(project, path))
        concept_records |= {str(s) for s in graph.subjects(RDF.type, SKOS.Concept)}
    for path in sorted(project.shapes.glob("*.ttl")):
        _shape_usage(usage, parse_file(path, Graph()), _rel(project, path))
    for path in sorted(project.queries.glob("*.rq")):
        usage.add_sparql(path.read_text(encoding="utf-8"), _rel(project, path))
    return usage, concept_records


def _rel(project: Project, path: Path) -> str:
    try:
        return str(path.relative_to(project.root))
    except ValueError:
        return str(path)


def check_project(project: Project, record_graphs: Iterable[tuple[Path, Graph]]) -> list[QCRow]:
    """The QC report for the project's ontology, vocabularies, records, shapes and queries.

    ``record_graphs`` gives each record file with the RDF its records map to (see
    :func:`c2c_kg.graph.records.mapped_record_files`).
    """
    from .schema import read_schema, read_vocabularies

    usage, concept_records = project_usage(project, record_graphs)
    return check_graphs(read_schema(project), read_vocabularies(project), usage,
                        concept_records)


def rows_results(rows: list[QCRow]):
    """The rows as query-style results, for the table printer."""
    return findings.results(rows)


def to_tsv(rows: list[QCRow]) -> str:
    """The rows as plain tab-separated values with a header line (tabs in values become spaces)."""
    return findings.to_tsv(rows)
