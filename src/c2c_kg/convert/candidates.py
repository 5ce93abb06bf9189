"""Candidate facts for a person to review: partnerships, periods, figures, quoted statements.

Each candidate names the passage it comes from (document offsets) and the rule that proposed it.
Partnerships are proposed only between places the graph already knows (so the partners resolve),
in two ways: two places of different countries in one table row, or joined in a sentence by
"with", "and" or a dash, in a sentence that speaks of partnerships, links, twinning or cooperation.
Candidates are never facts: they go to a review file, not into the curated graph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from .mentions import Mention

__all__ = ["Candidate", "Place", "figures", "partnerships", "periods", "quotes"]

PAIR_GAP = re.compile(r"\s*(?:\([^()]{0,40}\))?\s*(?:,\s*)?(?:with|and|&|–|-|—)\s+(?:the\s+)?"
                      r"(?:(?:municipality|municipal\s+department|district|city|town)\s+of\s+)?",
                      re.IGNORECASE)
LINK_GAP = re.compile(r"[^;.()]{0,60}?\b(?:links?|partnerships?|ties|relationships?|twinning|"
                      r"cooperation)\s+with\s+(?:(?:their|its|the)\s+)?", re.IGNORECASE)
LIST_GAP = re.compile(r"\s*(?:,\s*|\s+and\s+|,\s*and\s+)(?:with\s+)?(?:the\s+)?", re.IGNORECASE)
WITH = re.compile(r"\bwith\b", re.IGNORECASE)
RESPECTIVELY = re.compile(r"\brespectively\b", re.IGNORECASE)
CUE = re.compile(r"partner|link|twin|sister|cooperat|co-operat|tie", re.IGNORECASE)
PERIOD = re.compile(r"\((?P<start>1[89]\d\d|20\d\d)\s*[–-]\s*(?P<end>1[89]\d\d|20\d\d)\)")
FIGURE = re.compile(r"(?<![\w.,])(?P<value>\d{1,3}(?:[,.]\d{3})*(?:[.,]\d+)?)\s*"
                    r"(?P<unit>%|percent|per cent)(?!\w)")
QUOTE = re.compile(r"[‘“](?P<text>[^‘’“”]{12,400}?)[’”]")
WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class Place:
    """A place the graph knows: its IRI and the IRI of its country."""

    iri: str
    country: str
    municipal: bool = True  # a municipality, district or village (not an association)


@dataclass
class Candidate:
    """A proposed fact: ``kind`` (partnership, period, figure, quote), its values, its passage."""

    kind: str
    start: int
    end: int
    rule: str
    values: dict[str, object] = field(default_factory=dict)


def _place(mention: Mention, places: dict[str, Place]) -> Place | None:
    known = [places[e] for e in mention.entities if e in places]
    return known[0] if len(known) == 1 else None


def partnerships(text: str, offset: int, mentions: list[Mention],
                 places: dict[str, Place], *, table_row: bool = False) -> list[Candidate]:
    """Partnership candidates in ``text`` (a sentence or a table row at document ``offset``)."""
    placed = [(m, p) for m in mentions if (p := _place(m, places)) is not None]
    found: list[Candidate] = []
    if table_row:
        if len(placed) >= 2:
            (first, home), rest = placed[0], placed[1:]
            for mention, place in rest:
                if place.country != home.country and (home.municipal or place.municipal):
                    found.append(Candidate("partnership", offset + first.start,
                                           offset + mention.end, "two countries in a table row",
                                           {"partners": (home.iri, place.iri)}))
        return found
    if not CUE.search(text):
        return found
    anchor: tuple[Mention, Place] | None = None
    for (left, a), (right, b) in pairwise(placed):
        gap = text[left.end:right.start]
        if anchor is not None and LIST_GAP.fullmatch(gap):
            pair = (anchor, (right, b))
        elif PAIR_GAP.fullmatch(gap) or LINK_GAP.fullmatch(gap):
            pair = ((left, a), (right, b))
            anchor = (left, a) if WITH.search(gap) else None
        else:
            anchor = None
            continue
        (first, home), (second, other) = pair
        if home.country != other.country and (home.municipal or other.municipal):
            found.append(Candidate("partnership", offset + first.start, offset + second.end,
                                   "two places of different countries joined in a sentence",
                                   {"partners": (home.iri, other.iri)}))
    if RESPECTIVELY.search(text):
        paired = _respectively(text, offset, placed)
        if paired:
            return paired  # "respectively" pairs the lists; the pairs across them are wrong
    return found


def _respectively(text: str, offset: int, placed: list[tuple[Mention, Place]]
                  ) -> list[Candidate]:
    """"A and B … with C and D respectively": A with C, B with D."""
    split = WITH.search(text)
    if split is None:
        return []
    left = [(m, p) for m, p in placed if m.end <= split.start()]
    right = [(m, p) for m, p in placed if m.start >= split.end()]
    if len(left) != len(right) or len(left) < 2:
        return []
    return [Candidate("partnership", offset + a.start, offset + b.end,
                      "lists of places paired by 'respectively'", {"partners": (p.iri, q.iri)})
            for (a, p), (b, q) in zip(left, right, strict=True) if p.country != q.country]


def periods(text: str, offset: int, mentions: list[Mention]) -> list[Candidate]:
    """Periods in parentheses, ``(2007–2010)``, with the nearest mention before them."""
    found = []
    for match in PERIOD.finditer(text):
        before = [m for m in mentions if m.end <= match.start()]
        subject = before[-1].entities if before else ()
        found.append(Candidate("period", offset + match.start(), offset + match.end(),
                               "years in parentheses",
                               {"start": int(match.group("start")),
                                "end": int(match.group("end")), "subject": subject}))
    return found


def figures(text: str, offset: int) -> list[Candidate]:
    """Percentages with the words that follow them (their subject, for a person to check)."""
    found = []
    for match in FIGURE.finditer(text):
        after = WORD.findall(text[match.end():match.end() + 80])[:6]
        found.append(Candidate("figure", offset + match.start(), offset + match.end(),
                               "a percentage", {"value": match.group("value").replace(",", ""),
                                                "unit": "percent",
                                                "subject_words": len(after)}))
    return found


def quotes(text: str, offset: int) -> list[Candidate]:
    """Quoted statements of at least three words (offsets only: no quoted text is kept)."""
    found = []
    for match in QUOTE.finditer(text):
        if len(match.group("text").split()) >= 3:
            found.append(Candidate("quote", offset + match.start("text"),
                                   offset + match.end("text"), "text in quotation marks"))
    return found
