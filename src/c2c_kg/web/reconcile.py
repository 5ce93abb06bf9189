"""A reconciliation service in the shape of the W3C Reconciliation Service API (v0.2), over the
graph's places and actors, so that OpenRefine can match a spreadsheet column to our IRIs.

Candidates are the resources typed (directly or through ``rdfs:subClassOf``) as an actor, a
country or a region, with their labels and alternative labels in every language. A name scores
by string similarity (difflib's ratio on case- and accent-folded text, 100 for an exact match).
"""

from __future__ import annotations

import difflib
import json
import threading
import unicodedata

from ..terms import BASE, C2C

__all__ = ["Reconciler"]

TYPES = {str(C2C.Actor): "Actor", str(C2C.Country): "Country", str(C2C.Region): "Region"}
CANDIDATES = (
    "SELECT DISTINCT ?x ?base ?label WHERE { VALUES ?base { "
    + " ".join(f"<{t}>" for t in TYPES)
    + " } ?x a ?type . ?type rdfs:subClassOf* ?base . "
    "?x rdfs:label|skos:prefLabel|skos:altLabel ?label . }"
)


def fold(text: str) -> str:
    """Lower case, no accents, single spaces: the form names are compared in."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().replace("-", " ").split())


class Reconciler:
    """Built on first use from the dataset; answers manifest and query batches."""

    def __init__(self, dataset):
        self.dataset = dataset
        self._index: dict[str, dict] | None = None
        self._lock = threading.Lock()

    def manifest(self, base_url: str) -> dict:
        return {
            "versions": ["0.2"],
            "name": "c2c-kg places and actors",
            "identifierSpace": BASE + "id/",
            "schemaSpace": str(C2C),
            "defaultTypes": [{"id": t, "name": n} for t, n in TYPES.items()],
            "view": {"url": base_url + "/resource?iri={{id}}"},
        }

    def index(self) -> dict[str, dict]:
        with self._lock:
            if self._index is None:
                index: dict[str, dict] = {}
                rows = self.dataset.run(CANDIDATES, limit=1_000_000, timeout=60).rows
                for x, base, label in rows:
                    entry = index.setdefault(x.value, {"types": set(), "labels": {}, "name": ""})
                    entry["types"].add(base.value)
                    entry["labels"][fold(label.value)] = label.value
                    if not entry["name"] or label.language == "en":
                        entry["name"] = label.value
                self._index = index
            return self._index

    def match(self, query: dict) -> list[dict]:
        text = fold(str(query.get("query", "")))
        wanted = query.get("type")
        limit = int(query.get("limit") or 5)
        scored = []
        for iri, entry in self.index().items():
            if wanted and wanted not in entry["types"]:
                continue
            best = max((100.0 if text == label else
                        100 * difflib.SequenceMatcher(None, text, label).ratio())
                       for label in entry["labels"])
            if best >= 50:
                scored.append((best, iri, entry))
        scored.sort(key=lambda s: (-s[0], s[1]))
        return [{"id": iri, "name": entry["name"], "score": round(score, 1),
                 "match": score == 100.0 and sum(1 for s in scored if s[0] == 100.0) == 1,
                 "type": [{"id": t, "name": TYPES[t]} for t in sorted(entry["types"])]}
                for score, iri, entry in scored[:limit]]

    def answer(self, queries: str) -> dict:
        """The response to a ``queries`` parameter: ``{key: {"result": [...]}}``."""
        try:
            batch = json.loads(queries)
        except json.JSONDecodeError as exc:
            raise ValueError(f"queries is not JSON: {exc}") from exc
        if not isinstance(batch, dict) or not all(isinstance(q, dict) for q in batch.values()):
            raise ValueError('queries is an object of {"key": {"query": "name", ...}}.')
        return {key: {"result": self.match(q)} for key, q in batch.items()}
