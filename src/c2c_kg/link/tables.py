"""Writing the link tables: rows added atomically, kept sorted, never duplicated."""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Iterable
from dataclasses import astuple
from pathlib import Path

from ..graph.links import (
    COLUMNS,
    SUCCESSION_COLUMNS,
    UNLINKED_COLUMNS,
    LinkRow,
    read_link_tables,
    read_table,
)

__all__ = ["add_links", "add_successions", "csv_text", "set_reasons", "table_for",
           "write_csv"]

TABLES = {"municipality": "municipalities.csv", "country": "countries.csv",
          "organisation": "organisations.csv"}


def table_for(resource: str) -> str:
    """The table a resource's links go to, from its record id."""
    head = resource.split("/", 1)[0]
    return {"municipality": TABLES["municipality"], "country": TABLES["country"]}.get(
        head, TABLES["organisation"])


def csv_text(columns: tuple[str, ...], rows: Iterable[tuple[str, ...]]) -> str:
    """A table's text as the link tables are written: header first, ``\\n`` line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return buffer.getvalue()


def write_csv(path: Path, columns: tuple[str, ...], rows: Iterable[tuple[str, ...]]) -> None:
    """Write a CSV file whole, through a temporary file (no partial write)."""
    text = csv_text(columns, rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", dir=path.parent, delete=False, encoding="utf-8",
                                     suffix=".tmp") as handle:
        handle.write(text)
    os.replace(handle.name, path)


def add_links(folder: Path, rows: Iterable[LinkRow]) -> int:
    """Add ``rows`` to their tables in ``folder`` (all checked first); the number added.

    A row for a (resource, scheme, identifier) already present is left as it is.
    """
    existing = read_link_tables(folder)
    known = {(r.resource, r.scheme, r.identifier) for r in existing}
    fresh: dict[str, list[LinkRow]] = {}
    for row in rows:
        key = (row.resource, row.scheme, row.identifier)
        if key not in known:
            known.add(key)
            fresh.setdefault(table_for(row.resource), []).append(row)
    for name, added in fresh.items():
        path = folder / name
        before = ([LinkRow(**{k: r[k] for k in COLUMNS}) for _, r in read_table(path, COLUMNS)]
                  if path.exists() else [])
        merged = sorted(before + added, key=lambda r: (r.resource, r.scheme, r.identifier))
        write_csv(path, COLUMNS, (astuple(r) for r in merged))
    read_link_tables(folder)  # what was written reads back
    return sum(len(v) for v in fresh.values())


def add_successions(folder: Path, rows: Iterable[tuple[str, ...]]) -> int:
    """Add register successions (ended, successor, date, event, source, source_date)."""
    path = folder / "successions.csv"
    before = ([tuple(r[k] for k in SUCCESSION_COLUMNS) for _, r in
               read_table(path, SUCCESSION_COLUMNS)] if path.exists() else [])
    merged = sorted(set(before) | {tuple(r) for r in rows})
    write_csv(path, SUCCESSION_COLUMNS, merged)
    return len(merged) - len(before)


def set_reasons(folder: Path, scheme: str, reasons: dict[str, str], linked: set[str]) -> None:
    path = folder / "unlinked.csv"
    rows = ({(r["resource"], r["scheme"]): r["reason"]
             for _, r in read_table(path, UNLINKED_COLUMNS)} if path.exists() else {})
    linked = set(linked) | {r.resource for r in read_link_tables(folder) if r.scheme == scheme}
    for resource in linked:
        rows.pop((resource, scheme), None)
    for resource, reason in reasons.items():  # a reason already given (reviewed) stays
        if resource not in linked:
            rows.setdefault((resource, scheme), reason)
    write_csv(path, UNLINKED_COLUMNS, sorted((r, s, why) for (r, s), why in rows.items()))
