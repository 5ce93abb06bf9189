"""The linker against a real Oxigraph server on loopback holding a Wikidata-shaped graph, and the
stored queries that put our partnerships next to Wikidata's twin links."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from helpers import run_cli
from rdflib import Graph
from servers import oxigraph_fixture  # noqa: F401  (fixture)

from c2c_kg.link.cache import DiskCache
from c2c_kg.link.model import Query
from c2c_kg.link.reconcile import reconcile
from c2c_kg.link.sparql import SparqlSource
from c2c_kg.remote.client import RemoteEngine
from c2c_kg.store.queries import find_query
from c2c_kg.terms import ID

FIXTURES = Path(__file__).parents[1] / "fixtures" / "link"
ROOT = Path(__file__).resolve().parents[2]
WD = "http://www.wikidata.org/entity/"
TEST = ID["municipality/test/"]


def _load(server, graph: str, turtle: str) -> None:
    body = Graph().parse(data=turtle, format="turtle").serialize(format="nt").encode()
    server.client().post_graph(graph, body, "load the test data")


@pytest.fixture(scope="module")
def endpoint(oxigraph) -> str:
    _load(oxigraph, "urn:test:link:wikidata", (FIXTURES / "wikidata.ttl").read_text("utf-8"))
    return f"{oxigraph.url}/query"


def municipality(name: str, country: str, year: int | None = None, **more) -> Query:
    return Query(f"municipality/{country}/{name.lower()}", name, kind="municipality",
                 country=country, year=year, **more)


def test_the_municipality_item_is_kept_apart_from_the_town_item(endpoint, tmp_path):
    source = SparqlSource(endpoint, cache=DiskCache(tmp_path))
    found = reconcile(municipality("Deventer", "nl"), source)
    assert [c.id for c in found[:2]] == [WD + "Q900001", WD + "Q900002"]
    assert found[0].match and found[0].feature("kind") is True
    assert found[1].feature("kind") is False and found[1].type == [
        {"id": "settlement", "name": "settlement"}]


def test_labels_in_several_languages_aliases_and_variants(endpoint, tmp_path):
    source = SparqlSource(endpoint, cache=DiskCache(tmp_path))
    for name in ("The Hague", "Den Haag", "'s-Gravenhage"):
        best = reconcile(municipality(name, "nl"), source)[0]
        assert best.match and best.id == WD + "Q900030", name
    luleburgaz = reconcile(municipality("Luleburgaz", "tr", names=("Lüleburgaz",)), source)[0]
    assert luleburgaz.match and luleburgaz.id == WD + "Q900010"
    assert luleburgaz.entity.lat == pytest.approx(41.40) and luleburgaz.entity.country == "tr"
    # Kocaeli with its old name Izmit as an alias: the metropolitan municipality, not the town.
    kocaeli = reconcile(municipality("Kocaeli", "tr", alt=("Izmit",)), source)
    assert kocaeli[0].match and kocaeli[0].id == WD + "Q900040"
    assert WD + "Q900041" in {c.id for c in kocaeli}


def test_country_twins_and_coordinates_are_features(endpoint, tmp_path):
    source = SparqlSource(endpoint, cache=DiskCache(tmp_path))
    query = municipality("Denizli", "tr", partners=("Almelo",), lat=37.77, lon=29.08)
    found = reconcile(query, source)
    assert found[0].id == WD + "Q900051" and found[0].match
    assert found[0].feature("twinned") is True and found[0].feature("country") is True
    other = next(c for c in found if c.id == WD + "Q900052")
    assert other.feature("country") is False and other.score < 50
    deventer = reconcile(municipality("Deventer", "nl", lat=52.25, lon=6.16), source)[0]
    assert deventer.feature("distance_km") == 0.0


def test_a_merged_municipality_in_wikidata_is_valid_only_before_its_end(endpoint, tmp_path):
    source = SparqlSource(endpoint, cache=DiskCache(tmp_path))
    before = reconcile(municipality("Leidschendam", "nl", 1998), source)[0]
    assert before.match and before.feature("successors") == [WD + "Q900021"]
    after = reconcile(municipality("Leidschendam", "nl", 2005), source)[0]
    assert after.id == WD + "Q900020" and not after.match
    assert after.feature("valid_on_date") is False
    assert after.feature("ended_before_partnership") == "2002-01-01"


def test_answers_are_cached_on_disk(endpoint, tmp_path):
    cache = DiskCache(tmp_path / "cache")
    reconcile(municipality("Almelo", "nl"), SparqlSource(endpoint, cache=cache))
    assert cache.misses == 2 and cache.hits == 0 and list((tmp_path / "cache").rglob("*.json"))
    again = DiskCache(tmp_path / "cache")
    best = reconcile(municipality("Almelo", "nl"), SparqlSource(endpoint, cache=again))[0]
    assert again.hits == 2 and again.misses == 0 and best.id == WD + "Q900050"


def test_twin_links_compared_with_wikidata(oxigraph, endpoint):
    ours = f"""
    @prefix c2c: <https://w3id.org/c2c-kg/ontology#> .
    @prefix owl: <http://www.w3.org/2002/07/owl#> .
    @prefix wd: <{WD}> .
    <{TEST}almelo> owl:sameAs wd:Q900050 .
    <{TEST}denizli> owl:sameAs wd:Q900051 .
    <{TEST}deventer> owl:sameAs wd:Q900001 .
    <urn:test:coop:almelo-denizli> c2c:hasPartner <{TEST}almelo>, <{TEST}denizli> .
    <urn:test:coop:deventer-edirne> c2c:hasPartner <{TEST}deventer>, <{TEST}edirne> .
    """
    _load(oxigraph, "urn:test:link:ours", ours)
    query = find_query(ROOT / "queries", "twin-links-compared")
    rows = RemoteEngine(endpoint, timeout=30).select(query.text).rows
    seen = {(r["municipality"].value.removeprefix(str(TEST)),
             (r.get("partner_item") or r["partner"]).value.removeprefix(WD)
             .removeprefix(str(TEST)), r["where"].value)
            for r in rows if r["municipality"].value.startswith(str(TEST))}
    assert seen == {("almelo", "Q900051", "both"), ("denizli", "Q900050", "both"),
                    ("deventer", "edirne", "only ours"), ("deventer", "Q900010", "only theirs")}


def test_link_command_against_the_endpoint_writes_a_review_and_accepts_it(endpoint, tmp_path):
    project = tmp_path / "project"
    (project / "data" / "records").mkdir(parents=True)
    (project / "ontology").mkdir()
    shutil.copy(ROOT / "data" / "context.jsonld", project / "data" / "context.jsonld")
    (project / "data" / "records" / "places.yaml").write_text(
        "- id: municipality/nl/deventer\n  type: Municipality\n  label: Deventer\n"
        "  country: country/nl\n"
        "- id: municipality/nl/leidschendam\n  type: Municipality\n  label: Leidschendam\n"
        "  country: country/nl\n"
        "- id: partnership/leidschendam-x\n  type: MunicipalPartnership\n  label: L–X\n"
        "  partner: [municipality/nl/leidschendam]\n  startYear: 2005\n", encoding="utf-8")
    review = tmp_path / "review.json"
    done = run_cli("link", "--against", endpoint, "--kind", "municipality", "--review",
                   str(review), "--root", str(project))
    assert done.returncode == 0, done.stderr
    assert "Q900001" in done.stdout and "MATCH" in done.stdout
    document = json.loads(review.read_text("utf-8"))
    results = document["results"]
    assert results["municipality/nl/deventer"]["result"][0]["match"] is True
    assert results["municipality/nl/leidschendam"]["result"][0]["match"] is False
    assert (project / ".c2c-kg" / "link-cache").is_dir()
    refused = run_cli("link", "--against", endpoint, "--write", "--root", str(project))
    assert refused.returncode == 2 and "review" in refused.stderr
    assert not (project / "data" / "links").exists()
    accepted = run_cli("link", "--accept", str(review), "--root", str(project))
    assert accepted.returncode == 0, accepted.stderr
    table = (project / "data" / "links" / "municipalities.csv").read_text("utf-8")
    assert f"municipality/nl/deventer,{WD}Q900001,wikidata,exactMatch,reconciler + review" in table
    assert "leidschendam" not in table
    unlinked = (project / "data" / "links" / "unlinked.csv").read_text("utf-8")
    assert "municipality/nl/leidschendam,wikidata," in unlinked
