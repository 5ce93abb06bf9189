"""Converting one document: layout, sentences, citations, mentions and candidate facts.

:func:`convert_text` is pure (text in, :class:`Conversion` out); reading files, the graph's labels
and writing RDF are done by the callers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .candidates import Candidate, Place, figures, partnerships, periods, quotes
from .citations import Citation, find_citations
from .layout import pdf_text_layout
from .markdown import markdown_layout
from .mentions import Gazetteer, Mention
from .sentences import split_sentences
from .structure import Paragraph, Sentence, Structure

__all__ = ["Conversion", "PlacedCitation", "convert_text"]


@dataclass(frozen=True)
class PlacedCitation:
    """A citation, its document offsets and its sentence (paragraph index, sentence index)."""

    citation: Citation
    start: int
    end: int
    sentence: tuple[int, int]


@dataclass(frozen=True)
class PlacedMention:
    mention: Mention
    start: int
    end: int
    sentence: tuple[int, int] | None


@dataclass
class Conversion:
    """What the converter found in one document."""

    text: str
    kind: str
    structure: Structure
    citations: list[PlacedCitation] = field(default_factory=list)
    mentions: list[PlacedMention] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)


def convert_text(text: str, kind: str = "text", gazetteer: Gazetteer | None = None,
                 places: dict[str, Place] | None = None) -> Conversion:
    """Convert ``text`` of ``kind`` (``text``/``pdf`` or ``markdown``)."""
    structure = markdown_layout(text) if kind == "markdown" else pdf_text_layout(text)
    conversion = Conversion(text, kind, structure)
    gazetteer = gazetteer or Gazetteer()
    places = places or {}
    split_sentences(structure.paragraphs)
    for paragraph in structure.paragraphs:
        sentences = paragraph.sentences
        joined = paragraph.joined
        for citation in find_citations(joined.text):
            start, end = joined.span(citation.start, citation.end)
            conversion.citations.append(PlacedCitation(
                citation, start, end, (paragraph.index, _sentence_at(sentences, start))))
        mentions = gazetteer.find(joined.text)
        for mention in mentions:
            start, end = joined.span(mention.start, mention.end)
            conversion.mentions.append(PlacedMention(
                mention, start, end, (paragraph.index, _sentence_at(sentences, start))))
        conversion.candidates += _sentence_candidates(paragraph, mentions, places)
    for start, end in [(s, e) for s, e, _ in structure.table_rows] + [
            (c.start, c.end) for c in structure.captions]:
        for mention in gazetteer.find(text[start:end]):
            conversion.mentions.append(PlacedMention(
                mention, start + mention.start, start + mention.end, None))
    conversion.mentions.sort(key=lambda m: m.start)
    conversion.candidates += _table_candidates(text, structure, gazetteer, places)
    conversion.candidates.sort(key=lambda c: (c.start, c.kind))
    return conversion


def _sentence_at(sentences: list[Sentence], position: int) -> int:
    for sentence in sentences:
        if sentence.start <= position < sentence.end:
            return sentence.index
    before = [s.index for s in sentences if s.start <= position]
    return before[-1] if before else 0


def _sentence_candidates(paragraph: Paragraph, mentions: list[Mention],
                         places: dict[str, Place]) -> list[Candidate]:
    """Candidates found sentence by sentence in the paragraph's joined text (``mentions`` are
    the paragraph's, in joined positions)."""
    joined = paragraph.joined
    found: list[Candidate] = []
    bounds = [(joined.to_joined(s.start), joined.to_joined(s.end)) for s in paragraph.sentences]
    for start, end in bounds or [(0, len(joined.text))]:
        piece = joined.text[start:end]
        local = [Mention(m.start - start, m.end - start, m.label, m.entities)
                 for m in mentions if start <= m.start and m.end <= end]
        for candidate in (partnerships(piece, start, local, places)
                          + periods(piece, start, local) + figures(piece, start)
                          + quotes(piece, start)):
            candidate.start, candidate.end = joined.span(candidate.start, candidate.end)
            found.append(candidate)
    return found


def _table_candidates(text: str, structure: Structure, gazetteer: Gazetteer,
                      places: dict[str, Place]) -> list[Candidate]:
    """Partnership candidates from table rows; a row broken over lines (a block of lines between
    empty lines, where no line holds two places) is read as one row."""
    found: list[Candidate] = []
    rows = structure.table_rows
    blocks: list[list[tuple[int, int, str]]] = []
    for row in rows:
        if blocks and blocks[-1][-1][2] == row[2] and "\n\n" not in text[blocks[-1][-1][1]:row[0]]:
            blocks[-1].append(row)
        else:
            blocks.append([row])
    for block in blocks:
        per_line = [partnerships(text[s:e], s, gazetteer.find(text[s:e]), places, table_row=True)
                    for s, e, _ in block]
        if any(per_line):
            for candidates in per_line:
                found += candidates
            continue
        start, end = block[0][0], block[-1][1]
        whole = text[start:end]
        found += partnerships(whole, start, gazetteer.find(whole), places, table_row=True)
    return found
