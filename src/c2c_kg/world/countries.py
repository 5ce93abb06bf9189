"""Country names as the twinning lists write them, to ISO 3166-1 alpha-2 codes.

The lists name countries in English, in German or as Wikipedia page titles ("Georgia
(country)", "England, United Kingdom"). pycountry's ISO tables answer most; a small table holds
the rest (the United Kingdom's nations, short names, old names, territories without an ISO code).
A name nobody knows keeps a code made from its folded name (``x-…``), so it is never dropped.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pycountry

from ..link.names import fold

__all__ = ["country_code"]

#: Names pycountry's lookup does not know, folded, to ISO codes (XK: Kosovo's user-assigned code;
#: x-… for entities without one).
ALIASES = {
    "russia": "RU", "england": "GB", "scotland": "GB", "wales": "GB", "northern ireland": "GB",
    "great britain": "GB", "uk": "GB", "turkey": "TR", "republic of ireland": "IE",
    "palestine": "PS", "palestinian national authority": "PS", "palestinian territories": "PS",
    "west bank": "PS", "georgia": "GE", "georgia country": "GE", "cape verde": "CV",
    "kosovo": "XK", "ivory coast": "CI", "republic of macedonia": "MK", "macedonia": "MK",
    "sao tome and principe": "ST", "democratic republic of the congo": "CD", "east timor": "TL",
    "moldavia": "MD", "falkland islands": "FK", "bosnia and hercegovina": "BA", "surinam": "SR",
    "brunei": "BN", "madagaskar": "MG", "in italy": "IT", "grece": "GR", "kazakhstah": "KZ",
    "micronesia": "FM", "japa": "JP", "swaziland": "SZ", "usa": "US", "united states": "US",
    "south korea": "KR", "north korea": "KP", "iran": "IR", "syria": "SY", "vietnam": "VN",
    "laos": "LA", "czech republic": "CZ", "bolivia": "BO", "venezuela": "VE", "tanzania": "TZ",
    "taiwan": "TW", "the netherlands": "NL", "holland": "NL", "kingdom of the netherlands": "NL",
    "people s republic of china": "CN", "republic of china": "TW", "vatican city": "VA",
    "northern cyprus": "x-northern-cyprus", "prussia": "x-prussia",
    "kingdom of hungary": "HU", "luhansk people s republic": "x-luhansk",
}


@lru_cache(maxsize=4096)
def country_code(name: str) -> str:
    """The ISO alpha-2 code of ``name`` (or of its last comma part), else ``x-<folded name>``;
    empty for an empty name."""
    text = re.sub(r"\s*\((country|state)\)\s*$", "", name.strip())
    if not text:
        return ""
    for candidate in (text, text.rsplit(",", 1)[-1].strip()):
        folded = fold(candidate)
        if folded in ALIASES:
            return ALIASES[folded]
        try:
            return pycountry.countries.lookup(candidate).alpha_2
        except LookupError:
            continue
    folded = fold(text)
    return f"x-{folded.replace(' ', '-')}" if folded else ""
