"""The agencies as data: every département of the referential that has an agency, the agency of a
commune (by département, Corsica's two, the nearest one where a département has none), hours told."""

from __future__ import annotations

import json

import pytest

from espace.agences.model import Agencies
from espace.places.place import haversine_km
from espace.places.referential import Places
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def places():
    return Places.load(ROOT / "data" / "communes")


@pytest.fixture(scope="module")
def agencies():
    return Agencies.load(ROOT / "data" / "agences")


def test_one_fictional_agency_per_departement_at_a_known_commune(agencies, places):
    every = agencies.all()
    assert len(every) == 104 and all(agency.fictional for agency in every)
    served = [code for agency in every for code in agency.departements]
    assert len(served) == len(set(served)) == 104
    for agency in every:
        commune = places.commune(agency.commune)
        assert commune is not None and commune.departement in agency.departements, agency.id
        assert agency.postal_code in places.postal_codes(agency.commune), agency.id


def test_for_commune_by_departement(agencies, places):
    assert agencies.for_commune("17300", places).id == "17"  # La Rochelle
    assert agencies.for_commune("17306", places).id == "17"  # Rochefort, not the chef-lieu
    assert agencies.for_commune("75111", places).id == "75"  # an arrondissement gives Paris
    assert agencies.for_commune("97411", places).id == "974"  # Saint-Denis de La Réunion
    assert agencies.for_commune(" 01053 ", places).id == "01"  # spaces around a code do not count


def test_for_commune_in_corsica(agencies, places):
    assert agencies.for_commune("2A004", places).id == "2a"  # Ajaccio, Corse-du-Sud
    assert agencies.for_commune("2a004", places).id == "2a"
    assert agencies.for_commune("2B033", places).id == "2b"  # Bastia, Haute-Corse
    assert agencies.get("2a").city == "Ajaccio" and agencies.get("2b").city == "Bastia"


def test_a_commune_of_a_departement_without_agency_gets_the_nearest(agencies, places):
    belep = places.commune("98801")  # Nouvelle-Calédonie: no agency in the data
    assert belep is not None and belep.departement == "988"
    assert not [a for a in agencies.all() if "988" in a.departements]
    nearest = agencies.for_commune("98801", places)
    distances = sorted((haversine_km(belep.latitude, belep.longitude, a.latitude, a.longitude), a.id)
                       for a in agencies.all())
    assert nearest.id == distances[0][1] == "974"  # La Réunion, across the Indian Ocean
    assert distances[0][0] < distances[1][0]


def test_no_agency_for_what_the_referential_does_not_know_or_cannot_place(agencies, places):
    assert agencies.for_commune("98411", places) is None  # Îles Saint-Paul: no agency, no position
    for code in ("00000", "", "2C001", "x" * 1000):
        assert agencies.for_commune(code, places) is None
    assert agencies.get("99") is None and agencies.get(17) is None  # type: ignore[arg-type]


def test_hours_are_told_in_words_closed_days_included(agencies):
    lines = agencies.get("17").hours_lines()
    assert len(lines) == 7
    assert lines[0] == "lundi : 8 h 30 à 12 h 30 et 13 h 30 à 16 h 30"
    assert lines[3] == "jeudi : 8 h 30 à 12 h 30" and lines[5] == "samedi : fermé" and lines[6] == "dimanche : fermé"
    assert agencies.get("17").full_address.endswith("17000 La Rochelle")


def test_the_data_file_is_what_the_model_reads(agencies):
    rows = json.loads((ROOT / "data" / "agences" / "agences.json").read_text(encoding="utf-8"))
    assert {row["id"] for row in rows} == {agency.id for agency in agencies.all()}
    assert all(row["fictional"] is True for row in rows)
