"""The partnership map on the real graph: which chapter partnerships it draws (both ends placed).

Coordinates come from ``data/links/coordinates.csv`` (``c2c-kg link coordinates``, see
docs/linking.md); a place left out has its reason in ``data/links/unlinked.csv``.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from c2c_kg.terms import ID

ROOT = Path(__file__).resolve().parents[2]
LINKS = ROOT / "data" / "links"

DRAWN = {"alkmaar-bergama", "almelo-denizli", "amsterdam-casablanca", "amsterdam-managua",
         "deventer-edirne", "deventer-luleburgaz", "haarlem-emirdag", "nijmegen-gaziantep",
         "rotterdam-casablanca", "rotterdam-durban", "rotterdam-istanbul", "utrecht-leon",
         "zoetermeer-fatih"}
#: Partners the map cannot place: not in the lists, or not a place record.
UNPLACED = {"municipality/ma/al-hoceima", "municipality/ma/al-hoceima-imzourene",
            "municipality/ma/larache", "municipality/nl/meppel", "municipality/nl/zeist",
            "municipality/tr/kocaeli",
            "municipality/bd/sylhet", "municipality/sl/southwark-partner", "organisation/gabb"}


def _table(name: str) -> list[dict[str, str]]:
    with (LINKS / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def drawn_map(built):
    from c2c_kg.web.dataset import Dataset
    from c2c_kg.web.mapview import map_data

    dataset = Dataset(built.store)
    try:
        yield map_data(dataset)
    finally:
        dataset.close()


def _drawn(data: dict) -> set[str]:
    located = {p["iri"] for p in data["places"] if "lat" in p}
    return {c["iri"].rsplit("/", 1)[-1] for c in data["partnerships"]
            if sum(1 for p in c["partners"] if p in located) >= 2}


def test_the_map_draws_13_of_the_chapters_22_partnerships(drawn_map):
    assert len(drawn_map["partnerships"]) == 22
    assert _drawn(drawn_map) == DRAWN  # 13 of 22
    assert (drawn_map["located"], drawn_map["unlocated"]) == (26, 9)
    assert {p["iri"].removeprefix(str(ID)) for p in drawn_map["places"]
            if "lat" not in p} == UNPLACED


def test_every_partnership_with_both_ends_in_the_table_is_drawn(drawn_map):
    placed = {str(ID[r["resource"]]) for r in _table("coordinates.csv")}
    both = {c["iri"].rsplit("/", 1)[-1] for c in drawn_map["partnerships"]
            if set(c["partners"]) <= placed}
    assert both == _drawn(drawn_map)


def test_every_place_record_is_placed_or_has_a_reason():
    from c2c_kg.graph.coordinates import PLACE_TYPES
    from c2c_kg.link.project import load_project_records
    from c2c_kg.project import Project

    places = {r.id for r in load_project_records(Project(ROOT))
              if r.body.get("type") in PLACE_TYPES}
    placed = {r["resource"] for r in _table("coordinates.csv")}
    reasons = {r["resource"] for r in _table("unlinked.csv") if r["scheme"] == "coordinates"}
    assert (len(places), len(placed), len(reasons)) == (57, 35, 22)
    assert placed | reasons == places and not placed & reasons


def test_coordinates_carry_their_list_not_the_thesis(engine):
    from conftest import select

    rows = select(engine, """
        PREFIX geo: <http://www.w3.org/2003/01/geo/wgs84_pos#>
        SELECT ?place ?lat ?source ?evidence WHERE {
          GRAPH <https://w3id.org/c2c-kg/graph/links> {
            ?place geo:lat ?lat .
            ?statement rdf:subject ?place ; rdf:predicate geo:lat ; dcterms:source ?source .
          }
          OPTIONAL { ?statement prov:wasDerivedFrom ?evidence }
          FILTER(datatype(?lat) = xsd:decimal)
        }""")
    assert len(rows) == 35
    assert all(r["source"].startswith(("https://github.com/rogorido/sistercities/blob/",
                                       "https://github.com/muenchdo/TwinTowns/blob/"))
               and "#L" in r["source"] and "evidence" not in r for r in rows)
