"""A timeline of partnerships, programmes and platforms: a bar per dated thing, drawn as SVG on
the server (no script)."""

from __future__ import annotations

import datetime

from .html import esc, href_of, page
from .mapview import _year

__all__ = ["timeline_page"]

DATED = """
SELECT ?x ?label ?type ?start ?end WHERE {
  VALUES ?type { c2c:DecentralisedCooperation c2c:SupportProgramme c2c:MunicipalPlatform
                 c2c:CityNetwork c2c:HistoricalPeriod c2c:Event }
  ?x c2c:startYear ?start ; a/rdfs:subClassOf* ?type .
  OPTIONAL { ?x rdfs:label ?label FILTER(lang(?label) = "en") }
  OPTIONAL { ?x c2c:endYear ?end }
}"""
BARS = 1000  # most bars drawn
COLOURS = {"SupportProgramme": "#e9c46a", "MunicipalPlatform": "#f4a261",
           "CityNetwork": "#9d4edd", "HistoricalPeriod": "#adb5bd", "Event": "#e63946"}


def timeline_page(dataset, *, timeout: float = 30) -> bytes:
    items: dict[str, dict] = {}
    for x, label, kind, start, end in dataset.run(DATED, limit=20_000, timeout=timeout).rows:
        entry = items.setdefault(x.value, {"iri": x.value, "kinds": set(), "start": _year(start),
                                           "end": _year(end),
                                           "label": label.value if label else x.value})
        entry["kinds"].add(kind.value.rsplit("#", 1)[-1])
    for entry in items.values():
        if "Event" in entry["kinds"] and entry["end"] is None:
            entry["end"] = entry["start"]  # an event without an end lasted its year
    rows = sorted(items.values(), key=lambda e: (e["start"] or 0, e["label"]))
    notice = ""
    if len(rows) > BARS:
        notice = (f"<p class=notice>{len(rows)} dated resources; the first {BARS} by start "
                  "year are drawn.</p>")
        rows = rows[:BARS]
    if not rows:
        return page("Timeline", "<p>Nothing in the graph has a start year.</p>")
    now = datetime.date.today().year
    first = min(e["start"] for e in rows)
    last = max(max(e["end"] or now, e["start"]) for e in rows)
    left, width, step = 260, 640, 18
    per_year = width / max(1, last - first + 1)
    bars = []
    for i, e in enumerate(rows):
        y = 20 + i * step
        x0 = left + (e["start"] - first) * per_year
        x1 = left + ((e["end"] or now) - first + 1) * per_year
        kind = next((k for k in COLOURS if k in e["kinds"]), "")
        colour = COLOURS.get(kind, "#2a9d8f")
        dashed = "" if e["end"] else " stroke='#333' stroke-dasharray='3,2'"
        span = f"{e['start']}–{e['end'] or ''}"
        bars.append(
            f"<a href='{esc(href_of(e['iri']))}'><text x='{left - 6}' y='{y + 11}' "
            f"text-anchor=end font-size=11>{esc(e['label'][:40])}</text>"
            f"<rect x='{x0:.1f}' y='{y}' width='{max(2.0, x1 - x0):.1f}' height=13 "
            f"fill='{colour}'{dashed}><title>{esc(e['label'])} {esc(span)}</title></rect></a>")
    ticks = []
    for year in range(first - first % 5, last + 1, 5):
        if year < first:
            continue
        x = left + (year - first) * per_year
        ticks.append(f"<line x1='{x:.1f}' x2='{x:.1f}' y1=10 y2='{20 + len(rows) * step}' "
                     f"stroke='#ddd'/><text x='{x:.1f}' y=10 font-size=10>{year}</text>")
    height = 30 + len(rows) * step
    svg = (f"<svg id=timeline width='{left + width + 20}' height='{height}' role=img "
           f"aria-label='Timeline'>{''.join(ticks)}{''.join(bars)}</svg>")
    legend = ("<p class=muted>Green: partnerships and other cooperations; yellow: support "
              "programmes; orange: platforms; purple: city networks; grey: periods (waves, policy "
              "phases); red: events. A dashed outline: no end year known (drawn to this year)."
              "</p>")
    return page("Timeline", notice + legend + svg)
