"""Candidate facts as a review file: YAML records for a person to check, complete and move.

Evidence is given as line ranges (``{lines: "1509-1509"}``), which the build resolves like any
record's evidence, so the review file holds no text of the document. Each record says in a
comment which rule proposed it; the same pair of partners found in several places is one record
with every place as evidence.
"""

from __future__ import annotations

import re
from collections import defaultdict

import yaml

from .candidates import Candidate

__all__ = ["review_yaml"]

ID_BASE = "https://w3id.org/c2c-kg/id/"


def _record_id(iri: str) -> str:
    return iri.removeprefix(ID_BASE)


def _slug(record_id: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", record_id.rsplit("/", 1)[-1].lower()).strip("-")


def _lines(text: str, start: int, end: int) -> str:
    first = text.count("\n", 0, start) + 1
    last = first + text.count("\n", start, max(end - 1, start))
    return f"{first}-{last}"


def review_yaml(candidates: list[Candidate], text: str, source_id: str) -> str:
    """The review file for ``candidates`` found in ``text`` (document ``source_id``)."""
    blocks: list[tuple[list[str], dict]] = []
    pairs: dict[tuple[str, str], tuple[list[str], dict]] = {}
    counters: dict[str, int] = defaultdict(int)
    for candidate in candidates:
        evidence = {"lines": _lines(text, candidate.start, candidate.end), "source": source_id}
        comment = f"{candidate.rule}; offsets {candidate.start}-{candidate.end}"
        if candidate.kind == "partnership":
            partners = tuple(_record_id(p) for p in candidate.values["partners"])
            if partners in pairs:
                notes, record = pairs[partners]
                if evidence not in record["evidence"]:
                    record["evidence"].append(evidence)
                    notes.append(comment)
                continue
            record = {"id": f"partnership/{_slug(partners[0])}-{_slug(partners[1])}",
                      "type": "MunicipalPartnership", "partner": list(partners),
                      "evidence": [evidence]}
            pairs[partners] = ([comment], record)
            blocks.append(pairs[partners])
            continue
        counters[candidate.kind] += 1
        record = {"id": f"candidate/{candidate.kind}/{counters[candidate.kind]}"}
        if candidate.kind == "period":
            subject = candidate.values.get("subject") or ()
            record["about"] = [_record_id(s) for s in subject] or None
            record["startYear"] = candidate.values["start"]
            record["endYear"] = candidate.values["end"]
        elif candidate.kind == "figure":
            record["value"] = candidate.values["value"]
            record["unit"] = candidate.values["unit"]
        record["evidence"] = [evidence]
        blocks.append(([comment], record))
    header = (
        f"# Candidate facts found in {source_id} by 'c2c-kg convert'. Nothing here is a fact\n"
        "# yet: check each against the text, complete it (periods, figures and quotes need\n"
        "# their subject and property), and move what holds into data/records/.\n"
    )
    parts = [header]
    for notes, record in blocks:
        parts.append("".join(f"# {note}\n" for note in notes))
        parts.append(yaml.safe_dump([record], sort_keys=False, allow_unicode=True, width=100))
    return "".join(parts)
