"""espace.alertes.model: a saved search's query as JSON and back, losslessly."""

from __future__ import annotations

import json

import pytest

from espace.alertes.model import Subscription, query_from_json, query_to_json
from espace.offers.model import SearchQuery
from espace.places.place import Place

LA_ROCHELLE = Place("commune", "17300", "La Rochelle", 46.1591, -1.152, "17", "75")
RICH = SearchQuery(
    keywords=("maçon", "piscine"), strict_keywords=True, appellation="15870", rome_codes=("F1703",),
    close_rome_codes=("F1701", "F1604"), place=LA_ROCHELLE, distance_km=30, contract_types=("CDI", "CDD"),
    full_time=False, experience=("D",), qualification="9", published_since_days=7, min_monthly_salary=2000,
    max_duration_months=6, departements=("17", "79"), communes=(LA_ROCHELLE,), min_fee=150.5,
    accessible_th=False, unspecified_working_time=True, sort="date", descending=False, now=1_795_000_000)


def is_json_safe(value) -> bool:
    if isinstance(value, dict):
        return all(isinstance(k, str) and is_json_safe(v) for k, v in value.items())
    if isinstance(value, list):
        return all(is_json_safe(v) for v in value)
    return value is None or isinstance(value, str | int | float | bool)


@pytest.mark.parametrize("query", [SearchQuery(), RICH, SearchQuery(place=Place("region", "75", "Nouvelle-Aquitaine",
                                                                                region="75"))])
def test_round_trip_is_lossless_and_json_safe(query):
    data = query_to_json(query)
    assert is_json_safe(data)
    assert query_from_json(json.loads(json.dumps(data))) == query


def test_only_what_differs_from_the_defaults_is_kept():
    assert query_to_json(SearchQuery()) == {}
    assert query_to_json(SearchQuery(keywords=("maçon",), distance_km=10)) == {"keywords": ["maçon"]}


def test_numbers_read_back_in_their_fields_type_and_unknown_keys_are_ignored():
    # A record store may hand back 46 for 46.0 and 150 for 150.0.
    data = {"place": {"kind": "commune", "code": "1", "label": "X", "latitude": 46, "longitude": -1},
            "min_fee": 150, "distance_km": 20.0, "a_removed_field": 1}
    query = query_from_json(data)
    assert isinstance(query.place.latitude, float) and isinstance(query.min_fee, float)
    assert query.distance_km == 20 and isinstance(query.distance_km, int)


def test_subscription_frequency_is_checked():
    Subscription("u:s", "u", "weekly", SearchQuery())
    with pytest.raises(ValueError):
        Subscription("u:s", "u", "monthly", SearchQuery())
