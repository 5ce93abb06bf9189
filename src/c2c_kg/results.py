"""Query results in one neutral shape, and their output formats.

``json`` is the SPARQL 1.1 Query Results JSON Format, ``csv`` and ``tsv`` the SPARQL 1.1 CSV and
TSV formats; ``table`` and ``markdown`` are for people and shorten IRIs with known prefixes.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field

from .terms import compact

__all__ = ["FORMATS", "Cell", "Results", "render"]

FORMATS = ("table", "csv", "tsv", "json", "markdown")
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


@dataclass(frozen=True)
class Cell:
    """One RDF term in a result: kind is ``uri``, ``literal`` or ``bnode``."""

    kind: str
    value: str
    datatype: str | None = None
    lang: str | None = None

    def ntriples(self) -> str:
        """The term as written in N-Triples (used by TSV)."""
        if self.kind == "uri":
            return f"<{self.value}>"
        if self.kind == "bnode":
            return f"_:{self.value}"
        text = json.dumps(self.value, ensure_ascii=False)
        if self.lang:
            return f"{text}@{self.lang}"
        if self.datatype and self.datatype != XSD_STRING:
            return f"{text}^^<{self.datatype}>"
        return text

    def short(self) -> str:
        """The term for a person: IRIs shortened by known prefixes, literals as their text."""
        if self.kind == "uri":
            return compact(self.value)
        if self.kind == "bnode":
            return f"_:{self.value}"
        return self.value

    def to_json(self) -> dict[str, str]:
        out = {"type": self.kind, "value": self.value}
        if self.lang:
            out["xml:lang"] = self.lang
        elif self.datatype and self.datatype not in (XSD_STRING, RDF_LANG):
            out["datatype"] = self.datatype
        return out


@dataclass
class Results:
    """Variables and rows of a SELECT, or the answer of an ASK (``boolean`` set).

    A page of a longer answer says where it starts (``offset``: rows skipped before these) and
    whether rows follow it (``more``).
    """

    variables: list[str] = field(default_factory=list)
    rows: list[dict[str, Cell]] = field(default_factory=list)
    boolean: bool | None = None
    offset: int = 0
    more: bool = False


def render(results: Results, fmt: str) -> str:
    """``results`` in format ``fmt`` (one of :data:`FORMATS`)."""
    if fmt == "json":
        if results.boolean is not None:
            return json.dumps({"head": {}, "boolean": results.boolean}, indent=2) + "\n"
        bindings = [{k: c.to_json() for k, c in row.items()} for row in results.rows]
        body = {"head": {"vars": results.variables}, "results": {"bindings": bindings}}
        return json.dumps(body, indent=2, ensure_ascii=False) + "\n"
    if results.boolean is not None:
        return ("true" if results.boolean else "false") + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(results.variables)
        for row in results.rows:
            writer.writerow([row[v].value if v in row else "" for v in results.variables])
        return buffer.getvalue()
    if fmt == "tsv":
        lines = ["\t".join(f"?{v}" for v in results.variables)]
        for row in results.rows:
            cells = (row[v].ntriples() if v in row else "" for v in results.variables)
            lines.append("\t".join(cells))
        return "\n".join(lines) + "\n"
    if fmt == "markdown":
        def esc(text: str) -> str:
            return text.replace("|", "\\|").replace("\n", " ")

        lines = ["| " + " | ".join(results.variables) + " |",
                 "|" + "---|" * len(results.variables)]
        for row in results.rows:
            cells = [esc(row[v].short()) if v in row else "" for v in results.variables]
            lines.append("| " + " | ".join(cells) + " |")
        return "\n".join(lines) + "\n"
    raise ValueError(f"unknown format {fmt}")
