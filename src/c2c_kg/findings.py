"""One type for what the checks find: ontology QC rows, SHACL results and reasoner clashes.

Each is a :class:`Finding`: a level (ERROR, WARN, INFO), the rule that found it, its subject (a
term or resource, IRIs shortened), where (a file or folder for QC, the property path for SHACL),
a message for a person, the offending value if any, and the checker that produced it. So
``c2c-kg check`` reports all three in one table, TSV or JSON.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields

__all__ = ["FIELDS", "LEVELS", "Finding", "from_violation", "results", "to_json", "to_tsv"]

LEVELS = ("ERROR", "WARN", "INFO")
#: SHACL severities (sh:Violation …) as levels.
SHACL_LEVELS = {"Violation": "ERROR", "Warning": "WARN", "Info": "INFO"}


@dataclass(frozen=True, order=True)
class Finding:
    """One finding of one checker."""

    level: str
    rule: str
    subject: str
    where: str = ""
    message: str = ""
    value: str = ""
    checker: str = "check"

    @property
    def detail(self) -> str:
        """The message (the name the QC report used for it)."""
        return self.message


FIELDS = [f.name for f in fields(Finding)]


def from_violation(violation) -> Finding:
    """A SHACL result as a finding: anything with ``severity``, ``focus``, ``path``, ``value``,
    ``message`` and ``shape`` (see :class:`c2c_kg.graph.shacl.Violation`); a named shape is the
    rule (an anonymous one gives ``shacl``), the property path is where."""
    return Finding(
        level=SHACL_LEVELS.get(violation.severity, "ERROR"),
        rule=violation.shape if ":" in (violation.shape or "") else "shacl",  # not a blank node
        subject=violation.focus,
        where=violation.path,
        message=violation.message,
        value=violation.value,
        checker="shacl",
    )


def sort_key(finding: Finding) -> tuple:
    """Errors first, then by checker, rule and subject."""
    return (LEVELS.index(finding.level) if finding.level in LEVELS else len(LEVELS),
            finding.checker, finding.rule, finding.subject, finding.where, finding.message)


def to_tsv(findings: Iterable[Finding]) -> str:
    """Tab-separated values with a header line (tabs and line breaks in values become spaces)."""
    lines = ["\t".join(FIELDS)]
    for finding in findings:
        lines.append("\t".join(" ".join(str(getattr(finding, n)).split()) for n in FIELDS))
    return "\n".join(lines) + "\n"


def to_json(findings: Iterable[Finding]) -> str:
    """A JSON array of objects, one per finding."""
    return json.dumps([asdict(f) for f in findings], indent=2, ensure_ascii=False) + "\n"


def results(findings: Iterable[Finding]):
    """The findings as query-style results, for the table printer (value shown when any)."""
    from .results import Cell, Results

    rows = list(findings)
    names = [n for n in FIELDS if n != "value" or any(f.value for f in rows)]
    return Results(names, [{n: Cell("literal", str(getattr(f, n))) for n in names}
                           for f in rows])
