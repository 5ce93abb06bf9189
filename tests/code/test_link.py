"""The linker on samples of real registers and lists: names, time, scores, link tables."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, SKOS

from c2c_kg.errors import DataError, InputError
from c2c_kg.graph.links import NOTATIONS, LinkRow, links_graph, read_link_tables
from c2c_kg.link.files import NamesTable, RdfFile
from c2c_kg.link.model import Query
from c2c_kg.link.names import fold, similarity, variants
from c2c_kg.link.reconcile import reconcile
from c2c_kg.link.registers import TooiRegister
from c2c_kg.link.tables import add_links, add_successions
from c2c_kg.terms import ID

FIXTURES = Path(__file__).parents[1] / "fixtures" / "link"
ROOT = Path(__file__).resolve().parents[2]
GM = "https://identifier.overheid.nl/tooi/id/gemeente/"


@pytest.fixture(scope="module")
def register() -> TooiRegister:
    return TooiRegister(FIXTURES / "tooi_sample.jsonld")


def nl(name: str, year: int | None = None, **more) -> Query:
    return Query(name, name, kind="municipality", country="nl", year=year, **more)


# --- names --------------------------------------------------------------------------------------

@pytest.mark.parametrize(("ours", "theirs"), [
    ("Luleburgaz", "Lüleburgaz"), ("Elazig", "Elazığ"), ("Izmit", "İzmit"),
    ("'s-Gravenhage", "Den Haag"), ("The Hague", "'s-Gravenhage"),
    ("Den Bosch", "'s-Hertogenbosch"),
    ("Gemeente Alkmaar", "Alkmaar"), ("Bergen", "Bergen (NH)"),
])
def test_spellings_of_one_place_are_the_same_name(ours, theirs):
    assert similarity(variants([ours]), variants([theirs])) == 1.0


def test_a_former_name_matches_but_counts_less():
    assert similarity(variants(["Kocaeli"]), variants(["Izmit"])) == 0.9
    assert "izmit" not in variants(["Kocaeli"]) and "izmit" in variants(["Kocaeli"], former=True)


def test_other_places_stay_apart():
    assert fold("City of London") != fold("London")
    assert similarity(variants(["Izmir"]), variants(["Izmit"])) < 0.9
    assert similarity(variants(["Leidschendam"]), variants(["Leidschendam-Voorburg"])) < 0.8


# --- the TOOI register and time -----------------------------------------------------------------

def test_register_reads_codes_provinces_and_successions(register):
    leidschendam = register.entity(GM + "gm0548")
    assert leidschendam.extra["cbs"] == "0548"
    assert leidschendam.extra["province_name"] == "Zuid-Holland"
    assert leidschendam.end == dt.date(2001, 12, 31)
    assert leidschendam.successors == (GM + "gm1916",)
    assert register.date == "2022-12-22"
    assert register.citation == "https://identifier.overheid.nl/tooi/set/rwc_gemeenten_compleet/4"


def test_a_merged_municipality_resolves_to_its_successors_by_date(register):
    # Nieuw-Lekkerland merged into Molenwaard on 2013-01-01, Molenwaard into Molenlanden in 2019
    assert register.current(GM + "gm0571") == [GM + "gm1978"]
    assert register.current(GM + "gm0571", dt.date(2015, 6, 1)) == [GM + "gm1927"]
    assert register.current(GM + "gm0571", dt.date(2010, 6, 1)) == [GM + "gm0571"]
    assert [e.id for e in register.on("Leidschendam", 1998)] == [GM + "gm0548"]
    assert register.on("Leidschendam", 2003) == []
    assert [e.id for e in register.on("Leidschendam-Voorburg", 2003)] == [GM + "gm1916"]


def test_a_partnership_of_1998_links_to_the_municipality_of_1998(register):
    best = reconcile(nl("Leidschendam", 1998), register)[0]
    assert best.match and best.id == GM + "gm0548"
    assert best.feature("valid_on_date") is True
    assert best.feature("successors") == [GM + "gm1916"]


def test_a_municipality_that_had_ended_before_the_partnership_is_flagged(register):
    best = reconcile(nl("Leidschendam", 2005), register)[0]
    assert best.id == GM + "gm0548" and not best.match
    assert best.feature("valid_on_date") is False
    assert best.feature("ended_before_partnership") == "2001-12-31"


def test_dutch_variants_and_ties_in_the_register(register):
    for name in ("The Hague", "'s-Gravenhage", "Den Haag"):
        best = reconcile(nl(name), register)[0]
        assert best.match and best.id == GM + "gm0518", name
    bergen = reconcile(nl("Bergen"), register)
    assert {c.id for c in bergen[:2]} == {GM + "gm0373", GM + "gm0893"}
    assert not any(c.match for c in bergen)  # two municipalities of that name: no guess


def test_candidates_have_the_reconciliation_api_shape(register):
    candidate = reconcile(nl("Deventer", 1998), register)[0].to_json()
    assert set(candidate) == {"id", "name", "type", "score", "features", "match"}
    assert candidate["type"] == [{"id": "municipality", "name": "municipality"}]
    assert {f["id"] for f in candidate["features"]} >= {
        "name", "country", "kind", "distance_km", "valid_on_date", "twinned"}


def test_a_broken_register_file_is_refused(tmp_path):
    bad = tmp_path / "register.jsonld"
    bad.write_text('{"not": "a list"', encoding="utf-8")
    with pytest.raises(InputError, match=r"register\.jsonld"):
        TooiRegister(bad)


# --- an RDF file (Eurostat LAU) and a names table -------------------------------------------------

def test_lau_file_links_by_name_and_refuses_an_iri_with_two_places():
    lau = RdfFile(FIXTURES / "lau_sample.ttl")
    best = reconcile(nl("Den Haag"), lau)[0]
    assert best.match and best.id == "http://data.businessgraph.io/lau/NL-GM0518"
    emirdag = reconcile(Query("x", "Emirdag", kind="municipality", country="tr"), lau)[0]
    assert emirdag.id.endswith("TR-1306") and not emirdag.match
    assert "Eminönü" in emirdag.feature("source_conflict")
    wrong_country = reconcile(Query("x", "Almelo", kind="municipality", country="tr"), lau)[0]
    assert wrong_country.feature("country") is False and not wrong_country.match


def test_names_table_matches_across_spellings_and_keeps_city_and_municipality_apart():
    names = NamesTable(FIXTURES / "names_sample.tsv")
    best = reconcile(Query("x", "Luleburgaz"), names)[0]
    assert best.match and best.id.endswith("/Q214670")
    amsterdam = reconcile(Query("x", "Amsterdam", partners=("Managua",)), names)
    assert {c.id.rsplit("/", 1)[-1] for c in amsterdam[:2]} == {"Q727", "Q9899"}
    assert all(c.feature("twinned") for c in amsterdam[:2])
    assert not any(c.match for c in amsterdam)
    # The twin bonus shows which Rotterdam is twinned with Istanbul but does not break the tie.
    rotterdam = reconcile(Query("x", "Rotterdam", partners=("Istanbul",)), names)
    assert rotterdam[0].id.endswith("/Q34370") and rotterdam[0].feature("twinned")
    assert not rotterdam[0].match
    # An alternative label alone stays under the threshold: proposed, not matched.
    kocaeli = reconcile(Query("x", "Kocaeli", alt=("Izmit",)), names)[0]
    assert kocaeli.id.endswith("/Q129649") and not kocaeli.match


def test_a_names_table_row_without_a_name_is_refused(tmp_path):
    bad = tmp_path / "names.tsv"
    bad.write_text("Q1\tOne\nQ2\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"names.tsv, row 2"):
        NamesTable(bad)


# --- link tables and the links graph ------------------------------------------------------------

def row(resource: str, identifier: str, scheme: str, **more) -> LinkRow:
    values = {"match": "exactMatch", "method": "register lookup", "source": "test",
              "source_date": "2022-12-22", "note": ""} | more
    return LinkRow(resource, identifier, scheme, **values)


def test_link_tables_map_to_sameas_exactmatch_and_notations(tmp_path):
    folder = tmp_path / "links"
    added = add_links(folder, [
        row("municipality/nl/deventer", "http://www.wikidata.org/entity/Q10001", "wikidata"),
        row("municipality/nl/deventer", GM + "gm0150", "tooi"),
        row("municipality/nl/deventer", "0150", "cbs"),
        row("country/nl", "NL", "iso3166-1"),
        row("municipality/nl/utrecht", "http://www.wikidata.org/entity/Q803", "wikidata",
            match="closeMatch"),
    ])
    assert added == 5
    assert add_links(folder, [row("country/nl", "NL", "iso3166-1")]) == 0  # no duplicates
    add_successions(folder, [(GM + "gm0548", GM + "gm1916", "2002-01-01", "Samenvoeging",
                              "test", "2022-12-22")])
    graph = links_graph(folder)
    deventer = ID["municipality/nl/deventer"]
    assert (deventer, OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q10001")) in graph
    assert (deventer, SKOS.exactMatch, URIRef(GM + "gm0150")) in graph
    assert (deventer, SKOS.notation, Literal("0150", datatype=NOTATIONS["cbs"])) in graph
    assert (ID["country/nl"], SKOS.notation,
            Literal("NL", datatype=NOTATIONS["iso3166-1"])) in graph
    assert (ID["municipality/nl/utrecht"], SKOS.closeMatch,
            URIRef("http://www.wikidata.org/entity/Q803")) in graph
    assert (URIRef(GM + "gm0548"), DCTERMS.isReplacedBy, URIRef(GM + "gm1916")) in graph
    assert len(graph) == 6


@pytest.mark.parametrize(("cells", "rule"), [
    (["municipality/nl/x", "https://www.wikidata.org/wiki/Q1", "wikidata"], "not a wikidata"),
    (["municipality/nl/x", "150", "cbs"], "not a cbs"),
    (["municipality/nl/x", "Q1", "geonames"], "unknown scheme"),
])
def test_a_bad_link_row_is_refused_with_file_row_and_rule(tmp_path, cells, rule):
    folder = tmp_path / "links"
    folder.mkdir()
    with (folder / "municipalities.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["resource", "identifier", "scheme", "match", "method", "source",
                         "source_date", "note"])
        writer.writerow([*cells, "exactMatch", "by hand", "test", "2024-01-01", ""])
    with pytest.raises(DataError, match=rf"municipalities.csv, row 2: .*{rule}"):
        read_link_tables(folder)


# --- the project's own link tables -------------------------------------------------------------

def test_every_municipality_and_country_has_its_links_or_a_reason():
    from c2c_kg.link.project import load_project_records, project_queries
    from c2c_kg.project import Project

    links = read_link_tables(ROOT / "data" / "links")
    with (ROOT / "data" / "links" / "unlinked.csv").open(encoding="utf-8") as handle:
        reasons = {(r["resource"], r["scheme"]) for r in csv.DictReader(handle)}
    have = {(r.resource, r.scheme) for r in links}
    missing = []
    for query in project_queries(load_project_records(Project(ROOT))):
        needed = {"organisation": ["wikidata"], "country": ["wikidata", "iso3166-1"],
                  "municipality": ["wikidata"]}[query.kind]
        if query.kind == "municipality" and query.country == "nl":
            needed += ["tooi", "cbs", "lau"]
        missing += [(query.id, s) for s in needed if (query.id, s) not in have | reasons]
    assert missing == []
    assert not have & reasons  # a link and a reason for its absence never both
    # the merger in our own data: Leidschendam (platform member from 2000) and its successor
    assert ("municipality/nl/leidschendam", "tooi") in have
    assert {r.identifier for r in links if r.resource == "municipality/nl/leidschendam"
            and r.scheme == "tooi"} == {GM + "gm0548"}
