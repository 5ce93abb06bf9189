"""Our records as reconciliation queries: names, kind, country and the date of cooperation."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..graph.records import Record, load_context, load_records, record_files
from ..project import Project
from .model import Query

__all__ = ["KINDS", "project_queries", "record_kind"]

KINDS = ("municipality", "country", "organisation")
_TYPES = {"Municipality": "municipality", "CityDistrict": "municipality", "Country": "country"}


def record_kind(record: Record) -> str | None:
    """municipality, country or organisation (anything under ``organisation/``), else None."""
    kind = _TYPES.get(str(record.body.get("type")))
    if kind:
        return kind
    return "organisation" if record.id.startswith("organisation/") else None


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [v for v in value.values() if isinstance(v, str)]
    if isinstance(value, list):
        return [v for item in value for v in _strings(item)]
    return []


def _references(body: dict[str, Any]) -> set[str]:
    return {v for key, value in body.items() if key not in ("id", "evidence", "note")
            for v in _strings(value)}


def load_project_records(project: Project) -> list[Record]:
    context = load_context(project.data / "context.jsonld")
    return load_records(record_files(project), context)


def project_queries(records: Iterable[Record], kind: str | None = None) -> list[Query]:
    """One query per municipality, country or organisation record (of ``kind`` if given).

    The year is the earliest ``startYear`` of a record that names the resource (a partnership,
    a platform); the partners are the labels of the other resources those records name.
    """
    records = list(records)
    by_id = {r.id: r for r in records}
    years: dict[str, int] = {}
    partners: dict[str, set[str]] = {}
    for record in records:
        refs = _references(record.body) & by_id.keys()
        year = record.body.get("startYear")
        for ref in refs:
            if isinstance(year, int):
                years[ref] = min(years.get(ref, year), year)
            if record.body.get("partner"):
                partners.setdefault(ref, set()).update(
                    str(by_id[o].body.get("label")) for o in refs - {ref}
                    if record_kind(by_id[o]) == "municipality")
    queries = []
    for record in records:
        found = record_kind(record)
        if found is None or (kind and found != kind):
            continue
        body = record.body
        country = body.get("country", "")
        code = (record.id if found == "country" else country).removeprefix("country/")
        label = str(body.get("label", record.id))
        names = [n for n in _strings(body.get("labels")) + _strings(body.get("prefLabel"))
                 if n != label]
        alt = [n for n in _strings(body.get("altLabel")) + _strings(body.get("acronym"))
               if n != label and n not in names]
        queries.append(Query(record.id, label, tuple(dict.fromkeys(names)), found,
                             code or None, year=years.get(record.id),
                             partners=tuple(sorted(partners.get(record.id, ()))),
                             alt=tuple(dict.fromkeys(alt))))
    return queries
