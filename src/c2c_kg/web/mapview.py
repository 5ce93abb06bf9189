"""The partnership map: a point per place with coordinates, a line per partnership between them.

Coordinates come from the graph (WGS84 ``geo:lat``/``geo:long``, or a GeoSPARQL ``POINT`` WKT);
places without them are counted and listed, not guessed. The page draws an SVG in the browser
from ``/map.json`` and ``/static/outlines.json`` (Natural Earth, shipped with the package): no
tile server, nothing fetched from elsewhere.
"""

from __future__ import annotations

import json
import re

from .html import esc, href_of, page

__all__ = ["map_data", "map_page"]

PLACES = """
SELECT DISTINCT ?place ?label ?lat ?lon ?wkt ?country WHERE {
  ?coop c2c:hasPartner ?place .
  OPTIONAL { ?place rdfs:label ?label FILTER(lang(?label) = "en") }
  OPTIONAL { ?place <http://www.w3.org/2003/01/geo/wgs84_pos#lat> ?lat ;
                    <http://www.w3.org/2003/01/geo/wgs84_pos#long> ?lon }
  OPTIONAL { ?place <http://www.opengis.net/ont/geosparql#hasGeometry>
                    /<http://www.opengis.net/ont/geosparql#asWKT> ?wkt }
  OPTIONAL { ?place c2c:country ?country }
}"""
COOPS = """
SELECT ?coop ?label ?status ?start ?end ?partner WHERE {
  ?coop c2c:hasPartner ?partner .
  OPTIONAL { ?coop rdfs:label ?label FILTER(lang(?label) = "en") }
  OPTIONAL { ?coop c2c:status/skos:prefLabel ?status FILTER(lang(?status) = "en") }
  OPTIONAL { ?coop c2c:startYear ?start }
  OPTIONAL { ?coop c2c:endYear ?end }
}"""
SHOWN = 50  # places without coordinates named on the page
POINT = re.compile(r"POINT\s*\(\s*([-+0-9.eE]+)\s+([-+0-9.eE]+)\s*\)", re.IGNORECASE)


def _year(term) -> int | None:
    if term is None:
        return None
    match = re.match(r"-?\d+", term.value)
    return int(match.group()) if match else None


def _coordinates(lat, lon, wkt) -> tuple[float, float] | None:
    try:
        if lat is not None and lon is not None:
            return float(lat.value), float(lon.value)
        if wkt is not None and (match := POINT.search(wkt.value)):
            return float(match.group(2)), float(match.group(1))
    except ValueError:
        return None
    return None


def map_data(dataset, *, timeout: float = 30) -> dict:
    """Places (with ``lat``/``lon`` when known) and partnerships, as plain JSON-ready data."""
    places: dict[str, dict] = {}
    found = dataset.run(PLACES, limit=100_000, timeout=timeout)
    partial = found.timed_out or found.truncated
    for place, label, lat, lon, wkt, country in found.rows:
        entry = places.setdefault(place.value, {
            "iri": place.value, "href": href_of(place.value),
            "label": label.value if label else place.value.rsplit("/", 1)[-1],
            "country": country.value.rsplit("/", 1)[-1] if country else None})
        point = _coordinates(lat, lon, wkt)
        if point and "lat" not in entry:
            entry["lat"], entry["lon"] = point
    coops: dict[str, dict] = {}
    found = dataset.run(COOPS, limit=100_000, timeout=timeout)
    partial = partial or found.timed_out or found.truncated
    for coop, label, status, start, end, partner in found.rows:
        entry = coops.setdefault(coop.value, {
            "iri": coop.value, "href": href_of(coop.value),
            "label": label.value if label else coop.value.rsplit("/", 1)[-1],
            "status": status.value if status else "unknown",
            "start": _year(start), "end": _year(end), "partners": []})
        if partner.value not in entry["partners"]:
            entry["partners"].append(partner.value)
    for entry in coops.values():
        entry["partners"].sort()
        countries = sorted({places[p]["country"] or "?" for p in entry["partners"]
                            if p in places})
        entry["pair"] = "–".join(countries)
    located = sum(1 for p in places.values() if "lat" in p)
    return {"places": sorted(places.values(), key=lambda p: p["label"]),
            "partnerships": sorted(coops.values(), key=lambda c: c["label"]),
            "located": located, "unlocated": len(places) - located, "partial": partial}


def map_page(data: dict) -> bytes:
    """The map page; the data is embedded as JSON (``<`` escaped) for the script to draw."""
    located = [p for p in data["places"] if "lat" in p]
    drawn = {p["iri"] for p in located}
    slim = {"places": located,
            "partnerships": [c for c in data["partnerships"]
                             if sum(1 for p in c["partners"] if p in drawn) >= 2]}
    # every "<" escaped, so no label can close the script element or open a comment in it
    blob = json.dumps(slim, ensure_ascii=False).replace("<", "\\u003c")
    missing = ""
    if data["unlocated"]:
        unlocated = [p for p in data["places"] if "lat" not in p]
        names = ", ".join(f"<a href='{esc(p['href'])}'>{esc(p['label'])}</a>"
                          for p in unlocated[:SHOWN])
        more = f" and {len(unlocated) - SHOWN} more" if len(unlocated) > SHOWN else ""
        missing = (f"<p class=muted>{data['unlocated']} of {len(data['places'])} places have no "
                   f"coordinates in the graph and are not drawn: {names}{more}.</p>")
    body = f"""
<form id=filters>
 <label style="display:inline">From year <input id=from type=number size=6></label>
 <label style="display:inline">to year <input id=to type=number size=6></label>
 <label style="display:inline"><input id=undated type=checkbox checked> include undated</label>
 <label style="display:inline">colour by <select id=colour><option value=status>status</option>
   <option value=pair>country pair</option></select></label>
 <span id=count class=muted></span>
</form>
<div id=legend class=muted></div>
<svg id=map role=img aria-label="Map of partnerships" width=900 height=640
     style="border:1px solid #ccc;background:#dbeafe"></svg>
{missing}
<p class=muted>Country outlines: Natural Earth 1:110m (public domain), via world-atlas.
Click a line for the partnership, a point for the place.</p>
<script id=map-data type="application/json">{blob}</script>
<script src="/static/map.js"></script>"""
    notices = ["The map is incomplete: its queries hit the timeout or the row limit."] \
        if data.get("partial") else []
    return page("Map of partnerships", body, notices=notices)
