"""Record files: one strict libyaml parse with line numbers; duplicates, aliases, bad types."""

from __future__ import annotations

import time

import pytest
import yaml
from helpers import mini_project

from c2c_kg.errors import DataError, InputError
from c2c_kg.graph import yamlfile
from c2c_kg.graph.build import assemble
from c2c_kg.graph.records import load_context, load_records, record_files
from c2c_kg.graph.yamlfile import read_documents

#: The classic "billion laughs" (about 340 bytes here): nine levels of nine aliases, 9**9 strings
#: once expanded (PyYAML keeps them shared, but anything walking the value expands them).
LAUGHS = "\n".join([
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
    *(f"{c}: &{c} [{','.join(['*' + p] * 9)}]"
      for p, c in zip("abcdefgh", "bcdefghi", strict=True)),
]) + "\n"


def _records(tmp_path, text: str):
    path = tmp_path / "r.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_libyaml_parses_the_records():
    assert yaml.__with_libyaml__, "PyYAML without libyaml: record loading falls back to Python"
    assert yamlfile.LIBYAML and issubclass(yamlfile._StrictLoader, yaml.CSafeLoader)


def test_every_record_field_and_evidence_item_has_its_line(tmp_path):
    project = mini_project(tmp_path)
    context = load_context(project.data / "context.jsonld")
    records = load_records(record_files(project), context, project.data / "records")
    lakeside = next(r for r in records if r.id == "partnership/riverton-lakeside")
    path = project.data / "records" / "partnerships.yaml"
    assert lakeside.where == f"{path}:9"
    assert lakeside.lines == {"id": 9, "type": 10, "label": 11, "partner": 12, "status": 13,
                              "evidence": 14}
    assert lakeside.item_lines == {"evidence": (14,)}
    assert lakeside.where_field("status") == f"{path}:13"
    assert lakeside.evidence_source == "mini"


def test_two_evidence_keys_are_refused_naming_the_second(tmp_path):
    path = _records(tmp_path, "- id: a/b\n  type: Country\n  evidence: [x]\n  label: B\n"
                              "  evidence: [y]\n")
    with pytest.raises(InputError) as info:
        read_documents(path)
    assert str(info.value).startswith(f"{path}:5: refused YAML: the key 'evidence' is given "
                                      f"twice in one mapping (first on line 3)")


def test_duplicate_key_in_a_nested_mapping_is_refused(tmp_path):
    path = _records(tmp_path, "- id: a/b\n  labels:\n    en: B\n    en: C\n")
    with pytest.raises(InputError, match=r"r\.yaml:4: .*'en' is given twice"):
        read_documents(path)


def test_alias_bomb_is_refused_at_once_naming_the_line(tmp_path):
    assert LAUGHS.count("*") == 72
    path = _records(tmp_path, "- id: a/b\n  type: Country\n- id: c/d\n  type: Country\n"
                              "  note:\n" + "".join("    " + line + "\n"
                                                    for line in LAUGHS.splitlines()))
    project = mini_project(tmp_path)
    target = project.data / "records" / "bomb.yaml"
    target.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    started = time.perf_counter()
    with pytest.raises(InputError) as info:
        assemble(project, reason=False)
    assert time.perf_counter() - started < 0.5
    assert str(info.value).startswith(f"{target}:6: refused YAML: a YAML anchor ('&a')")


@pytest.mark.parametrize(("text", "line", "what"), [
    ("- id: a/b\n  type: &t Country\n", 2, "anchor ('&t')"),
    ("- id: a/b\n  type: Country\n- id: c/d\n  type: *t\n", 4, "alias ('*t')"),
    ("- id: a/b\n  <<: {type: Country}\n", 2, "merge key"),
])
def test_anchors_aliases_and_merge_keys_are_refused(tmp_path, text, line, what):
    path = _records(tmp_path, text)
    with pytest.raises(InputError) as info:
        read_documents(path)
    assert f"{path}:{line}:" in str(info.value) and what in str(info.value)


def test_absurd_nesting_is_refused_not_a_crash(tmp_path):
    path = _records(tmp_path, "- id: a/b\n  note: " + "[" * 500 + "]" * 500 + "\n")
    with pytest.raises(InputError, match=r"r\.yaml:2: refused YAML: .*nested too deeply"):
        read_documents(path)


def test_malformed_yaml_names_the_line(tmp_path):
    path = _records(tmp_path, "- id: a/b\n  type: [Country\n- id: c\n")
    with pytest.raises(InputError, match=r"r\.yaml:\d+: malformed YAML"):
        read_documents(path)


def test_unknown_field_names_its_line(tmp_path):
    project = mini_project(tmp_path)
    places = project.data / "records" / "places.yaml"
    places.write_text(places.read_text(encoding="utf-8").replace(
        "  label: Yland\n", "  label: Yland\n  lable: Y\n"), encoding="utf-8")
    with pytest.raises(DataError, match=rf"{places}:7: record country/xb has field\(s\) lable"):
        assemble(project, reason=False)


def test_json_ld_keyword_at_top_level_is_refused(tmp_path):
    project = mini_project(tmp_path)
    places = project.data / "records" / "places.yaml"
    places.write_text(places.read_text(encoding="utf-8").replace(
        "  label: Yland\n", "  label: Yland\n  '@vocab': https://example.org/\n"),
        encoding="utf-8")
    with pytest.raises(DataError, match=rf"{places}:7: '@vocab' is a JSON-LD keyword"):
        assemble(project, reason=False)


def test_misspelled_type_is_refused_naming_file_and_line(tmp_path):
    project = mini_project(tmp_path)
    records = project.data / "records" / "partnerships.yaml"
    records.write_text(records.read_text(encoding="utf-8").replace(
        "  type: MunicipalPartnership\n  label: Riverton–Lakeside",
        "  type: MunicipalPartnershipp\n  label: Riverton–Lakeside"), encoding="utf-8")
    with pytest.raises(DataError) as info:
        assemble(project, reason=False)
    assert str(info.value).startswith(
        f"{records}:10: the type 'MunicipalPartnershipp' of partnership/riverton-lakeside is not "
        f"a class the ontology declares. Did you mean MunicipalPartnership?")


def test_type_with_an_undefined_prefix_is_refused(tmp_path):
    project = mini_project(tmp_path)
    sources = project.data / "records" / "sources.yaml"
    sources.write_text(sources.read_text(encoding="utf-8").replace(
        "type: bibo:Document", "type: bibbo:Document"), encoding="utf-8")
    with pytest.raises(DataError, match=rf"{sources}:2: .*prefix 'bibbo'"):
        assemble(project, reason=False)


def test_defaults_file_is_not_a_records_file(tmp_path):
    project = mini_project(tmp_path)
    names = [p.name for p in record_files(project)]
    assert "_defaults.yaml" not in names and "places.yaml" in names


def test_pure_python_fallback_applies_the_same_checks(tmp_path):
    """Without libyaml the loader falls back to PyYAML's SafeLoader, with a warning."""
    import subprocess
    import sys

    path = _records(tmp_path, "- id: a/b\n  type: Country\n  type: Region\n")
    script = (
        "import warnings, yaml\n"
        "yaml.__with_libyaml__ = False\n"
        "with warnings.catch_warnings(record=True) as caught:\n"
        "    warnings.simplefilter('always')\n"
        "    from c2c_kg.graph import yamlfile\n"
        "assert not yamlfile.LIBYAML and 'without libyaml' in str(caught[0].message)\n"
        "assert not issubclass(yamlfile._StrictLoader, yaml.CSafeLoader)\n"
        "from pathlib import Path\n"
        f"yamlfile.read_documents(Path({str(path)!r}))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 1
    assert f"{path}:3: refused YAML: the key 'type' is given twice" in done.stderr
