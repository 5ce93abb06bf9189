"""The layout of text extracted from a PDF: sections, paragraphs, footnotes, tables, pages.

Such text keeps the page's line breaks; in running text every line is followed by an empty line.
Footnote texts stand at the foot of their page after a line of spaces, numbered 1, 2, 3 … through
the document; the page after them starts with a line indented by one space. Section headings are
numbered (``1.2.1.``), captions start with ``Table`` or ``Figure`` and a number, a table ends
with its ``Source:`` line, and a page number stands alone on its line. Footnote markers are digits
glued to the word before them (``migrants2``); because footnotes are numbered in order, marker
*n* is the last such ``n`` after marker *n − 1* and before footnote *n*'s text.

Paragraphs run on across page breaks and footnote blocks; a paragraph ends at a short line that
ends a sentence, or at a heading, caption or table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .structure import (
    Caption,
    Footnote,
    FootnoteRef,
    JoinedText,
    Paragraph,
    Section,
    Structure,
)

__all__ = ["pdf_text_layout"]

SEPARATOR = re.compile(r" {30,}")
HEADING = re.compile(r"\s?(?P<number>\d{1,2}(?:\.\d{1,2})*)\.\s+(?P<title>[A-Z‘'\"][^\n]{0,110}?)"
                     r"(?P<marker>(?<=[a-z])\d{1,2})?\s*")
CAPTION = re.compile(r"\s*(?P<kind>Table|Figure)\s+(?P<number>\d{1,2}(?:\.\d{1,2})*)\s+"
                     r"(?P<title>\S[^\n]*?)(?P<marker>(?<=[a-z])\d{1,2})?\s*")
TABLE_SOURCE = re.compile(r"\s*Sources?:\s")
DIGITS = re.compile(r"\s*(\d{1,3})\s*")
FOOTNOTE_START = re.compile(r"(?P<number>\d{1,2})(?:\s+|$)")
MARKER = re.compile(r"(?<!\d\.)(?<=[^\s\d(\[/–-])(?P<number>\d{1,2})(?=[\s,.;:)’”]|$)")
#: a line shorter than this that ends a sentence ends its paragraph
SHORT_LINE = 72
SENTENCE_END = re.compile(r"[.!?:’”)]\s*$")


@dataclass
class _Line:
    index: int
    start: int
    text: str

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def blank(self) -> bool:
        return not self.text.strip()


def _lines(text: str) -> list[_Line]:
    lines, offset = [], 0
    for index, raw in enumerate(text.split("\n")):
        lines.append(_Line(index, offset, raw))
        offset += len(raw) + 1
    return lines


def _content(line: _Line) -> tuple[int, int]:
    """The span of ``line`` without its surrounding whitespace."""
    stripped = line.text.strip()
    lead = len(line.text) - len(line.text.lstrip())
    return line.start + lead, line.start + lead + len(stripped)


def pdf_text_layout(text: str) -> Structure:
    """The structure of ``text`` as extracted from a PDF (see the module docstring)."""
    lines = _lines(text)
    kinds: dict[int, str] = {}
    structure = Structure()
    _mark_footnote_blocks(lines, kinds, structure)
    _mark_headings_captions_tables(lines, kinds, structure)
    _mark_page_numbers(lines, kinds, structure)
    _paragraphs(lines, kinds, structure)
    _footnote_refs(lines, kinds, structure)
    return structure


def _mark_footnote_blocks(lines: list[_Line], kinds: dict[int, str],
                          structure: Structure) -> None:
    expected = 1
    k = 0
    while k < len(lines):
        if not SEPARATOR.fullmatch(lines[k].text):
            k += 1
            continue
        kinds[k] = "separator"
        k += 1
        current: Footnote | None = None
        awaiting_text = False
        while k < len(lines):
            line = lines[k]
            if line.blank:
                kinds[k] = "blank"
                k += 1
                continue
            start = FOOTNOTE_START.match(line.text)
            if start and int(start.group("number")) == expected:
                current = Footnote(expected, *_content(line))
                structure.footnotes.append(current)
                awaiting_text = not line.text[start.end():].strip()
                expected += 1
                kinds[k] = "footnote"
                k += 1
                continue
            ends_block = (
                (line.text.startswith(" ") and not awaiting_text)
                or HEADING.fullmatch(line.text) or CAPTION.fullmatch(line.text)
                or DIGITS.fullmatch(line.text) or current is None
            )
            if ends_block:
                break
            current.end = _content(line)[1]
            awaiting_text = False
            kinds[k] = "footnote"
            k += 1


def _mark_headings_captions_tables(lines: list[_Line], kinds: dict[int, str],
                                   structure: Structure) -> None:
    open_sections: list[Section] = []
    k = 0
    while k < len(lines):
        line = lines[k]
        if k in kinds or line.blank:
            k += 1
            continue
        heading = HEADING.fullmatch(line.text)
        if heading and len(line.text.strip()) < 110 and not SENTENCE_END.search(
                heading.group("title")[-1:] or ""):
            number = heading.group("number")
            while open_sections and not number.startswith(open_sections[-1].number + "."):
                open_sections.pop()
            start, end = _content(line)
            parent = open_sections[-1].number if open_sections else None
            section = Section(number, heading.group("title").strip(), start, end, parent)
            structure.sections.append(section)
            open_sections.append(section)
            kinds[k] = "heading"
            k += 1
            continue
        caption = CAPTION.fullmatch(line.text)
        if caption:
            kind = caption.group("kind").lower()
            structure.captions.append(Caption(kind, caption.group("number"),
                                              caption.group("title").strip(), *_content(line)))
            kinds[k] = "caption"
            k += 1
            if kind == "table":
                k = _mark_table(lines, k, kinds, structure, caption.group("number"))
            continue
        k += 1


def _mark_table(lines: list[_Line], k: int, kinds: dict[int, str], structure: Structure,
                number: str) -> int:
    """Mark the rows of table ``number`` from line ``k``: up to its Source line, else up to
    the first long line of running text. Returns the line after the table."""
    first = k
    end = None
    for j in range(k, min(k + 120, len(lines))):
        if TABLE_SOURCE.match(lines[j].text):
            end = j + 1
            break
        if j in kinds and kinds[j] in {"heading", "caption", "separator"}:
            end = j
            break
        if len(lines[j].text.strip()) >= 60:
            end = j
            break
    end = end if end is not None else min(k + 120, len(lines))
    for j in range(first, end):
        if j in kinds:
            continue
        kinds[j] = "table"
        if not lines[j].blank and not DIGITS.fullmatch(lines[j].text):
            structure.table_rows.append((*_content(lines[j]), number))
    return end


def _mark_page_numbers(lines: list[_Line], kinds: dict[int, str], structure: Structure) -> None:
    footnote_numbers = {f.number for f in structure.footnotes}
    for k, line in enumerate(lines):
        if k in kinds:
            continue
        digits = DIGITS.fullmatch(line.text)
        if not digits:
            continue
        if int(digits.group(1)) in footnote_numbers:
            kinds[k] = "marker"  # a footnote marker set on a line of its own
            continue
        before = lines[k - 1].blank if k else True
        after = lines[k + 1].blank if k + 1 < len(lines) else True
        if before and after:
            kinds[k] = "page"
            structure.page_numbers.append((*_content(line), int(digits.group(1))))


def _paragraphs(lines: list[_Line], kinds: dict[int, str], structure: Structure) -> None:
    section: str | None = None
    heading_at = {s.start: s.number for s in structure.sections}
    current: JoinedText | None = None
    bounds: list[int] = []

    def close() -> None:
        nonlocal current
        if current is not None and current.text.strip():
            paragraph = Paragraph(len(structure.paragraphs), bounds[0], bounds[1], current,
                                  section)
            structure.paragraphs.append(paragraph)
        current = None

    for k, line in enumerate(lines):
        kind = kinds.get(k)
        if kind in {"heading", "caption", "table"}:
            close()
            if kind == "heading":
                section = heading_at.get(_content(line)[0], section)
            continue
        if kind is not None or line.blank:
            continue
        start, end = _content(line)
        piece = text_of(line)
        if current is None:
            current, bounds = JoinedText(), [start, end]
            current.add(start, piece)
        else:
            joiner = "" if current.text.endswith(("-", "–", "—")) else " "
            current.add(start, piece, joiner=joiner)
            bounds[1] = end
        if len(line.text.rstrip()) < SHORT_LINE and SENTENCE_END.search(line.text):
            close()
    close()
    for footnote in structure.footnotes:
        joined = JoinedText()
        for line in lines:
            if kinds.get(line.index) == "footnote" and footnote.start <= line.start + len(
                    line.text) and line.start <= footnote.end:
                start, _ = _content(line)
                piece = text_of(line)
                if start < footnote.start:
                    piece = piece[footnote.start - start:]
                    start = footnote.start
                joiner = "" if joined.text.endswith(("-", "–", "—")) else " "
                joined.add(start, piece, joiner=joiner)
        footnote.paragraph = Paragraph(len(structure.paragraphs), footnote.start, footnote.end,
                                       joined, None, in_footnote=footnote.number)
        structure.paragraphs.append(footnote.paragraph)


def text_of(line: _Line) -> str:
    return line.text.strip()


def _footnote_refs(lines: list[_Line], kinds: dict[int, str], structure: Structure) -> None:
    candidates: list[tuple[int, int, int]] = []  # number, start, end
    for k, line in enumerate(lines):
        kind = kinds.get(k)
        if kind in {"marker", "table"} and DIGITS.fullmatch(line.text):
            candidates.append((int(line.text.strip()), *_content(line)))
        elif kind in {None, "heading", "caption", "table"} and not line.blank:
            for match in MARKER.finditer(line.text):
                candidates.append((int(match.group("number")),
                                   line.start + match.start("number"),
                                   line.start + match.end("number")))
    previous = -1
    for footnote in structure.footnotes:
        fitting = [c for c in candidates
                   if c[0] == footnote.number and previous < c[1] < footnote.start]
        if fitting:
            number, start, end = fitting[-1]
            structure.footnote_refs.append(FootnoteRef(number, start, end))
            previous = start
