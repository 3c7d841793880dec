"""The agencies: who they are, their hours, the communes they serve (data/agences/agences.json).

An agency serves whole départements (``serves.departements``) plus single communes
(``serves.communes``, for a commune served across a border); a commune's agency is the one that
serves it by name first, by its département next, and the nearest one when none does (a commune
of a département without an agency in the data).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from espace.places.place import haversine_km
from espace.places.referential import Places
from espace.text import WEEKDAYS as DAY_NAMES


@dataclass(frozen=True)
class Agency:
    id: str
    name: str
    address: str
    commune: str  # INSEE code
    postal_code: str
    city: str
    latitude: float | None
    longitude: float | None
    hours: dict[int, tuple[tuple[str, str], ...]]  # ISO weekday (1 = Monday) -> opening ranges "HH:MM"
    departements: tuple[str, ...]
    communes: tuple[str, ...]
    fictional: bool

    @property
    def full_address(self) -> str:
        return f"{self.address}, {self.postal_code} {self.city}"

    def hours_lines(self) -> list[str]:
        """« lundi : 8 h 30 à 12 h 30 et 13 h 30 à 16 h 30 », one line per day, closed days said."""
        lines = []
        for day, name in enumerate(DAY_NAMES, start=1):
            ranges = self.hours.get(day, ())
            told = " et ".join(f"{_time(start)} à {_time(end)}" for start, end in ranges) or "fermé"
            lines.append(f"{name} : {told}")
        return lines


def _time(value: str) -> str:
    hours, minutes = value.split(":")
    return f"{int(hours)} h {minutes}" if minutes != "00" else f"{int(hours)} h"


class Agencies:
    def __init__(self, agencies: list[Agency]):
        self._by_id = {agency.id: agency for agency in agencies}
        self._by_commune = {code: agency for agency in agencies for code in agency.communes}
        self._by_departement = {code: agency for agency in agencies for code in agency.departements}

    @classmethod
    def load(cls, folder: str | Path) -> Agencies:
        return _load(str(Path(folder).resolve()))

    def all(self) -> list[Agency]:
        return sorted(self._by_id.values(), key=lambda agency: agency.id)

    def get(self, agency_id: str) -> Agency | None:
        return self._by_id.get(agency_id) if isinstance(agency_id, str) else None

    def for_commune(self, insee: str, places: Places) -> Agency | None:
        """The agency of a commune (INSEE code), None for a code the referential does not know."""
        place = places.commune(insee)
        if place is None:
            return None
        found = self._by_commune.get(place.code) or self._by_departement.get(place.departement or "")
        if found is not None or place.latitude is None or place.longitude is None:
            return found
        lat, lon = place.latitude, place.longitude
        located = [a for a in self._by_id.values() if a.latitude is not None and a.longitude is not None]
        return min(located, key=lambda a: haversine_km(lat, lon, a.latitude, a.longitude),  # type: ignore[arg-type]
                   default=None)


@lru_cache(maxsize=4)
def _load(folder: str) -> Agencies:
    rows = json.loads((Path(folder) / "agences.json").read_text(encoding="utf-8"))
    return Agencies([Agency(
        id=row["id"], name=row["name"], address=row["address"], commune=row["commune"],
        postal_code=row["postal_code"], city=row["city"], latitude=row.get("latitude"),
        longitude=row.get("longitude"),
        hours={int(day): tuple((start, end) for start, end in ranges) for day, ranges in row["hours"].items()},
        departements=tuple(row["serves"]["departements"]), communes=tuple(row["serves"].get("communes", ())),
        fictional=bool(row.get("fictional"))) for row in rows])
