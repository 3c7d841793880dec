"""A saved search's alert as the matcher knows it, and its SearchQuery as JSON.

The JSON holds only str, int, float, bool, None, list and dict (a DynamoDB record, an
OpenSearch document), and only the fields that differ from SearchQuery's defaults, so a
field added to SearchQuery later reads back as its default. ``query_from_json`` ignores
keys it does not know (a field since removed) and turns numbers back into the field's type
(a record store may hand back 46 for 46.0).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from espace.offers.model import SearchQuery
from espace.places.place import Place

FREQUENCIES = ("daily", "weekly")
_FIELDS = {spec.name: spec for spec in dataclasses.fields(SearchQuery)}
_DEFAULTS = SearchQuery()
_FLOAT_FIELDS = ("min_fee",)


@dataclass(frozen=True)
class Subscription:
    id: str  # f"{user_id}:{search id}"
    user_id: str
    frequency: str  # "daily" | "weekly"
    query: SearchQuery

    def __post_init__(self) -> None:
        if self.frequency not in FREQUENCIES:
            raise ValueError(f"frequency must be one of {FREQUENCIES}, not {self.frequency!r}")


def place_to_json(place: Place) -> dict[str, Any]:
    return {name: value for name, value in dataclasses.asdict(place).items() if value is not None}


def place_from_json(data: dict[str, Any]) -> Place:
    def number(name: str) -> float | None:
        value = data.get(name)
        return None if value is None else float(value)

    return Place(kind=data["kind"], code=data["code"], label=data.get("label", ""), latitude=number("latitude"),
                 longitude=number("longitude"), departement=data.get("departement"), region=data.get("region"))


def query_to_json(query: SearchQuery) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for name in _FIELDS:
        value = getattr(query, name)
        if value == getattr(_DEFAULTS, name):
            continue
        if name == "place":
            data[name] = place_to_json(value)
        elif name == "communes":
            data[name] = [place_to_json(place) for place in value]
        elif isinstance(value, tuple):
            data[name] = list(value)
        else:
            data[name] = value
    return data


def query_from_json(data: dict[str, Any]) -> SearchQuery:
    values: dict[str, Any] = {}
    for name, value in data.items():
        if name not in _FIELDS:
            continue  # a field SearchQuery no longer has
        default = getattr(_DEFAULTS, name)
        if value is None:
            values[name] = None
        elif name == "place":
            values[name] = place_from_json(value)
        elif name == "communes":
            values[name] = tuple(place_from_json(item) for item in value)
        elif isinstance(default, tuple):
            values[name] = tuple(value)
        elif name in _FLOAT_FIELDS:
            values[name] = float(value)
        elif isinstance(default, bool) or isinstance(value, bool):
            values[name] = bool(value)
        elif isinstance(value, float) and value.is_integer() and name not in _FLOAT_FIELDS:
            values[name] = int(value)  # an int field stored as a number with a fraction part
        else:
            values[name] = value
    return SearchQuery(**values)
