"""Rows to places and partnerships: one place per place, one partnership per unordered pair.

See :mod:`.places` for the rules. Every row ends *placed* (both places resolved, a partnership),
or with the reason it is not: ``ambiguous`` (a name that could be several places: the candidates
are in :attr:`World.ambiguities`), ``self-pair`` (both sides resolve to one place), or
``incomplete`` (a side without a name, an item or a country).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..link.names import similarity, variants
from .places import (
    Ambiguity,
    Place,
    cluster,
    country_of,
    distance_km,
    group_by_name,
    name_key,
    nearest,
    slug,
)
from .sources import Row, Side

__all__ = ["Outcome", "World", "reconcile"]

#: Bridging a name to an item through shared twins: how many partners' items must be twinned
#: with the item, and how similar the names must still be (folded, 0–1).
SHARED = 2
LOOSE = 0.7


@dataclass
class Outcome:
    """What became of one row."""

    status: str
    first: str | None = None
    second: str | None = None
    partnership: str | None = None
    note: str = ""


@dataclass
class World:
    rows: list[Row]
    outcomes: list[Outcome]
    places: dict[str, Place]
    ambiguities: dict[str, Ambiguity]
    partnerships: dict[str, tuple[str, str]] = field(default_factory=dict)


def _key(side: Side) -> tuple[str, str] | None:
    country = country_of(side.country)
    folded = name_key(side.name) if side.name else ""
    return (folded, country) if folded and country else None


def _point(side: Side) -> tuple[float, float] | None:
    if side.lat is None or side.lon is None:
        return None
    return (side.lat, side.lon)


def partnership_id(a: str, b: str) -> str:
    first, second = sorted((a, b))
    return f"{first.replace('/', '-')}--{second.replace('/', '-')}"


def reconcile(rows: list[Row], qid_names: dict[str, str]) -> World:
    """Places, ambiguities and partnerships of ``rows``; ``qid_names`` labels Wikidata items."""
    qid_names = dict(qid_names)
    for row in rows:  # items named by a row (our linked records) join the names table
        for side in (row.first, row.second):
            if side.qid and side.name:
                qid_names.setdefault(side.qid, side.name)
    points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    labels: dict[tuple[str, str], Counter] = defaultdict(Counter)
    partners: dict[tuple[str, str], set[str]] = defaultdict(set)
    neighbours: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        sides = (row.first, row.second)
        for side, other in (sides, sides[::-1]):
            key = None if side.qid else _key(side)
            if key is None:
                continue
            labels[key][side.name] += 1
            if (point := _point(side)) is not None:
                points[key].append(point)
            other_name = qid_names.get(other.qid, other.name) if other.qid else other.name
            if other_name:
                partners[key].add(name_key(other_name))
        if row.first.qid and row.second.qid:
            neighbours[row.first.qid].add(row.second.qid)
            neighbours[row.second.qid].add(row.first.qid)
    for key in labels:
        points.setdefault(key, [])

    places: dict[str, Place] = {}
    ambiguities: dict[str, Ambiguity] = {}
    centres: dict[tuple[str, str], list[tuple[float, float]]] = {}
    named: dict[tuple[str, str], list[str]] = {}
    for key, found in points.items():
        label = labels[key].most_common(1)[0][0]
        base = f"{key[1].lower()}/{slug(label)}"
        centres[key] = cluster(found)
        if len(centres[key]) <= 1:
            named[key] = [base]
            places[base] = Place(base, label, key[1], point=found[0] if found else None)
            continue
        ids = [f"{base}-{i + 1}" for i in range(len(centres[key]))]
        named[key] = ids
        for place_id, centre in zip(ids, centres[key], strict=True):
            places[place_id] = Place(place_id, label, key[1], point=centre)
        spread = max(distance_km(a, b) for a in centres[key] for b in centres[key])
        ambiguities[f"coordinates/{base}"] = Ambiguity(
            f"coordinates/{base}", label, key[1],
            f"the rows give coordinates up to {spread:.0f} km apart", ids)

    final = _link_items(places, named, partners, neighbours, qid_names, ambiguities)
    _bridge(rows, named, final, places, neighbours, qid_names, ambiguities)
    for item in ambiguities.values():
        item.candidates = [c if c.startswith("wd:") else final.get(c, c) for c in item.candidates]
    for qid in {s.qid for row in rows for s in (row.first, row.second) if s.qid}:
        if qid not in places:
            places[qid] = Place(qid, qid_names.get(qid, qid), qid=qid, method="item")

    world = World(rows, [], places, ambiguities)
    for row in rows:
        world.outcomes.append(_place_row(row, named, centres, final, places, world))
    for place in places.values():  # the name the rows use most; the others are alternatives
        table = qid_names.get(place.qid, "")
        if place.names:
            place.label = place.names.most_common(1)[0][0]
        if table and table != place.label:
            place.names[table] += 0
    return world


def _link_items(places: dict[str, Place], named: dict[tuple[str, str], list[str]],
                partners: dict[tuple[str, str], set[str]], neighbours: dict[str, set[str]],
                qid_names: dict[str, str], ambiguities: dict[str, Ambiguity]) -> dict[str, str]:
    """Named place id -> final place id (its Wikidata item's place where one is clear)."""
    by_name: dict[str, list[str]] = defaultdict(list)
    for qid, name in qid_names.items():
        by_name[name_key(name)].append(qid)
    competitors = group_by_name({k: [] for k in named})
    claims: dict[str, list[str]] = defaultdict(list)
    methods: dict[str, str] = {}
    for key, ids in named.items():
        candidates = sorted(set(by_name.get(key[0], [])))
        if not candidates:
            continue
        rivals = sum(len(named[k]) for k in competitors[key[0]])
        twinned = [q for q in candidates
                   if any(name_key(qid_names.get(n, "")) in partners[key] for n in neighbours[q])]
        for place_id in ids:
            if len(candidates) == 1 and rivals == 1:
                claims[candidates[0]].append(place_id)
                methods[place_id] = "the only item of the name"
            elif len(twinned) == 1 and len(ids) == 1:
                claims[twinned[0]].append(place_id)
                methods[place_id] = "the only item of the name twinned with one of its partners"
            else:
                reason = (f"{len(candidates)} Wikidata items have the name"
                          if len(candidates) > 1 else
                          f"{rivals} places of the name compete for one Wikidata item")
                ambiguities[f"items/{place_id}"] = Ambiguity(
                    f"items/{place_id}", places[place_id].label, key[1],
                    reason + "; none is the only one twinned with its partners",
                    [f"wd:{q}" for q in candidates])
    final = {place_id: place_id for place_id in places}
    for qid, ids in claims.items():
        if len(ids) > 1:
            for place_id in ids:
                ambiguities[f"items/{place_id}"] = Ambiguity(
                    f"items/{place_id}", places[place_id].label, places[place_id].country,
                    f"{len(ids)} places claim the item wd:{qid}", [f"wd:{qid}", *ids])
            continue
        named_place = places.pop(ids[0])
        places[qid] = Place(qid, qid_names.get(qid, named_place.label), named_place.country, qid,
                            methods[ids[0]], named_place.point, named_place.population)
        final[ids[0]] = qid
    return final


def _bridge(rows: list[Row], named: dict[tuple[str, str], list[str]], final: dict[str, str],
            places: dict[str, Place], neighbours: dict[str, set[str]],
            qid_names: dict[str, str], ambiguities: dict[str, Ambiguity]) -> None:
    """Named places with no item of their name (the names table mixes languages: Moskau,
    Damaskus) take the one item that is P190-twinned with at least :data:`SHARED` of their
    partners' items, more than any other item of a similar name (at least :data:`LOOSE`), and
    that no other place takes; this also settles a choice between items of one name."""
    partner_items: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        ends = [_resolved(side, named, final) for side in (row.first, row.second)]
        for here, there in (ends, ends[::-1]):
            if here and not here.startswith("Q") and there and there.startswith("Q"):
                partner_items[here].add(there)
    taken = {v for k, v in final.items() if k != v}
    claims: dict[str, list[str]] = defaultdict(list)
    for place_id, items in partner_items.items():
        if final.get(place_id) != place_id or place_id not in places:
            continue
        name = variants([places[place_id].label])
        shared = Counter(q for item in items for q in neighbours.get(item, ()) if q not in taken)
        ranked = [(q, n) for q, n in shared.most_common()
                  if n >= SHARED and similarity(name, variants([qid_names.get(q, "")])) >= LOOSE]
        if len(ranked) == 1 or (len(ranked) > 1 and ranked[1][1] < ranked[0][1]):
            claims[ranked[0][0]].append(place_id)
    for qid, ids in claims.items():
        if len(ids) != 1 or qid in places:
            continue
        place = places.pop(ids[0])
        places[qid] = Place(qid, qid_names.get(qid, place.label), place.country, qid,
                            f"shares {SHARED}+ twins with the item; similar name", place.point,
                            place.population)
        final[ids[0]] = qid
        ambiguities.pop(f"items/{ids[0]}", None)


def _resolved(side: Side, named: dict[tuple[str, str], list[str]],
              final: dict[str, str]) -> str | None:
    if side.qid:
        return side.qid
    key = _key(side)
    ids = named.get(key) if key else None
    return final.get(ids[0], ids[0]) if ids and len(ids) == 1 else None


def _place_row(row: Row, named: dict[tuple[str, str], list[str]],
               centres: dict[tuple[str, str], list[tuple[float, float]]],
               final: dict[str, str], places: dict[str, Place], world: World) -> Outcome:
    resolved: list[str | None] = []
    notes: list[str] = []
    for side in (row.first, row.second):
        if side.qid:
            resolved.append(side.qid)
            place = places[side.qid]
            if side.name:
                place.names[side.name] += 1
            if side.country and not place.country:
                place.country = country_of(side.country)
            continue
        key = _key(side)
        if key is None:
            resolved.append(None)
            notes.append(f"no place: name {side.name!r}, country {side.country!r}")
            continue
        ids = named[key]
        point = _point(side)
        if len(ids) == 1:
            place_id = ids[0]
        elif point is not None:
            place_id = ids[nearest(point, centres[key])]
        else:
            resolved.append(None)
            ambiguity = world.ambiguities[f"coordinates/{key[1].lower()}/" +
                                          ids[0].split("/", 1)[1].rsplit("-", 1)[0]]
            ambiguity.mentions.append((row.source, row.line))
            notes.append(f"{side.name!r} ({key[1]}) is ambiguous: {ambiguity.id}")
            continue
        place = places[final[place_id]]
        place.names[side.name] += 1
        if side.population and not place.population:
            place.population = side.population
        resolved.append(final[place_id])
    first, second = resolved
    if first is None or second is None:
        status = "ambiguous" if any("ambiguous" in n for n in notes) else "incomplete"
        return Outcome(status, first, second, note="; ".join(notes + row.problems))
    if first == second:
        return Outcome("self-pair", first, second, note="both sides are one place")
    pid = partnership_id(first, second)
    world.partnerships.setdefault(pid, tuple(sorted((first, second))))
    return Outcome("placed", first, second, pid, "; ".join(row.problems))
