"""The world graph as N-Quads: one named graph per source with its rows' statements, and one
graph of reconciled places, partnerships and ambiguities.

Written as text (not through rdflib) so that 80,000 rows and a million quads stay fast; every
literal goes through :func:`literal`, every IRI is built from folded, ASCII-only ids.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator

from ..terms import C2C, GRAPH, ID
from .places import Ambiguity, Place
from .reconcile import World
from .sources import Row, Source

__all__ = ["RECONCILED", "WORLD", "graph_of", "literal", "quads"]

WORLD = str(GRAPH["world/"])
RECONCILED = WORLD + "reconciled"
WD = "http://www.wikidata.org/entity/"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
DCT = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
GEO = "http://www.w3.org/2003/01/geo/wgs84_pos#"
OWL_SAME = "<http://www.w3.org/2002/07/owl#sameAs>"
#: A place with at least this many partnerships is marked c2c:manyPartnerships (world-degree).
MANY = 10
TRUE = f'"true"^^<{XSD}boolean>'
_ESCAPE = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def graph_of(source_id: str) -> str:
    return WORLD + source_id


def c2c(term: str) -> str:
    return f"<{C2C}{term}>"


def iri(text: str) -> str:
    return f"<{text}>"


def literal(value: object, datatype: str | None = None) -> str:
    text = f'"{str(value).translate(_ESCAPE)}"'
    return f"{text}^^<{datatype}>" if datatype else text


def place_iri(place_id: str) -> str:
    return f"<{ID}world/place/{place_id}>"


def partnership_iri(pid: str) -> str:
    return f"<{ID}world/partnership/{pid}>"


def statement_iri(source: str, line: int) -> str:
    return f"<{ID}world/statement/{source}/{line}>"


def row_address(source: Source | None, line: int, chapter: dict[int, str]) -> str:
    """The row the statement comes from: the file at its commit and line, or our record."""
    if source is None:
        return iri(chapter.get(line, str(ID)))
    meta = source.meta
    return iri(f"{meta['repository']}/blob/{meta['commit']}/{meta['path']}#L{line}")


def source_quads(source: Source, stats: dict[str, int]) -> Iterator[str]:
    """The description of one source, in its own graph, and its figures in the reconciled one."""
    meta, g = source.meta, iri(graph_of(source.id))
    yield f"{g} {RDF_TYPE} <{PROV}Entity> {g} ."
    yield f"{g} {RDF_TYPE} {c2c('TwinningSource')} {g} ."
    yield f"{g} <{DCT}title> {literal(source.title, None)} {g} ."
    yield f"{g} <{DCT}source> <{meta['repository']}/blob/{meta['commit']}/{meta['path']}> {g} ."
    yield f"{g} {c2c('file')} {literal(meta['file'])} {g} ."
    yield f"{g} <{DCT}date> {literal(meta['commit_date'], XSD + 'date')} {g} ."
    yield f"{g} {c2c('snapshot')} {literal(meta['snapshot'])} {g} ."
    yield f"{g} <{DCT}license> <{meta['licence_iri']}> {g} ."
    yield f"{g} <{SKOS}note> {literal('Licence: ' + ' '.join(str(meta['licence']).split()))} {g} ."
    r = iri(RECONCILED)
    for name, value in stats.items():
        yield f"{g} {c2c(name)} {literal(value, XSD + 'integer')} {r} ."


def row_quads(row: Row, outcome, source: Source | None, chapter: dict[int, str],
              one_way: bool = False) -> Iterator[str]:
    g, s = iri(graph_of(row.source)), statement_iri(row.source, row.line)
    if one_way:
        yield f"{s} {c2c('oneWay')} {literal('true', XSD + 'boolean')} {g} ."
    yield f"{s} {RDF_TYPE} {c2c('TwinningStatement')} {g} ."
    yield f"{s} {c2c('inSource')} {g} {g} ."
    yield f"{s} {c2c('line')} {literal(row.line, XSD + 'integer')} {g} ."
    yield f"{s} <{PROV}wasDerivedFrom> {row_address(source, row.line, chapter)} {g} ."
    for prefix, side, place in (("first", row.first, outcome.first),
                                ("second", row.second, outcome.second)):
        if side.name:
            yield f"{s} {c2c(prefix + 'Name')} {literal(side.name)} {g} ."
        if side.country:
            yield f"{s} {c2c(prefix + 'CountryName')} {literal(side.country)} {g} ."
        if side.qid:
            yield f"{s} {c2c(prefix + 'Item')} <{WD}{side.qid}> {g} ."
        if place:
            yield f"{s} {c2c(prefix + 'Place')} {place_iri(place)} {g} ."
    if row.startYear is not None:
        yield f"{s} {c2c('statedStartYear')} {literal(f'{row.startYear:04d}', XSD + 'gYear')} {g} ."
    if row.form:
        yield f"{s} {c2c('form')} {literal(row.form)} {g} ."
    if outcome.partnership:
        yield f"{s} {c2c('statementOf')} {partnership_iri(outcome.partnership)} {g} ."
    if outcome.status != "placed":  # a placed row is one with c2c:statementOf
        yield f"{s} {c2c('rowStatus')} {literal(outcome.status)} {g} ."
    if outcome.note:
        yield f"{s} <{SKOS}note> {literal(outcome.note)} {g} ."


def place_quads(place: Place) -> Iterator[str]:
    p, r = place_iri(place.id), iri(RECONCILED)
    yield f"{p} {RDF_TYPE} {c2c('WorldPlace')} {r} ."
    yield f"{p} <{RDFS}label> {literal(place.label)} {r} ."
    for name in sorted(set(place.names) - {place.label}):
        yield f"{p} <{SKOS}altLabel> {literal(name)} {r} ."
    if place.country:
        yield f"{p} {c2c('countryCode')} {literal(place.country)} {r} ."
    if place.qid:
        yield f"{p} {OWL_SAME} <{WD}{place.qid}> {r} ."
    if place.method:
        yield f"{p} {c2c('linkMethod')} {literal(place.method)} {r} ."
    if place.point:
        yield f"{p} <{GEO}lat> {literal(round(place.point[0], 6), XSD + 'decimal')} {r} ."
        yield f"{p} <{GEO}long> {literal(round(place.point[1], 6), XSD + 'decimal')} {r} ."
    if place.population:
        yield f"{p} {c2c('population')} {literal(place.population, XSD + 'integer')} {r} ."


def ambiguity_quads(item: Ambiguity) -> Iterator[str]:
    a, r = f"<{ID}world/ambiguity/{item.id}>", iri(RECONCILED)
    yield f"{a} {RDF_TYPE} {c2c('AmbiguousPlace')} {r} ."
    yield f"{a} <{RDFS}label> {literal(item.label)} {r} ."
    if item.country:
        yield f"{a} {c2c('countryCode')} {literal(item.country)} {r} ."
    yield f"{a} <{SKOS}note> {literal(item.reason)} {r} ."
    for candidate in item.candidates:
        target = f"<{WD}{candidate[3:]}>" if candidate.startswith("wd:") else place_iri(candidate)
        yield f"{a} {c2c('candidate')} {target} {r} ."
    for source, line in item.mentions:
        yield f"{a} {c2c('mentionedIn')} {statement_iri(source, line)} {r} ."


def partnership_quads(world: World, chapter: dict[int, str]) -> Iterator[str]:
    """The partnerships, with what the queries look up: sources (graph and id), earliest year,
    whether years disagree, country pair and decade; and each place's degree."""
    r = iri(RECONCILED)
    sources: dict[str, set[str]] = defaultdict(set)
    years: dict[str, set[int]] = defaultdict(set)
    records: dict[str, list[str]] = defaultdict(list)
    for row, outcome in zip(world.rows, world.outcomes, strict=True):
        if outcome.partnership:
            sources[outcome.partnership].add(row.source)
            if row.startYear is not None:
                years[outcome.partnership].add(row.startYear)
            if row.source == "chapter" and row.line in chapter:
                records[outcome.partnership].append(chapter[row.line])
    degree: Counter = Counter()
    confirmed: Counter = Counter()
    for pid, (a, b) in world.partnerships.items():
        p = partnership_iri(pid)
        found = sorted(sources[pid])
        degree.update((a, b))
        if len(found) > 1:
            confirmed.update((a, b))
        yield f"{p} {RDF_TYPE} {c2c('WorldPartnership')} {r} ."
        label = f"{world.places[a].label} – {world.places[b].label}"
        yield f"{p} <{RDFS}label> {literal(label)} {r} ."
        yield f"{p} {c2c('hasPartner')} {place_iri(a)} {r} ."
        yield f"{p} {c2c('hasPartner')} {place_iri(b)} {r} ."
        for source in found:
            yield f"{p} {c2c('statedIn')} {iri(graph_of(source))} {r} ."
            yield f"{p} {c2c('sourceId')} {literal(source)} {r} ."
        yield f"{p} {c2c('sourceCount')} {literal(len(found), XSD + 'integer')} {r} ."
        if len(found) == 1:
            yield f"{p} {c2c('onlyIn')} {literal(found[0])} {r} ."
        countries = " – ".join(sorted(world.places[x].country or "?" for x in (a, b)))
        decade = f"{min(years[pid]) // 10 * 10}s" if years[pid] else "undated"
        yield f"{p} {c2c('countryPair')} {literal(countries)} {r} ."
        yield f"{p} {c2c('decade')} {literal(decade)} {r} ."
        yield f"{p} {c2c('countryPairDecade')} {literal(countries + ' | ' + decade)} {r} ."
        if years[pid]:
            first = min(years[pid])
            yield f"{p} {c2c('earliestStartYear')} {literal(f'{first:04d}', XSD + 'gYear')} {r} ."
        if len(years[pid]) > 1:
            yield f"{p} {c2c('yearConflict')} {literal('true', XSD + 'boolean')} {r} ."
        for record in records.get(pid, []):
            yield f"{p} {c2c('chapterRecord')} {iri(record)} {r} ."
    for place, count in degree.items():
        yield f"{place_iri(place)} {c2c('degree')} {literal(count, XSD + 'integer')} {r} ."
        if count >= MANY:
            yield f"{place_iri(place)} {c2c('manyPartnerships')} {TRUE} {r} ."
        yield (f"{place_iri(place)} {c2c('confirmedDegree')} "
               f"{literal(confirmed[place], XSD + 'integer')} {r} .")


def quads(world: World, sources: dict[str, Source], stats: dict[str, dict[str, int]],
          chapter: dict[int, str]) -> Iterator[str]:
    """Every quad of the world graphs."""
    for source in sources.values():
        yield from source_quads(source, stats.get(source.id, {}))
    if "chapter" in stats:
        g = iri(graph_of("chapter"))
        yield f"{g} {RDF_TYPE} {c2c('TwinningSource')} {g} ."
        title = literal("Partnerships of the chapter (our curated records)")
        yield f"{g} <{DCT}title> {title} {g} ."
        for name, value in stats["chapter"].items():
            yield f"{g} {c2c(name)} {literal(value, XSD + 'integer')} {iri(RECONCILED)} ."
    directed = {(row.source, o.first, o.second) for row, o in zip(world.rows, world.outcomes,
                                                                  strict=True)
                if o.partnership}
    for row, outcome in zip(world.rows, world.outcomes, strict=True):
        one_way = bool(outcome.partnership) and (row.source, outcome.second,
                                                 outcome.first) not in directed
        yield from row_quads(row, outcome, sources.get(row.source), chapter, one_way)
    for place in world.places.values():
        yield from place_quads(place)
    for item in world.ambiguities.values():
        yield from ambiguity_quads(item)
    yield from partnership_quads(world, chapter)
