"""The places referential: codes, names as people type them, ambiguity and suggestions."""

import shutil
import time

import pytest

from espace.places import haversine_km
from espace.places.referential import Places, PlacesError
from espace.places.resolve import name_key
from tests.conftest import ROOT

DATA = ROOT / "data" / "communes"


@pytest.fixture(scope="module")
def places():
    return Places.load(DATA)


def codes(places_list):
    return [(p.kind, p.code) for p in places_list]


def test_load_is_cached(tmp_path):
    # Its speed is measured by `make bench`, not here: a timed assertion failed under load.
    copy = tmp_path / "communes"
    shutil.copytree(DATA, copy)
    loaded = Places.load(copy)
    assert Places.load(copy) is loaded


def test_missing_column_is_reported(tmp_path):
    folder = tmp_path / "bad"
    shutil.copytree(DATA, folder)
    csv_file = folder / "communes_fr_2026_with_coords.csv"
    csv_file.write_text(csv_file.read_text(encoding="utf-8").replace("latitude", "lat", 1), encoding="utf-8")
    with pytest.raises(PlacesError, match="latitude"):
        Places.load(folder)


def test_la_rochelle_by_code_and_by_name(places):
    la_rochelle = places.commune("17300")
    assert la_rochelle.label == "La Rochelle (17)"
    assert (la_rochelle.departement, la_rochelle.region) == ("17", "75")
    assert la_rochelle.latitude == pytest.approx(46.16, abs=0.01)
    for text in ("La Rochelle (17)", "la rochelle (17)", "17 - LA ROCHELLE", "17000 La Rochelle",
                 "La Rochelle (17000)", "La-Rochelle (17)"):
        assert places.resolve(text).match == la_rochelle, text
    # A village of the 70 has the name too: the name alone asks which one, the 17's first.
    for text in ("La Rochelle", "la rochelle", "LA ROCHELLE", "La-Rochelle", "Larochelle", " la  rochelle ",
                 "Rochelle (La)"):
        result = places.resolve(text)
        assert result.match is None and codes(result.choices) == [("commune", "17300"), ("commune", "70450")], text


def test_every_homonym_commune_is_a_choice(places):
    valence = places.resolve("Valence")
    assert valence.match is None
    assert [p.label for p in valence.choices] == ["Valence (26)", "Valence (82)", "Valence (16)"]  # largest first
    for text in ("Valence (16)", "Valence (82)", "Valence (26)", "26000"):
        assert places.resolve(text).match.label.startswith("Valence ("), text


def test_saint_abbreviations_and_accents(places):
    saint_etienne = places.resolve("Saint-Étienne").match
    assert saint_etienne.code == "42218"
    for text in ("Saint Etienne", "ST ETIENNE", "st-étienne", "Saint-Etienne (42)"):
        assert places.resolve(text).match == saint_etienne, text
    assert name_key("L'Haÿ-les-Roses") == name_key("LHAY LES ROSES")
    assert name_key("Ste-Foy-lès-Lyon") == "saintefoyleslyon"


def test_saint_denis_is_ambiguous(places):
    result = places.resolve("Saint-Denis")
    assert result.match is None
    labels = [p.label for p in result.choices]
    assert "Saint-Denis (93)" in labels and "Saint-Denis (974)" in labels
    assert len(set(labels)) == len(labels)  # every choice says where it is
    assert places.resolve("Saint-Denis (93)").match.code == "93066"


def test_postal_codes(places):
    paris = places.resolve("75011").match
    assert (paris.kind, paris.code, paris.departement, paris.region) == ("commune", "75056", "75", "11")
    shared = places.resolve("17300")  # a postal code first: Rochefort's, not La Rochelle's INSEE code
    assert shared.match is None and {"17299", "17463"} <= {p.code for p in shared.choices}
    assert places.resolve("00000") == places.resolve("99999") == places.resolve("")


def test_insee_and_arrondissement_codes(places):
    assert places.resolve("2A004").match.label == "Ajaccio (2A)"
    eleventh = places.commune("75111")
    assert eleventh.code == "75056" and eleventh.label == "Paris 11e arrondissement (75)"
    assert places.commune("69381").label == "Lyon 1er arrondissement (69)"
    assert places.commune("13216").code == "13055"
    assert places.commune("99999") is None and places.commune(None) is None


def test_departements_and_regions(places):
    corse_du_sud = places.resolve("2A").match
    assert (corse_du_sud.kind, corse_du_sud.code, corse_du_sud.region) == ("departement", "2A", "94")
    assert corse_du_sud.latitude is None and corse_du_sud.longitude is None
    assert places.resolve("2a").match == corse_du_sud
    reunion = places.resolve("974").match
    assert (reunion.kind, reunion.code, reunion.region) == ("departement", "974", "04")
    assert places.resolve("La Réunion").match == reunion  # the département, same territory as the région
    assert places.resolve("1").match.code == "01"
    charente = places.resolve("Charente-Maritime").match
    assert charente.label == "Charente-Maritime (département 17)"
    assert places.resolve(charente.label).match == charente
    assert places.resolve("17").match == charente
    aquitaine = places.resolve("Nouvelle-Aquitaine").match
    assert (aquitaine.kind, aquitaine.code, aquitaine.latitude) == ("region", "75", None)
    assert places.resolve("région 75").match == aquitaine == places.region("75")
    assert places.resolve("ile de france").match.code == "11"
    assert places.resolve("65 - Pyrénées (Hautes)").match.code == "65"


def test_names_shared_by_a_commune_and_a_departement(places):
    assert codes([places.resolve("Paris").match]) == [("commune", "75056")]  # the département is that commune
    assert places.resolve("Vaucluse").match.kind == "departement"  # over a village of 115 inhabitants
    assert places.resolve("Bretagne").match.kind == "region"
    vienne = places.resolve("Vienne")
    assert codes(vienne.choices) == [("departement", "86"), ("commune", "38544")]
    mayenne = places.resolve("Mayenne")
    assert len({p.label for p in mayenne.choices}) == 2
    assert places.resolve("Mayenne (53)").match.kind == "commune"


def test_unknown_names_get_suggestions(places):
    result = places.resolve("Larochele")
    assert result.match is None and not result.choices
    assert result.suggestions[0].label == "La Rochelle (17)"
    assert len(result.suggestions) <= 5
    assert places.resolve("Marseile").suggestions[0].code == "13055"
    assert places.resolve("qqqqzzzz").suggestions == []


def test_hostile_input_gives_nothing(places):
    started = time.perf_counter()
    for text in ("x" * 10_000, "é" * 10_000, "(" * 5000 + ")" * 5000, "17 - " * 2000, None, 17, "   ", "()",
                 "\x00", "Saint-Denis (", "département", "région ?"):
        result = places.resolve(text)
        assert result.match is None, repr(text)[:40]
    assert places.resolve("x" * 10_000).suggestions == []
    # Milliseconds normally: the bound only catches a pattern gone catastrophic (minutes).
    assert time.perf_counter() - started < 30


def test_nearest_commune(places):
    assert places.nearest_commune(46.1591, -1.1520).label == "La Rochelle (17)"
    assert places.nearest_commune(48.8566, 2.3522).code == "75056"  # Paris, arrondissements are one commune
    assert places.nearest_commune(41.9192, 8.7386).label == "Ajaccio (2A)"
    assert places.nearest_commune(-20.8823, 55.4504).departement == "974"  # Saint-Denis de La Réunion
    # The nearest centre, by our own count over every commune.
    for lat, lon in ((45.0, 5.0), (47.35, -2.6), (43.1, 6.0), (49.9, 2.3)):
        found = places.nearest_commune(lat, lon)
        best = min((haversine_km(lat, lon, p.latitude, p.longitude), code) for code in places._communes
                    if (p := places.commune(code)).latitude is not None)
        assert best[0] < 50 and found.code == best[1]
    for lat, lon in ((51.5074, -0.1278), (0, 0), (91, 0), (45, 181)):
        assert places.nearest_commune(lat, lon) is None, (lat, lon)


def test_nearest_commune_measures_only_the_grid_cells_around(places, monkeypatch):
    """The grid, not a scan: one lookup measures the distance to a few hundred centres, not to the
    35,000 communes (counted rather than timed, which a loaded machine makes flaky)."""
    from espace.places import referential

    measured = []

    def counting(*args):
        measured.append(args)
        return haversine_km(*args)

    places.nearest_commune(46.1591, -1.1520)  # the grid is built on first use
    monkeypatch.setattr(referential, "haversine_km", counting)
    assert places.nearest_commune(46.1591, -1.1520).label == "La Rochelle (17)"
    assert 0 < len(measured) < 2000


def test_haversine():
    assert haversine_km(0, 0, 0, 0) == 0
    assert haversine_km(48.8566, 2.3522, 51.5074, -0.1278) == pytest.approx(343.5, abs=1)  # Paris-London
    assert haversine_km(0, 0, 90, 0) == pytest.approx(3.14159265 / 2 * 6371)
    assert haversine_km(0, 0, 0, 180) == pytest.approx(3.14159 * 6371, rel=1e-4)
