"""Widen a span of PDF-extracted text to the sentence, or table row, that holds it.

An evidence anchor is a short phrase; the passage a reader needs is the whole sentence that
states the fact. :func:`sentence_bounds` maps a span ``[start, end)`` to the bounds of the
sentence(s) around it, in text as a PDF-to-text tool writes it:

- prose lines are separated by empty lines, and a sentence runs across them;
- a line of spaces only (a paragraph, page or footnote rule), a numbered heading (``1.2.3.
  Title``), an unnumbered one (a short line without punctuation between a sentence end and a
  capital), a caption (``Table 1.2 …``, ``Figure 1.1 …``) and a table source line end a region
  that no passage crosses;
- a footnote (a line that starts with its number) is its own region, and so is the prose that
  resumes after it on an indented line; a sentence that footnotes interrupt (its text goes on in
  lower case after them) is taken whole, footnotes included, since a passage is one span;
- a sentence ends at ``.``, ``!`` or ``?`` (after any closing quote or bracket and a footnote
  number) followed by white space and a capital or an opening quote, unless the word before the
  full stop is an abbreviation (``e.g.``, ``i.e.``, ``et al.`` …) or an initial;
- a region with no sentence end in it is a table: the passage is the whole lines of the span
  (its row), not the region.

The function is pure: it reads only ``text`` and never shrinks the span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["sentence_bounds"]

_RULE = re.compile(r"^[ \t\u00a0]+$")
_HEADING = re.compile(r"^\s*\d+(?:\.\d+)+\.?\s+\S")
_CAPTION = re.compile(r"^\s*(?:(?:Table|Figure)\s+\d+\.\d+|Source:)")
_FOOTNOTE = re.compile(r"^\d{1,2}(?:\s+[A-Z\u2018\u201c'\"]|\s*$)")
_CLOSED = re.compile(r"[.!?][\u2019\u201d'\")\]]*\d{0,2}\s*$")
_PUNCTUATION = re.compile(r"[.,;:!?()\[\]]")
_END = re.compile(r"[.!?][\u2019\u201d'\")\]]*(?:\d{1,2})?(?=\s)")
_STARTER = re.compile(r"\s+[A-Z\u2018\u201c'\"]")
_ABBREVIATION = re.compile(
    r"(?:^|[\s(\[])(?:e\.g|i\.e|et al|etc|cf|vs|viz|no|nos|pp?|eds?|vol|fig|dr|mr|mrs|ms|st"
    r"|[A-Z])\.$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Line:
    start: int
    end: int  # first character after the line, newline excluded
    text: str


def _lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    position = 0
    for piece in text.split("\n"):
        lines.append(_Line(position, position + len(piece), piece))
        position += len(piece) + 1
    return lines


def _is_break(line: _Line) -> bool:
    return bool(_RULE.match(line.text) or _HEADING.match(line.text) or _CAPTION.match(line.text))


def _subheadings(lines: list[_Line]) -> set[int]:
    """Indexes of short unpunctuated lines after a sentence end and before a capital."""
    filled = [i for i, line in enumerate(lines) if line.text]
    found: set[int] = set()
    for k, index in enumerate(filled):
        words = lines[index].text.strip()
        if len(words) > 60 or _PUNCTUATION.search(words) or not words[:1].isupper():
            continue
        before = lines[filled[k - 1]] if k else None
        after = lines[filled[k + 1]].text.strip() if k + 1 < len(filled) else ""
        if (before is None or _is_break(before) or _CLOSED.search(before.text)) and (
            after[:1].isupper()
        ):
            found.add(index)
    return found


@dataclass(frozen=True)
class _Region:
    first: int  # line indexes, inclusive
    last: int
    kind: str  # "prose", "footnote", "rule" (spaces only) or "heading" (also captions)


def _regions(lines: list[_Line]) -> list[_Region]:
    """The regions between breaks, in order."""
    headings = _subheadings(lines)
    regions: list[_Region] = []
    first: int | None = None
    in_footnote = False
    number_only = False  # the footnote so far is just its number on a line of its own

    def close(last: int) -> None:
        nonlocal first
        if first is not None and last >= first:
            regions.append(_Region(first, last, "footnote" if in_footnote else "prose"))
        first = None

    for index, line in enumerate(lines):
        if _is_break(line) or index in headings:
            close(index - 1)
            kind = "rule" if _RULE.match(line.text) else "heading"
            regions.append(_Region(index, index, kind))
            in_footnote = False
            continue
        if not line.text:
            continue
        if _FOOTNOTE.match(line.text):
            close(index - 1)
            first, in_footnote = index, True
            number_only = line.text.strip().isdigit()
            continue
        if in_footnote and line.text[:1].isspace() and not number_only:
            close(index - 1)  # the page resumes after the footnotes
            in_footnote = False
        number_only = False
        if first is None:
            first = index
    close(len(lines) - 1)
    return regions


def _sentence_ends(chunk: str) -> list[int]:
    """Offsets in ``chunk`` just after each sentence end."""
    ends: list[int] = []
    for match in _END.finditer(chunk):
        if not _STARTER.match(chunk, match.end()) and chunk[match.end():].strip():
            continue
        dot = match.start()
        if chunk[dot] == "." and _ABBREVIATION.search(chunk[: dot + 1]):
            continue
        if dot and chunk[dot - 1].isdigit() and chunk[dot + 1 : dot + 2].isdigit():
            continue  # a decimal number or a section number, not a footnote mark
        ends.append(match.end())
    return ends


def _ends(text: str, low: int, high: int) -> list[int]:
    """Absolute offsets just after each sentence end in ``text[low:high]``."""
    return [low + offset for offset in _sentence_ends(text[low:high] + "\n")
            if offset <= high - low]


def _bounds(lines: list[_Line], region: _Region) -> tuple[int, int]:
    return lines[region.first].start, lines[region.last].end


def _resumed(text: str, lines: list[_Line], regions: list[_Region], at: int, step: int):
    """The prose region that a sentence cut by footnotes continues in, before or after ``at``."""
    index = at + step
    crossed = False
    while 0 <= index < len(regions) and regions[index].kind in ("rule", "footnote"):
        crossed = crossed or regions[index].kind == "footnote"
        index += step
    if not crossed or not 0 <= index < len(regions) or regions[index].kind != "prose":
        return None
    low, high = _bounds(lines, regions[index])
    if step > 0 and not text[low:high].lstrip()[:1].islower():
        return None  # the next page starts a new sentence
    ends = _ends(text, low, high)
    if step < 0 and ends and not text[ends[-1] : high].strip():
        return None  # the earlier text ended its sentence before the footnotes
    return low, high


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the sentence(s), or table row, that hold ``text[start:end]``."""
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"span {start}-{end} lies outside a text of {len(text)} characters")
    lines = _lines(text)
    first_line = next(i for i, line in enumerate(lines) if line.end >= start)
    last_line = next(i for i, line in enumerate(lines) if line.end >= max(start, end - 1))
    regions = _regions(lines)
    at = next((k for k, r in enumerate(regions) if r.first <= first_line <= r.last), None)
    if at is None or regions[at].last < last_line:  # the span crosses a break: whole lines
        return _trim(text, lines[first_line].start, lines[last_line].end, start, end)
    region = regions[at]
    low, high = _bounds(lines, region)
    ends = _ends(text, low, high)
    if not ends and region.first != region.last:  # a table: the span's own lines are its row
        return _trim(text, lines[first_line].start, lines[last_line].end, start, end)
    left = max([e for e in ends if e <= start], default=low)
    right = min([e for e in ends if e >= end], default=high)
    if region.kind == "prose" and left == low and text[low:high].lstrip()[:1].islower():
        before = _resumed(text, lines, regions, at, -1)
        if before:  # the sentence began before the footnotes that interrupt it
            left = max([e for e in _ends(text, *before) if e < before[1]], default=before[0])
    closed = bool(ends) and not text[ends[-1] : high].strip()  # the region ends a sentence
    if region.kind == "prose" and right == high and not closed:
        after = _resumed(text, lines, regions, at, +1)
        if after:  # the sentence goes on after the footnotes
            right = min(_ends(text, *after), default=after[1])
    return _trim(text, left, right, start, end)


def _trim(text: str, left: int, right: int, start: int, end: int) -> tuple[int, int]:
    """Strip white space from both ends, never cutting into ``[start, end)``."""
    while left < start and text[left].isspace():
        left += 1
    while right > end and text[right - 1].isspace():
        right -= 1
    return min(left, start), max(right, end)
