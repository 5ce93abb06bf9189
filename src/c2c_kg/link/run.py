"""The ``link`` command's work: reconcile the project's records against a source, then write
a review file, accept a reviewed one, or write a register's clear matches into data/links/."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import UsageError
from .proposals import Progress, Proposal, flag_ended, propose, write_matches
from .reconcile import DEFAULT_THRESHOLD
from .registers import TooiRegister
from .review import accept, read_review, review_document
from .sources import open_source
from .tables import add_links, set_reasons

__all__ = ["LinkReport", "link_project"]


@dataclass
class LinkReport:
    """What a ``link`` run did, for the CLI to print."""

    proposals: list[Proposal] = field(default_factory=list)
    document: dict[str, Any] | None = None
    added: int = 0
    reasons: int = 0
    flags: list[str] = field(default_factory=list)


def link_project(project, against: str | None, *, kind: str | None = None,
                 review: Path | None = None, accept_file: Path | None = None,
                 write: bool = False, threshold: float = DEFAULT_THRESHOLD,
                 timeout: float = 60.0, cache: bool = True,
                 progress: Progress | None = None) -> LinkReport:
    """Reconcile the project's records against ``against`` (see :func:`open_source`; the word
    ``iso3166`` checks the countries' codes), optionally writing a review file, accepting a
    reviewed one, or writing a register's clear matches into ``data/links/``."""
    from .project import KINDS, load_project_records, project_queries

    if kind is not None and kind not in KINDS:
        raise UsageError(f"--kind {kind!r}: use one of {', '.join(KINDS)}.")
    folder = project.data / "links"
    report = LinkReport()
    if accept_file is not None:
        report.added, report.reasons = accept(folder, read_review(accept_file), str(accept_file))
        return report
    if against is None:
        raise UsageError("Give --against SOURCE (or --accept FILE).")
    queries = project_queries(load_project_records(project), kind)
    if against.lower() == "iso3166":
        from .countries import iso_links

        rows, reasons = iso_links([q for q in queries if q.kind == "country"])
        if write:
            report.added = add_links(folder, rows)
            set_reasons(folder, "iso3166-1", reasons, {r.resource for r in rows})
        report.reasons = len(reasons)
        report.flags = [f"{k}: {v}" for k, v in reasons.items()]
        return report
    source = open_source(against, cache=project.root / ".c2c-kg" / "link-cache" if cache
                         else None, timeout=timeout)
    report.proposals = propose(queries, source, threshold=threshold, progress=progress)
    report.document = review_document(source, report.proposals, threshold)
    if review is not None:
        review.write_text(json.dumps(report.document, ensure_ascii=False, indent=1) + "\n",
                          encoding="utf-8")
    if write:
        report.added, report.reasons = write_matches(folder, source, report.proposals)
    if isinstance(source, TooiRegister):
        report.flags = flag_ended(folder, source, queries)
    return report
