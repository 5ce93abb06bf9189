"""Check that every partnership's evidence passage shows the partnership.

For each record of type ``MunicipalPartnership`` in ``data/records/``, every evidence passage
(offsets from ``data/evidence.tsv``, text from the source document) must name both partners
(a label, alternative label or label in another language of each partner record, compared
without accents and case) or be a table row (one to three whole lines with no sentence punctuation).

The source document is copyrighted and not in the repository, so this runs from ``.ci/run``
rather than from the test suite:

    python tools/check_evidence.py --source ../shared/sources/000_76c4613a20a7ab83.txt

It prints one line per failing passage and exits 1 if there is any, 0 otherwise.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from pathlib import Path

from c2c_kg.graph.evidence import collect_evidence, read_offsets, read_source
from c2c_kg.graph.records import load_context, load_records, record_files
from c2c_kg.project import Project

SENTENCE_END = re.compile(r"[.!?]")


def fold(text: str) -> str:
    """Lower case, accents dropped, white space collapsed."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(plain.lower().split())


def names(body: dict) -> list[str]:
    found: list[str] = []
    for key in ("label", "altLabel", "labels", "prefLabel", "acronym"):
        value = body.get(key)
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, list):
            found.extend(str(v) for v in value)
        elif isinstance(value, dict):
            found.extend(str(v) for v in value.values())
    return [fold(name) for name in found if name]


def is_table_row(text: str, start: int, end: int) -> bool:
    """Whole lines (one to three) without sentence punctuation."""
    passage = text[start:end]
    lines = [line for line in passage.splitlines() if line.strip()]
    whole = (start == 0 or text[start - 1] == "\n") and text[end:].split("\n", 1)[0].strip() == ""
    return whole and 1 <= len(lines) <= 3 and not SENTENCE_END.search(passage)


def problems(root: Path, source: Path, source_id: str = "van-ewijk-2013-ch1") -> list[str]:
    project = Project(root)
    records = load_records(record_files(project), load_context(project.data / "context.jsonld"))
    by_id = {record.id: record for record in records}
    text = read_source(source)
    offsets = read_offsets(project.data / "evidence.tsv")
    partnerships = [r for r in records if r.body.get("type") == "MunicipalPartnership"]
    found: list[str] = []
    for item in collect_evidence(partnerships, source_id):
        if item.cites:
            continue
        start, end = offsets[(item.source, item.key)]
        passage = text[start:end]
        partners = by_id[item.record].body.get("partner", [])
        shown = fold(passage)
        missing = [p for p in partners if not any(n in shown for n in names(by_id[p].body))]
        if missing and not is_table_row(text, start, end):
            found.append(
                f"{item.where}: {item.record}: passage {start}-{end} ({item.key!r}) names "
                f"neither partner {', '.join(missing)} nor is a table row"
            )
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, required=True, help="the source document")
    parser.add_argument("--source-id", default="van-ewijk-2013-ch1", help="its id in the records")
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parents[1])
    args = parser.parse_args()
    found = problems(args.root, args.source, args.source_id)
    for line in found:
        print(line)
    print(f"{len(found)} partnership passage(s) that do not show the partnership", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
