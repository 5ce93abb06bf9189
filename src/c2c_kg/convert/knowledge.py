"""What the converter takes from the project's graph: labels to find, and places with countries."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .candidates import Place
from .mentions import Gazetteer

if TYPE_CHECKING:
    from rdflib import Graph

    from ..project import Project

__all__ = ["gazetteer_of", "known_graph", "places_in"]

C2C = "https://w3id.org/c2c-kg/ontology#"
PLACE_TYPES = frozenset(C2C + name for name in
                        ("Municipality", "CityDistrict", "Village", "LocalGovernment",
                         "LocalGovernmentAssociation", "Actor"))
MUNICIPAL_TYPES = frozenset(C2C + name for name in
                            ("Municipality", "CityDistrict", "Village", "LocalGovernment", "Actor"))


def known_graph(project: Project) -> Graph:
    """The project's curated records and vocabularies, mapped (no source, no reasoning)."""
    from ..graph.records import project_data
    from ..ontology.schema import read_vocabularies

    graph = project_data(project)
    graph += read_vocabularies(project)
    return graph


def places_in(graph: Graph) -> dict[str, Place]:
    """Resources of a place type with a ``c2c:country``, by IRI."""
    from rdflib import RDF, URIRef

    country = URIRef(C2C + "country")
    places = {}
    for subject, value in graph.subject_objects(country):
        types = {str(t) for t in graph.objects(subject, RDF.type)}
        if types & PLACE_TYPES:
            places[str(subject)] = Place(str(subject), str(value),
                                         bool(types & MUNICIPAL_TYPES))
    return places


def gazetteer_of(graph: Graph) -> Gazetteer:
    return Gazetteer.from_graph(graph)
