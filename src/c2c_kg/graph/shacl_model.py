"""The shapes graph read into plain objects for the fast SHACL engine (:mod:`.shacl_fast`).

Every shape that a result can come from is a :class:`Shape`; each knows whether the fast engine
evaluates it exactly like pyshacl (``unsupported`` lists the reasons when it does not), so that
:mod:`.shacl` can hand those shapes, and only those, to pyshacl.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rdflib import OWL, RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.namespace import SH

__all__ = ["Path", "Shape", "ShapesModel", "SparqlConstraint", "read_shapes"]

# Constraint parameters the engine implements (one parameter per core constraint component,
# plus the pairs read together: the qualified counts and sh:flags).
CORE = {
    SH["class"], SH.datatype, SH.nodeKind, SH.minCount, SH.maxCount, SH.minExclusive,
    SH.minInclusive, SH.maxExclusive, SH.maxInclusive, SH.minLength, SH.maxLength, SH.pattern,
    SH.languageIn, SH.uniqueLang, SH.equals, SH.disjoint, SH.lessThan, SH.lessThanOrEquals,
    SH["not"], SH["and"], SH["or"], SH.xone, SH.node, SH.property, SH.qualifiedValueShape,
    SH.closed, SH.hasValue, SH["in"],
}
COMPANIONS = {SH.flags, SH.ignoredProperties, SH.qualifiedMinCount, SH.qualifiedMaxCount,
              SH.qualifiedValueShapesDisjoint}
TARGETS = {SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target}
# Parameters of pyshacl's advanced features that the fast engine leaves to pyshacl.
ADVANCED = {SH.rule, SH.expression, SH.js, SH.condition}
PATTERN_FLAGS = {"i": re.IGNORECASE, "m": re.MULTILINE, "s": re.DOTALL, "x": re.VERBOSE}


@dataclass(frozen=True)
class Path:
    """A SHACL property path: ``kind`` is pred, inv, seq, alt, zom, oom or zoo."""

    kind: str
    iri: URIRef | None = None
    parts: tuple[Path, ...] = ()


@dataclass
class SparqlConstraint:
    node: URIRef | BNode
    query: str
    messages: list[Literal]
    deactivated: bool = False


@dataclass
class Shape:
    node: URIRef | BNode
    path: Path | None
    path_node: URIRef | BNode | None
    severity: URIRef
    messages: list[Literal]
    deactivated: bool
    params: dict[URIRef, list] = field(default_factory=dict)
    sparql: list[SparqlConstraint] = field(default_factory=list)
    unsupported: list[str] = field(default_factory=list)
    targets: dict[URIRef, list] = field(default_factory=dict)
    implicit_class: bool = False

    @property
    def is_property(self) -> bool:
        return self.path is not None

    def param(self, name: URIRef):
        values = self.params.get(name)
        return values[0] if values else None

    def has_targets(self) -> bool:
        return self.implicit_class or any(self.targets.values())


@dataclass
class ShapesModel:
    graph: Graph
    shapes: dict = field(default_factory=dict)  # node -> Shape
    prefixes: dict = field(default_factory=dict)  # node with sh:declare -> PREFIX text
    global_unsupported: list[str] = field(default_factory=list)

    def shape(self, node) -> Shape:
        if node not in self.shapes:
            self.shapes[node] = _read_shape(self, node)
        return self.shapes[node]

    def reach(self, shape: Shape) -> list[Shape]:
        """``shape`` and every shape its constraints refer to (each once)."""
        seen: dict = {}
        todo = [shape]
        while todo:
            current = todo.pop()
            if current.node in seen:
                continue
            seen[current.node] = current
            todo.extend(self.shape(n) for n in _referenced(self.graph, current))
        return list(seen.values())

    def supported(self, shape: Shape) -> list[str]:
        """Why ``shape`` (with what it refers to) must go to pyshacl; empty when it need not."""
        reasons = list(self.global_unsupported)
        reached = self.reach(shape)
        for other in reached:
            reasons.extend(other.unsupported)
        if _recursive(self, shape):
            reasons.append("recursive shape references")
        return reasons


def read_shapes(graph: Graph) -> ShapesModel:
    """Every shape of ``graph`` with targets, and the shapes they refer to."""
    model = ShapesModel(graph)
    if any(graph.triples((None, SH.rule, None))) or any(graph.triples((None, SH.entailment, None))):
        model.global_unsupported.append("SHACL rules or entailment")
    custom = any(next(graph.triples((None, p, None)), None) for p in (
        SH.parameter, SH.validator, SH.nodeValidator, SH.propertyValidator))
    if custom or any(graph.subjects(RDF.type, SH.ConstraintComponent)):
        model.global_unsupported.append("SPARQL-based constraint components")
    candidates = set()
    for predicate in TARGETS:
        candidates.update(graph.subjects(predicate, None))
    for kind in (SH.NodeShape, SH.PropertyShape):
        for node in graph.subjects(RDF.type, kind):
            if (node, RDF.type, RDFS.Class) in graph:
                candidates.add(node)
    for node in candidates:
        model.shape(node)
    return model


def _read_shape(model: ShapesModel, node) -> Shape:
    g = model.graph
    path_node = g.value(node, SH.path)
    unsupported: list[str] = []
    path = None
    if path_node is not None:
        try:
            path = _path(g, path_node)
        except ValueError as error:
            unsupported.append(str(error))
            path = Path("pred", URIRef("urn:unsupported"))
    severity = g.value(node, SH.severity) or SH.Violation
    deactivated = any(
        isinstance(v, Literal) and v.value is True for v in g.objects(node, SH.deactivated)
    )
    params: dict = {}
    for predicate, value in g.predicate_objects(node):
        if predicate in CORE or predicate in COMPANIONS:
            params.setdefault(predicate, []).append(value)
        elif predicate in ADVANCED:
            unsupported.append(f"advanced feature {predicate}")
    if len(params.get(SH.pattern, [])) > 1 and SH.flags in params:
        unsupported.append("several sh:pattern with sh:flags")
    for name in (SH.minCount, SH.maxCount, SH.minLength, SH.maxLength, SH.qualifiedMinCount,
                 SH.qualifiedMaxCount):
        for value in params.get(name, []):
            if not (isinstance(value, Literal) and isinstance(value.value, int)):
                unsupported.append(f"non-integer {name}")
    if SH.qualifiedValueShape in params and len(params[SH.qualifiedValueShape]) > 1:
        unsupported.append("several sh:qualifiedValueShape")
    sparql = []
    for constraint in g.objects(node, SH.sparql):
        select = g.value(constraint, SH.select)
        if select is None or g.value(constraint, SH.ask) is not None:
            unsupported.append("SPARQL constraint without sh:select")
            continue
        text = str(select)
        if re.search(r"[?$](shapesGraph|PATH)\b", text):
            unsupported.append("SPARQL constraint using $shapesGraph or $PATH")
        if _prebinding_differs(text):
            unsupported.append("SPARQL constraint where Oxigraph's substitution is not SHACL's")
        prefixes = "".join(_prefix_text(model, p) for p in g.objects(constraint, SH.prefixes))
        sparql.append(SparqlConstraint(
            constraint, prefixes + text, list(g.objects(constraint, SH.message)),
            any(isinstance(v, Literal) and v.value is True
                for v in g.objects(constraint, SH.deactivated)),
        ))
    targets = {p: list(g.objects(node, p)) for p in TARGETS}
    for target in targets[SH.target]:
        if (target, RDF.type, SH.SPARQLTarget) not in g or g.value(target, SH.select) is None:
            unsupported.append("a target other than sh:SPARQLTarget")
    implicit = (node, RDF.type, RDFS.Class) in g and (
        (node, RDF.type, SH.NodeShape) in g or (node, RDF.type, SH.PropertyShape) in g)
    return Shape(node, path, path_node, severity, list(g.objects(node, SH.message)), deactivated,
                 params, sparql, unsupported, targets, implicit)


def target_query(model: ShapesModel, target) -> str:
    g = model.graph
    prefixes = "".join(_prefix_text(model, p) for p in g.objects(target, SH.prefixes))
    return prefixes + str(g.value(target, SH.select))


def _prefix_text(model: ShapesModel, node) -> str:
    if node in model.prefixes:
        return model.prefixes[node]
    lines = []
    holders = [node, *model.graph.objects(node, OWL.imports)]
    for declaration in (d for h in holders for d in model.graph.objects(h, SH.declare)):
        prefix = model.graph.value(declaration, SH.prefix)
        namespace = model.graph.value(declaration, SH.namespace)
        if prefix is not None and namespace is not None:
            lines.append(f"PREFIX {prefix}: <{namespace}>\n")
    model.prefixes[node] = "".join(lines)
    return model.prefixes[node]


def _prebinding_differs(text: str) -> bool:
    """Whether Oxigraph's ``substitutions`` (an initial binding) may not give SHACL's
    pre-binding: ``$this`` in a FILTER of a nested group, a subquery, or the forms SHACL
    forbids with pre-bound variables (MINUS, VALUES, SERVICE, BIND/AS)."""
    if re.search(r"\b(MINUS|VALUES|SERVICE|BIND)\b|\bAS\s*[?$]", text, re.I):
        return True
    if len(re.findall(r"\bSELECT\b", text, re.I)) > 1:
        return True
    depth = 0
    for match in re.finditer(r"[{}]|\bFILTER\b[^\n]*", text, re.I):
        token = match.group(0)
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
        elif depth >= 2 and re.search(r"[?$]this\b", token):
            return True
    return False


def _referenced(g: Graph, shape: Shape) -> list:
    nodes = []
    for name in (SH.node, SH.property, SH["not"], SH.qualifiedValueShape):
        nodes.extend(shape.params.get(name, []))
    for name in (SH["and"], SH["or"], SH.xone):
        for lst in shape.params.get(name, []):
            nodes.extend(g.items(lst))
    return nodes


def _recursive(model: ShapesModel, shape: Shape) -> bool:
    state: dict = {}

    def visit(node) -> bool:
        if state.get(node) == 1:
            return True
        if state.get(node) == 2:
            return False
        state[node] = 1
        found = any(visit(n) for n in _referenced(model.graph, model.shape(node)))
        state[node] = 2
        return found

    return visit(shape.node)


def _path(g: Graph, node) -> Path:
    if isinstance(node, URIRef):
        return Path("pred", node)
    if not isinstance(node, BNode):
        raise ValueError("a literal as sh:path")
    first = g.value(node, RDF.first)
    if first is not None:
        return Path("seq", parts=tuple(_path(g, item) for item in g.items(node)))
    for predicate, kind in ((SH.inversePath, "inv"), (SH.zeroOrMorePath, "zom"),
                            (SH.oneOrMorePath, "oom"), (SH.zeroOrOnePath, "zoo")):
        inner = g.value(node, predicate)
        if inner is not None:
            return Path(kind, parts=(_path(g, inner),))
    alternatives = g.value(node, SH.alternativePath)
    if alternatives is not None:
        return Path("alt", parts=tuple(_path(g, item) for item in g.items(alternatives)))
    raise ValueError("an unknown kind of sh:path")
