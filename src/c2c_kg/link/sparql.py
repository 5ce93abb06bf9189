"""A SPARQL endpoint with Wikidata's data model as a source of candidates.

Items are found by exact label or alias (``rdfs:label``/``skos:altLabel``) in several languages,
for every spelling variant of the query's names; then their classes (P31), country (P17 and its
ISO code P297), coordinates (P625), inception and dissolution (P571, P576), successor (P1366) and
twins (P190, by label) are read. Queries go through :class:`c2c_kg.remote.client.RemoteEngine`;
answers are cached on disk.
"""

from __future__ import annotations

import datetime as dt
import json
import re

from anyascii import anyascii

from .cache import DiskCache
from .model import Entity, Query
from .names import FORMER, VARIANTS, fold

__all__ = ["KIND_CLASSES", "SparqlSource"]

WD = "http://www.wikidata.org/entity/"
LANGS = ("en", "nl", "tr", "fr", "de", "es", "ar")
#: Wikidata classes (P31) that say what kind of thing an item is.
KIND_CLASSES: dict[str, frozenset[str]] = {
    "municipality": frozenset({"Q2039348", "Q15284", "Q1907114", "Q17318027", "Q262166",
                               "Q747074", "Q484170", "Q2074737", "Q1763214", "Q3199141"}),
    "settlement": frozenset({"Q515", "Q3957", "Q486972", "Q1549591", "Q5119", "Q532"}),
    "country": frozenset({"Q6256", "Q3624078", "Q15634554", "Q3336843", "Q1763527",
                          "Q7275"}),
    "organisation": frozenset({"Q43229", "Q484652", "Q163740", "Q7210356", "Q245065",
                               "Q1127126", "Q2659904"}),
}
PREFIXES = ("PREFIX wd: <http://www.wikidata.org/entity/>\n"
            "PREFIX wdt: <http://www.wikidata.org/prop/direct/>\n"
            "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
            "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n")
_POINT = re.compile(r"Point\(\s*(-?[0-9.]+)\s+(-?[0-9.]+)\s*\)", re.IGNORECASE)


def _literal(text: str, lang: str) -> str:
    return json.dumps(text, ensure_ascii=False) + "@" + lang


def spellings(names: tuple[str, ...]) -> list[str]:
    """The spellings to look up: as written, transliterated, and known variants title-cased."""
    found: dict[str, None] = {}
    for name in names:
        found[name] = None
        found[anyascii(name)] = None
        for group in (*VARIANTS, *FORMER):
            if fold(name) in group:
                for variant in sorted(group):
                    found[variant.title()] = None
    return [s for s in found if s.strip()]


class SparqlSource:
    """Candidates from a SPARQL endpoint shaped like Wikidata."""

    label = "SPARQL endpoint"

    def __init__(self, url: str, *, timeout: float = 60.0, cache: DiskCache | None = None):
        from ..remote.client import RemoteEngine

        self.path = self.citation = url
        self.date = dt.date.today().isoformat()
        self.engine = RemoteEngine(url, timeout=timeout)
        self.cache = cache or DiskCache(None)

    def _select(self, text: str) -> list[dict[str, str]]:
        def run() -> list[dict[str, str]]:
            results = self.engine.select(text)
            return [{k: c.value for k, c in row.items()}
                    | {f"{k}@": c.lang for k, c in row.items() if c.lang} for row in results.rows]
        return self.cache.get(self.path, text, compute=run)

    def lookup(self, query: Query) -> list[Entity]:
        literals = " ".join(_literal(s, lang) for s in spellings(query.all_names)
                            for lang in LANGS)
        text = (f"{PREFIXES}SELECT DISTINCT ?item WHERE {{\n  VALUES ?name {{ {literals} }}\n"
                f"  ?item rdfs:label|skos:altLabel ?name .\n}} LIMIT 50")
        items = [row["item"] for row in self._select(text) if row.get("item", "").startswith(WD)]
        return self.describe(items)

    def describe(self, items: list[str]) -> list[Entity]:
        if not items:
            return []
        values = " ".join(f"<{i}>" for i in items)
        langs = ", ".join(json.dumps(lang) for lang in LANGS)
        text = (f"{PREFIXES}SELECT ?item ?key ?value WHERE {{\n  VALUES ?item {{ {values} }}\n"
                f"  {{ ?item rdfs:label ?value BIND(\"label\" AS ?key) "
                f"FILTER(lang(?value) IN ({langs})) }}\n"
                f"  UNION {{ ?item skos:altLabel ?value BIND(\"alt\" AS ?key) "
                f"FILTER(lang(?value) IN ({langs})) }}\n"
                f"  UNION {{ ?item wdt:P31 ?value BIND(\"P31\" AS ?key) }}\n"
                f"  UNION {{ ?item wdt:P17/wdt:P297 ?value BIND(\"iso\" AS ?key) }}\n"
                f"  UNION {{ ?item wdt:P297 ?value BIND(\"ownIso\" AS ?key) }}\n"
                f"  UNION {{ ?item wdt:P625 ?value BIND(\"P625\" AS ?key) }}\n"
                f"  UNION {{ ?item wdt:P571 ?value BIND(\"P571\" AS ?key) }}\n"
                f"  UNION {{ ?item wdt:P576 ?value BIND(\"P576\" AS ?key) }}\n"
                f"  UNION {{ ?item wdt:P1366 ?value BIND(\"P1366\" AS ?key) }}\n"
                f"  UNION {{ ?item (wdt:P190|^wdt:P190)/rdfs:label ?value BIND(\"twin\" AS ?key) "
                f"FILTER(lang(?value) IN ({langs})) }}\n}}")
        facts: dict[str, dict[str, list[str]]] = {i: {} for i in items}
        for row in self._select(text):
            if row.get("item") in facts and "key" in row:
                key = row["key"]
                if key == "label" and row.get("value@") == "en":
                    key = "enlabel"
                facts[row["item"]].setdefault(key, []).append(row.get("value", ""))
        return [_entity(item, found) for item, found in facts.items()]


def _entity(item: str, facts: dict[str, list[str]]) -> Entity:
    labels = list(dict.fromkeys(facts.get("enlabel", []) + facts.get("label", [])
                                + facts.get("alt", [])))
    classes = {c.removeprefix(WD) for c in facts.get("P31", [])}
    kinds = tuple(sorted(k for k, qids in KIND_CLASSES.items() if classes & qids))
    point = next((_POINT.search(p) for p in facts.get("P625", []) if _POINT.search(p)), None)
    iso = (facts.get("ownIso") or facts.get("iso") or [None])[0]
    return Entity(
        id=item, name=labels[0] if labels else item.removeprefix(WD), names=tuple(labels[1:]),
        kinds=kinds, country=iso.lower() if iso else None,
        lon=float(point.group(1)) if point else None, lat=float(point.group(2)) if point else None,
        start=_day(facts.get("P571")), end=_day(facts.get("P576")),
        successors=tuple(facts.get("P1366", [])), twins=tuple(sorted(set(facts.get("twin", [])))),
        extra={"classes": " ".join(sorted(classes))})


def _day(values: list[str] | None) -> dt.date | None:
    for value in values or []:
        try:
            return dt.date.fromisoformat(value.lstrip("+")[:10])
        except ValueError:
            continue
    return None
