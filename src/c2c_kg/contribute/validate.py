"""Checking a contribution together with the graph it would join.

Every file is read (an unreadable one stops the check with its line and column), spreadsheet
rows are mapped and resolved, records go through the JSON-LD context to RDF, and then two kinds
of check run: the contribution rules that need the joined graph (new records only, known terms,
known references, no duplicate partnership) and the SHACL shapes, run on the contribution plus
the part of the graph it touches. Results are located at the file and row/column or line of the
record they concern.

Contributed records carry no passage evidence: their provenance is the contribution itself (who,
when, which file and checksum, see :mod:`.accept`), so the evidence rule of curated records
(``prov:wasDerivedFrom`` a passage) does not apply to them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS

from ..errors import DataError, InputError
from ..graph.records import Record, load_context, load_records, records_to_graph
from ..project import Project
from ..results import Cell
from ..terms import C2C, ID
from .joined import Joined, join_graph
from .mappings import choose_mapping, map_row
from .messages import say
from .model import Finding, Item, Origin
from .readers import detect_format, read_bytes, read_rdf, read_table

__all__ = ["Outcome", "check_contribution", "check_files"]

EVIDENCE_SHAPES = ("CuratedEvidenceShape", "c2csh:Evidence")
SEVERITY_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}


@dataclass
class Outcome:
    """The verdict on a contribution: its records, their RDF, and every finding."""

    files: list[str]
    items: list[Item]
    graph: Graph
    findings: list[Finding]
    joined_source: str
    subjects: dict[str, Item] = field(default_factory=dict)

    @property
    def valid(self) -> bool:
        return not any(f.severity == "Violation" for f in self.findings)

    def invalid_records(self) -> set[str]:
        return {f.record for f in self.findings if f.severity == "Violation" and f.record}

    def valid_graph(self) -> Graph:
        """The triples of the records that have no violation."""
        bad = self.invalid_records()
        keep = Graph()
        for s, p, o in self.graph:
            item = self.subjects.get(str(s))
            if item is not None and item.key not in bad:
                keep.add((s, p, o))
        return keep


def _quiet(_: str) -> None:
    return None


def check_files(project: Project, files: list[Path], *, store_path: Path | None = None,
                mapping: str | None = None, progress=_quiet) -> Outcome:
    """Check contributed ``files`` against the graph of ``project`` (store, else records)."""
    progress("reading the graph the contribution joins")
    joined = join_graph(project, store_path)
    return check_contribution(project, files, joined, mapping=mapping, progress=progress)


def _compact(iri: str) -> str:
    return iri.removeprefix(str(ID))


def _expand(key: str, context: dict[str, Any]) -> str:
    prefix, sep, rest = key.partition(":")
    if sep and isinstance(context.get(prefix), str):
        return context[prefix] + rest
    return str(ID[key])


def check_contribution(project: Project, files: list[Path], joined: Joined, *,
                       mapping: str | None = None, progress=_quiet) -> Outcome:
    """The verdict on ``files`` joining ``joined`` (see the module docstring)."""
    context = load_context(project.data / "context.jsonld")
    findings: list[Finding] = []
    records: list[Item] = []
    rdf_graph = Graph()
    rdf_items: dict[str, Item] = {}
    tables = []
    for path in files:
        progress(f"reading {path}")
        fmt = detect_format(path)
        if fmt in ("csv", "xlsx"):
            table = read_table(path)
            tables.append((choose_mapping(project, table, mapping), table))
        elif fmt == "yaml":
            records += _yaml_items(path, context, findings)
        else:
            parsed = read_rdf(path, fmt, context)
            rdf_graph += parsed.graph
            for subject in sorted({str(s) for s in parsed.graph.subjects()}):
                rdf_items.setdefault(subject, Item(_compact(subject), Origin(
                    str(path), line=parsed.lines.get(subject))))
    for item in records:
        body = item.body or {}
        joined.add_record(_expand(item.key, context), {str(C2C[t]) for t in _types(body)},
                          body.get("label") if isinstance(body.get("label"), str) else None,
                          _expand(body["country"], context)
                          if isinstance(body.get("country"), str) else None)
    for subject, _ in rdf_items.items():
        s = URIRef(subject)
        label = next((str(o) for o in rdf_graph.objects(s, RDFS.label)), None)
        country = next((str(o) for o in rdf_graph.objects(s, C2C.country)), None)
        joined.add_record(subject, {str(o) for o in rdf_graph.objects(s, RDF.type)}, label,
                          country)
    tables.sort(key=lambda mt: mt[0].kind != "actors")
    for chosen, table in tables:
        progress(f"mapping {len(table.rows):,} rows of {table.file} with {chosen.path.name}")
        records += _table_items(chosen, table, joined, findings)
    progress(f"mapping {len(records):,} records to RDF")
    graph, subjects = _to_rdf(records, context, findings)
    graph += rdf_graph
    subjects.update({k: v for k, v in rdf_items.items() if k not in subjects})
    findings += _contribution_rules(graph, subjects, joined, context)
    if len(graph):
        progress(f"checking {len(graph):,} triples with the SHACL shapes")
        findings += _shacl(project, graph, subjects, joined, context)
    findings.sort(key=lambda f: (f.file, f.row or 0, f.line or 0, f.record,
                                 SEVERITY_ORDER.get(f.severity, 3), f.rule, f.field))
    return Outcome([str(p) for p in files], [*records, *rdf_items.values()], graph, findings,
                   joined.source, subjects)


def _types(body: dict) -> list[str]:
    value = body.get("type", [])
    return [str(v) for v in (value if isinstance(value, list) else [value]) if ":" not in str(v)]


def _refuse_aliases(path: Path) -> None:
    """A YAML contribution may not use anchors or aliases (an alias bomb expands without end)."""
    import yaml

    data = read_bytes(path)
    try:
        for event in yaml.parse(data, Loader=yaml.CSafeLoader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise InputError(
                    f"{path}:{event.start_mark.line + 1}: YAML anchors and aliases (&name, "
                    f"*name) are refused in contributions; write the values out."
                )
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        raise InputError(f"{where}: malformed YAML: {getattr(exc, 'problem', exc)}.") from exc


def _yaml_items(path: Path, context: dict, findings: list[Finding]) -> list[Item]:
    _refuse_aliases(path)
    try:
        loaded = load_records([path], context)
    except DataError as exc:
        text = str(exc)
        match = re.match(rf"{re.escape(str(path))}:(\d+): ?(.*)", text, flags=re.S)
        line = int(match.group(1)) if match else None
        findings.append(Finding("record-error", "Violation",
                                say("record-error", value=match.group(2) if match else text),
                                str(path), record=f"line {line}" if line else "", line=line))
        return []
    return [Item(r.id, Origin(str(path), line=r.line), dict(r.body)) for r in loaded]


def _table_items(mapping, table, joined: Joined, findings: list[Finding]) -> list[Item]:
    headers = set(table.headers)
    known = {c.header for c in mapping.columns} | mapping.ignore
    for index, header in enumerate(table.headers):
        if header and header not in known:
            findings.append(Finding("unknown-column", "Warning",
                                    say("unknown-column", value=header, kind=mapping.kind),
                                    table.file, row=1, column=f"{header} ({table.letters[index]})",
                                    value=header))
    missing = [c.header for c in mapping.columns
               if c.spec.get("required") and c.header not in headers]
    if missing:
        for header in missing:
            findings.append(Finding("missing-column", "Violation",
                                    say("missing-column", field=header, kind=mapping.kind),
                                    table.file, row=1, field=header))
        return []
    created: dict[str, tuple[Item, str]] = {}
    items: list[Item] = []
    seen: dict[str, Item] = {}
    for row, cells in table.rows:
        result = map_row(mapping, table, row, cells, joined, created)
        for finding in result.findings:
            finding.record = f"row {row}"
        findings += result.findings
        for item in result.items:
            if item.key in seen:
                findings.append(Finding(
                    "duplicate", "Violation",
                    say("duplicate", other=f"{item.key} at {seen[item.key].origin.where()}",
                        what="record"), table.file, record=f"row {row}", row=row,
                    value=item.key))
                continue
            seen[item.key] = item
            items.append(item)
            body = item.body or {}
            country = body.get("country")
            joined.add_record(str(ID[item.key]), {str(C2C[t]) for t in _types(body)},
                              body.get("label"),
                              str(ID[country]) if isinstance(country, str) else None)
    used = {str(v) for i in items for v in _values(i.body or {})}
    items += [item for item, _ in created.values() if item.key in used]
    return items


def _values(body: dict):
    for value in body.values():
        yield from (value if isinstance(value, list) else [value])


def _to_rdf(items: list[Item], context: dict, findings: list[Finding]):
    """Map the records through the JSON-LD context, one record's failure not hiding the rest."""
    subjects: dict[str, Item] = {}
    records = []
    for item in items:
        body = {k: v for k, v in (item.body or {}).items() if not k.startswith("_")}
        records.append(Record(Path(item.origin.file), item.origin.line or item.origin.row or 0,
                              body))
        subjects[_expand(item.key, context)] = item
    try:
        return records_to_graph(records, context), subjects
    except DataError:
        pass
    graph = Graph()
    for record, item in zip(records, items, strict=True):
        try:
            graph += records_to_graph([record], context)
        except DataError as exc:
            findings.append(_at(item, "mapping-error", say("mapping-error", value=str(exc))))
    return graph, subjects


def _at(item: Item, rule: str, message: dict[str, str], severity: str = "Violation",
        fieldname: str = "", value: str = "") -> Finding:
    origin = item.origin
    return Finding(rule, severity, message, origin.file, record=item.key, row=origin.row,
                   column=origin.column_of(fieldname) if fieldname else None, line=origin.line,
                   field=fieldname, value=value)


def _term_names(context: dict) -> dict[str, str]:
    """Expanded IRI -> the first context term that writes it (label before labels)."""
    names: dict[str, str] = {}
    for term, definition in context.items():
        target = definition.get("@id") if isinstance(definition, dict) else definition
        if not isinstance(target, str) or term.startswith("@") or target.startswith("@"):
            continue
        prefix, sep, rest = target.partition(":")
        if sep and isinstance(context.get(prefix), str) and not target.startswith("http"):
            target = context[prefix] + rest
        if target.startswith("http") and not target.endswith(("#", "/")):
            names.setdefault(target, term)
    return names


def _contribution_rules(graph: Graph, subjects: dict[str, Item], joined: Joined,
                        context: dict) -> list[Finding]:
    """New records only, known terms, known references, no duplicate partnership."""
    findings: list[Finding] = []
    names = _term_names(context)
    classes = {str(c) for c in joined.schema.subjects(RDF.type, OWL.Class)}
    properties = {str(p) for kind in (OWL.ObjectProperty, OWL.DatatypeProperty,
                                      OWL.AnnotationProperty, RDF.Property)
                  for p in joined.schema.subjects(RDF.type, kind)}
    allowed = set(names) | properties | {str(RDF.type)}
    mentioned = set(subjects)
    reported: set[tuple[str, str]] = set()

    def item_of(iri: str) -> Item:
        return subjects.get(iri) or Item(_compact(iri), Origin("(contribution)"))

    for subject in sorted({str(s) for s in graph.subjects()}):
        item = item_of(subject)
        if not subject.startswith(str(ID)):
            findings.append(_at(item, "outside-namespace", say("outside-namespace",
                                                                value=subject)))
        elif subject in joined.subjects:
            existing = joined.types.get(subject, set())
            if existing & joined.subclasses.get("cooperation", set()):
                findings.append(_at(item, "duplicate", say(
                    "duplicate", other=_compact(subject), what="partnership id")))
            else:
                findings.append(_at(item, "curated-subject", say(
                    "curated-subject", value=_compact(subject))))
    for s, p, o in sorted(graph):
        item = item_of(str(s))
        if str(p) not in allowed and (str(s), str(p)) not in reported:
            reported.add((str(s), str(p)))
            findings.append(_at(item, "unknown-term", say("unknown-term", value=str(p)),
                                value=str(p)))
        if p == RDF.type and str(o) not in classes:
            findings.append(_at(item, "unknown-term", say("unknown-term", value=str(o)),
                                fieldname="type", value=str(o)))
        elif isinstance(o, URIRef) and str(o).startswith(str(ID)) and p != RDF.type \
                and str(o) not in mentioned and not joined.known(str(o)):
            name = names.get(str(p), str(p))
            findings.append(_at(item, "unknown-reference", say(
                "unknown-reference", what="record", value=_compact(str(o))),
                fieldname=name, value=_compact(str(o))))
    partners: dict[str, set[str]] = defaultdict(set)
    for s, _, o in graph.triples((None, C2C.hasPartner, None)):
        partners[str(s)].add(str(o))
    seen: dict[frozenset[str], str] = {}
    for subject in sorted(partners, key=lambda s: (item_of(s).origin.row or 0,
                                                   item_of(s).origin.line or 0, s)):
        key = frozenset(partners[subject])
        if len(key) < 2:
            continue
        other = joined.partner_sets.get(key)
        if other and other != subject:
            findings.append(_at(item_of(subject), "duplicate", say(
                "duplicate", other=f"{_compact(other)} in the graph",
                what="pair of partners"), fieldname="partner"))
        elif key in seen:
            first = item_of(seen[key])
            findings.append(_at(item_of(subject), "duplicate", say(
                "duplicate", other=f"{first.key} at {first.origin.where()}",
                what="pair of partners"), fieldname="partner"))
        else:
            seen[key] = subject
    return findings


def _neighbourhood(graph: Graph, joined: Joined) -> Graph:
    """The contribution plus what SHACL needs of the graph: the records it touches, one hop."""
    data = Graph()
    data += graph
    base = joined.graph
    touched = {o for o in graph.objects() if isinstance(o, URIRef)}
    hop = set()
    for node in touched:
        for triple in base.triples((node, None, None)):
            data.add(triple)
            if isinstance(triple[2], URIRef):
                hop.add(triple[2])
    for node in hop - touched:
        for triple in base.triples((node, RDF.type, None)):
            data.add(triple)
    for o in graph.objects(None, OWL.sameAs):
        for triple in base.triples((None, OWL.sameAs, o)):
            data.add(triple)
    return data


def _shacl(project: Project, graph: Graph, subjects: dict[str, Item], joined: Joined,
           context: dict) -> list[Finding]:
    from ..graph.shacl import load_shapes, validate_graph
    from .report import ShapeMessages

    shapes = load_shapes(project.shapes)
    report = validate_graph(_neighbourhood(graph, joined), shapes, joined.schema)
    words = ShapeMessages(shapes)
    by_short = {}
    for iri in subjects:
        by_short[iri] = by_short[Cell("uri", iri).short()] = by_short[f"<{iri}>"] = iri
    names = {Cell("uri", iri).short(): name for iri, name in _term_names(context).items()}
    names.update({iri: name for iri, name in _term_names(context).items()})
    names[Cell("uri", str(RDF.type)).short()] = "type"
    findings = []
    for violation in report.violations:
        iri = by_short.get(violation.focus)
        if iri is None:
            continue  # a result about the graph itself, not about this contribution
        if violation.shape.endswith(EVIDENCE_SHAPES) or \
                violation.path == Cell("uri", str(PROV.wasDerivedFrom)).short():
            continue  # contributions carry the contribution as provenance, not passages
        fieldname = names.get(violation.path, violation.path)
        rule = words.shape_name(violation.shape)
        findings.append(_at(subjects[iri], rule,
                            words.translate(violation.message), violation.severity,
                            fieldname=fieldname, value=violation.value))
    return findings
