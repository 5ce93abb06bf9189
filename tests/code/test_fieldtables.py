"""The field tables of docs/curating.md are generated from the shapes and kept current."""

from __future__ import annotations

from pathlib import Path

from helpers import mini_project

from c2c_kg.graph.fieldtables import BEGIN, END, field_tables, generated_part, update_doc
from c2c_kg.project import Project

ROOT = Path(__file__).resolve().parents[2]


def test_committed_curating_doc_has_the_generated_tables():
    expected = field_tables(Project(ROOT))
    assert generated_part(ROOT / "docs" / "curating.md") == expected, (
        "docs/curating.md is out of date: run 'python -m c2c_kg.graph.fieldtables'")
    assert "### type: `MunicipalPartnership`" in expected


def _table(markdown: str, kind: str) -> list[str]:
    block = markdown.split(f"### type: `{kind}`\n", 1)[1].split("\n### ", 1)[0]
    return [line for line in block.splitlines() if line.startswith("| `")]


def test_rows_come_from_the_shapes(tmp_path):
    project = mini_project(tmp_path)
    tables = field_tables(project)
    assert _table(tables, "Municipality") == [
        # no definition in the ontology: the shape's message
        "| `label` / `labels` | `rdfs:label` | 1 | any | any | A municipality needs a label. |",
        # the ontology's rdfs:comment of c2c:country
        "| `country` | `c2c:country` | 1 | any | a c2c:Country record | "
        "The country an actor is located in. |",
    ]
    partnership = _table(tables, "MunicipalPartnership")
    assert partnership[0].startswith("| `partner` | `c2c:hasPartner` | 2 | any |")
    assert partnership[1].startswith("| `evidence` | `prov:wasDerivedFrom` | 1 | any | "
                                     "a oa:SpecificResource record |")


def test_a_changed_shape_changes_the_doc(tmp_path):
    project = mini_project(tmp_path)
    doc = tmp_path / "curating.md"
    doc.write_text(f"# Curating\n\n{BEGIN}\n{END}\nafter\n", encoding="utf-8")
    assert update_doc(doc, project) is True
    assert update_doc(doc, project) is False
    assert doc.read_text(encoding="utf-8").endswith(f"{END}\nafter\n")
    shapes = project.shapes / "mini.ttl"
    shapes.write_text(shapes.read_text(encoding="utf-8").replace(
        "sh:path c2c:hasPartner ; sh:minCount 2", "sh:path c2c:hasPartner ; sh:minCount 3"),
        encoding="utf-8")
    assert generated_part(doc) != field_tables(project)
    assert update_doc(doc, project) is True
    assert "| `partner` | `c2c:hasPartner` | 3 |" in generated_part(doc)
