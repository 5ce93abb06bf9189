"""The cited-work records (data/records/works.yaml) and what the built graph says about them.

Expected values are read by a person from chapter 1 (the places where it cites a work, the
spelling variants it uses), not taken from the records or the queries.
"""

from __future__ import annotations

import re

import pytest
import yaml
from conftest import select

from c2c_kg.convert.citations import name_slug

PREFIXES = """
PREFIX c2c: <https://w3id.org/c2c-kg/ontology#>
PREFIX cito: <http://purl.org/spar/cito/>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX src: <https://w3id.org/c2c-kg/source/>
"""
#: Works whose id adds the second author because another work would get the same id.
SECOND_AUTHOR_IDS = {"work/bontenbal-van-lindert-2009"}
ID = "https://w3id.org/c2c-kg/id/"


@pytest.fixture(scope="module")
def works(project) -> list[dict]:
    return yaml.safe_load((project.data / "records" / "works.yaml").read_text(encoding="utf-8"))


def test_ids_follow_the_convention_of_first_author_year_and_letter(works) -> None:
    for work in works:
        year = re.search(r"(\d{4})([a-z]?)$", work["citationLabel"])
        assert year, work["id"]
        assert work["issued"] == int(year[1]), work["id"]
        names = work["creator"][:2] if work["id"] in SECOND_AUTHOR_IDS else work["creator"][:1]
        expected = "work/" + "-".join(name_slug(n) for n in names) + f"-{year[1]}{year[2]}"
        assert work["id"] == expected


def test_no_two_records_share_a_citation_label_or_variant(works) -> None:
    labels = [w["citationLabel"] for w in works] + [a for w in works for a in w.get("altLabel", [])]
    assert len(labels) == len(set(labels))


def test_every_cited_work_is_cited_by_a_passage(engine) -> None:
    rows = select(engine, PREFIXES + """
        SELECT ?work WHERE {
          ?work a c2c:CitedWork .
          FILTER NOT EXISTS { ?passage a oa:SpecificResource ; cito:cites ?work }
        }""")
    assert rows == []
    [count] = select(engine, PREFIXES + "SELECT (COUNT(?w) AS ?n) WHERE { ?w a c2c:CitedWork }")
    assert int(count["n"]) >= 90  # the chapter cites about a hundred works


def test_hafteck_2003_is_cited_in_six_places(engine) -> None:
    # sections 1.2 (twice in prose, once in footnote 3) and 1.2.2 (three times)
    rows = select(engine, PREFIXES + """
        SELECT DISTINCT ?passage WHERE { ?passage a oa:SpecificResource ; cito:cites ?work }""",
        work=f"<{ID}work/hafteck-2003>")
    assert len(rows) == 6


@pytest.mark.parametrize("work, variants", [
    ("work/shuman-1994", {"Schuman 1994"}),
    ("work/green-2005", {"Green Game and Delay 2005", "Green et al. 2005"}),
    ("work/wilson-2007", {"Johnson and Wilson 2007"}),
    ("work/bontenbal-2009a", {"Bontenbal 2009"}),
    ("work/de-villiers-2006", {"Villiers 2006"}),
])
def test_spelling_variants_are_alternative_labels_of_one_work(engine, work, variants) -> None:
    rows = select(engine, PREFIXES + f"SELECT ?alt WHERE {{ <{ID}{work}> skos:altLabel ?alt }}")
    assert variants <= {row["alt"] for row in rows}


@pytest.mark.parametrize("work", [
    "work/schuman-1994", "work/green-game-2005", "work/johnson-2007", "work/bontenbal-2009",
    "work/villiers-2006", "work/kanoglu-2009",
])
def test_variants_are_not_separate_works(engine, work) -> None:
    rows = select(engine, PREFIXES + f"SELECT ?t WHERE {{ <{ID}{work}> a ?t }}")
    assert rows == []


def test_secondary_citations_link_the_citing_work(engine) -> None:
    rows = select(engine, PREFIXES + """
        SELECT ?citing ?cited WHERE { ?citing a c2c:CitedWork ; cito:cites ?cited }""")
    pairs = {(r["citing"].rsplit("/", 1)[1], r["cited"].rsplit("/", 1)[1]) for r in rows}
    assert ("hewitt-2000", "ring-1996") in pairs  # "Ring 1996, cited in Hewitt 2000"
    assert ("bontenbal-2010", "townsend-2001") in pairs  # "Townsend 2001, in Bontenbal 2010"


def test_the_chapter_names_its_authors_earlier_publications_as_sources(engine) -> None:
    rows = select(engine, PREFIXES + """
        SELECT ?work WHERE { src:van-ewijk-2013-ch1 cito:citesAsSourceDocument ?work }""")
    assert {r["work"].rsplit("/", 1)[1] for r in rows} == {
        "van-ewijk-2007", "van-ewijk-2009", "van-ewijk-2012"}
