"""The coordinates table (``data/links/coordinates.csv``): read, checked, mapped to the links graph.

One row per placed record: ``resource`` (our record id), ``lat`` and ``long`` (WGS84 decimal
degrees), ``file`` and ``row`` (the twinning list and its line the value was read from),
``source`` (that line at its origin: the repository file at a commit, ``#L`` line), ``match``
(``qid`` or ``name+country``) and a ``note``. Each row becomes ``geo:lat`` and ``geo:long``
(``xsd:decimal``) on the record, and each of the two statements is reified (``rdf:Statement``,
a blank node) with ``dcterms:source`` the list's line: the values come from the lists, not from
the thesis, so they carry no ``prov:wasDerivedFrom`` passage. ``c2c-kg link coordinates``
writes the table (:mod:`c2c_kg.link.coordinates`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from rdflib import RDF, BNode, Graph, Literal, Namespace, URIRef

from ..errors import DataError
from ..terms import DCTERMS, ID, XSD

__all__ = ["COLUMNS", "GEO", "MATCHES", "PLACE_TYPES", "CoordinateRow", "coordinates_graph",
           "decimal_text", "read_coordinates"]

GEO = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
COLUMNS = ("resource", "lat", "long", "file", "row", "source", "match", "note")
MATCHES = ("qid", "name+country")
#: Record types that are places a coordinate may be given to (not regions: a region and its
#: main town often share a name).
PLACE_TYPES = ("Municipality", "CityDistrict", "Village")
DECIMAL = re.compile(r"^-?[0-9]{1,3}(\.[0-9]+)?$")
SOURCE = re.compile(r"^https?://\S+$")


@dataclass(frozen=True)
class CoordinateRow:
    """One row of the coordinates table."""

    resource: str
    lat: str
    long: str
    file: str
    row: int
    source: str
    match: str
    note: str = ""

    def cells(self) -> tuple[str, ...]:
        """The row as the table writes it."""
        return (self.resource, self.lat, self.long, self.file, str(self.row), self.source,
                self.match, self.note)


def decimal_text(value: float) -> str:
    """A coordinate as table text: at most six decimals (about 0.1 m), no trailing zeros.

    >>> decimal_text(52.616666666667), decimal_text(-7.62), decimal_text(4.0)
    ('52.616667', '-7.62', '4')
    """
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _degrees(where: str, column: str, text: str, limit: int) -> None:
    if not DECIMAL.match(text):
        raise DataError(f"{where}: '{column}' must be a decimal number of degrees such as "
                        f"52.3676 (no exponent, no unit), found {text!r}.")
    if abs(Decimal(text)) > limit:
        raise DataError(f"{where}: '{column}' must lie between -{limit} and {limit} degrees, "
                        f"found {text}.")


def _check(where: str, row: dict[str, str], places: set[str] | None) -> CoordinateRow:
    cells = {k: row[k].strip() for k in COLUMNS}
    if places is not None and cells["resource"] not in places:
        raise DataError(f"{where}: 'resource' must be the id of a place record "
                        f"({', '.join(PLACE_TYPES)}), such as municipality/nl/almelo; "
                        f"{cells['resource']!r} is none.")
    _degrees(where, "lat", cells["lat"], 90)
    _degrees(where, "long", cells["long"], 180)
    if not cells["file"]:
        raise DataError(f"{where}: 'file' names the list the coordinates were read from.")
    if not cells["row"].isdigit() or int(cells["row"]) < 2:
        raise DataError(f"{where}: 'row' is the line of the list the coordinates are on "
                        f"(2 or more), found {cells['row']!r}.")
    if not SOURCE.match(cells["source"]):
        raise DataError(f"{where}: 'source' is the list's line at its origin (an http(s) IRI), "
                        f"found {cells['source']!r}.")
    if cells["match"] not in MATCHES:
        raise DataError(f"{where}: 'match' must be {' or '.join(MATCHES)}, found "
                        f"{cells['match']!r}.")
    return CoordinateRow(**{**cells, "row": int(cells["row"])})


def read_coordinates(path: Path, places: set[str] | None = None) -> list[CoordinateRow]:
    """The checked rows of the coordinates table at ``path`` (none if it is missing).

    ``places`` are the record ids a row may name (unchecked if None). A bad row raises
    :class:`DataError` naming the file, the row and the rule; a second row for one place too.
    """
    from .links import read_table

    if not path.exists():
        return []
    rows: list[CoordinateRow] = []
    seen: dict[str, int] = {}
    for number, row in read_table(path, COLUMNS):
        where = f"{path}, row {number}"
        checked = _check(where, row, places)
        if checked.resource in seen:
            raise DataError(f"{where}: {checked.resource} already has coordinates in row "
                            f"{seen[checked.resource]}; a place has one row.")
        seen[checked.resource] = number
        rows.append(checked)
    return rows


def coordinates_graph(rows: list[CoordinateRow]) -> Graph:
    """``geo:lat``/``geo:long`` per row, each statement reified with its ``dcterms:source``."""
    graph = Graph()
    for row in rows:
        subject = ID[row.resource]
        for predicate, text in ((GEO.lat, row.lat), (GEO.long, row.long)):
            value = Literal(text, datatype=XSD.decimal)
            graph.add((subject, predicate, value))
            statement = BNode()
            graph.add((statement, RDF.type, RDF.Statement))
            graph.add((statement, RDF.subject, subject))
            graph.add((statement, RDF.predicate, predicate))
            graph.add((statement, RDF.object, value))
            graph.add((statement, DCTERMS.source, URIRef(row.source)))
    return graph
