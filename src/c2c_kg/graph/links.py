"""The link tables (``data/links/*.csv``) read, checked and mapped to the links graph.

A link table has one row per link: ``resource`` (our record id), ``identifier`` (the other
dataset's IRI, or a code), ``scheme`` (wikidata, tooi, lau, cbs, iso3166-1), ``match``
(exactMatch or closeMatch), ``method`` (register lookup, reconciler + review, by hand),
``source`` (file or endpoint) and ``source_date``, and a ``note``. Wikidata exact matches become
``owl:sameAs``, other IRIs ``skos:exactMatch``/``skos:closeMatch``, codes ``skos:notation`` typed
with the code list. ``successions.csv`` (a register's ended municipalities and their successors)
becomes ``dcterms:isReplacedBy``; ``unlinked.csv`` states why a link is missing and maps to nothing;
``coordinates.csv`` has columns of its own and is mapped by :mod:`.coordinates`.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef

from ..errors import DataError, InputError
from ..terms import DCTERMS, ID, OWL, SKOS, VOCAB
from .coordinates import COLUMNS as COORDINATE_COLUMNS

__all__ = [
    "COLUMNS",
    "NOTATIONS",
    "SCHEMES",
    "LinkRow",
    "links_graph",
    "read_link_tables",
    "read_table",
]

COLUMNS = ("resource", "identifier", "scheme", "match", "method", "source", "source_date", "note")
SUCCESSION_COLUMNS = ("ended", "successor", "date", "event", "source", "source_date")
UNLINKED_COLUMNS = ("resource", "scheme", "reason")
#: What an identifier of each scheme looks like.
SCHEMES: dict[str, re.Pattern[str]] = {
    "wikidata": re.compile(r"^http://www\.wikidata\.org/entity/Q[0-9]+$"),
    "tooi": re.compile(r"^https://identifier\.overheid\.nl/tooi/id/gemeente/gm[0-9]{4}$"),
    "lau": re.compile(r"^https?://\S+$"),
    "cbs": re.compile(r"^[0-9]{4}$"),
    "iso3166-1": re.compile(r"^[A-Z]{2}$"),
}
#: Code lists, as the datatypes of ``skos:notation``.
NOTATIONS = {"cbs": VOCAB["notation/cbs-gemeentecode"],
             "iso3166-1": VOCAB["notation/iso3166-1-alpha-2"]}
MATCHES = ("exactMatch", "closeMatch")
METHODS = ("register lookup", "reconciler + review", "by hand")
SPECIAL = {"successions.csv": SUCCESSION_COLUMNS, "unlinked.csv": UNLINKED_COLUMNS,
           "coordinates.csv": COORDINATE_COLUMNS}


@dataclass(frozen=True)
class LinkRow:
    """One row of a link table."""

    resource: str
    identifier: str
    scheme: str
    match: str
    method: str
    source: str
    source_date: str
    note: str = ""


def read_table(path: Path, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """The rows of a CSV file with exactly ``columns`` as its header, numbered as in the file."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            header = tuple(reader.fieldnames or ())
            rows = [(number, row) for number, row in enumerate(reader, start=2)]
    except (UnicodeDecodeError, csv.Error) as exc:
        raise InputError(f"{path}: not a readable UTF-8 CSV file ({exc}).") from exc
    if header != columns:
        raise InputError(f"{path}, row 1: the header must be {','.join(columns)} "
                         f"(found {','.join(header) or 'nothing'}).")
    for number, row in rows:
        if None in row or any(v is None for v in row.values()):
            raise InputError(f"{path}, row {number}: expected {len(columns)} columns.")
    return rows


def _check(path: Path, number: int, row: dict[str, str]) -> LinkRow:
    where = f"{path}, row {number}"
    link = LinkRow(**{k: row[k].strip() for k in COLUMNS})
    if not link.resource or "://" in link.resource:
        raise DataError(f"{where}: 'resource' must be one of our record ids "
                        f"(such as municipality/nl/almelo), found {link.resource!r}.")
    pattern = SCHEMES.get(link.scheme)
    if pattern is None:
        raise DataError(f"{where}: unknown scheme {link.scheme!r}; use one of "
                        f"{', '.join(SCHEMES)}.")
    if not pattern.match(link.identifier):
        raise DataError(f"{where}: {link.identifier!r} is not a {link.scheme} identifier "
                        f"(expected the form {pattern.pattern}).")
    if link.match not in MATCHES:
        raise DataError(f"{where}: 'match' must be {' or '.join(MATCHES)}, found {link.match!r}.")
    if link.method not in METHODS:
        raise DataError(f"{where}: 'method' must be one of {', '.join(METHODS)}, found "
                        f"{link.method!r}.")
    if not link.source:
        raise DataError(f"{where}: 'source' names the file or endpoint the link comes from.")
    try:
        dt.date.fromisoformat(link.source_date)
    except ValueError as exc:
        raise DataError(f"{where}: 'source_date' must be a date (YYYY-MM-DD), found "
                        f"{link.source_date!r}.") from exc
    return link


def read_link_tables(folder: Path) -> list[LinkRow]:
    """Every row of every link table in ``folder`` (none if the folder is missing), checked."""
    rows: list[LinkRow] = []
    for path in sorted(folder.glob("*.csv")) if folder.is_dir() else []:
        if path.name in SPECIAL:
            read_table(path, SPECIAL[path.name])
            continue
        rows.extend(_check(path, n, row) for n, row in read_table(path, COLUMNS))
    return rows


def _resource(record_id: str) -> URIRef:
    return ID[record_id]


def links_graph(folder: Path) -> Graph:
    """The links graph triples of the link tables in ``folder``."""
    graph = Graph()
    for link in read_link_tables(folder):
        subject = _resource(link.resource)
        if link.scheme in NOTATIONS:
            graph.add((subject, SKOS.notation,
                       Literal(link.identifier, datatype=NOTATIONS[link.scheme])))
        elif link.scheme == "wikidata" and link.match == "exactMatch":
            graph.add((subject, OWL.sameAs, URIRef(link.identifier)))
        else:
            graph.add((subject, SKOS[link.match], URIRef(link.identifier)))
    successions = folder / "successions.csv"
    if successions.exists():
        for _, row in read_table(successions, SUCCESSION_COLUMNS):
            graph.add((URIRef(row["ended"]), DCTERMS.isReplacedBy, URIRef(row["successor"])))
    return graph
