"""SHACL validation with pyshacl: the shapes in ``shapes/`` against a data graph.

The ontology is passed as pyshacl's ontology graph, so ``sh:targetClass`` reaches instances of
subclasses without RDFS inference over the whole data graph.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SH

from ..rdfio import parse_file

__all__ = ["ValidationReport", "Violation", "load_shapes", "validate_graph"]


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


@dataclass
class ValidationReport:
    conforms: bool
    violations: list[Violation]
    graph: Graph

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
        from ..results import Cell

        return Cell("uri", str(term)).short()
    if isinstance(term, Literal):
        return repr(str(term))
    return str(term)


def validate_graph(data: Graph, shapes: Graph, ontology: Graph | None = None) -> ValidationReport:
    """Validate ``data`` against ``shapes``; the report lists violations sorted for reading."""
    from pyshacl import validate

    conforms, report, _ = validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference="none",
        advanced=True, allow_warnings=True, abort_on_first=False,
    )
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
    order = {"Violation": 0, "Warning": 1, "Info": 2}
    violations.sort(key=lambda v: (order.get(v.severity, 3), v.focus, v.path, v.message))
    return ValidationReport(bool(conforms), violations, report)
