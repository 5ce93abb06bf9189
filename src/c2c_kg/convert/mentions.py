"""Mentions of what the graph already knows: its labels and alternative labels, found in text.

A :class:`Gazetteer` holds every label (``rdfs:label``, ``skos:prefLabel``, ``skos:altLabel`` in
any language, and ``c2c:acronym``) of the graph's named things — actors, places, programmes,
platforms, events, concepts — and finds them in running text as whole words, ignoring case and
diacritics ("Luleburgaz" finds Lüleburgaz). Where labels overlap, the longest wins ("City Council
of Amsterdam" over "Amsterdam"). A label that names several resources is reported with all of
them: the finder never picks one by guess.

Left out on purpose: cited works and statistics (the citation finder covers works), claims, facts
whose labels describe rather than name (partnerships, waves, phases), and the small closed
vocabularies whose labels are common words (status, stance, unit).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

__all__ = ["Gazetteer", "Mention", "fold"]

LABELS = (
    "http://www.w3.org/2000/01/rdf-schema#label",
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://www.w3.org/2004/02/skos/core#altLabel",
    "https://w3id.org/c2c-kg/ontology#acronym",
)
ACRONYM = LABELS[-1]
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
IN_SCHEME = "http://www.w3.org/2004/02/skos/core#inScheme"
SKIPPED_TYPES = frozenset({
    "https://w3id.org/c2c-kg/ontology#CitedWork",
    "https://w3id.org/c2c-kg/ontology#Claim",
    # facts with descriptive labels ("Almelo–Denizli partnership"), not names used in a text
    "https://w3id.org/c2c-kg/ontology#MunicipalPartnership",
    "https://w3id.org/c2c-kg/ontology#CoDevelopmentInitiative",
    "https://w3id.org/c2c-kg/ontology#CooperationWave",
    "https://w3id.org/c2c-kg/ontology#PolicyPhase",
    "https://w3id.org/c2c-kg/ontology#KnowledgeExchange",
    "http://purl.org/linked-data/cube#Observation",
    "http://purl.org/linked-data/cube#DataSet",
    "http://purl.org/linked-data/cube#ComponentSpecification",
    "http://purl.org/linked-data/cube#DataStructureDefinition",
    "http://purl.org/ontology/bibo/Chapter",
    "http://www.w3.org/2002/07/owl#Class",
    "http://www.w3.org/2002/07/owl#ObjectProperty",
    "http://www.w3.org/2002/07/owl#DatatypeProperty",
    "http://www.w3.org/2002/07/owl#AnnotationProperty",
    "http://www.w3.org/2004/02/skos/core#ConceptScheme",
})
SKIPPED_SCHEMES = ("status", "stance", "unit")
VOCAB = "https://w3id.org/c2c-kg/vocab/"


class _Folding(dict):
    """A ``str.translate`` table built as characters are met: each to one lower-case base letter."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        base = unicodedata.normalize("NFKD", ch)[:1] or ch
        low = base.lower()
        folded = "i" if ch == "ı" else low if len(low) == 1 else base
        self[code] = folded
        return folded


_FOLDING = _Folding()


def fold(text: str) -> str:
    """``text`` lower-cased and without diacritics, one character for one (offsets keep).

    >>> fold("Lüleburgaz, ELAZIĞ, İzmit")
    'luleburgaz, elazig, izmit'
    """
    return text.translate(_FOLDING)


@dataclass(frozen=True)
class Mention:
    """``entities`` named at ``start:end`` of the text searched (all of them if ambiguous)."""

    start: int
    end: int
    label: str
    entities: tuple[str, ...]


class Gazetteer:
    """Labels of named resources, searchable in text."""

    def __init__(self, labels: dict[str, set[str]] | None = None) -> None:
        self._entities: dict[str, set[str]] = defaultdict(set)
        for label, entities in (labels or {}).items():
            self.add(label, *entities)
        self._pattern: re.Pattern[str] | None = None

    def add(self, label: str, *entities: str, shortest: int = 3) -> None:
        key = " ".join(fold(label).split())
        if len(key) >= shortest and not key.isdigit():
            self._entities[key].update(entities)
            self._pattern = None

    def entities(self) -> set[str]:
        """Every resource the gazetteer can name."""
        return {e for entities in self._entities.values() for e in entities}

    def __len__(self) -> int:
        return len(self._entities)

    @classmethod
    def from_graph(cls, graph) -> Gazetteer:
        """The labels of the named resources of an rdflib ``graph`` (see the module docstring)."""
        types: dict[str, set[str]] = defaultdict(set)
        schemes: dict[str, set[str]] = defaultdict(set)
        for s, p, o in graph:
            if str(p) == RDF_TYPE:
                types[str(s)].add(str(o))
            elif str(p) == IN_SCHEME:
                schemes[str(s)].add(str(o))
        gazetteer = cls()
        for label_predicate in LABELS:
            for s, _, o in graph.triples((None, _uri(label_predicate), None)):
                subject = str(s)
                if not subject.startswith("https://w3id.org/c2c-kg/"):
                    continue
                if types[subject] & SKIPPED_TYPES or not types[subject]:
                    continue
                if any(scheme.removeprefix(VOCAB).startswith(SKIPPED_SCHEMES)
                       for scheme in schemes[subject]):
                    continue
                gazetteer.add(str(o), subject, shortest=2 if label_predicate == ACRONYM else 3)
        return gazetteer

    def _compiled(self) -> re.Pattern[str]:
        if self._pattern is None:
            keys = sorted(self._entities, key=len, reverse=True)
            words = "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in keys) or "(?!)"
            self._pattern = re.compile(rf"(?<!\w)(?:{words})(?!\w)")
        return self._pattern

    def find(self, text: str) -> list[Mention]:
        """Every mention in ``text``, longest label first, not overlapping, in text order."""
        folded = fold(text)
        found = []
        for match in self._compiled().finditer(folded):
            key = " ".join(match.group(0).split())
            entities = tuple(sorted(self._entities.get(key, ())))
            if entities:
                found.append(Mention(match.start(), match.end(), text[match.start():match.end()],
                                     entities))
        return found


def _uri(value: str):
    from rdflib import URIRef

    return URIRef(value)
