"""Where an offer is: a small inline SVG of its département with the offer's point, and its words.

Drawn on the server from ``data/communes/departements_contours.json`` (simplified outlines, see
its SOURCE file): no tiles, script, font or request to another site, a few KB in the page. The
SVG has a ``viewBox`` and no size, so the stylesheet scales it to its column (reflow at 320 px).
What the map shows is also said in words (``OfferMap.description``), since a map cannot be the
only way to tell a place.

The projection is equirectangular around the département's middle latitude: at the scale of a
département it differs from the conformal projections by less than the outline's own accuracy.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from markupsafe import Markup, escape

from espace.offers.model import Offer
from espace.places import haversine_km
from espace.places.referential import Places

CONTOURS_FILE = "departements_contours.json"
WIDTH = 300.0  # viewBox units; the drawing's height follows the département's shape
MAX_HEIGHT = 360.0
MARGIN = 12.0
DIRECTIONS = ("au nord", "au nord-est", "à l'est", "au sud-est", "au sud", "au sud-ouest", "à l'ouest",
              "au nord-ouest")
SAME_PLACE_KM = 1.5  # closer than this to the préfecture's centre, the offer is « à » the préfecture
OSM_ZOOM = 12
FONT_SIZE = 16  # viewBox units: about 15 px when the map is 300 px wide, as at 320 px
LETTER = 9.5  # the widest average letter width at that size (capitals), to keep a name inside the map


@dataclass(frozen=True)
class OfferMap:
    svg: Markup
    description: str  # « Lagord, Charente-Maritime (17) : à 4 km au nord de La Rochelle, la préfecture »
    place_name: str
    osm_url: str


@dataclass(frozen=True)
class Departement:
    code: str
    name: str
    prefecture: str  # INSEE code of the chef-lieu


@lru_cache(maxsize=4)
def _contours(folder: str) -> dict[str, list[list[float]]]:
    return json.loads((Path(folder) / CONTOURS_FILE).read_text(encoding="utf-8"))


@lru_cache(maxsize=4)
def _departements(folder: str) -> dict[str, Departement]:
    rows = json.loads((Path(folder) / "departements.json").read_text(encoding="utf-8"))
    return {row["code"]: Departement(row["code"], row["nom"], row["chefLieu"]) for row in rows}


def osm_url(latitude: float, longitude: float) -> str:
    return (f"https://www.openstreetmap.org/?mlat={latitude:.5f}&mlon={longitude:.5f}"
            f"#map={OSM_ZOOM}/{latitude:.5f}/{longitude:.5f}")


def direction(from_lat: float, from_lon: float, to_lat: float, to_lon: float) -> str:
    """One of eight compass points, from the initial great-circle bearing."""
    phi1, phi2 = math.radians(from_lat), math.radians(to_lat)
    dlon = math.radians(to_lon - from_lon)
    east = math.sin(dlon) * math.cos(phi2)
    north = math.cos(phi1) * math.sin(phi2) - math.sin(phi1) * math.cos(phi2) * math.cos(dlon)
    bearing = math.degrees(math.atan2(east, north))
    return DIRECTIONS[round((bearing % 360) / 45) % 8]


def of(name: str) -> str:
    """« de » before a name, elided or contracted as French wants: d'Avignon, du Mans, des Abymes."""
    for article, contracted in (("Le ", "du "), ("Les ", "des ")):
        if name.startswith(article):
            return contracted + name[len(article):]
    return ("d'" if name[:1].lower() in "aeiouyhéèêâîôûœ" else "de ") + name


def commune_name(label: str) -> str:
    """« Lagord (17) » -> « Lagord »: the referential's labels end with the département."""
    return label.rsplit(" (", 1)[0]


class Projection:
    """Longitude/latitude to viewBox units, fitted to a set of points (the outline and the offer)."""

    def __init__(self, points: list[tuple[float, float]]):
        lons, lats = [p[0] for p in points], [p[1] for p in points]
        self.kx = math.cos(math.radians((min(lats) + max(lats)) / 2))
        self.west, self.north = min(lons), max(lats)
        span_x = max((max(lons) - self.west) * self.kx, 1e-6)
        span_y = max(self.north - min(lats), 1e-6)
        self.scale = min((WIDTH - 2 * MARGIN) / span_x, (MAX_HEIGHT - 2 * MARGIN) / span_y)
        self.width = span_x * self.scale + 2 * MARGIN
        self.height = span_y * self.scale + 2 * MARGIN

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        return (MARGIN + (lon - self.west) * self.kx * self.scale, MARGIN + (self.north - lat) * self.scale)


def _path(rings: list[list[float]], project: Projection) -> str:
    """Relative commands at 0.1 unit: a département's outline in about 1 KB."""
    parts = []
    for ring in rings:
        points = [project(ring[i], ring[i + 1]) for i in range(0, len(ring), 2)]
        x, y = round(points[0][0], 1), round(points[0][1], 1)
        steps = [f"M{x:g} {y:g}"]
        for px, py in points[1:]:
            nx, ny = round(px, 1), round(py, 1)
            if (nx, ny) != (x, y):
                steps.append(f"{round(nx - x, 1):g} {round(ny - y, 1):g}")
            x, y = nx, ny
        parts.append(steps[0] + "l" + " ".join(steps[1:]) + "z")
    return "".join(parts)


def _label(x: float, y: float, width: float, avoid_x: float, text: str) -> str:
    """The préfecture's name beside its mark: on the side away from the offer's point when it
    fits there, else on the side with room, else centred above (or below) the mark."""
    length = LETTER * len(text)
    fits_left, fits_right = x - 8 - length > 0, x + 8 + length < width
    if fits_left and (avoid_x >= x or not fits_right):
        anchor, x, y = "end", x - 8, y + 5
    elif fits_right:
        anchor, x, y = "start", x + 8, y + 5
    else:
        anchor, x, y = "middle", min(max(x, length / 2), width - length / 2), y - 10 if y > 30 else y + 22
    return (f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{FONT_SIZE}" '
            f'class="offer-map__label" fill="#1a1a1a" stroke="#fff" stroke-width="3" paint-order="stroke">'
            f'{escape(text)}</text>')


def svg(rings: list[list[float]], latitude: float, longitude: float, title: str, title_id: str,
        prefecture: tuple[str, float, float] | None = None) -> Markup:
    """The map: outline, the préfecture (a square, named) and the offer (a circle), with a title."""
    points = [(ring[i], ring[i + 1]) for ring in rings for i in range(0, len(ring), 2)] + [(longitude, latitude)]
    project = Projection(points)
    x, y = project(longitude, latitude)
    shapes = [f'<path class="offer-map__outline" d="{_path(rings, project)}" fill="#eef3f8" stroke="#00305f" '
              f'stroke-width="1.5" stroke-linejoin="round"/>']
    if prefecture:
        name, lat, lon = prefecture
        px, py = project(lon, lat)
        shapes += [f'<rect class="offer-map__prefecture" x="{px - 4:.1f}" y="{py - 4:.1f}" width="8" height="8" '
                   f'fill="#1a1a1a"/>', _label(px, py, project.width, x, name)]
    shapes.append(f'<circle class="offer-map__point" cx="{x:.1f}" cy="{y:.1f}" r="7" fill="#b3261e" '
                  f'stroke="#fff" stroke-width="2.5"/>')
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {project.width:.0f} {project.height:.0f}" '
        f'role="img" aria-labelledby="{title_id}" focusable="false" class="offer-map__svg">'
        f'<title id="{title_id}">{escape(title)}</title>' + "".join(shapes) + "</svg>")


def describe(place_name: str, departement: Departement, latitude: float, longitude: float,
             prefecture: tuple[str, float, float] | None, is_prefecture: bool) -> str:
    """Where, in words: the commune, its département and the way from the préfecture."""
    where = f"{place_name}, {departement.name} ({departement.code})"
    if prefecture is None:
        return where
    name, lat, lon = prefecture
    km = haversine_km(lat, lon, latitude, longitude)
    if is_prefecture or km < SAME_PLACE_KM:
        return f"{where} : la préfecture du département" if is_prefecture else f"{where} : à {name}, la préfecture"
    return f"{where} : à {round(km)} km {direction(lat, lon, latitude, longitude)} {of(name)}, la préfecture"


def offer_map(offer: Offer, places: Places, data_dir: str | Path, title_id: str = "carte-titre") -> OfferMap | None:
    """The offer's map, or None when its place is not known to the commune (no coordinates) or
    its département has no outline: the page then gives the place in words only."""
    folder = str(Path(data_dir) / "communes")
    commune = places.commune(offer.commune) if offer.commune else None
    latitude, longitude = offer.latitude, offer.longitude
    if latitude is None or longitude is None:
        if commune is None or commune.latitude is None or commune.longitude is None:
            return None
        latitude, longitude = commune.latitude, commune.longitude
    code = offer.departement or (commune.departement if commune else None)
    departement = _departements(folder).get(code or "")
    rings = _contours(folder).get(code or "")
    if departement is None or not rings:
        return None
    chef_lieu = places.commune(departement.prefecture)
    prefecture = None
    if chef_lieu and chef_lieu.latitude is not None and chef_lieu.longitude is not None:
        prefecture = (commune_name(chef_lieu.label), chef_lieu.latitude, chef_lieu.longitude)
    # Coordinates without a commune: the label names a département or a région, not the point.
    place_name = commune_name(commune.label) if commune else "Lieu de l'offre"
    description = describe(place_name, departement, latitude, longitude, prefecture,
                           commune is not None and commune.code == departement.prefecture)
    legend = "Le rond marque le lieu de l'offre" + (", le carré la préfecture." if prefecture else ".")
    title = f"Carte : {description}. {legend}"
    return OfferMap(svg(rings, latitude, longitude, title, title_id, prefecture), description, place_name,
                    osm_url(latitude, longitude))
