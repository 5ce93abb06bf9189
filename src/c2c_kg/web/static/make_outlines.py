"""Cut the country outlines the map needs out of Natural Earth 1:110m (via npm world-atlas 2.0.2).

Run once by hand, not at build time::

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python src/c2c_kg/web/static/make_outlines.py package/countries-110m.json \
        src/c2c_kg/web/static/outlines.json

Keeps every country whose outline reaches into the box (the whole world: partnerships reach every
continent), with coordinates rounded to 0.01°. Natural Earth is public domain; world-atlas is
ISC-licensed.
"""

from __future__ import annotations

import json
import sys

BOX = (-180.0, -90.0, 180.0, 90.0)  # west, south, east, north: the whole world


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((round(x * sx + tx, 2), round(y * sy + ty, 2)))
        arcs.append(points)
    return arcs


def ring(arcs: list, indexes: list[int]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return unwrapped(points)


def unwrapped(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """A ring that crosses the antimeridian (Fiji, eastern Russia) continued past 180° instead
    of jumping back across the map, which draws a line along the whole width."""
    out: list[tuple[float, float]] = []
    shift = 0.0
    for x, y in points:
        if out:
            step = x + shift - out[-1][0]
            if step > 180:
                shift -= 360
            elif step < -180:
                shift += 360
        out.append((round(x + shift, 2), y))
    return out


def main(source: str, target: str) -> None:
    with open(source, encoding="utf-8") as handle:
        topology = json.load(handle)
    arcs = decode_arcs(topology)
    west, south, east, north = BOX
    features = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        rings = [ring(arcs, r) for polygon in polygons for r in polygon]
        inside = any(west <= x <= east and south <= y <= north for r in rings for x, y in r)
        if inside:
            features.append({"name": geometry["properties"]["name"], "id": geometry.get("id"),
                             "rings": rings})
    out = {"source": "Natural Earth 1:110m Admin 0 countries v4.1.0 (public domain), "
                     "via the npm package world-atlas 2.0.2 (ISC)",
           "countries": features}
    with open(target, "w", encoding="utf-8") as handle:
        json.dump(out, handle, separators=(",", ":"))
        handle.write("\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
