"""A synthetic partnership graph that follows c2c-kg's ontology, for engine benchmarks.

Writes N-Quads into the named graphs a build writes (``…/graph/data``, ``provenance``, ``links``,
``inferences``, ``vocabularies``), with the resource IRIs and terms of ``docs/modelling.md``:
countries, municipalities (with country, population, Wikidata links), municipal partnerships
and co-development initiatives (partners, start and end year, status, themes, objectives,
programmes, routes), support programmes, municipal platforms and city networks with members,
organisations, passages with ``oa:TextPositionSelector``s that every resource was derived from,
cited works, statistical observations (RDF Data Cube) and interview claims.

The output is a pure function of ``--seed`` and ``--triples`` (and of ``--base``: the N-Quads of
a real build, copied first so that the stored queries' default parameters such as
``id:country/nl`` or ``id:partnership/almelo-denizli`` find something). Resources and concepts
that the base already describes are not described again.

    python benchmarks/generate.py --triples 1000000 --base out/c2c-kg.nq --output /tmp/synthetic.nq
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

BASE = "https://w3id.org/c2c-kg/"
C2C = BASE + "ontology#"
ID = BASE + "id/"
VOCAB = BASE + "vocab/"
SOURCE = BASE + "source/"
GRAPH = BASE + "graph/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
XSD = "http://www.w3.org/2001/XMLSchema#"
PROV = "http://www.w3.org/ns/prov#"
OA = "http://www.w3.org/ns/oa#"
OWL = "http://www.w3.org/2002/07/owl#"
DCT = "http://purl.org/dc/terms/"
QB = "http://purl.org/linked-data/cube#"
BIBO = "http://purl.org/ontology/bibo/"
CITO = "http://purl.org/spar/cito/"
WD = "http://www.wikidata.org/entity/"

G_DATA, G_PROV, G_LINKS, G_INF, G_VOCAB = (
    f"<{GRAPH}{name}>" for name in ("data", "provenance", "links", "inferences", "vocabularies")
)

# (code, English label, Dutch label, weight as the first partner, weight as the second partner)
COUNTRIES = [
    ("nl", "Netherlands", "Nederland", 60, 0), ("de", "Germany", "Duitsland", 8, 6),
    ("be", "Belgium", "België", 6, 4), ("fr", "France", "Frankrijk", 6, 5),
    ("gb", "United Kingdom", "Verenigd Koninkrijk", 4, 3), ("es", "Spain", "Spanje", 3, 3),
    ("se", "Sweden", "Zweden", 2, 2), ("dk", "Denmark", "Denemarken", 2, 2),
    ("tr", "Turkey", "Turkije", 0, 16), ("ma", "Morocco", "Marokko", 0, 14),
    ("pl", "Poland", "Polen", 1, 5), ("ro", "Romania", "Roemenië", 0, 4),
    ("bg", "Bulgaria", "Bulgarije", 0, 3), ("hu", "Hungary", "Hongarije", 0, 3),
    ("cz", "Czechia", "Tsjechië", 0, 3), ("sk", "Slovakia", "Slowakije", 0, 2),
    ("ua", "Ukraine", "Oekraïne", 0, 3), ("ru", "Russia", "Rusland", 0, 2),
    ("ba", "Bosnia and Herzegovina", "Bosnië en Herzegovina", 0, 2),
    ("rs", "Serbia", "Servië", 0, 2), ("mk", "North Macedonia", "Noord-Macedonië", 0, 1),
    ("al", "Albania", "Albanië", 0, 1), ("ge", "Georgia", "Georgië", 0, 1),
    ("ni", "Nicaragua", "Nicaragua", 0, 5), ("sr", "Suriname", "Suriname", 0, 3),
    ("za", "South Africa", "Zuid-Afrika", 0, 4), ("gh", "Ghana", "Ghana", 0, 2),
    ("ml", "Mali", "Mali", 0, 1), ("bf", "Burkina Faso", "Burkina Faso", 0, 2),
    ("tz", "Tanzania", "Tanzania", 0, 2), ("mz", "Mozambique", "Mozambique", 0, 1),
    ("et", "Ethiopia", "Ethiopië", 0, 1), ("ke", "Kenya", "Kenia", 0, 1),
    ("id", "Indonesia", "Indonesië", 0, 3), ("cn", "China", "China", 0, 3),
    ("in", "India", "India", 0, 1), ("br", "Brazil", "Brazilië", 0, 1),
    ("ps", "Palestine", "Palestina", 0, 1), ("il", "Israel", "Israël", 0, 1),
    ("us", "United States", "Verenigde Staten", 1, 2),
]
SENDS_MIGRANTS_TO = {"tr": ("nl", "de", "be", "fr"), "ma": ("nl", "be", "fr", "es"),
                     "sr": ("nl",), "gh": ("nl", "gb"), "pl": ("nl", "de", "gb")}

SCHEMES: dict[str, tuple[str, ...]] = {
    "status": ("active", "ended", "abandoned"),
    "theme": ("waste-management", "water-and-sanitation", "housing", "public-administration",
              "youth-participation", "urban-management", "local-governance", "service-delivery",
              "cultural-exchange", "economic-development", "democracy-building",
              "conflict-prevention", "integration-and-diversity"),
    "objective": ("peacebuilding-and-reconciliation", "poverty-alleviation", "capacity-building",
                  "local-development", "civil-society-strengthening", "economic-development",
                  "public-awareness", "solidarity", "social-cohesion-and-integration",
                  "mutual-understanding", "knowledge-exchange", "institutional-reform",
                  "european-integration", "sustainable-development", "city-diplomacy"),
    "route": ("dutch-initiative", "municipal-platform", "civil-society-contact",
              "migrant-community-request"),
    "unit": ("persons", "municipalities", "percent", "usd", "partnerships", "respondents"),
    "stance": ("not-development-cooperation", "equal-relationship", "unequal-relationship",
               "kinship", "shared-culture", "knowledge-transfer"),
    "region": ("west-europe-old-eu", "central-southeast-europe-new-eu", "europe-non-eu",
               "global-south", "global-north", "central-eastern-europe"),
}
ORGANISATION_TYPES = ("LocalGovernmentAssociation", "NonGovernmentalOrganisation",
                      "MigrantOrganisation", "NationalGovernmentBody", "InternationalOrganisation",
                      "KnowledgeInstitution", "Company")
SYLLABLES = ("al", "ber", "dam", "den", "dor", "el", "gen", "ham", "har", "iz", "kar", "kem",
             "la", "lin", "mar", "me", "na", "nor", "o", "pel", "ra", "ren", "sa", "sel", "ta",
             "ter", "um", "van", "ve", "wol", "ya", "zee", "bur", "ka", "li", "mo", "ne", "ro")
ROLES = ("mayor", "alderman", "civil servant", "councillor", "NGO staff member",
         "migrant association chair", "programme officer")


def iri(value: str) -> str:
    return f"<{value}>"


def text(value: str, lang: str | None = None) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"@{lang}' if lang else f'"{escaped}"'


def typed(value: object, datatype: str) -> str:
    return f'"{value}"^^<{XSD}{datatype}>'


@dataclass
class Sink:
    """Counts quads and writes them (or only counts, when ``write`` is None)."""

    write: Callable[[str], object] | None
    count: int = 0
    skip: frozenset[str] = frozenset()  # lines already written (the base)

    def add(self, s: str, p: str, o: str, g: str = G_DATA) -> None:
        line = f"{s} {p} {o} {g} .\n"
        if line in self.skip:
            return
        self.count += 1
        if self.write is not None:
            self.write(line)


@dataclass
class Base:
    """What the real graph holds that synthetic resources can link to (IRIs as ``<…>``)."""

    described: set[str] = field(default_factory=set)
    typed: dict[str, list[str]] = field(default_factory=dict)  # class local name -> subjects
    country: dict[str, str] = field(default_factory=dict)  # subject -> country code

    @classmethod
    def of(cls, lines: list[str]) -> Base:
        base = cls()
        for line in lines:
            parts = line.split(" ", 3)
            subject, predicate, obj = parts[0], parts[1], parts[2]
            base.described.add(subject)
            if predicate == iri(RDF_TYPE) and obj.startswith(f"<{C2C}"):
                base.typed.setdefault(obj[len(C2C) + 1:-1], []).append(subject)
            elif predicate == iri(RDF_TYPE) and obj in (iri(QB + "DataSet"), iri(SKOS + "Concept")):
                base.typed.setdefault(obj.rsplit("#", 1)[-1][:-1], []).append(subject)
            elif predicate == iri(C2C + "country") and obj.startswith(f"<{ID}country/"):
                base.country[subject] = obj[len(ID) + 9:-1]
        for subjects in base.typed.values():
            subjects[:] = sorted(set(subjects))
        return base

    def of_type(self, *names: str) -> list[str]:
        return sorted({s for name in names for s in self.typed.get(name, [])})


@dataclass
class Generator:
    """One synthetic graph: ``scale`` partnerships and the resources around them."""

    sink: Sink
    scale: int
    rng: random.Random
    base: Base = field(default_factory=Base)
    used_slugs: set[str] = field(default_factory=set)
    municipalities: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    passages: int = 0
    last_passage: str = ""
    last_subject: str = ""

    # --- helpers -------------------------------------------------------------------------------
    def new(self, subject: str) -> bool:
        """True if ``subject`` is not described by the base (so this generator describes it)."""
        return subject not in self.base.described

    def name(self) -> str:
        words = self.rng.randint(2, 3)
        return "".join(self.rng.choice(SYLLABLES) for _ in range(words)).capitalize()

    def slug(self, name: str) -> str:
        base = name.lower().replace(" ", "-")
        slug, n = base, 1
        while slug in self.used_slugs:
            n += 1
            slug = f"{base}-{n}"
        self.used_slugs.add(slug)
        return slug

    def concept(self, scheme: str) -> str:
        return iri(f"{VOCAB}{scheme}/{self.rng.choice(SCHEMES[scheme])}")

    def concepts(self, scheme: str, low: int, high: int) -> list[str]:
        """Between ``low`` and ``high`` distinct concepts of ``scheme``."""
        picked = self.rng.sample(SCHEMES[scheme], self.rng.randint(low, high))
        return [iri(f"{VOCAB}{scheme}/{slug}") for slug in picked]

    def year(self, low: int, high: int) -> int:
        return self.rng.randint(low, high)

    def passage(self, subject: str) -> str:
        """A passage of a synthetic source document that ``subject`` was derived from.

        Two in five times the previous passage again, as a passage often names several things.
        """
        reuse = subject and self.last_passage and subject != self.last_subject
        self.last_subject = subject
        if reuse and self.rng.random() < 0.4:
            self.sink.add(subject, iri(PROV + "wasDerivedFrom"), self.last_passage, G_PROV)
            return self.last_passage
        k = self.passages
        self.passages += 1
        document = f"{SOURCE}synthetic-report-{k // 400:05d}"
        start = (k % 400) * 250 + self.rng.randint(0, 100)
        end = start + self.rng.randint(30, 140)
        passage = f"{document}/passage/{start}-{end}"
        position = iri(passage + "#position")
        p = iri(passage)
        add = self.sink.add
        add(p, iri(RDF_TYPE), iri(OA + "SpecificResource"), G_PROV)
        add(p, iri(OA + "hasSource"), iri(document), G_PROV)
        add(p, iri(OA + "hasSelector"), position, G_PROV)
        add(position, iri(RDF_TYPE), iri(OA + "TextPositionSelector"), G_PROV)
        add(position, iri(OA + "start"), typed(start, "integer"), G_PROV)
        add(position, iri(OA + "end"), typed(end, "integer"), G_PROV)
        if self.rng.random() < 0.3:
            quote = iri(passage + "#quote")
            add(p, iri(OA + "hasSelector"), quote, G_PROV)
            add(quote, iri(RDF_TYPE), iri(OA + "TextQuoteSelector"), G_PROV)
            add(quote, iri(OA + "exact"), text(f"synthetic passage {k}"), G_PROV)
        if subject:
            add(subject, iri(PROV + "wasDerivedFrom"), p, G_PROV)
        self.last_passage = p
        return p

    def labelled(self, subject: str, cls: str, label: str) -> None:
        self.sink.add(subject, iri(RDF_TYPE), iri(cls))
        self.sink.add(subject, iri(RDFS + "label"), text(label, "en"))

    # --- parts ---------------------------------------------------------------------------------
    def vocabularies(self) -> None:
        for scheme, slugs in SCHEMES.items():
            scheme_iri = iri(f"{VOCAB}{scheme}")
            if self.new(scheme_iri):
                self.sink.add(scheme_iri, iri(RDF_TYPE), iri(SKOS + "ConceptScheme"), G_VOCAB)
                self.sink.add(scheme_iri, iri(SKOS + "prefLabel"), text(f"{scheme}s", "en"),
                              G_VOCAB)
            for slug in slugs:
                concept = iri(f"{VOCAB}{scheme}/{slug}")
                if not self.new(concept):
                    continue
                self.sink.add(concept, iri(RDF_TYPE), iri(SKOS + "Concept"), G_VOCAB)
                self.sink.add(concept, iri(SKOS + "prefLabel"), text(slug.replace("-", " "), "en"),
                              G_VOCAB)
                self.sink.add(concept, iri(SKOS + "inScheme"), scheme_iri, G_VOCAB)
                self.sink.add(concept, iri(SKOS + "topConceptOf"), scheme_iri, G_VOCAB)

    def countries(self) -> None:
        for code, en, nl, _, _ in COUNTRIES:
            country = iri(f"{ID}country/{code}")
            if self.new(country):
                self.labelled(country, C2C + "Country", en)
                self.sink.add(country, iri(RDFS + "label"), text(nl, "nl"))
                self.passage(country)
            for target in SENDS_MIGRANTS_TO.get(code, ()):
                self.sink.add(country, iri(C2C + "sendsMigrantsTo"), iri(f"{ID}country/{target}"))

    def municipality(self, code: str) -> tuple[str, str]:
        """A new municipality in country ``code``: (IRI as <…>, label)."""
        label = self.name()
        slug = self.slug(label)
        subject = iri(f"{ID}municipality/{code}/{slug}")
        add = self.sink.add
        district = self.rng.random() < 0.04 and self.municipalities.get(code)
        self.labelled(subject, C2C + ("CityDistrict" if district else "Municipality"), label)
        add(subject, iri(C2C + "country"), iri(f"{ID}country/{code}"))
        if district:
            add(subject, iri(C2C + "partOf"), self.rng.choice(district)[0])
        if self.rng.random() < 0.6:
            add(subject, iri(C2C + "population"),
                typed(int(self.rng.lognormvariate(10.5, 1.1)), "integer"))
            add(subject, iri(C2C + "populationYear"), typed(self.year(2005, 2012), "gYear"))
        if self.rng.random() < 0.5:
            add(subject, iri(OWL + "sameAs"), iri(f"{WD}Q{self.rng.randint(1000, 9_999_999)}"),
                G_LINKS)
        for cls in ("LocalGovernment", "Actor", "FourthPillarActor"):
            add(subject, iri(RDF_TYPE), iri(C2C + cls), G_INF)
        self.passage(subject)
        return subject, label

    def pick_municipality(self, code: str, pool_size: int) -> tuple[str, str]:
        """A municipality of ``code``, skewed so that some take part in many partnerships."""
        pool = self.municipalities.setdefault(code, [])
        if len(pool) < pool_size and (not pool or self.rng.random() < 0.6):
            pool.append(self.municipality(code))
            return pool[-1]
        return pool[int(len(pool) * self.rng.random() ** 2)]

    def organisations(self, count: int) -> list[str]:
        made = []
        for k in range(count):
            label = f"{self.name()} {self.rng.choice(('Association', 'Foundation', 'Council'))}"
            subject = iri(f"{ID}organisation/{self.slug(label)}")
            cls = ORGANISATION_TYPES[k % len(ORGANISATION_TYPES)]
            self.labelled(subject, C2C + cls, label)
            self.sink.add(subject, iri(C2C + "country"),
                          iri(f"{ID}country/{self.rng.choice(COUNTRIES)[0]}"))
            if self.rng.random() < 0.4:
                self.sink.add(subject, iri(C2C + "acronym"), text(label[:3].upper()))
            if self.rng.random() < 0.1:
                self.sink.add(subject, iri(C2C + "formerName"), text(f"{self.name()} Union"))
            if self.rng.random() < 0.3:
                self.sink.add(subject, iri(C2C + "foundedYear"),
                              typed(self.year(1900, 2010), "gYear"))
            self.sink.add(subject, iri(RDF_TYPE), iri(C2C + "Actor"), G_INF)
            if cls in ("MigrantOrganisation", "Company"):
                self.sink.add(subject, iri(RDF_TYPE), iri(C2C + "FourthPillarActor"), G_INF)
            self.passage(subject)
            made.append(subject)
        return made

    def programmes(self, count: int, organisations: list[str]) -> list[str]:
        made = []
        for _ in range(count):
            label = f"{self.name()} programme"
            subject = iri(f"{ID}programme/{self.slug(label)}")
            add = self.sink.add
            self.labelled(subject, C2C + "SupportProgramme", label)
            add(subject, iri(C2C + "fundedBy"), self.rng.choice(organisations))
            add(subject, iri(C2C + "executedBy"), self.rng.choice(organisations))
            for target in self.rng.sample(COUNTRIES[8:], self.rng.randint(1, 4)):
                add(subject, iri(C2C + "targetCountry"), iri(f"{ID}country/{target[0]}"))
            for theme in self.concepts("theme", 1, 2):
                add(subject, iri(C2C + "hasTheme"), theme)
            start = self.year(1985, 2008)
            add(subject, iri(C2C + "startYear"), typed(start, "gYear"))
            add(subject, iri(C2C + "endYear"), typed(start + self.rng.randint(2, 10), "gYear"))
            add(subject, iri(C2C + "allowsNonGovernmentalActors"),
                typed(str(self.rng.random() < 0.5).lower(), "boolean"))
            self.passage(subject)
            made.append(subject)
        return made

    def platforms(self, count: int, organisations: list[str]) -> list[tuple[str, str]]:
        made = []
        for k in range(count):
            code = COUNTRIES[8 + k % (len(COUNTRIES) - 8)][0]
            label = f"{self.name()} municipal platform"
            subject = iri(f"{ID}platform/{self.slug(label)}")
            self.labelled(subject, C2C + "MunicipalPlatform", label)
            self.sink.add(subject, iri(C2C + "hostedBy"), self.rng.choice(organisations))
            self.sink.add(subject, iri(C2C + "targetCountry"), iri(f"{ID}country/{code}"))
            self.sink.add(subject, iri(C2C + "startYear"), typed(self.year(1995, 2010), "gYear"))
            self.passage(subject)
            made.append((subject, code))
        return made

    def networks(self, count: int) -> list[str]:
        made = []
        for _ in range(count):
            label = f"{self.name()} cities network"
            subject = iri(f"{ID}network/{self.slug(label)}")
            cluster = self.rng.random() < 0.3
            self.labelled(subject, C2C + ("CityCluster" if cluster else "CityNetwork"), label)
            self.passage(subject)
            made.append(subject)
        return made

    def works(self, count: int) -> list[str]:
        made = []
        for _ in range(count):
            author = self.name()
            year = self.year(1985, 2012)
            slug = self.slug(f"{author.lower()}-{year}")
            subject = iri(f"{ID}work/{slug}")
            add = self.sink.add
            add(subject, iri(RDF_TYPE), iri(C2C + "CitedWork"))
            add(subject, iri(RDF_TYPE), iri(BIBO + "Document"), G_INF)
            coauthors = [self.name() for _ in range(self.rng.randint(0, 2))]
            for family in dict.fromkeys([author, *coauthors]):
                add(subject, iri(DCT + "creator"), text(family))
            add(subject, iri(DCT + "issued"), typed(year, "gYear"))
            add(subject, iri(C2C + "citationLabel"), text(f"{author} {year}"))
            add(self.passage(""), iri(CITO + "cites"), subject, G_PROV)
            made.append(subject)
        return made

    def observations(self, datasets: int, per_dataset: int, works: list[str],
                     real: list[str]) -> None:
        add = self.sink.add
        for d in range(datasets + len(real)):
            if d < datasets:
                dataset_slug = f"synthetic-table-{d}"
                dataset = iri(f"{ID}dataset/{dataset_slug}")
                self.labelled(dataset, QB + "DataSet", f"Synthetic table {d}")
                add(dataset, iri(DCT + "source"), self.rng.choice(works))
            else:
                dataset = real[d - datasets]
                dataset_slug = dataset.rsplit("/", 1)[1][:-1] + "-synthetic"
            unit = self.concept("unit")
            for k in range(per_dataset):
                obs = iri(f"{ID}observation/{dataset_slug}/row-{k}")
                if k % 7 == 3:
                    add(obs, iri(C2C + "breakdown"), text(self.rng.choice(("men", "women"))))
                add(obs, iri(RDF_TYPE), iri(QB + "Observation"))
                add(obs, iri(QB + "dataSet"), dataset)
                add(obs, iri(C2C + "refPeriod"), typed(self.year(1990, 2012), "gYear"))
                add(obs, iri(C2C + "refArea"), iri(f"{ID}country/{self.rng.choice(COUNTRIES)[0]}"))
                add(obs, iri(C2C + "subject"),
                    iri(f"{ID}country/{self.rng.choice(COUNTRIES[:12])[0]}"))
                add(obs, iri(C2C + "observedValue"),
                    typed(f"{self.rng.uniform(0, 50000):.1f}", "decimal"))
                add(obs, iri(C2C + "unitOfMeasure"), unit)
                if k % 10 == 0:
                    self.passage(obs)

    def claims(self, count: int) -> None:
        for k in range(count):
            subject = iri(f"{ID}claim/synthetic-claim-{k}")
            add = self.sink.add
            self.labelled(subject, C2C + "Claim", f"Synthetic claim {k}")
            add(subject, iri(C2C + "statement"),
                text(f"A respondent holds view number {k % 97} about the link.", "en"))
            add(subject, iri(C2C + "speakerRole"), text(self.rng.choice(ROLES)))
            add(subject, iri(C2C + "speakerCountry"),
                iri(f"{ID}country/{self.rng.choice(('nl', 'tr', 'ma'))}"))
            add(subject, iri(C2C + "stance"), self.concept("stance"))
            self.passage(subject)

    def history(self, count: int, works: list[str]) -> None:
        """Cooperation waves, national policy phases, policy declarations and events."""
        add = self.sink.add
        for k in range(count):
            start = self.year(1950, 2008)
            for kind, cls in (("wave", "CooperationWave"), ("phase", "PolicyPhase")):
                subject = iri(f"{ID}{kind}/synthetic-{kind}-{k}")
                self.labelled(subject, C2C + cls, f"Synthetic {kind} {k}")
                add(subject, iri(C2C + "startYear"), typed(start, "gYear"))
                add(subject, iri(C2C + "endYear"), typed(start + self.rng.randint(3, 15), "gYear"))
                add(subject, iri(C2C + "hasObjective"), self.concept("objective"))
                add(subject, iri(C2C + "describedBy"), self.rng.choice(works))
                if cls == "PolicyPhase":
                    add(subject, iri(C2C + "policyOf"),
                        iri(f"{ID}country/{self.rng.choice(COUNTRIES[:8])[0]}"))
                    add(subject, iri(SKOS + "note"), text(f"Synthetic note {k}.", "en"))
                else:
                    add(subject, iri(C2C + "hasTheme"), self.concept("theme"))
                self.passage(subject)
            declaration = iri(f"{ID}declaration/synthetic-declaration-{k}")
            self.labelled(declaration, C2C + "PolicyDeclaration", f"Synthetic declaration {k}")
            add(declaration, iri(DCT + "issued"), typed(start, "gYear"))
            self.passage(declaration)
            event = iri(f"{ID}event/synthetic-event-{k}")
            disaster = k % 3 == 0
            self.labelled(event, C2C + ("NaturalDisaster" if disaster else "Event"),
                          f"Synthetic event {k}")
            add(event, iri(C2C + "eventDate"),
                typed(f"{start}-{self.rng.randint(1, 12):02d}-{self.rng.randint(1, 28):02d}",
                      "date"))
            pool = self.municipalities.get(self.rng.choice(("tr", "ma")), [])
            if pool:
                add(event, iri(C2C + "affectedPlace"), self.rng.choice(pool)[0])
            self.passage(event)

    def concept_sources(self, works: list[str], concepts: list[str]) -> None:
        """Some concepts cite works as authorities, and get alternative labels."""
        schemes = [iri(f"{VOCAB}{scheme}/{slug}") for scheme, slugs in SCHEMES.items()
                   for slug in slugs]
        for concept in sorted(set(schemes + concepts)):
            if self.rng.random() < 0.5:
                self.sink.add(concept, iri(CITO + "citesAsAuthority"), self.rng.choice(works),
                              G_VOCAB)
            if self.rng.random() < 0.3:
                self.sink.add(concept, iri(SKOS + "altLabel"), text(self.name().lower(), "en"),
                              G_VOCAB)

    def partnerships(self, count: int, programmes: list[str],
                     platforms: list[tuple[str, str]], networks: list[str]) -> None:
        first = [(c[0], c[3]) for c in COUNTRIES if c[3]]
        second = [(c[0], c[4]) for c in COUNTRIES if c[4]]
        pool_size = max(20, count // 12)
        pairs: set[tuple[str, str]] = set()
        partner_of: set[tuple[str, str]] = set()
        memberships: set[tuple[str, str]] = set()
        add = self.sink.add
        by_country: dict[str, list[str]] = {}
        for platform, code in platforms:
            by_country.setdefault(code, []).append(platform)
        made = 0
        while made < count:
            code_a = self.rng.choices([c for c, _ in first], [w for _, w in first])[0]
            code_b = self.rng.choices([c for c, _ in second], [w for _, w in second])[0]
            if code_a == code_b:
                continue
            a = self.pick_municipality(code_a, pool_size * first_weight(code_a, first))
            b = self.pick_municipality(code_b, pool_size * first_weight(code_b, second))
            slug_a = a[0].rsplit("/", 1)[1].rstrip(">")
            slug_b = b[0].rsplit("/", 1)[1].rstrip(">")
            if (slug_a, slug_b) in pairs:
                continue
            pairs.add((slug_a, slug_b))
            made += 1
            codev = self.rng.random() < 0.08
            kind = "codevelopment" if codev else "partnership"
            coop = iri(f"{ID}{kind}/{slug_a}-{slug_b}")
            self.labelled(coop, C2C + ("CoDevelopmentInitiative" if codev
                                       else "MunicipalPartnership"),
                          f"{a[1]}–{b[1]} {'co-development' if codev else 'partnership'}")
            partners = [a, b]
            if self.rng.random() < 0.03:
                third = self.pick_municipality(code_b, pool_size)
                if third[0] != b[0]:
                    partners.append(third)
            for partner in partners:
                add(coop, iri(C2C + "hasPartner"), partner[0])
            if codev:
                add(coop, iri(C2C + "supporter"), a[0])
                add(coop, iri(C2C + "supportedRegion"), b[0])
            start = self.year(1950, 2012)
            if self.rng.random() < 0.95:
                add(coop, iri(C2C + "startYear"), typed(start, "gYear"))
            roll = self.rng.random()
            if roll < 0.9:
                status = "active" if roll < 0.55 else ("ended" if roll < 0.8 else "abandoned")
                add(coop, iri(C2C + "status"), iri(f"{VOCAB}status/{status}"))
                if status == "ended":
                    add(coop, iri(C2C + "endYear"),
                        typed(min(2013, start + self.rng.randint(1, 30)), "gYear"))
            for theme in self.concepts("theme", 0, 2):
                add(coop, iri(C2C + "hasTheme"), theme)
            for objective in self.concepts("objective", 0, 2):
                add(coop, iri(C2C + "hasObjective"), objective)
            if self.rng.random() < 0.35:
                add(coop, iri(C2C + "supportedBy"), self.rng.choice(programmes))
            if self.rng.random() < 0.4:
                add(coop, iri(C2C + "setUpThrough"), self.concept("route"))
            if code_b in by_country and self.rng.random() < 0.3:
                platform = self.rng.choice(by_country[code_b])
                add(coop, iri(C2C + "formedOutOf"), platform)
                memberships.add((a[0], platform))
            if self.rng.random() < 0.05:
                memberships.add((a[0], self.rng.choice(networks)))
            add(coop, iri(RDF_TYPE), iri(C2C + "DecentralisedCooperation"), G_INF)
            for x in partners:
                for y in partners:
                    if x is not y and (x[0], y[0]) not in partner_of:
                        partner_of.add((x[0], y[0]))
                        add(x[0], iri(C2C + "partnerOf"), y[0], G_INF)
            self.passage(coop)
            if self.rng.random() < 0.3:
                self.passage(coop)
        for member, group in sorted(memberships):
            if self.rng.random() < 0.2:
                add(group, iri(C2C + "hasMember"), member)
            else:
                add(member, iri(C2C + "memberOf"), group)

    def run(self) -> None:
        """Everything, in a fixed order; real resources of the base are linked to as well, the
        real municipalities first in their country's pool so that they get many partners."""
        n, real = self.scale, self.base
        for subject in real.of_type("Municipality", "CityDistrict"):
            if subject in real.country:
                label = subject.rsplit("/", 1)[1][:-1].replace("-", " ").title()
                self.municipalities.setdefault(real.country[subject], []).append((subject, label))
                self.used_slugs.add(subject.rsplit("/", 1)[1][:-1])
        self.vocabularies()
        self.countries()
        organisations = self.organisations(max(10, n // 150))
        programmes = self.programmes(max(5, n // 400), organisations)
        programmes += real.of_type("SupportProgramme")
        platforms = self.platforms(max(4, n // 800), organisations)
        platforms += [(p, "ma") for p in real.of_type("MunicipalPlatform")]
        networks = self.networks(max(3, n // 2000))
        networks += real.of_type("CityNetwork", "CityCluster")
        works = self.works(max(10, n // 100)) + real.of_type("CitedWork")
        self.observations(max(2, n // 1000), 60, works, real.of_type("DataSet"))
        self.claims(max(5, n // 200))
        self.history(max(3, n // 2000), works)
        self.concept_sources(works, real.of_type("Concept"))
        self.partnerships(n, programmes, platforms, networks)


def first_weight(code: str, weights: list[tuple[str, int]]) -> int:
    """A country's share of the municipality pool, from its partnership weight (at least 1)."""
    total = sum(w for _, w in weights)
    return max(1, round(len(weights) * dict(weights).get(code, 1) / total))


def base_quads(path: Path | None) -> Iterator[str]:
    if path is None:
        return iter(())
    return (line for line in path.read_text(encoding="utf-8").splitlines(keepends=True)
            if line.strip() and not line.startswith("#"))


def generate(output: Path, triples: int, seed: int = 42, base: Path | None = None) -> int:
    """Write about ``triples`` quads (the base included) to ``output``; return the count."""
    lines = list(base_quads(base))
    real = Base.of(lines)
    calibration = Sink(None, skip=frozenset(lines))
    Generator(calibration, 5000, random.Random(seed), real).run()
    per_partnership = calibration.count / 5000
    scale = max(10, round((triples - len(lines)) / per_partnership))
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("w", encoding="utf-8", buffering=1 << 20) as handle:
        handle.writelines(lines)
        sink = Sink(handle.write, len(lines), frozenset(lines))
        Generator(sink, scale, random.Random(seed), real).run()
    return sink.count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=1_000_000, help="about how many quads")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--base", type=Path, help="N-Quads of a real build to include first")
    parser.add_argument("--output", type=Path, required=True, help="the .nq file to write")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    count = generate(args.output, args.triples, args.seed, args.base)
    print(f"wrote {count:,} quads to {args.output} in {time.perf_counter() - started:.1f} s",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
