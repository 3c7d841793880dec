"""French places: communes, départements and régions, and what a user may type to name one.

Read from ``data/communes`` (INSEE COG 2026 + La Poste centre coordinates):
``communes_fr_2026_with_coords.csv`` by column header name (so a newer millésime
with the same columns drops in), ``departements.json`` and ``regions.json``.
Loading parses the CSV only (~0.1 s); the name and postal-code indexes are built
on the first ``resolve()`` that needs them, so a handler that only looks codes up
never pays for them.

Labels (``Place.label``): a commune is "La Rochelle (17)", a département
"Charente-Maritime (département 17)", a région "Nouvelle-Aquitaine". The word
"département" is there because a commune and its département may share a name
("Mayenne (53)" the town, "Mayenne (département 53)"), and labels must stay
unique: ``resolve()`` reads its own labels back to the same place.

What a user types is read by ``resolve()`` (rules in espace.places.resolve).

``nearest_commune(lat, lon)`` is the commune whose centre is closest to a position (the
search's « Autour de moi »), from a grid of the communes built on first use.

Arrondissement codes of Paris, Lyon and Marseille (75101…, 69381…, 13201…) are
accepted wherever a commune code is: they give the commune (code 75056…), since
the search matches offers by commune and the data has no arrondissement centre,
with the arrondissement kept in the label ("Paris 11e arrondissement (75)").
"""

from __future__ import annotations

import csv
import json
import math
from functools import cached_property, lru_cache
from pathlib import Path
from typing import NamedTuple

from espace.places.place import Place, haversine_km
from espace.places.resolve import Resolver

COMMUNES_FILE = "communes_fr_2026_with_coords.csv"
COLUMNS = ("code_insee", "nom", "codes_postaux", "departement_code", "region_code", "population",
           "latitude", "longitude")
# (first code, last code) -> the commune they are arrondissements of.
# « Autour de moi »: a position further than this from every commune centre is not in France
# (the largest communes, in French Guiana, are about 60 km across).
NEAREST_MAX_KM = 50.0
GRID_DEGREES = 0.2  # cells of the nearest-commune grid: ~22 km north-south
KM_PER_DEGREE = 111.2
ARRONDISSEMENTS = {("75101", "75120"): "75056", ("69381", "69389"): "69123", ("13201", "13216"): "13055"}


class PlacesError(Exception):
    """The places files are missing or lack an expected column."""


class _Commune(NamedTuple):  # 35,000 of them: tuples, not Place objects, until asked for
    name: str
    postal_codes: str  # space separated
    departement: str
    region: str
    population: int
    latitude: float | None
    longitude: float | None


def _float(value: str) -> float | None:
    try:
        return float(value) if value.strip() else None
    except ValueError:
        return None


def arrondissement_parent(code: str) -> str | None:
    for (first, last), parent in ARRONDISSEMENTS.items():
        if len(code) == 5 and first <= code <= last:
            return parent
    return None


class Places(Resolver):
    """The referential; ``resolve(text)`` comes from ``Resolver``."""

    def __init__(self, communes: dict[str, _Commune], departements: dict[str, tuple[str, str]],
                 regions: dict[str, str]):
        self._communes = communes
        self._departements = departements  # code -> (name, region code)
        self._regions = regions  # code -> name

    @classmethod
    def load(cls, folder: str | Path) -> Places:
        """The referential of ``folder``, read once per process."""
        return _load(str(Path(folder).resolve()))

    # --- lookups by code ------------------------------------------------------------
    def commune(self, insee: str) -> Place | None:
        if not isinstance(insee, str):
            return None
        code = insee.strip().upper()
        parent = arrondissement_parent(code)
        row = self._communes.get(parent or code)
        if row is None:
            return None
        name = row.name
        if parent:
            number = int(code[3:]) if parent == "75056" or parent == "13055" else int(code[4:])
            name = f"{row.name} {number}{'er' if number == 1 else 'e'} arrondissement"
        return Place("commune", parent or code, f"{name} ({row.departement})", row.latitude, row.longitude,
                     row.departement, row.region)

    def departement(self, code: str) -> Place | None:
        if not isinstance(code, str):
            return None
        code = code.strip().upper()
        if code.isdigit() and len(code) == 1:
            code = "0" + code
        found = self._departements.get(code)
        if found is None:
            return None
        return Place("departement", code, f"{found[0]} (département {code})", departement=code, region=found[1])

    def region(self, code: str) -> Place | None:
        if not isinstance(code, str):
            return None
        name = self._regions.get(code.strip())
        return None if name is None else Place("region", code.strip(), name, region=code.strip())

    def communes_of_postal_code(self, postal_code: str) -> list[Place]:
        return [place for c in self._postal_index.get(postal_code.strip(), ()) if (place := self.commune(c))]

    def postal_codes(self, insee: str) -> list[str]:
        row = self._communes.get(arrondissement_parent(insee) or insee)
        return row.postal_codes.split() if row else []

    def population(self, insee: str) -> int:
        row = self._communes.get(arrondissement_parent(insee) or insee)
        return row.population if row else 0

    def populations(self) -> list[tuple[str, int]]:
        """(code, population) of every commune with coordinates, in code order (for the generator)."""
        return [(code, row.population) for code, row in sorted(self._communes.items()) if row.latitude is not None]

    def arrondissement_codes(self) -> list[str]:
        return [str(n) for (first, last) in ARRONDISSEMENTS for n in range(int(first), int(last) + 1)]

    def codes(self, kind: str) -> list[str]:
        """Every code of a kind ("departement" or "region"), sorted."""
        return sorted(self._departements if kind == "departement" else self._regions)

    def nearest_commune(self, latitude: float, longitude: float, max_km: float = NEAREST_MAX_KM) -> Place | None:
        """The commune whose centre is nearest to the position (haversine), within ``max_km``."""
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            return None
        lat_cells = math.ceil(max_km / (KM_PER_DEGREE * GRID_DEGREES))
        # A degree of longitude shrinks with the cosine of the latitude (floored near the poles).
        lon_cells = math.ceil(lat_cells / max(math.cos(math.radians(latitude)), 0.05))
        row, column = _cell(latitude, longitude)
        best: tuple[float, str] | None = None
        for r in range(row - lat_cells, row + lat_cells + 1):
            for c in range(column - lon_cells, column + lon_cells + 1):
                for code, lat, lon in self._grid.get((r, c), ()):
                    distance = haversine_km(latitude, longitude, lat, lon)
                    if distance <= max_km and (best is None or (distance, code) < best):
                        best = (distance, code)
        return None if best is None else self.commune(best[1])

    # --- indexes, built on first use -----------------------------------------------
    @cached_property
    def _grid(self) -> dict[tuple[int, int], list[tuple[str, float, float]]]:
        grid: dict[tuple[int, int], list[tuple[str, float, float]]] = {}
        for code, row in self._communes.items():
            if row.latitude is not None and row.longitude is not None:
                grid.setdefault(_cell(row.latitude, row.longitude), []).append((code, row.latitude, row.longitude))
        return grid

    @cached_property
    def _postal_index(self) -> dict[str, list[str]]:
        index: dict[str, list[str]] = {}
        for code, row in self._communes.items():
            for postal in row.postal_codes.split():
                index.setdefault(postal, []).append(code)
        for codes in index.values():
            codes.sort(key=lambda c: -self._communes[c].population)
        return index


def _cell(latitude: float, longitude: float) -> tuple[int, int]:
    return math.floor(latitude / GRID_DEGREES), math.floor(longitude / GRID_DEGREES)


def _read_json(path: Path) -> list[dict[str, str]]:
    try:
        rows: list[dict[str, str]] = json.loads(path.read_text(encoding="utf-8"))
        return rows
    except (OSError, ValueError) as error:
        raise PlacesError(f"{path}: {error}") from error


@lru_cache(maxsize=4)
def _load(folder: str) -> Places:
    path = Path(folder) / COMMUNES_FILE
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as error:
        raise PlacesError(f"{path}: {error}") from error
    with handle:
        reader = csv.reader(handle)
        header = next(reader, [])
        missing = [c for c in COLUMNS if c not in header]
        if missing:
            raise PlacesError(f"{path.name}: missing columns {missing}")
        # csv.reader + positions read from the header: DictReader is twice as slow here.
        at = [header.index(c) for c in COLUMNS]
        communes = {}
        for row in reader:
            code, name, postal, dep, region, population, lat, lon = (row[i] for i in at)
            communes[code] = _Commune(name, postal, dep, region, int(population or 0), _float(lat), _float(lon))
    departements = {d["code"]: (d["nom"], d["region"]) for d in _read_json(Path(folder) / "departements.json")}
    regions = {r["code"]: r["nom"] for r in _read_json(Path(folder) / "regions.json")}
    return Places(communes, departements, regions)
