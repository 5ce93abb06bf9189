"""Many sources: each evidence item names or inherits its source; offsets per source."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import pytest
from helpers import mini_project, run_cli
from rdflib import URIRef

from c2c_kg.errors import DataError, InputError
from c2c_kg.graph.build import assemble
from c2c_kg.project import Project
from c2c_kg.terms import OA, PROV, SOURCE

#: A second made-up source, written for this test (it shares one phrase with source.txt).
SECOND = (
    "Notes on a second visit\n"
    "Hillcrest and Riverton met again in 1995 to compare their sorting of waste.\n"
    "The town of Riverton signed a new accord with Hillcrest.\n"
    "Zedport joined the talks as an observer.\n"
)
AT = SECOND.index("The town of Riverton signed")  # 100; the same phrase is at 30 in source.txt
#: an anchor's passage is the sentence around it
SENTENCE = "The town of Riverton signed a new accord with Hillcrest."
AT_END = AT + len(SENTENCE)


def _two_source_project(tmp_path: Path) -> tuple[Project, Path, Path]:
    """The mini project with a second source, cited three ways (item, file header, folder)."""
    project = mini_project(tmp_path)
    records = project.data / "records"
    second = project.root / "second.txt"
    second.write_text(SECOND, encoding="utf-8")
    digest = hashlib.sha256(second.read_bytes()).hexdigest()
    with (records / "sources.yaml").open("a", encoding="utf-8") as out:
        out.write(f"- id: src:second\n  type: bibo:Document\n  title: Second made-up text\n"
                  f"  sha256: {digest}\n")
    # 1. an evidence item naming its source
    partnerships = records / "partnerships.yaml"
    partnerships.write_text(partnerships.read_text(encoding="utf-8").replace(
        'evidence: ["friendship pact with Hillcrest in 1980"]',
        'evidence: ["friendship pact with Hillcrest in 1980", '
        '{anchor: "met again in 1995", source: src:second}]'), encoding="utf-8")
    # 2. a file whose header names the source of all its evidence
    (records / "visit.yaml").write_text(
        "evidence:\n  source: src:second\n---\n"
        "- id: country/xc\n  type: Country\n  label: Zland\n"
        '  evidence: ["The town of Riverton signed"]\n', encoding="utf-8")
    # 3. a folder whose _defaults.yaml names it
    (records / "second").mkdir()
    (records / "second" / "_defaults.yaml").write_text("evidence:\n  source: second\n",
                                                       encoding="utf-8")
    (records / "second" / "places.yaml").write_text(
        "- id: municipality/xc/zedport\n  type: Municipality\n  label: Zedport\n"
        "  country: country/xc\n  evidence: [{lines: 4-4}, \"joined the talks\"]\n",
        encoding="utf-8")
    return project, project.root / "source.txt", second


def _span(built, source: str, key: str) -> tuple[int, int]:
    return built.offsets[(source, key)]


def test_each_passage_points_at_its_own_source_with_its_offsets(tmp_path):
    project, first, second = _two_source_project(tmp_path)
    built = assemble(project, [first, second], reason=False)
    one, two = first.read_text(encoding="utf-8"), SECOND
    assert built.sources_checked == ["mini", "second"]
    expected = {
        ("mini", "friendship pact with Hillcrest in 1980"): one,
        ("mini", "The town of Riverton signed"): one,
        ("second", "met again in 1995"): two,
        ("second", "The town of Riverton signed"): two,
        ("second", "joined the talks"): two,
    }
    for (source, key), text in expected.items():
        start, end = _span(built, source, key)
        assert key in text[start:end] and text[start:end].endswith("."), (source, key)
    # the same phrase in two sources: two passages, each at its own place
    assert _span(built, "mini", "The town of Riverton signed") == (30, 99)
    assert _span(built, "second", "The town of Riverton signed") == (AT, AT_END)
    start, end = _span(built, "second", "lines 4-4")
    assert two[start:end] == "Zedport joined the talks as an observer."

    provenance = built.graphs["provenance"]
    zland = URIRef("https://w3id.org/c2c-kg/id/country/xc")
    (passage,) = provenance.objects(zland, PROV.wasDerivedFrom)
    assert str(passage) == f"{SOURCE}second/passage/{AT}-{AT_END}"
    assert provenance.value(passage, OA.hasSource) == SOURCE["second"]
    riverton = URIRef("https://w3id.org/c2c-kg/id/municipality/xa/riverton")
    (passage,) = provenance.objects(riverton, PROV.wasDerivedFrom)
    assert provenance.value(passage, OA.hasSource) == SOURCE["mini"]
    hillcrest = URIRef("https://w3id.org/c2c-kg/id/partnership/riverton-hillcrest")
    sources = {str(provenance.value(p, OA.hasSource))
               for p in provenance.objects(hillcrest, PROV.wasDerivedFrom)}
    assert sources == {f"{SOURCE}mini", f"{SOURCE}second"}


def test_offsets_without_one_source_come_from_the_table(tmp_path):
    """Resolving only the second source keeps the first one's offsets from data/evidence.tsv."""
    project, first, second = _two_source_project(tmp_path)
    full = assemble(project, [first, second], reason=False)
    with (project.data / "evidence.tsv").open("a", encoding="utf-8") as out:
        for (source, key), (start, end) in full.offsets.items():
            if source == "second":
                out.write(f"{start}\t{end}\t{source}\t{key}\n")
    only_second = assemble(project, [second], reason=False)
    assert only_second.offsets == full.offsets
    assert assemble(project, reason=False).offsets == full.offsets


def test_build_command_takes_several_sources_and_writes_offsets_per_source(tmp_path):
    project, first, second = _two_source_project(tmp_path)
    done = run_cli("build", "--root", str(project.root), "--store", str(tmp_path / "store"),
                   "--out", str(tmp_path / "out"), "--no-reason",
                   "--source", str(first), "--source", str(second))
    assert done.returncode == 0, done.stderr
    with (project.data / "evidence.tsv").open(encoding="utf-8", newline="") as handle:
        rows = {(r["source"], r["key"]): (int(r["start"]), int(r["end"]))
                for r in csv.DictReader(handle, delimiter="\t")}
    assert rows[("second", "The town of Riverton signed")] == (AT, AT_END)
    assert rows[("mini", "The town of Riverton signed")] == (30, 99)
    assert {s for s, _ in rows} == {"mini", "second"}


def test_evidence_without_a_source_says_how_to_name_one(tmp_path):
    project, _, _ = _two_source_project(tmp_path)
    (project.data / "records" / "_defaults.yaml").unlink()
    places = project.data / "records" / "places.yaml"
    with pytest.raises(DataError) as info:
        assemble(project, reason=False)
    assert str(info.value).startswith(f"{project.data / 'records' / 'partnerships.yaml'}:8: "
                                      f"evidence of partnership/riverton-hillcrest names no "
                                      f"source")
    assert "_defaults.yaml" in str(info.value)
    assert places.exists()


def test_evidence_citing_an_undescribed_source_is_refused(tmp_path):
    project, _, _ = _two_source_project(tmp_path)
    visit = project.data / "records" / "visit.yaml"
    visit.write_text(visit.read_text(encoding="utf-8").replace("src:second", "src:third"),
                     encoding="utf-8")
    with pytest.raises(DataError, match=rf"{visit}:7: .*cites the source 'third'"):
        assemble(project, reason=False)


def test_bad_defaults_file_is_refused(tmp_path):
    project, _, _ = _two_source_project(tmp_path)
    defaults = project.data / "records" / "second" / "_defaults.yaml"
    defaults.write_text("evidence:\n  sources: second\n", encoding="utf-8")
    with pytest.raises(DataError, match=rf"{defaults}:1: defaults are a mapping"):
        assemble(project, reason=False)


def test_two_records_with_one_checksum_are_refused(tmp_path):
    project, _, _ = _two_source_project(tmp_path)
    sources = project.data / "records" / "sources.yaml"
    text = sources.read_text(encoding="utf-8")
    mini_sum = text.split("sha256: ")[1].split()[0]
    second_sum = text.split("sha256: ")[2].split()[0]
    sources.write_text(text.replace(second_sum, mini_sum), encoding="utf-8")
    with pytest.raises(DataError, match="src:second gives the same sha256 as src:mini"):
        assemble(project, reason=False)


def test_missing_source_file_is_a_clear_input_error(tmp_path):
    project = mini_project(tmp_path)
    with pytest.raises(InputError, match=r"missing\.txt does not exist"):
        assemble(project, [tmp_path / "missing.txt"], reason=False)
