"""Competency queries (queries/*.rq) against the project's graph, with answers read off the text.

Every expected answer below was written by hand from chapter 1 of van Ewijk (2013); the comment
above each test names the section, table or footnote it comes from. Resources are compared by
IRI where the IRI follows the conventions of docs/modelling.md (partnership/{a}-{b},
municipality/{cc}/{slug}, work/{author}-{year}), otherwise by what the text says (years,
figures, names).
"""

from __future__ import annotations

from collections import Counter

import pytest
from conftest import select

from c2c_kg.store.queries import find_query, list_queries, parse_params

ID = "https://w3id.org/c2c-kg/id/"
NL = "id:country/nl"


def run(engine, project, name: str, **params: str) -> list[dict[str, str]]:
    """Rows of the stored query ``name`` with its parameters (defaults for the others)."""
    query = find_query(project.queries, name)
    bindings = parse_params(query, [f"{k}={v}" for k, v in params.items()])
    return select(engine, query.text, **bindings)


def ids(rows, column: str, prefix: str = ID) -> set[str]:
    return {row[column].removeprefix(prefix) for row in rows if column in row}


def test_there_are_at_least_25_documented_queries(project):
    queries = list_queries(project.queries)
    assert len(queries) >= 25
    for query in queries:
        assert query.title and query.description, query.name


# --- partnerships ------------------------------------------------------------------------------

# 1.6.3 "Dutch-Turkish municipal partnerships" (seven Dutch municipalities, Deventer with three
# partners incl. GABB), Table 1.3, and the abandoned Zoetermeer-Fatih link of 1.6.3.
DUTCH_TURKISH = {
    "partnership/almelo-denizli", "partnership/alkmaar-bergama", "partnership/amsterdam-kocaeli",
    "partnership/deventer-luleburgaz", "partnership/deventer-edirne", "partnership/deventer-gabb",
    "partnership/haarlem-emirdag", "partnership/nijmegen-gaziantep",
    "partnership/rotterdam-istanbul", "partnership/zoetermeer-fatih",
}
# 1.6.3 "Dutch-Moroccan municipal partnerships" (prose list) and Table 1.3 (Meppel '(& Figuig)').
DUTCH_MOROCCAN = {
    "partnership/rotterdam-casablanca", "partnership/amsterdam-casablanca",
    "partnership/amsterdam-larache", "partnership/gouda-imzourene", "partnership/zeist-berkane",
    "partnership/meppel-al-hoceima", "partnership/meppel-figuig",
}


def test_partnerships_by_country_pair(engine, project):
    rows = run(engine, project, "partnerships", country_a=NL, country_b="id:country/tr")
    assert ids(rows, "coop") == DUTCH_TURKISH
    rows = run(engine, project, "partnerships", country_a=NL, country_b="id:country/ma")
    assert ids(rows, "coop") == DUTCH_MOROCCAN
    # footnote 19: Almelo and Denizli have been partners since 1975
    rows = run(engine, project, "partnerships")
    assert {r["start"] for r in rows if r["coop"].endswith("almelo-denizli")} == {"1975"}


def test_partnerships_in_a_period(engine, project):
    # footnote 19: the one Dutch-Turkish partnership the chapter dates, from 1975
    rows = run(engine, project, "partnerships-in-period", country_a="id:country/nl",
               country_b="id:country/tr", **{"from": "1970", "to": "1980"})
    assert [(r["coop"].removeprefix(ID), r["start"]) for r in rows] == [
        ("partnership/almelo-denizli", "1975")]
    rows = run(engine, project, "partnerships-in-period", country_a="id:country/nl",
               country_b="id:country/tr", **{"from": "1976", "to": "2030"})
    assert rows == []


def test_partners_of_a_municipality(engine, project):
    # 1.6.3 (Kocaeli, Casablanca, Larache) and footnote 21 (Managua, ended)
    rows = run(engine, project, "partners-of-municipality",
               municipality="id:municipality/nl/amsterdam")
    assert ids(rows, "partner") == {"municipality/tr/kocaeli", "municipality/ma/casablanca",
                                    "municipality/ma/larache", "municipality/ni/managua"}
    assert {r["partner"].removeprefix(ID): r.get("status") for r in rows}[
        "municipality/ni/managua"] == "ended"
    # 1.6.3 (Istanbul, Casablanca) and footnote 21 (Durban)
    rows = run(engine, project, "partners-of-municipality",
               municipality="id:municipality/nl/rotterdam")
    assert ids(rows, "partner") == {"municipality/tr/istanbul", "municipality/ma/casablanca",
                                    "municipality/za/durban"}


def test_ended_and_abandoned_partnerships(engine, project):
    # footnote 21 (Amsterdam-Managua, Rotterdam-Durban ended) and 1.6.3 (Zoetermeer-Fatih
    # abandoned before the research)
    rows = run(engine, project, "ended-partnerships")
    assert {(r["coop"].removeprefix(ID), r["status"]) for r in rows} == {
        ("partnership/amsterdam-managua", "ended"),
        ("partnership/rotterdam-durban", "ended"),
        ("partnership/zoetermeer-fatih", "abandoned"),
    }


def test_partnerships_out_of_the_morocco_platform(engine, project):
    # 1.6.3: 'Partly based on contacts established within the platform' - six links
    rows = run(engine, project, "platform-partnerships",
               platform="id:platform/morocco-municipal-platform")
    assert ids(rows, "coop") == {
        "partnership/rotterdam-casablanca", "partnership/amsterdam-casablanca",
        "partnership/amsterdam-larache", "partnership/gouda-imzourene",
        "partnership/zeist-berkane", "partnership/meppel-al-hoceima",
    }


def test_how_partnerships_were_set_up(engine, project):
    # 1.6.2 names three routes; 1.6.3 says which links came (partly) out of the platform
    rows = run(engine, project, "partnership-routes")
    by_platform = {r["coop"].removeprefix(ID) for r in rows if r.get("platform_name")}
    assert by_platform == {
        "partnership/rotterdam-casablanca", "partnership/amsterdam-casablanca",
        "partnership/amsterdam-larache", "partnership/gouda-imzourene",
        "partnership/zeist-berkane", "partnership/meppel-al-hoceima",
    }
    assert all("platform" in r["route"] for r in rows if r.get("platform_name"))


def test_migrant_source_countries_and_their_partnerships(engine, project):
    rows = run(engine, project, "migrant-source-partnerships")
    links: dict[str, set[str]] = {}
    for row in rows:
        links.setdefault(row["source"].removeprefix(ID), set())
        if "coop" in row:
            links[row["source"].removeprefix(ID)].add(row["coop"].removeprefix(ID))
    # 1.1 and 1.6.1: Morocco, Turkey and Suriname are the main source countries for the Netherlands
    assert {"country/ma", "country/tr", "country/sr"} <= set(links)
    assert links["country/tr"] == DUTCH_TURKISH
    assert links["country/ma"] == DUTCH_MOROCCAN
    # 1.3 (Evans 2009): Southwark's link with Sierra Leone, Tower Hamlets with Sylhet (Bangladesh)
    assert links["country/sl"] == {"partnership/southwark-sierra-leone"}
    assert links["country/bd"] == {"partnership/tower-hamlets-sylhet"}
    # 1.6.1: the chapter names no partnership with Suriname
    assert links["country/sr"] == set()


def test_population_of_partner_municipalities(engine, project):
    # 1.6.3: Amsterdam 780,560 and Rotterdam 612,500 inhabitants (CBS 2011)
    rows = run(engine, project, "partner-populations")
    assert {(r["municipality"].removeprefix(ID), int(r["population"]), r.get("year"))
            for r in rows} == {
        ("municipality/nl/amsterdam", 780560, "2011"),
        ("municipality/nl/rotterdam", 612500, "2011"),
    }


def test_districts_and_villages(engine, project):
    # footnote 24: three city districts of Casablanca; Zaio and Midar villages of Nador;
    # Imzourene a village of Al Hoceima
    names = {r["name"] for r in run(engine, project, "parts-of-place",
                                    place="id:municipality/ma/casablanca")}
    assert names == {"Maarif", "Sidi Maarouf", "Ben Msik"}
    names = {r["name"] for r in run(engine, project, "parts-of-place",
                                    place="id:municipality/ma/nador")}
    assert {"Zaio", "Midar"} <= names
    names = {r["name"] for r in run(engine, project, "parts-of-place",
                                    place="id:municipality/ma/al-hoceima")}
    assert names == {"Imzourene"}


# --- co-development ----------------------------------------------------------------------------

def test_codevelopment_support_of_the_hague(engine, project):
    # 1.6.3 and Table 1.3: Al Hoceima, Nador and Taza (Morocco); Konya and Elazig (Turkey)
    rows = run(engine, project, "codevelopment-support",
               municipality="id:municipality/nl/the-hague")
    assert Counter(r["country"] for r in rows) == Counter({"Morocco": 3, "Turkey": 2})
    assert ids(rows, "place") == {"region/ma/al-hoceima", "region/ma/nador", "region/ma/taza",
                                  "region/tr/konya", "region/tr/elazig"}
    # Table 1.3: Delft supports initiatives in Adapazari (Turkey)
    rows = run(engine, project, "codevelopment-support", municipality="id:municipality/nl/delft")
    assert [r["country"] for r in rows] == ["Turkey"]


def test_codevelopment_support_by_municipality(engine, project):
    # Table 1.3, column 'Supporting co-development initiatives': The Hague five regions, Utrecht
    # Morocco and Turkey with no specific region, Delft Adapazari
    rows = run(engine, project, "codevelopment-by-municipality")
    assert {r["municipality"].removeprefix(ID): int(r["places"]) for r in rows} == {
        "municipality/nl/the-hague": 5, "municipality/nl/utrecht": 2, "municipality/nl/delft": 1,
    }


# --- programmes and platforms -------------------------------------------------------------------

def test_actors_and_funders_of_programmes(engine, project):
    rows = {r["programme"].removeprefix(ID): r for r in run(engine, project, "programme-actors")}
    # 1.5.2: VNG International executed GSO (1993-2004) and GST (1998-2005) and developed
    # LOGO East and LOGO South; 1.6.3: LOGO East 2005-2010, MATRA 2007-2010
    for programme in ("programme/gso", "programme/gst", "programme/logo-east",
                      "programme/logo-south"):
        assert "VNG International" in rows[programme]["executed_by"], programme
    assert (rows["programme/gso"]["start"], rows["programme/gso"]["end"]) == ("1993", "2004")
    assert (rows["programme/gst"]["start"], rows["programme/gst"]["end"]) == ("1998", "2005")
    assert (rows["programme/logo-east"]["start"], rows["programme/logo-east"]["end"]) == (
        "2005", "2010")
    assert (rows["programme/matra"]["start"], rows["programme/matra"]["end"]) == ("2007", "2010")
    # 1.6.3: a waste-management programme financed by the Dutch Ministry of Economic Affairs,
    # Agriculture and Innovation
    funded = [r for r in rows.values() if "Economic Affairs" in r.get("funded_by", "")]
    assert len(funded) == 1 and "aste" in funded[0]["name"]


def test_programmes_that_allowed_non_governmental_actors(engine, project):
    # 1.5.2: GSO and GST could finance the involvement of non-governmental actors; LOGO South and
    # LOGO East left no space for them
    rows = run(engine, project, "programmes-non-governmental", allowed="true")
    assert ids(rows, "programme") == {"programme/gso", "programme/gst"}
    rows = run(engine, project, "programmes-non-governmental", allowed="false")
    assert ids(rows, "programme") == {"programme/logo-east", "programme/logo-south"}


def test_themes_of_programmes(engine, project):
    rows = run(engine, project, "programme-themes")
    themes: dict[str, set[str]] = {}
    for row in rows:
        if row["kind"] == "theme":
            themes.setdefault(row["programme"].removeprefix(ID), set()).add(row["concept_label"])
    # 1.6.3: the MATRA programme on youth participation and waste management
    assert themes["programme/matra"] == {"youth participation", "waste management"}
    # 1.6.3: the ministry's programme on waste management
    waste = [p for p, t in themes.items() if p != "programme/matra" and t == {"waste management"}]
    assert len(waste) == 1


def test_members_of_the_morocco_platform(engine, project):
    # footnote 23: the twelve Dutch municipalities that first took part
    rows = run(engine, project, "platform-members",
               platform="id:platform/morocco-municipal-platform")
    assert ids(rows, "member") == {
        f"municipality/nl/{m}" for m in (
            "amsterdam", "utrecht", "the-hague", "rotterdam", "veenendaal", "zeist",
            "bergen-op-zoom", "meppel", "arnhem", "zaltbommel", "gouda", "leidschendam")
    }
    assert {r["country"] for r in rows} == {"Netherlands"}


def test_members_of_the_moroccan_parallel_platform(engine, project):
    # footnote 24: the Moroccan municipalities, districts and villages of the parallel platform
    rows = run(engine, project, "platform-members",
               platform="id:platform/moroccan-parallel-platform")
    assert {r["name"] for r in rows} == {
        "Maarif", "Sidi Maarouf", "Ben Msik", "Nador", "Al Alaroui", "Zaio", "Midar", "Figuig",
        "Berkane", "Larache", "Oujda", "Assilah", "Guercif", "Jrada", "Al Hoceima", "Imzourene",
        "Tetouan-Alazhar", "Dahir",
    }
    assert {r["country"] for r in rows} == {"Morocco"}


def test_city_networks_and_clusters(engine, project):
    # 1.2.1: Citynet and Eurocities (multilateral networks); UNESCO World Heritage Cities and the
    # Child Friendly Cities network (city clusters)
    rows = {r["name"]: r["cluster"] for r in run(engine, project, "city-networks")}
    assert {"Citynet", "Eurocities", "UNESCO World Heritage Cities",
            "Child Friendly Cities"} <= set(rows)
    assert rows["UNESCO World Heritage Cities"] == "true"
    assert rows["Child Friendly Cities"] == "true"
    assert rows["Eurocities"] == "false"


def test_local_government_associations(engine, project):
    # 1.2.2 (CEMR, UCLG, UIM), 1.5.2 (VNG International), 1.6 (VNG), 1.6.3 (UTM)
    rows = run(engine, project, "actors-by-kind", kind="c2c:LocalGovernmentAssociation")
    assert {"VNG", "CEMR", "UCLG", "UIM", "UTM"} <= {r.get("acronym") for r in rows}
    assert "VNG International" in {r["name"] for r in rows}


def test_former_names(engine, project):
    # footnote 4: UCLG was formerly the International Union of Local Authorities (IULA)
    rows = run(engine, project, "former-names")
    assert ("organisation/uclg", "International Union of Local Authorities") in {
        (r["actor"].removeprefix(ID), r["former_name"]) for r in rows}


def test_fourth_pillar_actors_are_inferred(engine, project):
    # 1.2: Develterre's fourth pillar: local governments, private initiatives, labour unions,
    # migrants; 1.5.1 calls the Bill and Melinda Gates Foundation a private initiative
    rows = run(engine, project, "fourth-pillar-actors")
    found = ids(rows, "actor")
    assert {"municipality/nl/almelo", "municipality/nl/amsterdam", "municipality/ma/casablanca",
            "municipality/tr/denizli"} <= found
    assert "organisation/bill-and-melinda-gates-foundation" in found
    # the first, second and third pillars are not: no ministry, no UN body, no association
    assert not any("Ministry" in r["name"] for r in rows)
    assert "organisation/vng-international" not in found


# --- figures ------------------------------------------------------------------------------------

def test_table_1_1(engine, project):
    # Table 1.1 (Source: VNG 2009): Dutch municipalities per partner region, 2005 and 2009
    rows = run(engine, project, "table-figures", dataset="id:dataset/table-1-1")
    assert Counter((r["year"], float(r["value"])) for r in rows) == Counter({
        ("2005", 71.0): 1, ("2009", 78.0): 1, ("2005", 74.0): 1, ("2009", 74.0): 1,
        ("2005", 25.0): 1, ("2009", 20.0): 1, ("2005", 35.0): 1, ("2009", 31.0): 1,
    })
    assert {r["study"] for r in rows} == {"VNG 2009"}
    assert {r["unit"] for r in rows} == {"municipalities"}


def test_table_1_2(engine, project):
    # Table 1.2 (Source: Gijsberts et al. 2011): migrants in the Netherlands in 2011
    rows = run(engine, project, "table-figures", dataset="id:dataset/table-1-2")
    persons = {r["subject"]: float(r["value"]) for r in rows if r["unit"] == "persons"}
    assert persons["Turkey"] == 380000 and persons["Morocco"] == 356000
    assert persons["Suriname"] == 345000
    assert sorted(persons.values()) == [345000, 356000, 380000, 668000]
    shares = sorted(float(r["value"]) for r in rows if r["unit"] == "percent")
    assert shares == [34, 46, 49, 53]
    assert {r["study"] for r in rows} == {"Gijsberts et al. 2011"}
    assert {r["year"] for r in rows} == {"2011"}


def test_conflicting_figures(engine, project):
    # 1.6.1 gives 389,000 people with roots in Turkey (Gijsberts et al. 2012); Table 1.2 gives
    # 380,000 (Gijsberts et al. 2011). Morocco (356,000) and Suriname (345,000) agree.
    rows = run(engine, project, "conflicting-figures")
    assert len(rows) == 1
    row = rows[0]
    assert row["subject"] == ID + "country/tr" and row["year"] == "2011"
    assert {float(row["first_value"]), float(row["second_value"])} == {389000, 380000}
    assert {row["first_study"], row["second_study"]} == {"Gijsberts et al. 2011",
                                                        "Gijsberts et al. 2012"}
    assert row["first_start"] != row["second_start"]


def test_figures_about_turkey(engine, project):
    # 1.6.1 and Table 1.2: 389,000 and 380,000 people; 49 % of them second generation
    rows = run(engine, project, "figures-about", subject="id:country/tr")
    values = {(float(r["value"]), r["study"]) for r in rows}
    assert {(389000, "Gijsberts et al. 2012"), (380000, "Gijsberts et al. 2011"),
            (49, "Gijsberts et al. 2011")} <= values


# --- terms, concepts, works ---------------------------------------------------------------------

@pytest.mark.parametrize(("term", "synonym"), [
    ("vertical exchange", "inter-municipal learning"),      # 1.2, Devers-Kanoglu 2009
    ("horizontal exchange", "intra-municipal learning"),    # 1.2, Devers-Kanoglu 2009
    ("city-to-city cooperation", "C2C cooperation"),        # 1.2.2 'abbreviated as'
    ("town twinning", "jumelage"),                          # 1.2.2 and footnote 3
    ("decentralised cooperation", "decentralized cooperation"),  # the chapter's spelling
    ("ODA", "official development assistance"),             # 1.2
])
def test_synonyms_of_a_term(engine, project, term, synonym):
    rows = run(engine, project, "term-synonyms", term=term)
    assert synonym.lower() in {r["label"].lower() for r in rows}


@pytest.mark.parametrize(("concept", "work"), [
    ("vocab:concept/fourth-pillar", "work/develterre-2009"),             # 1.2
    ("vocab:concept/vertical-exchange", "work/devers-kanoglu-2009"),      # 1.2
    ("vocab:concept/horizontal-exchange", "work/devers-kanoglu-2009"),    # 1.2
    ("vocab:concept/co-development", "work/ostergaard-nielsen-2011"),     # 1.3
    ("vocab:concept/supplementation", "work/clarke-2011"),                # 1.4
    ("vocab:concept/wave-of-twinning", "work/hoetjes-2009"),              # 1.4
    ("vocab:term/town-twinning", "work/clarke-2009"),                     # 1.2
    ("vocab:term/decentralised-cooperation", "work/hafteck-2003"),        # 1.2
])
def test_authors_cited_for_a_concept(engine, project, concept, work):
    rows = run(engine, project, "concept-authors", concept=concept)
    assert work in ids(rows, "work")


def test_only_develterre_is_cited_for_the_fourth_pillar(engine, project):
    # 1.2: the fourth pillar is Develterre's label, cited as Develterre (2009)
    rows = run(engine, project, "concept-authors", concept="vocab:concept/fourth-pillar")
    assert [(r["citation"], r["authors"], r["year"]) for r in rows] == [
        ("Develterre 2009", "Develterre", "2009")]


def test_works_most_cited(engine, project):
    # Counting the author-year citations of the text: Bontenbal 2009a (with its letterless form)
    # about 18 times, then Van Lindert 2009, Bontenbal 2010 and Hoetjes 2009 (9-12 each); no other
    # work more than 8 times.
    rows = run(engine, project, "most-cited-works", limit="4")
    assert rows[0]["work"] == ID + "work/bontenbal-2009a"
    assert ids(rows, "work") == {"work/bontenbal-2009a", "work/van-lindert-2009",
                                 "work/bontenbal-2010", "work/hoetjes-2009"}


def test_where_a_work_is_cited(engine, project):
    # Hoetjes 2009 is cited nine times (1.1 to 1.6), and the chapter takes the idea of waves of
    # twinning from it (1.4)
    rows = run(engine, project, "where-is-work-cited", work="id:work/hoetjes-2009")
    passages = [r for r in rows if r["kind"] == "cited in passage"]
    assert len(passages) >= 8
    assert all(int(r["start"]) < int(r["end"]) for r in passages)
    authority = {r["thing"] for r in rows if r["kind"] == "authority for"}
    assert "https://w3id.org/c2c-kg/vocab/concept/wave-of-twinning" in authority


# --- history, events, claims --------------------------------------------------------------------

def test_dutch_policy_phases(engine, project):
    # 1.5.2: Bontenbal (2010) distinguishes three phases: from 1993, around 2000, from 2004
    rows = run(engine, project, "policy-phases", country="id:country/nl")
    assert [r["start"] for r in rows] == ["1993", "2000", "2004"]
    assert all("Bontenbal 2010" in r["described_by"] for r in rows)


def test_waves_of_cooperation(engine, project):
    rows = run(engine, project, "cooperation-waves")
    objectives = {r["wave"].removeprefix(ID): r.get("objectives", "") for r in rows}
    starts = {r.get("start") for r in rows}
    # 1.4: North-South cooperation from 1969 (UN campaign, Shuman 1994); knowledge exchange from
    # the 1990s; links with migrant source countries from the turn of the millennium
    assert {"1969", "1990", "2000"} <= starts
    from_1969 = [r for r in rows if r.get("start") == "1969"]
    assert len(from_1969) == 1 and "Shuman 1994" in from_1969[0]["described_by"]
    # 1.1 and 1.4: post-war European links for peacebuilding and reconciliation (Hoetjes 2009)
    peace = [r for r in rows if "peacebuilding" in r.get("objectives", "")]
    assert any("Hoetjes 2009" in r["described_by"] for r in peace)
    # 1.4: the first linkages (early 20th century) sought socio-economic improvement and a
    # universal brotherhood (Dogliani 2002; Gaspari 2002)
    first = [w for w, o in objectives.items() if "universal brotherhood" in o]
    assert len(first) == 1
    row = next(r for r in rows if r["wave"] == ID + first[0])
    assert "Dogliani 2002" in row["described_by"] and "Gaspari 2002" in row["described_by"]


def test_events_in_a_period(engine, project):
    # 1.6.2: the Marmara earthquake (1999), 9/11 (2001), the Al Hoceima earthquake (2004), the
    # murder of Theo van Gogh (2 November 2004); 1.5.2: the IOB evaluation published in 2004.
    # 1.4: the EU enlargement to Central and Eastern Europe is not dated by the chapter, so it
    # is in no period.
    rows = run(engine, project, "events-in-period", **{"from": "1999", "to": "2004"})
    found = {(r["year"], r["name"].lower()) for r in rows}
    assert len(rows) == 5
    for year, word in [("1999", "earthquake"), ("2001", "september 11"),
                       ("2004", "earthquake"), ("2004", "van gogh"), ("2004", "evaluation")]:
        assert any(y == year and word in name for y, name in found), (year, word)
    assert not any("enlargement" in name for _, name in found)
    murder = next(r for r in rows if "van gogh" in r["name"].lower())
    assert murder["date"] == "2004-11-02" and "Amsterdam" in murder["affected"]
    quake = next(r for r in rows if r["year"] == "1999")
    assert "Marmara" in quake["affected"]


def test_policy_declarations(engine, project):
    # 1.5.1: the Paris Declaration (2005), the Accra Agenda for Action (2008) and the European
    # Charter on development cooperation in support of local governance (2008)
    rows = run(engine, project, "policy-declarations")
    dated = {(r.get("year"), r["name"].split()[0]) for r in rows}
    assert {("2005", "Paris"), ("2008", "Accra"), ("2008", "European")} <= dated


def test_claims_about_equality(engine, project):
    # 1.1: 'we share information on an equal basis' against 'it is not an equal relationship at
    # all'; the chapter does not say who said which, nor from which country
    rows = run(engine, project, "equality-claims")
    stances = Counter(r["stance"] for r in rows)
    assert stances["unequal relationship"] == 1
    assert stances["equal relationship"] >= 1
    assert all("country" not in r for r in rows)
    assert all(r.get("role") for r in rows)


def test_claims_with_speaker_role(engine, project):
    # the motto of 1.1: 'This is not development cooperation!' (policy advisor, the Netherlands),
    # followed by five more phrases heard in interviews
    rows = run(engine, project, "claims")
    first = min(rows, key=lambda r: int(r["first_offset"]))
    assert (first["role"], first["country"]) == ("policy advisor", "Netherlands")
    assert "not development cooperation" in first["stances"]
    # the phrases stand before offset 1000 (section 1.1 opens the chapter; its first paragraph
    # after them starts at offset 753)
    section_1_1 = [r for r in rows if int(r["first_offset"]) < 753]
    assert len(section_1_1) == 6


# --- evidence -----------------------------------------------------------------------------------

def test_where_the_source_says_it(engine, project):
    # Almelo-Denizli is stated in footnote 19, in the row of Table 1.3 and in the prose list of
    # 1.6.3. Each passage is the whole sentence or table row around the record's anchor
    # (offsets in code points of the text file): footnote 19 (its number included) at
    # 49033-49158, the table row 'Almelo Denizli' at 57866-57880, and the sentence listing the
    # seven Dutch-Turkish links at 60775-61124.
    rows = run(engine, project, "evidence", resource="id:partnership/almelo-denizli")
    spans = {(int(r["start"]), int(r["end"])) for r in rows}
    assert {(49033, 49158), (57866, 57880), (60775, 61124)} <= spans
    assert {r["source"] for r in rows} == {"https://w3id.org/c2c-kg/source/van-ewijk-2013-ch1"}
    assert [int(r["start"]) for r in rows] == sorted(int(r["start"]) for r in rows)


def test_figures_of_the_vng_2009_survey(engine, project):
    # 1.6: 77 % of Dutch municipalities in international cooperation, 20 % in networks;
    # motives: solidarity 61/18/40 %, organisational capacity 52/32/50 %, sustainable development
    # 65 %, European citizenship 73/60 %; 1.6.4: 67 % expect more attention to own needs,
    # 64/23/13 % on migrant source countries, 48 % more interest in BRIC countries
    rows = run(engine, project, "table-figures", dataset="id:dataset/vng-2009-survey")
    values = Counter(float(r["value"]) for r in rows if r["unit"] == "percent")
    expected = Counter([77, 20, 61, 18, 40, 52, 32, 50, 65, 73, 60, 67, 64, 23, 13, 48])
    assert expected - values == Counter()
    assert {r["study"] for r in rows} == {"VNG 2009"}


def test_figures_of_local_aid(engine, project):
    # 1.5.1 (OECD 2005): aid by the local governments of all DAC countries, 800 million dollars
    # (2002) and 1.2 billion dollars (2003); as shares of all ODA, 1.2 % and 1.75 %
    rows = run(engine, project, "table-figures", dataset="id:dataset/oecd-2005")
    assert {(r["year"], float(r["value"]), r["unit"]) for r in rows} == {
        ("2002", 800_000_000, "US dollars"), ("2003", 1_200_000_000, "US dollars"),
        ("2002", 1.2, "percent"), ("2003", 1.75, "percent"),
    }
    assert {r["study"] for r in rows} == {"OECD 2005"}


def test_c2c_champions(engine, project):
    # 1.4 (Bontenbal 2010): Nicaragua and South Africa, with 20 and 12 municipal partnerships
    rows = run(engine, project, "table-figures", dataset="id:dataset/bontenbal-2010")
    by_place = {(r["area"], float(r["value"]), r["unit"]) for r in rows}
    assert {("Nicaragua", 20, "partnerships"), ("South Africa", 12, "partnerships")} <= by_place


def test_table_1_3_against_the_prose(engine, project):
    # Section 1.6.3: the prose names Amsterdam-Larache and the abandoned Zoetermeer-Fatih link,
    # which Table 1.3 does not; the table adds '(& Figuig)' to Meppel, which the prose does not;
    # every other Dutch-Turkish and Dutch-Moroccan partnership is in both.
    rows = run(engine, project, "table-vs-prose")
    where = {r["coop"].removeprefix(ID): (r["in_table"], r["in_prose"]) for r in rows
             if "/partnership/" in r["coop"]}
    assert {p for p, w in where.items() if w == ("false", "true")} == {
        "partnership/amsterdam-larache", "partnership/zoetermeer-fatih"}
    assert {p for p, w in where.items() if w == ("true", "false")} == {"partnership/meppel-figuig"}
    assert {p for p, w in where.items() if w == ("true", "true")} == (
        DUTCH_TURKISH | DUTCH_MOROCCAN) - {"partnership/amsterdam-larache",
                                          "partnership/zoetermeer-fatih",
                                          "partnership/meppel-figuig"}


def test_cooperation_in_places_hit_by_an_event(engine, project):
    # 1.6.2: the 2004 earthquake struck the area around Al Hoceima; Meppel's partner is Al
    # Hoceima (1.6.3), Gouda's is Imzourene, a village of Al Hoceima (footnote 24), and The Hague
    # supports initiatives in the Al Hoceima region (1.6.3)
    rows = run(engine, project, "event-affected-cooperation",
               event="id:event/al-hoceima-earthquake-2004")
    assert ids(rows, "coop") == {"partnership/meppel-al-hoceima", "partnership/gouda-imzourene",
                                 "codevelopment/the-hague-al-hoceima"}
    # the chapter places no partner municipality in the Marmara region (1999 earthquake)
    rows = run(engine, project, "event-affected-cooperation",
               event="id:event/marmara-earthquake-1999")
    assert rows == []
