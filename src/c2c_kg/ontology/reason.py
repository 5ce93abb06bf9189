"""Run an OWL 2 DL reasoner (HermiT, or Pellet) over the ontology and the data with owlready2.

What goes in: the ontology (``schema``), the ``rdf:type`` of every SKOS concept of the
vocabularies (so that concepts used as values are individuals), and those data triples whose
predicate is ``rdf:type`` with a declared class or a property the ontology declares as an
object or datatype property. Labels, notes and other annotations do not take part in reasoning.
``c2c:partnerOf`` is first derived between the distinct partners of each cooperation (a rule
OWL cannot state without also making every actor its own partner); the reasoner then adds its
symmetric values.

What comes out (:class:`Inferences`): only what SPARQL users need and the data does not state:

- ``rdf:type`` memberships in named ``c2c:`` classes, superclasses included (an actor inferred a
  ``c2c:FourthPillarActor`` is also given ``c2c:Actor`` if the data only said
  ``c2c:Municipality``). Classes of other vocabularies (``org:Organization``, ``prov:Agent``) are
  left out: they follow from our classes by the ontology's subclass axioms.
- values of ``c2c:`` object properties between named resources: symmetric ones
  (``c2c:partnerOf``), inverses (``c2c:partnerIn``, ``c2c:hasMember`` …) and transitive
  ``c2c:partOf`` chains.

When the graph is inconsistent the error names the clash: :mod:`c2c_kg.clash` finds the simple
kinds (disjoint types, irreflexive values, ill-typed literals); for anything else Pellet's
``explain`` lists the axioms involved. Unsatisfiable classes are named as well.

Out of scope: datatype values and ``owl:sameAs`` reasoning (links are a separate graph).
"""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import DataError, UsageError
from ..terms import C2C, OWL, RDF, RDFS, SKOS

if TYPE_CHECKING:
    from rdflib import Graph, URIRef

__all__ = ["REASONERS", "Inferences", "reasoner_input", "run_reasoner"]

REASONERS = ("hermit", "pellet")

PARTNERS = f"""
CONSTRUCT {{ ?a <{C2C.partnerOf}> ?b }}
WHERE {{ ?coop <{C2C.hasPartner}> ?a, ?b . FILTER(?a != ?b && isIRI(?a) && isIRI(?b)) }}
"""
#: rdf:type values that OWL itself defines; a property typed otherwise (qb:DimensionProperty)
#: is punned, which owlready2 cannot hold, so such types stay out of the reasoner's input.
_OWL_TYPES = {str(OWL), str(RDF), str(RDFS)}
#: Predicates that make owlready2 (or the Java reasoner) load something: ``owl:imports`` would
#: fetch the imported ontology over the network, owlready2's ``python_module`` annotation would
#: import a Python module. Neither reaches the reasoner.
_LOADING = {str(OWL.imports),
            "http://www.lesfleursdunormal.fr/static/_downloads/owlready_ontology.owl#python_module"}


@dataclass
class Inferences:
    """What a reasoner run found: the inferred triples, split by kind, and how long it took."""

    reasoner: str
    types: Graph
    values: Graph
    seconds: float
    input_triples: int
    individuals: int

    def graph(self) -> Graph:
        """Types and values together, as one graph."""
        from rdflib import Graph

        merged = Graph()
        for triple in self.types:
            merged.add(triple)
        for triple in self.values:
            merged.add(triple)
        return merged


def _declared(schema: Graph, kind: URIRef) -> set:
    return set(schema.subjects(RDF.type, kind))


def reasoner_input(schema: Graph, vocabularies: Graph, data: Graph) -> Graph:
    """The graph the reasoner sees (see the module docstring for what is kept)."""
    from rdflib import Graph, URIRef

    properties = _declared(schema, OWL.ObjectProperty) | _declared(schema, OWL.DatatypeProperty)
    classes = {c for c in _declared(schema, OWL.Class) if isinstance(c, URIRef)}
    typed_properties = properties | _declared(schema, OWL.AnnotationProperty)
    out = Graph()
    for s, p, o in schema:
        if str(p) in _LOADING:
            continue
        if (p == RDF.type and s in typed_properties
                and not any(str(o).startswith(ns) for ns in _OWL_TYPES)):
            continue
        out.add((s, p, o))
    for concept in vocabularies.subjects(RDF.type, SKOS.Concept):
        out.add((concept, RDF.type, SKOS.Concept))
    for s, p, o in data:
        if not isinstance(s, URIRef) or str(p) in _LOADING:
            continue
        if (p == RDF.type and o in classes) or p in properties:
            out.add((s, p, o))
    for triple in data.query(PARTNERS):
        out.add(triple)
    return out


def run_reasoner(schema: Graph, vocabularies: Graph, data: Graph, *,
                 reasoner: str = "hermit") -> Inferences:
    """Reason over ontology and data; the inferred triples the data does not state.

    Raises :class:`DataError` when the ontology and data are inconsistent or a class is
    unsatisfiable, naming the classes or the clash.
    """
    if reasoner not in REASONERS:
        raise UsageError(f"Unknown reasoner {reasoner!r}; use one of {', '.join(REASONERS)}.")
    from ..offline import offline

    graph = reasoner_input(schema, vocabularies, data)
    with offline(f"loading the ontology into {reasoner}"):
        world, seconds = _reason(graph, reasoner, schema, data)
    try:
        unsatisfiable = sorted(str(c.iri) for c in world.inconsistent_classes())
        if unsatisfiable:
            raise DataError(
                f"The ontology is incoherent: {reasoner} finds these classes unsatisfiable (no "
                f"individual can be in them): {', '.join(unsatisfiable)}. Look at their "
                f"subclass, equivalence and disjointness axioms in ontology/c2c.ttl."
            )
        after = world.as_rdflib_graph()
        individuals = {s for s in data.subjects() if _is_iri(s)}
        types = _inferred_types(after, schema, data, individuals)
        values = _inferred_values(after, graph, schema, data, individuals)
    finally:
        world.close()
    return Inferences(reasoner, types, values, seconds, len(graph), len(individuals))


def _is_iri(term) -> bool:
    from rdflib import URIRef

    return isinstance(term, URIRef)


def _reason(graph: Graph, reasoner: str, schema: Graph, data: Graph):
    """Load ``graph`` into a fresh owlready2 World and run the reasoner on it."""
    import owlready2

    handle, name = tempfile.mkstemp(suffix=".nt", prefix="c2c-kg-reason-")
    with os.fdopen(handle, "wb") as out:
        out.write(graph.serialize(format="nt", encoding="utf-8"))
    chatter = io.StringIO()
    world = owlready2.World()
    try:
        with contextlib.redirect_stdout(chatter), contextlib.redirect_stderr(chatter):
            onto = world.get_ontology(Path(name).as_uri()).load(format="ntriples")
            started = time.perf_counter()
            with onto:
                if reasoner == "hermit":
                    owlready2.sync_reasoner_hermit(world, infer_property_values=True, debug=0,
                                                   ignore_unsupported_datatypes=True)
                else:
                    with _pellet_through_owlapi():
                        owlready2.sync_reasoner_pellet(world, infer_property_values=True,
                                                       infer_data_property_values=False,
                                                       debug=0)
            seconds = time.perf_counter() - started
    except owlready2.OwlReadyInconsistentOntologyError as exc:
        world.close()
        raise DataError(_inconsistency_message(reasoner, schema, data, name)) from exc
    except owlready2.OwlReadyJavaError as exc:
        world.close()
        raise DataError(f"The reasoner {reasoner} failed: {' '.join(str(exc).split())[:600]}. "
                        f"Check that Java 11+ is installed and the input is valid OWL.") from exc
    finally:
        os.unlink(name)
    return world, seconds


class _OwlapiLoader:
    """Stands in for ``subprocess`` in owlready2's reasoning module during a Pellet run.

    owlready2 0.51 starts Pellet with its Jena loader, whose bundled Jena jars need Java 25;
    with the OWL API loader Pellet runs on Java 17. Only that one command is rewritten.
    """

    def __init__(self, real) -> None:
        self._real = real

    def __getattr__(self, name: str):
        return getattr(self._real, name)

    def run(self, command, *args, **kwargs):
        command = list(command)
        if "pellet.Pellet" in command and "--loader" in command:
            at = command.index("--loader")
            command[at + 1] = "OWLAPI"
            if "--input-format" in command:
                fmt = command.index("--input-format")
                del command[fmt:fmt + 2]
        return self._real.run(command, *args, **kwargs)


@contextlib.contextmanager
def _pellet_through_owlapi():
    import subprocess

    from owlready2 import reasoning

    reasoning.subprocess = _OwlapiLoader(subprocess)
    try:
        yield
    finally:
        reasoning.subprocess = subprocess


def _inconsistency_message(reasoner: str, schema: Graph, data: Graph, input_file: str) -> str:
    from .clash import find_clashes

    clashes = find_clashes(schema, data)
    if clashes:
        found = "; ".join(clashes[:8]) + (f"; and {len(clashes) - 8} more"
                                          if len(clashes) > 8 else "")
    else:
        explanation = _pellet_explanation(input_file)
        found = ("no simple clash (disjoint types, an irreflexive property on itself, a literal "
                 "of the wrong type) was found; " + (
                     f"Pellet explains it with these axioms: {explanation}" if explanation
                     else "the cause lies in a combination of axioms"))
    return (f"The ontology and the data are inconsistent ({reasoner}): {found}. Correct the "
            f"record(s) in data/records/ or the axiom in ontology/c2c.ttl.")


def _pellet_explanation(input_file: str, limit: int = 1200) -> str:
    """The first explanation ``pellet explain`` gives for the inconsistency, on one line."""
    import subprocess

    import owlready2
    from owlready2 import reasoning

    command = [owlready2.JAVA_EXE, f"-Xmx{reasoning.JAVA_MEMORY}M", "-cp",
               reasoning._PELLET_CLASSPATH, "pellet.Pellet", "explain", "--ignore-imports",
               input_file]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    except (OSError, subprocess.SubprocessError):
        return ""
    lines = done.stdout.split("Explanation(s):", 1)[-1].strip().split("\n\n", 1)[0]
    text = " ".join(lines.split())
    return text[:limit] if "Explanation(s):" in done.stdout else ""


def _named_classes(schema: Graph) -> set:
    return {c for c in schema.subjects(RDF.type, OWL.Class) if _is_iri(c)}


def _superclasses(after: Graph, schema: Graph) -> dict:
    """Named class -> all its named superclasses (itself included), asserted or inferred."""
    edges: dict = {}
    for source in (after, schema):
        for a, b in source.subject_objects(RDFS.subClassOf):
            if _is_iri(a) and _is_iri(b):
                edges.setdefault(a, set()).add(b)
        for a, b in source.subject_objects(OWL.equivalentClass):
            if _is_iri(a) and _is_iri(b):
                edges.setdefault(a, set()).add(b)
                edges.setdefault(b, set()).add(a)
    closure: dict = {}
    for start in set(edges) | _named_classes(schema):
        seen, todo = {start}, [start]
        while todo:
            for parent in edges.get(todo.pop(), ()):
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        closure[start] = seen
    return closure


def _inferred_types(after: Graph, schema: Graph, data: Graph, individuals: set) -> Graph:
    from rdflib import Graph

    closure = _superclasses(after, schema)
    named = _named_classes(schema)
    out = Graph()
    for individual in individuals:
        direct = set(after.objects(individual, RDF.type)) | set(data.objects(individual, RDF.type))
        for cls in direct:
            for parent in closure.get(cls, {cls}):
                if (parent in named and str(parent).startswith(str(C2C))
                        and (individual, RDF.type, parent) not in data):
                    out.add((individual, RDF.type, parent))
    return out


def _inferred_values(after: Graph, given: Graph, schema: Graph, data: Graph,
                     individuals: set) -> Graph:
    """Values of c2c: object properties, completed with declared inverses and symmetry."""
    from rdflib import Graph

    properties = {p for p in schema.subjects(RDF.type, OWL.ObjectProperty)
                  if str(p).startswith(str(C2C))}
    inverse: dict = {}
    for a, b in schema.subject_objects(OWL.inverseOf):
        inverse.setdefault(a, set()).add(b)
        inverse.setdefault(b, set()).add(a)
    symmetric = set(schema.subjects(RDF.type, OWL.SymmetricProperty))
    known = Graph()
    for source in (after, given):
        for prop in properties:
            for s, o in source.subject_objects(prop):
                if _is_iri(s) and _is_iri(o) and (s in individuals or o in individuals):
                    known.add((s, prop, o))
    changed = True
    while changed:  # inverses and symmetry; HermiT's values are already transitive-closed
        changed = False
        for s, p, o in list(known):
            for q in inverse.get(p, ()):
                if q in properties and (o, q, s) not in known:
                    known.add((o, q, s))
                    changed = True
            if p in symmetric and (o, p, s) not in known:
                known.add((o, p, s))
                changed = True
    out = Graph()
    for triple in known:
        if triple not in data:
            out.add(triple)
    return out


#: output formats of ``c2c-kg reason``
REASON_FORMATS = ("table", "tsv", "turtle")


def inference_rows(inferences: Inferences):
    """The inferred triples as query-style results (kind, subject, predicate, object), sorted."""
    from ..results import Cell, Results

    rows = []
    for kind, graph in (("type", inferences.types), ("value", inferences.values)):
        for s, p, o in sorted(graph):
            rows.append({"kind": Cell("literal", kind), "subject": Cell("uri", str(s)),
                         "predicate": Cell("uri", str(p)), "object": Cell("uri", str(o))})
    return Results(["kind", "subject", "predicate", "object"], rows)


def to_turtle(inferences: Inferences) -> str:
    """The inferred triples as Turtle with the project's prefixes (subjects sorted by rdflib)."""
    from ..terms import PREFIXES

    graph = inferences.graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph.serialize(format="turtle")


def summary(inferences: Inferences) -> str:
    """One line for people: consistent, how long, how much was inferred."""
    return (f"consistent ({inferences.reasoner}, {inferences.seconds:.1f} s reasoning over "
            f"{inferences.input_triples} triples, {inferences.individuals} resources): "
            f"{len(inferences.types)} inferred class membership(s), "
            f"{len(inferences.values)} inferred property value(s)")
