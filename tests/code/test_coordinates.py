"""Coordinates: ``c2c-kg link coordinates`` matching sample rows of the twinning lists to places,
and the build mapping ``data/links/coordinates.csv`` (or refusing a bad row) into the links graph.

The lists are a few real rows in ``tests/fixtures/coordinates/`` (see its README for their origin
and licences); the places are made-up records of a small project.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from helpers import build_mini, mini_project, run_cli
from rdflib import RDF, Dataset, Graph, Literal, URIRef

from c2c_kg.graph.coordinates import COLUMNS, GEO, decimal_text
from c2c_kg.terms import DCTERMS, ID, PROV, XSD

LISTS = Path(__file__).parents[1] / "fixtures" / "coordinates"
ROOT = Path(__file__).resolve().parents[2]
PH_NL = ("https://github.com/rogorido/sistercities/blob/6bb5473459b9f7e16f59ecd0a2f9d76c3ccf9ce6/"
         "sparql/data/netherlands.tsv")

RECORDS = """\
- {id: country/nl, type: Country, label: Netherlands}
- {id: country/tr, type: Country, label: Turkey}
- {id: country/za, type: Country, label: South Africa}
- {id: country/ni, type: Country, label: Nicaragua}
- {id: municipality/nl/alkmaar, type: Municipality, label: Alkmaar, country: country/nl}
- {id: municipality/nl/rotterdam, type: Municipality, label: Rotterdam, country: country/nl}
- id: municipality/nl/the-hague
  type: Municipality
  label: The Hague
  labels: {nl: Den Haag}
  country: country/nl
- {id: municipality/nl/meppel, type: Municipality, label: Meppel, country: country/nl}
- {id: municipality/tr/bergama, type: Municipality, label: Bergama, country: country/tr}
- {id: municipality/tr/denizli, type: Municipality, label: Denizli, country: country/tr}
- {id: municipality/tr/kocaeli, type: Municipality, label: Kocaeli, altLabel: İzmit,
   country: country/tr}
- {id: municipality/za/durban, type: Municipality, label: Durban, country: country/za}
- {id: municipality/ni/leon, type: Municipality, label: León, country: country/ni}
- {id: municipality/ni/leon-district, type: CityDistrict, label: Leon, country: country/ni}
"""


def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    (root / "data" / "records").mkdir(parents=True)
    (root / "ontology").mkdir()
    shutil.copy(ROOT / "data" / "context.jsonld", root / "data" / "context.jsonld")
    (root / "data" / "records" / "places.yaml").write_text(RECORDS, "utf-8")
    return root


def table(root: Path) -> dict[str, dict[str, str]]:
    with (root / "data" / "links" / "coordinates.csv").open(encoding="utf-8") as handle:
        return {row["resource"]: row for row in csv.DictReader(handle)}


def test_without_write_it_prints_the_changes_and_writes_nothing(tmp_path):
    root = project(tmp_path)
    done = run_cli("link", "coordinates", "--against", str(LISTS), "--root", str(root))
    assert done.returncode == 0, done.stderr
    assert ("+ municipality/nl/alkmaar\t52.616667\t4.75\t"
            "wikidata_netherlands_sistercities_PH.tsv:5") in done.stdout
    assert "nothing written" in done.stderr
    assert not (root / "data" / "links").exists()


def test_write_places_exact_matches_and_gives_the_others_a_reason(tmp_path):
    root = project(tmp_path)
    done = run_cli("link", "coordinates", "--against", str(LISTS), "--write", "--root", str(root))
    assert done.returncode == 0, done.stderr
    rows = table(root)
    assert sorted(rows) == ["municipality/nl/alkmaar", "municipality/nl/rotterdam",
                            "municipality/nl/the-hague", "municipality/tr/bergama",
                            "municipality/tr/denizli", "municipality/za/durban"]
    alkmaar = rows["municipality/nl/alkmaar"]
    assert (alkmaar["lat"], alkmaar["long"], alkmaar["row"]) == ("52.616667", "4.75", "5")
    assert alkmaar["source"] == PH_NL + "#L5" and alkmaar["match"] == "name+country"
    # Rotterdam: two Wikidata items, 4.8 km apart: within the tolerance; the value most rows give
    assert rows["municipality/nl/rotterdam"]["row"] == "2"
    # Den Haag in the German list is The Hague; Haag in Austria is not (country disagrees)
    assert "de_rgre_partnerships_TwinTowns_clean.csv (1 row(s)) agrees" in \
        rows["municipality/nl/the-hague"]["note"]
    # Wikidata's value is preferred to the German list's geocoding (2.7 km apart)
    denizli = rows["municipality/tr/denizli"]
    assert denizli["file"] == "wikidata_eu_sistercities_PH.tsv" and denizli["lat"] == "37.773056"
    with (root / "data" / "links" / "unlinked.csv").open(encoding="utf-8") as handle:
        reasons = {r["resource"]: r["reason"] for r in csv.DictReader(handle)
                   if r["scheme"] == "coordinates"}
    # Durban: the German list's geocoded point lies 11.9 km off; it cannot veto Wikidata's value
    durban = rows["municipality/za/durban"]
    assert (durban["lat"], durban["file"]) == ("-29.85", "wikidata_eu_sistercities_PH.tsv")
    assert "geocoded de_rgre_partnerships_TwinTowns_clean.csv (1 row(s)) lies within 11.9 km" \
        in durban["note"]
    assert "municipality/za/durban" not in reasons
    assert "no row" in reasons["municipality/nl/meppel"]
    assert "no row" in reasons["municipality/tr/kocaeli"]  # İzmit is only its altLabel
    assert "ambiguous" in reasons["municipality/ni/leon"]
    assert "ambiguous" in reasons["municipality/ni/leon-district"]
    again = run_cli("link", "coordinates", "--against", str(LISTS), "--root", str(root))
    assert again.stdout == "" and "0 change(s)" in again.stderr


def test_link_without_a_folder_of_lists_or_with_another_word_is_bad_usage(tmp_path):
    root = project(tmp_path)
    assert run_cli("link", "coordinates", "--root", str(root)).returncode == 2
    assert run_cli("link", "elevations", "--against", str(LISTS),
                   "--root", str(root)).returncode == 2
    done = run_cli("link", "coordinates", "--against", str(tmp_path), "--root", str(root))
    assert done.returncode == 2 and "none of the twinning lists" in done.stderr


def test_decimal_text():
    assert [decimal_text(v) for v in (52.616666666667, -0.1275, 31.0, -0.0000001)] \
        == ["52.616667", "-0.1275", "31", "0"]


# --- the build -------------------------------------------------------------------------------

SOURCE = "https://example.org/lists/towns.tsv#L{}"


def write_table(root: Path, rows: list[tuple[str, ...]]) -> None:
    links = root / "data" / "links"
    links.mkdir(parents=True, exist_ok=True)
    with (links / "coordinates.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows(rows)


def good_rows() -> list[tuple[str, ...]]:
    return [("municipality/xa/riverton", "52.5", "4.75", "towns.tsv", "2", SOURCE.format(2),
             "name+country", ""),
            ("municipality/xb/hillcrest", "-29.85", "31.016667", "towns.tsv", "3",
             SOURCE.format(3), "name+country", "")]


def test_the_build_adds_decimal_coordinates_with_their_source_and_no_evidence(tmp_path):
    project = mini_project(tmp_path)
    write_table(project.root, good_rows())
    out = tmp_path / "out"
    done = run_cli("build", "--root", str(project.root), "--store", str(tmp_path / "store"),
                   "--out", str(out), "--no-reason")
    assert done.returncode == 0, done.stderr
    graph = Graph()
    for s, p, o, _ in Dataset().parse(out / "c2c-kg.trig", format="trig").quads():
        graph.add((s, p, o))
    riverton = ID["municipality/xa/riverton"]
    assert list(graph.objects(riverton, GEO.lat)) == [Literal("52.5", datatype=XSD.decimal)]
    assert list(graph.objects(riverton, GEO.long)) == [Literal("4.75", datatype=XSD.decimal)]
    statements = list(graph.subjects(RDF.subject, riverton))
    assert len(statements) == 2
    for statement in statements:
        assert graph.value(statement, DCTERMS.source) == URIRef(SOURCE.format(2))
        assert graph.value(statement, PROV.wasDerivedFrom) is None


PLACE = "'resource' must be the id of a place record"
BAD = [
    ("lat-not-a-number", ("municipality/xa/riverton", "52,5", "4.75"), 2,
     "'lat' must be a decimal"),
    ("lat-out-of-range", ("municipality/xa/riverton", "95.5", "4.75"), 2,
     "'lat' must lie between -90 and 90"),
    ("long-out-of-range", ("municipality/xa/riverton", "52.5", "-180.5"), 2,
     "'long' must lie between -180 and 180"),
    ("unknown-place", ("municipality/xa/nowhere", "52.5", "4.75"), 2, PLACE),
    ("not-a-place", ("country/xa", "52.5", "4.75"), 2, PLACE),
]


@pytest.mark.parametrize("name,cells,row,rule", BAD, ids=[b[0] for b in BAD])
def test_a_bad_row_stops_the_build_before_anything_is_written(tmp_path, name, cells, row, rule):
    project = mini_project(tmp_path)
    write_table(project.root, [(*cells, "towns.tsv", "2", SOURCE.format(2), "name+country", "")])
    store, out = tmp_path / "store", tmp_path / "out"
    done = run_cli("build", "--root", str(project.root), "--store", str(store), "--out", str(out),
                   "--no-reason")
    assert done.returncode == 1
    assert f"coordinates.csv, row {row}: {rule}" in done.stderr
    assert "Traceback" not in done.stderr
    assert not store.exists() and not out.exists()


def test_a_second_row_for_a_place_stops_the_build_and_the_old_store_stays(tmp_path):
    project, store = build_mini(tmp_path)
    before = sorted(p.name for p in store.iterdir())
    write_table(project.root, [*good_rows(), good_rows()[0]])
    done = run_cli("build", "--root", str(project.root), "--store", str(store),
                   "--out", str(tmp_path / "out2"), "--no-reason")
    assert done.returncode == 1
    assert "coordinates.csv, row 4: municipality/xa/riverton already has coordinates in row 2" \
        in done.stderr
    assert sorted(p.name for p in store.iterdir()) == before
    assert not (tmp_path / "out2").exists()
