"""Precision, recall and speed of the linker (``c2c_kg.link``) on real data.

1. **TOOI.** Every Dutch place name in ``../shared/data/1_twinning/`` (the Wikidata list of Dutch
   sister cities, the Wikipedia lists, the German RGRE list's Dutch partners) is reconciled
   against the TOOI municipality register; the answers are compared with the hand-checked
   ``tests/fixtures/link/gold_tooi.csv``.
2. **Wikidata.** Our own municipalities and countries (``data/records``) are reconciled against
   the names table ``wikidata_p190_names.tsv`` (with the P190 relations for the twin feature) and
   compared with ``tests/fixtures/link/gold_wikidata.csv``.
3. **Speed.** The partner places of the 5,880 rows of the German list are reconciled against the
   names table (10k items), on a fresh index with empty caches; the baseline, measured in the
   same run, is an exact lookup of the folded names only (a dictionary hit per row), so the
   ratio is the price of fuzzy matching and scoring.

Precision = right matches / matches made; recall = right matches / names that have an answer.
A match where the answer is "none" counts against precision.

    python benchmarks/linking.py [--data ../shared/data] [--threshold 90]
"""

from __future__ import annotations

import argparse
import csv
import time
from pathlib import Path

from c2c_kg.link.files import NamesTable
from c2c_kg.link.model import Query
from c2c_kg.link.names import fold, variants
from c2c_kg.link.project import load_project_records, project_queries
from c2c_kg.link.reconcile import DEFAULT_THRESHOLD, reconcile
from c2c_kg.link.registers import TooiRegister
from c2c_kg.project import Project

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "fixtures" / "link"


def measure(pairs: list[tuple[str, str | None]]) -> str:
    """pairs: (expected or '', matched or None) → 'precision … recall …'."""
    made = [(e, m) for e, m in pairs if m]
    right = sum(1 for e, m in made if e == m)
    answerable = sum(1 for e, _ in pairs if e)
    precision = right / len(made) if made else 1.0
    recall = right / answerable if answerable else 1.0
    wrong = [(e or "none", m) for e, m in made if e != m]
    return (f"{len(pairs)} names, {answerable} with an answer, {len(made)} matched, {right} right"
            f" -> precision {precision:.1%}, recall {recall:.1%}"
            + (f"; wrong: {wrong}" if wrong else ""))


def tooi(data: Path, threshold: float) -> str:
    register = TooiRegister(data / "2_nl_municipalities" / "tooi_rwc_gemeenten_compleet_4.jsonld")
    pairs = []
    with (GOLD / "gold_tooi.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            query = Query(row["name"], row["name"], kind="municipality", country="nl")
            found = [c for c in reconcile(query, register, threshold=threshold) if c.match]
            pairs.append((row["expected"], found[0].id.rsplit("/", 1)[-1] if found else None))
    return measure(pairs)


def wikidata(names: NamesTable, threshold: float) -> str:
    gold = {}
    with (GOLD / "gold_wikidata.csv").open(encoding="utf-8") as handle:
        gold = {row["resource"]: row["expected"] for row in csv.DictReader(handle)}
    queries = [q for q in project_queries(load_project_records(Project(ROOT)))
               if q.id in gold]
    pairs = []
    for query in queries:
        found = [c for c in reconcile(query, names, threshold=threshold) if c.match]
        pairs.append((gold[query.id], found[0].id.rsplit("/", 1)[-1] if found else None))
    return measure(pairs)


def speed(data: Path, names: NamesTable, threshold: float) -> str:
    with (data / "1_twinning" / "de_rgre_partnerships_TwinTowns_clean.csv").open(
            encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    queries = [Query(str(n), r["partnergemeinde"]) for n, r in enumerate(rows)]
    fold.cache_clear()
    start = time.perf_counter()
    exact = sum(1 for q in queries
                if any(f in names.index.by_name for f in variants(q.all_names)))
    baseline = time.perf_counter() - start
    fold.cache_clear()
    names = NamesTable(names.path)  # a fresh index: nothing cached from the tasks before
    start = time.perf_counter()
    matched = sum(1 for q in queries
                  if any(c.match for c in reconcile(q, names, threshold=threshold)))
    took = time.perf_counter() - start
    return (f"{len(rows)} rows: reconciled in {took:.2f} s ({matched} matched); exact lookup "
            f"baseline {baseline:.3f} s ({exact} hits); ratio {took / baseline:.0f}x; "
            f"goal under 10 s: {'met' if took < 10 else 'NOT met'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent.parent / "shared" / "data")
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    args = parser.parse_args()
    data = args.data if args.data.exists() else Path("/work/shared/data")
    start = time.perf_counter()
    names = NamesTable(data / "1_twinning" / "wikidata_p190_names.tsv")
    print(f"names table loaded in {time.perf_counter() - start:.2f} s "
          f"({len(names.index.entities)} items)")
    print(f"TOOI (threshold {args.threshold:g}): {tooi(data, args.threshold)}")
    print(f"Wikidata names table (threshold {args.threshold:g}): "
          f"{wikidata(names, args.threshold)}")
    print(f"Speed: {speed(data, names, args.threshold)}")


if __name__ == "__main__":
    main()
