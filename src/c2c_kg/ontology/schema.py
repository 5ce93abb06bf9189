"""Reading the ontology: the schema files and the SKOS vocabularies of a project."""

from __future__ import annotations

from rdflib import Graph

from ..errors import InputError
from ..project import Project
from ..rdfio import parse_file

__all__ = ["read_schema", "read_vocabularies"]


def read_schema(project: Project) -> Graph:
    """The ontology files directly in ``ontology/`` (Turtle)."""
    schema = Graph()
    files = sorted(project.ontology.glob("*.ttl"))
    if not files:
        raise InputError(f"{project.ontology} holds no ontology (*.ttl) file.")
    for path in files:
        parse_file(path, schema)
    return schema


def read_vocabularies(project: Project) -> Graph:
    vocabularies = Graph()
    for path in sorted(project.vocabularies.glob("*.ttl")):
        parse_file(path, vocabularies)
    return vocabularies
