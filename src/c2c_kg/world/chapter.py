"""Our chapter's partnerships as rows of the world graph, placed like any source's rows.

A partner is named by its Wikidata item where ``data/links/municipalities.csv`` links it, else by
its English label and country (``data/records/municipalities.yaml``), so the reconciler puts it
with the same place the lists name. The line is the record's line in ``partnerships.yaml``.
"""

from __future__ import annotations

import csv
from pathlib import Path

import yaml

from ..errors import InputError
from ..project import Project
from ..terms import ID
from .sources import Row, Side

__all__ = ["CHAPTER", "chapter_rows"]

CHAPTER = "chapter"


def _records(path: Path) -> list[dict]:
    if not path.is_file():
        return []
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) or []
    except yaml.YAMLError as exc:
        raise InputError(f"{path}: cannot be read as YAML: {exc}") from exc
    return [r for r in data if isinstance(r, dict)]


def _lines(path: Path) -> dict[str, int]:
    found = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith("- id:"):
            found[line.split(":", 1)[1].strip()] = number
    return found


def _qids(path: Path) -> dict[str, str]:
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["resource"]: row["identifier"].rsplit("/", 1)[-1]
                for row in csv.DictReader(handle)
                if row.get("scheme") == "wikidata" and row.get("match", "exactMatch")
                == "exactMatch"}


def chapter_rows(project: Project) -> tuple[list[Row], dict[int, str]]:
    """Rows for the curated municipal partnerships, and each row's record IRI by line."""
    records = project.data / "records"
    partnerships = records / "partnerships.yaml"
    places = {r["id"]: r for r in _records(records / "municipalities.yaml")}
    qids = _qids(project.data / "links" / "municipalities.csv")
    lines = _lines(partnerships) if partnerships.is_file() else {}
    rows, iris = [], {}
    for record in _records(partnerships):
        partners = record.get("partner") or []
        if record.get("type") != "MunicipalPartnership" or len(partners) != 2:
            continue
        sides, problems = [], []
        for partner in partners:
            place = places.get(partner, {})
            if not place:
                problems.append(f"{partner} is not a municipality record")
            country = str(place.get("country", "")).rsplit("/", 1)[-1].upper()
            sides.append(Side(name=str(place.get("label", "")), country=country,
                              qid=qids.get(partner, "")))
        line = lines.get(record["id"], 0)
        year = record.get("startYear")
        rows.append(Row(CHAPTER, line, sides[0], sides[1],
                        int(year) if isinstance(year, int) else None, problems=problems))
        iris[line] = str(ID[record["id"]])
    return rows, iris
