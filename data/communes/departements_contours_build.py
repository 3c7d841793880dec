"""Rebuild departements_contours.json (see departements_contours.SOURCE.txt). Standard library only.

    python data/communes/departements_contours_build.py path/to/france.departments.svg

The svg-maps drawing of metropolitan France is in Mercator units of unknown scale and origin:
the transform (x = a·λ + b, y = c·ln tan(π/4 + φ/2) + d, λ and φ in radians) is fitted by least
squares on every département's bounding box against the bounding box of its commune centres
(this folder's CSV), with one extra unknown per axis for the gap between the border and the
outermost centres. The outlines are then brought back to longitude/latitude. The five
overseas départements, which the drawing lacks, get the convex hull of their commune centres.
"""

from __future__ import annotations

import csv
import json
import math
import re
import sys
from pathlib import Path

HERE = Path(__file__).parent
OVERSEAS = ("971", "972", "973", "974", "976")  # the départements d'outre-mer; not the collectivités
PATH = re.compile(r'<path\s+id="([^"]+)"\s+aria-label="[^"]*"\s+d="([^"]+)"')


def svg_rings(svg: str) -> dict[str, list[list[tuple[float, float]]]]:
    """The paths use only relative « m » (then implicit relative line-tos) and « z »."""
    found = {}
    for code, d in PATH.findall(svg):
        rings, ring, x, y = [], None, 0.0, 0.0
        for token in re.findall(r"[mz]|-?[\d.]+,-?[\d.]+", d):
            if token == "m":
                continue
            if token == "z":
                rings.append(ring)
                x, y = ring[0]
                ring = None
                continue
            dx, dy = map(float, token.split(","))
            x, y = x + dx, y + dy
            ring = [(x, y)] if ring is None else [*ring, (x, y)]
        found[code] = rings + ([ring] if ring else [])
    return found


def solve3(rows: list[tuple[float, float, float]], values: list[float]) -> list[float]:
    """Least squares for three unknowns through the normal equations (Gauss-Jordan)."""
    m = [[sum(r[i] * r[j] for r in rows) for j in range(3)] + [sum(r[i] * v for r, v in zip(rows, values, strict=True))]
         for i in range(3)]
    for col in range(3):
        pivot = max(range(col, 3), key=lambda r: abs(m[r][col]))
        m[col], m[pivot] = m[pivot], m[col]
        for r in range(3):
            if r != col:
                factor = m[r][col] / m[col][col]
                m[r] = [a - factor * b for a, b in zip(m[r], m[col], strict=True)]
    return [m[i][3] / m[i][i] for i in range(3)]


def mercator_y(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def convex_hull(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    points = sorted(set(points))
    if len(points) < 3:
        return points

    def half(seq):
        chain = []
        for p in seq:
            while len(chain) > 1 and ((chain[-1][0] - chain[-2][0]) * (p[1] - chain[-2][1])
                                      - (chain[-1][1] - chain[-2][1]) * (p[0] - chain[-2][0])) <= 0:
                chain.pop()
            chain.append(p)
        return chain[:-1]

    return half(points) + half(reversed(points))


def main(svg_file: str) -> None:
    centres: dict[str, list[tuple[float, float]]] = {}
    with open(HERE / "communes_fr_2026_with_coords.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["latitude"]:
                point = (float(row["longitude"]), float(row["latitude"]))
                centres.setdefault(row["departement_code"], []).append(point)
    drawn = svg_rings(Path(svg_file).read_text(encoding="utf-8"))
    xr, xv, yr, yv = [], [], [], []
    for code, rings in drawn.items():
        xs, ys = [p[0] for r in rings for p in r], [p[1] for r in rings for p in r]
        lons = [math.radians(lon) for lon, _ in centres[code]]
        mys = [mercator_y(lat) for _, lat in centres[code]]
        xr += [(min(lons), 1, -1), (max(lons), 1, 1)]
        xv += [min(xs), max(xs)]
        yr += [(max(mys), 1, -1), (min(mys), 1, 1)]  # the drawing's y grows southwards
        yv += [min(ys), max(ys)]
    a, b, _ = solve3(xr, xv)
    c, d, _ = solve3(yr, yv)
    print(f"x = {a:.3f}·λ + {b:.3f}; y = {c:.3f}·merc(φ) + {d:.3f}", file=sys.stderr)

    def lonlat(x: float, y: float) -> tuple[float, float]:
        return math.degrees((x - b) / a), math.degrees(2 * math.atan(math.exp((y - d) / c)) - math.pi / 2)

    contours = {}
    for code in sorted(set(centres) | set(drawn)):
        if code in drawn:
            rings = [[lonlat(x, y) for x, y in ring] for ring in drawn[code]]
        elif code in OVERSEAS:
            rings = [convex_hull(centres[code])]
        else:
            continue
        flat = []
        for ring in rings:
            points = []
            for lon, lat in ring:
                point = (round(lon, 3), round(lat, 3))
                if not points or points[-1] != point:
                    points.append(point)
            if len(points) >= 3:
                flat.append([v for point in points for v in point])
        contours[code] = flat
    text = json.dumps(contours, separators=(",", ":"))
    (HERE / "departements_contours.json").write_text(text.replace("],\"", "],\n\"") + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1])
