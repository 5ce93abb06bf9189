"""What the store holds: triples per named graph, instances per class."""

from __future__ import annotations

from pathlib import Path

from ..results import Results
from .engines import EmbeddedEngine

__all__ = ["store_stats"]

GRAPHS_QUERY = """
SELECT ?graph (COUNT(*) AS ?triples) WHERE { GRAPH ?graph { ?s ?p ?o } }
GROUP BY ?graph ORDER BY ?graph
"""
CLASSES_QUERY = """
SELECT ?class (COUNT(DISTINCT ?instance) AS ?instances)
WHERE {
  GRAPH ?g { ?instance a ?class }
  FILTER(?g NOT IN (<https://w3id.org/c2c-kg/graph/schema>,
                    <https://w3id.org/c2c-kg/graph/vocabularies>))
}
GROUP BY ?class ORDER BY DESC(?instances) ?class
"""


def store_stats(store: Path) -> tuple[Results, Results]:
    """Triples per named graph, and instances per class outside the schema and vocabularies."""
    engine = EmbeddedEngine(store)
    return engine.select(GRAPHS_QUERY), engine.select(CLASSES_QUERY)
