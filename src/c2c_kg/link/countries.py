"""ISO 3166-1 codes of our countries, confirmed against the ISO code list shipped by pycountry.

A country record's id ends in its alpha-2 code by the project's convention (``country/nl``); the
code is linked only if the ISO list (current, or withdrawn codes of ISO 3166-3) has it and one of
the record's names agrees with the list's name for it.
"""

from __future__ import annotations

import datetime as dt
from importlib.metadata import version

import pycountry

from ..graph.links import LinkRow
from .model import Query
from .names import similarity, variants

__all__ = ["iso_links"]

THRESHOLD = 0.9


def _entry(code: str):
    found = pycountry.countries.get(alpha_2=code)
    if found is None:
        found = next((c for c in pycountry.historic_countries if c.alpha_2 == code), None)
    return found


def _agrees(query: Query, code: str, theirs: list[str]) -> bool:
    """A record name is (nearly) an ISO name, the start of one ("Sint Maarten (Dutch part)"),
    or pycountry's own fuzzy search puts this code first for it ("Russia")."""
    ours, iso = variants(query.all_names), variants(theirs)
    if similarity(ours, iso) >= THRESHOLD or any(t.startswith(o + " ") for o in ours
                                                  for t in iso):
        return True
    for name in query.all_names:
        try:
            if pycountry.countries.search_fuzzy(name)[0].alpha_2 == code:
                return True
        except LookupError:
            continue
    return False


def iso_links(queries: list[Query]) -> tuple[list[LinkRow], dict[str, str]]:
    """Link rows for the countries whose code and name agree with ISO 3166; reasons for others."""
    source = f"ISO 3166-1 and 3166-3 (pycountry {version('pycountry')})"
    today = dt.date.today().isoformat()
    rows, reasons = [], {}
    for query in queries:
        code = (query.country or "").upper()
        entry = _entry(code)
        if entry is None:
            reasons[query.id] = f"{code} is not an ISO 3166-1 alpha-2 code, current or withdrawn"
            continue
        theirs = [getattr(entry, a) for a in ("name", "official_name", "common_name")
                  if getattr(entry, a, None)]
        if not _agrees(query, code, theirs):
            reasons[query.id] = (f"ISO 3166 calls {code} {theirs[0]!r}, which does not match "
                                 f"the record's names")
            continue
        withdrawn = getattr(entry, "withdrawal_date", None)
        note = f"ISO name: {theirs[0]}" + (f"; code withdrawn {withdrawn}" if withdrawn else "")
        rows.append(LinkRow(query.id, code, "iso3166-1", "exactMatch", "register lookup",
                            source, today, note))
    return rows, reasons
