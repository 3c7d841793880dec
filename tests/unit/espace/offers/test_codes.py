"""The code lists shared by offers and API parameters, and the vendored tables they read."""

from __future__ import annotations

import json

import pytest

from espace.offers import codes
from tests.conftest import ROOT
from tools.derive_limitrophes import derive

DATA = str(ROOT / "data")


def test_bordering_departements_are_the_derivation_of_the_communes():
    vendored = json.loads((ROOT / "data" / "communes" / "departements_limitrophes.json").read_text(encoding="utf-8"))
    assert vendored == derive()  # the file is what tools/derive_limitrophes.py writes


def test_bordering_departements():
    table = codes.bordering(DATA)
    assert len(table) == 101 + 8  # every département of the communes file (COM included)
    assert all(a in table[b] for a in table for b in table[a])  # symmetric
    assert table["17"] == ("16", "24", "33", "79", "85")
    assert set(table["75"]) == {"92", "93", "94"}
    assert table["2A"] == ("2B",) and table["974"] == ()
    assert "74" not in table["06"] and "13" in table["84"]


def test_themes_are_the_rome_thematic_tree():
    themes = codes.themes(DATA)
    assert list(themes) == [f"{n:03d}" for n in range(1, 18)]
    label, rome_codes = themes["001"]
    assert label == "Métiers de l'environnement et du développement durable"
    assert "F1703" in rome_codes and "M1203" not in rome_codes


@pytest.mark.parametrize(("label", "code"), [
    ("Contrat travail", "E1"), ("Cont. professionnalisation", "FS"), ("CDI de chantier ou d’opération", "CC"),
    ("Insertion par l'activ.éco.", "I1"), ("E2", "E2"), ("Contrat inconnu", None), (None, None),
])
def test_nature_codes(label, code):
    assert codes.nature_code(label) == code


@pytest.mark.parametrize(("requirement", "libelle", "level"), [
    ("D", "Débutant accepté", "4"), ("S", "6 mois", "1"), ("E", "11 Mois", "1"), ("E", "1 an", "2"),
    ("E", "3 An(s)", "2"), ("S", "Expérience exigée de 5 An(s)", "3"), ("E", None, "0"), (None, "", "0"),
])
def test_experience_levels(requirement, libelle, level):
    assert codes.experience_level(requirement, libelle) == level


def test_other_codes():
    assert codes.education_code("CAP, BEP et équivalents") == codes.education_code("CAP, BEP ou équivalent") == "NV5"
    assert codes.education_code("3ème achevée ou Brevet") == "C3A" and codes.education_code("Doctorat") is None
    assert codes.licence_code("EC - Poids lourd + remorque") == "EC" and codes.licence_code("Aucun permis") is None
    assert codes.partner_code("La Bonne Alternance") == codes.partner_code("LABONNEALTERNANCE") == "LABONNEALTERNANCE"
    assert codes.country_code("FRANCE") == "01" and codes.country_code("Italie") == "14"
    assert codes.country_code("Atlantide") is None
