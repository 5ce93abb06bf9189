"""Evidence: from a record's anchor phrase or line range to a passage with character offsets.

A record's ``evidence`` items become ``record prov:wasDerivedFrom passage``; its ``citedIn``
items (for cited works) become ``passage cito:cites record``.

An anchor is a phrase of at most 11 words that occurs exactly once in the source text; words are
matched with any run of white space between them, so a line break in the PDF text does not
matter. A line range (``lines: 120-124``) selects whole lines. Offsets count Unicode code points
of the source file read as UTF-8.

Resolved offsets are kept in ``data/evidence.tsv`` so that a build without the (copyrighted)
source document still has them; a build with ``--source`` resolves every anchor again, fails on
any that is missing or ambiguous, and refreshes that file.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef

from ..errors import DataError, InputError
from ..terms import CITO, OA, PROV, RDF, SOURCE, XSD
from .records import Record
from .sentences import sentence_bounds

__all__ = [
    "MAX_ANCHOR_WORDS",
    "Evidence",
    "OffsetTable",
    "check_sources",
    "collect_evidence",
    "passage_iri",
    "provenance_graph",
    "resolve_all",
    "sha256_of",
]

MAX_ANCHOR_WORDS = 11
LINES = re.compile(r"^\s*(\d+)\s*-\s*(\d+)\s*$")


@dataclass(frozen=True)
class Evidence:
    """One piece of evidence of one record: an anchor phrase or a line range in a source."""

    record: str
    where: str
    source: str
    anchor: str | None = None
    lines: tuple[int, int] | None = None
    cites: bool = False  # from 'citedIn': the passage cites the record (a cited work)

    @property
    def key(self) -> str:
        """How the evidence is named in ``data/evidence.tsv``."""
        if self.lines is not None:
            return f"lines {self.lines[0]}-{self.lines[1]}"
        return " ".join((self.anchor or "").split())


#: (source id, evidence key) -> (start, end)
OffsetTable = dict[tuple[str, str], tuple[int, int]]


def collect_evidence(records: Iterable[Record], default_source: str | None = None
                     ) -> list[Evidence]:
    """The evidence items of every record, checked for form (not yet against the source).

    An item's source is its own ``source:``, else the one its record inherits from the file
    header or a ``_defaults.yaml`` (see :mod:`c2c_kg.graph.records`), else ``default_source``.
    """
    found: list[Evidence] = []
    for record in records:
        for key in ("evidence", "citedIn"):
            items = record.body.get(key, [])
            if isinstance(items, str | dict):
                items = [items]
            if not isinstance(items, list):
                raise DataError(
                    f"{record.where_field(key)}: {key} of {record.id} must be a list.")
            for index, item in enumerate(items):
                where = record.where_field(key, index)
                found.append(_one(record, where, item, record.evidence_source or default_source,
                                  cites=key == "citedIn"))
    return found


def check_sources(evidence: Iterable[Evidence], known: Iterable[str]) -> None:
    """Refuse evidence citing a source no ``src:`` record describes."""
    names = sorted(set(known))
    for item in evidence:
        if item.source not in names:
            raise DataError(
                f"{item.where}: evidence of {item.record} cites the source {item.source!r}, but "
                f"no record src:{item.source} describes it; the sources are: "
                f"{', '.join(names) or 'none'}."
            )


def _one(record: Record, where: str, item: object, default_source: str | None, *,
         cites: bool) -> Evidence:
    if isinstance(item, str):
        item = {"anchor": item}
    if not isinstance(item, dict) or ("anchor" in item) == ("lines" in item) \
            or set(item) - {"anchor", "lines", "source"}:
        raise DataError(
            f"{where}: each evidence item of {record.id} is an anchor phrase or a "
            f"mapping with exactly one of 'anchor' or 'lines' (and optionally 'source')."
        )
    source = str(item.get("source") or default_source or "").removeprefix("src:")
    if not source:
        raise DataError(
            f"{where}: evidence of {record.id} names no source: give the item a 'source: "
            f"src:ID', or name the source for the whole file (a header 'evidence: {{source: "
            f"src:ID}}' and '---' before the records) or folder (data/records/.../_defaults.yaml)."
        )
    if "lines" in item:
        match = LINES.match(str(item["lines"]))
        if not match or int(match[1]) > int(match[2]) or int(match[1]) < 1:
            raise DataError(
                f"{where}: evidence lines {item['lines']!r} of {record.id} must be "
                f"'FIRST-LAST' with 1 <= FIRST <= LAST."
            )
        return Evidence(record.id, where, source, lines=(int(match[1]), int(match[2])),
                        cites=cites)
    anchor = str(item["anchor"])
    words = anchor.split()
    if not words or len(words) > MAX_ANCHOR_WORDS:
        raise DataError(
            f"{where}: the anchor of {record.id} has {len(words)} words; an anchor has "
            f"1 to {MAX_ANCHOR_WORDS} words (the source is copyrighted: keep anchors short)."
        )
    return Evidence(record.id, where, source, anchor=anchor, cites=cites)


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_source(path: Path) -> str:
    """The source text as code points, line endings untouched."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return handle.read()
    except FileNotFoundError as exc:
        raise InputError(f"The source document {path} does not exist.") from exc
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: the source document is not UTF-8 ({exc.reason}).") from exc


def locate(text: str, evidence: Evidence) -> tuple[int, int]:
    """Offsets of ``evidence`` in ``text``; :class:`DataError` if missing or ambiguous."""
    if evidence.lines is not None:
        starts = [0] + [m.end() for m in re.finditer("\n", text)]
        first, last = evidence.lines
        if last > len(starts):
            raise DataError(
                f"{evidence.where}: evidence of {evidence.record} cites lines {first}-{last}, "
                f"but the source has {len(starts)} lines."
            )
        end = starts[last] - 1 if last < len(starts) else len(text)
        return starts[first - 1], end
    pattern = r"\s+".join(re.escape(word) for word in (evidence.anchor or "").split())
    hits = [m.span() for m in re.finditer(pattern, text)]
    if len(hits) != 1:
        problem = "is not found" if not hits else f"occurs {len(hits)} times"
        raise DataError(
            f"{evidence.where}: the anchor {evidence.anchor!r} of record {evidence.record} "
            f"{problem} in the source; an anchor must occur exactly once: "
            f"{'check its spelling against the text' if not hits else 'add a neighbouring word'}."
        )
    return hits[0]


def resolve_all(text: str, source: str, evidence: Iterable[Evidence]) -> OffsetTable:
    """Locate every evidence item of one source; report all failures at once."""
    table: OffsetTable = {}
    problems: list[str] = []
    for item in evidence:
        if item.source != source:
            continue
        try:
            span = locate(text, item)  # an anchor widens to its sentence or table row
            table[(source, item.key)] = span if item.lines else sentence_bounds(text, *span)
        except DataError as exc:
            problems.append(str(exc))
    if problems:
        shown = "\n".join(problems[:20])
        more = f"\n… and {len(problems) - 20} more" if len(problems) > 20 else ""
        raise DataError(f"{len(problems)} evidence anchor(s) could not be resolved:\n{shown}{more}")
    return table


def read_offsets(path: Path) -> OffsetTable:
    """Read ``data/evidence.tsv`` (start, end, source, key); an absent file is an empty table."""
    if not path.exists():
        return {}
    table: OffsetTable = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle, delimiter="\t"), start=2):
            try:
                table[(row["source"], row["key"])] = (int(row["start"]), int(row["end"]))
            except (KeyError, TypeError, ValueError) as exc:
                raise InputError(f"{path}:{number}: malformed offsets row ({exc}).") from exc
    return table


def write_offsets(path: Path, table: OffsetTable) -> None:
    """Write the offsets table sorted by source and position, so diffs stay small."""
    rows = sorted(table.items(), key=lambda kv: (kv[0][0], kv[1], kv[0][1]))
    tmp = path.with_suffix(".tsv.tmp")
    with tmp.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(["start", "end", "source", "key"])
        for (source, key), (start, end) in rows:
            writer.writerow([start, end, source, key])
    tmp.replace(path)


def passage_iri(source: str, start: int, end: int) -> URIRef:
    return SOURCE[f"{source}/passage/{start}-{end}"]


def provenance_graph(
    evidence: Iterable[Evidence],
    offsets: OffsetTable,
    record_iris: dict[str, URIRef],
    texts: dict[str, str] | None = None,
) -> Graph:
    """Passages (Web Annotation selectors) and ``prov:wasDerivedFrom`` links for ``evidence``.

    With ``texts`` (source id -> text), each passage also gets an ``oa:TextQuoteSelector``.
    """
    graph = Graph()
    missing: list[str] = []
    for item in evidence:
        span = offsets.get((item.source, item.key))
        if span is None:
            missing.append(f"{item.where}: {item.record}: {item.key!r}")
            continue
        start, end = span
        passage = passage_iri(item.source, start, end)
        position = URIRef(f"{passage}#position")
        if item.cites:
            graph.add((passage, CITO.cites, record_iris[item.record]))
        else:
            graph.add((record_iris[item.record], PROV.wasDerivedFrom, passage))
        graph.add((passage, RDF.type, OA.SpecificResource))
        graph.add((passage, OA.hasSource, SOURCE[item.source]))
        graph.add((passage, OA.hasSelector, position))
        graph.add((position, RDF.type, OA.TextPositionSelector))
        graph.add((position, OA.start, Literal(start, datatype=XSD.nonNegativeInteger)))
        graph.add((position, OA.end, Literal(end, datatype=XSD.nonNegativeInteger)))
        if texts and item.source in texts:
            quote = URIRef(f"{passage}#quote")
            graph.add((passage, OA.hasSelector, quote))
            graph.add((quote, RDF.type, OA.TextQuoteSelector))
            graph.add((quote, OA.exact, Literal(texts[item.source][start:end])))
    if missing:
        shown = "\n".join(missing[:20])
        raise DataError(
            f"{len(missing)} evidence item(s) have no offsets in data/evidence.tsv; build once "
            f"with --source FILE to resolve them:\n{shown}"
        )
    return graph
