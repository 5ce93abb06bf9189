"""Contributions in every format: what is read, and where each problem is reported."""

from __future__ import annotations

import json
import zipfile

import pytest
from contribute_helpers import HEADER, ID, PROJECT, check, rules, write
from rdflib import Literal, URIRef

from c2c_kg.contribute import readers
from c2c_kg.errors import InputError

TTL_PREFIXES = """@prefix c2c: <https://w3id.org/c2c-kg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix id: <https://w3id.org/c2c-kg/id/> .
"""


def _ttl(body: str) -> str:
    return TTL_PREFIXES + "\n" + body


GOOD_TTL = _ttl("""<partnership/riverton-springfield> a c2c:MunicipalPartnership ;
    rdfs:label "Riverton–Springfield"@en ;
    c2c:hasPartner <municipality/xa/riverton> , <municipality/xb/springfield> ;
    c2c:startYear "1990"^^xsd:gYear .
""")


# --- valid contributions in each format ------------------------------------------------------

def test_csv_rows_resolve_names_qids_and_cbs_codes(tmp_path):
    path = write(tmp_path, "p.csv", HEADER
                 + "Riverton,Xland,municipality/xb/springfield,,1990,,active,,\n"
                 + "GM0999,,Hillcrest,Yland,1991,,active,,\n"
                 + "Q1000001,,Lakeside,yb,1992,,,,\n".replace("yb", "Yland"))
    outcome = check(path)
    assert outcome.valid, outcome.findings
    partners = {(str(s), str(o)) for s, _, o in outcome.graph.triples(
        (None, URIRef("https://w3id.org/c2c-kg/ontology#hasPartner"), None))}
    assert (ID + "partnership/harbourg-hillcrest", ID + "municipality/xa/harbourg") in partners
    assert (ID + "partnership/harbourg-lakeside", ID + "municipality/xa/harbourg") in partners
    assert {i.origin.row for i in outcome.items} == {2, 3, 4}


def test_xlsx_rows_and_column_letters(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(HEADER.strip().split(","))
    sheet.append(["# comment row", "", "", "", "", "", "", "", ""])
    sheet.append(["Riverton", "Xland", "Springfield", "Yland", 1990, None, "active"])
    sheet.append(["Riverton", "Xland", "Lakeside", "Yland", "19x0", None, "active"])
    path = tmp_path / "p.xlsx"
    book.save(path)
    outcome = check(path)
    found = {(f.rule, f.row, f.column) for f in outcome.findings}
    assert ("ambiguous-name", 3, "partner_b (C)") in found
    assert ("bad-year", 4, "start_year (E)") in found


def test_yaml_records_are_read_with_their_lines(tmp_path):
    path = write(tmp_path, "p.yaml", """\
- id: partnership/riverton-springfield
  type: MunicipalPartnership
  label: Riverton–Springfield
  partner: [municipality/xa/riverton, municipality/xb/springfield]
- id: partnership/riverton-nowhere
  type: MunicipalPartnership
  label: Riverton–Nowhere
  partner: [municipality/xa/riverton, municipality/xb/nowhere]
""")
    outcome = check(path)
    assert ("unknown-reference", None, 5) in rules(outcome)
    assert {i.key: i.origin.line for i in outcome.items} == {
        "partnership/riverton-springfield": 1, "partnership/riverton-nowhere": 5}


@pytest.mark.parametrize("name, text", [
    ("p.ttl", GOOD_TTL),
    ("p.nt", f"<{ID}partnership/riverton-springfield> "
             f"<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
             f"<https://w3id.org/c2c-kg/ontology#MunicipalPartnership> .\n"
             f"<{ID}partnership/riverton-springfield> <http://www.w3.org/2000/01/rdf-schema#label>"
             f" \"R–S\"@en .\n"
             f"<{ID}partnership/riverton-springfield> <https://w3id.org/c2c-kg/ontology#hasPartner>"
             f" <{ID}municipality/xa/riverton> .\n"
             f"<{ID}partnership/riverton-springfield> <https://w3id.org/c2c-kg/ontology#hasPartner>"
             f" <{ID}municipality/xb/springfield> .\n"),
    ("p.rdf", f"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#"
         xmlns:c2c="https://w3id.org/c2c-kg/ontology#">
  <c2c:MunicipalPartnership rdf:about="{ID}partnership/riverton-springfield">
    <rdfs:label xml:lang="en">R–S</rdfs:label>
    <c2c:hasPartner rdf:resource="{ID}municipality/xa/riverton"/>
    <c2c:hasPartner rdf:resource="{ID}municipality/xb/springfield"/>
  </c2c:MunicipalPartnership>
</rdf:RDF>
"""),
    ("p.jsonld", json.dumps({
        "@context": readers.SHIPPED_CONTEXT,
        "@graph": [{"id": "partnership/riverton-springfield", "type": "MunicipalPartnership",
                    "label": "R–S",
                    "partner": ["municipality/xa/riverton", "municipality/xb/springfield"]}]},
        indent=1)),
])
def test_rdf_formats_are_valid_contributions(tmp_path, name, text):
    outcome = check(write(tmp_path, name, text))
    assert outcome.valid, [f.text() for f in outcome.findings]
    assert len(outcome.graph) >= 4
    assert outcome.items[0].origin.line is not None


# --- unreadable files: exit 2 with the position --------------------------------------------

@pytest.mark.parametrize("name, text, position", [
    ("bad.csv", HEADER + 'Riverton,"Xland\n', "bad.csv:2"),
    ("bad.ttl", _ttl("id:x a c2c:MunicipalPartnership ;\n  rdfs:label \"x\"@en\n  c2c:y .\n"),
     "bad.ttl:8:3"),
    ("bad.nt", f"<{ID}a> <{ID}b> <{ID}c> .\n<{ID}a> <{ID}b> \"unclosed .\n", "bad.nt:2:"),
    ("bad.jsonld", '{\n  "@context": {},\n  "x": [1,\n}\n', "bad.jsonld:4:1"),
    ("bad.rdf", "<?xml version='1.0'?>\n<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-"
                "syntax-ns#'>\n<rdf:Description>\n</rdf:RDF>\n", "bad.rdf"),
    ("bad.yaml", "- id: a\n  type: [x\n", "bad.yaml:3"),
])
def test_malformed_files_name_line_and_column(tmp_path, name, text, position):
    with pytest.raises(InputError) as caught:
        check(write(tmp_path, name, text))
    assert position in str(caught.value)
    assert caught.value.exit_code == 2


def test_non_utf8_csv_names_its_line(tmp_path):
    path = write(tmp_path, "latin.csv", HEADER.encode() + "Köln,de,x,y,1990\n".encode("latin-1"))
    with pytest.raises(InputError, match=r"latin.csv:2: not UTF-8"):
        check(path)


def test_unknown_file_type_is_refused(tmp_path):
    with pytest.raises(InputError, match="unknown file type"):
        check(write(tmp_path, "p.docx", "x"))


def test_remote_jsonld_context_is_refused_by_name(tmp_path):
    for document in (
        {"@context": "http://127.0.0.1:9/ctx.jsonld", "@id": "x"},
        {"@context": {}, "@graph": [{"@context": "http://127.0.0.1:9/nested", "@id": "x"}]},
        {"@context": [{"@import": "http://127.0.0.1:9/imp"}], "@id": "x"},
    ):
        path = write(tmp_path, "remote.jsonld", json.dumps(document))
        with pytest.raises(InputError, match=r"http://127\.0\.0\.1:9/") as caught:
            check(path)
        assert "network" in str(caught.value)


def test_rdfxml_external_entities_are_never_resolved(tmp_path):
    secret = write(tmp_path, "secret.txt", "TOP-SECRET")
    path = write(tmp_path, "xxe.rdf", f"""<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY e SYSTEM "file://{secret}">]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#">
  <rdf:Description rdf:about="{ID}partnership/x"><rdfs:label>&e;</rdfs:label></rdf:Description>
</rdf:RDF>
""")
    with pytest.raises(InputError) as caught:
        check(path)
    assert "TOP-SECRET" not in str(caught.value)


def test_yaml_aliases_are_refused_before_expansion(tmp_path):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(8))
    with pytest.raises(InputError, match=r"bomb.yaml:1: YAML anchors and aliases"):
        check(write(tmp_path, "bomb.yaml", "- " + bomb.replace("\n", "\n  ")))


def test_huge_files_are_refused_before_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_BYTES", 1000)
    path = write(tmp_path, "big.csv", HEADER + "Riverton,Xland,Springfield,Yland,1990\n" * 40)
    with pytest.raises(InputError, match=r"over the limit of 1,000 bytes"):
        check(path)


def test_xlsx_zip_bombs_and_non_zips_are_refused(tmp_path, monkeypatch):
    with pytest.raises(InputError, match="not a zip archive"):
        check(write(tmp_path, "fake.xlsx", "partner_a\nRiverton\n"))
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", "0" * 2_000_000)
    monkeypatch.setattr(readers, "MAX_UNPACKED", 1_000_000)
    with pytest.raises(InputError, match="unpacks to 2,000,000 bytes"):
        check(bomb)


def test_too_many_rows_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_ROWS", 3)
    path = write(tmp_path, "rows.csv", HEADER + "Riverton,Xland,Springfield,Yland,1990\n" * 5)
    with pytest.raises(InputError, match="more than 3 rows"):
        check(path)


def test_payloads_in_labels_stay_literals(tmp_path):
    payload = '"; DROP GRAPH <x> ; SELECT * { ?s ?p ?o } <script>alert(1)</script>'
    path = write(tmp_path, "p.csv", HEADER + 'Riverton,Xland,municipality/xb/springfield,,1990,,,,"'
                 + payload.replace('"', '""') + '"\n')
    outcome = check(path)
    notes = list(outcome.graph.objects(None, URIRef("http://www.w3.org/2004/02/skos/core#note")))
    assert notes == [Literal(payload, lang="en")]
    assert all(isinstance(o, Literal) or not str(o).startswith("<") for o in
               outcome.graph.objects())
    assert PROJECT.root.is_dir()


def test_xlsx_entities_are_refused(tmp_path):
    from openpyxl import Workbook

    plain = tmp_path / "plain.xlsx"
    book = Workbook()
    book.active.append(["partner_a", "partner_b"])
    book.active.append(["Riverton", "Hillcrest"])
    book.save(plain)
    evil = tmp_path / "evil.xlsx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(evil, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = b'<!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/hostname">]>' + data
            target.writestr(info, data)
    with pytest.raises(InputError, match=r"evil\.xlsx: not a readable XLSX workbook"):
        check(evil)
