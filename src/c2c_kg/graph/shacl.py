"""SHACL validation: the shapes in ``shapes/`` against a data graph, with pyshacl's results.

Two engines give the same report. ``pyshacl`` is the reference. ``fast`` (the default) loads the
data into a pyoxigraph store and runs :mod:`.shacl_fast` there; a shape it does not cover (see
:meth:`ShapesModel.supported`) goes to pyshacl, alone. The ontology is mixed into the data the way
pyshacl mixes its ontology graph, so ``sh:targetClass`` reaches instances of subclasses without
RDFS inference over the whole data graph.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.namespace import SH

from ..rdfio import parse_file

__all__ = [
    "ENGINES", "ValidationReport", "Violation", "load_shapes", "ontology_triples", "validate_graph",
    "validate_store", "validate_triples",
]

ENGINES = ("fast", "pyshacl")


@dataclass(frozen=True)
class Violation:
    """One result of a SHACL report, in the words a person needs to fix it."""

    severity: str
    focus: str
    path: str
    value: str
    message: str
    shape: str

    def line(self) -> str:
        where = f" {self.path}" if self.path else ""
        value = f" (value: {self.value})" if self.value else ""
        return f"[{self.severity}] {self.focus}{where}: {self.message}{value}"


class ValidationReport:
    """Whether the data conforms, its violations, and the SHACL report graph (made when first
    asked for, when the engine gives it as a function: a million results make a big graph)."""

    def __init__(self, conforms: bool, violations: list[Violation], graph=None):
        self.conforms = conforms
        self.violations = violations
        self._graph = graph

    @property
    def graph(self) -> Graph:
        if callable(self._graph):
            self._graph = self._graph()
        return self._graph

    def __repr__(self) -> str:
        return f"ValidationReport(conforms={self.conforms}, violations={len(self.violations)})"

    def text(self) -> str:
        if self.conforms:
            return "The data conforms to the shapes."
        lines = [v.line() for v in self.violations]
        return f"{len(lines)} SHACL result(s):\n" + "\n".join(lines)


def load_shapes(folder: Path) -> Graph:
    """Every ``*.ttl`` file in ``folder`` as one shapes graph."""
    shapes = Graph()
    for path in sorted(folder.glob("*.ttl")):
        parse_file(path, shapes)
    return shapes


def _short(term) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return _short_iri(str(term))
    if isinstance(term, Literal):
        return repr(str(term))
    return str(term)


@lru_cache(maxsize=200_000)
def _short_iri(iri: str) -> str:
    from ..results import Cell

    return Cell("uri", iri).short()


def validate_graph(data: Graph, shapes: Graph, ontology: Graph | None = None, *,
                   engine: str | None = None, allow_warnings: bool = True) -> ValidationReport:
    """Validate ``data`` against ``shapes``; the report lists violations sorted for reading.

    ``engine`` is ``fast`` or ``pyshacl``; by default ``$C2C_KG_SHACL_ENGINE``, else ``fast``
    (so that a build can be validated by the reference engine without a code change).

    With ``allow_warnings`` (pyshacl's option), results of shapes whose severity is sh:Warning
    or sh:Info leave the data conforming.
    """
    engine = engine or os.environ.get("C2C_KG_SHACL_ENGINE") or "fast"
    if engine == "pyshacl":
        return _report(*_pyshacl(data, shapes, ontology, allow_warnings))
    if engine != "fast":
        raise ValueError(f"unknown SHACL engine {engine!r}: use one of {', '.join(ENGINES)}")

    from .shacl_fast import Data, to_ox

    mixed = _mixin(ontology) if ontology is not None else Graph()
    cache: dict = {}
    ill_typed: dict = {}

    def convert(term):
        found = cache.get(term)
        if found is None:
            found = cache[term] = to_ox(term)
        if isinstance(term, Literal) and getattr(term, "ill_typed", False):
            ill_typed[found] = term  # rdflib reads "none"^^xsd:boolean as an ill-typed "false"
        return found

    indexed = Data((convert(s), convert(p), convert(o)) for graph in (data, mixed)
                   for s, p, o in graph)
    indexed.origin.update(ill_typed)
    return _fast(indexed, shapes, data, lambda: (data, ontology),
                 allow_warnings=allow_warnings)


def validate_store(store, shapes: Graph, *, graphs: list | None = None,
                   focus: set | None = None) -> ValidationReport:
    """Validate the data in a pyoxigraph ``store`` (its default graph, or the union of
    ``graphs``) against ``shapes`` with the fast engine.

    The ontology must already be in the data (mix it in with :func:`ontology_triples`).
    ``focus`` (pyoxigraph terms) keeps only the results on those focus nodes, as a transactional
    validator does for the resources a contribution touches; the results on them are the same
    as a full validation's.
    """
    from .shacl_fast import Data

    data = Data.of_store(store, graphs)
    return _fast(data, shapes, None, lambda: (_export(data), None), focus)


def validate_triples(triples, shapes: Graph, *, focus: set | None = None) -> ValidationReport:
    """Validate pyoxigraph triples (e.g. from ``pyoxigraph.parse``, with the graph and the
    ontology's triples) against ``shapes`` with the fast engine; ``focus`` as in
    :func:`validate_store`. Literals are checked as written, unlike in a store."""
    from .shacl_fast import Data

    data = Data((t.subject, t.predicate, t.object) if hasattr(t, "subject") else t
                for t in triples)
    return _fast(data, shapes, None, lambda: (_export(data), None), focus)


def ontology_triples(ontology: Graph) -> Graph:
    """The triples of ``ontology`` that pyshacl mixes into the data graph."""
    return _mixin(ontology)


# --- the fast engine, with pyshacl for the shapes it does not cover ----------------------------

def _fast(data, shapes: Graph, graph: Graph | None, rdflib_data,
          focus: set | None = None, allow_warnings: bool = True) -> ValidationReport:
    from .shacl_fast import Engine
    from .shacl_model import read_shapes

    model = read_shapes(shapes)
    targeted = [s for s in list(model.shapes.values()) if s.has_targets()]
    fast = [s for s in targeted if not model.supported(s)]
    slow = [s for s in targeted if model.supported(s)]
    engine = Engine(model, data)
    results, failing = [], False
    for shape in fast:
        found = engine.validate([shape], focus)
        results.extend(found)
        if allow_warnings:
            failing = failing or (shape.severity == SH.Violation
                                  and any(r.shape.severity == SH.Violation for r in found))
        else:
            failing = failing or bool(found)
    data_graph = graph if graph is not None else Graph()
    messages = _Messages(shapes, data_graph)
    violations = _violations(results, messages)
    conforms = not failing
    slow_report = None
    if slow:
        rdf_graph, ontology = rdflib_data()
        reduced = _without_targets(shapes, fast) if fast else shapes
        slow_conforms, slow_report = _pyshacl(rdf_graph, reduced, ontology, allow_warnings)
        conforms = conforms and slow_conforms
        merged = _report_graph(shapes, [], data_graph, messages)
        _merge(merged, slow_report, focus)
        violations.extend(_report(conforms, merged).violations)

    def make_graph() -> Graph:
        report = _report_graph(shapes, results, data_graph, messages)
        if slow_report is not None:
            _merge(report, slow_report, focus)
        root = report.value(predicate=RDF.type, object=SH.ValidationReport, any=False)
        report.set((root, SH.conforms, Literal(conforms)))
        return report

    return ValidationReport(conforms, _sorted(violations), make_graph)


def _violations(results, messages) -> list[Violation]:
    """The violations of the fast engine's results, with their sh:detail results, as
    :func:`_report` reads them from a report graph."""
    out: list[Violation] = []
    todo = list(results)
    while todo:
        result = todo.pop()
        todo.extend(result.details)
        path = result.path if result.path is not None else result.shape.path_node
        texts = sorted(str(m) for m in set(messages.of(result)))
        out.append(Violation(
            severity=str(result.shape.severity).rsplit("#", 1)[-1],
            focus=_short(result.focus), path=_short(path), value=_short(result.value),
            message=" ".join(texts) or "violates a shape", shape=_short(result.shape.node),
        ))
    return out


def _mixin(ontology: Graph) -> Graph:
    from .mixin import ontology_mixin

    return ontology_mixin(ontology)


def _export(data) -> Graph:
    from .shacl_fast import to_rdf

    graph = Graph()
    for s, p, o in data.triples():
        graph.add((to_rdf(s), to_rdf(p), to_rdf(o)))
    return graph


def _without_targets(shapes: Graph, handled) -> Graph:
    """``shapes`` without the targets of the shapes the fast engine ``handled``."""
    from .shacl_model import TARGETS

    reduced = Graph()
    for prefix, namespace in shapes.namespaces():
        reduced.bind(prefix, namespace)
    nodes = {s.node for s in handled}
    for s, p, o in shapes:
        if s in nodes and (p in TARGETS or (p == RDF.type and o == RDFS.Class)):
            continue
        reduced.add((s, p, o))
    return reduced


def _merge(report: Graph, other: Graph, focus: set | None) -> None:
    """Add the results of ``other`` (pyshacl's report) to ``report``, blank nodes unchanged."""
    from .shacl_fast import to_rdf

    wanted = None if focus is None else {to_rdf(f) for f in focus}
    root = report.value(predicate=RDF.type, object=SH.ValidationReport, any=False)
    for result in other.objects(None, SH.result):
        if wanted is not None and other.value(result, SH.focusNode) not in wanted:
            continue
        report.add((root, SH.result, result))
        todo, seen = [result], set()
        while todo:
            node = todo.pop()
            if node in seen:
                continue
            seen.add(node)
            for p, o in other.predicate_objects(node):
                report.add((node, p, o))
                if isinstance(o, BNode):
                    todo.append(o)


def _report_graph(shapes: Graph, results, data: Graph, messages=None) -> Graph:
    """A report graph in pyshacl's form: results, shapes and paths copied from the shapes."""
    from pyshacl.rdfutil.clone import clone_blank_node

    report = Graph(bind_namespaces="core")
    for prefix, namespace in shapes.namespace_manager.namespaces():
        report.namespace_manager.bind(prefix, namespace)
    root = BNode()
    report.add((root, RDF.type, SH.ValidationReport))
    report.add((root, SH.conforms, Literal(True)))
    cloned: dict = {}

    def copy(node):
        if not isinstance(node, BNode):
            return node
        if node not in cloned:
            cloned[node] = clone_blank_node(shapes, node, report, keepid=True)
        return cloned[node]

    def copy_data(node):
        if not isinstance(node, BNode) or data is None or (node, None, None) not in data:
            return node
        return clone_blank_node(data, node, report, keepid=True)

    messages = messages or _Messages(shapes, data)

    def add(result) -> BNode:
        shape = result.shape
        r = BNode()
        report.add((r, RDF.type, SH.ValidationResult))
        report.add((r, SH.sourceConstraintComponent, result.component))
        report.add((r, SH.sourceShape, copy(shape.node)))
        report.add((r, SH.resultSeverity, shape.severity))
        report.add((r, SH.focusNode, copy_data(result.focus)))
        if result.value is not None:
            report.add((r, SH.value, copy_data(result.value)))
        path = result.path if result.path is not None else shape.path_node
        if path is not None:
            report.add((r, SH.resultPath, copy(path)))
        if result.source_constraint is not None:
            report.add((r, SH.sourceConstraint, copy(result.source_constraint)))
        for message in messages.of(result):
            report.add((r, SH.resultMessage, message))
        for detail in result.details:
            report.add((r, SH.detail, add(detail)))
        return r

    for result in results:
        report.add((root, SH.result, add(result)))
    return report


class _Messages:
    """pyshacl's messages: the shape's ``sh:message``, the SPARQL constraint's with its
    variables filled in, or else pyshacl's own generic message for the constraint."""

    def __init__(self, shapes: Graph, data: Graph):
        self.shapes = shapes
        self.data = data
        self._pyshacl = None

    def of(self, result) -> list:
        from .shacl_fast import _substitute

        own = list(result.shape.messages)
        if result.bound is not None:
            own = [_substitute(m, result.bound) for m in own]
        if result.extra_messages:
            return list(dict.fromkeys([*result.extra_messages, *own]))
        return own or self.generic(result)

    def generic(self, result) -> list:
        try:
            from pyshacl.constraints import ALL_CONSTRAINT_COMPONENTS
            from pyshacl.shapes_graph import ShapesGraph

            if self._pyshacl is None:
                self._pyshacl = ShapesGraph(self.shapes)
                _ = self._pyshacl.shapes  # reads every shape into pyshacl's cache
            shape = self._pyshacl.lookup_shape_from_node(result.shape.node)
            component = result.component
            if component in (SH.QualifiedMinCountConstraintComponent,
                             SH.QualifiedMaxCountConstraintComponent):
                from pyshacl.constraints.core.shape_based_constraints import (
                    QualifiedValueShapeConstraintComponent as Qualified,
                )

                return list(Qualified(shape).make_generic_messages(
                    self.data, result.focus, result.value))
            for cls in ALL_CONSTRAINT_COMPONENTS:
                if getattr(cls, "shacl_constraint_component", None) == component:
                    return list(cls(shape).make_generic_messages(
                        self.data, result.focus, result.value))
        except Exception:  # a message is a courtesy: never fail a validation over it
            return []
        return []


# --- pyshacl, the reference ----------------------------------------------------------------

def _pyshacl(data: Graph, shapes: Graph, ontology: Graph | None, allow_warnings: bool = True):
    from pyshacl import validate

    conforms, report, _ = validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference="none",
        advanced=True, allow_warnings=allow_warnings, abort_on_first=False,
    )
    if not isinstance(report, Graph):  # pyshacl's ValidationFailure: the shapes are unusable
        raise RuntimeError(f"pyshacl could not validate: {report}")
    return bool(conforms), report


def _report(conforms: bool, report: Graph) -> ValidationReport:
    violations = []
    for result in report.subjects(SH.resultSeverity, None):
        severity = str(report.value(result, SH.resultSeverity)).rsplit("#", 1)[-1]
        messages = sorted(str(m) for m in report.objects(result, SH.resultMessage))
        violations.append(Violation(
            severity=severity,
            focus=_short(report.value(result, SH.focusNode)),
            path=_short(report.value(result, SH.resultPath)),
            value=_short(report.value(result, SH.value)),
            message=" ".join(messages) or "violates a shape",
            shape=_short(report.value(result, SH.sourceShape)),
        ))
    return ValidationReport(bool(conforms), _sorted(violations), report)


def _sorted(violations: list[Violation]) -> list[Violation]:
    order = {"Violation": 0, "Warning": 1, "Info": 2}
    return sorted(violations, key=lambda v: (order.get(v.severity, 3), v.focus, v.path,
                                             v.message, v.value, v.shape))
