"""The structure of a converted document: the parts the converter finds, with character offsets.

Every part records where it stands in the document as code-point offsets ``start``/``end`` into
the text as read (the same offsets Web Annotation's ``oa:TextPositionSelector`` uses). Running text
is also kept *joined* (a paragraph broken over PDF lines, page breaks and footnotes becomes one
string) with a map back to the document's offsets, so that finders (sentences, citations,
mentions) work on clean text and still report document offsets.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

__all__ = [
    "Caption",
    "Footnote",
    "FootnoteRef",
    "JoinedText",
    "Paragraph",
    "Section",
    "Sentence",
    "Structure",
]


@dataclass
class JoinedText:
    """Text assembled from pieces of a document, with a map from its positions to the document's.

    ``pieces`` are ``(joined_start, document_start, length)``, sorted; characters inserted
    between pieces (a joining space) map to the end of the piece before them.
    """

    text: str = ""
    pieces: list[tuple[int, int, int]] = field(default_factory=list)

    def add(self, document_start: int, piece: str, *, joiner: str = "") -> None:
        """Append ``joiner`` (not in the document), then ``piece`` (at ``document_start``)."""
        if self.text and joiner:
            self.text += joiner
        self.pieces.append((len(self.text), document_start, len(piece)))
        self.text += piece

    def to_document(self, position: int) -> int:
        """The document offset of joined ``position`` (an end position maps to just after)."""
        if not self.pieces:
            return 0
        starts = [p[0] for p in self.pieces]
        k = max(bisect.bisect_right(starts, position) - 1, 0)
        joined_start, document_start, length = self.pieces[k]
        return document_start + min(position - joined_start, length)

    def to_joined(self, document_position: int) -> int:
        """The joined position of a document offset (the next joined character if it falls in a
        gap between pieces)."""
        for joined_start, document_start, length in self.pieces:
            if document_position < document_start:
                return joined_start
            if document_position <= document_start + length:
                return joined_start + document_position - document_start
        return len(self.text)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The document span of the joined span ``start:end``."""
        if end <= start:
            return self.to_document(start), self.to_document(start)
        return self.to_document(start), self.to_document(end - 1) + 1


@dataclass
class Section:
    """A numbered section: ``number`` as written ("1.2.1"), its title, level and parent."""

    number: str
    title: str
    start: int
    end: int
    parent: str | None = None

    @property
    def level(self) -> int:
        return self.number.count(".") + 1


@dataclass
class Sentence:
    start: int
    end: int
    index: int  # within its paragraph


@dataclass
class Paragraph:
    """A paragraph of running text: its document span, joined text and sentences."""

    index: int
    start: int
    end: int
    joined: JoinedText
    section: str | None = None
    in_footnote: int | None = None  # the footnote number, for a footnote's text
    sentences: list[Sentence] = field(default_factory=list)


@dataclass
class Footnote:
    """Footnote ``number``: its text's span and, once found, where the text refers to it."""

    number: int
    start: int
    end: int
    paragraph: Paragraph | None = None


@dataclass
class FootnoteRef:
    """A footnote marker in the running text (a digit glued to a word, as PDFs leave them)."""

    number: int
    start: int
    end: int


@dataclass
class Caption:
    """A table or figure caption: ``kind`` is ``table`` or ``figure``."""

    kind: str
    number: str
    title: str
    start: int
    end: int


@dataclass
class Structure:
    """Everything the layout pass finds in one document."""

    sections: list[Section] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    footnote_refs: list[FootnoteRef] = field(default_factory=list)
    captions: list[Caption] = field(default_factory=list)
    table_rows: list[tuple[int, int, str]] = field(default_factory=list)  # start, end, table no.
    page_numbers: list[tuple[int, int, int]] = field(default_factory=list)  # start, end, number

    def sentences(self):
        """Every sentence with its paragraph, in document order."""
        for paragraph in self.paragraphs:
            for sentence in paragraph.sentences:
                yield paragraph, sentence
