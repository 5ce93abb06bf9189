"""The curated actor and cooperation records say what chapter 1 says.

Expected values are read off the chapter by a person (section and table named in each test),
not taken from the graph.
"""

from __future__ import annotations

from conftest import select

PREFIXES = """
PREFIX c2c: <https://w3id.org/c2c-kg/ontology#>
PREFIX id: <https://w3id.org/c2c-kg/id/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX status: <https://w3id.org/c2c-kg/vocab/status/>
"""


def _labels(engine, query: str) -> set[str]:
    return {row["label"] for row in select(engine, PREFIXES + query)}


def _dutch_partners_of(engine, country: str) -> set[str]:
    return _labels(engine, f"""
        SELECT DISTINCT ?label WHERE {{
          ?p a c2c:MunicipalPartnership ; c2c:status status:active ;
             c2c:hasPartner ?nl, ?other .
          ?nl a c2c:Municipality ; c2c:country id:country\\/nl ; rdfs:label ?label .
          ?other c2c:country id:country\\/{country} .
          FILTER(lang(?label) = "en")
        }}""")


def test_seven_dutch_municipalities_partnered_with_turkey(engine):
    # Section 1.6.3: seven Dutch local governments work with Turkish partners (beginning of 2011).
    assert _dutch_partners_of(engine, "tr") == {
        "Almelo", "Deventer", "Alkmaar", "Haarlem", "Nijmegen", "Rotterdam", "Amsterdam"}


def test_five_dutch_municipalities_partnered_with_morocco(engine):
    # Section 1.6.3: five Dutch local governments work with Moroccan partners.
    assert _dutch_partners_of(engine, "ma") == {
        "Amsterdam", "Rotterdam", "Gouda", "Zeist", "Meppel"}


def test_partnerships_formed_out_of_the_morocco_platform(engine):
    # Section 1.6.3: links established partly on contacts made within the platform.
    rows = select(engine, PREFIXES + """
        SELECT ?p WHERE { ?p c2c:formedOutOf id:platform\\/morocco-municipal-platform }""")
    found = {row["p"].rsplit("/", 1)[-1] for row in rows}
    assert found == {"rotterdam-casablanca", "amsterdam-casablanca", "amsterdam-larache",
                     "gouda-imzourene", "zeist-berkane", "meppel-al-hoceima"}


def test_twelve_initial_dutch_members_of_the_morocco_platform(engine):
    # Footnote 23 ('Den Haag' is The Hague, 'Leidschedam' is spelled as in the text).
    labels = _labels(engine, """
        SELECT ?label WHERE { id:platform\\/morocco-municipal-platform c2c:hasMember ?m .
                              ?m rdfs:label ?label . FILTER(lang(?label) = "en") }""")
    assert labels == {"Amsterdam", "Utrecht", "The Hague", "Rotterdam", "Veenendaal", "Zeist",
                      "Bergen op Zoom", "Meppel", "Arnhem", "Zaltbommel", "Gouda", "Leidschedam"}


def test_city_districts_of_casablanca(engine):
    # Footnote 24: Maarif, Sidi Maarouf and Ben Msik are city districts of Casablanca.
    labels = _labels(engine, """
        SELECT ?label WHERE { ?d a c2c:CityDistrict ; c2c:partOf id:municipality\\/ma\\/casablanca ;
                                 rdfs:label ?label . FILTER(lang(?label) = "en") }""")
    assert labels == {"Maarif", "Sidi Maarouf", "Ben Msik"}


def test_programmes_open_to_non_governmental_actors(engine):
    # Section 1.5.2: GSO and GST could finance non-governmental actors; LOGO East and South not.
    rows = select(engine, PREFIXES + """
        SELECT ?acronym ?open WHERE { ?p a c2c:SupportProgramme ; c2c:acronym ?acronym ;
                                         c2c:allowsNonGovernmentalActors ?open }""")
    assert {r["acronym"]: r["open"] for r in rows} == {
        "GSO": "true", "GST": "true", "LOGO East": "false", "LOGO South": "false"}


def test_ended_and_abandoned_links(engine):
    # Footnote 21 (Managua, Durban ended) and section 1.6.3 (Zoetermeer-Fatih abandoned;
    # Amsterdam-Larache named in the prose but absent from Table 1.3: status unknown).
    rows = select(engine, PREFIXES + """
        SELECT ?p ?s WHERE { ?p a c2c:MunicipalPartnership ; c2c:status ?s .
                             FILTER(?s != status:active) }""")
    found = {(r["p"].rsplit("/", 1)[-1], r["s"].rsplit("/", 1)[-1]) for r in rows}
    assert found == {("amsterdam-managua", "ended"), ("rotterdam-durban", "ended"),
                     ("zoetermeer-fatih", "abandoned"), ("amsterdam-larache", "unknown")}


def test_the_hague_supports_five_migrant_source_regions(engine):
    # Section 1.6.3 and Table 1.3: Al Hoceima, Nador, Taza (Morocco); Konya, Elazig (Turkey).
    rows = select(engine, PREFIXES + """
        SELECT ?r WHERE { ?c c2c:supporter id:municipality\\/nl\\/the-hague ;
                             c2c:supportedRegion ?r }""")
    assert {r["r"].rsplit("/", 1)[-1] for r in rows} == {
        "al-hoceima", "nador", "taza", "konya", "elazig"}


def test_table_and_prose_differences_are_noted(engine):
    # Deventer's third partner ('South East' vs GABB), Meppel-Figuig (table only) and
    # Amsterdam-Larache (prose only) each carry a note and at least one passage.
    for slug in ("deventer-gabb", "meppel-figuig", "amsterdam-larache"):
        rows = select(engine, PREFIXES + f"""
            PREFIX prov: <http://www.w3.org/ns/prov#>
            SELECT ?note ?passage WHERE {{ id:partnership\\/{slug} skos:note ?note ;
                                           prov:wasDerivedFrom ?passage }}""")
        assert rows, slug
    passages = select(engine, PREFIXES + """
        PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT DISTINCT ?passage WHERE {
          id:partnership\\/deventer-gabb prov:wasDerivedFrom ?passage }""")
    assert len(passages) == 2  # the table's 'South East' and the prose's GABB


def test_populations_of_the_largest_cities(engine):
    # Section 1.6.3: Amsterdam 780,560 and Rotterdam 612,500 inhabitants (CBS 2011).
    rows = select(engine, PREFIXES + """
        SELECT ?m ?n WHERE { ?m c2c:population ?n }""")
    found = {r["m"].rsplit("/", 1)[-1]: int(r["n"]) for r in rows}
    assert found["amsterdam"] == 780560 and found["rotterdam"] == 612500


def test_migrant_sending_countries_of_the_netherlands_include_the_main_three(engine):
    # Section 1.1 and 1.6.1: Morocco, Turkey and Suriname are the main source countries.
    rows = select(engine, PREFIXES + """
        SELECT ?c WHERE { ?c c2c:sendsMigrantsTo id:country\\/nl }""")
    assert {"ma", "tr", "sr"} <= {r["c"].rsplit("/", 1)[-1] for r in rows}
