"""The verdict on a contribution for people (text, English or Dutch) and machines (JSON, Turtle).

SHACL results carry the ``sh:message`` of their shape in every language it is written in;
:class:`ShapeMessages` finds which shape message a result's text is (placeholders such as
``{$this}`` filled in) and gives it in the language asked for.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict

from rdflib import Graph
from rdflib.namespace import SH

from .model import Finding

__all__ = ["ShapeMessages", "render_json", "render_text", "render_turtle"]

HEADINGS = {
    "en": {"ok": "{n} record(s) checked against {source}: all valid.",
           "bad": "{n} record(s) checked against {source}: {bad} with violations, {warn} "
                  "warning(s).",
           "file": "File", "record": "Record", "field": "field", "rule": "rule",
           "value": "value"},
    "nl": {"ok": "{n} record(s) gecontroleerd tegen {source}: alle geldig.",
           "bad": "{n} record(s) gecontroleerd tegen {source}: {bad} met overtredingen, {warn} "
                  "waarschuwing(en).",
           "file": "Bestand", "record": "Record", "field": "veld", "rule": "controle",
           "value": "waarde"},
}
SEVERITY = {"nl": {"Violation": "fout", "Warning": "waarschuwing", "Info": "info"},
            "en": {"Violation": "error", "Warning": "warning", "Info": "info"}}
_PLACEHOLDER = re.compile(r"\{[$?]?(\w+)\}")


class ShapeMessages:
    """Every ``sh:message`` of the shapes, by the node that carries it, in each language."""

    def __init__(self, shapes: Graph) -> None:
        self.shapes = shapes
        by_node: dict[object, dict[str, str]] = defaultdict(dict)
        for node, message in shapes.subject_objects(SH.message):
            by_node[node][getattr(message, "language", None) or "en"] = str(message)
        self.sets = [m for m in by_node.values()]
        self.exact = {}
        for messages in self.sets:
            for text in messages.values():
                self.exact.setdefault(text, messages)
            self.exact.setdefault(" ".join(sorted(messages.values())), messages)

    def shape_name(self, shape: str) -> str:
        """A readable name for a result's shape: a blank property shape is named by its parent."""
        from rdflib import BNode

        if shape and ":" in shape and not shape.startswith("_:"):
            return shape
        node = BNode(shape.removeprefix("_:")) if shape else None
        parent = self.shapes.value(None, SH.property, node) if node is not None else None
        if parent is not None and not isinstance(parent, BNode):
            from ..results import Cell

            return Cell("uri", str(parent)).short()
        return "shacl"

    def translate(self, text: str) -> dict[str, str]:
        """``text`` (one shape message, or several joined by a space) as {language: message}."""
        if text in self.exact:
            return dict(self.exact[text])
        matched = []
        for messages in self.sets:
            values: dict[str, str] = {}
            positions = []
            for template in messages.values():
                match = re.search(_pattern([template]), text, flags=re.S)
                if match is None:
                    break
                values.update({k: v for k, v in match.groupdict().items() if v is not None})
                positions.append(match.start())
            else:
                matched.append((min(positions), len(matched), messages, values))
        if not matched:
            return {"en": text}
        matched.sort()
        languages = {lang for _, _, messages, _ in matched for lang in messages}
        return {lang: " ".join(_fill(messages.get(lang, messages.get("en", "")), values)
                               for _, _, messages, values in matched)
                for lang in sorted(languages)}


def _fill(template: str, values: dict[str, str]) -> str:
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template)


def _pattern(templates) -> str:
    parts, seen = [], set()
    for template in templates:
        out, last = [], 0
        for match in _PLACEHOLDER.finditer(template):
            out.append(re.escape(template[last:match.start()]))
            name = match.group(1)
            out.append(f"(?P={name})" if name in seen else f"(?P<{name}>.+?)")
            seen.add(name)
            last = match.end()
        out.append(re.escape(template[last:]))
        parts.append("".join(out))
    return " ".join(parts)


PLACES = {"en": ("row", "column", "line"), "nl": ("rij", "kolom", "regel")}


def _where(f: Finding, lang: str = "en") -> str:
    row, column, line = PLACES[lang]
    if f.row is not None:
        return f"{row} {f.row}" + (f", {column} {f.column}" if f.column else "")
    if f.line is not None:
        return f"{line} {f.line}"
    return ""


def render_text(findings: list[Finding], records: int, source: str, lang: str = "en") -> str:
    """Results grouped by file and record, each with its place, field, rule and fix."""
    words = HEADINGS[lang]
    bad = len({(f.file, f.record) for f in findings if f.severity == "Violation"})
    warn = sum(1 for f in findings if f.severity != "Violation")
    head = (words["ok"] if not findings else words["bad"]).format(
        n=records, source=source, bad=bad, warn=warn)
    lines = [head]
    groups: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for f in findings:
        groups[(f.file, f.record)].append(f)
    current = None
    for (file, record), group in groups.items():
        if file != current:
            lines += ["", f"{words['file']} {file}"]
            current = file
        lines.append(f"  {words['record']} {record or '-'}")
        for f in group:
            where = _where(f, lang)
            parts = [f"    [{SEVERITY[lang].get(f.severity, f.severity)}]"]
            if where:
                parts.append(f"{where}:")
            if f.field:
                parts.append(f"{words['field']} {f.field}:")
            parts.append(f.text(lang))
            line = " ".join(parts)
            extra = [f"{words['rule']} {f.rule}"]
            if f.value:
                extra.append(f"{words['value']} {json.dumps(f.value, ensure_ascii=False)}")
            lines.append(f"{line} ({'; '.join(extra)})")
    return "\n".join(lines) + "\n"


def render_json(findings: list[Finding], lang: str = "en") -> str:
    """One JSON object per result (file, row/column or line, record, field, rule, message)."""
    return "".join(json.dumps(f.as_dict(lang), ensure_ascii=False, sort_keys=True) + "\n"
                   for f in findings)


def render_turtle(findings: list[Finding], subjects: dict) -> str:
    """All results as one SHACL validation report in Turtle.

    SHACL results keep their shape; the contribution rules appear as shapes
    ``c2csh:contribution-{rule}``. Each result names the record (``sh:focusNode``), the field,
    the value and the message in both languages, and where it was written
    (``c2csh:file``, ``c2csh:row``, ``c2csh:column``, ``c2csh:line``).
    """
    from rdflib import BNode, Literal, URIRef
    from rdflib.namespace import RDF, XSD

    from ..terms import C2CSH, ID, PREFIXES

    graph = Graph()
    for prefix in ("sh", "c2csh", "id", "xsd"):
        graph.bind(prefix, PREFIXES[prefix])
    report = BNode("report")
    graph.add((report, RDF.type, SH.ValidationReport))
    graph.add((report, SH.conforms, Literal(not any(f.severity == "Violation"
                                                    for f in findings))))
    focus_of = {item.key: iri for iri, item in subjects.items()}
    for number, f in enumerate(findings, start=1):
        result = BNode(f"r{number}")
        graph.add((report, SH.result, result))
        graph.add((result, RDF.type, SH.ValidationResult))
        graph.add((result, SH.resultSeverity, SH[f.severity]))
        shape = f.rule if ":" in f.rule else f"contribution-{f.rule}"
        prefix, _, local = shape.partition(":")
        graph.add((result, SH.sourceShape, URIRef(PREFIXES[prefix] + local) if local and
                   prefix in PREFIXES else C2CSH[shape]))
        if f.record in focus_of:
            graph.add((result, SH.focusNode, URIRef(focus_of[f.record])))
        elif f.record and not f.record.startswith(("row ", "line ")):
            graph.add((result, SH.focusNode, ID[f.record]))
        for lang, text in sorted(f.message.items()):
            graph.add((result, SH.resultMessage, Literal(text, lang=lang)))
        if f.value:
            graph.add((result, SH.value, Literal(f.value)))
        graph.add((result, C2CSH.file, Literal(f.file)))
        for name, value in (("row", f.row), ("line", f.line)):
            if value is not None:
                graph.add((result, C2CSH[name], Literal(value, datatype=XSD.integer)))
        for name, value in (("column", f.column), ("field", f.field)):
            if value:
                graph.add((result, C2CSH[name], Literal(value)))
    return graph.serialize(format="turtle")
