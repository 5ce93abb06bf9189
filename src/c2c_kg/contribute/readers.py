"""Reading contributed files safely: size limits, no network, errors with line and column.

Spreadsheets (CSV, XLSX) come back as rows of text cells with their row numbers; RDF files
(Turtle, N-Triples, RDF/XML, JSON-LD) are parsed by Oxigraph, which resolves no external entity
and fetches no remote JSON-LD context. A JSON-LD ``@context`` given by address is replaced by
the file we ship when it is ours and refused otherwise, naming the address.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..terms import ID

__all__ = [
    "FORMATS",
    "MAX_BYTES",
    "SHIPPED_CONTEXT",
    "RdfFile",
    "Table",
    "detect_format",
    "read_bytes",
    "read_rdf",
    "read_table",
]

#: file suffix -> format name
FORMATS = {".csv": "csv", ".tsv": "csv", ".xlsx": "xlsx", ".yaml": "yaml", ".yml": "yaml",
           ".ttl": "turtle", ".nt": "ntriples", ".rdf": "rdfxml", ".xml": "rdfxml",
           ".owl": "rdfxml", ".jsonld": "jsonld", ".json": "jsonld"}
#: the address of the JSON-LD context we ship (data/context.jsonld); the only remote one allowed
SHIPPED_CONTEXT = "https://w3id.org/c2c-kg/context.jsonld"

MAX_BYTES = int(os.environ.get("C2C_KG_MAX_CONTRIBUTION_BYTES", str(50 * 2**20)))
MAX_ROWS = int(os.environ.get("C2C_KG_MAX_CONTRIBUTION_ROWS", "200000"))
MAX_UNPACKED = 8 * MAX_BYTES


@dataclass
class Table:
    """A spreadsheet: the header cells and each data row with its row number (header = 1)."""

    file: str
    headers: list[str]
    rows: list[tuple[int, list[str]]]
    letters: list[str] = field(default_factory=list)


@dataclass
class RdfFile:
    """An RDF file as an rdflib graph, with the line each subject is first described on."""

    file: str
    graph: Any
    lines: dict[str, int]


def detect_format(path: Path) -> str:
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(
            f"{path}: unknown file type {path.suffix!r}; a contribution is a CSV or XLSX sheet, "
            f"a YAML records file, or Turtle (.ttl), N-Triples (.nt), RDF/XML (.rdf) or JSON-LD "
            f"(.jsonld)."
        )
    return fmt


def read_bytes(path: Path) -> bytes:
    """The file's bytes, refusing files over the size limit before reading them."""
    try:
        size = path.stat().st_size
    except FileNotFoundError as exc:
        raise InputError(f"{path} does not exist.") from exc
    if not path.is_file():
        raise InputError(f"{path} is not a regular file.")
    if size > MAX_BYTES:
        raise InputError(
            f"{path} is {size:,} bytes, over the limit of {MAX_BYTES:,} bytes for one "
            f"contribution: split it into smaller files (or raise C2C_KG_MAX_CONTRIBUTION_BYTES)."
        )
    return path.read_bytes()


def _text(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"{path}:{line}: not UTF-8 text (byte {exc.start}); save the file as UTF-8."
        ) from exc


def _too_many(path: Path) -> InputError:
    return InputError(
        f"{path} has more than {MAX_ROWS:,} rows, the limit for one contribution: split it "
        f"(or raise C2C_KG_MAX_CONTRIBUTION_ROWS)."
    )


def _letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _is_comment(cells: list[str]) -> bool:
    first = next((c for c in cells if c.strip()), "")
    return first.lstrip().startswith("#") or not first


def read_table(path: Path) -> Table:
    """A CSV or XLSX file as a :class:`Table`, without empty rows and rows starting with #."""
    data = read_bytes(path)
    if detect_format(path) == "xlsx":
        return _read_xlsx(path, data)
    text = _text(path, data)
    sample = text[:4096]
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    if path.suffix.lower() == ".csv" and sample.count(";") > sample.count(","):
        delimiter = ";"
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[tuple[int, list[str]]] = []
    headers: list[str] | None = None
    start = 1
    try:
        for cells in reader:
            if headers is None:
                headers = [c.strip() for c in cells]
            elif not _is_comment(cells):
                rows.append((start, cells))
                if len(rows) > MAX_ROWS:
                    raise _too_many(path)
            start = reader.line_num + 1
    except csv.Error as exc:
        raise InputError(f"{path}:{reader.line_num}: malformed CSV: {exc}.") from exc
    if not headers:
        raise InputError(f"{path}: the file is empty; the first row must hold the column names.")
    return Table(str(path), headers, rows, [_letter(i) for i in range(len(headers))])


def _cell(value: Any) -> str:
    import datetime as dt

    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _read_xlsx(path: Path, data: bytes) -> Table:
    """The first sheet of an XLSX workbook; refuses zip bombs before openpyxl unpacks anything.

    openpyxl parses the sheet XML through defusedxml when it is installed (it is a dependency),
    so entity expansion and external entities are refused.
    """
    import openpyxl
    import openpyxl.xml

    if not openpyxl.xml.DEFUSEDXML:  # pragma: no cover - defusedxml is a dependency
        raise InputError("XLSX files are read only with defusedxml installed; install it.")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as exc:
        raise InputError(f"{path}: not an XLSX workbook (not a zip archive): {exc}.") from exc
    if unpacked > MAX_UNPACKED:
        raise InputError(
            f"{path} unpacks to {unpacked:,} bytes, over the limit of {MAX_UNPACKED:,}: the "
            f"workbook is too large (or a zip bomb); split it or save it as CSV."
        )
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged workbook
        raise InputError(f"{path}: not a readable XLSX workbook: {exc}.") from exc
    try:
        sheet = book.worksheets[0]
        headers: list[str] | None = None
        rows: list[tuple[int, list[str]]] = []
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = [_cell(v) for v in values]
            if headers is None:
                headers = [c.strip() for c in cells]
                while headers and not headers[-1]:
                    headers.pop()
            elif not _is_comment(cells):
                rows.append((number, cells))
                if len(rows) > MAX_ROWS:
                    raise _too_many(path)
    except InputError:
        raise
    except Exception as exc:
        raise InputError(f"{path}: not a readable XLSX workbook: {exc}.") from exc
    finally:
        book.close()
    if not headers:
        raise InputError(f"{path}: the first sheet is empty; its first row must hold the "
                         f"column names.")
    return Table(str(path), headers, rows, [_letter(i) for i in range(len(headers))])


# --- RDF -------------------------------------------------------------------------------------

_OX_FORMATS = {"turtle": "TURTLE", "ntriples": "N_TRIPLES", "rdfxml": "RDF_XML",
               "jsonld": "JSON_LD"}


def _local_contexts(path: Path, node: Any, shipped: dict[str, Any]) -> Any:
    """``node`` with every ``@context`` address replaced by our shipped context, or refused."""
    if isinstance(node, list):
        return [_local_contexts(path, n, shipped) for n in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key == "@context":
            out[key] = _context_value(path, value, shipped)
        else:
            out[key] = _local_contexts(path, value, shipped)
    return out


def _context_value(path: Path, value: Any, shipped: dict[str, Any]) -> Any:
    if isinstance(value, list):
        return [_context_value(path, v, shipped) for v in value]
    if isinstance(value, str):
        if value.rstrip("#") == SHIPPED_CONTEXT:
            return shipped
        raise InputError(
            f"{path}: the JSON-LD @context {value!r} would be fetched from the network, which "
            f"c2c-kg never does: inline its terms, or use ours ({SHIPPED_CONTEXT})."
        )
    if isinstance(value, dict):
        if "@import" in value:
            raise InputError(
                f"{path}: the JSON-LD @context imports {value['@import']!r} ('@import' would be "
                f"fetched from the network): inline its terms instead."
            )
        return {k: (_local_contexts(path, v, shipped) if isinstance(v, dict) else v)
                for k, v in value.items()}
    return value


def read_rdf(path: Path, fmt: str, shipped_context: dict[str, Any]) -> RdfFile:
    """Parse an RDF contribution with Oxigraph (relative IRIs against ``id/``) into rdflib."""
    import pyoxigraph as ox
    from rdflib import Graph

    data = read_bytes(path)
    text = _text(path, data)
    if fmt == "jsonld":
        try:
            document = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{exc.lineno}:{exc.colno}: malformed JSON (line "
                             f"{exc.lineno}, column {exc.colno}): {exc.msg}.") from exc
        data = json.dumps(_local_contexts(path, document, {"@context": shipped_context}
                                          ["@context"])).encode("utf-8")
    try:
        triples = list(ox.parse(data, format=getattr(ox.RdfFormat, _OX_FORMATS[fmt]),
                                base_iri=str(ID)))
    except SyntaxError as exc:
        where = f":{exc.lineno}:{exc.offset}" if exc.lineno else ""
        position = f" (line {exc.lineno}, column {exc.offset})" if exc.lineno else ""
        raise InputError(f"{path}{where}: malformed {fmt}{position}: {exc.msg}.") from exc
    graph = Graph()
    if triples:
        nt = ox.serialize([ox.Triple(t.subject, t.predicate, t.object) for t in triples],
                          format=ox.RdfFormat.N_TRIPLES)
        graph.parse(data=nt.decode("utf-8"), format="nt")
    subjects = {str(s) for s in graph.subjects()}
    return RdfFile(str(path), graph, _subject_lines(text, subjects))


_TOKEN = re.compile(r'<[^<>\s"]*>|"[^"\n]*"|[A-Za-z][\w-]*:[^\s;,<>"()\[\]]*[^\s;,.<>"()\[\]]')


def _subject_lines(text: str, subjects: set[str]) -> dict[str, int]:
    """The line where each subject IRI is first written as a subject (else first mentioned).

    One pass over the text: every IRI-like token (``<…>``, ``"…"``, ``prefix:name``) is looked
    up among the written forms of the subjects (full, relative to ``id/``, compact).
    """
    prefixes = dict(re.findall(r"@?prefix\s+([\w-]*):\s*<([^>]*)>", text, flags=re.I))
    prefixes.update(re.findall(r'"([\w-]+)"\s*:\s*"(https?://[^"]*)"', text))
    forms: dict[str, str] = {}
    for iri in subjects:
        forms[f"<{iri}>"] = forms[f'"{iri}"'] = iri
        if iri.startswith(str(ID)):
            rest = iri[len(str(ID)):]
            forms.setdefault(f"<{rest}>", iri)
            forms.setdefault(f'"{rest}"', iri)
        for prefix, namespace in prefixes.items():
            if namespace and iri.startswith(namespace) and len(iri) > len(namespace):
                forms.setdefault(f"{prefix}:{iri[len(namespace):]}", iri)
    first: dict[str, int] = {}
    best: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.lstrip()
        describes = "about=" in line or '"@id"' in line or '"id"' in line
        for token in _TOKEN.findall(line):
            iri = forms.get(token)
            if iri is None:
                continue
            first.setdefault(iri, number)
            if iri not in best and (describes or stripped.startswith(token)):
                best[iri] = number
    return {iri: best.get(iri, first.get(iri)) for iri in subjects if iri in first}
