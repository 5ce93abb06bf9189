"""The figures, concepts and claims of chapter 1 as built: Data Cube integrity and values read
from the text by hand (Tables 1.1 and 1.2, the conflicting figures for Turkey, the interview
claims)."""

from __future__ import annotations

from conftest import select

PREFIXES = """
PREFIX qb: <http://purl.org/linked-data/cube#>
PREFIX c2c: <https://w3id.org/c2c-kg/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX cito: <http://purl.org/spar/cito/>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""
ID = "https://w3id.org/c2c-kg/id/"


def iri(value: str) -> str:
    """An IRI as the N-Triples term that a VALUES binding takes."""
    return f"<{value}>"


def test_every_observation_has_every_dimension_of_its_structure(engine) -> None:
    """Data Cube IC-11: an observation has a value for each dimension its dataset declares."""
    rows = select(engine, PREFIXES + """
        SELECT ?obs ?dim WHERE {
          ?obs qb:dataSet/qb:structure/qb:component/qb:dimension ?dim .
          FILTER NOT EXISTS { ?obs ?dim ?value }
        }""")
    assert rows == []


def test_no_two_observations_of_a_dataset_share_their_key(engine) -> None:
    """Data Cube IC-12: the dimension values single out one observation per dataset."""
    rows = select(engine, PREFIXES + """
        SELECT ?a ?b WHERE {
          ?a qb:dataSet ?ds . ?b qb:dataSet ?ds . FILTER (STR(?a) < STR(?b))
          FILTER NOT EXISTS {
            ?ds qb:structure/qb:component/qb:dimension ?dim .
            ?a ?dim ?va . ?b ?dim ?vb . FILTER (?va != ?vb)
          }
        }""")
    assert rows == []


def test_every_dataset_has_a_structure_and_a_source(engine) -> None:
    rows = select(engine, PREFIXES + """
        SELECT ?ds WHERE {
          ?ds a qb:DataSet .
          FILTER NOT EXISTS { ?ds qb:structure ?s ; dcterms:source ?src }
        }""")
    assert rows == []


def test_table_1_1_cells(engine) -> None:
    """Table 1.1 as printed: four regions, 2005 and 2009 (source VNG 2009)."""
    rows = select(engine, PREFIXES + """
        SELECT ?area ?year ?value ?src WHERE {
          ?obs qb:dataSet ?ds ; c2c:refArea ?area ; c2c:refPeriod ?year ;
               c2c:observedValue ?value .
          ?ds dcterms:source ?src .
        }""", ds=iri(f"{ID}dataset/table-1-1"))
    region = "https://w3id.org/c2c-kg/vocab/region/"
    got = {(r["area"].removeprefix(region), r["year"]): float(r["value"]) for r in rows}
    assert got == {
        ("west-europe-old-eu", "2005"): 71, ("west-europe-old-eu", "2009"): 78,
        ("central-southeast-europe-new-eu", "2005"): 74,
        ("central-southeast-europe-new-eu", "2009"): 74,
        ("europe-non-eu", "2005"): 25, ("europe-non-eu", "2009"): 20,
        ("global-south", "2005"): 35, ("global-south", "2009"): 31,
    }
    assert {r["src"] for r in rows} == {f"{ID}work/vng-2009"}


def test_table_1_2_totals_and_second_generation_shares(engine) -> None:
    rows = select(engine, PREFIXES + """
        SELECT ?subject ?unit ?value WHERE {
          ?obs qb:dataSet ?ds ; c2c:subject ?subject ; c2c:unitOfMeasure ?unit ;
               c2c:observedValue ?value .
        }""", ds=iri(f"{ID}dataset/table-1-2"))
    got = {(r["subject"].rsplit("/", 1)[1], r["unit"].rsplit("/", 1)[1]): float(r["value"])
           for r in rows}
    assert got == {
        ("tr", "persons"): 380000, ("ma", "persons"): 356000, ("sr", "persons"): 345000,
        ("non-western-migrant-country", "persons"): 668000,
        ("tr", "percent"): 49, ("ma", "percent"): 53, ("sr", "percent"): 46,
        ("non-western-migrant-country", "percent"): 34,
    }


def test_both_figures_for_people_of_turkish_origin_are_kept(engine) -> None:
    """389,000 in the prose (Gijsberts et al. 2012) and 380,000 in Table 1.2 (2011)."""
    rows = select(engine, PREFIXES + """
        SELECT ?value ?src (COUNT(?passage) AS ?n) WHERE {
          ?obs c2c:subject ?tr ; c2c:unitOfMeasure ?unit ; c2c:observedValue ?value ;
               qb:dataSet/dcterms:source ?src ; prov:wasDerivedFrom ?passage .
        } GROUP BY ?value ?src""",
        tr=iri(f"{ID}country/tr"), unit=iri("https://w3id.org/c2c-kg/vocab/unit/persons"))
    got = {(float(r["value"]), r["src"].rsplit("/", 1)[1]) for r in rows}
    assert got == {(389000, "gijsberts-2012"), (380000, "gijsberts-2011")}
    assert all(int(r["n"]) >= 1 for r in rows)


def test_a_range_is_two_observations(engine) -> None:
    """National funding covers 60–70 % of exchange budgets (Buis 2009)."""
    rows = select(engine, PREFIXES + """
        SELECT ?value WHERE { ?obs qb:dataSet ?ds ; c2c:observedValue ?value }""",
        ds=iri(f"{ID}dataset/buis-2009"))
    assert sorted(float(r["value"]) for r in rows) == [60, 70]


def test_interview_claims_have_a_stance_and_only_the_motto_a_country(engine) -> None:
    rows = select(engine, PREFIXES + """
        SELECT ?claim (SAMPLE(?c) AS ?country) (COUNT(DISTINCT ?stance) AS ?n) WHERE {
          ?claim a c2c:Claim ; c2c:stance ?stance .
          OPTIONAL { ?claim c2c:speakerCountry ?c }
        } GROUP BY ?claim""")
    by_claim = {r["claim"].removeprefix(f"{ID}claim/"): r.get("country") for r in rows}
    assert len(by_claim) == 7
    assert by_claim["not-development-cooperation"] == f"{ID}country/nl"
    assert by_claim["not-an-equal-relationship"] is None
    assert by_claim["we-are-brothers"] is None


def test_concepts_cite_the_authors_the_chapter_names(engine) -> None:
    rows = select(engine, PREFIXES + """
        SELECT ?work WHERE { ?concept cito:citesAsAuthority ?work }""",
        concept=iri("https://w3id.org/c2c-kg/vocab/concept/fourth-pillar"))
    assert [r["work"] for r in rows] == [f"{ID}work/develterre-2009"]
    rows = select(engine, PREFIXES + """
        SELECT ?label WHERE { ?concept skos:altLabel ?label }""",
        concept=iri("https://w3id.org/c2c-kg/vocab/concept/vertical-exchange"))
    assert "inter-municipal learning" in {r["label"] for r in rows}
