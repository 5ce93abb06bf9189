"""The command line: outputs, exit codes and one-paragraph errors without tracebacks."""

from __future__ import annotations

import csv
import io
import json
import os

import pytest
from helpers import build_mini, mini_project, run_subprocess
from helpers import run_cli as run


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_mini(tmp_path_factory.mktemp("cli"))


def test_build_reports_graphs(built):
    _project, store = built
    assert (store).is_dir()


def test_query_formats(built):
    project, store = built
    common = ("--root", str(project.root), "--store", str(store), "-p", "country_a=id:country/xa",
              "-p", "country_b=id:country/xb")
    as_json = json.loads(run("query", "partnerships", *common, "-f", "json").stdout)
    assert as_json["head"]["vars"] == ["partnership", "partner_a", "partner_b", "start", "status"]
    years = [b["start"] for b in as_json["results"]["bindings"] if "start" in b]
    assert years == [{"type": "literal", "value": "1980",
                      "datatype": "http://www.w3.org/2001/XMLSchema#gYear"}]
    rows = list(csv.DictReader(io.StringIO(run("query", "partnerships", *common, "-f",
                                               "csv").stdout)))
    assert sorted(r["partner_b"] for r in rows) == ["Hillcrest", "Lakeside"]
    tsv = run("query", "partnerships", *common, "-f", "tsv").stdout.splitlines()
    assert tsv[0].split("\t")[0] == "?partnership"
    assert any('"1980"^^<http://www.w3.org/2001/XMLSchema#gYear>' in line for line in tsv)
    markdown = run("query", "partnerships", *common, "-f", "markdown").stdout
    assert markdown.startswith("| partnership | partner_a |")
    table = run("query", "partnerships", *common).stdout
    assert "Hillcrest" in table and "2 row(s)" in table


def test_list_shows_parameters(built):
    project, _ = built
    out = run("query", "--list", "--root", str(project.root)).stdout
    assert "by_year" in out and "--param since=<gYear> = 1900" in out


def test_adhoc_sparql(built, tmp_path):
    _project, store = built
    out = run("sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?p a c2c:MunicipalPartnership }",
              "--store", str(store), "-f", "csv").stdout
    assert out.splitlines() == ["n", "2"]
    file = tmp_path / "q.rq"
    file.write_text("# param: name (string) = Lakeside\n"
                    "SELECT ?m WHERE { ?m rdfs:label ?l FILTER(str(?l) = ?name) }\n")
    out = run("sparql", "--file", str(file), "--store", str(store), "-f", "csv").stdout
    assert out.splitlines()[1:] == ["https://w3id.org/c2c-kg/id/municipality/xb/lakeside"]


def test_export_formats_and_graph_selection(built, tmp_path):
    _project, store = built
    for fmt in ("turtle", "ntriples", "jsonld", "trig", "nquads"):
        out = tmp_path / f"x.{fmt}"
        done = run("export", "--format", fmt, "--output", str(out), "--store", str(store))
        assert done.returncode == 0, done.stderr
        assert out.stat().st_size > 100
    data_only = tmp_path / "data.nt"
    run("export", "-f", "ntriples", "--graph", "data", "-o", str(data_only), "--store", str(store))
    text = data_only.read_text()
    assert "Riverton" in text and "TextPositionSelector" not in text


def test_export_gets_the_usual_file_permissions(built, tmp_path):
    """An export is readable by others like any file the user writes, not owner-only."""
    _project, store = built
    out = tmp_path / "shared.nq"
    assert run("export", "-f", "nquads", "-o", str(out), "--store", str(store)).returncode == 0
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask


def test_stats(built):
    _project, store = built
    out = run("stats", "--store", str(store), "-f", "csv").stdout
    assert "https://w3id.org/c2c-kg/graph/data," in out
    assert "https://w3id.org/c2c-kg/ontology#MunicipalPartnership,2" in out


@pytest.mark.parametrize(("args", "code", "words"), [
    (("query", "nope"), 2, "no stored query named 'nope'"),
    (("query", "by_year", "-p", "since=soon"), 2, "not a valid gYear"),
    (("query", "by_year", "-f", "yaml"), 2, "Unknown output format"),
    (("sparql", "SELECT * WHERE { SERVICE <http://e/> { ?s ?p ?o } }"), 2, "SERVICE"),
    (("sparql", "SELECT * WHERE { ?s ?p }"), 2, "not valid SPARQL"),
    (("sparql", "SELECT * WHERE {\n  ?s ?p }"), 2, "line 2, column 10, after '?s ?p }'"),
    (("sparql", "SELECT * WHERE { ?s nope:p ?o }"), 2, "prefix that is not declared"),
    (("export", "-f", "rdfxml", "-o", "x"), 2, "Unknown export format"),
])
def test_errors_are_one_paragraph_with_exit_code(built, args, code, words):
    project, store = built
    done = run(*args, "--root", str(project.root), "--store", str(store))
    assert done.returncode == code
    assert words in done.stderr
    assert "Traceback" not in done.stderr and "expected one of" not in done.stderr
    assert done.stderr.strip().count("\n") == 0


def test_missing_store_is_a_clear_error(built, tmp_path):
    project, _ = built
    done = run("query", "by_year", "--root", str(project.root), "--store", str(tmp_path / "none"))
    assert done.returncode == 2
    assert "There is no c2c-kg store" in done.stderr and "c2c-kg build" in done.stderr


def test_invalid_data_exits_1_and_malformed_input_exits_2(tmp_path):
    project = mini_project(tmp_path)
    places = project.data / "records" / "places.yaml"
    original = places.read_text()
    places.write_text(original.replace("  country: country/xa\n", ""), encoding="utf-8")
    done = run("build", "--root", str(project.root), "--store", str(tmp_path / "s"), "--no-reason")
    assert done.returncode == 1 and "needs a country" in done.stderr
    places.write_text(original + "- id: [unclosed\n", encoding="utf-8")
    done = run("build", "--root", str(project.root), "--store", str(tmp_path / "s"), "--no-reason")
    assert done.returncode == 2 and "places.yaml" in done.stderr and "malformed YAML" in done.stderr
    assert not (tmp_path / "s").exists()


def test_unknown_field_names_record_and_field(tmp_path):
    project = mini_project(tmp_path)
    places = project.data / "records" / "places.yaml"
    places.write_text(places.read_text().replace("  label: Riverton\n",
                                                 "  label: Riverton\n  popluation: 5\n"))
    done = run("build", "--root", str(project.root), "--store", str(tmp_path / "s"), "--no-reason")
    assert done.returncode == 1
    assert "municipality/xa/riverton" in done.stderr and "popluation" in done.stderr
    assert "places.yaml:10" in done.stderr  # the line of the misspelt field itself


def test_the_installed_entry_point_runs_in_a_fresh_interpreter():
    """The one subprocess smoke test: ``python -m c2c_kg.cli`` answers as the command would."""
    done = run_subprocess("--help")
    assert done.returncode == 0
    for command in ("build", "query", "sparql", "export", "stats"):
        assert command in done.stdout


def test_bare_command_shows_help_and_succeeds_and_version_is_known():
    from c2c_kg import __version__

    done = run()
    assert done.returncode == 0 and "Commands:" in done.stdout and "query" in done.stdout
    assert run("--version").stdout.strip() == f"c2c-kg {__version__}"


@pytest.mark.parametrize("command", ["build", "query", "sparql", "export", "stats", "publish",
                                     "status", "reason", "check", "docs"])
def test_help_has_placeholders_not_python_types(command):
    done = run(command, "--help")
    assert done.returncode == 0
    for python_type in ("<list[", "<float>", "<int>", "<path>", "<str>", "<bool>"):
        assert python_type not in done.stdout, python_type


def test_the_command_list_is_not_cut_short():
    listing = run("--help").stdout.split("Commands:")[1]
    assert "..." not in listing
    assert "write the store and exports." in " ".join(listing.split())


def test_a_stored_query_says_which_parameters_it_used(built):
    project, store = built
    common = ("--root", str(project.root), "--store", str(store), "-f", "csv")
    done = run("query", "partnerships", *common)
    assert done.stderr.splitlines() == [
        "partnerships: country_a=id:country/nl country_b=id:country/tr "
        "(defaults; change them with -p NAME=VALUE)"]
    done = run("query", "partnerships", *common, "-p", "country_a=id:country/xa")
    assert "country_a=id:country/xa country_b=id:country/tr (defaults for country_b)" in \
        done.stderr


def test_off_a_terminal_a_table_keeps_each_row_on_one_line(built):
    project, store = built
    long = "x" * 150
    done = run("sparql", "SELECT ?m ?long WHERE { ?m a c2c:Municipality ; rdfs:label ?label "
               f'BIND("{long}" AS ?long) }}', "--root", str(project.root), "--store", str(store))
    lines = [line for line in done.stdout.splitlines() if line.startswith("│")]
    assert len(lines) == 3  # one line per municipality of the mini project, none wrapped
    assert all(long in line for line in lines)
    assert any("id:municipality/xa/riverton" in line for line in lines)
    assert "-f csv" in done.stderr


LEAN = """
import sys
from c2c_kg.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
heavy = sorted({m.split(".")[0] for m in sys.modules} & {"rdflib", "rich", "pyshacl", "curies",
                                                          "owlready2", "requests", "yaml"})
print("loaded:", ",".join(heavy), file=sys.stderr)
"""


def test_a_csv_query_imports_no_rdflib_and_no_rich(built):
    """Start-up: the query path loads only what it needs (a fresh interpreter, to see imports)."""
    import subprocess
    import sys

    project, store = built
    done = subprocess.run([sys.executable, "-c", LEAN, "query", "partnerships", "--root",
                           str(project.root), "--store", str(store), "-f", "csv", "-p",
                           "country_a=id:country/xa", "-p", "country_b=id:country/xb"],
                          capture_output=True, text=True, timeout=120)
    assert "Hillcrest" in done.stdout
    assert "loaded: \n" in done.stderr or done.stderr.rstrip().endswith("loaded:"), done.stderr


def test_help_lists_every_command_in_order_and_a_typo_gets_a_suggestion():
    """The commands are made lazily; the listing and the suggestion still know all of them."""
    from c2c_kg.cli import app

    listing = run("--help").stdout.split("Commands:")[1]
    names = [line.split()[0] for line in listing.splitlines()
             if line.startswith("  ") and line[2:3].strip()]
    defined = [info.name or info.callback.__name__.replace("_", "-")
               for info in app.registered_commands]
    assert names == [*defined, "world"]
    done = run("quer", "partnerships")
    assert done.returncode == 2 and "Did you mean 'query'?" in done.stderr


def test_the_plain_table_is_drawn_as_rich_draws_it():
    """Off a terminal the table is written without rich, to the same characters."""
    from rich.console import Console
    from rich.table import Table

    from c2c_kg.display import plain_table

    names, cells = ["place", "n"], [["İzmit", "1"], ["東京", "22"], ["", "333"]]
    table = Table()
    for name in names:
        table.add_column(name, no_wrap=True)
    for row in cells:
        table.add_row(*row)
    console = Console(width=200, file=io.StringIO(), color_system=None)
    console.print(table)
    assert plain_table(names, cells) == console.file.getvalue()


def test_off_a_terminal_a_table_query_imports_no_rich(built):
    import subprocess
    import sys

    project, store = built
    done = subprocess.run([sys.executable, "-c", LEAN, "query", "partnerships", "--root",
                           str(project.root), "--store", str(store), "-p",
                           "country_a=id:country/xa", "-p", "country_b=id:country/xb"],
                          capture_output=True, text=True, timeout=120)
    assert "Hillcrest" in done.stdout and "row(s)" in done.stdout
    assert "rich" not in done.stderr.split("loaded:")[1], done.stderr
