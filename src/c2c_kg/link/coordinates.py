"""Coordinates for our places from the twinning lists: matched exactly or not at all.

The lists with coordinates (the Programming Historian extracts of Wikidata and the German RGRE
list; read through their mappings in :mod:`c2c_kg.world.sources`, which name each file's
repository, path and commit) are searched for every place record (``Municipality``,
``CityDistrict``, ``Village``). A list row names a place by Wikidata item where it carries one
(``qid``: the item our ``municipalities.csv`` links), else by its own names (label and labels in
other languages, folded, with the linker's spelling variants; not alternative labels, which may
name a related place such as İzmit for Kocaeli) in the same country (``name+country``). The
value is taken from the first list in :data:`PREFERENCE` that has one (Wikidata's values before
the German list's geocoding), the one most of its rows give; the place is placed only when every
matching row of the curated lists lies within :data:`AGREE_KM` of that value and no other place
of ours has the same name and country, else it is left out with the reason. A geocoded list
(:data:`GEOCODED`) is judged only where no curated list names the place; elsewhere its distance
is noted (it puts a metropolis such as Istanbul at its province's centre, 41 km off). Out of
scope: guessing, averaging, fetching anything.
"""

from __future__ import annotations

import os
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..graph.coordinates import COLUMNS, PLACE_TYPES, CoordinateRow, decimal_text, read_coordinates
from ..graph.links import UNLINKED_COLUMNS, read_link_tables, read_table
from ..graph.records import Record
from ..world.countries import country_code
from ..world.places import distance_km, name_key
from ..world.sources import Side, Source, load_sources, read_rows
from .names import variants
from .tables import csv_text

__all__ = ["AGREE_KM", "PREFERENCE", "SCHEME", "CoordinatePlan", "Place", "Sighting",
           "match_coordinates", "place_records", "plan_coordinates", "write_plan"]

#: Rows further apart than this (km) disagree, and the place is left out.
AGREE_KM = 5.0
#: The lists in the order their values are preferred (by world source id).
PREFERENCE = ("ph-nl", "ph-eu", "de-rgre")
#: Lists whose points a geocoder derived from the name, not curated ones: they place a place
#: only where no other list names it.
GEOCODED = ("de-rgre",)
#: The scheme of the coordinates' reasons in ``unlinked.csv``.
SCHEME = "coordinates"
TABLE = "coordinates.csv"


@dataclass(frozen=True)
class Place:
    """One of our place records, as the matcher needs it."""

    id: str
    names: tuple[str, ...]
    country: str
    qid: str = ""


@dataclass(frozen=True)
class Sighting:
    """A list row's side that names one of our places, with its coordinates."""

    source: str
    file: str
    line: int
    origin: str
    lat: float
    lon: float
    match: str

    @property
    def point(self) -> tuple[float, float]:
        return (round(self.lat, 6), round(self.lon, 6))

    def where(self) -> str:
        return f"{self.file}:{self.line} ({decimal_text(self.lat)}, {decimal_text(self.lon)})"


@dataclass
class CoordinatePlan:
    """What ``c2c-kg link coordinates`` found, and how the table would change."""

    rows: list[CoordinateRow] = field(default_factory=list)
    unplaced: dict[str, str] = field(default_factory=dict)
    changes: list[str] = field(default_factory=list)
    read: dict[str, int] = field(default_factory=dict)


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [v for v in value.values() if isinstance(v, str)]
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def place_records(records: list[Record], qids: dict[str, str]) -> list[Place]:
    """The place records, with their own names, ISO country code and linked Wikidata item."""
    places = []
    for record in records:
        body = record.body
        if body.get("type") not in PLACE_TYPES:
            continue
        names = tuple(dict.fromkeys(_strings(body.get("label")) + _strings(body.get("labels"))))
        country = str(body.get("country", "")).removeprefix("country/").upper()
        places.append(Place(record.id, names, country, qids.get(record.id, "")))
    return places


def _origin(source: Source, line: int) -> str:
    meta = source.meta
    return f"{meta['repository']}/blob/{meta['commit']}/{meta['path']}#L{line}"


def _sides(folder: Path) -> tuple[list[tuple[Source, int, Side]], dict[str, int]]:
    found, read = [], {}
    for source in load_sources():
        if not (folder / source.file).is_file():
            continue
        count = 0
        for row in read_rows(source, folder):
            count += 1
            for side in (row.first, row.second):
                if side.lat is not None and side.lon is not None:
                    found.append((source, row.line, side))
        read[source.file] = count
    if not read:
        raise UsageError(f"{folder}: none of the twinning lists is there (looked for "
                         f"{', '.join(s.file for s in load_sources())}).")
    return found, read


def match_coordinates(places: list[Place], folder: Path) -> CoordinatePlan:
    """Match the lists in ``folder`` to ``places``: a row per placed place, else a reason."""
    sides, read = _sides(folder)
    by_name: dict[tuple[str, str], list[Place]] = defaultdict(list)
    for place in places:
        for key in {(name_key(n), place.country) for n in variants(place.names)}:
            by_name[key].append(place)
    by_qid = {p.qid: p for p in places if p.qid}
    seen: dict[str, list[Sighting]] = defaultdict(list)
    for source, line, side in sides:
        common = (source.id, source.file, line, _origin(source, line), side.lat, side.lon)
        if side.qid and side.qid in by_qid:
            seen[by_qid[side.qid].id].append(Sighting(*common, "qid"))
            continue
        code = country_code(side.country)
        for place in by_name.get((name_key(side.name), code), []):
            if not (side.qid and place.qid):  # two different items are not one place
                seen[place.id].append(Sighting(*common, "name+country"))
    plan = CoordinatePlan(read=read)
    for place in sorted(places, key=lambda p: p.id):
        clash = sorted({o.id for n in variants(place.names)
                        for o in by_name[(name_key(n), place.country)]} - {place.id})
        sightings = seen.get(place.id, [])
        if any(s.match == "qid" for s in sightings):
            sightings = [s for s in sightings if s.match == "qid"]
        if clash:
            plan.unplaced[place.id] = (f"ambiguous: {', '.join(clash)} has the same name in "
                                       f"the same country")
        elif not sightings:
            plan.unplaced[place.id] = (f"no row of the twinning lists names it with "
                                       f"coordinates in {place.country or '?'}")
        elif reason := _disagreement(sightings):
            plan.unplaced[place.id] = reason
        else:
            plan.rows.append(_row(place, sightings))
    return plan


def _rank(source: str) -> int:
    return PREFERENCE.index(source) if source in PREFERENCE else len(PREFERENCE)


def _choose(sightings: list[Sighting]) -> Sighting:
    """The preferred list's most given value (its first row), as :data:`PREFERENCE` says."""
    best_source = min(sightings, key=lambda s: (_rank(s.source), s.source)).source
    own = [s for s in sightings if s.source == best_source]
    votes = Counter(s.point for s in own)
    point = max(votes, key=lambda p: (votes[p], -min(s.line for s in own if s.point == p)))
    return min((s for s in own if s.point == point), key=lambda s: s.line)


def _farthest(chosen: Sighting, sightings: list[Sighting]) -> tuple[float, Sighting]:
    return max(((distance_km(chosen.point, s.point), s) for s in sightings),
               key=lambda t: (t[0], -t[1].line))


def _judged(sightings: list[Sighting]) -> list[Sighting]:
    """The rows a place's value must agree with: the curated lists' where they have any."""
    return [s for s in sightings if s.source not in GEOCODED] or sightings


def _disagreement(sightings: list[Sighting]) -> str:
    chosen = _choose(sightings)
    judged = _judged(sightings)
    km, other = _farthest(chosen, judged)
    if km <= AGREE_KM:
        return ""
    points = len({s.point for s in judged})
    return (f"the lists disagree: {len(judged)} row(s) give {points} points, "
            f"{other.where()} lies {km:.1f} km from {chosen.where()}, more than "
            f"{AGREE_KM:g} km")


def _row(place: Place, sightings: list[Sighting]) -> CoordinateRow:
    chosen = _choose(sightings)
    judged = _judged(sightings)
    km, _ = _farthest(chosen, judged)
    files = sorted({s.file for s in judged})
    note = (f"{len(judged)} row(s) in {len(files)} list(s) ({', '.join(files)}), all "
            f"within {km:.1f} km of this value")
    others = [s for s in sightings if s not in judged]
    if others:
        far, where = _farthest(chosen, others)
        note += (f"; the geocoded {where.file} ({len(others)} row(s)) lies within {far:.1f} km"
                 if far > AGREE_KM else f"; {where.file} ({len(others)} row(s)) agrees")
    return CoordinateRow(place.id, decimal_text(chosen.lat), decimal_text(chosen.lon),
                         chosen.file, chosen.line, chosen.origin, chosen.match, note)


def _qids(links: Path) -> dict[str, str]:
    return {r.resource: r.identifier.rsplit("/", 1)[-1] for r in read_link_tables(links)
            if r.scheme == "wikidata" and r.match == "exactMatch"}


def plan_coordinates(project, against: Path) -> CoordinatePlan:
    """Match the lists in ``against`` to the project's places and compare with its table."""
    from .project import load_project_records

    links = project.data / "links"
    records = load_project_records(project)
    plan = match_coordinates(place_records(records, _qids(links)), against)
    known = {p.id for p in place_records(records, {})}
    before = {r.resource: r for r in read_coordinates(links / TABLE, known)}
    after = {r.resource: r for r in plan.rows}
    for resource in sorted(before.keys() | after.keys()):
        old, new = before.get(resource), after.get(resource)
        if old is None and new is not None:
            plan.changes.append(f"+ {resource}\t{new.lat}\t{new.long}\t{new.file}:{new.row}")
        elif new is None and old is not None:
            plan.changes.append(f"- {resource}\t{old.lat}\t{old.long}\t"
                                f"({plan.unplaced.get(resource, 'not a place any more')})")
        elif old != new and old is not None and new is not None:
            plan.changes.append(f"~ {resource}\t{old.lat}\t{old.long}\t->\t{new.lat}\t"
                                f"{new.long}\t{new.file}:{new.row}")
    return plan


def _replace(files: dict[Path, str]) -> None:
    """Write every file to a temporary sibling first, then rename them all into place."""
    staged = []
    try:
        for path, text in files.items():
            with tempfile.NamedTemporaryFile("w", dir=path.parent, delete=False,
                                             encoding="utf-8", suffix=".tmp") as handle:
                handle.write(text)
            staged.append((handle.name, path))
    except OSError:
        for name, _ in staged:
            os.unlink(name)
        raise
    for name, path in staged:
        os.replace(name, path)


def write_plan(project, plan: CoordinatePlan) -> None:
    """Write ``coordinates.csv`` and the coordinates' reasons in ``unlinked.csv``, whole."""
    links = project.data / "links"
    links.mkdir(parents=True, exist_ok=True)
    unlinked = links / "unlinked.csv"
    reasons = ({(r["resource"], r["scheme"]): r["reason"]
                for _, r in read_table(unlinked, UNLINKED_COLUMNS)} if unlinked.exists() else {})
    reasons = {k: v for k, v in reasons.items() if k[1] != SCHEME}
    reasons.update({(resource, SCHEME): why for resource, why in plan.unplaced.items()})
    _replace({
        links / TABLE: csv_text(COLUMNS, (r.cells() for r in
                                           sorted(plan.rows, key=lambda r: r.resource))),
        unlinked: csv_text(UNLINKED_COLUMNS, sorted((r, s, why)
                                                     for (r, s), why in reasons.items())),
    })
