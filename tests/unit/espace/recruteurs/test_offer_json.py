"""The v2 JSON of a site offer: the index's own validator accepts it and reads back what the form said."""

from __future__ import annotations

import pytest

from espace.offers.schema import OfferError, validate_offer
from espace.recruteurs.offer_json import build, contract_libelle, hours_libelle, place_libelle, salary_libelle

SITE = "https://espace-candidat.example"
VALUES = {
    "intitule": "Boulanger ou boulangère", "metier": "boulanger", "appellation": "11573",
    "appellation_label": "Boulanger / Boulangère", "rome_code": "D1102", "rome_label": "Boulanger / Boulangère",
    "lieu": "17000", "lieu_code": "commune:17300", "lieu_label": "La Rochelle (17)", "commune": "17300",
    "departement": "17", "contrat": "CDD", "duree": 6, "duree_unite": "mois", "temps": "partiel",
    "heures_minutes": 1470, "salaire_min": 190000, "salaire_max": 210050, "salaire_periode": "mensuel",
    "experience": "E", "experience_annees": 2, "description": "Fabrication du pain.\nHoraires de nuit.",
    "competences": ["Pétrir la pâte", "Façonner les pâtons"],
}


def test_the_index_accepts_the_offer_and_reads_back_every_field(rome, places):
    raw = build("123ABCD", VALUES, "Boulangerie Martin", SITE, 1_700_000_000, 1_700_000_100)
    offer = validate_offer(raw, rome, places)
    assert offer.id == "123ABCD" and offer.title == "Boulanger ou boulangère"
    assert offer.rome_code == "D1102" and offer.contract_type == "CDD" and offer.duration_months == 6
    assert offer.commune == "17300" and offer.departement == "17" and offer.place_label == "La Rochelle (17)"
    assert offer.latitude is not None  # the commune's centre: the distance search finds it
    assert offer.full_time is False and offer.weekly_minutes == 1470
    assert offer.monthly_salary_min == 1900
    assert offer.experience == "E" and offer.experience_level == "2"
    assert offer.company == "Boulangerie Martin"
    assert offer.origin == "1" and offer.created_at == 1_700_000_000
    assert raw["origineOffre"]["urlOrigine"] == f"{SITE}/offres/123ABCD"
    assert "contact" not in raw  # télécandidature: no address to write to, no outside link
    assert raw["competences"] == [{"libelle": "Pétrir la pâte", "exigence": "E"},
                                  {"libelle": "Façonner les pâtons", "exigence": "E"}]
    assert "Pétrir la pâte" not in offer.description  # skills are their own field


def test_a_beginner_cdi_full_time_without_salary(rome, places):
    values = {**VALUES, "contrat": "CDI", "duree": None, "duree_unite": "", "temps": "plein", "heures_minutes": None,
              "salaire_min": None, "salaire_max": None, "salaire_periode": "", "experience": "D",
              "experience_annees": None, "competences": [], "appellation": "", "appellation_label": ""}
    raw = build("123ABCE", values, "Boulangerie Martin", SITE, 1_700_000_000, 1_700_000_000)
    offer = validate_offer(raw, rome, places)
    assert raw["typeContratLibelle"] == "Contrat à durée indéterminée" and offer.duration_months is None
    assert raw["salaire"] == {"commentaire": "Selon profil"} and offer.monthly_salary_min is None
    assert offer.experience_level == "4" and offer.full_time is True and offer.weekly_minutes is None
    assert "appellationlibelle" not in raw and "competences" not in raw


def test_an_offer_the_index_would_refuse_is_refused(rome, places):
    raw = build("12ABCDE", VALUES, "Boulangerie Martin", SITE, 1_700_000_000, 1_700_000_000)
    with pytest.raises(OfferError):
        validate_offer(raw, rome, places)


@pytest.mark.parametrize(("args", "expected"), [
    (("mensuel", 190000, None), "Mensuel de 1900.00 Euros sur 12 mois"),
    (("mensuel", 190000, 190000), "Mensuel de 1900.00 Euros sur 12 mois"),
    (("annuel", 2400000, 2600000), "Annuel de 24000.00 Euros à 26000.00 Euros sur 12 mois"),
    (("horaire", 1188, None), "Horaire de 11.88 Euros sur 12 mois"),
    (("mensuel", None, None), None),
])
def test_salary_libelles(args, expected):
    assert salary_libelle(*args) == expected


def test_other_libelles():
    assert hours_libelle(2100) == "35H Horaires normaux"
    assert hours_libelle(1470) == "24H30 Horaires normaux"
    assert hours_libelle(None) is None
    assert contract_libelle("SAI", 15, "jours") == "Contrat travail saisonnier - 15 Jour(s)"
    assert contract_libelle("MIS", 3, "mois") == "Mission intérimaire - 3 Mois"
    assert place_libelle("Saint-Denis (974)", "974") == "974 - SAINT-DENIS"
