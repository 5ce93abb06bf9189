"""The contribution commands: template, validate, contribute, contributions, withdraw."""

from __future__ import annotations

import csv
import json

import pyoxigraph as ox
import pytest
from contribute_helpers import HEADER, PROJECT, cli, copy_project, write
from openpyxl import load_workbook

from c2c_kg.contribute.readers import read_table
from c2c_kg.store.embedded import open_store

GOOD = HEADER + "Riverton,Xland,municipality/xb/springfield,,1990,,active,,\n"
PAYLOAD = '"; DROP GRAPH <x> ; SELECT * { ?s ?p ?o } <script>alert(1)</script>'


@pytest.fixture
def built(tmp_path):
    """A writable copy of the fixture project, built into a store."""
    project = copy_project(tmp_path)
    store = tmp_path / "store"
    done = cli("build", "--root", str(project.root), "--store", str(store), "--out",
               str(tmp_path / "out"), "--no-reason")
    assert done.code == 0, done.stderr
    return project, store


def _sizes(store) -> dict[str, int]:
    from c2c_kg.store.embedded import graph_sizes, open_store

    return graph_sizes(open_store(store))


def test_validate_exit_codes_and_formats(tmp_path):
    root = ["--root", str(PROJECT.root), "--store", str(tmp_path / "none")]
    good = write(tmp_path, "good.csv", GOOD)
    done = cli("validate", str(good), *root)
    assert (done.code, done.stdout.splitlines()[0].endswith("all valid.")) == (0, True)
    bad = write(tmp_path, "bad.csv", HEADER + "Riverton,Xland,Springfield,Yland,1990,,,,\n")
    done = cli("validate", str(bad), "--lang", "nl", *root)
    assert done.code == 1
    assert "rij 2, kolom partner_b (C)" in done.stdout
    done = cli("validate", str(bad), "-f", "json", *root)
    assert [json.loads(line)["rule"] for line in done.stdout.splitlines()] == ["ambiguous-name"]
    done = cli("validate", str(write(tmp_path, "broken.ttl", "<a> <b> .\n")), *root)
    assert done.code == 2 and "broken.ttl:1:" in done.stderr
    assert cli("validate", str(bad), "-f", "xml", *root).code == 2


def test_only_valid_writes_the_valid_records(tmp_path):
    path = write(tmp_path, "mixed.csv", GOOD + "Hillcrest,Yland,Harbourg,xa,2090,,,,\n")
    out = tmp_path / "valid.ttl"
    done = cli("validate", str(path), "--only-valid", str(out), "--root", str(PROJECT.root),
               "--store", str(tmp_path / "none"))
    assert done.code == 1
    text = out.read_text(encoding="utf-8")
    assert "partnership/riverton-springfield" in text
    assert "hillcrest-harbourg" not in text


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_templates_describe_every_column(tmp_path, fmt):
    out = tmp_path / f"t.{fmt}"
    done = cli("template", "partnerships", "--format", fmt, "-o", str(out),
               "--root", str(PROJECT.root))
    assert done.code == 0, done.stderr
    if fmt == "xlsx":
        rows = [list(r) for r in load_workbook(out).active.iter_rows(values_only=True)]
    else:
        rows = list(csv.reader(out.read_text(encoding="utf-8").splitlines()))
    assert rows[0][:2] == ["partner_a", "partner_a_country"]
    assert rows[1][0].startswith("# First partner")
    assert rows[2][0] == "# example: Almelo"
    table = read_table(out)  # the description and example rows are comments
    assert table.headers[:3] == ["partner_a", "partner_a_country", "partner_b"]
    assert table.rows == []
    assert cli("template", "castles", "--root", str(PROJECT.root)).code == 2


def test_contribute_twice_list_and_withdraw(built, tmp_path):
    project, store = built
    root = ["--root", str(project.root), "--store", str(store)]
    before = _sizes(store)
    quoted = PAYLOAD.replace('"', '""')
    path = write(tmp_path, "new.csv", GOOD.replace("active,,", f'active,,"{quoted}"'))
    done = cli("contribute", str(path), "--by", "A. Steward", "--note", "test", *root)
    assert done.code == 0, done.stdout + done.stderr
    cid = done.stdout.split("contribution ")[1].split(":")[0]
    graph = f"https://w3id.org/c2c-kg/graph/contribution/{cid}"
    after = _sizes(store)
    assert {k: v for k, v in after.items() if k != graph} == before
    assert after[graph] > 5
    kept = project.root / "contributions" / cid
    assert sorted(p.name for p in kept.iterdir()) == ["contribution.json", "new.csv",
                                                      "triples.nt"]
    store_ = open_store(store)
    row = next(iter(store_.query(
        f"SELECT ?by ?sha ?note WHERE {{ GRAPH <{graph}> {{ <{graph}> "
        f"<http://purl.org/dc/terms/creator> ?by ; <https://w3id.org/c2c-kg/ontology#sha256> "
        f"?sha . ?p <http://www.w3.org/2004/02/skos/core#note> ?note "
        f"FILTER(?p != <{graph}>) }} }}")))
    assert row["by"].value == "A. Steward" and row["sha"].value.startswith(cid)
    assert isinstance(row["note"], ox.Literal) and row["note"].value == PAYLOAD
    del store_

    again = cli("contribute", str(path), "--by", "Someone Else", *root)
    assert again.code == 0 and "nothing changed" in again.stdout
    assert _sizes(store) == after
    listing = cli("contributions", *root)
    assert listing.stdout.splitlines()[1].startswith(f"{cid}\t")
    assert "A. Steward" in listing.stdout

    done = cli("withdraw", cid, *root)
    assert done.code == 0, done.stderr
    assert _sizes(store) == before
    assert not kept.exists()
    assert cli("withdraw", cid, *root).code == 2


def test_invalid_or_curated_contributions_write_nothing(built, tmp_path):
    project, store = built
    root = ["--root", str(project.root), "--store", str(store)]
    before = _sizes(store)
    bad = write(tmp_path, "bad.csv", HEADER + "Riverton,Xland,Springfield,Yland,1990,,,,\n")
    assert cli("contribute", str(bad), "--by", "x", *root).code == 1
    curated = write(tmp_path, "c.ttl", "<municipality/xa/riverton> "
                    "<http://www.w3.org/2000/01/rdf-schema#label> \"Hacked\"@en .\n")
    done = cli("contribute", str(curated), "--by", "x", *root)
    assert done.code == 1 and "curated-subject" in done.stdout
    assert _sizes(store) == before
    assert not (project.root / "contributions").exists() or not any(
        (project.root / "contributions").iterdir())


def test_another_contribution_cannot_be_overwritten_or_orphaned(built, tmp_path):
    project, store = built
    root = ["--root", str(project.root), "--store", str(store)]
    actors = write(tmp_path, "actors.csv", "id,type,label,country\n"
                   "municipality/xb/newtown,Municipality,Newtown,Yland\n")
    first = cli("contribute", str(actors), "--by", "x", *root)
    assert first.code == 0, first.stdout
    first_id = first.stdout.split("contribution ")[1].split(":")[0]
    again = write(tmp_path, "again.csv", "id,type,label,country\n"
                  "municipality/xb/newtown,Municipality,Newtown Renamed,Yland\n")
    done = cli("contribute", str(again), "--by", "y", *root)
    assert done.code == 1 and "curated-subject" in done.stdout
    uses = write(tmp_path, "uses.csv", HEADER + "Riverton,Xland,Newtown,Yland,2001,,,,\n")
    second = cli("contribute", str(uses), "--by", "y", *root)
    assert second.code == 0, second.stdout
    refused = cli("withdraw", first_id, *root)
    assert refused.code == 1 and "link(s) to its records" in refused.stderr


def test_a_rebuild_keeps_the_contributions(built, tmp_path):
    project, store = built
    root = ["--root", str(project.root), "--store", str(store)]
    done = cli("contribute", str(write(tmp_path, "new.csv", GOOD)), "--by", "x", *root)
    assert done.code == 0
    contributed = _sizes(store)
    fresh = tmp_path / "fresh-store"
    rebuilt = cli("build", "--root", str(project.root), "--store", str(fresh), "--out",
                  str(tmp_path / "out2"), "--no-reason")
    assert rebuilt.code == 0, rebuilt.stderr
    assert _sizes(fresh) == contributed


def test_a_real_process_exits_2_on_a_remote_context(tmp_path):
    from helpers import run_cli

    path = write(tmp_path, "r.jsonld", json.dumps({"@context": "http://127.0.0.1:9/c.jsonld",
                                                   "@id": "x"}))
    done = run_cli("validate", str(path), "--root", str(PROJECT.root), "--store",
                   str(tmp_path / "none"))
    assert done.returncode == 2
    assert "http://127.0.0.1:9/c.jsonld" in done.stderr and "network" in done.stderr
