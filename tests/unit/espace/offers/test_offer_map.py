"""The offer's map: the outline data, the drawing (everything inside its viewBox, contrasts) and the
words that say the same as the picture."""

from __future__ import annotations

import dataclasses
import json
import re

import lxml.etree
import pytest

from espace.offers.offer_map import FONT_SIZE, LETTER, direction, of, offer_map, osm_url
from espace.offers.offer_map import svg as draw
from espace.offers.schema import validate_offer
from espace.places.referential import Places
from tests.conftest import ROOT

DATA = ROOT / "data"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def offers(sample_offers, rome, places):
    return {raw["id"]: validate_offer(raw, rome, places) for raw in sample_offers}


def drawing(result):
    return lxml.etree.fromstring(str(result.svg).encode())


def path_points(d: str) -> list[tuple[float, float]]:
    """Absolute points of the outline path (« M x y l dx dy … z », as offer_map writes it)."""
    points = []
    for ring in re.findall(r"M([^l]+)l([^z]*)z", d):
        x, y = map(float, ring[0].split())
        points.append((x, y))
        numbers = list(map(float, ring[1].split()))
        for dx, dy in zip(numbers[::2], numbers[1::2], strict=True):
            x, y = x + dx, y + dy
            points.append((x, y))
    return points


def inside(lon: float, lat: float, rings: list[list[float]]) -> bool:
    crossings = False
    for flat in rings:
        ring = list(zip(flat[::2], flat[1::2], strict=True))
        for (x1, y1), (x2, y2) in zip(ring, ring[-1:] + ring[:-1], strict=True):
            if (y1 > lat) != (y2 > lat) and lon < (x2 - x1) * (lat - y1) / (y2 - y1) + x1:
                crossings = not crossings
    return crossings


def luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_every_departement_has_an_outline_that_holds_its_communes(places):
    contours = json.loads((DATA / "communes" / "departements_contours.json").read_text(encoding="utf-8"))
    departements = json.loads((DATA / "communes" / "departements.json").read_text(encoding="utf-8"))
    expected = {d["code"] for d in departements if d["zone"] in ("metro", "drom")}
    assert expected <= set(contours)
    # The georeferencing of the drawing: a sample of commune centres falls in their own département.
    communes = [c for code, _ in places.populations()[::20] if (c := places.commune(code)).departement in expected]
    assert len(communes) > 1500
    held = sum(inside(c.longitude, c.latitude, contours[c.departement]) for c in communes)
    assert held / len(communes) > 0.99


def test_everything_is_drawn_inside_the_viewbox(offers):
    for offer_id in ("169XHKY", "169WSTC", "169MLNX", "169WJWC"):  # La Rochelle, Planchez, Zonza (2A), Brest
        result = offer_map(offers[offer_id], *_context())
        svg = drawing(result)
        _, _, width, height = map(float, svg.get("viewBox").split())
        outline = svg.find(f"{SVG}path")
        points = path_points(outline.get("d"))
        assert len(points) > 20, "the outline is there"
        circle = svg.find(f"{SVG}circle")
        points.append((float(circle.get("cx")), float(circle.get("cy"))))
        assert all(0 <= x <= width and 0 <= y <= height for x, y in points), offer_id
        label = svg.find(f"{SVG}text")
        estimated = LETTER * len(label.text)
        x = float(label.get("x"))
        left, right = {"end": (x - estimated, x), "start": (x, x + estimated),
                       "middle": (x - estimated / 2, x + estimated / 2)}[label.get("text-anchor")]
        assert left >= 0 and right <= width, f"{offer_id}: the préfecture's name is cut"
        assert len(str(result.svg).encode()) < 10_000


def test_the_point_is_where_the_offer_is(offers):
    """Brest is at the west end of Finistère, Zonza in the south-east of Corse-du-Sud."""
    brest = drawing(offer_map(offers["169WJWC"], *_context()))
    width = float(brest.get("viewBox").split()[2])
    assert float(brest.find(f"{SVG}circle").get("cx")) < width / 2
    zonza = drawing(offer_map(offers["169MLNX"], *_context()))
    _, _, width, height = map(float, zonza.get("viewBox").split())
    circle = zonza.find(f"{SVG}circle")
    assert float(circle.get("cx")) > width / 2 and float(circle.get("cy")) > height / 2


def test_text_alternative_says_where(offers):
    result = offer_map(offers["169WRHJ"], *_context(), title_id="t1")  # L'Isle-sur-la-Sorgue
    svg = drawing(result)
    assert svg.get("role") == "img" and svg.get("aria-labelledby") == "t1"
    title = svg.find(f"{SVG}title")
    assert title.get("id") == "t1"
    assert result.description == "L'Isle-sur-la-Sorgue, Vaucluse (84) : à 18 km à l'est d'Avignon, la préfecture"
    assert title.text.startswith("Carte : " + result.description)
    assert "rond" in title.text and "carré" in title.text  # the shapes, not only their colours
    assert [t.text for t in svg.iter(f"{SVG}text")] == ["Avignon"]


def test_an_offer_with_only_its_commune_is_drawn_at_the_commune(offers):
    offer = dataclasses.replace(offers["169WNGL"], latitude=None, longitude=None)
    result = offer_map(offer, *_context())
    assert result is not None and "Bretteville-sur-Odon, Calvados (14)" in result.description
    assert "mlat=49.1" in result.osm_url


def test_coordinates_without_a_commune(offers):
    offer = dataclasses.replace(offers["169FFDW"], latitude=45.25, longitude=0.75)  # « 24 - Dordogne »
    assert offer_map(offer, *_context()).description.startswith("Lieu de l'offre, Dordogne (24) : à ")


def test_no_map_without_a_commune_or_coordinates(offers):
    assert offer_map(offers["169FFDW"], *_context()) is None  # « 24 - Dordogne »


def test_overseas_offer(offers):
    offer = dataclasses.replace(offers["169XHKY"], commune="97411", departement="974", latitude=None,
                                longitude=None)  # Saint-Denis (La Réunion), the préfecture
    result = offer_map(offer, *_context())
    assert result.description == "Saint-Denis, La Réunion (974) : la préfecture du département"


def test_colours_keep_a_3_to_1_contrast():
    svg = lxml.etree.fromstring(str(draw([[0, 0, 1, 0, 1, 1, 0, 1]], 0.5, 0.5, "t", "t")).encode())
    outline, circle = svg.find(f"{SVG}path"), svg.find(f"{SVG}circle")
    assert contrast(outline.get("stroke"), outline.get("fill")) >= 3
    assert contrast(outline.get("stroke"), "#ffffff") >= 3
    assert contrast(circle.get("fill"), outline.get("fill")) >= 3
    assert contrast(circle.get("fill"), "#ffffff") >= 3


@pytest.mark.parametrize("start, end, words", [
    ((48.8566, 2.3522), (50.6292, 3.0573), "au nord"),  # Paris -> Lille
    ((48.8566, 2.3522), (48.5734, 7.7521), "à l'est"),  # Paris -> Strasbourg
    ((48.8566, 2.3522), (43.6047, 1.4442), "au sud"),  # Paris -> Toulouse
    ((48.8566, 2.3522), (44.8378, -0.5792), "au sud-ouest"),  # Paris -> Bordeaux
    ((48.8566, 2.3522), (48.3904, -4.4861), "à l'ouest"),  # Paris -> Brest
    ((43.2965, 5.3698), (45.7640, 4.8357), "au nord"),  # Marseille -> Lyon
])
def test_direction(start, end, words):
    assert direction(*start, *end) == words


@pytest.mark.parametrize("name, words", [("Avignon", "d'Avignon"), ("Évreux", "d'Évreux"), ("Le Mans", "du Mans"),
                                         ("La Rochelle", "de La Rochelle"), ("Nevers", "de Nevers")])
def test_of(name, words):
    assert of(name) == words


def test_osm_url():
    assert osm_url(46.158141, -1.171305) == \
        "https://www.openstreetmap.org/?mlat=46.15814&mlon=-1.17131#map=12/46.15814/-1.17131"


def _context():
    return Places.load(DATA / "communes"), DATA


def test_every_prefecture_name_fits_in_its_map(places):
    """Long names (Charleville-Mézières, in the middle of the Ardennes) go above the mark."""
    contours = json.loads((DATA / "communes" / "departements_contours.json").read_text(encoding="utf-8"))
    departements = json.loads((DATA / "communes" / "departements.json").read_text(encoding="utf-8"))
    cut = []
    for departement in departements:
        if departement["code"] not in contours:
            continue
        prefecture = places.commune(departement["chefLieu"])
        name = prefecture.label.rsplit(" (", 1)[0]
        for shift in (0, 0.1, -0.1):  # the offer at the préfecture, east of it, west of it
            svg = lxml.etree.fromstring(str(draw(contours[departement["code"]], prefecture.latitude + shift,
                                                 prefecture.longitude + shift, "t", "t",
                                                 (name, prefecture.latitude, prefecture.longitude))).encode())
            _, _, width, height = map(float, svg.get("viewBox").split())
            label = svg.find(f"{SVG}text")
            x, y, length = float(label.get("x")), float(label.get("y")), LETTER * len(label.text)
            left = {"end": x - length, "start": x, "middle": x - length / 2}[label.get("text-anchor")]
            if left < 0 or left + length > width or not FONT_SIZE <= y <= height:
                cut.append(f"{departement['code']} {name}")
    assert cut == []
