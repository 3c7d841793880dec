"""espace.alertes.matching: the exact-group reference and the terms both engines index."""

from __future__ import annotations

import dataclasses
import math
import random

import pytest

from espace.alertes.matching import exact_match, offer_terms, subscription_groups
from espace.offers.model import Offer, SearchQuery
from espace.places.place import Place, haversine_km

LA_ROCHELLE = Place("commune", "17300", "La Rochelle", 46.1591, -1.152, "17", "75")


def offer(**fields) -> Offer:
    values = dict(id="1", title="Maçon", description="", training="", rome_code="F1703", appellation_code=None,
                  contract_type="CDI", created_at=0, place_label="La Rochelle", commune="17300", departement="17",
                  region="75", latitude=46.1591, longitude=-1.152)
    values.update(fields)
    return Offer(**values)


def candidate(query: SearchQuery, item: Offer) -> bool:
    """What the engines narrow with: a term of every group."""
    have = offer_terms(item)
    return all(not have.isdisjoint(group) for group in subscription_groups(query))


@pytest.mark.parametrize(("query", "fields", "expected"), [
    (SearchQuery(domaine="F17"), {}, True),
    (SearchQuery(domaine="F16"), {}, False),
    (SearchQuery(rome_codes=("F1703",), close_rome_codes=("F1701",)), {"rome_code": "F1701"}, False),
    (SearchQuery(appellation="1", rome_codes=("F1703",), close_rome_codes=("F1701",)),
     {"rome_code": "F1701", "appellation_code": "1"}, True),
    (SearchQuery(appellation="1"), {"appellation_code": "1"}, False),  # no code searched: nothing is exact
    (SearchQuery(keywords=("maçons", "zinc")), {"title": "MAÇONNE"}, True),
    (SearchQuery(keywords=("maçons", "zinc"), strict_keywords=True), {"title": "MAÇONNE"}, False),
    (SearchQuery(keywords=("zinc",), rome_codes=("F1703",)), {}, True),  # words only rank
    (SearchQuery(keywords=("zinc",), rome_codes=("F1703",), strict_keywords=True), {}, False),
    (SearchQuery(keywords=("?!",), strict_keywords=True), {}, True),  # a keyword without words is no keyword
    (SearchQuery(qualification="X"), {"executive": None}, True),
    (SearchQuery(qualification="0"), {"executive": None}, False),
    (SearchQuery(experience_levels=("0",)), {"experience_level": None}, True),
    (SearchQuery(natures=("E2",), or_contract_types=("CDI",)), {"nature": "E1"}, True),
    (SearchQuery(natures=("E2",)), {"nature": "E1"}, False),
    (SearchQuery(partners=("P",)), {"origin": "1"}, True),
    (SearchQuery(partners=("P",)), {"origin": "2", "partners": ("Q",)}, False),
    (SearchQuery(excluded_partners=("P",)), {"origin": "2", "partners": ("P",)}, False),
    (SearchQuery(accessible_th=False), {"accessible_th": None}, True),
    (SearchQuery(accessible_th=True), {"accessible_th": None}, False),
    (SearchQuery(min_monthly_salary=1), {"monthly_salary_min": None}, False),
    (SearchQuery(max_duration_months=6), {"duration_months": 6}, True),
    (SearchQuery(unspecified_working_time=True), {"full_time": None}, True),
    (SearchQuery(place=LA_ROCHELLE, distance_km=0), {"commune": "17299"}, False),
    (SearchQuery(place=LA_ROCHELLE, distance_km=0), {"commune": None, "latitude": None, "longitude": None}, True),
    (SearchQuery(place=LA_ROCHELLE, distance_km=10), {"latitude": None, "longitude": None}, True),
    (SearchQuery(place=LA_ROCHELLE, distance_km=10), {"latitude": None, "longitude": None, "departement": "79"},
     False),
    (SearchQuery(published_since_days=1, min_created_at=10**10), {}, True),  # the run's window decides
])
def test_exact_match_follows_the_search_contract(query, fields, expected):
    item = offer(**fields)
    assert exact_match(query, item) is expected
    if expected:  # the engines' narrowing never loses an exact match
        assert candidate(query, item)


def test_groups_by_kind_of_criterion():
    assert subscription_groups(SearchQuery(full_time=True, min_monthly_salary=2000)) == []  # checked on every offer
    assert subscription_groups(SearchQuery(rome_codes=("F1703",), keywords=("piscine",))) == [["r:F1703"]]
    assert subscription_groups(SearchQuery(keywords=("maçon confirmé", "zinc"), strict_keywords=True)) == [
        ["k:confirm"], ["k:zinc"]]  # each keyword's longest stem
    assert subscription_groups(SearchQuery(keywords=("maçon", "zinc"))) == [["k:macon", "k:zinc"]]
    assert subscription_groups(SearchQuery(place=LA_ROCHELLE, distance_km=0, contract_types=("CDD",))) == [
        ["cm:17300", "ncd:17"], ["c:CDD"]]


def destination(latitude: float, longitude: float, km: float, bearing: float) -> tuple[float, float]:
    delta, theta = km / 6371.0, math.radians(bearing)
    phi1, lambda1 = math.radians(latitude), math.radians(longitude)
    phi2 = math.asin(math.sin(phi1) * math.cos(delta) + math.cos(phi1) * math.sin(delta) * math.cos(theta))
    lambda2 = lambda1 + math.atan2(math.sin(theta) * math.sin(delta) * math.cos(phi1),
                                   math.cos(delta) - math.sin(phi1) * math.sin(phi2))
    return math.degrees(phi2), math.degrees(lambda2)


def test_the_cells_cover_every_point_of_the_circle():
    rng = random.Random(9)
    # Metropolitan France, Corsica, Guyane, La Réunion: both hemispheres, both signs of longitude.
    for latitude, longitude in ((46.16, -1.15), (50.95, 1.85), (42.7, 9.45), (4.93, -52.33), (-21.1, 55.5)):
        for km in (1, 5, 10, 30, 50, 100, 200):
            place = dataclasses.replace(LA_ROCHELLE, latitude=latitude, longitude=longitude)
            query = SearchQuery(place=place, distance_km=km)
            for _ in range(200):
                lat, lon = destination(latitude, longitude, km * math.sqrt(rng.random()), rng.uniform(0, 360))
                if haversine_km(latitude, longitude, lat, lon) > km:
                    continue
                item = offer(latitude=lat, longitude=lon)
                assert exact_match(query, item) and candidate(query, item), (latitude, longitude, km, lat, lon)
            edge = offer(**dict(zip(("latitude", "longitude"), destination(latitude, longitude, km * 0.999, 45),
                                    strict=True)))
            assert candidate(query, edge)
