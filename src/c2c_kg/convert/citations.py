"""Author-year in-text citations: find them in running text and name the works they cite.

Scope: the Harvard-style citations of social-science prose, in parentheses or in the sentence,
as a PDF-to-text extraction leaves them (names and years broken over lines, hyphenated names
split at a line end)::

    (Hafteck 2003: 334)                 one author, year, page
    (Johnson and Wilson 2006, 2009a)    two authors, two works
    (Johnson and Wilson 2007; 2009)     a bare year after ';' keeps the authors before it
    Tjandradewi et al. 2006             'et al.'
    Van der Wusten and Mamadouh (2002)  narrative form, name particles
    (Ring 1996, cited in Hewitt 2000)   a secondary citation: Ring is flagged ``secondary``
    Source: VNG 2009                    organisation authors, no parentheses

Out of scope: numbered styles, author names without a year ("Hewitt emphasized"), page-only
references ("(470)") and reference lists. The finder reports candidates for a person to curate:
it rejects years after month names and capitalised function words ("In 2010", "12 September
2006") and names that end a title ("Accra Agenda for Action (2008)"), but it cannot tell a
multi-word surname from two authors written without a comma ("Green Game and Delay 2005").

>>> [c.label for c in find_citations("as argued (Smith and Jones 2001: 4; Brown et al. 1999a).")]
['Smith and Jones 2001', 'Brown et al. 1999a']
>>> find_citations("Van der Berg (2010, 2012) wrote")[1].work_id
'work/van-der-berg-2012'
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["Citation", "by_work", "find_citations", "line_span", "name_slug"]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Lower-case name particles that belong to the surname that follows them.
PARTICLES = _words("van von der den de del della di da das dos du la le ter ten op het 't zu vom")
#: Capitalised words that never are (part of) an author's name before a year.
NOT_NAMES = _words(
    """In From Since By Between After Before Until Till During Around About Of On At To For The
    A An And Or As Also See Cf Circa Ca Like Unlike Per Under Over Within Towards Through Until
    Early Late Mid End Spring Summer Autumn Winter Source Sources Figure Figures Fig Table Tables
    Chapter Section Page Pages Note Notes Year Years Since January February March April May June
    July August September October November December Monday Tuesday Wednesday Thursday Friday
    Saturday Sunday"""
)
#: Lower-case words that, between a capitalised word and a name, show the name ends a title.
TITLE_LINKS = _words("of on for against to in")
#: Letters that a transliteration (not Unicode decomposition) maps to ASCII.
TRANSLITERATE = str.maketrans(
    {"ø": "o", "Ø": "o", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ß": "ss", "ł": "l",
     "Ł": "l", "đ": "d", "Đ": "d", "ı": "i", "þ": "th", "Þ": "th"}
)

TOKEN = re.compile(
    r"(?P<year>(?<![\d.,])(?:1[5-9]\d\d|20\d\d)[a-h]?(?![\w]))"
    r"|(?P<number>\d+)"
    r"|(?P<word>[^\W\d_][\w'’+&/-]*)"
    r"|(?P<punct>[^\w\s])"
)
DASHES = frozenset("-–—")


@dataclass(frozen=True)
class _Token:
    kind: str  # year, number, word, punct
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Citation:
    """One author-year citation as it stands in the text.

    ``authors`` are the names as written (a multi-word name stays one item: "Van Lindert",
    "UN Habitat"); ``start``/``end`` are code-point offsets from the first author to the end of
    the year or page. A year that repeats the authors before it ("2009a" in "Moss 2006,
    2009a") spans from those authors, so that the span always names whom it cites.
    """

    authors: tuple[str, ...]
    et_al: bool
    year: int
    letter: str
    pages: str | None
    start: int
    end: int
    narrative: bool = False  # "Hafteck (2003)" rather than "(Hafteck 2003)"
    secondary: bool = False  # followed by "cited in" / "quoted in" / ", in" another citation

    @property
    def year_label(self) -> str:
        """The year with its letter, as in "2009a"."""
        return f"{self.year}{self.letter}"

    @property
    def label(self) -> str:
        """A normalised citation label: "Johnson and Wilson 2006", "Baud et al. 2010"."""
        if self.et_al:
            names = f"{self.authors[0]} et al."
        elif len(self.authors) > 1:
            names = f"{', '.join(self.authors[:-1])} and {self.authors[-1]}"
        else:
            names = self.authors[0]
        return f"{names} {self.year_label}"

    @property
    def work_id(self) -> str:
        """The project's IRI path for the cited work: ``work/{first author}-{year}{letter}``."""
        return f"work/{name_slug(self.authors[0])}-{self.year_label}"


def name_slug(name: str) -> str:
    """A family or organisation name as a lower-case IRI slug, without diacritics.

    Words with symbols other than a hyphen or an apostrophe (a department code like "O+S")
    are left out.

    >>> name_slug("Acebillo-Baqué"), name_slug("Østergaard-Nielsen"), name_slug("Van der Wusten")
    ('acebillo-baque', 'ostergaard-nielsen', 'van-der-wusten')
    """
    plain = unicodedata.normalize("NFKD", name.translate(TRANSLITERATE))
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch)).lower()
    words = [w.replace("'", "").replace("’", "") for w in plain.split()]
    words = [w for w in words if re.fullmatch(r"[a-z][a-z-]*", w)]
    return "-".join(words)


def _tokens(text: str) -> list[_Token]:
    """Tokens of ``text``; a word ending in a hyphen is joined to the word after it."""
    tokens: list[_Token] = []
    for match in TOKEN.finditer(text):
        kind = match.lastgroup or "punct"
        token = _Token(kind, match.group(), match.start(), match.end())
        previous = tokens[-1] if tokens else None
        if (kind == "word" and previous is not None and previous.kind == "word"
                and previous.text.endswith("-") and len(previous.text) > 1):
            tokens[-1] = _Token("word", previous.text + token.text, previous.start, token.end)
            continue
        tokens.append(token)
    return tokens


def _is_name_word(token: _Token) -> bool:
    return (token.kind == "word" and token.text[0].isupper()
            and token.text.rstrip("-") not in NOT_NAMES)


def _names_before(tokens: list[_Token], end: int) -> tuple[list[str], bool, int] | None:
    """The author names that end just before ``tokens[end]``: (names, et al., first index)."""
    i = end - 1
    et_al = False
    if i >= 1 and tokens[i].text == "." and tokens[i - 1].text == "al":
        i -= 2
        et_al = True
    elif i >= 0 and tokens[i].text == "al":
        i -= 1
        et_al = True
    if et_al:
        if i < 0 or tokens[i].text != "et":
            return None
        i -= 1
    names: list[list[str]] = [[]]
    first = None
    while i >= 0:
        token = tokens[i]
        if _is_name_word(token) or (token.kind == "word" and token.text in PARTICLES
                                    and names[-1]):
            names[-1].insert(0, token.text)
        elif token.text in {"and", "&", ","} and names[-1]:
            names.append([])
        else:
            break
        first = i
        i -= 1
    names = [n for n in names if n]
    if not names or first is None:
        return None
    while tokens[first].text in {"and", "&", ","}:
        first += 1
    if i >= 1 and tokens[i].text in TITLE_LINKS and _is_name_word(tokens[i - 1]):
        return None  # "Agenda for Action (2008)": the end of a title, not an author
    ordered = [" ".join(words) for words in reversed(names)]
    return ordered, et_al, first


def _pages_after(tokens: list[_Token], k: int) -> tuple[str | None, int]:
    """Pages after the year at ``tokens[k]`` (": 33", ": 22–27", ", p. 5"): (pages, last index)."""
    n = len(tokens)
    j = None
    if k + 2 < n and tokens[k + 1].text == ":" and tokens[k + 2].kind in {"number", "year"}:
        j = k + 2
    elif (k + 3 < n and tokens[k + 1].text == "," and tokens[k + 2].text in {"p", "pp"}
          and tokens[k + 3].text == "." and k + 4 < n and tokens[k + 4].kind == "number"):
        j = k + 4
    if j is None:
        return None, k
    pages = tokens[j].text
    if (j + 2 < n and tokens[j + 1].text in DASHES
            and tokens[j + 2].kind in {"number", "year"}):
        pages = f"{pages}–{tokens[j + 2].text}"
        j += 2
    return pages, j


def _introduces_source(tokens: list[_Token], k: int) -> bool:
    """Whether the tokens after index ``k`` say "(, ) (cited|quoted) in" another work."""
    i = k + 1
    if i < len(tokens) and tokens[i].text == ",":
        i += 1
    if i < len(tokens) and tokens[i].text in {"cited", "quoted"}:
        i += 1
    return i < len(tokens) and tokens[i].text == "in" and i > k + 1 and i + 1 < len(tokens)


def find_citations(text: str) -> list[Citation]:
    """Every author-year citation in ``text``, in reading order."""
    tokens = _tokens(text)
    found: list[Citation] = []
    last_end_index = -10
    last: Citation | None = None
    for k, token in enumerate(tokens):
        if token.kind != "year":
            continue
        year, letter = int(token.text[:4]), token.text[4:]
        narrative = k >= 1 and tokens[k - 1].text == "("
        names = _names_before(tokens, k - 1 if narrative else k)
        start = token.start
        if names is not None:
            authors, et_al, first = names
            start = tokens[first].start
        elif (last is not None and k >= 2 and tokens[k - 1].text in {",", ";"}
              and last_end_index == k - 2):
            authors, et_al, narrative = list(last.authors), last.et_al, last.narrative
            start = last.start
        else:
            continue
        pages, end_index = _pages_after(tokens, k)
        citation = Citation(
            authors=tuple(authors), et_al=et_al, year=year, letter=letter, pages=pages,
            start=start, end=tokens[end_index].end, narrative=narrative,
            secondary=_introduces_source(tokens, end_index),
        )
        found.append(citation)
        last, last_end_index = citation, end_index
    return found


def line_span(text: str, citation: Citation) -> tuple[int, int]:
    """The 1-based first and last line of ``text`` on which ``citation`` stands."""
    first = text.count("\n", 0, citation.start) + 1
    last = first + text.count("\n", citation.start, max(citation.start, citation.end - 1))
    return first, last


def by_work(citations: Iterable[Citation]) -> dict[str, list[Citation]]:
    """Citations grouped by the work they name, keyed by the work's IRI path, in order of use.

    A work is its authors, year and letter. Where two works would get the same
    ``Citation.work_id`` ("Bontenbal 2009" and "Bontenbal and Van Lindert 2009"), the one with
    named co-authors gets its second author added: ``work/bontenbal-van-lindert-2009``.
    Spelling variants of a name stay apart: telling them apart is a person's call.

    >>> sorted(by_work(find_citations("(Lee 2001; Lee and Kim 2001; Lee 2001: 3)")))
    ['work/lee-2001', 'work/lee-kim-2001']
    """
    groups: dict[tuple[str, str, tuple[str, ...]], list[Citation]] = {}
    for citation in citations:
        others = ("et al.",) if citation.et_al else tuple(
            name_slug(name) for name in citation.authors[1:])
        key = (name_slug(citation.authors[0]), citation.year_label, others)
        groups.setdefault(key, []).append(citation)
    bases = Counter(f"{first}-{year}" for first, year, _ in groups)
    named: dict[str, list[Citation]] = {}
    for (first, year, others), items in groups.items():
        if bases[f"{first}-{year}"] > 1 and others and others != ("et al.",):
            named[f"work/{first}-{others[0]}-{year}"] = items
        else:
            named[f"work/{first}-{year}"] = items
    return named
