"""Materialised inferences: what follows from the ontology, written out for SPARQL-only users.

The build calls :func:`materialise`; it runs HermiT through :mod:`c2c_kg.reason` and keeps the
inferred ``rdf:type`` memberships in named ``c2c:`` classes (superclasses included) and the
inferred values of ``c2c:`` object properties (symmetric, inverse, transitive), none of which
the data states. The result goes to its own named graph (``graph/inferences``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rdflib import Graph

__all__ = ["materialise"]


def materialise(schema: Graph, vocabularies: Graph, data: Graph) -> Graph:
    """The triples the ontology entails from ``data`` that ``data`` does not state.

    Deterministic (a set of triples; the build serialises it sorted). Raises
    :class:`c2c_kg.errors.DataError` when ontology and data are inconsistent, naming the clash.
    """
    from .reason import run_reasoner

    return run_reasoner(schema, vocabularies, data, reasoner="hermit").graph()
