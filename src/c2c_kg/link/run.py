"""The ``link`` command's work: open a source, propose candidates, write or accept links."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import DataError, InputError, UsageError
from ..graph.links import UNLINKED_COLUMNS, LinkRow, read_link_tables, read_table
from .cache import DiskCache
from .model import Candidate, Query
from .reconcile import DEFAULT_THRESHOLD, Source, reconcile
from .registers import TooiRegister
from .tables import add_links, add_successions, write_csv

__all__ = ["LinkReport", "Proposal", "accept", "flag_ended", "link_project", "open_source",
           "propose", "read_review", "review_document", "scheme_of", "write_matches"]

Progress = Callable[[int, int], None]


@dataclass
class Proposal:
    """One query and its candidates, best first."""

    query: Query
    candidates: list[Candidate] = field(default_factory=list)

    @property
    def match(self) -> Candidate | None:
        return next((c for c in self.candidates if c.match), None)


def open_source(spec: str, *, cache: Path | None = None, timeout: float = 60.0) -> Source:
    """A SPARQL endpoint (http/https URL), a TOOI register (.json/.jsonld), an RDF file
    (.ttl, .nt, .rdf, .xml, .n3, .trig) or a names table (.tsv, .csv)."""
    if spec.startswith(("http://", "https://")):
        from .sparql import SparqlSource

        return SparqlSource(spec, timeout=timeout, cache=DiskCache(cache))
    path = Path(spec)
    if not path.exists():
        raise InputError(f"--against {spec}: no such file, and not an http(s) SPARQL endpoint.")
    suffix = path.suffix.lower()
    if suffix in (".json", ".jsonld"):
        return TooiRegister(path)
    if suffix in (".ttl", ".nt", ".rdf", ".xml", ".n3", ".trig", ".owl"):
        from .files import RdfFile

        return RdfFile(path)
    if suffix in (".tsv", ".csv", ".txt"):
        from .files import NamesTable

        return NamesTable(path)
    raise UsageError(f"--against {spec}: unknown kind of source (by its suffix {suffix!r}); give "
                     f"a SPARQL endpoint URL, a TOOI .jsonld register, an RDF file or a .tsv "
                     f"names table.")


def scheme_of(source: Source) -> str:
    from .files import RdfFile

    if isinstance(source, TooiRegister):
        return "tooi"
    return "lau" if isinstance(source, RdfFile) else "wikidata"


def applies(source: Source, query: Query) -> bool:
    """A register answers only for its own country's places (TOOI: Dutch municipalities)."""
    if isinstance(source, TooiRegister):
        return query.kind == "municipality" and query.country == "nl"
    countries = getattr(source, "countries", None)
    return not countries or (query.country in countries and query.kind == "municipality")


def propose(queries: list[Query], source: Source, *, threshold: float = DEFAULT_THRESHOLD,
            progress: Progress | None = None) -> list[Proposal]:
    wanted = [q for q in queries if applies(source, q)]
    proposals = []
    for number, query in enumerate(wanted, start=1):
        proposals.append(Proposal(query, reconcile(query, source, threshold=threshold)))
        if progress:
            progress(number, len(wanted))
    return proposals


def review_document(source: Source, proposals: list[Proposal], threshold: float
                    ) -> dict[str, Any]:
    """The proposals as JSON: one W3C reconciliation result list per resource."""
    return {
        "source": {"location": source.citation, "kind": source.label,
                   "scheme": scheme_of(source), "date": source.date or ""},
        "threshold": threshold,
        "results": {p.query.id: {"query": {"name": p.query.name, "kind": p.query.kind,
                                           "country": p.query.country, "year": p.query.year},
                                 "result": [c.to_json() for c in p.candidates]}
                    for p in proposals},
    }


def read_review(path: Path) -> dict[str, Any]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise InputError(f"The review file {path} does not exist.") from exc
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}:{exc.lineno}: the review file is not valid JSON: "
                         f"{exc.msg}.") from exc
    if not (isinstance(document, dict) and isinstance(document.get("results"), dict)
            and isinstance(document.get("source"), dict)):
        raise InputError(f"{path}: not a review file written by 'c2c-kg link --review' (it "
                         f"needs 'source' and 'results').")
    return document


def _set_reasons(folder: Path, scheme: str, reasons: dict[str, str], linked: set[str]) -> None:
    path = folder / "unlinked.csv"
    rows = ({(r["resource"], r["scheme"]): r["reason"]
             for _, r in read_table(path, UNLINKED_COLUMNS)} if path.exists() else {})
    linked = set(linked) | {r.resource for r in read_link_tables(folder) if r.scheme == scheme}
    for resource in linked:
        rows.pop((resource, scheme), None)
    for resource, reason in reasons.items():  # a reason already given (reviewed) stays
        if resource not in linked:
            rows.setdefault((resource, scheme), reason)
    write_csv(path, UNLINKED_COLUMNS, sorted((r, s, why) for (r, s), why in rows.items()))


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


def _why_rejected(result: list[dict[str, Any]], source: dict[str, Any]) -> str:
    where = source.get("location")
    if not result:
        return f"no item of this name in {where}"
    best = result[0]
    score = best.get("score")
    tied = [c.get("id", "").rsplit("/", 1)[-1] for c in result if c.get("score") == score]
    if len(tied) > 1:
        return f"ambiguous in {where}: {', '.join(tied)} share the name and score {score}"
    return (f"{where}: the best candidate, {best.get('name')} ({best.get('id')}, score "
            f"{best.get('score')}), was not accepted on review")


def accept(folder: Path, document: dict[str, Any], where: str) -> tuple[int, int]:
    """Add the reviewed candidates marked ``match: true`` to the link tables; the rows and
    reasons written. Resources without an accepted candidate get a reason in unlinked.csv."""
    source = document["source"]
    scheme = source.get("scheme", "wikidata")
    rows, reasons = [], {}
    for resource, entry in document["results"].items():
        chosen = [c for c in entry.get("result", []) if isinstance(c, dict) and c.get("match")]
        if len(chosen) > 1:
            raise DataError(f"{where}: {resource} has {len(chosen)} candidates marked as a "
                            f"match; keep 'match': true on one at most.")
        if not chosen:
            reasons[resource] = _why_rejected(entry.get("result") or [], source)
            continue
        rows.append(LinkRow(resource, chosen[0]["id"], scheme, "exactMatch",
                            "reconciler + review", str(source.get("location", "")),
                            str(source.get("date") or dt.date.today().isoformat()),
                            f"score {chosen[0].get('score')}"))
    added = add_links(folder, rows)
    _set_reasons(folder, scheme, reasons, {r.resource for r in rows})
    return added, len(reasons)


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
    _set_reasons(folder, scheme, reasons, {r.resource for r in rows})
    if scheme == "tooi":
        _set_reasons(folder, "cbs", {k: "no TOOI municipality, so no CBS code"
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
            _set_reasons(folder, "iso3166-1", reasons, {r.resource for r in rows})
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
