"""The graph a contribution would join, and the look-ups that resolve labels and codes in it.

The graph is read from the embedded store when one exists (its data, links and vocabularies and
the contributions already accepted), else mapped from the project's records. Nothing is guessed:
a label, a Wikidata QID, a CBS municipality code or an id either names exactly one record or the
resolution says why not (none, or several).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from ..project import Project
from ..terms import C2C, GRAPH, GRAPHS, ID

__all__ = ["CONTRIBUTION_GRAPH", "Joined", "Resolution", "join_graph", "norm", "slug"]

CONTRIBUTION_GRAPH = str(GRAPH["contribution/"])
TOOI_GEMEENTE = "https://identifier.overheid.nl/tooi/id/gemeente/"
WIKIDATA = "http://www.wikidata.org/entity/"
QID = re.compile(r"^(?:wd:|https?://www\.wikidata\.org/(?:entity|wiki)/)?(Q[1-9][0-9]*)$", re.I)
CBS = re.compile(r"^(?:gm)?([0-9]{4})$", re.I)
ISO2 = re.compile(r"^[a-z]{2}$", re.I)
#: kinds of record a column can refer to -> the class its records have (or a subclass of it)
KINDS = {"actor": C2C.Actor, "municipality": C2C.Municipality, "country": C2C.Country,
         "programme": C2C.SupportProgramme, "cooperation": C2C.DecentralisedCooperation,
         "platform": C2C.MunicipalPlatform, "network": C2C.CityNetwork}
COOPERATION_CLASSES = {C2C.DecentralisedCooperation}


def norm(text: str) -> str:
    """A label as compared: Unicode NFC, case-folded, spaces collapsed."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def slug(text: str) -> str:
    """Lower-case ASCII letters and digits joined by single hyphens ('Köln' -> 'koln')."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower())) or "x"


@dataclass
class Resolution:
    """What a cell resolved to: an IRI, or the rule it broke and the values for the message."""

    iri: str | None = None
    rule: str | None = None
    values: dict[str, str] = field(default_factory=dict)


@dataclass
class Joined:
    """The graph a contribution joins, its ontology, and indexes over both."""

    graph: Graph
    schema: Graph
    source: str
    subjects: set[str] = field(default_factory=set)
    types: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    labels: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    country_of: dict[str, str] = field(default_factory=dict)
    same_as: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    partner_sets: dict[frozenset[str], str] = field(default_factory=dict)
    subclasses: dict[str, set[str]] = field(default_factory=dict)

    def index(self) -> Joined:
        """Fill the look-up tables from the graph (once)."""
        for s in self.graph.subjects():
            if isinstance(s, URIRef):
                self.subjects.add(str(s))
        for s, _, o in self.graph.triples((None, RDF.type, None)):
            self.types[str(s)].add(str(o))
        for predicate in (RDFS.label, SKOS.altLabel, SKOS.prefLabel):
            for s, _, o in self.graph.triples((None, predicate, None)):
                self.labels[norm(str(o))].add(str(s))
        for s, _, o in self.graph.triples((None, C2C.country, None)):
            self.country_of[str(s)] = str(o)
        for predicate in (OWL.sameAs, SKOS.exactMatch):
            for s, _, o in self.graph.triples((None, predicate, None)):
                self.same_as[str(o)].add(str(s))
        partners: dict[str, set[str]] = defaultdict(set)
        for s, _, o in self.graph.triples((None, C2C.hasPartner, None)):
            partners[str(s)].add(str(o))
        for iri, members in sorted(partners.items()):
            self.partner_sets.setdefault(frozenset(members), iri)
        for kind, cls in KINDS.items():
            self.subclasses[kind] = {str(c) for c in self.schema.transitive_subjects(
                RDFS.subClassOf, cls)}
        return self

    # --- adding the contribution's own records ------------------------------------------------

    def add_record(self, iri: str, types: set[str], label: str | None, country: str | None):
        """Make a record of the contribution findable like the graph's own."""
        self.types[iri] |= types
        if label:
            self.labels[norm(label)].add(iri)
        if country:
            self.country_of[iri] = country

    def is_kind(self, iri: str, kind: str) -> bool:
        return bool(self.types.get(iri, set()) & self.subclasses.get(kind, set()))

    def known(self, iri: str) -> bool:
        return iri in self.subjects or iri in self.types

    # --- resolution ---------------------------------------------------------------------------

    def resolve_country(self, value: str) -> Resolution:
        text = value.strip()
        if ISO2.match(text) and self.known(str(ID[f"country/{text.lower()}"])):
            return Resolution(str(ID[f"country/{text.lower()}"]))
        if text.startswith("country/") and self.known(str(ID[text])):
            return Resolution(str(ID[text]))
        found = sorted(i for i in self.labels.get(norm(text), ()) if self.is_kind(i, "country"))
        if len(found) == 1:
            return Resolution(found[0])
        if found:
            return Resolution(None, "ambiguous-name", {"value": value,
                                                       "candidates": _shorts(found)})
        return Resolution(None, "unknown-country", {"value": value})

    def resolve(self, value: str, kind: str, country: str | None = None) -> Resolution:
        """The one record of ``kind`` that ``value`` names (label in ``country``, QID, code, id)."""
        text = value.strip()
        qid = QID.match(text)
        if qid:
            return self._by_identifier(WIKIDATA + qid.group(1).upper(), value)
        cbs = CBS.match(text)
        if cbs and kind in ("municipality", "actor"):
            return self._by_identifier(f"{TOOI_GEMEENTE}gm{cbs.group(1)}", value)
        if text.startswith(TOOI_GEMEENTE):
            return self._by_identifier(text, value)
        if text.startswith(str(ID)) or re.match(r"^[a-z]+/[a-z0-9/_.~-]+$", text):
            iri = text if text.startswith(str(ID)) else str(ID[text])
            if self.known(iri):
                return Resolution(iri)
            return Resolution(None, "unknown-reference", {"value": value, "what": kind})
        found = sorted(i for i in self.labels.get(norm(text), ()) if self.is_kind(i, kind))
        if country:
            found = [i for i in found if self.country_of.get(i) == country]
        if len(found) == 1:
            return Resolution(found[0])
        if found:
            return Resolution(None, "ambiguous-name", {"value": value,
                                                       "candidates": _shorts(found)})
        return Resolution(None, "unknown-reference", {"value": value, "what": kind})

    def _by_identifier(self, iri: str, value: str) -> Resolution:
        found = sorted(self.same_as.get(iri, ()))
        if len(found) == 1:
            return Resolution(found[0])
        if found:
            return Resolution(None, "ambiguous-name", {"value": value,
                                                       "candidates": _shorts(found)})
        return Resolution(None, "unknown-code", {"value": value})


def _shorts(iris: list[str]) -> str:
    return ", ".join(i.removeprefix(str(ID)) for i in iris)


def _from_store(store_path: Path) -> Graph | None:
    """The store's data, links, vocabularies and contributions as one rdflib graph, if any."""
    from ..store.embedded import open_store

    if not (store_path.is_dir() and any(store_path.iterdir())):
        return None
    import pyoxigraph as ox

    store = open_store(store_path, read_only=True)
    wanted = [ox.NamedNode(GRAPHS[n]) for n in ("data", "links", "vocabularies")]
    wanted += [g for g in store.named_graphs()
               if isinstance(g, ox.NamedNode) and g.value.startswith(CONTRIBUTION_GRAPH)]
    triples = [ox.Triple(q.subject, q.predicate, q.object)
               for g in wanted for q in store.quads_for_pattern(None, None, None, g)]
    graph = Graph()
    if triples:
        graph.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8"),
                    format="nt")
    return graph


def join_graph(project: Project, store_path: Path | None = None) -> Joined:
    """The graph a contribution joins: the store's when it exists, else the project's records."""
    from ..graph.records import load_context, load_records, record_files, records_to_graph
    from ..ontology.schema import read_schema, read_vocabularies

    schema = read_schema(project)
    graph = _from_store(store_path) if store_path is not None else None
    source = f"the store at {store_path}"
    if graph is None:
        context = load_context(project.data / "context.jsonld")
        graph = records_to_graph(load_records(record_files(project), context), context)
        graph += read_vocabularies(project)
        source = f"the records of {project.root}"
    return Joined(graph, schema, source).index()
