"""Place names made comparable: folding (diacritics, transliteration, case), known variants.

Folding goes through :func:`anyascii.anyascii` (Elazığ → elazig, Lüleburgaz → luleburgaz,
İzmit → izmit); similarity is :mod:`rapidfuzz`'s normalised Indel ratio on folded forms.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from anyascii import anyascii
from rapidfuzz import fuzz

__all__ = ["FORMER", "VARIANTS", "fold", "similarity", "variants"]

#: Names of one and the same place, folded: Dutch official and usual forms, exonyms, spellings.
#: Each group is checked against the TOOI register or the chapter (see docs/linking.md).
VARIANTS: tuple[frozenset[str], ...] = tuple(frozenset(group) for group in (
    {"s gravenhage", "den haag", "the hague", "la haye", "haag"},
    {"s hertogenbosch", "den bosch", "bois le duc"},
    {"al hoceima", "alhucemas"},
    {"assilah", "asilah", "arcila"},
    {"jrada", "jerada"},
    {"imzourene", "imzouren"},
    {"sudwest fryslan", "sudwest friesland"},
    {"nuenen gerwen en nederwetten", "nuenen"},
))
#: Former names: the same body under an older name, or the town a body is named after. A match
#: through them is proposed but scores lower (Izmit is also the name of a district of Kocaeli).
FORMER: tuple[frozenset[str], ...] = tuple(frozenset(group) for group in (
    {"kocaeli", "izmit"},
    {"istanbul", "constantinople"},
))
FORMER_WEIGHT = 0.9
_BY_NAME = {name: group for group in VARIANTS for name in group}
_FORMER = {name: group for group in FORMER for name in group}

_PREFIXES = re.compile(
    r"^(gemeente|municipality of|commune de|belediyesi)\s+")
_SUFFIXES = re.compile(r"\s+(belediyesi|municipality|city council|gemeente)$")
_QUALIFIER = re.compile(r"\s*\([^)]*\)")
_APOSTROPHES = str.maketrans("", "", "'’`ʻʼ‘")


@lru_cache(maxsize=200_000)
def fold(name: str) -> str:
    """Lower-case ASCII with punctuation as single spaces and admin words dropped."""
    text = anyascii(name).lower().translate(_APOSTROPHES)
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    text = _PREFIXES.sub("", text)
    return _SUFFIXES.sub("", text)


def variants(names: Iterable[str], *, former: bool = False) -> frozenset[str]:
    """The folded forms of ``names`` and of every known variant (and former name) of them."""
    found: set[str] = set()
    for name in names:
        bare = _QUALIFIER.sub(" ", name).strip()  # "Bergen (NH.)", "Lith (Oss)"
        for folded in {fold(name), fold(bare)} - {""}:
            found.add(folded)
            found |= _BY_NAME.get(folded, frozenset())
    if former:
        for name in list(found):
            found |= _FORMER.get(name, frozenset())
    return frozenset(found)


def similarity(ours: frozenset[str], theirs: frozenset[str]) -> float:
    """The best ratio (0–1) between folded forms; a match through a former name scores 0.9."""
    if ours & theirs:
        return 1.0
    best = max((fuzz.ratio(a, b) for a in ours for b in theirs), default=0.0) / 100
    older = {f for name in ours for f in _FORMER.get(name, ())}
    return max(best, FORMER_WEIGHT) if older & theirs else best
