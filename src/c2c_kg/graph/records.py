"""Curated records: YAML files in ``data/`` mapped to RDF through the JSON-LD context.

A record is a YAML mapping with an ``id`` (a path under ``https://w3id.org/c2c-kg/id/`` or a
compact IRI such as ``src:…``), a ``type`` and fields named in ``data/context.jsonld``. Its
``evidence`` list names where the source says it (see :mod:`c2c_kg.evidence`). No field has a
hand-written mapping: the context says what each key means, so a new field is one line there.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from rdflib import Graph

from ..errors import DataError, InputError
from ..project import Project

__all__ = ["Record", "load_context", "load_records", "mapped_record_files", "project_data",
           "record_files", "records_to_graph"]

RESERVED = {"id", "type", "evidence", "citedIn"}
ID_PATTERN = re.compile(r"^(?:[a-z][a-z0-9]*:)?[a-z0-9][a-z0-9/_.~-]*$")


@dataclass(frozen=True)
class Record:
    """One curated record as written, with the place it was written."""

    file: Path
    line: int
    body: dict[str, Any] = field(hash=False)

    @property
    def id(self) -> str:
        return str(self.body["id"])

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"


def load_context(path: Path) -> dict[str, Any]:
    """Read the JSON-LD context; refuse remote or imported contexts (they would fetch URLs)."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise InputError(f"The JSON-LD context {path} is missing.") from exc
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{path}:{exc.lineno}: the JSON-LD context is not valid JSON: {exc.msg}."
        ) from exc
    context = document.get("@context") if isinstance(document, dict) else None
    if not isinstance(context, dict):
        raise InputError(
            f"{path}: a local JSON-LD context must be an object under '@context'; remote or "
            f"list contexts are refused because they would be fetched from the network."
        )
    if "@import" in context:
        raise InputError(
            f"{path}: '@import' would fetch a remote context; inline its terms instead."
        )
    return context


def _plain(value: Any) -> Any:
    """Turn YAML scalars JSON cannot hold (dates) into strings, recursively."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def _parse_yaml(path: Path) -> list[tuple[int, Any]]:
    """The top-level items of one YAML file, each with the line it starts on."""
    try:
        text = path.read_text(encoding="utf-8")
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text ({exc.reason}).") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        problem = getattr(exc, "problem", None) or str(exc)
        raise InputError(f"{where}: malformed YAML: {problem}.") from exc
    if data is None:
        return []
    if not isinstance(data, list) or root is None:
        raise InputError(f"{path}: a records file must be a YAML list of records (mappings).")
    return [(node.start_mark.line + 1, item) for node, item in zip(root.value, data, strict=True)]


def load_records(files: Iterable[Path], context: dict[str, Any]) -> list[Record]:
    """Read and check the records of ``files``; raise :class:`DataError` naming the bad record."""
    known = set(context) | RESERVED
    records: list[Record] = []
    seen: dict[str, Record] = {}
    for path in sorted(files):
        for line, item in _parse_yaml(path):
            where = f"{path}:{line}"
            if not isinstance(item, dict):
                raise DataError(f"{where}: each record must be a mapping with id and type.")
            body = _plain(item)
            for key in ("id", "type"):
                if key not in body:
                    raise DataError(f"{where}: the record has no '{key}'; every record needs one.")
            if not isinstance(body["id"], str) or not ID_PATTERN.match(body["id"]):
                raise DataError(
                    f"{where}: id {body['id']!r} is not a readable IRI path (lower-case letters, "
                    f"digits and / _ . - only, e.g. municipality/nl/almelo)."
                )
            unknown = sorted(k for k in body if k not in known)
            if unknown:
                raise DataError(
                    f"{where}: record {body['id']} has field(s) {', '.join(unknown)} that "
                    f"data/context.jsonld does not define; fix the spelling or add the term there."
                )
            record = Record(path, line, body)
            if record.id in seen:
                raise DataError(
                    f"{where}: record {record.id} is already defined at {seen[record.id].where}; "
                    f"merge the two records."
                )
            seen[record.id] = record
            records.append(record)
    return records


def records_to_graph(records: list[Record], context: dict[str, Any]) -> Graph:
    """Map records (without their evidence) to an RDF graph through the JSON-LD context."""
    items = [{k: v for k, v in r.body.items() if k not in ("evidence", "citedIn")}
             for r in records]
    document = {"@context": context, "@graph": items}
    graph = Graph()
    try:
        graph.parse(data=json.dumps(document), format="json-ld")
    except Exception:  # rdflib raises many kinds: find the record that caused it
        for record, item in zip(records, items, strict=True):
            try:
                Graph().parse(data=json.dumps({"@context": context, **item}), format="json-ld")
            except Exception as exc:
                raise DataError(
                    f"{record.where}: record {record.id} cannot be mapped to RDF: {exc}"
                ) from exc
        raise
    return graph


def record_files(project: Project) -> list[Path]:
    """The curated record files of ``project`` (``data/records/**/*.yaml``), sorted."""
    return sorted((project.data / "records").rglob("*.yaml"))


def mapped_record_files(project: Project):
    """Each record file of ``project`` with the RDF its records map to, file by file."""
    context = load_context(project.data / "context.jsonld")
    for path in record_files(project):
        yield path, records_to_graph(load_records([path], context), context)


def project_data(project: Project) -> Graph:
    """All curated records of ``project`` mapped to one graph."""
    context = load_context(project.data / "context.jsonld")
    return records_to_graph(load_records(record_files(project), context), context)
