"""Opening a source of candidates by what ``--against`` names, and what it answers for."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError, UsageError
from .cache import DiskCache
from .model import Query
from .reconcile import Source
from .registers import TooiRegister

__all__ = ["applies", "open_source", "scheme_of"]


def open_source(spec: str, *, cache: Path | None = None, timeout: float = 60.0) -> Source:
    """A SPARQL endpoint (http/https URL), a TOOI register (.json/.jsonld), an RDF file
    (.ttl, .nt, .rdf, .xml, .n3, .trig) or a names table (.tsv, .csv)."""
    if spec.startswith(("http://", "https://")):
        from .sparql import SparqlSource

        return SparqlSource(spec, timeout=timeout, cache=DiskCache(cache))
    path = Path(spec)
    if not path.exists():
        raise InputError(f"--against {spec}: no such file, and not an http(s) SPARQL endpoint.")
    suffix = path.suffix.lower()
    if suffix in (".json", ".jsonld"):
        return TooiRegister(path)
    if suffix in (".ttl", ".nt", ".rdf", ".xml", ".n3", ".trig", ".owl"):
        from .files import RdfFile

        return RdfFile(path)
    if suffix in (".tsv", ".csv", ".txt"):
        from .files import NamesTable

        return NamesTable(path)
    raise UsageError(f"--against {spec}: unknown kind of source (by its suffix {suffix!r}); give "
                     f"a SPARQL endpoint URL, a TOOI .jsonld register, an RDF file or a .tsv "
                     f"names table.")


def scheme_of(source: Source) -> str:
    from .files import RdfFile

    if isinstance(source, TooiRegister):
        return "tooi"
    return "lau" if isinstance(source, RdfFile) else "wikidata"


def applies(source: Source, query: Query) -> bool:
    """A register answers only for its own country's places (TOOI: Dutch municipalities)."""
    if isinstance(source, TooiRegister):
        return query.kind == "municipality" and query.country == "nl"
    countries = getattr(source, "countries", None)
    return not countries or (query.country in countries and query.kind == "municipality")
