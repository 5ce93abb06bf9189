"""``c2c-kg link`` with register files: writing links, flags for ended municipalities, errors,
and the build mapping the link tables into the links graph."""

from __future__ import annotations

import shutil
from pathlib import Path

from helpers import mini_project, run_cli
from servers import free_port

FIXTURES = Path(__file__).parents[1] / "fixtures" / "link"
ROOT = Path(__file__).resolve().parents[2]
GM = "https://identifier.overheid.nl/tooi/id/gemeente/"
TOOI = str(FIXTURES / "tooi_sample.jsonld")

RECORDS = """\
- id: country/nl
  type: Country
  label: Netherlands
- id: municipality/nl/leidschendam
  type: Municipality
  label: Leidschedam
  altLabel: Leidschendam
  country: country/nl
- id: municipality/nl/deventer
  type: Municipality
  label: Deventer
  country: country/nl
- id: municipality/nl/saba
  type: Municipality
  label: Saba
  country: country/nl
- id: platform/p
  type: MunicipalPlatform
  label: A platform
  member: [municipality/nl/leidschendam, municipality/nl/deventer]
  startYear: {year}
"""


def project(tmp_path: Path, year: int = 2000) -> Path:
    root = tmp_path / "project"
    (root / "data" / "records").mkdir(parents=True)
    (root / "ontology").mkdir()
    shutil.copy(ROOT / "data" / "context.jsonld", root / "data" / "context.jsonld")
    (root / "data" / "records" / "places.yaml").write_text(RECORDS.format(year=year), "utf-8")
    return root


def test_write_takes_the_registers_matches_with_cbs_codes_and_successions(tmp_path):
    root = project(tmp_path)
    done = run_cli("link", "--against", TOOI, "--write", "--root", str(root))
    assert done.returncode == 0, done.stderr
    links = root / "data" / "links"
    table = (links / "municipalities.csv").read_text("utf-8")
    assert f"municipality/nl/leidschendam,{GM}gm0548,tooi,exactMatch,register lookup" in table
    assert "municipality/nl/leidschendam,0548,cbs,exactMatch,register lookup" in table
    assert f"municipality/nl/deventer,{GM}gm0150,tooi" in table
    assert f"{GM}gm0548,{GM}gm1916,2002-01-01,Samenvoeging" in (
        links / "successions.csv").read_text("utf-8")
    unlinked = (links / "unlinked.csv").read_text("utf-8")
    assert "municipality/nl/saba,tooi," in unlinked and "municipality/nl/saba,cbs," in unlinked
    assert "flag:" not in done.stderr
    again = run_cli("link", "--against", TOOI, "--write", "--root", str(root))
    assert again.returncode == 0 and "0 link(s) added" in again.stderr


def test_a_link_to_a_municipality_ended_before_the_cooperation_is_flagged(tmp_path):
    root = project(tmp_path, year=2000)
    assert run_cli("link", "--against", TOOI, "--write", "--root", str(root)).returncode == 0
    later = project(tmp_path / "later", year=2005)
    shutil.copytree(root / "data" / "links", later / "data" / "links")
    done = run_cli("link", "--against", TOOI, "--root", str(later))
    assert done.returncode == 0, done.stderr
    assert ("flag: municipality/nl/leidschendam links to Leidschendam (" + GM + "gm0548), "
            "which ended 2001-12-31 before the cooperation began in 2005; it became "
            + GM + "gm1916") in done.stderr
    assert "municipality/nl/leidschendam\t" + GM + "gm0548" in done.stdout
    assert "review" in done.stdout.split("municipality/nl/leidschendam\t", 1)[1].split("\n")[0]


def test_iso_codes_of_countries(tmp_path):
    root = project(tmp_path)
    done = run_cli("link", "--against", "iso3166", "--write", "--root", str(root))
    assert done.returncode == 0, done.stderr
    assert "country/nl,NL,iso3166-1,exactMatch,register lookup" in (
        root / "data" / "links" / "countries.csv").read_text("utf-8")


def test_bad_input_gives_one_clear_paragraph_and_writes_nothing(tmp_path):
    root = project(tmp_path)
    missing = run_cli("link", "--against", str(tmp_path / "nope.jsonld"), "--root", str(root))
    assert missing.returncode == 2 and "no such file" in missing.stderr
    kind = run_cli("link", "--against", TOOI, "--kind", "village", "--root", str(root))
    assert kind.returncode == 2 and "--kind 'village'" in kind.stderr
    broken = tmp_path / "review.json"
    broken.write_text("{}", "utf-8")
    refused = run_cli("link", "--accept", str(broken), "--root", str(root))
    assert refused.returncode == 2 and "not a review file" in refused.stderr
    assert not (root / "data" / "links").exists()


def test_an_unreachable_endpoint_is_one_paragraph_and_exit_2(tmp_path):
    root = project(tmp_path)
    url = f"http://127.0.0.1:{free_port()}/query"
    done = run_cli("link", "--against", url, "--kind", "country", "--timeout", "5",
                   "--root", str(root))
    assert done.returncode == 2
    assert "cannot be reached" in done.stderr and url in done.stderr
    assert "Traceback" not in done.stderr


def test_a_reviewed_reason_is_kept_when_the_register_is_read_again(tmp_path):
    root = project(tmp_path)
    assert run_cli("link", "--against", TOOI, "--write", "--root", str(root)).returncode == 0
    unlinked = root / "data" / "links" / "unlinked.csv"
    text = unlinked.read_text("utf-8").replace(
        "municipality/nl/saba,tooi,no candidate of this name in the TOOI register",
        "municipality/nl/saba,tooi,a special municipality: not in the register")
    unlinked.write_text(text, "utf-8")
    assert run_cli("link", "--against", TOOI, "--write", "--root", str(root)).returncode == 0
    assert "a special municipality: not in the register" in unlinked.read_text("utf-8")


def test_the_build_maps_the_link_tables_into_the_links_graph(tmp_path):
    mini = mini_project(tmp_path)
    links = mini.data / "links"
    links.mkdir()
    (links / "municipalities.csv").write_text(
        "resource,identifier,scheme,match,method,source,source_date,note\n"
        "municipality/xa/riverton,http://www.wikidata.org/entity/Q123,wikidata,exactMatch,"
        "by hand,test,2024-01-01,\n", "utf-8")
    done = run_cli("build", "--root", str(mini.root), "--store", str(tmp_path / "store"),
                   "--out", str(tmp_path / "out"), "--no-reason")
    assert done.returncode == 0, done.stderr
    dumped = "\n".join(p.read_text("utf-8") for p in (tmp_path / "out").rglob("*.nq"))
    assert ("<https://w3id.org/c2c-kg/id/municipality/xa/riverton> "
            "<http://www.w3.org/2002/07/owl#sameAs> <http://www.wikidata.org/entity/Q123> "
            "<https://w3id.org/c2c-kg/graph/links>") in dumped
    (links / "municipalities.csv").write_text(
        "resource,identifier,scheme,match,method,source,source_date,note\n"
        "municipality/xa/riverton,Q123,wikidata,exactMatch,by hand,test,2024-01-01,\n", "utf-8")
    bad = run_cli("build", "--root", str(mini.root), "--store", str(tmp_path / "store2"),
                  "--out", str(tmp_path / "out2"), "--no-reason")
    assert bad.returncode == 1 and "municipalities.csv, row 2" in bad.stderr
    assert not (tmp_path / "store2").exists()
