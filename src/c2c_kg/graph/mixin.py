"""The ontology's axioms copied into the data before validation, as pyshacl does with its
``ont_graph`` ("inoculation"), so that the fast engine sees the data pyshacl sees.

Same triples as ``pyshacl.rdfutil.inoculate`` up to blank-node names (tests/code/test_mixin.py
compares the two), without importing pyshacl: that import was a tenth of a chapter build.
What is copied: the typing of every class, property and other RDFS/OWL node; every triple whose
predicate is an RDFS or OWL axiom property; named individuals whole, with the triples that point
to them. Blank nodes are copied with their content (lists stay lists), ten levels deep at most.
"""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from ..terms import OWL, RDF, RDFS

__all__ = ["ontology_mixin"]

_CLASSES = [RDFS[n] for n in ("Class", "Container", "ContainerMembershipProperty", "Datatype",
                              "Literal", "Resource")] + [OWL[n] for n in (
    "AllDifferent", "AllDisjointClasses", "AllDisjointProperties", "Annotation",
    "AnnotationProperty", "AsymmetricProperty", "Axiom", "Class", "DataRange",
    "DatatypeProperty", "DeprecatedClass", "DeprecatedProperty", "FunctionalProperty",
    "InverseFunctionalProperty", "IrreflexiveProperty", "NamedIndividual",
    "NegativePropertyAssertion", "ObjectProperty", "Ontology", "OntologyProperty",
    "ReflexiveProperty", "Restriction", "SymmetricProperty", "TransitiveProperty")]
_PROPERTIES = [RDFS[n] for n in ("comment", "domain", "isDefinedBy", "label", "member", "range",
                                 "seeAlso", "subClassOf", "subPropertyOf")] + [OWL[n] for n in (
    "allValuesFrom", "annotatedProperty", "annotatedSource", "annotatedTarget",
    "assertionProperty", "cardinality", "complementOf", "datatypeComplementOf", "differentFrom",
    "disjointUnionOf", "disjointWith", "distinctMembers", "equivalentClass",
    "equivalentProperty", "hasKey", "hasSelf", "hasValue", "intersectionOf", "inverseOf",
    "maxCardinality", "maxQualifiedCardinality", "members", "minCardinality",
    "minQualifiedCardinality", "onClass", "onDataRange", "onDatatype", "onProperties",
    "onProperty", "oneOf", "propertyChainAxiom", "propertyDisjointWith",
    "qualifiedCardinality", "sameAs", "someValuesFrom", "sourceIndividual", "targetIndividual",
    "targetValue", "unionOf", "withRestrictions", "backwardCompatibleWith", "deprecated",
    "incompatibleWith", "priorVersion", "versionInfo", "bottomDataProperty",
    "topDataProperty", "bottomObjectProperty", "topObjectProperty", "imports", "versionIRI")]
_DEPTH = 10


class _Copier:
    def __init__(self, source: Graph, target: Graph):
        self.source, self.target = source, target
        self.blanks: dict[Node, BNode] = {}  # the blank nodes copied at the top level

    def top_blank(self, node: Node) -> BNode:
        if node not in self.blanks:
            self.blanks[node] = self.blank(node, 0)
        return self.blanks[node]

    def blank(self, node: Node, depth: int) -> BNode:
        copy = BNode()
        if depth >= _DEPTH:
            return copy
        return self._content(node, copy, depth, deep=False)

    def node(self, node: Node, depth: int, deep: bool) -> Node:
        if isinstance(node, Literal):
            return Literal(str(node), node.language, node.datatype)
        if isinstance(node, BNode):
            return self.blank(node, depth + 1)
        if deep and depth < _DEPTH:
            return self._content(node, node, depth, deep=True)
        return node

    def _content(self, node: Node, copy: Node, depth: int, deep: bool) -> Node:
        predicates = set(self.source.predicates(node))
        if not predicates:
            return copy
        if RDF.first in predicates:
            return self._list(node, depth, deep=False)
        for predicate in predicates:
            for obj in self.source.objects(node, predicate):  # pyshacl's guard against an
                # owl:sameAs loop compares by identity and never holds: the depth ends it
                self.target.add((copy, predicate, self.node(obj, depth + 1, deep=deep)))
        return copy

    def _list(self, head: Node, depth: int, deep: bool) -> Node:
        copy = BNode() if isinstance(head, BNode) else URIRef(str(head))
        members = Collection(self.target, copy)
        for item in self.source.items(head):
            members.append(self.node(item, depth + 1, deep=deep))
        return copy


def ontology_mixin(ontology: Graph) -> Graph:
    """A new graph with what pyshacl copies from ``ontology`` into the data graph."""
    target = Graph()
    copier = _Copier(ontology, target)
    individuals: dict[Node, Node] = {}
    for kind in _CLASSES:
        for subject in list(ontology.subjects(RDF.type, kind)):
            if isinstance(subject, BNode):
                copy = copier.top_blank(subject)
            elif kind == OWL.NamedIndividual:
                if subject not in individuals:
                    individuals[subject] = copier.node(subject, 0, deep=True)
                copy = individuals[subject]
            else:
                copy = subject
            target.add((copy, RDF.type, kind))
    for predicate in _PROPERTIES:
        for subject, obj in list(ontology.subject_objects(predicate)):
            copy = copier.top_blank(subject) if isinstance(subject, BNode) else subject
            value = copier.top_blank(obj) if isinstance(obj, BNode) else obj
            target.add((copy, predicate, value))
    for individual in individuals:
        for subject, predicate in list(ontology.subject_predicates(object=individual)):
            if isinstance(predicate, (Literal, BNode)):
                continue
            copy = copier.top_blank(subject) if isinstance(subject, BNode) else subject
            target.add((copy, predicate, individual))
    return target
