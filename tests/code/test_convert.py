"""The document converter, on documents written for the tests (tests/fixtures/convert/)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from typer.testing import CliRunner

from c2c_kg.cli import app
from c2c_kg.convert.candidates import Place
from c2c_kg.convert.document import convert_text
from c2c_kg.convert.mentions import Gazetteer, fold
from c2c_kg.convert.rdf import conversion_graph
from c2c_kg.convert.review import review_yaml
from c2c_kg.terms import CITO, DOCO, OA, SOURCE

FIXTURES = Path(__file__).parents[1] / "fixtures" / "convert"
CHAPTER = (FIXTURES / "delta-chapter.txt").read_text(encoding="utf-8")
NOTES = (FIXTURES / "delta-notes.md").read_text(encoding="utf-8")
ID = "https://w3id.org/c2c-kg/id/"
PLACES = {f"{ID}m/{name}": Place(f"{ID}m/{name}", f"{ID}country/{country}")
          for name, country in (("riverton", "aa"), ("lowmoor", "aa"), ("hillcastle", "bb"),
                                ("saltcliff", "bb"))}


def gazetteer() -> Gazetteer:
    return Gazetteer({name.title(): {iri} for iri in PLACES for name in [iri.rsplit("/", 1)[1]]})


@pytest.fixture(scope="module")
def chapter():
    return convert_text(CHAPTER, "text", gazetteer(), PLACES)


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def test_sections_are_numbered_nested_and_located(chapter) -> None:
    sections = chapter.structure.sections
    assert [(s.number, s.parent) for s in sections] == [
        ("2", None), ("2.1", "2"), ("2.1.1", "2.1"), ("2.2", "2")]
    assert CHAPTER[sections[1].start:sections[1].end] == "2.1. Opening remarks"
    assert sections[0].title == "Twinning in a small delta"  # the footnote marker is not title


def test_footnotes_their_markers_and_the_page_number(chapter) -> None:
    structure = chapter.structure
    assert [f.number for f in structure.footnotes] == [1, 2, 3]
    assert [line_of(CHAPTER, f.start) for f in structure.footnotes] == [18, 19, 39]
    refs = {r.number: line_of(CHAPTER, r.start) for r in structure.footnote_refs}
    assert refs == {1: 1, 2: 13, 3: 20}
    assert [n for _, _, n in structure.page_numbers] == [17]


def test_a_paragraph_runs_on_across_a_footnote_block(chapter) -> None:
    texts = [p.joined.text for p in chapter.structure.paragraphs if p.in_footnote is None]
    running = next(t for t in texts if t.startswith("Riverton with"))
    assert "notes, and the towns also formed" in running
    assert running.endswith("at every meeting.")
    assert "statute" not in " ".join(texts)  # footnote text stays out of the running text
    assert "second link was ended" not in " ".join(texts)
    after_page = next(t for t in texts if t.startswith("The table lists"))
    assert "made in 2004, the year" in after_page  # the page number 17 is left out


def test_tables_and_figures(chapter) -> None:
    captions = [(c.kind, c.number, c.title) for c in chapter.structure.captions]
    assert captions == [("table", "2.1", "Partnerships in the delta"),
                        ("figure", "2.1", "A map of the delta")]
    rows = [CHAPTER[s:e] for s, e, table in chapter.structure.table_rows if table == "2.1"]
    assert rows[-1] == "Source: Brook 2004" and "Riverton Hillcastle" in rows


def test_sentences_keep_abbreviations_and_citations_together(chapter) -> None:
    first = chapter.structure.paragraphs[0]
    sentences = [" ".join(CHAPTER[s.start:s.end].split()) for s in first.sentences]
    assert len(sentences) == 1 and sentences[0].endswith("et al. 2010a).")
    second = chapter.structure.paragraphs[1]
    assert len(second.sentences) == 3


def test_citations_with_pages_et_al_secondary_and_in_footnotes(chapter) -> None:
    labels = [(c.citation.label, c.citation.pages, c.citation.secondary) for c in chapter.citations]
    assert ("Brook and Fenn 2004", "12", False) in labels
    assert ("Marsh et al. 2010a", None, False) in labels
    assert ("Brook 1999", None, True) in labels  # cited in Fenn 2006, inside footnote 1
    assert ("Fenn 2006", None, False) in labels
    for placed in chapter.citations:
        assert CHAPTER[placed.start:placed.end].replace("\n", " ").startswith(
            placed.citation.authors[0])


def test_mentions_ignore_case_and_diacritics() -> None:
    found = Gazetteer({"Lüleburgaz": {"x:l"}, "Izmit": {"x:k"}, "Kocaeli": {"x:k"}}).find(
        "From LULEBURGAZ to Izmit, also called Kocaeli.")
    assert [(m.label, m.entities) for m in found] == [
        ("LULEBURGAZ", ("x:l",)), ("Izmit", ("x:k",)), ("Kocaeli", ("x:k",))]
    assert fold("Elazığ") == "elazig"


def test_a_shared_label_names_every_resource_and_the_longest_label_wins() -> None:
    gazetteer = Gazetteer({"Delta": {"x:a", "x:b"}, "Delta Council": {"x:c"}})
    assert [(m.label, m.entities) for m in gazetteer.find("Delta Council met the Delta")] == [
        ("Delta Council", ("x:c",)), ("Delta", ("x:a", "x:b"))]


def test_candidate_partnerships_from_prose_and_table(chapter) -> None:
    pairs = {(frozenset(c.values["partners"]), c.rule) for c in chapter.candidates
             if c.kind == "partnership"}
    found = {pair for pair, _ in pairs}
    assert found == {frozenset({f"{ID}m/riverton", f"{ID}m/hillcastle"}),
                     frozenset({f"{ID}m/lowmoor", f"{ID}m/saltcliff"})}
    assert {rule for _, rule in pairs} == {
        "two places of different countries joined in a sentence", "two countries in a table row"}


def test_periods_figures_and_quotes_are_candidates(chapter) -> None:
    kinds = {c.kind: c for c in chapter.candidates}
    assert kinds["period"].values["start"] == 2001 and kinds["period"].values["end"] == 2005
    assert kinds["figure"].values["value"] == "40"
    quote = kinds["quote"]
    assert CHAPTER[quote.start:quote.end] == "learning from each other as equals"


def test_no_partnership_is_invented_between_places_of_one_country() -> None:
    places = {k: Place(k, f"{ID}country/aa") for k in PLACES}
    found = convert_text(CHAPTER, "text", gazetteer(), places)
    assert not [c for c in found.candidates if c.kind == "partnership"]


def test_the_review_file_holds_records_with_line_evidence_and_no_text(chapter) -> None:
    import yaml

    review = review_yaml(chapter.candidates, CHAPTER, "src:delta")
    records = yaml.safe_load(review)
    partnership = next(r for r in records if r["id"] == "partnership/riverton-hillcastle")
    assert partnership["type"] == "MunicipalPartnership"
    assert partnership["partner"] == ["m/riverton", "m/hillcastle"]
    assert {"lines": "11-11", "source": "src:delta"} in partnership["evidence"]
    assert "learning from each other" not in review


def test_the_graph_uses_doco_cito_and_the_builds_passage_iris(chapter) -> None:
    graph = conversion_graph(chapter, "delta")
    section = next(graph.subjects(DOCO.Section.__class__(str(URIRef(
        "http://purl.org/spar/fabio/hasSequenceIdentifier"))), Literal("2.1")))
    start = next(graph.objects(URIRef(f"{section}#position"), OA.start))
    assert start.datatype.endswith("nonNegativeInteger")
    assert str(section).startswith(f"{SOURCE}delta/passage/")
    footnotes = set(graph.subjects(None, DOCO.Footnote))
    assert len(footnotes) == 3
    cited = {str(o) for o in graph.objects(None, CITO.cites)}
    assert f"{ID}work/brook-2004" in cited and f"{ID}work/marsh-2010a" in cited
    assert (URIRef(f"{ID}work/fenn-2006"), CITO.cites, URIRef(f"{ID}work/brook-1999")) in graph
    literals = " ".join(str(o) for o in graph.objects() if isinstance(o, Literal))
    assert "oldest partnership" not in literals  # no running text unless asked for


def test_markdown_structure_front_matter_code_and_figures() -> None:
    found = convert_text(NOTES, "markdown", gazetteer(), PLACES)
    assert [(s.number, s.title) for s in found.structure.sections] == [
        ("1", "Delta towns"), ("1.1", "Method")]
    assert [(c.kind, c.number) for c in found.structure.captions] == [("figure", "1")]
    assert [c.citation.label for c in found.citations] == ["Brook 2004"]
    pairs = [c.values["partners"] for c in found.candidates if c.kind == "partnership"]
    assert pairs == [(f"{ID}m/riverton", f"{ID}m/hillcastle")]  # not the one in the code block
    assert "title" not in " ".join(p.joined.text for p in found.structure.paragraphs)


def test_cli_converts_a_pdf_and_writes_trig(tmp_path) -> None:
    pdf = tmp_path / "notes.pdf"
    pdf.write_bytes(_pdf("2.1. Delta notes", "Riverton met Hillcastle (Brook 2004)."))
    out = tmp_path / "notes.trig"
    mini = Path(__file__).parents[1] / "fixtures" / "mini"
    result = CliRunner().invoke(app, ["convert", str(pdf), "-o", str(out), "-f", "trig",
                                      "--root", str(mini)])
    assert result.exit_code == 0, result.output
    data = out.read_text(encoding="utf-8")
    assert "graph/document/notes" in data and "work/brook-2004" in data


def test_cli_errors_name_the_file(tmp_path) -> None:
    bad = tmp_path / "notes.docx"
    bad.write_text("x")
    result = _run("convert", str(bad))
    assert result.returncode == 2
    assert "notes.docx" in result.stderr and ".txt" in result.stderr
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 this is not a pdf")
    result = _run("convert", str(broken))
    assert result.returncode == 2 and "broken.pdf" in result.stderr
    assert "Traceback" not in result.stderr


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "c2c_kg.cli", *args], capture_output=True,
                          text=True, timeout=120)


def _pdf(*lines: str) -> bytes:
    """A one-page PDF with ``lines`` of text, built by hand (PDF is a text format)."""
    text = " T* ".join(f"({line}) Tj" for line in lines)
    stream = f"BT /F1 12 Tf 14 TL 72 720 Td {text} ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"\
        .encode()
    return bytes(out)
