"""The graph says what chapter 1 says (issue 11): definitions, stances, statuses, kinds, events,
evidence passages and facts kept as data.

Each expectation was read off the chapter by hand; the comment names the lines of the source text
file (van Ewijk 2013, chapter 1) it rests on. The tests use the project's graph built without the
source (offsets from data/evidence.tsv), so no source text is needed here.
"""

from __future__ import annotations

from collections import defaultdict

from conftest import select
from test_competency_queries import ID, ids, run

PREFIXES = """
PREFIX c2c: <https://w3id.org/c2c-kg/ontology#>
PREFIX id: <https://w3id.org/c2c-kg/id/>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX term: <https://w3id.org/c2c-kg/vocab/term/>
PREFIX concept: <https://w3id.org/c2c-kg/vocab/concept/>
"""


def definition(engine, concept: str) -> str:
    rows = select(engine, PREFIXES + f"""
        SELECT ?d WHERE {{ {concept} skos:definition ?d . FILTER(lang(?d) = "en") }}""")
    assert len(rows) == 1, concept
    return rows[0]["d"]


def values(engine, subject: str, path: str) -> set[str]:
    rows = select(engine, PREFIXES + f"SELECT ?v WHERE {{ {subject} {path} ?v }}")
    return {row["v"] for row in rows}


# --- 1. terms -----------------------------------------------------------------------------------

def test_twinning_is_the_wider_word_the_author_avoids(engine):
    # Lines 446-450: 'twinning' also covers institutions, universities and hospitals.
    text = definition(engine, "term:twinning")
    assert "short for town twinning" not in text
    assert "universities" in text and "hospitals" in text
    assert not values(engine, "term:twinning", "skos:broader")  # not a kind of C2C cooperation


def test_town_twinning_follows_clarke_not_a_citizens_charter(engine):
    # Lines 220-226: relatively formal relationships, built by various groups for various ends.
    text = definition(engine, "term:town-twinning")
    assert "charter" not in text and "friendship" not in text
    assert "formal" in text and "groups" in text and "purposes" in text


def test_municipal_partnership_and_c2c_admit_non_governmental_partners(engine):
    # Lines 406 and 456-460: bilateral; municipal partners include non-governmental actors.
    partnership = definition(engine, "term:municipal-partnership")
    assert "non-governmental" in partnership and "citizens" not in partnership
    c2c = definition(engine, "term:city-to-city-cooperation")
    assert "bilateral" in c2c and "non-governmental" in c2c and "networks" not in c2c


def test_co_development_is_the_initiatives_for_both_ends(engine):
    # Lines 559-569: initiatives aimed at development in source and destination countries.
    text = definition(engine, "concept:co-development")
    assert text.startswith("Initiatives") and "Backing" not in text
    assert "origin" in text and "settled" in text


def test_minor_wording_follows_the_chapter(engine):
    # Line 69 'South America'; line 320 'usually'.
    assert "South America" in definition(engine, "concept:non-western-migrant-country")
    transfer = definition(engine, "concept:resource-transfer")
    assert "usually" in transfer and "nearly always" not in transfer


def test_names_the_chapter_only_lists_are_not_given_a_meaning_it_does_not_state(engine):
    # Lines 229-230 and 410-428: jumelage and city links are names listed after Hafteck, each
    # with a slightly different connotation; the chapter says nothing of French or Dutch usage.
    for term in ("term:jumelage", "term:city-links"):
        text = definition(engine, term)
        assert "Hafteck" in text and "French" not in text and "Dutch word" not in text, term
    assert "stedenband" not in definition(engine, "term:city-links")
    # Lines 410-416: the listed names are alternatives, not kinds of city-to-city cooperation.
    for term in ("term:jumelage", "term:city-links", "term:town-twinning", "term:sister-cities"):
        assert not values(engine, term, "skos:broader"), term
        assert "https://w3id.org/c2c-kg/vocab/term/city-to-city-cooperation" in values(
            engine, term, "skos:related"), term
    # Line 627: Eisenhower promoted 'sister cities' for peace; nothing on being 'North American'.
    sister = definition(engine, "term:sister-cities")
    assert "Eisenhower" in sister and "North American" not in sister
    # Lines 450-454: MIC may be read as cooperation between local government bodies only.
    mic = definition(engine, "term:municipal-international-cooperation")
    assert "local government bodies only" in mic and "policy field" not in mic
    # The chapter never uses 'stedenband': the scheme says so instead of citing it.
    notes = values(engine, "term:stedenband", "skos:scopeNote")
    assert any("Not used in chapter 1" in n for n in notes)


def test_concept_definitions_hold_no_facts_from_outside_the_chapter(engine):
    # The MDGs (lines 1019-1021, 1052): no UN adoption year or 2015 target in the chapter.
    mdg = definition(engine, "concept:millennium-development-goals")
    assert "2000" not in mdg and "2015" not in mdg and "United Nations" not in mdg
    # Line 1055: BRIC are 'emerging economy countries'; nothing on how fast they grow.
    assert "fast" not in definition(engine, "concept:bric")
    assert "middle income" not in definition(engine, "concept:emerging-economy")
    # Line 68-70: only the non-Western side and its two exceptions are named.
    western = definition(engine, "concept:western-migrant-country")
    assert "Oceania" not in western and "North America" not in western
    # Lines 1387-1393: 'abandoned' links were dropped before the research; no 'often'.
    rows = select(engine, PREFIXES + """SELECT ?d WHERE {
        <https://w3id.org/c2c-kg/vocab/status/abandoned> skos:definition ?d }""")
    assert rows and "often" not in rows[0]["d"]
    # Lines 658-674: links with Central and Eastern Europe date from the Cold War, not 'after 1989'.
    rows = select(engine, PREFIXES + """SELECT ?d WHERE {
        <https://w3id.org/c2c-kg/vocab/region/central-eastern-europe> skos:definition ?d }""")
    assert rows and "1989" not in rows[0]["d"] and "Cold War" in rows[0]["d"]
    # Lines 304-312: a base for a more equal relationship, not a comparison with aid.
    assert "than aid" not in definition(engine, "concept:peer-to-peer-exchange")


# --- 2. claim stances ---------------------------------------------------------------------------

def test_stances_of_the_cohen_quote_and_two_cultures(engine):
    # Lines 1242-1264: learning the newcomers' cultures; line 14: two cultures, one heart.
    stance = "c2c:stance"
    cohen = values(engine, "id:claim\\/cohen-know-countries-of-origin", stance)
    assert cohen == {"https://w3id.org/c2c-kg/vocab/stance/learning-other-cultures"}
    two = values(engine, "id:claim\\/two-cultures-one-heart", stance)
    assert two == {"https://w3id.org/c2c-kg/vocab/stance/bond-across-cultures"}


# --- 3. statuses and years ----------------------------------------------------------------------

def test_status_scheme_keeps_the_contract_and_adds_unknown(engine):
    rows = select(engine, PREFIXES + """
        SELECT ?label WHERE { ?c skos:inScheme <https://w3id.org/c2c-kg/vocab/status> ;
                                 skos:prefLabel ?label . FILTER(lang(?label) = "en") }""")
    assert {r["label"] for r in rows} == {"active", "ended", "abandoned", "unknown"}


def test_amsterdam_larache_status_is_unknown(engine):
    # Line 1509 names the link; Table 1.3 (lines 1421-1448) does not: its 2011 status is unknown.
    status = values(engine, "id:partnership\\/amsterdam-larache", "c2c:status")
    assert status == {"https://w3id.org/c2c-kg/vocab/status/unknown"}


def test_the_platform_worked_2000_2010_and_ended_in_2011(engine, project):
    # Line 1454: joint work 2000-2010; line 1480: the platform was ended in 2011.
    rows = run(engine, project, "periods")
    platform = next(r for r in rows if r["thing"] == ID + "platform/morocco-municipal-platform")
    assert (platform["start"], platform["end"], platform["dissolved"]) == ("2000", "2010", "2011")
    # Line 1527: the Turkey platform was disbanded when LOGO East (2005-2010) was finalized.
    turkey = next(r for r in rows if r["thing"] == ID + "platform/turkey-municipal-platform")
    assert (turkey["ended_with"], turkey["ended_with_end"]) == ("LOGO East", "2010")


# --- 4. kinds -----------------------------------------------------------------------------------

VILLAGES = {"municipality/ma/al-hoceima-imzourene", "municipality/ma/nador-zaio",
            "municipality/ma/nador-midar"}


def test_imzourene_zaio_and_midar_are_villages(engine, project):
    # Lines 1492-1494 (footnote 24): villages in the municipalities of Nador and Al Hoceima.
    assert ids(run(engine, project, "actors-by-kind", kind="c2c:Village"), "actor") == VILLAGES
    municipalities = ids(run(engine, project, "actors-by-kind", kind="c2c:Municipality"), "actor")
    assert not VILLAGES & municipalities
    assert values(engine, "id:municipality\\/ma\\/nador-zaio", "c2c:partOf") == {
        ID + "municipality/ma/nador"}


def test_the_embassy_is_dutch_and_sits_in_morocco(engine, project):
    # Lines 1470-1472: the Royal Netherlands Embassy in Morocco.
    rows = run(engine, project, "actors-by-kind", kind="c2c:NationalGovernmentBody")
    embassy = next(r for r in rows if r["actor"] == ID + "organisation/nl-embassy-morocco")
    assert (embassy["country"], embassy["located_in"]) == ("Netherlands", "Morocco")
    owner = values(engine, "id:organisation\\/nl-embassy-morocco",
                   "<http://www.w3.org/ns/org#subOrganizationOf>")
    assert owner == {ID + "organisation/nl-ministry-of-foreign-affairs"}


# --- 5. events and organisations ----------------------------------------------------------------

# Every year or date an event carries, as the chapter states it (line of the source file).
EVENT_YEARS = {
    "event/union-of-local-authorities-founding-1913": "1913",  # 649 (footnote 6)
    "event/cem-founding-1951": "1951",  # 619
    "event/sister-cities-international-founding-1967": "1967",  # 629
    "event/suriname-independence-1975": "1975",  # 1089
    "event/migrant-labour-recruitment-1960s-1970s": "1960",  # 1079: the 1960s and 1970s
    "event/marmara-earthquake-1999": "1999",  # 1326
    "event/september-11-attacks-2001": "2001",  # 1270: 11 September 2001
    "event/al-hoceima-earthquake-2004": "2004",  # 1328
    "event/theo-van-gogh-murder-2004": "2004",  # 1272: 2 November 2004
    "event/iob-evaluation-2004": "2004",  # 903-905: published in 2004
    "event/morocco-netherlands-400-years-2005": "2005",  # 1474
    "event/cohen-speech-kocaeli-2006": "2006",  # 1277: 12 September 2006
    "event/millennium-municipality-campaign-2007": "2007",  # 1052 (footnote 15)
    "event/gates-grant-sister-cities-2009": "2009",  # 794
    "event/logo-south-evaluation-2010": "2010",  # 961 (footnote 12)
    "event/dutch-municipal-budget-cuts-2010-2011": "2010",  # 1580
}
# Events the chapter places history by but does not date (lines 599, 615, 635, 660-662, 672,
# 731): no year of ours stands in for the one it does not give.
UNDATED = {"event/second-world-war", "event/cold-war", "event/fall-of-the-iron-curtain",
           "event/eu-enlargement-central-eastern-europe", "event/sandinista-revolution",
           "event/un-campaign"}


def test_events_carry_only_the_years_the_chapter_gives(engine, project):
    rows = run(engine, project, "events-in-period", **{"from": "1800", "to": "2030"})
    assert {r["event"].removeprefix(ID): r["year"] for r in rows} == EVENT_YEARS
    every = select(engine, PREFIXES + "SELECT ?e WHERE { ?e a/rdfs:subClassOf* c2c:Event }")
    assert {r["e"].removeprefix(ID) for r in every} == set(EVENT_YEARS) | UNDATED
    for event in UNDATED:
        iri = f"<{ID}{event}>"
        assert not values(engine, iri, "c2c:startYear|c2c:endYear|c2c:eventDate"), event
        assert values(engine, iri, "prov:wasDerivedFrom"), event  # still has its evidence


def test_the_waves_are_dated_against_undated_events(engine, project):
    # Lines 599-616: links right after the Second World War (the wave has no year); 635: from
    # 1969 onwards, set off by a UN campaign; 658-674: the Cold War, the collapse of the Iron
    # Curtain that marked its end, EU enlargement; 731-732 (footnote 7): the Sandinista Revolution.
    rows = run(engine, project, "wave-events")
    by_wave: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        event = row["event"].removeprefix(ID)
        by_wave[row["wave"].removeprefix(ID)].add(event)
        assert ("event_start" in row) == (event not in UNDATED), event
    assert "event/second-world-war" in by_wave["wave/post-war-europe"]
    assert {"event/cold-war", "event/fall-of-the-iron-curtain",
            "event/eu-enlargement-central-eastern-europe"} <= by_wave["wave/east-west-europe"]
    assert "event/sandinista-revolution" in by_wave["wave/solidarity-1980s-1990s"]
    assert "event/un-campaign" in by_wave["wave/north-south-from-1969"]
    campaign = next(r for r in rows if r["event"] == ID + "event/un-campaign")
    assert campaign["wave_start"] == "1969" and "event_start" not in campaign
    post_war = [r for r in rows if r["wave"] == ID + "wave/post-war-europe"]
    assert post_war and all("wave_start" not in r for r in post_war)
    cem = next(r for r in post_war if r["event"] == ID + "event/cem-founding-1951")
    assert cem["event_start"] == "1951"
    curtain = next(r for r in rows if r["event"] == ID + "event/fall-of-the-iron-curtain")
    assert curtain["ends"] == "Cold War"


def test_named_bodies_are_entities_with_evidence(engine):
    # WODC (line 67), O+S (line 1145), the City Council of Amsterdam (line 1250), the Kingdom of
    # the Netherlands (line 1187).
    for record in ("organisation/wodc", "organisation/amsterdam-o-s",
                   "organisation/amsterdam-city-council", "kingdom/netherlands"):
        iri = f"<{ID}{record}>"
        assert values(engine, iri, "rdfs:label"), record
        assert values(engine, iri, "prov:wasDerivedFrom"), record
    assert values(engine, "id:work\\/cbs-2006", "prov:wasAttributedTo") == {
        ID + "organisation/cbs", ID + "organisation/wodc"}
    assert values(engine, "id:kingdom\\/netherlands", "c2c:constituentCountry") == {
        ID + "country/aw", ID + "country/cw", ID + "country/sx"}


# --- 6. evidence that shows the fact ------------------------------------------------------------

def spans_of(engine, project, record: str) -> set[tuple[int, int]]:
    rows = run(engine, project, "evidence", resource=f"id:{record}")
    return {(int(r["start"]), int(r["end"])) for r in rows}


def test_a_passage_is_the_whole_sentence(engine, project):
    # Footnote 21 (lines 1357-1359) is one sentence: Amsterdam and Rotterdam ended their links
    # with Managua and Durban. Both records point at all of it, not at the names alone.
    sentence = (55729, 56010)
    assert sentence in spans_of(engine, project, "partnership/amsterdam-managua")
    assert sentence in spans_of(engine, project, "partnership/rotterdam-durban")


def test_the_prose_list_of_dutch_turkish_links_is_one_passage(engine, project):
    # Lines 1519-1523: one sentence lists all seven Dutch-Turkish partnerships.
    records = ["partnership/almelo-denizli", "partnership/alkmaar-bergama",
               "partnership/haarlem-emirdag", "partnership/nijmegen-gaziantep",
               "partnership/rotterdam-istanbul", "partnership/amsterdam-kocaeli",
               "partnership/deventer-edirne", "partnership/deventer-gabb"]
    shared = set.intersection(*(spans_of(engine, project, r) for r in records))
    assert len(shared) == 1


def test_the_deventer_row_of_table_1_3_starts_with_deventer(engine, project):
    # Lines 1426-1428: the row is 'Deventer / Luleburgaz, Edirne, / South East'.
    table = [s for s in spans_of(engine, project, "partnership/deventer-gabb")
             if 57608 <= s[0] < 58276]
    assert table == [(57944, 57985)]


# --- 7. table vs prose --------------------------------------------------------------------------

def test_footnote_22_is_not_prose(engine, project):
    # Line 1489: footnote 22 ('this list might not be complete') is not the prose of 1.6.3.
    rows = run(engine, project, "table-vs-prose")
    only_table = {r["coop"].removeprefix(ID) for r in rows
                  if r["in_table"] == "true" and r["in_prose"] == "false"}
    assert {"codevelopment/delft-adapazari", "codevelopment/utrecht-morocco",
            "codevelopment/utrecht-turkey"} <= only_table


# --- 9. facts, not notes ------------------------------------------------------------------------

def test_definitions_with_their_work_and_pages(engine, project):
    # Lines 210-222: Hafteck (2003: 334) and Clarke (2009: 496); line 728: Hoetjes 2009: 159.
    rows = run(engine, project, "cited-definitions")
    found = {(r["concept"].rsplit("/", 1)[-1], r["citation"], r["pages"]) for r in rows}
    assert {("town-twinning", "Clarke 2009", "496"),
            ("decentralised-cooperation", "Hafteck 2003", "334"),
            ("wave-of-twinning", "Hoetjes 2009", "159")} <= found


def test_which_programme_an_evaluation_covered(engine, project):
    # Lines 961-962 (footnote 12): LOGO South, evaluated in 2010 (Baud et al. 2010).
    rows = run(engine, project, "evaluations")
    logo = next(r for r in rows if r["evaluation"] == ID + "event/logo-south-evaluation-2010")
    assert (logo["covered"], logo["year"], logo["reported_in"]) == (
        "LOGO South", "2010", "Baud et al. 2010")


def test_who_played_a_central_role_in_the_dutch_turkish_exchange(engine, project):
    # Lines 1519-1523: VNG International and the Union of Turkish Municipalities.
    rows = run(engine, project, "exchange-key-actors")
    assert {r["actor_name"] for r in rows} == {"VNG International",
                                               "Union of Turkish Municipalities"}


def test_the_works_a_statement_draws_on(engine, project):
    # Lines 1454-1466: the platform's funding and motives are cited to VNG International 2001
    # and 2005; lines 548-556: the London examples to Evans 2009.
    rows = run(engine, project, "works-drawn-on")
    pairs = {(r["subject"].removeprefix(ID), r["citation"]) for r in rows}
    assert {("platform/morocco-municipal-platform", "VNG International 2001"),
            ("platform/morocco-municipal-platform", "VNG International 2005"),
            ("partnership/southwark-sierra-leone", "Evans 2009"),
            ("partnership/utrecht-leon", "Van Lindert 2009")} <= pairs


def test_pages_and_periods_are_not_left_in_notes(engine):
    for work in ("work/clarke-2009", "work/hafteck-2003"):
        notes = values(engine, f"<{ID}{work}>", "skos:note")
        assert notes and not any("page 4" in n or "page 3" in n for n in notes), work
    notes = values(engine, "id:platform\\/morocco-municipal-platform", "skos:note")
    assert not any(n.startswith("Period:") for n in notes)
