"""The build: records to named graphs, validation before any write, atomic replacement."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import mini_project

from c2c_kg.errors import DataError, InputError
from c2c_kg.graph.build import assemble
from c2c_kg.store.embedded import replace_graphs
from c2c_kg.store.engines import EmbeddedEngine
from c2c_kg.store.load import build
from c2c_kg.terms import GRAPHS


def _count(store: Path, graph: str) -> int:
    engine = EmbeddedEngine(store)
    rows = engine.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    count = int(rows.rows[0]["n"].value)
    del engine
    return count


def test_build_writes_named_graphs_and_exports(tmp_path):
    project = mini_project(tmp_path)
    result = build(project, tmp_path / "store", out_dir=tmp_path / "out", reason=False)
    assert result.records == 8
    assert set(result.sizes) == {GRAPHS[g] for g in ("schema", "vocabularies", "data",
                                                    "provenance")}
    assert result.sizes[GRAPHS["data"]] > 10
    assert (tmp_path / "out" / "c2c-kg.trig").stat().st_size > 0
    assert (tmp_path / "out" / "c2c-kg.nq").read_bytes().count(b"\n") == sum(result.sizes.values())


def test_links_are_split_into_their_own_graph(tmp_path):
    project = mini_project(tmp_path)
    places = project.data / "records" / "places.yaml"
    places.write_text(places.read_text().replace(
        "  label: Xland\n", "  label: Xland\n  sameAs: wd:Q55\n"), encoding="utf-8")
    built = assemble(project, reason=False)
    links = built.graphs["links"]
    assert len(links) == 1
    assert "http://www.wikidata.org/entity/Q55" in {str(o) for o in links.objects()}
    assert not any("wikidata" in str(o) for o in built.graphs["data"].objects())


def test_evidence_becomes_passages_with_offsets(tmp_path):
    project = mini_project(tmp_path)
    source = project.root / "source.txt"
    text = source.read_text(encoding="utf-8")
    built = assemble(project, [source], reason=False)
    # an anchor's passage is the whole sentence that holds it (graph/sentences.py)
    sentence = "The town of Riverton signed a friendship pact with Hillcrest in 1980."
    start, end = built.offsets[("mini", "friendship pact with Hillcrest in 1980")]
    assert text[start:end] == sentence
    quotes = {str(o) for o in built.graphs["provenance"].objects()
              if "Hillcrest in 1980" in str(o)}
    assert quotes == {sentence}
    # a line range selects whole lines
    start, end = built.offsets[("mini", "lines 4-5")]
    assert text[start:end].splitlines() == text.splitlines()[3:5]


def test_anchor_across_a_line_break_is_found(tmp_path):
    project = mini_project(tmp_path)
    source = project.root / "source.txt"
    records = project.data / "records" / "partnerships.yaml"
    records.write_text(records.read_text().replace(
        '["keeps a link with Lakeside"]', '["with Lakeside. Lakeside and"]'), encoding="utf-8")
    built = assemble(project, [source], reason=False)
    start, end = built.offsets[("mini", "with Lakeside. Lakeside and")]
    assert "\n" in source.read_text()[start:end]


@pytest.mark.parametrize(("anchor", "problem"), [
    ("a link with Atlantis", "is not found"),
    ("Riverton", "occurs 3 times"),
])
def test_bad_anchor_fails_naming_the_record(tmp_path, anchor, problem):
    project = mini_project(tmp_path)
    records = project.data / "records" / "partnerships.yaml"
    records.write_text(records.read_text().replace(
        '"keeps a link with Lakeside"', f'"{anchor}"'), encoding="utf-8")
    with pytest.raises(DataError) as info:
        assemble(project, [project.root / "source.txt"], reason=False)
    assert "partnership/riverton-lakeside" in str(info.value)
    assert problem in str(info.value)


def test_long_anchor_is_refused(tmp_path):
    project = mini_project(tmp_path)
    records = project.data / "records" / "partnerships.yaml"
    long = "one two three four five six seven eight nine ten eleven twelve"
    records.write_text(records.read_text().replace('"keeps a link with Lakeside"', f'"{long}"'),
                       encoding="utf-8")
    with pytest.raises(DataError, match="12 words"):
        assemble(project, reason=False)


def test_unknown_source_file_is_refused(tmp_path):
    project = mini_project(tmp_path)
    other = tmp_path / "other.txt"
    other.write_text("some other text\n", encoding="utf-8")
    with pytest.raises(InputError, match="not a source document"):
        assemble(project, [other], reason=False)


def test_missing_offsets_without_source_say_how_to_fix(tmp_path):
    project = mini_project(tmp_path)
    (project.data / "evidence.tsv").unlink()
    with pytest.raises(DataError, match="--source"):
        assemble(project, reason=False)


def test_violation_prints_report_and_writes_nothing(tmp_path):
    project = mini_project(tmp_path)
    store = tmp_path / "store"
    build(project, store, out_dir=tmp_path / "out", reason=False)
    before = (tmp_path / "out" / "c2c-kg.nq").read_bytes()
    data_before = _count(store, GRAPHS["data"])
    records = project.data / "records" / "places.yaml"
    records.write_text(records.read_text().replace("  country: country/xb\n", "", 1),
                       encoding="utf-8")
    with pytest.raises(DataError) as info:
        build(project, store, out_dir=tmp_path / "out", reason=False)
    assert "A municipality needs a country record." in str(info.value)
    assert "id:municipality/xb/hillcrest" in str(info.value)
    assert (tmp_path / "out" / "c2c-kg.nq").read_bytes() == before
    assert _count(store, GRAPHS["data"]) == data_before


def test_rebuild_replaces_graphs_and_keeps_other_graphs(tmp_path):

    project = mini_project(tmp_path)
    store_path = tmp_path / "store"
    build(project, store_path, out_dir=tmp_path / "out", reason=False)
    # another writer (contributions, say) adds a graph of its own through the same write path
    replace_graphs(store_path, {"https://example.org/contribution/1":
                                b'<https://example.org/a> <https://example.org/p> "kept" .\n'})
    records = project.data / "records" / "partnerships.yaml"
    records.write_text(records.read_text().replace("Riverton–Lakeside", "Riverton and Lakeside"),
                       encoding="utf-8")
    build(project, store_path, out_dir=tmp_path / "out", reason=False)
    engine = EmbeddedEngine(store_path)
    labels = {r["l"].value for r in engine.select(
        "SELECT ?l WHERE { ?p a c2c:MunicipalPartnership ; rdfs:label ?l }").rows}
    assert labels == {"Riverton–Hillcrest", "Riverton and Lakeside"}
    kept = engine.select("SELECT ?o WHERE { GRAPH <https://example.org/contribution/1> "
                         "{ ?s ?p ?o } }").rows
    assert [r["o"].value for r in kept] == ["kept"]
    staging = engine.select("SELECT ?g WHERE { GRAPH ?g { } FILTER(CONTAINS(STR(?g), "
                            "'staging')) }").rows
    assert staging == []


def test_rebuild_without_change_gives_identical_exports(tmp_path):
    project = mini_project(tmp_path)
    build(project, tmp_path / "s1", out_dir=tmp_path / "o1", reason=False)
    build(project, tmp_path / "s2", out_dir=tmp_path / "o2", reason=False)
    for name in ("c2c-kg.trig", "c2c-kg.nq"):
        assert (tmp_path / "o1" / name).read_bytes() == (tmp_path / "o2" / name).read_bytes()
