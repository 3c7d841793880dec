"""Derive which départements border each other from the commune centres (data/communes).

    python tools/derive_limitrophes.py > data/communes/departements_limitrophes.json

The offer API's ``inclureLimitrophes`` needs the départements that share a border with
another. No openly licensed adjacency table is vendored here, so it is derived from the
communes we already ship (Licence Ouverte): communes tile the territory, so a commune on a
border has, among its nearest communes, some of the other side. Two départements are
bordering when at least MIN_PAIRS commune pairs (a commune and one of its K nearest, at
most MAX_KM apart) straddle them. The thresholds were chosen so that every pair of a
widely used hand-made table is found (checked once, 2026-12: 242 pairs for the 96
départements of metropolitan France); two pairs that only nearly touch are kept as well
(Loire-Atlantique and Mayenne, Moselle and Vosges), which for a job search around a
département is harmless. Overseas départements have no bordering département.
"""

from __future__ import annotations

import csv
import heapq
import json
import math
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COMMUNES = ROOT / "data" / "communes" / "communes_fr_2026_with_coords.csv"
K = 16
MAX_KM = 25.0
MIN_PAIRS = 3
CELL = 0.1  # degrees: a grid cell for the neighbour search


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


def derive(path: Path = COMMUNES) -> dict[str, list[str]]:
    points, departements = [], set()
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            departements.add(row["departement_code"])
            if row["latitude"] and row["zone"] == "metro":
                points.append((float(row["latitude"]), float(row["longitude"]), row["departement_code"]))
    grid = defaultdict(list)
    for i, (lat, lon, _) in enumerate(points):
        grid[(int(lat / CELL), int(lon / CELL))].append(i)
    pairs: Counter = Counter()
    for i, (lat, lon, dept) in enumerate(points):
        x, y = int(lat / CELL), int(lon / CELL)
        scale = math.cos(math.radians(lat)) ** 2
        around = [j for dx in range(-2, 3) for dy in range(-2, 3) for j in grid[(x + dx, y + dy)] if j != i]
        # The K nearest by a flat-earth distance (fast, same order at these few km), then the true one.
        nearest = heapq.nsmallest(K, around, key=lambda j: (points[j][0] - lat) ** 2
                                  + scale * (points[j][1] - lon) ** 2)
        for j in nearest:
            if points[j][2] != dept and _km((lat, lon), points[j][:2]) <= MAX_KM:
                pairs[tuple(sorted((dept, points[j][2])))] += 1
    bordering: dict[str, set[str]] = {code: set() for code in departements}
    for (a, b), count in pairs.items():
        if count >= MIN_PAIRS:
            bordering[a].add(b)
            bordering[b].add(a)
    return {code: sorted(bordering[code]) for code in sorted(bordering)}


if __name__ == "__main__":
    json.dump(derive(), sys.stdout, indent=0, ensure_ascii=False)
    sys.stdout.write("\n")
