"""Put the German partnership list through the CSV contribution path and count the verdicts.

    python benchmarks/contribute_german_list.py \
        ../shared/data/1_twinning/de_rgre_partnerships_TwinTowns_clean.csv
    python benchmarks/contribute_german_list.py FILE --with-countries   # needs pycountry

Prints the rows that pass and fail, the failing rows per rule, the seconds per step, and with
``--with-countries`` the same once the partner countries the graph lacks are contributed too (a
YAML file of country records made with pycountry, names it cannot match staying unknown).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections import Counter
from pathlib import Path

from c2c_kg.contribute.joined import join_graph
from c2c_kg.contribute.readers import read_table
from c2c_kg.contribute.validate import check_contribution
from c2c_kg.project import Project

ROOT = Path(__file__).resolve().parents[1]


def countries_file(table_path: Path, joined, folder: Path) -> Path:
    import pycountry
    import yaml

    table = read_table(table_path)
    column = table.headers.index("country")
    names = sorted({cells[column].strip() for _, cells in table.rows if cells[column].strip()})
    records = []
    for name in names:
        if joined.resolve_country(name).iri:
            continue
        try:
            code = pycountry.countries.lookup(name).alpha_2.lower()
        except LookupError:
            continue
        if joined.resolve_country(code).iri is None:
            records.append({"id": f"country/{code}", "type": "Country", "label": name})
    path = folder / "countries.yaml"
    path.write_text(yaml.safe_dump(records, allow_unicode=True), encoding="utf-8")
    return path


def report(label: str, outcome, rows: int, seconds: float) -> None:
    bad = [f for f in outcome.findings if f.severity == "Violation"]
    failing = {f.row for f in bad if f.row}
    print(f"\n{label}: {rows:,} rows, {rows - len(failing):,} pass, {len(failing):,} fail "
          f"({seconds:.1f} s)")
    first_rule = {}
    for f in bad:
        first_rule.setdefault(f.row, f.rule)
    for rule, n in Counter(first_rule.values()).most_common():
        print(f"  {n:>6,} rows  {rule}")
    print("  findings per rule:", dict(Counter(f.rule for f in bad).most_common()))
    unknown = Counter(f.value for f in bad if f.rule == "unknown-country")
    if unknown:
        print(f"  unknown countries ({len(unknown)}):", ", ".join(
            f"{name} {n}" for name, n in unknown.most_common(12)), "…")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--with-countries", action="store_true")
    args = parser.parse_args()
    project = Project(ROOT)
    rows = len(read_table(args.file).rows)

    def step(name: str) -> None:
        print(f"  [{time.perf_counter() - started:6.1f}s] {name}")

    started = time.perf_counter()
    outcome = check_contribution(project, [args.file], join_graph(project), progress=step)
    report("as it is", outcome, rows, time.perf_counter() - started)
    if args.with_countries:
        with tempfile.TemporaryDirectory() as folder:
            joined = join_graph(project)
            extra = countries_file(args.file, joined, Path(folder))
            started = time.perf_counter()
            outcome = check_contribution(project, [extra, args.file], joined, progress=step)
            report("with the missing countries contributed", outcome, rows,
                   time.perf_counter() - started)


if __name__ == "__main__":
    main()
