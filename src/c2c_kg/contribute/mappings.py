"""Spreadsheet rows to records, declared per kind in ``data/mappings/*.yaml``.

A mapping names, for each column, the record field it fills and how its text is read: ``as``
(text, year, integer, boolean, list), ``ref`` (a kind of record it names: resolved against the
graph, see :mod:`.joined`), ``values`` (allowed values, or a table from a value to its
replacement), ``required``. ``record`` gives the fixed fields and the id and label templates,
where ``{column}`` is a column's value and ``{column.slug}``/``{column.label}`` the slug and
label of the record it resolved to. A ``create`` on a ``ref`` column lets the mapping declare new
records for names the graph does not hold (the German list's places); without it an unknown name
is reported. Rows become YAML-shaped records, which the JSON-LD context maps to RDF like curated
records: no column has code of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import InputError
from ..project import Project
from ..terms import C2C, ID
from .joined import Joined, Resolution, slug
from .messages import say
from .model import Finding, Item, Origin
from .readers import Table

__all__ = ["Mapping", "RowResult", "choose_mapping", "load_mapping", "map_row", "mapping_files"]

YEAR = re.compile(r"^(1[89][0-9]{2}|20[0-9]{2})$")
PLACEHOLDER = re.compile(r"\{([a-z0-9_]+)(?:\.(slug|label))?\}")
TRUE = {"true", "yes", "ja", "1", "waar"}
FALSE = {"false", "no", "nee", "0", "onwaar"}


@dataclass
class Column:
    name: str
    spec: dict[str, Any]

    @property
    def header(self) -> str:
        return str(self.spec.get("header", self.name))


@dataclass
class Mapping:
    """One mapping file: its kind, the fixed record fields and the columns."""

    name: str
    path: Path
    kind: str
    title: str
    record: dict[str, Any]
    columns: list[Column]
    ignore: set[str] = field(default_factory=set)

    def column(self, name: str) -> Column | None:
        return next((c for c in self.columns if c.name == name), None)


def mapping_files(project: Project) -> list[Path]:
    return sorted((project.data / "mappings").glob("*.yaml"))


def load_mapping(path: Path) -> Mapping:
    """Read one mapping file; a malformed one is an :class:`InputError` naming it."""
    try:
        spec = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    except (OSError, yaml.YAMLError) as exc:
        raise InputError(f"{path}: the mapping cannot be read: {exc}") from exc
    if not isinstance(spec, dict) or not isinstance(spec.get("columns"), dict):
        raise InputError(f"{path}: a mapping is a YAML mapping with 'kind', 'record' and "
                         f"'columns'.")
    return Mapping(path.stem, path, str(spec.get("kind", path.stem)), str(spec.get("title", "")),
                   dict(spec.get("record", {})),
                   [Column(str(k), dict(v or {})) for k, v in spec["columns"].items()],
                   set(spec.get("ignore", [])))


def choose_mapping(project: Project, table: Table, name: str | None) -> Mapping:
    """The mapping named ``name`` (file name or path), else the one whose columns fit the header."""
    if name:
        path = Path(name)
        if not path.suffix:
            path = project.data / "mappings" / f"{name}.yaml"
        if not path.is_file():
            known = ", ".join(p.stem for p in mapping_files(project))
            raise InputError(f"There is no mapping {name!r}; the mappings are: {known}.")
        return load_mapping(path)
    headers = {h for h in table.headers if h}
    best, score = None, 0
    for path in mapping_files(project):
        mapping = load_mapping(path)
        required = {c.header for c in mapping.columns if c.spec.get("required")}
        if not required <= headers:
            continue
        fit = len(headers & {c.header for c in mapping.columns})
        if fit > score:
            best, score = mapping, fit
    if best is None:
        raise InputError(
            f"{table.file}: its columns ({', '.join(sorted(headers))}) fit no mapping in "
            f"data/mappings/: start from 'c2c-kg template KIND', or name one with --mapping."
        )
    return best


@dataclass
class RowResult:
    items: list[Item]
    findings: list[Finding]


@dataclass
class _Cell:
    raw: str
    value: Any = None
    iri: str | None = None
    label: str = ""


def _year(text: str) -> str | None:
    text = text.strip().removesuffix(".0")
    return text if YEAR.match(text) else None


def map_row(mapping: Mapping, table: Table, row: int, cells: list[str], joined: Joined,
            created: dict[str, tuple[Item, str]]) -> RowResult:
    """One row to its record (and any records the mapping creates), or the findings why not."""
    position = {h: i for i, h in enumerate(table.headers)}
    findings: list[Finding] = []
    where: dict[str, str] = {}

    def cell_of(column: Column) -> str:
        index = position.get(column.header)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    def place(column: Column) -> str:
        index = position.get(column.header)
        letter = table.letters[index] if index is not None else ""
        return f"{column.header} ({letter})" if letter else column.header

    def report(column: Column, rule: str, **values: Any) -> None:
        findings.append(Finding(rule, "Violation", say(rule, field=column.header, kind=mapping.kind,
                                                      **values), table.file, row=row,
                                column=place(column), field=column.header,
                                value=str(values.get("value", ""))))

    read: dict[str, _Cell] = {}
    for column in mapping.columns:
        raw = cell_of(column)
        read[column.name] = _Cell(raw)
        if not raw:
            if column.spec.get("required"):
                report(column, "missing-value")
            continue
        spec = column.spec
        values = spec.get("values")
        if isinstance(values, dict):
            if raw not in values:
                report(column, "bad-value", value=raw, allowed=", ".join(map(str, values)))
                continue
            raw = str(values[raw])
        elif isinstance(values, list) and raw not in map(str, values):
            report(column, "bad-value", value=raw, allowed=", ".join(map(str, values)))
            continue
        kind = spec.get("as", "text")
        if kind == "year":
            value = _year(raw)
            if value is None:
                report(column, "bad-year", value=raw)
                continue
            read[column.name].value = int(value)
        elif kind == "integer":
            if not re.fullmatch(r"[0-9]+", raw):
                report(column, "bad-integer", value=raw)
                continue
            read[column.name].value = int(raw)
        elif kind == "boolean":
            if raw.lower() not in TRUE | FALSE:
                report(column, "bad-boolean", value=raw)
                continue
            read[column.name].value = raw.lower() in TRUE
        elif kind == "list":
            read[column.name].value = [slug(v) for v in re.split(r"[;|]", raw) if v.strip()]
        else:
            read[column.name].value = raw
    # references, after the plain columns so that a country column is read first
    for column in mapping.columns:
        spec, cell = column.spec, read[column.name]
        if "ref" not in spec or cell.value is None:
            continue
        if spec["ref"] == "country":
            resolution = joined.resolve_country(str(cell.value))
        else:
            country = _country(spec, read, joined, mapping.columns)
            if country is False:
                continue  # the country column already has its finding
            resolution = joined.resolve(str(cell.value), spec["ref"], country or None)
            if resolution.rule == "unknown-reference" and "create" in spec and country:
                resolution = _create(spec, column, cell, country, read, table, row, created,
                                     joined, findings, place(column))
        if resolution.rule:
            report(column, resolution.rule, **resolution.values)
            cell.value = None
            continue
        cell.iri = resolution.iri
        cell.label = _label(joined, resolution.iri, str(cell.value))
        cell.value = resolution.iri.removeprefix(str(ID)) if resolution.iri else None
    if findings:
        return RowResult([], findings)
    body: dict[str, Any] = {}
    for column in mapping.columns:
        target, cell = column.spec.get("field"), read[column.name]
        if not target or cell.value is None:
            continue
        where[target] = ", ".join(filter(None, [where.get(target), place(column)]))
        if target in body or column.spec.get("many") or target == "partner":
            existing = body.get(target, [])
            body[target] = [*(existing if isinstance(existing, list) else [existing]),
                            *(cell.value if isinstance(cell.value, list) else [cell.value])]
        else:
            body[target] = cell.value
    for key, template in mapping.record.items():
        if key not in body:
            body[key] = _fill(str(template), read) if isinstance(template, str) else template
    origin = Origin(table.file, row=row, columns=where)
    return RowResult([Item(str(body.get("id", "")), origin, body)], [])


def _country(spec: dict, read: dict[str, _Cell], joined: Joined,
             columns: list[Column]) -> str | bool | None:
    if "country_value" in spec:
        return joined.resolve_country(str(spec["country_value"])).iri
    name = spec.get("country")
    if not name:
        return None
    cell = read.get(name)
    if cell is None or not cell.raw:
        required = any(c.name == name and c.spec.get("required") for c in columns)
        return False if required else None  # a required country's absence is reported already
    if cell.iri is None:
        resolution = joined.resolve_country(cell.raw)
        if resolution.rule:
            return False
        cell.iri = resolution.iri
    return cell.iri


def _label(joined: Joined, iri: str | None, fallback: str) -> str:
    from rdflib import URIRef
    from rdflib.namespace import RDFS

    if iri is None:
        return fallback
    labels = [o for o in joined.graph.objects(URIRef(iri), RDFS.label)
              if getattr(o, "language", None) in ("en", None)]
    return str(labels[0]) if labels else fallback


def _create(spec: dict, column: Column, cell: _Cell, country: str, read: dict[str, _Cell],
            table: Table, row: int, created: dict[str, tuple[Item, str]], joined: Joined,
            findings: list[Finding], where: str) -> Resolution:
    """A record the mapping declares for a name the graph lacks, once per id; keys must agree."""
    rule = spec["create"]
    code = country.removeprefix(str(ID)).removeprefix("country/")
    record_id = str(rule.get("id", "municipality/{country}/{slug}")).format(
        country=code, slug=slug(str(cell.value)))
    iri = str(ID[record_id])
    key_column = rule.get("key")
    key = read[key_column].raw if key_column and key_column in read else ""
    if iri in created:
        item, _ = created[iri]
        if key and item.body.get("_key") and item.body["_key"] != key:
            return Resolution(None, "ambiguous-name", {
                "value": cell.value,
                "candidates": f"{record_id} at {item.origin.where()} with {key_column} "
                              f"{item.body['_key']}, and this row with {key_column} {key}"})
        return Resolution(iri)
    if joined.known(iri):
        return Resolution(None, "ambiguous-name", {
            "value": cell.value, "candidates": f"{record_id} in the graph has another label"})
    body = {"id": record_id, "type": rule.get("type", "Municipality"), "label": str(cell.value),
            "country": country.removeprefix(str(ID))}
    if key:
        body["_key"] = key
    item = Item(record_id, Origin(table.file, row=row, columns={"label": where}), body)
    created[iri] = (item, f"{table.file}#{row}")
    joined.add_record(iri, {str(C2C[body["type"]])}, str(cell.value), country)
    return Resolution(iri)


def _fill(template: str, read: dict[str, _Cell]) -> str:
    def value(match: re.Match) -> str:
        cell = read.get(match.group(1))
        if cell is None:
            return ""
        if match.group(2) == "slug":
            return (cell.iri or "").rstrip("/").rsplit("/", 1)[-1] if cell.iri else slug(cell.raw)
        if match.group(2) == "label":
            return cell.label or cell.raw
        return str(cell.value if cell.value is not None else cell.raw)

    return PLACEHOLDER.sub(value, template)
