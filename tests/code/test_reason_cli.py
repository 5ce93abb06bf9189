"""``c2c-kg reason`` on a small project: exit 0 with the inferences, exit 1 when inconsistent."""

from __future__ import annotations

import shutil
from pathlib import Path

from helpers import mini_project
from helpers import run_cli as _run


def _mini_with_real_ontology(tmp_path: Path, project) -> Path:
    mini = mini_project(tmp_path)
    shutil.rmtree(mini.ontology)
    shutil.copytree(project.ontology, mini.ontology)
    return mini.root


def test_reason_prints_inferred_types_and_values(tmp_path, project):
    root = _mini_with_real_ontology(tmp_path, project)
    done = _run("reason", "--root", str(root), "--format", "tsv")
    assert done.returncode == 0, done.stderr
    assert "consistent (hermit" in done.stderr
    lines = done.stdout.splitlines()
    riverton = "<https://w3id.org/c2c-kg/id/municipality/xa/riverton>"
    ontology = "<https://w3id.org/c2c-kg/ontology#"
    assert f'"type"\t{riverton}\t<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>\t' \
           f"{ontology}FourthPillarActor>" in lines
    hillcrest = "<https://w3id.org/c2c-kg/id/municipality/xb/hillcrest>"
    assert f'"value"\t{hillcrest}\t{ontology}partnerOf>\t{riverton}' in lines


def test_reason_writes_turtle_to_a_file(tmp_path, project):
    root = _mini_with_real_ontology(tmp_path, project)
    target = tmp_path / "inferred.ttl"
    done = _run("reason", "--root", str(root), "--output", str(target))
    assert done.returncode == 0, done.stderr
    from rdflib import Graph, URIRef
    from rdflib.namespace import RDF

    graph = Graph().parse(target)
    assert (URIRef("https://w3id.org/c2c-kg/id/municipality/xb/lakeside"), RDF.type,
            URIRef("https://w3id.org/c2c-kg/ontology#FourthPillarActor")) in graph


def test_reason_exits_1_and_names_the_clash_when_inconsistent(tmp_path, project):
    root = _mini_with_real_ontology(tmp_path, project)
    records = root / "data" / "records" / "partnerships.yaml"
    records.write_text(records.read_text(encoding="utf-8") + (
        "- id: partnership/riverton-xland\n"
        "  type: MunicipalPartnership\n"
        "  label: Riverton–Xland\n"
        "  partner: [municipality/xa/riverton, country/xa]\n"), encoding="utf-8")
    done = _run("reason", "--root", str(root))
    assert done.returncode == 1
    assert "inconsistent" in done.stderr
    assert "id:country/xa is both c2c:Actor" in done.stderr


def test_reason_refuses_an_unknown_reasoner(tmp_path, project):
    root = _mini_with_real_ontology(tmp_path, project)
    done = _run("reason", "--root", str(root), "--reasoner", "fact")
    assert done.returncode == 2
    assert "hermit, pellet" in done.stderr
