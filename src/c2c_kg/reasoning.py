"""Materialised inferences: what follows from the ontology, written out for SPARQL-only users.

This first version derives the symmetric ``c2c:partnerOf`` between the partners of each
cooperation; the OWL reasoner replaces it in the ontology work.
"""

from __future__ import annotations

from rdflib import Graph

from .namespaces import C2C

__all__ = ["materialise"]

PARTNERS = f"""
CONSTRUCT {{ ?a <{C2C.partnerOf}> ?b }}
WHERE {{ ?coop <{C2C.hasPartner}> ?a, ?b . FILTER(?a != ?b) }}
"""


def materialise(schema: Graph, vocabularies: Graph, data: Graph) -> Graph:
    """The triples the ontology entails from ``data`` that ``data`` does not state."""
    inferred = Graph()
    for triple in data.query(PARTNERS):
        if triple not in data:
            inferred.add(triple)
    return inferred
