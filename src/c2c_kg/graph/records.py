"""Curated records: YAML files in ``data/records/`` mapped to RDF through the JSON-LD context.

A record is a YAML mapping with an ``id`` (a path under ``https://w3id.org/c2c-kg/id/`` or a
compact IRI such as ``src:…``), a ``type`` and fields named in ``data/context.jsonld``. Its
``evidence`` list names where a source says it (see :mod:`c2c_kg.graph.evidence`). No field has
a hand-written mapping: the context says what each key means, so a new field is one line there.

Each file is parsed once (:mod:`c2c_kg.graph.yamlfile`: libyaml, duplicate keys and aliases
refused) and every record keeps the line of each of its fields, so errors name file and line.

Which source an evidence item cites, when the item does not say (``source:`` in the item), is
inherited: from the file's header (an optional first YAML document, a mapping, before the list
of records) or else from the nearest ``_defaults.yaml`` in the file's folder or a parent folder
up to ``data/records/``. Both hold the same form::

    evidence:
      source: src:van-ewijk-2013-ch1

Records never carry JSON-LD keywords (``@context``, ``@id`` …) and the context file holds no
remote reference (a string ``@context`` or any ``@import``), so mapping never fetches a URL.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import Graph
from yaml.nodes import MappingNode, Node, SequenceNode

from ..errors import DataError, InputError
from ..offline import offline
from ..project import Project
from .yamlfile import line_of, read_documents

__all__ = ["DEFAULTS_FILE", "Record", "check_types", "load_context", "load_records",
           "mapped_record_files", "project_data", "record_files", "records_to_graph"]

RESERVED = {"id", "type", "evidence", "citedIn"}
ID_PATTERN = re.compile(r"^(?:[a-z][a-z0-9]*:)?[a-z0-9][a-z0-9/_.~-]*$")
#: The per-folder defaults file; its name starts with '_' so it is not a record file.
DEFAULTS_FILE = "_defaults.yaml"
EVIDENCE_KEYS = ("evidence", "citedIn")


@dataclass(frozen=True)
class Record:
    """One curated record as written, with the place it was written.

    ``lines`` gives the line of each top-level field; ``item_lines`` the line of each item of
    the ``evidence`` and ``citedIn`` lists; ``evidence_source`` the source an evidence item
    cites when it names none (from the file header or a ``_defaults.yaml``).
    """

    file: Path
    line: int
    body: dict[str, Any] = field(hash=False)
    lines: dict[str, int] = field(default_factory=dict, hash=False, compare=False)
    item_lines: dict[str, tuple[int, ...]] = field(default_factory=dict, hash=False,
                                                   compare=False)
    evidence_source: str | None = None

    @property
    def id(self) -> str:
        return str(self.body["id"])

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"

    def where_field(self, key: str, index: int | None = None) -> str:
        """``file:line`` of field ``key`` (of its item ``index``), else of the record."""
        if index is not None and index < len(self.item_lines.get(key, ())):
            return f"{self.file}:{self.item_lines[key][index]}"
        return f"{self.file}:{self.lines.get(key, self.line)}"


def _no_duplicate_keys(path: Path):
    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [k for k, _ in pairs]
        twice = sorted({k for k in keys if keys.count(k) > 1})
        if twice:
            raise InputError(f"{path}: the key(s) {', '.join(twice)} are given twice in one "
                             f"object of the JSON-LD context; JSON keeps only the last.")
        return dict(pairs)
    return hook


def _key_line(text: str, key: str, occurrence: int) -> int:
    """The line of the ``occurrence``-th (0-based) ``"key":`` in JSON ``text``."""
    hits = list(re.finditer(rf'"{re.escape(key)}"\s*:', text))
    at = hits[occurrence].start() if occurrence < len(hits) else 0
    return text.count("\n", 0, at) + 1


def _remote_references(value: Any, seen: dict[str, int]) -> Iterator[tuple[str, int, str]]:
    """(keyword, occurrence, problem) for each nested reference JSON-LD would fetch."""
    if isinstance(value, list):
        for item in value:
            yield from _remote_references(item, seen)
    elif isinstance(value, dict):
        for key, item in value.items():
            if key in ("@context", "@import"):
                occurrence = seen.get(key, 0)
                seen[key] = occurrence + 1
                if key == "@import":
                    yield key, occurrence, "'@import' would fetch a remote context"
                elif not isinstance(item, dict):
                    yield key, occurrence, (f"a nested '@context' of {item!r:.80} is remote or "
                                            f"a list; only an inline object is allowed")
            yield from _remote_references(item, seen)


def load_context(path: Path) -> dict[str, Any]:
    """Read the JSON-LD context; refuse remote or imported contexts anywhere in it."""
    try:
        text = path.read_text(encoding="utf-8")
        document = json.loads(text, object_pairs_hook=_no_duplicate_keys(path))
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
    seen = {"@context": 1}  # the top-level one, checked above
    for key, occurrence, problem in _remote_references(context, seen):
        raise InputError(
            f"{path}:{_key_line(text, key, occurrence)}: {problem}; nothing we parse may reach "
            f"the network: inline its terms instead."
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


def _keywords(node: Node) -> Iterator[tuple[int, str]]:
    """(line, key) of every mapping key starting with '@', at any depth."""
    if isinstance(node, MappingNode):
        for key, value in node.value:
            if str(key.value).startswith("@"):
                yield line_of(key), str(key.value)
            yield from _keywords(value)
    elif isinstance(node, SequenceNode):
        for item in node.value:
            yield from _keywords(item)


def _read_defaults(path: Path, value: Any, line: int) -> str | None:
    """The evidence source a defaults mapping (file header or ``_defaults.yaml``) gives."""
    rule = (f"{path}:{line}: defaults are a mapping 'evidence: {{source: SOURCE-ID}}' (the id "
            f"of a src: record) and nothing else")
    if not isinstance(value, dict) or set(value) - {"evidence"}:
        raise DataError(f"{rule}.")
    evidence = value.get("evidence") or {}
    if not isinstance(evidence, dict) or set(evidence) - {"source"}:
        raise DataError(f"{rule}.")
    source = evidence.get("source")
    if source is not None and not (isinstance(source, str) and source.strip()):
        raise DataError(f"{rule}; the source is {source!r}.")
    return source.strip().removeprefix("src:") if source else None


class _FolderDefaults:
    """The evidence source each folder under ``root`` gives by its ``_defaults.yaml``."""

    def __init__(self, root: Path | None) -> None:
        self.root = root
        self._cache: dict[Path, str | None] = {}

    def source(self, folder: Path) -> str | None:
        if folder not in self._cache:
            inherited = None
            if self.root is not None and folder != self.root and self.root in folder.parents:
                inherited = self.source(folder.parent)
            path = folder / DEFAULTS_FILE
            own = None
            if path.is_file():
                documents = read_documents(path)
                if len(documents) != 1:
                    raise DataError(f"{path}: a defaults file holds exactly one YAML mapping.")
                own = _read_defaults(path, documents[0].value, documents[0].line)
            self._cache[folder] = own or inherited
        return self._cache[folder]


def _file_items(path: Path) -> tuple[str | None, list[tuple[Node, Any]]]:
    """The header's evidence source (if any) and the (node, value) of each record in ``path``."""
    documents = read_documents(path)
    header = None
    if len(documents) == 2 and isinstance(documents[0].value, dict):
        header = _read_defaults(path, documents[0].value, documents[0].line)
        documents = documents[1:]
    if not documents or documents[0].value is None:
        return header, []
    body = documents[0]
    if len(documents) > 1 or not isinstance(body.value, list) \
            or not isinstance(body.node, SequenceNode):
        raise InputError(
            f"{path}:{body.line}: a records file is a YAML list of records (mappings), "
            f"optionally after a header mapping ('evidence: {{source: …}}') and '---'."
        )
    return header, list(zip(body.node.value, body.value, strict=True))


def _lines(node: Node) -> tuple[dict[str, int], dict[str, tuple[int, ...]]]:
    lines: dict[str, int] = {}
    items: dict[str, tuple[int, ...]] = {}
    if isinstance(node, MappingNode):
        for key, value in node.value:
            lines[str(key.value)] = line_of(key)
            if key.value in EVIDENCE_KEYS and isinstance(value, SequenceNode):
                items[str(key.value)] = tuple(line_of(v) for v in value.value)
    return lines, items


def load_records(files: Iterable[Path], context: dict[str, Any],
                 root: Path | None = None) -> list[Record]:
    """Read and check the records of ``files``; raise :class:`DataError` naming the bad record.

    ``root`` is the folder (``data/records``) from which ``_defaults.yaml`` files are inherited
    down to each file's folder; without it only the file's own folder's ``_defaults.yaml`` and
    the file's header give a default evidence source.
    """
    known = {k for k in context if not k.startswith("@")} | RESERVED
    records: list[Record] = []
    seen: dict[str, Record] = {}
    folders = _FolderDefaults(root)
    for path in sorted(files):
        header, items = _file_items(path)
        default_source = header or folders.source(path.parent)
        for node, item in items:
            line = line_of(node)
            where = f"{path}:{line}"
            if not isinstance(item, dict):
                raise DataError(f"{where}: each record must be a mapping with id and type.")
            for key_line, key in _keywords(node):
                raise DataError(
                    f"{path}:{key_line}: '{key}' is a JSON-LD keyword; records use only the "
                    f"terms of data/context.jsonld (a nested '@context' could make the build "
                    f"fetch a URL)."
                )
            body = _plain(item)
            lines, item_lines = _lines(node)
            for key in ("id", "type"):
                if key not in body:
                    raise DataError(f"{where}: the record has no '{key}'; every record needs one.")
            if not isinstance(body["id"], str) or not ID_PATTERN.match(body["id"]):
                raise DataError(
                    f"{path}:{lines['id']}: id {body['id']!r} is not a readable IRI path "
                    f"(lower-case letters, digits and / _ . - only, e.g. municipality/nl/almelo)."
                )
            unknown = sorted(k for k in body if k not in known)
            if unknown:
                raise DataError(
                    f"{path}:{lines[unknown[0]]}: record {body['id']} has field(s) "
                    f"{', '.join(unknown)} that data/context.jsonld does not define; fix the "
                    f"spelling or add the term there."
                )
            record = Record(path, line, body, lines, item_lines, default_source)
            if record.id in seen:
                raise DataError(
                    f"{where}: record {record.id} is already defined at {seen[record.id].where}; "
                    f"merge the two records."
                )
            seen[record.id] = record
            records.append(record)
    return records


def _expand(term: str, context: dict[str, Any]) -> str:
    """A ``type`` value as the IRI the context makes of it (prefix, term or ``@vocab``)."""
    prefix, sep, rest = term.partition(":")
    if sep:
        namespace = context.get(prefix)
        return namespace + rest if isinstance(namespace, str) else term
    definition = context.get(term)
    if isinstance(definition, str):
        return _expand(definition, context) if ":" in definition else definition
    if isinstance(definition, dict) and isinstance(definition.get("@id"), str):
        return _expand(definition["@id"], context)
    return str(context.get("@vocab", "")) + term


def check_types(records: Iterable[Record], context: dict[str, Any], classes: set[str]) -> None:
    """Refuse a record ``type`` that is not a class the ontology declares.

    A type in the ontology's own namespace (the context's ``@vocab``) must be declared there
    (``owl:Class``/``rdfs:Class``); a type of another vocabulary must use a prefix the context
    defines (its classes are that vocabulary's business).
    """
    vocab = str(context.get("@vocab", ""))
    own = sorted(c.removeprefix(vocab) for c in classes if vocab and c.startswith(vocab))
    for record in records:
        types = record.body["type"]
        for value in types if isinstance(types, list) else [types]:
            where = record.where_field("type")
            if not isinstance(value, str) or not value:
                raise DataError(f"{where}: the type of {record.id} must be a class name.")
            iri = _expand(value, context)
            prefix, sep, _ = value.partition(":")
            if sep and not isinstance(context.get(prefix), str):
                raise DataError(
                    f"{where}: the type {value!r} of {record.id} uses the prefix {prefix!r}, "
                    f"which data/context.jsonld does not define."
                )
            if vocab and iri.startswith(vocab) and iri not in classes:
                close = difflib.get_close_matches(iri.removeprefix(vocab), own, n=1)
                hint = f" Did you mean {close[0]}?" if close else ""
                raise DataError(
                    f"{where}: the type {value!r} of {record.id} is not a class the ontology "
                    f"declares.{hint} Fix the spelling or declare the class in ontology/."
                )


def records_to_graph(records: list[Record], context: dict[str, Any]) -> Graph:
    """Map records (without their evidence) to an RDF graph through the JSON-LD context.

    Runs :func:`~c2c_kg.offline.offline`: should anything still make rdflib's JSON-LD parser
    reach for a URL, the request fails before it leaves.
    """
    items = [{k: v for k, v in r.body.items() if k not in EVIDENCE_KEYS} for r in records]
    document = {"@context": context, "@graph": items}
    graph = Graph()
    with offline("mapping the records to RDF"):
        try:
            graph.parse(data=json.dumps(document), format="json-ld")
        except Exception:  # rdflib raises many kinds: find the record that caused it
            for record, item in zip(records, items, strict=True):
                try:
                    Graph().parse(data=json.dumps({"@context": context, **item}),
                                  format="json-ld")
                except Exception as exc:
                    raise DataError(
                        f"{record.where}: record {record.id} cannot be mapped to RDF: {exc}"
                    ) from exc
            raise
    return graph


def record_files(project: Project) -> list[Path]:
    """The curated record files of ``project`` (``data/records/**/*.yaml``), sorted.

    Files whose name starts with ``_`` (such as ``_defaults.yaml``) are not record files.
    """
    return sorted(p for p in (project.data / "records").rglob("*.yaml")
                  if not p.name.startswith("_"))


def mapped_record_files(project: Project):
    """Each record file of ``project`` with the RDF its records map to, file by file."""
    context = load_context(project.data / "context.jsonld")
    for path in record_files(project):
        records = load_records([path], context, project.data / "records")
        yield path, records_to_graph(records, context)


def project_data(project: Project) -> Graph:
    """All curated records of ``project`` mapped to one graph."""
    context = load_context(project.data / "context.jsonld")
    records = load_records(record_files(project), context, project.data / "records")
    return records_to_graph(records, context)
