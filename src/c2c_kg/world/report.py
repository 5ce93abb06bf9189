"""``c2c-kg world report``: the coverage table of the world graph, read back from the store."""

from __future__ import annotations

from pathlib import Path

from ..errors import UsageError
from ..results import Cell, Results
from .stats import FIGURES

__all__ = ["COLUMNS", "coverage_rows", "coverage_table"]

COLUMNS = ("source", "snapshot", "rows", "placed", "ambiguous", "self_pairs", "incomplete",
           "placed_share", "placed_or_explained", "places", "partnerships", "in_other_sources",
           "year_conflicts", "one_way_pairs")
XSD_INT = "http://www.w3.org/2001/XMLSchema#integer"
_VARIABLES = " ".join(f"?{f}" for f in FIGURES)
_PATTERN = " ; ".join(f"c2c:{f} ?{f}" for f in FIGURES)
QUERY = (f"PREFIX c2c: <https://w3id.org/c2c-kg/ontology#>\n"
         f"SELECT ?g ?snapshot {_VARIABLES} WHERE {{ ?g a c2c:TwinningSource ; {_PATTERN} . "
         f"OPTIONAL {{ ?g c2c:snapshot ?snapshot }} }} ORDER BY ?g")


def coverage_rows(store_path: Path) -> list[dict[str, object]]:
    """Per source (and a total line), the figures and shares of the coverage table."""
    from ..store.embedded import open_store

    store = open_store(store_path, read_only=True)
    rows: list[dict[str, object]] = []
    for solution in store.query(QUERY, use_default_graph_as_union=True):
        figures = {f: int(solution[f].value) for f in FIGURES}
        source = solution["g"].value.rsplit("/", 1)[-1]
        snapshot = solution["snapshot"].value if solution["snapshot"] is not None else ""
        rows.append({"source": source, "snapshot": snapshot, **figures})
    if not rows:
        raise UsageError(f"The store at {store_path} holds no world graph: run "
                         f"'c2c-kg world import' first.")
    total = {"source": "all", "snapshot": ""}
    total.update({f: sum(int(r[f]) for r in rows) for f in FIGURES})
    rows.append(total)
    for row in rows:
        read = int(row["rowsRead"]) or 1
        explained = sum(int(row[f]) for f in ("rowsAmbiguous", "rowsSelfPair", "rowsIncomplete"))
        row["placedShare"] = int(row["rowsPlaced"]) / read
        row["placedOrExplained"] = (int(row["rowsPlaced"]) + explained) / read
    return rows


def coverage_table(store_path: Path) -> Results:
    """The coverage table as :class:`Results` (for the CLI's table, CSV or JSON output)."""
    keys = ("source", "snapshot", "rowsRead", "rowsPlaced", "rowsAmbiguous", "rowsSelfPair",
            "rowsIncomplete", "placedShare", "placedOrExplained", "placesResolved",
            "partnerships", "partnershipsMatched", "yearConflicts", "oneWayPairs")
    out = []
    for row in coverage_rows(store_path):
        cells = {}
        for column, key in zip(COLUMNS, keys, strict=True):
            value = row[key]
            if isinstance(value, float):
                cells[column] = Cell("literal", f"{100 * value:.1f}%")
            elif isinstance(value, int):
                cells[column] = Cell("literal", str(value), XSD_INT)
            else:
                cells[column] = Cell("literal", str(value))
        out.append(cells)
    return Results(list(COLUMNS), out)
