"""How well the converter reads a document the project has curated: recall and precision.

The truth is the curated graph (cited works, partnerships, entities with evidence passages) and a
small file of counts made by hand (section, footnote, table and figure numbers). Works match by
IRI or by a curated label or alternative label (the chapter spells some names two ways); a
mention counts for an entity when it falls inside one of the entity's evidence passages.
"""

from __future__ import annotations

from dataclasses import dataclass

from .document import Conversion
from .mentions import fold

__all__ = ["Score", "evaluate"]

CITED_WORKS = """
PREFIX c2c: <https://w3id.org/c2c-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?work ?label WHERE {
  ?work a c2c:CitedWork .
  { ?work rdfs:label ?label } UNION { ?work skos:altLabel ?label }
  UNION { ?work c2c:citationLabel ?label }
}"""
PARTNERSHIPS = """
PREFIX c2c: <https://w3id.org/c2c-kg/ontology#>
SELECT ?p ?a ?b WHERE {
  ?p a c2c:MunicipalPartnership ; c2c:hasPartner ?a, ?b . FILTER(STR(?a) < STR(?b))
}"""
EVIDENCE = """
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX oa: <http://www.w3.org/ns/oa#>
SELECT ?entity ?start ?end WHERE {
  ?entity prov:wasDerivedFrom ?passage .
  ?passage oa:hasSelector ?selector . ?selector oa:start ?start ; oa:end ?end .
}"""


@dataclass(frozen=True)
class Score:
    """One line of the evaluation: what was expected, found, and right."""

    what: str
    expected: int
    found: int
    right: int  # found items that are right (for precision)
    recalled: int  # expected items that were found (for recall)
    has_precision: bool = True

    @property
    def recall(self) -> float:
        return self.recalled / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        return self.right / self.found if self.found else 1.0


def _score(what: str, expected, found) -> Score:
    expected, found = set(expected), set(found)
    both = expected & found
    return Score(what, len(expected), len(found), len(both), len(both))


def evaluate(conversion: Conversion, truth: dict, curated, provenance) -> list[Score]:
    """Scores of ``conversion`` against ``truth`` (hand counts), the ``curated`` data graph and
    the build's ``provenance`` graph (passages of the curated facts, for mentions)."""
    structure = conversion.structure
    captions = structure.captions
    scores = [
        _score("sections", truth.get("sections", []), [s.number for s in structure.sections]),
        _score("footnotes", truth.get("footnotes", []), [f.number for f in structure.footnotes]),
        _score("footnote markers", truth.get("footnotes", []),
               [r.number for r in structure.footnote_refs]),
        _score("tables", truth.get("tables", []),
               [c.number for c in captions if c.kind == "table"]),
        _score("figures", truth.get("figures", []),
               [c.number for c in captions if c.kind == "figure"]),
        _score("page numbers", truth.get("page_numbers", []),
               [n for _, _, n in structure.page_numbers]),
    ]
    scores.append(_works(conversion, curated))
    scores.append(_partnerships(conversion, curated))
    scores.append(_mentions(conversion, provenance, curated))
    return scores


def _works(conversion: Conversion, curated) -> Score:
    by_label: dict[str, str] = {}
    works: set[str] = set()
    for row in curated.query(CITED_WORKS):
        works.add(str(row.work))
        by_label[" ".join(fold(str(row.label)).split())] = str(row.work)
    from .rdf import work_iri

    found: dict[str, str | None] = {}
    for placed in conversion.citations:
        iri = str(work_iri(placed.citation.work_id))
        label = " ".join(fold(placed.citation.label).split())
        found[label] = iri if iri in works else by_label.get(label)
    right = sum(1 for match in found.values() if match)
    recalled = len({match for match in found.values() if match})
    return Score("distinct cited works", len(works), len(found), right, recalled)


def _partnerships(conversion: Conversion, curated) -> Score:
    expected = {frozenset((str(r.a), str(r.b))) for r in curated.query(PARTNERSHIPS)}
    found = {frozenset(c.values["partners"]) for c in conversion.candidates
             if c.kind == "partnership"}
    return _score("curated partnerships among candidates", expected, found)


def _mentions(conversion: Conversion, provenance, curated) -> Score:
    """Evidence passages of entities the converter can name (in its gazetteer) that hold a
    mention of their entity; 'right' counts mentions inside a passage of an entity they name."""
    labelled = _labelled_entities(curated)
    passages: dict[str, list[tuple[int, int]]] = {}
    for row in provenance.query(EVIDENCE):
        entity = str(row.entity)
        if entity in labelled:
            passages.setdefault(entity, []).append((int(row.start), int(row.end)))
    expected = hits = 0
    for entity, spans in passages.items():
        for start, end in spans:
            expected += 1
            if any(entity in p.mention.entities and start <= p.start and p.end <= end
                   for p in conversion.mentions):
                hits += 1
    return Score("mentions in curated evidence passages", expected, hits, hits, hits,
                 has_precision=False)


def _labelled_entities(curated) -> set[str]:
    """Entities the gazetteer would know: named resources other than works, claims, statistics."""
    from .mentions import Gazetteer

    return Gazetteer.from_graph(curated).entities()
