"""A conversion as RDF: the document graph.

Vocabularies: FaBiO/BIBO for the document, DoCO for its parts (``doco:Section``,
``doco:Paragraph``, ``doco:Sentence``, ``doco:Footnote``, ``doco:Table``, ``doco:Figure``,
``doco:Caption``), Web Annotation for where each part stands (an ``oa:TextPositionSelector`` with
``oa:start``/``oa:end``, as the curated evidence uses), CiTO for citations (``passage cito:cites
work``, and ``cito:Citation`` nodes for each in-text citation), and ``oa:Annotation`` with
``oa:motivatedBy oa:identifying`` for mentions of known entities.

Every part of the text is a passage IRI ``source/{doc}/passage/{start}-{end}``, the same IRI the
build gives a curated evidence passage with those offsets, so a record whose evidence is a
converter's sentence meets it in the graph. No text of the document is written unless
``include_text`` is set (the document may be copyrighted): titles of sections, tables and figures
are kept, as they are short labels a reader needs to find their way.
"""

from __future__ import annotations

from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDFS

from ..graph.evidence import passage_iri
from ..terms import BIBO, CITO, DOCO, FABIO, ID, OA, PREFIXES, SOURCE
from .document import Conversion

__all__ = ["conversion_graph", "work_iri"]

SEQUENCE = FABIO.hasSequenceIdentifier
C2C = Namespace(PREFIXES["c2c"])


def work_iri(work_id: str) -> URIRef:
    """The IRI of a cited work, as the curated works are named (``id/work/…``)."""
    return ID[work_id]


def conversion_graph(conversion: Conversion, doc_id: str, meta: dict | None = None, *,
                     include_text: bool = False) -> Graph:
    """The document graph of ``conversion`` for document ``doc_id`` (``source/{doc_id}``)."""
    meta = meta or {}
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    doc = SOURCE[doc_id]
    text = conversion.text
    graph.add((doc, RDF.type, FABIO.Expression))
    graph.add((doc, RDF.type, BIBO.Document))
    for key, predicate in (("title", DCTERMS.title), ("creator", DCTERMS.creator),
                           ("issued", DCTERMS.issued), ("publisher", DCTERMS.publisher),
                           ("license", DCTERMS.license)):
        values = meta.get(key)
        for value in values if isinstance(values, list) else [values] if values else []:
            graph.add((doc, predicate, Literal(str(value))))
    if meta.get("sha256"):
        graph.add((doc, C2C.sha256, Literal(meta["sha256"])))

    def part(start: int, end: int, *types: URIRef) -> URIRef:
        iri = passage_iri(doc_id, start, end)
        selector = URIRef(f"{iri}#position")
        graph.add((iri, RDF.type, OA.SpecificResource))
        for kind in types:
            graph.add((iri, RDF.type, kind))
        graph.add((iri, OA.hasSource, doc))
        graph.add((iri, OA.hasSelector, selector))
        graph.add((selector, RDF.type, OA.TextPositionSelector))
        graph.add((selector, OA.start, Literal(start, datatype=XSD.nonNegativeInteger)))
        graph.add((selector, OA.end, Literal(end, datatype=XSD.nonNegativeInteger)))
        if include_text:
            graph.add((iri, RDF.value, Literal(text[start:end])))
        return iri

    structure = conversion.structure
    sections = {}
    for k, section in enumerate(structure.sections):
        later = [s.start for s in structure.sections[k + 1:] if s.level <= section.level]
        end = later[0] if later else len(text.rstrip())
        iri = part(section.start, end, DOCO.Section)
        graph.add((iri, SEQUENCE, Literal(section.number)))
        graph.add((iri, DCTERMS.title, Literal(section.title)))
        graph.add((doc if section.parent is None else sections[section.parent],
                   DCTERMS.hasPart, iri))
        sections[section.number] = iri
    paragraphs = {}
    for paragraph in structure.paragraphs:
        iri = part(paragraph.start, paragraph.end, DOCO.Paragraph)
        paragraphs[paragraph.index] = iri
        owner = sections.get(paragraph.section) if paragraph.section else None
        if paragraph.in_footnote is None:
            graph.add((owner or doc, DCTERMS.hasPart, iri))
        for sentence in paragraph.sentences:
            graph.add((iri, DCTERMS.hasPart, part(sentence.start, sentence.end, DOCO.Sentence)))
    refs = {ref.number: ref for ref in structure.footnote_refs}
    for footnote in structure.footnotes:
        iri = part(footnote.start, footnote.end, DOCO.Footnote)
        graph.add((iri, SEQUENCE, Literal(str(footnote.number))))
        graph.add((doc, DCTERMS.hasPart, iri))
        if footnote.paragraph is not None:
            graph.add((iri, DCTERMS.hasPart, paragraphs[footnote.paragraph.index]))
        if footnote.number in refs:
            ref = refs[footnote.number]
            marker = part(ref.start, ref.end)
            graph.add((marker, DCTERMS.references, iri))
    for caption in structure.captions:
        box = SOURCE[f"{doc_id}/{caption.kind}/{caption.number}"]
        graph.add((box, RDF.type, DOCO.Table if caption.kind == "table" else DOCO.Figure))
        graph.add((box, SEQUENCE, Literal(caption.number)))
        graph.add((box, DCTERMS.title, Literal(caption.title)))
        graph.add((box, DCTERMS.isPartOf, doc))
        graph.add((box, DCTERMS.hasPart, part(caption.start, caption.end, DOCO.Caption)))

    def sentence_iri(where: tuple[int, int] | None) -> URIRef | None:
        if where is None:
            return None
        paragraph = structure.paragraphs[where[0]]
        if not paragraph.sentences:
            return paragraphs[paragraph.index]
        sentence = paragraph.sentences[min(where[1], len(paragraph.sentences) - 1)]
        return passage_iri(doc_id, sentence.start, sentence.end)

    for k, placed in enumerate(conversion.citations):
        work = work_iri(placed.citation.work_id)
        citing = sentence_iri(placed.sentence)
        graph.add((work, RDF.type, BIBO.Document))
        graph.add((work, RDFS.label, Literal(placed.citation.label)))
        graph.add((citing, CITO.cites, work))
        node = SOURCE[f"{doc_id}/citation/{k + 1}"]
        graph.add((node, RDF.type, CITO.Citation))
        graph.add((node, CITO.hasCitingEntity, citing))
        graph.add((node, CITO.hasCitedEntity, work))
        graph.add((node, OA.hasTarget, part(placed.start, placed.end)))
        if placed.citation.pages:
            graph.add((node, BIBO.pages, Literal(placed.citation.pages)))
        if placed.citation.secondary:
            later = [c for c in conversion.citations[k + 1:] if c.sentence == placed.sentence
                     and not c.citation.secondary]
            if later:
                graph.add((work_iri(later[0].citation.work_id), CITO.cites, work))
    for k, placed in enumerate(conversion.mentions):
        node = SOURCE[f"{doc_id}/mention/{k + 1}"]
        graph.add((node, RDF.type, OA.Annotation))
        graph.add((node, OA.motivatedBy, OA.identifying))
        for entity in placed.mention.entities:
            graph.add((node, OA.hasBody, URIRef(entity)))
        graph.add((node, OA.hasTarget, part(placed.start, placed.end)))
        within = sentence_iri(placed.sentence)
        if within is not None:
            graph.add((node, DCTERMS.isPartOf, within))
    return graph
