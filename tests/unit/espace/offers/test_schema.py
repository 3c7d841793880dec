"""Validation and normalization of v2 offers: every sample offer, then targeted bad records."""

from __future__ import annotations

import copy
from collections import Counter

import pytest

from espace.offers.schema import OfferError, duration_months, monthly_salary, validate_offer, withdrawn_id


@pytest.fixture(scope="module")
def valid(sample_offers, rome, places):
    return [validate_offer(data, rome, places) for data in sample_offers]


@pytest.fixture
def good(sample_offers):
    return copy.deepcopy(sample_offers[0])


def test_all_304_sample_offers_validate(sample_offers, valid):
    assert len(sample_offers) == len(valid) == 304
    assert len({o.id for o in valid}) == 304
    assert all(o.raw is data for o, data in zip(valid, sample_offers, strict=True))


def test_first_sample_offer_is_normalized(valid):
    offer = valid[0]
    assert (offer.id, offer.rome_code, offer.contract_type) == ("143KJGB", "H2909", "MIS")
    assert offer.title == "Assembleur monteur F/H (H/F)"
    assert offer.created_at == 1667295517  # 2022-11-01T09:38:37Z
    assert (offer.commune, offer.postal_code, offer.departement, offer.region) == ("10081", "10600", "10", "44")
    assert offer.place_label == "La Chapelle-Saint-Luc (10)"
    assert (offer.latitude, offer.longitude) == (48.316671, 4.048117)
    assert offer.appellation_code is not None
    assert (offer.full_time, offer.experience, offer.executive) == (True, "D", False)
    assert offer.monthly_salary_min == 1679  # 20148 a year
    assert offer.duration_months == 5
    assert offer.company == "SYNERGIE"


def test_every_sample_offer_has_a_place(valid):
    without_commune = [o for o in valid if o.commune is None]
    assert 5 <= len(without_commune) <= 15  # ~3 %
    for offer in without_commune:
        assert offer.departement or offer.region, offer.raw["lieuTravail"]
        assert offer.latitude is None
    assert all(o.region for o in valid)
    by_libelle = {o.raw["lieuTravail"]["libelle"]: (o.departement, o.region) for o in without_commune}
    assert by_libelle["65 - Pyrénées (Hautes)"] == ("65", "76")
    assert by_libelle["974 - Région Est et Ouest"] == ("974", "04")
    assert by_libelle["Ile-de-France"] == (None, "11")
    assert all(o.latitude is not None for o in valid if o.commune)


def test_sample_distributions_are_plausible(valid):
    assert Counter(o.contract_type for o in valid)["MIS"] == 171
    assert sum(o.monthly_salary_min is not None for o in valid) >= 250
    assert all(1000 <= o.monthly_salary_min <= 10_000 for o in valid if o.monthly_salary_min)
    assert all(o.duration_months is None for o in valid if o.contract_type == "CDI")
    assert sum(o.appellation_code is not None for o in valid) >= 200
    assert Counter(o.full_time for o in valid)[False] == 4
    assert sum(bool(o.training) for o in valid) == sum(bool(o.raw.get("formations")) for o in valid)
    assert [o.description for o in valid if o.raw.get("description") is None] == [""]


@pytest.mark.parametrize("libelle, expected", [
    ("Mensuel de 1800.00 Euros à 2000.00 Euros sur 12 mois", 1800),
    ("Mensuel de 1833,00 Euros sur 13 mois", 1833),
    ("Horaire de 15,00 Euros à 16,00 Euros", 2275),
    ("Horaire de 11.07 Euros sur 12.0 mois", 1679),
    ("Annuel de 30000 Euros", 2500),
    ("Annuel de 30 000,00 Euros à 35 000,00 Euros sur 12 mois", 2500),
    ("Mensuel de 1.800 Euros", 1800),
    ("Horaire de 1800,00 Euros", None),  # a monthly amount typed as hourly
    ("Mensuel de 11,07 Euros", None),
    ("Selon profil", None), ("", None), (None, None), (42, None),
])
def test_salary_libelles(libelle, expected):
    assert monthly_salary(libelle) == expected


@pytest.mark.parametrize("libelle, expected", [
    ("Contrat à durée déterminée - 6 Mois", 6), ("Mission intérimaire - 3 Jour(s)", 1),
    ("Mission intérimaire - 45 Jour(s)", 2), ("Intérim - 31 Jour(s)", 1), ("CDD - 2 Semaine(s)", 1),
    ("Contrat à durée déterminée - 1 An(s)", 12), ("Contrat à durée indéterminée", None),
    ("Mission intérimaire - 0 Mois", None), (None, None),
])
def test_duration_libelles(libelle, expected):
    assert duration_months(libelle) == expected


@pytest.mark.parametrize("change, field", [
    ({"id": "143kjgb"}, "id"), ({"id": "ABC1234"}, "id"), ({"id": "143KJGB1"}, "id"), ({"id": 1234567}, "id"),
    ({"id": None}, "id"), ({"intitule": "  "}, "intitule"), ({"intitule": None}, "intitule"),
    ({"intitule": "x" * 501}, "intitule"), ({"description": ["a"]}, "description"),
    ({"description": "x" * 20_001}, "description"), ({"dateCreation": "hier"}, "dateCreation"),
    ({"dateCreation": 1667295517}, "dateCreation"), ({"typeContrat": "cdi"}, "typeContrat"),
    ({"typeContrat": None}, "typeContrat"), ({"romeCode": "Z9999"}, "romeCode"), ({"romeCode": None}, "romeCode"),
    ({"lieuTravail": "Paris"}, "lieuTravail"), ({"lieuTravail": {"commune": "10081"}}, "lieuTravail.libelle"),
    ({"statut": "archivée"}, "statut"), ({"etat": 3}, "etat"),
])
def test_invalid_records_name_the_field(good, rome, places, change, field):
    good.update(change)
    with pytest.raises(OfferError) as caught:
        if "statut" in change or "etat" in change:
            withdrawn_id(good)
        validate_offer(good, rome, places)
    assert caught.value.field == field
    assert str(caught.value).startswith(f"{field} : ")


def test_missing_required_fields(good, rome, places):
    for name in ("id", "intitule", "dateCreation", "typeContrat", "lieuTravail", "romeCode"):
        record = {k: v for k, v in good.items() if k != name}
        with pytest.raises(OfferError) as caught:
            validate_offer(record, rome, places)
        assert caught.value.field == name
    assert validate_offer({k: v for k, v in good.items() if k != "description"}, rome, places).description == ""
    with pytest.raises(OfferError):
        validate_offer(["not", "an", "offer"], rome, places)


def test_odd_optional_values_are_dropped_not_fatal(good, rome, places):
    good.update(salaire="beaucoup", experienceExige="X", qualificationCode=9, formations="CAP",
                dureeTravailLibelleConverti=None, entreprise=None, appellationlibelle=None)
    good["lieuTravail"].update(latitude=0, longitude=0)
    offer = validate_offer(good, rome, places)
    assert offer.monthly_salary_min is None and offer.experience is None and offer.executive is True
    assert offer.training == "" and offer.full_time is None and offer.company is None
    assert offer.appellation_code is None
    assert offer.latitude == pytest.approx(48.31, abs=0.05)  # the commune centre, not 0,0


def test_places_without_a_commune_code(good, rome, places):
    good["lieuTravail"] = {"libelle": "17 - LA ROCHELLE"}
    offer = validate_offer(good, rome, places)
    assert (offer.commune, offer.departement) == ("17300", "17") and offer.latitude is not None
    good["lieuTravail"] = {"libelle": "Bretagne"}
    offer = validate_offer(good, rome, places)
    assert (offer.commune, offer.departement, offer.region, offer.place_label) == (None, None, "53", "Bretagne")
    good["lieuTravail"] = {"libelle": "Quelque part", "commune": "17999"}  # a commune gone since
    offer = validate_offer(good, rome, places)
    assert (offer.commune, offer.departement, offer.region) == (None, "17", "75")
    good["lieuTravail"] = {"libelle": "Étranger"}
    offer = validate_offer(good, rome, places)
    assert (offer.place_label, offer.departement, offer.region) == ("Étranger", None, None)


def test_arrondissements_count_as_their_commune(good, rome, places):
    good["lieuTravail"] = {"libelle": "75 - PARIS 11", "commune": "75111", "codePostal": "75011"}
    offer = validate_offer(good, rome, places)
    assert (offer.commune, offer.postal_code, offer.departement) == ("75056", "75011", "75")
    assert offer.place_label == "Paris 11e arrondissement (75)"


def test_appellation_is_matched_without_accents_or_case(good, rome, places):
    good["appellationlibelle"] = "ASSEMBLEUR MONTEUR / ASSEMBLEUSE MONTEUSE"
    code = validate_offer(good, rome, places).appellation_code
    assert rome.appellations[code].rome_code == "H2909"


def test_withdrawal_notices(good):
    assert withdrawn_id(good) is None
    assert withdrawn_id({"id": "201WLXK", "statut": "pourvue"}) == "201WLXK"
    assert withdrawn_id({"id": "201WLXK", "etat": "Retirée"}) == "201WLXK"
    assert withdrawn_id({**good, "statut": "active"}) is None
    with pytest.raises(OfferError, match=r"^id"):
        withdrawn_id({"id": "nope", "statut": "retiree"})
    assert withdrawn_id("not a record") is None


def test_real_api_fields_of_the_sample_offers(sample_offers, valid):
    """The fields the real API's other filters read, checked against the offers' own JSON."""
    by_label = Counter((data["natureContrat"], offer.nature) for data, offer in zip(sample_offers, valid, strict=True))
    assert by_label[("Contrat travail", "E1")] == 295 and by_label[("Contrat apprentissage", "E2")] == 2
    assert by_label[("Cont. professionnalisation", "FS")] == 3
    assert by_label[("CDI de chantier ou d'opération", "CC")] == 1
    assert all(o.nature for o in valid)  # every nature of the samples is in the referential
    levels = Counter(o.experience_level for o in valid)
    assert levels["4"] == sum(d["experienceExige"] == "D" for d in sample_offers) > 100
    assert set(levels) <= {"0", "1", "2", "3", "4"}
    assert Counter(o.weekly_minutes for o in valid)[2100] >= 200  # "35H Horaires normaux"…
    assert all(o.origin == "1" and o.partners == () for o in valid)
    assert all(o.sector == (d["secteurActivite"] or None) for o, d in zip(valid, sample_offers, strict=True))
    assert sum(o.naf_code is not None for o in valid) == 156
    assert Counter(o.country for o in valid)["01"] >= 300
    assert sum(bool(o.licences) for o in valid) == 125 - 25  # "Aucun permis" has no code
    assert sum(bool(o.education_levels) for o in valid) == 35
    assert Counter(o.few_candidates for o in valid) == {False: 285, True: 15, None: 4}


def test_real_api_fields_of_one_offer(good, rome, places):
    good.update(natureContrat="Contrat apprentissage", experienceExige="E",
                experienceLibelle="Expérience exigée de 2 An(s)",
                dureeTravailLibelle="24H30 Travail en journée", secteurActivite=None, codeNAF="43.99C", pays="Italie",
                origineOffre={"origine": "2", "urlOrigine": "https://exemple.fr/1",
                              "partenaires": [{"nom": "La Bonne Alternance", "url": "https://exemple.fr"}]},
                formations=[{"niveauLibelle": "Bac+2 ou équivalents", "codeFormation": "22334"}],
                permis=[{"libelle": "B - Véhicule léger", "exigence": "E"}, {"libelle": "Aucun permis"}],
                accessibleTH=True, employeurHandiEngage=True, offresManqueCandidats=True,
                entreprise={"nom": "ACME", "entrepriseAdaptee": True, "logo": "https://exemple.fr/logo.png"},
                salaire={"libelle": "Cachet de 150,00 Euros", "complement2": "Panier"})
    offer = validate_offer(good, rome, places)
    assert (offer.nature, offer.experience_level, offer.weekly_minutes) == ("E2", "2", 1470)
    assert (offer.sector, offer.naf_code, offer.country) == ("43", "43.99C", "14")  # Italie in the pays referential
    assert (offer.origin, offer.partners) == ("2", ("LABONNEALTERNANCE",))
    assert (offer.education_levels, offer.licences) == (("NV3",), ("B",))
    assert (offer.accessible_th, offer.adapted_company, offer.handi_engaged, offer.few_candidates) == (True,) * 4
    assert (offer.fee_min, offer.monthly_salary_min) == (150.0, None)
    assert offer.raw["origineOffre"]["urlOrigine"] == "https://exemple.fr/1"  # the rest stays in the JSON


@pytest.mark.parametrize(("field", "value", "named"), [
    ("contact", "Mme Dupont", "contact"),
    ("contact", {"nom": "ACME", "courriel": 12}, "contact.courriel"),
    ("permis", {"libelle": "B"}, "permis"),
    ("permis", ["B - Véhicule léger"], "permis[0]"),
    ("langues", [{"libelle": ["Anglais"]}], None),  # the items' own fields are free: only objects required
    ("qualitesProfessionnelles", "Autonome", "qualitesProfessionnelles"),
    ("offresManqueCandidats", "oui", "offresManqueCandidats"),
    ("accessibleTH", 1, "accessibleTH"),
    ("employeurHandiEngage", "true", "employeurHandiEngage"),
    ("codeNAF", "4399C", "codeNAF"),
    ("secteurActivite", "4", "secteurActivite"),
    ("secteurActivite", 43, "secteurActivite"),
    ("origineOffre", {"origine": "3"}, "origineOffre.origine"),
    ("origineOffre", {"origine": "1", "partenaires": "LBA"}, "origineOffre.partenaires"),
    ("entreprise", {"nom": "ACME", "entrepriseAdaptee": "non"}, "entreprise.entrepriseAdaptee"),
    ("entreprise", {"nom": "ACME", "url": False}, "entreprise.url"),
    ("salaire", {"libelle": "Mensuel de 1800 Euros", "complement2": 3}, "salaire.complement2"),
    ("formations", [{"codeFormation": 22334}], "formations[0].codeFormation"),
    ("dureeTravailLibelle", 35, "dureeTravailLibelle"),
    ("natureContrat", ["E1"], "natureContrat"),
])
def test_malformed_offer_fields_are_refused_by_name(good, rome, places, field, value, named):
    good[field] = value
    if named is None:
        validate_offer(good, rome, places)
        return
    with pytest.raises(OfferError) as refused:
        validate_offer(good, rome, places)
    assert refused.value.field == named


def test_null_optional_fields_are_absent(good, rome, places):
    for field in ("contact", "permis", "codeNAF", "offresManqueCandidats", "origineOffre", "natureContrat"):
        good[field] = None
    offer = validate_offer(good, rome, places)
    assert (offer.nature, offer.naf_code, offer.few_candidates, offer.origin, offer.licences) == (
        None, None, None, None, ())
