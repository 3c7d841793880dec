"""`make run`'s demo offers: dense enough that a search near a mid-size town finds the frequent jobs."""

from __future__ import annotations

import json
import math

import pytest

from espace.adapters.offers_sqlite import SqliteOfferIndex
from espace.offers.cli import demo
from espace.offers.cli.generator import generate
from espace.offers.model import SearchQuery
from espace.offers.schema import validate_offer
from tests.caches import environment
from tests.conftest import ROOT
from tests.unit.espace.offers.conftest import NOW

LA_ROCHELLE = "17300"
FREQUENT = ("F1703", "J1501", "K1304", "N1101")  # maçon, aide-soignant, employé familial, cariste


def _km(lat1, lon1, lat2, lon2):
    return 111.2 * math.hypot(lat1 - lat2, (lon1 - lon2) * math.cos(math.radians(lat1)))


@pytest.fixture(scope="module")
def demo_offers(rome, places):
    """The offers `make run` loads (same count, same seed): every one with a place, as
    (romeCode, latitude, longitude, offer)."""
    return [(raw["romeCode"], raw["lieuTravail"]["latitude"], raw["lieuTravail"]["longitude"], raw)
            for raw in generate(demo.DEMO_COUNT, demo.DEMO_SEED, NOW, rome=rome, places=places)
            if "latitude" in raw["lieuTravail"]]


def test_a_frequent_job_is_found_near_a_mid_size_town(demo_offers, rome, places, tmp_path):
    """Issue 8: « maçon » at La Rochelle found none among the 3,000 demo offers. The offers
    within 40 km of La Rochelle, indexed in the embedded engine, answer the search."""
    town = places.commune(LA_ROCHELLE)
    index = SqliteOfferIndex(tmp_path / "offers.db")
    index.upsert([validate_offer(raw, rome, places) for _, lat, lon, raw in demo_offers
                  if _km(lat, lon, town.latitude, town.longitude) <= 40])

    def found(rome_code: str, distance_km: int) -> int:
        query = SearchQuery(rome_codes=(rome_code,), place=town, distance_km=distance_km, now=NOW)
        return index.search(query).total_exact

    assert found("F1703", 10) >= 1  # the API's default radius
    assert all(found(code, 30) >= 1 for code in FREQUENT)


def test_frequent_jobs_appear_near_most_mid_size_towns(demo_offers, places):
    """Each frequent job has an offer within 30 km of nearly every préfecture of 40,000 to
    150,000 inhabitants (51 of them)."""
    rows = json.loads((ROOT / "data" / "communes" / "departements.json").read_text(encoding="utf-8"))
    towns = [places.commune(row["chefLieu"]) for row in rows if row["zone"] == "metro"]
    towns = [t for t in towns if 40_000 <= places.population(t.code) <= 150_000]
    by_job = {code: [(lat, lon) for rome_code, lat, lon, _ in demo_offers if rome_code == code] for code in FREQUENT}
    pairs = [(t, code) for t in towns for code in FREQUENT]
    covered = sum(any(_km(lat, lon, t.latitude, t.longitude) <= 30 for lat, lon in by_job[code]) for t, code in pairs)
    assert len(towns) > 40 and covered / len(pairs) >= 0.95


def test_the_demo_fills_an_empty_index_once(tmp_path, capsys):
    with environment({"ESPACE_SEARCH_URL": f"sqlite:///{tmp_path}/offers.db"}):
        assert demo.main(["--count", "120"]) == 0
        assert "120 offres nouvelles" in capsys.readouterr().out
        assert demo.main(["--count", "50"]) == 0
        assert "120 offres déjà présentes" in capsys.readouterr().out
    assert SqliteOfferIndex(tmp_path / "offers.db").count() == 120
