"""A SHACL Core + SHACL-SPARQL engine over a pyoxigraph store that gives pyshacl's results.

Focus nodes, paths and value nodes are read from the store with quad-pattern lookups; SHACL-SPARQL
constraints and targets are parsed once and run by Oxigraph with ``$this`` substituted
(SEP-0007 pre-binding, the semantics SHACL asks for). Each constraint follows pyshacl 0.40's
reading of the specification, comparison by comparison, so that the results are the same; shapes
this engine does not cover are listed by :meth:`ShapesModel.supported` and left to pyshacl.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal

import pyoxigraph as ox
from rdflib import RDF, RDFS, XSD, BNode, Literal, URIRef
from rdflib.namespace import SH

from .shacl_model import PATTERN_FLAGS, Path, Shape, ShapesModel, target_query

__all__ = ["Engine", "Result", "to_ox", "to_rdf"]

_XSD_STRING = XSD.string
_XSD_STRING_TEXT = str(XSD.string)
_LANG_STRING = RDF.langString
# SHACL terms looked up once (rdflib namespace attributes cost a microsecond each)
_K = {name: SH[name] for name in (
    "AndConstraintComponent", "BlankNode", "BlankNodeOrIRI", "BlankNodeOrLiteral",
    "ClassConstraintComponent", "ClosedConstraintComponent", "DatatypeConstraintComponent",
    "DisjointConstraintComponent", "EqualsConstraintComponent", "HasValueConstraintComponent",
    "IRI", "IRIOrLiteral", "InConstraintComponent", "LanguageInConstraintComponent",
    "LessThanConstraintComponent", "LessThanOrEqualsConstraintComponent", "Literal",
    "MaxCountConstraintComponent", "MaxExclusiveConstraintComponent",
    "MaxInclusiveConstraintComponent", "MaxLengthConstraintComponent",
    "MinCountConstraintComponent", "MinExclusiveConstraintComponent",
    "MinInclusiveConstraintComponent", "MinLengthConstraintComponent", "NodeConstraintComponent",
    "NodeKindConstraintComponent", "NotConstraintComponent", "OrConstraintComponent",
    "PatternConstraintComponent", "QualifiedMaxCountConstraintComponent",
    "QualifiedMinCountConstraintComponent", "SPARQLConstraintComponent",
    "UniqueLangConstraintComponent", "XoneConstraintComponent", "and", "class", "closed",
    "datatype", "disjoint", "equals", "flags", "hasValue", "ignoredProperties", "in", "languageIn",
    "lessThan", "lessThanOrEquals", "maxCount", "maxExclusive", "maxInclusive", "maxLength",
    "minCount", "minExclusive", "minInclusive", "minLength", "node", "nodeKind", "not", "or",
    "path", "pattern", "property", "qualifiedMaxCount", "qualifiedMinCount", "qualifiedValueShape",
    "qualifiedValueShapesDisjoint", "target", "targetClass", "targetNode", "targetObjectsOf",
    "targetSubjectsOf", "uniqueLang", "xone",
)}
_OX_TYPE = ox.NamedNode(str(RDF.type))
_OX_SUBCLASS = ox.NamedNode(str(RDFS.subClassOf))
_OX_RESOURCE = ox.NamedNode(str(RDFS.Resource))


def to_ox(term):
    """An rdflib term as a pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype or _XSD_STRING)))


_OX_IRIS: dict = {}


def _ox_iri(iri: URIRef) -> ox.NamedNode:
    found = _OX_IRIS.get(iri)
    if found is None:
        found = _OX_IRIS[iri] = ox.NamedNode(str(iri))
    return found


def to_rdf(term):
    """A pyoxigraph term as the rdflib term that rdflib's parser would have made of it."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    if datatype == _XSD_STRING_TEXT:
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(datatype))


@dataclass
class Result:
    """One validation result, with data terms as rdflib terms."""

    focus: object
    shape: Shape
    component: URIRef
    value: object = None
    path: object = None  # the result path when it is not the shape's own
    source_constraint: object = None
    extra_messages: list[Literal] = field(default_factory=list)
    bound: dict | None = None
    details: list[Result] = field(default_factory=list)  # sh:detail, as pyshacl gives for sh:node


class Data:
    """The data graph as Python indexes of pyoxigraph terms, and a store for SPARQL.

    Lookups go to the indexes, not to the store: an Oxigraph store keeps literals in a canonical
    form (``"10"^^xsd:nonNegativeInteger`` comes back as ``"10"^^xsd:integer``, ``"1.50"`` as
    ``"1.5"``), and the core constraints must see the literal that was written. SHACL-SPARQL
    constraints and targets run on ``store`` (made from the same triples when not given).
    """

    def __init__(self, triples: Iterable, store: ox.Store | None = None,
                 graphs: list | None = None):
        spo: dict = {}
        pos: dict = {}
        for s, p, o in triples:
            by_p = spo.get(s)
            if by_p is None:
                by_p = spo[s] = {}
            values = by_p.get(p)
            if values is None:
                values = by_p[p] = {}
            values[o] = None
            by_o = pos.get(p)
            if by_o is None:
                by_o = pos[p] = {}
            subjects = by_o.get(o)
            if subjects is None:
                subjects = by_o[o] = {}
            subjects[s] = None
        self._spo = spo
        self._pos = pos
        self.origin: dict = {}  # pyoxigraph term -> the rdflib literal it stands for, if ill-typed
        self._store = store
        self.graphs = graphs or [ox.DefaultGraph()]

    @classmethod
    def of_store(cls, store: ox.Store, graphs: list | None = None) -> Data:
        """The default graph of ``store``, or the union of its ``graphs``."""
        graphs = graphs or [ox.DefaultGraph()]
        triples = ((q.subject, q.predicate, q.object) for g in graphs
                   for q in store.quads_for_pattern(None, None, None, g))
        return cls(triples, store, graphs)

    def objects(self, s, p) -> list:
        by_p = self._spo.get(s)
        return list(by_p.get(p, ())) if by_p else []

    def subjects(self, p, o) -> list:
        by_o = self._pos.get(p)
        return list(by_o.get(o, ())) if by_o else []

    def pairs(self, p) -> Iterable:
        for o, subjects in self._pos.get(p, {}).items():
            for s in subjects:
                yield s, o

    def outgoing(self, s) -> list:
        return [(p, o) for p, values in self._spo.get(s, {}).items() for o in values]

    def triples(self) -> Iterable:
        for s, by_p in self._spo.items():
            for p, values in by_p.items():
                for o in values:
                    yield s, p, o

    def query(self, text: str, substitutions: dict | None = None):
        if self._store is None:
            self._store = ox.Store()
            self._store.bulk_extend(ox.Quad(s, p, o) for s, p, o in self.triples())
        if self.graphs == [ox.DefaultGraph()]:  # naming it makes Oxigraph plan worse
            return self._store.query(text, substitutions=substitutions)
        return self._store.query(text, default_graph=self.graphs, substitutions=substitutions)


class Engine:
    """Validates a :class:`Data` graph against the shapes of a :class:`ShapesModel`."""

    def __init__(self, model: ShapesModel, data: Data):
        self.model = model
        self.data = data
        self._subclasses: dict = {}
        self._instance: dict = {}
        self._conforms: dict = {}
        self._rdf: dict = dict(data.origin)
        self._queries: dict = {}
        self._lists: dict = {}
        self._checks: dict = {}
        self._splits: dict = {}

    # --- the public part -------------------------------------------------------------------

    def validate(self, shapes: Iterable[Shape], focus_filter=None) -> list[Result]:
        """Results of ``shapes`` on their focus nodes (only those in ``focus_filter`` if given)."""
        results: list[Result] = []
        for shape in shapes:
            if shape.deactivated:
                continue
            nodes = [f for f in self.focus_nodes(shape)
                     if focus_filter is None or f in focus_filter]
            for focus in nodes:
                self.evaluate(shape, focus, results)
        return results

    def focus_nodes(self, shape: Shape) -> list:
        nodes: dict = {}
        for node in shape.targets.get(_K["targetNode"], []):
            term = to_ox(node)
            if isinstance(node, Literal) and node.datatype == _XSD_STRING:
                self._rdf[term] = node  # keep the explicit xsd:string that rdflib keeps
            nodes[term] = None
        classes = list(shape.targets.get(_K["targetClass"], []))
        if shape.implicit_class:
            classes.append(shape.node)
        for cls in classes:
            for sub in self.subclasses(to_ox(cls)):
                for node in self.data.subjects(_OX_TYPE, sub):
                    nodes[node] = None
        for predicate in shape.targets.get(_K["targetSubjectsOf"], []):
            for s, _ in self.data.pairs(to_ox(predicate)):
                nodes[s] = None
        for predicate in shape.targets.get(_K["targetObjectsOf"], []):
            for _, o in self.data.pairs(to_ox(predicate)):
                nodes[o] = None
        for target in shape.targets.get(_K["target"], []):
            for row in self.data.query(target_query(self.model, target)):
                if row["this"] is not None:
                    nodes[row["this"]] = None
        return list(nodes)

    # --- evaluation --------------------------------------------------------------------------

    def conforms(self, shape_node, node) -> bool:
        key = (shape_node, node)
        if key not in self._conforms:
            shape = self.model.shape(shape_node)
            self._conforms[key] = shape.deactivated or self.evaluate(shape, node, None)
        return self._conforms[key]

    def evaluate(self, shape: Shape, focus, results: list | None) -> bool:
        """Whether ``focus`` conforms to ``shape``; its results are added to ``results``."""
        if shape.deactivated:
            return True
        values = self.path_values(shape.path, focus) if shape.path is not None else [focus]
        sink: list[Result] = [] if results is None else results
        before = len(sink)
        checks = self._checks.get(shape.node)
        if checks is None:
            checks = self._checks[shape.node] = [c for n, c in _CHECKS if n in shape.params]
        for check in checks:
            check(self, shape, focus, values, sink)
            if results is None and len(sink) > before:
                return False
        if shape.sparql:
            self._sparql(shape, focus, sink)
        return len(sink) == before

    def _add(self, sink, shape, focus, component, value=None, **extra) -> None:
        sink.append(Result(self.rdf(focus), shape, component,
                           None if value is None else self.rdf(value), **extra))

    # --- data helpers --------------------------------------------------------------------------

    def rdf(self, term):
        found = self._rdf.get(term)
        if found is None:
            found = self._rdf[term] = to_rdf(term)
        return found

    def subclasses(self, cls) -> list:
        found = self._subclasses.get(cls)
        if found is None:
            seen = {cls: None}
            todo = [cls]
            while todo:
                for sub in self.data.subjects(_OX_SUBCLASS, todo.pop()):
                    if sub not in seen:
                        seen[sub] = None
                        todo.append(sub)
            found = self._subclasses[cls] = list(seen)
        return found

    def is_instance(self, node, cls) -> bool:
        key = (node, cls)
        found = self._instance.get(key)
        if found is None:
            if isinstance(node, ox.Literal):
                found = False
            else:
                subs = set(self.subclasses(cls))
                found = any(t in subs for t in self.data.objects(node, _OX_TYPE))
            self._instance[key] = found
        return found

    def path_values(self, path: Path, node) -> list:
        return list(dict.fromkeys(self._walk(path, [node])))

    def _walk(self, path: Path, nodes: list) -> list:
        kind = path.kind
        if kind == "pred":
            predicate = _ox_iri(path.iri)
            return [o for n in nodes if not isinstance(n, ox.Literal)
                    for o in self.data.objects(n, predicate)]
        if kind == "inv":
            inner = path.parts[0]
            if inner.kind == "pred":
                predicate = _ox_iri(inner.iri)
                return [s for n in nodes for s in self.data.subjects(predicate, n)]
            return self._inverse(inner, nodes)
        if kind == "seq":
            for part in path.parts:
                nodes = list(dict.fromkeys(self._walk(part, nodes)))
            return nodes
        if kind == "alt":
            return [v for part in path.parts for v in self._walk(part, nodes)]
        if kind == "zoo":
            return list(nodes) + self._walk(path.parts[0], nodes)
        seen: dict = dict.fromkeys(nodes) if kind == "zom" else {}
        frontier = list(nodes)
        while frontier:
            step = [v for v in self._walk(path.parts[0], frontier) if v not in seen]
            step = list(dict.fromkeys(step))
            seen.update(dict.fromkeys(step))
            frontier = step
        return list(seen)

    def _inverse(self, path: Path, nodes: list) -> list:
        """Nodes ``x`` with ``x path n`` for some ``n`` in ``nodes`` (``path`` not a predicate)."""
        kind = path.kind
        if kind == "pred":
            predicate = _ox_iri(path.iri)
            return [s for n in nodes for s in self.data.subjects(predicate, n)]
        if kind == "inv":
            return self._walk(path.parts[0], nodes)
        if kind == "seq":
            for part in reversed(path.parts):
                nodes = list(dict.fromkeys(self._inverse(part, nodes)))
            return nodes
        if kind == "alt":
            return [v for part in path.parts for v in self._inverse(part, nodes)]
        if kind == "zoo":
            return list(nodes) + self._inverse(path.parts[0], nodes)
        seen: dict = dict.fromkeys(nodes) if kind == "zom" else {}
        frontier = list(nodes)
        while frontier:
            step = list(dict.fromkeys(
                v for v in self._inverse(path.parts[0], frontier) if v not in seen))
            seen.update(dict.fromkeys(step))
            frontier = step
        return list(seen)

    def items(self, lst) -> list:
        found = self._lists.get(lst)
        if found is None:
            found = self._lists[lst] = list(self.model.graph.items(lst))
        return found

    # --- SHACL-SPARQL ------------------------------------------------------------------------

    def _sparql(self, shape: Shape, focus, sink) -> None:
        substitutions_base = {}
        if "currentShape" in "".join(c.query for c in shape.sparql):
            substitutions_base[ox.Variable("currentShape")] = to_ox(shape.node)
        this = ox.Variable("this")
        for constraint in shape.sparql:
            if constraint.deactivated:
                continue
            text = None if isinstance(focus, ox.BlankNode) else _substituted(constraint.query,
                                                                                 focus)
            if text is not None:
                if constraint.node not in self._splits:
                    self._splits[constraint.node] = (_not_exists(constraint.query),
                                                     _projects_this(constraint.query))
                split, projects = self._splits[constraint.node]
                rows = None
                if split is not None and not substitutions_base:
                    term = str(focus)
                    prefixes, head, outer, inner = split
                    rows = self._not_exists_rows(
                        prefixes, _THIS.sub(lambda _, t=term: f"({t} AS ?this)", head),
                        _THIS.sub(lambda _, t=term: t, outer),
                        _THIS.sub(lambda _, t=term: t, inner))
                if rows is None:
                    rows = self._dicts(self.data.query(text, substitutions_base or None))
                if projects:
                    for row in rows:
                        row.setdefault("this", self.rdf(focus))
            else:
                subs = dict(substitutions_base)
                subs[this] = focus
                rows = self._dicts(self.data.query(constraint.query, subs))
            seen = []
            for row in rows:
                bound = dict(row)
                if "failure" in bound:
                    bound.pop("failure")
                    if True in seen:
                        continue
                    seen.append(True)
                    value = None if shape.is_property else self.rdf(focus)
                    self._sparql_result(sink, shape, focus, constraint, value, None, bound, True)
                    continue
                path = bound.pop("path", None)
                value = bound.pop("value", None)
                t = bound.pop("this", None)
                if path is None and value is None and t is None:
                    continue
                key = (t, path, value, bound)
                if key in seen:
                    continue
                seen.append(key)
                if value is None and not shape.is_property:
                    value = self.rdf(focus)
                self._sparql_result(sink, shape, t if t is not None else focus, constraint,
                                    value, path, {**bound, "this": t, "path": path,
                                                  "value": value}, False)

    def _not_exists_rows(self, prefixes: str, head: str, outer: str, inner: str):
        """The rows of ``SELECT head WHERE { outer FILTER NOT EXISTS { inner } }``, with the
        NOT EXISTS asked once per row of ``outer`` with that row written into ``inner`` (the
        SPARQL definition of EXISTS, and much faster in Oxigraph than its own evaluation)."""
        constants = dict(re.findall(r"\(\s*(\S+)\s+AS\s+[?$](\w+)\s*\)", head, re.I))
        constants = {name: term for term, name in constants.items()}
        plain = re.sub(r"\(\s*\S+\s+AS\s+[?$]\w+\s*\)", " ", head, flags=re.I)
        star = "*" in plain
        projected = re.findall(r"[?$](\w+)", plain)
        if outer.strip():
            solutions = self.data.query(f"{prefixes}SELECT * WHERE {{ {outer} }}")
            variables = [v.value for v in solutions.variables]
            outer_rows = [{n: row[n] for n in variables if row[n] is not None}
                          for row in solutions]
        else:
            outer_rows = [{}]
        rows = []
        for row in outer_rows:
            if any(isinstance(t, ox.BlankNode) for t in row.values()):
                return None
            text = inner
            for name, term in row.items():
                text = re.sub(rf"[?$]{name}\b", lambda _, t=str(term): t, text)
            if self.data.query(f"{prefixes}ASK {{ {text} }}"):
                continue
            names = list(row) if star else projected
            result = {n: self.rdf(row[n]) for n in names if n in row}
            for name, term in constants.items():
                result[name] = self.rdf(_parse_term(term))
            rows.append(result)
        return rows

    def _dicts(self, solutions) -> list[dict]:
        variables = [v.value for v in solutions.variables]
        return [{name: self.rdf(row[name]) for name in variables if row[name] is not None}
                for row in solutions]

    def _sparql_result(self, sink, shape, focus, constraint, value, path, bound, failure):
        """A result of a SPARQL constraint, its messages filled in as pyshacl fills them
        (``failure``: the query bound ?failure, reported on the focus node alone)."""
        messages = [_substitute(m, bound) for m in constraint.messages]
        focus_term = focus if isinstance(focus, URIRef | BNode | Literal) else self.rdf(focus)
        sink.append(Result(focus_term, shape, _K["SPARQLConstraintComponent"], value, path,
                           constraint.node, messages, bound))


_THIS = re.compile(r"[?$]this\b")


def _projects_this(query: str) -> bool:
    return re.search(r"\bSELECT\s+(DISTINCT\s+|REDUCED\s+)?(\*|[^{]*?[?$]this\b)", query,
                     re.I) is not None


def _substituted(query: str, focus) -> str | None:
    """``query`` with ``$this`` replaced by ``focus`` (an IRI or literal) in its WHERE clause
    and projected as ``(focus AS ?this)``: SHACL's pre-binding, written out. Oxigraph then
    starts from the constant, also inside FILTER NOT EXISTS, where its ``substitutions`` do
    not reach the join order (a scan of every candidate per focus node)."""
    match = re.search(r"\bWHERE\s*\{", query, re.I)
    if match is None:
        return None
    term = str(focus)
    head = re.sub(r"[?$]this\b", lambda _: f"({term} AS ?this)", query[:match.start()])
    body = re.sub(r"[?$]this\b", lambda _: term, query[match.start():])
    return head + body


def _not_exists(query: str):
    """``(prefixes, projection, outer, inner)`` when ``query`` is ``SELECT projection WHERE {
    outer FILTER NOT EXISTS { inner } }`` with no other EXISTS and no nested group in
    ``outer``; else None."""
    match = re.search(r"\bSELECT\b(.*?)\bWHERE\s*\{", query, re.I | re.S)
    if match is None or len(re.findall(r"\bEXISTS\b", query, re.I)) != 1:
        return None
    body = query[match.end():]
    found = re.search(r"\bFILTER\s+NOT\s+EXISTS\s*\{", body, re.I)
    if found is None or "{" in body[:found.start()]:
        return None
    depth, end = 1, None
    for i in range(found.end(), len(body)):
        if body[i] == "{":
            depth += 1
        elif body[i] == "}":
            depth -= 1
            if depth == 0:
                end = i
                break
    if end is None:
        return None
    rest = body[end + 1:].rstrip()
    if not rest.endswith("}") or "{" in rest[:-1] or "}" in rest[:-1]:
        return None
    if re.search(r"\b(LIMIT|OFFSET|ORDER|GROUP|HAVING)\b", rest, re.I):
        return None
    outer = body[:found.start()] + rest[:-1]
    return query[:match.start()], match.group(1), outer, body[found.end():end]


def _parse_term(text: str):
    """A term written in N-Triples syntax (as ``str()`` of a pyoxigraph term writes it)."""
    return next(iter(ox.parse(f"<urn:x> <urn:x> {text} .".encode(),
                              format=ox.RdfFormat.N_TRIPLES))).object


def _substitute(message: Literal, bound: dict) -> Literal:
    text = str(message.value) if isinstance(message.value, str) else str(message)
    for name, value in bound.items():
        if value is not None:
            text = re.sub(f"{{[?$]{name}}}", str(value), text)
    return Literal(text)


# --- constraint components, pyshacl's reading --------------------------------------------------

def _class(engine: Engine, shape, focus, values, sink):
    for cls in shape.params[_K["class"]]:
        oxcls = _ox_iri(cls)
        for v in values:
            if not engine.is_instance(v, oxcls):
                engine._add(sink, shape, focus, _K["ClassConstraintComponent"], v)


# The Python value a well-typed literal of these datatypes has; others pass (as in pyshacl).
_VALUE_TYPES: dict = {
    XSD.string: (str, bytes), RDF.langString: (str, bytes), XSD.integer: int, XSD.float: float,
    XSD.decimal: Decimal, XSD.boolean: bool, XSD.date: date, XSD.time: time,
    XSD.dateTime: datetime,
}


def _has_value_of(lit: Literal, rule) -> bool:
    """Whether rdflib read ``lit``'s value as the Python type of datatype ``rule``."""
    kind = _VALUE_TYPES.get(rule)
    return kind is None or isinstance(lit.value, kind)


def _compare(a: Literal, b: Literal) -> int:
    """-1, 0 or 1 as ``a`` is below, equal to or above ``b`` (pyshacl's order of literals:
    date-times and times by their values); TypeError if they do not compare."""
    if a.eq(b):
        return 0
    if type(a.value) in (datetime, time):
        return 0 if a.value == b.value else (1 if a.value > b.value else -1)
    return 1 if a > b else -1


def _datatype(engine: Engine, shape, focus, values, sink):
    rule = shape.params[_K["datatype"]][0]
    for v in values:
        matches = False
        if isinstance(v, ox.Literal):
            lit = engine.rdf(v)
            if lit.datatype == rule:
                matches = (getattr(lit, "ill_typed", None) is not True
                           and _has_value_of(lit, rule))
            elif rule == RDFS.Literal or (rule == RDFS.Datatype and lit.datatype):
                matches = True
            elif (lit.datatype is None and lit.language is None and rule == _XSD_STRING) or (
                    rule == _LANG_STRING and lit.language):
                matches = _has_value_of(lit, rule)
        if not matches:
            engine._add(sink, shape, focus, _K["DatatypeConstraintComponent"], v)


_KINDS = {
    _K["IRI"]: (ox.NamedNode,), _K["BlankNode"]: (ox.BlankNode,), _K["Literal"]: (ox.Literal,),
    _K["BlankNodeOrIRI"]: (ox.NamedNode, ox.BlankNode), _K["BlankNodeOrLiteral"]: (ox.BlankNode,
                                                                            ox.Literal),
    _K["IRIOrLiteral"]: (ox.NamedNode, ox.Literal),
}


def _node_kind(engine: Engine, shape, focus, values, sink):
    kinds = _KINDS.get(shape.params[_K["nodeKind"]][0], ())
    for v in values:
        if not isinstance(v, kinds):
            engine._add(sink, shape, focus, _K["NodeKindConstraintComponent"], v)


def _min_count(engine: Engine, shape, focus, values, sink):
    for n in shape.params[_K["minCount"]]:
        if len(values) < n.value:
            engine._add(sink, shape, focus, _K["MinCountConstraintComponent"])


def _max_count(engine: Engine, shape, focus, values, sink):
    for n in shape.params[_K["maxCount"]]:
        if len(values) > n.value:
            engine._add(sink, shape, focus, _K["MaxCountConstraintComponent"])


def _range(name, component, test):
    def check(engine: Engine, shape, focus, values, sink):
        for bound in shape.params[name]:
            bound_is_string = isinstance(bound.value, str)
            for v in values:
                ok = False
                if isinstance(v, ox.Literal):
                    lit = engine.rdf(v)
                    if isinstance(lit.value, str) == bound_is_string:
                        try:
                            ok = test(_compare(lit, bound))
                        except (TypeError, NotImplementedError):
                            ok = False
                if not ok:
                    engine._add(sink, shape, focus, component, v)
    return check


def _string(v, engine: Engine) -> str:
    return str(engine.rdf(v)) if isinstance(v, ox.Literal) else v.value


def _min_length(engine: Engine, shape, focus, values, sink):
    for n in shape.params[_K["minLength"]]:
        for v in values:
            ok = n.value == 0 or (not isinstance(v, ox.BlankNode)
                                  and len(_string(v, engine)) >= n.value)
            if not ok:
                engine._add(sink, shape, focus, _K["MinLengthConstraintComponent"], v)


def _max_length(engine: Engine, shape, focus, values, sink):
    for n in shape.params[_K["maxLength"]]:
        for v in values:
            if isinstance(v, ox.BlankNode) or len(_string(v, engine)) > n.value:
                engine._add(sink, shape, focus, _K["MaxLengthConstraintComponent"], v)


_PATTERNS: dict = {}


def _compiled(pattern, flags) -> re.Pattern:
    key = (str(pattern), str(flags or ""))
    if key not in _PATTERNS:
        bits = 0
        for flag in str(flags or ""):
            bits |= PATTERN_FLAGS.get(flag, 0)
        _PATTERNS[key] = re.compile(str(pattern), bits)
    return _PATTERNS[key]


def _pattern(engine: Engine, shape, focus, values, sink):
    flags = shape.param(_K["flags"])
    patterns = shape.params[_K["pattern"]]
    for pattern in patterns[:1] if flags is not None else patterns:
        matcher = _compiled(pattern, flags)
        for v in values:
            if isinstance(v, ox.BlankNode) or not matcher.search(_string(v, engine)):
                engine._add(sink, shape, focus, _K["PatternConstraintComponent"], v)


def _language_in(engine: Engine, shape, focus, values, sink):
    for lst in shape.params[_K["languageIn"]]:
        need = {str(lang).lower() for lang in engine.items(lst)}
        for v in values:
            ok = False
            if isinstance(v, ox.Literal) and v.language:
                lang = v.language.lower()
                ok = "*" in need or lang in need or lang.split("-")[0] in need
            if not ok:
                engine._add(sink, shape, focus, _K["LanguageInConstraintComponent"], v)


def _unique_lang(engine: Engine, shape, focus, values, sink):
    for flag in shape.params[_K["uniqueLang"]]:
        if not (isinstance(flag, Literal) and flag.value is True):
            continue
        seen: set = set()
        duplicates: set = set()
        for v in values:
            if isinstance(v, ox.Literal) and v.language:
                lang = v.language.lower()
                (duplicates if lang in seen else seen).add(lang)
        for _ in duplicates:
            engine._add(sink, shape, focus, _K["UniqueLangConstraintComponent"])


def _pair(name, component, mode):
    def check(engine: Engine, shape, focus, values, sink):
        for predicate in shape.params[name]:
            others = engine.data.objects(focus, to_ox(predicate)) if not isinstance(
                focus, ox.Literal) else []
            if mode == "equals":
                for v in values:
                    if v not in others:
                        engine._add(sink, shape, focus, component, v)
                for o in others:
                    if o not in values:
                        engine._add(sink, shape, focus, component, o)
            elif mode == "disjoint":
                for v in values:
                    if v in others:
                        engine._add(sink, shape, focus, component, v)
            else:
                _less_than(engine, shape, focus, values, others, sink, component, mode)
    return check


def _less_than(engine, shape, focus, values, others, sink, component, mode):
    for v in values:
        for o in others:
            ok = False
            if isinstance(v, ox.Literal) and isinstance(o, ox.Literal):
                lv, lo = engine.rdf(v), engine.rdf(o)
                if isinstance(lv.value, str) == isinstance(lo.value, str):
                    try:
                        cmp = _compare(lv, lo)
                        ok = cmp < 0 if mode == "lt" else cmp <= 0
                    except (TypeError, NotImplementedError):
                        ok = False
            if not ok:
                engine._add(sink, shape, focus, component, v)


def _not(engine: Engine, shape, focus, values, sink):
    for other in shape.params[_K["not"]]:
        for v in values:
            if engine.conforms(other, v):
                engine._add(sink, shape, focus, _K["NotConstraintComponent"], v)


def _logic(name, component, rule):
    def check(engine: Engine, shape, focus, values, sink):
        for lst in shape.params[name]:
            members = engine.items(lst)
            for v in values:
                passed = 0
                for member in members:
                    if engine.conforms(member, v):
                        passed += 1
                        if rule == "or":
                            break
                    elif rule == "and":
                        break
                ok = {"and": passed == len(members), "or": passed > 0, "xone": passed == 1}[rule]
                if not ok:
                    engine._add(sink, shape, focus, component, v)
    return check


def _node(engine: Engine, shape, focus, values, sink):
    for other in shape.params[_K["node"]]:
        for v in values:
            if not engine.conforms(other, v):
                details: list[Result] = []
                engine.evaluate(engine.model.shape(other), v, details)
                engine._add(sink, shape, focus, _K["NodeConstraintComponent"], v, details=details)


def _property(engine: Engine, shape, focus, values, sink):
    for other in shape.params[_K["property"]]:
        prop = engine.model.shape(other)
        for v in values:
            engine.evaluate(prop, v, sink)


def _qualified(engine: Engine, shape, focus, values, sink):
    q_shape = shape.params[_K["qualifiedValueShape"]][0]
    disjoint = shape.param(_K["qualifiedValueShapesDisjoint"])
    siblings: list = []
    if isinstance(disjoint, Literal) and disjoint.value is True:
        graph = engine.model.graph
        for parent in graph.subjects(_K["property"], shape.node):
            for sibling in graph.objects(parent, _K["property"]):
                if sibling == shape.node:
                    continue
                siblings.extend(graph.objects(sibling, _K["qualifiedValueShape"]))
        siblings = [s for s in dict.fromkeys(siblings) if s != q_shape]
    count = 0
    for v in values:
        if engine.conforms(q_shape, v) and not any(engine.conforms(s, v) for s in siblings):
            count += 1
    low = shape.param(_K["qualifiedMinCount"])
    high = shape.param(_K["qualifiedMaxCount"])
    if low is not None and count < low.value:
        engine._add(sink, shape, focus, _K["QualifiedMinCountConstraintComponent"])
    if high is not None and count > high.value:
        engine._add(sink, shape, focus, _K["QualifiedMaxCountConstraintComponent"])


def _closed(engine: Engine, shape, focus, values, sink):
    flag = shape.params[_K["closed"]][0]
    if not (isinstance(flag, Literal) and flag.value is True):
        return
    graph = engine.model.graph
    allowed = set()
    for prop in graph.objects(shape.node, _K["property"]):
        path = graph.value(prop, _K["path"])
        if isinstance(path, URIRef):
            allowed.add(to_ox(path))
    for lst in shape.params.get(_K["ignoredProperties"], []):
        allowed.update(to_ox(p) for p in engine.items(lst))
    for v in values:
        if isinstance(v, ox.Literal):
            continue
        for predicate, obj in engine.data.outgoing(v):
            if predicate in allowed or (predicate == _OX_TYPE and obj == _OX_RESOURCE):
                continue
            engine._add(sink, shape, focus, _K["ClosedConstraintComponent"], obj,
                        path=URIRef(predicate.value))


def _has_value(engine: Engine, shape, focus, values, sink):
    for expected in shape.params[_K["hasValue"]]:
        if to_ox(expected) not in values:
            engine._add(sink, shape, focus, _K["HasValueConstraintComponent"])


def _in(engine: Engine, shape, focus, values, sink):
    for lst in shape.params[_K["in"]]:
        allowed = {to_ox(item) for item in engine.items(lst)}
        for v in values:
            if v not in allowed:
                engine._add(sink, shape, focus, _K["InConstraintComponent"], v)


_CHECKS = [
    (_K["class"], _class),
    (_K["datatype"], _datatype),
    (_K["nodeKind"], _node_kind),
    (_K["minCount"], _min_count),
    (_K["maxCount"], _max_count),
    (_K["minExclusive"], _range(_K["minExclusive"], _K["MinExclusiveConstraintComponent"],
                             lambda c: c > 0)),
    (_K["minInclusive"], _range(_K["minInclusive"], _K["MinInclusiveConstraintComponent"],
                             lambda c: c >= 0)),
    (_K["maxExclusive"], _range(_K["maxExclusive"], _K["MaxExclusiveConstraintComponent"],
                             lambda c: c < 0)),
    (_K["maxInclusive"], _range(_K["maxInclusive"], _K["MaxInclusiveConstraintComponent"],
                             lambda c: c <= 0)),
    (_K["not"], _not),
    (_K["and"], _logic(_K["and"], _K["AndConstraintComponent"], "and")),
    (_K["or"], _logic(_K["or"], _K["OrConstraintComponent"], "or")),
    (_K["xone"], _logic(_K["xone"], _K["XoneConstraintComponent"], "xone")),
    (_K["minLength"], _min_length),
    (_K["maxLength"], _max_length),
    (_K["pattern"], _pattern),
    (_K["languageIn"], _language_in),
    (_K["uniqueLang"], _unique_lang),
    (_K["equals"], _pair(_K["equals"], _K["EqualsConstraintComponent"], "equals")),
    (_K["disjoint"], _pair(_K["disjoint"], _K["DisjointConstraintComponent"], "disjoint")),
    (_K["lessThan"], _pair(_K["lessThan"], _K["LessThanConstraintComponent"], "lt")),
    (_K["lessThanOrEquals"], _pair(_K["lessThanOrEquals"],
                                   _K["LessThanOrEqualsConstraintComponent"], "le")),
    (_K["node"], _node),
    (_K["property"], _property),
    (_K["qualifiedValueShape"], _qualified),
    (_K["closed"], _closed),
    (_K["hasValue"], _has_value),
    (_K["in"], _in),
]
