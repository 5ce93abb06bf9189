"""Blank spreadsheets for contributors: the columns of one kind, described, with an example.

Row 1 holds the column names, row 2 what each column takes and row 3 an example; rows 2 and 3
start with '#' so that a filled-in sheet can keep them (rows starting with '#' are skipped).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ..errors import UsageError
from ..project import Project
from .mappings import Mapping, load_mapping

__all__ = ["KINDS", "template_rows", "write_template"]

KINDS = ("partnerships", "actors", "programmes")


def _mapping(project: Project, kind: str) -> Mapping:
    path = project.data / "mappings" / f"{kind}.yaml"
    if kind not in KINDS or not path.is_file():
        raise UsageError(f"Unknown kind {kind!r}; templates exist for {', '.join(KINDS)}.")
    return load_mapping(path)


def template_rows(project: Project, kind: str) -> list[list[str]]:
    """Header, description and example rows of ``kind``'s spreadsheet."""
    mapping = _mapping(project, kind)
    header = [c.header for c in mapping.columns]
    described = [(" ".join(str(c.spec.get("description", "")).split())
                  + (" (required)" if c.spec.get("required") else "")) for c in mapping.columns]
    example = [str(c.spec.get("example", "")) for c in mapping.columns]
    described[0] = f"# {described[0]}"
    example[0] = f"# example: {example[0]}"
    return [header, described, example]


def write_template(project: Project, kind: str, fmt: str = "csv") -> bytes:
    """The template of ``kind`` as CSV or XLSX bytes."""
    rows = template_rows(project, kind)
    if fmt == "csv":
        text = io.StringIO()
        csv.writer(text, lineterminator="\n").writerows(rows)
        return text.getvalue().encode("utf-8")
    if fmt != "xlsx":
        raise UsageError(f"Unknown template format {fmt!r}; use csv or xlsx.")
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = kind
    for row in rows:
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for cell in (*sheet[2], *sheet[3]):
        cell.font = Font(italic=True, color="666666")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def default_name(kind: str, fmt: str) -> Path:
    return Path(f"{kind}.{fmt}")
