"""The world graph: import of the twinning lists (fixtures cut from the real files, see
tests/fixtures/world/ATTRIBUTION.md), reconciliation, the stored queries and the report."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from c2c_kg.cli import app
from c2c_kg.errors import InputError, UsageError
from c2c_kg.project import Project
from c2c_kg.store.engines import EmbeddedEngine
from c2c_kg.store.queries import find_query, parse_params
from c2c_kg.world.countries import country_code
from c2c_kg.world.importer import import_world, reconcile_sources
from c2c_kg.world.report import coverage_rows
from c2c_kg.world.sources import load_sources, read_rows

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "world" / "1_twinning"
PLACE = "https://w3id.org/c2c-kg/id/world/place/"


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory):
    store = tmp_path_factory.mktemp("world") / "store"
    result = import_world(FIXTURES, store, Project(ROOT))
    return result, EmbeddedEngine(store), store


def ask(engine: EmbeddedEngine, name: str, *params: str) -> list[dict[str, str]]:
    query = find_query(ROOT / "queries", name)
    rows = engine.select(query.text, parse_params(query, list(params))).rows
    return [{k: c.value for k, c in row.items()} for row in rows]


def outcome_of(world, source: str, first: str, second: str):
    for row, outcome in zip(world.rows, world.outcomes, strict=True):
        names = (row.first.name or row.first.qid, row.second.name or row.second.qid)
        if row.source == source and names == (first, second):
            return outcome
    raise AssertionError(f"no {source} row {first}–{second}")


def test_countries_as_the_lists_write_them():
    assert country_code("England, United Kingdom") == "GB"
    assert country_code("Georgia (country)") == "GE"
    assert country_code("Turkey") == "TR"
    assert country_code("Netherlands") == "NL"
    assert country_code("Atlantis") == "x-atlantis"
    assert country_code("") == ""


def test_rows_keep_line_year_and_form():
    german = next(s for s in load_sources() if s.id == "de-rgre")
    rows = list(read_rows(german, FIXTURES))
    assert len(rows) == 20
    celle = [r for r in rows if r.first.name == "Celle"]
    assert [(r.line, r.startYear, r.form) for r in celle] == [
        (7, 1952, "partnership"), (8, 1977, "partnership")]
    assert celle[0].second.name == "Tavistock" and celle[0].first.country == "Germany"


def test_a_file_without_a_required_column_is_refused(tmp_path):
    shutil.copytree(FIXTURES, tmp_path, dirs_exist_ok=True)
    path = tmp_path / "wikipedia_twin_cities_raw.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(["city1,country1,city2", *lines[1:]]), encoding="utf-8")
    wikipedia = next(s for s in load_sources() if s.id == "wikipedia")
    with pytest.raises(InputError, match=r"wikipedia_twin_cities_raw.csv, line 1.*country2"):
        list(read_rows(wikipedia, tmp_path))


def test_a_missing_file_and_a_bad_sample_are_refused(tmp_path):
    with pytest.raises(InputError, match=r"de_rgre_partnerships_TwinTowns_clean\.csv"):
        reconcile_sources(tmp_path, None)
    with pytest.raises(UsageError, match="--sample"):
        reconcile_sources(FIXTURES, None, fraction=0)


def test_sample_is_fixed_and_smaller():
    a, _, _ = reconcile_sources(FIXTURES, None, fraction=0.5)
    b, _, _ = reconcile_sources(FIXTURES, None, fraction=0.5)
    full, _, _ = reconcile_sources(FIXTURES, None)
    assert [(r.source, r.line) for r in a.rows] == [(r.source, r.line) for r in b.rows]
    assert 0 < len(a.rows) < len(full.rows)


def test_one_partnership_whichever_way_round(imported):
    world = imported[0].world
    ways = [outcome_of(world, "wikipedia", "Preston", "Almelo"),
            outcome_of(world, "wikipedia", "Almelo", "Preston")]
    assert ways[0].partnership == ways[1].partnership is not None
    iserlohn = {outcome_of(world, "de-rgre", "Iserlohn", "Almelo").partnership,
                outcome_of(world, "p190", "Q988", "Q1130").partnership,
                outcome_of(world, "p190", "Q1130", "Q988").partnership,
                outcome_of(world, "ph-eu", "Iserlohn", "Almelo").partnership,
                outcome_of(world, "ph-nl", "Almelo", "Iserlohn").partnership,
                outcome_of(world, "wikipedia", "Iserlohn", "Almelo").partnership}
    assert iserlohn == {"Q1130--Q988"}
    # Almelo named by name (lists) and by item (P190, our link table) is one place
    assert world.places["Q988"].country == "NL"


def test_ambiguous_names_are_reported_not_merged(imported):
    world = imported[0].world
    altdorf = world.ambiguities["coordinates/de/altdorf"]
    assert sorted(altdorf.candidates) == ["de/altdorf-1", "de/altdorf-2"]
    assert altdorf.mentions == [("wikipedia", 2)]  # Pinsdorf–Altdorf, no coordinates
    assert outcome_of(world, "wikipedia", "Pinsdorf", "Altdorf").status == "ambiguous"
    # with coordinates, each Altdorf row goes to its own place
    bavaria = outcome_of(world, "ph-eu", "Altdorf", "San Vito di Leguzzano")
    swabia = outcome_of(world, "ph-eu", "Altdorf", "Nanteuil-le-Haudouin")
    assert {bavaria.first, swabia.first} == {"de/altdorf-1", "de/altdorf-2"}
    toledo = world.ambiguities["items/es/toledo"]
    assert sorted(toledo.candidates) == ["wd:Q49239", "wd:Q5836"]
    assert "es/toledo" in world.places  # kept as a named place, not merged into either item


def test_coverage_figures(imported):
    figures = imported[0].figures
    assert figures["p190"]["rowsRead"] == 25 and figures["p190"]["rowsPlaced"] == 25
    assert figures["wikipedia"]["rowsAmbiguous"] == 1
    assert figures["de-rgre"]["yearConflicts"] == 1
    assert figures["chapter"]["rowsIncomplete"] == 1  # Deventer's partner is an organisation
    rows = {r["source"]: r for r in coverage_rows(imported[2])}
    assert rows["all"]["rowsRead"] == sum(f["rowsRead"] for f in figures.values())
    assert rows["wikipedia"]["placedShare"] == pytest.approx(25 / 26)
    assert rows["all"]["placedOrExplained"] == 1.0


def test_sources_are_dated_and_described(imported):
    rows = {r["source"]: r for r in ask(imported[1], "world-sources")}
    assert rows["p190"]["snapshot"] == "2016" and rows["de-rgre"]["snapshot"] == "2015"
    assert rows["wikipedia"]["date"] == "2026-02-08"
    assert rows["p190"]["licence"].endswith("publicdomain/zero/1.0/")
    assert rows["ph-nl"]["file"] == "wikidata_netherlands_sistercities_PH.tsv"


def test_which_of_almelos_partnerships_wikidata_lacks(imported):
    rows = ask(imported[1], "world-place-lacks", "name=Almelo")
    assert {r["partner_name"] for r in rows} == {"Denizli", "Preston"}
    evidence = {(r["partner_name"], r["source"], r["line"]) for r in rows}
    assert ("Denizli", "chapter", "12") in evidence and ("Denizli", "wikipedia", "24") in evidence
    assert any(r["evidence"].endswith("twin_cities_raw.csv#L8") for r in rows)
    # the German list lacks Preston and Denizli too, but Wikipedia lacks none
    assert ask(imported[1], "world-place-lacks", "name=Almelo", "lacking=wikipedia") == []


def test_partnerships_of_a_place_show_each_source(imported):
    rows = ask(imported[1], "world-partnerships-of-place", "name=Almelo")
    iserlohn = {(r["source"], r["line"], r.get("start", "")) for r in rows
                if r["partner_name"] == "Iserlohn"}
    assert ("de-rgre", "13", "1954") in iserlohn
    assert {s for s, _, _ in iserlohn} == {"de-rgre", "p190", "ph-eu", "ph-nl", "wikipedia"}


def test_p190_links_without_reverse(imported):
    rows = ask(imported[1], "world-p190-one-way")
    pairs = {(r["item_name"], r["twin_name"]) for r in rows}
    assert ("Aalborg", "Kommuneqarfik Sermersooq") in pairs
    assert not any("Almelo" in p or "Celle" in p for p in pairs)  # stated both ways


def test_year_conflicts_side_by_side(imported):
    rows = ask(imported[1], "world-year-conflicts")
    assert {r["label"] for r in rows} == {"Celle – Tavistock"}
    assert {r.get("start") for r in rows if r["source"] == "de-rgre"} == {"1952", "1977"}
    assert {"p190", "ph-eu", "wikipedia"} <= {r["source"] for r in rows}


def test_single_source_undated_degree_decades(imported):
    engine = imported[1]
    only = ask(engine, "world-single-source", "country=GB", "source=wikipedia")
    assert "Preston – Almelo" in {r["label"] for r in only} or \
        "Almelo – Preston" in {r["label"] for r in only}
    undated = ask(engine, "world-undated", "country=NL", "source=wikipedia")
    labels = {r["label"] for r in undated}
    assert any("Preston" in label for label in labels)
    assert not any("Iserlohn" in label for label in labels)  # the German list dates it
    decades = {(r["countries"], r["decade"]): int(r["partnerships"])
               for r in ask(engine, "world-by-country-decade")}
    assert decades[("DE – NL", "1950s")] == 1  # Iserlohn–Almelo, 1954
    assert decades[("DE – GB", "1950s")] == 1  # Celle–Tavistock, earliest year 1952


def test_degree_of_places(tmp_path, monkeypatch):
    import c2c_kg.world.rdf as rdf

    monkeypatch.setattr(rdf, "MANY", 3)  # the fixtures have no place with 10 partnerships
    import_world(FIXTURES, tmp_path / "store", Project(ROOT))
    engine = EmbeddedEngine(tmp_path / "store")
    degree = {r["label"]: (int(r["partnerships"]), int(r["in_two_or_more_sources"]))
              for r in ask(engine, "world-degree", "min_partnerships=3")}
    assert degree["Almelo"] == (3, 2)  # Iserlohn (5 sources) and Denizli (chapter, Wikipedia)
    assert all(n >= 3 for n, _ in degree.values())
    assert "Preston" not in degree  # one partnership
    assert "Almelo" not in {r["label"] for r in ask(engine, "world-degree", "min_partnerships=4")}


def test_chapter_partnerships_in_the_world(imported):
    rows = ask(imported[1], "world-chapter")
    denizli = [r for r in rows if r["record"].endswith("partnership/almelo-denizli")]
    assert {r["source"] for r in denizli} == {"chapter", "wikipedia"}
    assert {r["partnership"] for r in denizli} == {
        "https://w3id.org/c2c-kg/id/world/partnership/Q170967--Q988"}


def test_ambiguous_places_query(imported):
    rows = {r["label"]: r for r in ask(imported[1], "world-ambiguous-places")}
    assert rows["Altdorf"]["rows_unplaced"] == "1"
    assert PLACE + "de/altdorf-1" in rows["Altdorf"]["candidates"]
    assert "Q49239" in rows["Toledo"]["candidates"]


def test_reimport_replaces_the_world_graphs(tmp_path):
    store = tmp_path / "store"
    first = import_world(FIXTURES, store, None)
    again = import_world(FIXTURES, store, None)
    assert first.quads == again.quads
    engine = EmbeddedEngine(store)
    count = engine.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0]["n"].value
    assert int(count) == again.quads


def test_cli_import_and_report(tmp_path):
    runner = CliRunner()
    store = tmp_path / "store"
    result = runner.invoke(app, ["world", "import", "--shared", str(FIXTURES.parent),
                                 "--store", str(store), "--root", str(ROOT)])
    assert result.exit_code == 0, result.output
    report = runner.invoke(app, ["world", "report", "--store", str(store), "-f", "csv"])
    assert report.exit_code == 0, report.output
    lines = report.stdout.strip().splitlines()
    assert lines[0].startswith("source,snapshot,rows,placed")
    assert any(line.startswith("p190,2016,25,25,") for line in lines)
    empty = runner.invoke(app, ["world", "report", "--store", str(tmp_path / "none")])
    assert isinstance(empty.exception, UsageError) and empty.exception.exit_code == 2


def _cairo_world():
    """Cairo, named Kairo in the names table, twinned with two places that Strasbourg also
    twins with."""
    from c2c_kg.world.reconcile import reconcile
    from c2c_kg.world.sources import Row, Side

    names = {"Q1": "Kairo", "Q2": "Alphaville", "Q3": "Betatown", "Q4": "Gammaburg"}
    rows = [Row("p190", 1, Side(qid="Q1"), Side(qid="Q2")),
            Row("p190", 2, Side(qid="Q1"), Side(qid="Q3")),
            Row("p190", 3, Side(qid="Q4"), Side(qid="Q2")),
            Row("p190", 4, Side(qid="Q4"), Side(qid="Q3"))]
    for line, (city, country) in enumerate([("Cairo", "Egypt"), ("Strasbourg", "France")], 10):
        rows += [Row("wikipedia", line, Side(city, country), Side("Alphaville", "Chile")),
                 Row("wikipedia", line + 5, Side(city, country), Side("Betatown", "Peru"))]
    return reconcile(rows, names)


def test_a_name_in_another_language_meets_its_item_through_shared_twins():
    world = _cairo_world()
    cairo = outcome_of(world, "wikipedia", "Cairo", "Alphaville")
    assert cairo.first == "Q1" and world.places["Q1"].country == "EG"
    assert world.places["Q1"].method.startswith("shares 2+ twins")
    # the lists' name is the label, the names table's German one an alternative label
    assert world.places["Q1"].label == "Cairo" and "Kairo" in world.places["Q1"].names
    # Strasbourg shares the same twins with Q4, but the names are not alike: no link
    assert outcome_of(world, "wikipedia", "Strasbourg", "Alphaville").first == "fr/strasbourg"
    assert world.places["Q4"].country == ""


def test_a_place_is_found_by_any_of_its_names(tmp_path):
    import pyoxigraph as ox

    from c2c_kg.store.embedded import open_store
    from c2c_kg.world.rdf import quads

    world = _cairo_world()
    store = open_store(tmp_path / "store", create=True, read_only=False)  # a bare store
    store.bulk_load(("\n".join(quads(world, {}, {}, {})) + "\n").encode(),
                    format=ox.RdfFormat.N_QUADS)
    del store
    engine = EmbeddedEngine(tmp_path / "store")
    by_label = ask(engine, "world-partnerships-of-place", "name=Cairo")
    by_alternative = ask(engine, "world-partnerships-of-place", "name=Kairo")
    assert by_label == by_alternative
    assert {r["partner_name"] for r in by_label} == {"Alphaville", "Betatown"}
    assert {r["source"] for r in by_label} == {"p190", "wikipedia"}
