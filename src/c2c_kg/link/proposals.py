"""Proposals: each query with its candidates; writing a register's clear matches; flags."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UsageError
from ..graph.links import LinkRow, read_link_tables
from .model import Candidate, Query
from .reconcile import DEFAULT_THRESHOLD, Source, reconcile
from .registers import TooiRegister
from .sources import applies, scheme_of
from .tables import add_links, add_successions, set_reasons

__all__ = ["Proposal", "flag_ended", "propose", "write_matches"]

Progress = Callable[[int, int], None]


@dataclass
class Proposal:
    """One query and its candidates, best first."""

    query: Query
    candidates: list[Candidate] = field(default_factory=list)

    @property
    def match(self) -> Candidate | None:
        return next((c for c in self.candidates if c.match), None)


def propose(queries: list[Query], source: Source, *, threshold: float = DEFAULT_THRESHOLD,
            progress: Progress | None = None) -> list[Proposal]:
    wanted = [q for q in queries if applies(source, q)]
    proposals = []
    for number, query in enumerate(wanted, start=1):
        proposals.append(Proposal(query, reconcile(query, source, threshold=threshold)))
        if progress:
            progress(number, len(wanted))
    return proposals


def _why_not(proposal: Proposal, source_label: str) -> str:
    if not proposal.candidates:
        return f"no candidate of this name in the {source_label}"
    best = proposal.candidates[0]
    ended = best.feature("ended_before_partnership")
    if ended:
        return (f"the {source_label}'s {best.name} ({best.id}) ended {ended}, before the "
                f"cooperation began in {proposal.query.year}")
    tied = [c.id.rsplit("/", 1)[-1] for c in proposal.candidates if c.score == best.score]
    if len(tied) > 1:
        return f"ambiguous: {', '.join(tied)} have the same name and score {best.score}"
    return f"no clear match (best: {best.name}, {best.id}, score {best.score})"


def write_matches(folder: Path, source: Source, proposals: list[Proposal]) -> tuple[int, int]:
    """Write a register's clear matches (register lookup) with CBS codes and successions."""
    from .files import RdfFile

    if not isinstance(source, TooiRegister | RdfFile):
        raise UsageError("--write takes matches from a register file (TOOI or an RDF list such "
                         "as Eurostat LAU) only; candidates from a names table or Wikidata need "
                         "a person's review: write them with --review FILE, mark the right "
                         "candidates 'match': true and run --accept FILE.")
    scheme, date = scheme_of(source), source.date or dt.date.today().isoformat()
    rows, reasons, successions = [], {}, []
    for proposal in proposals:
        match = proposal.match
        if match is None:
            reasons[proposal.query.id] = _why_not(proposal, source.label)
            continue
        note = f"{match.name}, score {match.score}"
        if proposal.query.year:
            note += f", existed in {proposal.query.year}"
        rows.append(LinkRow(proposal.query.id, match.id, scheme, "exactMatch", "register lookup",
                            source.citation, date, note))
        if isinstance(source, TooiRegister) and match.entity is not None:
            rows.append(LinkRow(proposal.query.id, match.entity.extra["cbs"], "cbs",
                                "exactMatch", "register lookup", source.citation, date,
                                f"gemeentecode of {match.id.rsplit('/', 1)[-1]}"))
            successions += _chain(source, match.id)
    added = add_links(folder, rows)
    if successions:
        add_successions(folder, successions)
    set_reasons(folder, scheme, reasons, {r.resource for r in rows})
    if scheme == "tooi":
        set_reasons(folder, "cbs", {k: "no TOOI municipality, so no CBS code"
                                     for k in reasons}, {r.resource for r in rows})
    return added, len(reasons)


def _chain(register: TooiRegister, start: str) -> list[tuple[str, ...]]:
    """The register's successions from ``start`` onwards, as successions.csv rows."""
    found, frontier, seen = [], [start], set()
    while frontier:
        current = frontier.pop()
        if current in seen:
            continue
        seen.add(current)
        for s in register.successions:
            if s.ended == current:
                found.append((s.ended, s.successor, s.date.isoformat(), s.event,
                              register.citation, register.date or ""))
                frontier.append(s.successor)
    return found


def flag_ended(folder: Path, register: TooiRegister, queries: list[Query]) -> list[str]:
    """Links in the tables to a municipality that had ended before the cooperation began."""
    years = {q.id: q.year for q in queries if q.year}
    flags = []
    for row in read_link_tables(folder):
        entity = register.entity(row.identifier) if row.scheme == "tooi" else None
        year = years.get(row.resource)
        if entity and year and entity.end and entity.end < dt.date(year, 1, 1):
            now = ", ".join(register.current(entity.id)) or "no successor in the register"
            flags.append(f"{row.resource} links to {entity.name} ({entity.id}), which ended "
                         f"{entity.end} before the cooperation began in {year}; it became {now}.")
    return flags
