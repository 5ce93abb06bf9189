"""The review file: proposals in the W3C Reconciliation API's shape, and accepting them."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from ..errors import DataError, InputError
from ..graph.links import LinkRow
from .proposals import Proposal
from .reconcile import Source
from .sources import scheme_of
from .tables import add_links, set_reasons

__all__ = ["accept", "read_review", "review_document"]


def review_document(source: Source, proposals: list[Proposal], threshold: float
                    ) -> dict[str, Any]:
    """The proposals as JSON: one W3C reconciliation result list per resource."""
    return {
        "source": {"location": source.citation, "kind": source.label,
                   "scheme": scheme_of(source), "date": source.date or ""},
        "threshold": threshold,
        "results": {p.query.id: {"query": {"name": p.query.name, "kind": p.query.kind,
                                           "country": p.query.country, "year": p.query.year},
                                 "result": [c.to_json() for c in p.candidates]}
                    for p in proposals},
    }


def read_review(path: Path) -> dict[str, Any]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise InputError(f"The review file {path} does not exist.") from exc
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}:{exc.lineno}: the review file is not valid JSON: "
                         f"{exc.msg}.") from exc
    if not (isinstance(document, dict) and isinstance(document.get("results"), dict)
            and isinstance(document.get("source"), dict)):
        raise InputError(f"{path}: not a review file written by 'c2c-kg link --review' (it "
                         f"needs 'source' and 'results').")
    return document


def _why_rejected(result: list[dict[str, Any]], source: dict[str, Any]) -> str:
    where = source.get("location")
    if not result:
        return f"no item of this name in {where}"
    best = result[0]
    score = best.get("score")
    tied = [c.get("id", "").rsplit("/", 1)[-1] for c in result if c.get("score") == score]
    if len(tied) > 1:
        return f"ambiguous in {where}: {', '.join(tied)} share the name and score {score}"
    return (f"{where}: the best candidate, {best.get('name')} ({best.get('id')}, score "
            f"{best.get('score')}), was not accepted on review")


def accept(folder: Path, document: dict[str, Any], where: str) -> tuple[int, int]:
    """Add the reviewed candidates marked ``match: true`` to the link tables; the rows and
    reasons written. Resources without an accepted candidate get a reason in unlinked.csv."""
    source = document["source"]
    scheme = source.get("scheme", "wikidata")
    rows, reasons = [], {}
    for resource, entry in document["results"].items():
        chosen = [c for c in entry.get("result", []) if isinstance(c, dict) and c.get("match")]
        if len(chosen) > 1:
            raise DataError(f"{where}: {resource} has {len(chosen)} candidates marked as a "
                            f"match; keep 'match': true on one at most.")
        if not chosen:
            reasons[resource] = _why_rejected(entry.get("result") or [], source)
            continue
        rows.append(LinkRow(resource, chosen[0]["id"], scheme, "exactMatch",
                            "reconciler + review", str(source.get("location", "")),
                            str(source.get("date") or dt.date.today().isoformat()),
                            f"score {chosen[0].get('score')}"))
    added = add_links(folder, rows)
    set_reasons(folder, scheme, reasons, {r.resource for r in rows})
    return added, len(reasons)
