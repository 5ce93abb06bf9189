"""tools/check_evidence.py on a made-up project: a partnership passage must name both partners
or be a table row. The source text below is written for this test."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCE = (
    "Harbourton and Dunmere signed a pact in 1990. \n"
    "\n"
    "Harbourton Dunmere \n"
    "The towns met again later. \n"
)
RECORDS = """
- id: municipality/nl/harbourton
  type: Municipality
  label: Harbourton
- id: municipality/gb/dunmere
  type: Municipality
  label: Dunmere
- id: partnership/harbourton-dunmere
  type: MunicipalPartnership
  label: Harbourton–Dunmere link
  partner: [municipality/nl/harbourton, municipality/gb/dunmere]
  evidence: ["signed a pact", "Harbourton Dunmere", "met again"]
"""


def load_tool():
    path = ROOT / "tools" / "check_evidence.py"
    spec = importlib.util.spec_from_file_location("check_evidence", path)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def project(tmp_path: Path, offsets: dict[str, tuple[int, int]]) -> tuple[Path, Path]:
    (tmp_path / "data" / "records").mkdir(parents=True)
    shutil.copy(ROOT / "data" / "context.jsonld", tmp_path / "data" / "context.jsonld")
    (tmp_path / "data" / "records" / "links.yaml").write_text(RECORDS, encoding="utf-8")
    rows = ["start\tend\tsource\tkey"]
    rows += [f"{a}\t{b}\ttest-doc\t{k}" for k, (a, b) in offsets.items()]
    (tmp_path / "data" / "evidence.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    source = tmp_path / "source.txt"
    source.write_text(SOURCE, encoding="utf-8")
    return tmp_path, source


def span(phrase: str) -> tuple[int, int]:
    start = SOURCE.index(phrase)
    return start, start + len(phrase)


def test_sentences_and_table_rows_pass(tmp_path):
    root, source = project(tmp_path, {
        "signed a pact": (0, SOURCE.index("1990.") + 5),
        "Harbourton Dunmere": span("Harbourton Dunmere"),
        "met again": span("The towns met again later."),
    })
    found = load_tool().problems(root, source, "test-doc")
    assert len(found) == 1  # 'The towns met again later.' names neither partner
    assert "partnership/harbourton-dunmere" in found[0] and "met again" in found[0]


def test_a_bare_anchor_fails(tmp_path):
    root, source = project(tmp_path, {
        "signed a pact": span("signed a pact"),
        "Harbourton Dunmere": span("Harbourton Dunmere"),
        "met again": span("The towns met again later."),
    })
    found = load_tool().problems(root, source, "test-doc")
    assert len(found) == 2
    assert any("signed a pact" in line for line in found)
