"""The publishing form's checks: each mistake gets its French message on its field, values kept."""

from __future__ import annotations

import pytest

from espace.recruteurs.offer_forms import OfferForm, hundredths_text, initial, minutes_hundredths, values_of
from espace.web.request import FormData

GOOD = {
    "cle": "123ABCD", "intitule": "Boulanger ou boulangère", "metier": "", "code_rome": "D1102", "lieu": "17000",
    "contrat": "CDD", "duree": "6", "duree_unite": "mois", "temps": "partiel", "heures": "24,5",
    "salaire_min": "1 900", "salaire_max": "2100,50", "salaire_periode": "mensuel", "experience": "E",
    "experience_annees": "2", "description": "Fabrication du pain.", "competences": "Pétrir la pâte\n\n Façonner \n",
}


def check(rome, places, **changes):
    form = OfferForm(FormData(fields={k: [v] for k, v in {**GOOD, **changes}.items() if v is not None}))
    form.validate()
    return form, values_of(form, rome, places)


def errors(form):
    return {name: field.errors[0] for name, field in form._fields.items() if field.errors}


def test_a_complete_form_gives_the_offers_values(rome, places):
    form, values = check(rome, places)
    assert errors(form) == {}
    assert values["rome_code"] == "D1102" and values["commune"] == "17300"
    assert values["lieu"] == values["lieu_label"] == "La Rochelle (17)"
    assert values["duree"] == 6 and values["heures_minutes"] == 1470
    assert values["salaire_min"] == 190000 and values["salaire_max"] == 210050
    assert values["experience_annees"] == 2 and values["competences"] == ["Pétrir la pâte", "Façonner"]


def test_an_empty_form_says_what_to_fill_in_field_order(rome, places):
    form, values = check(rome, places, **{name: "" for name in GOOD if name != "cle"})
    assert values is None
    assert list(errors(form)) == ["intitule", "metier", "lieu", "contrat", "temps", "experience", "description"]
    assert errors(form)["metier"] == "Saisissez le métier de l'offre, par exemple boulanger, ou son code ROME."


def test_words_naming_several_jobs_list_them_and_the_choice_is_kept(rome, places):
    form, values = check(rome, places, metier="boulanger", code_rome="")
    if values is None:  # several appellations: radios to choose from
        assert "Plusieurs métiers" in errors(form)["appellation"]
        code = form.appellation.choices[0][0]
        form, values = check(rome, places, metier="boulanger", code_rome="", appellation=code)
        assert values["appellation"] == code
    assert values["rome_code"] == "D1102" and values["appellation_label"]


def test_a_place_with_homonyms_asks_which_one(rome, places):
    form, values = check(rome, places, lieu="Saint-Denis")
    assert values is None and "Plusieurs communes" in errors(form)["lieu_code"]
    assert ("commune:93066", "Saint-Denis (93)") in [(c[0], c[1]) for c in form.lieu_code.choices]
    form, values = check(rome, places, lieu="Saint-Denis", lieu_code="commune:93066")
    assert values["commune"] == "93066"


def test_a_departement_is_not_a_workplace(rome, places):
    form, values = check(rome, places, lieu="Charente-Maritime")
    assert values is None and "n'est pas une commune" in errors(form)["lieu"]


def test_a_misspelt_commune_offers_close_ones(rome, places):
    form, values = check(rome, places, lieu="Larochele")
    assert values is None and "communes proches" in errors(form)["lieu_code"]
    form, values = check(rome, places, lieu="Larochele", lieu_code="commune:17300")
    assert values["commune"] == "17300"


def test_a_job_and_a_code_at_once(rome, places):
    form, values = check(rome, places, metier="boulanger", code_rome="D1102")
    assert values is None and "pas les deux" in errors(form)["code_rome"]


def test_an_unknown_place_and_job(rome, places):
    form, values = check(rome, places, lieu="Xqzwv", code_rome="Z9999")
    assert values is None and "Nous ne connaissons pas" in errors(form)["lieu"] and "code_rome" in errors(form)


@pytest.mark.parametrize(("changes", "field", "words"), [
    ({"duree": ""}, "duree", "Indiquez la durée"),
    ({"duree": "6 mois"}, "duree", "nombre entier entre 1 et 36"),
    ({"duree": "400", "duree_unite": "jours"}, "duree", "entre 1 et 365 jours"),
    ({"heures": ""}, "heures", "temps partiel"),
    ({"heures": "60"}, "heures", "entre 1 et 48"),
    ({"heures": "trente"}, "heures", "entre 1 et 48"),
    ({"salaire_min": "900", "salaire_periode": "annuel", "salaire_max": ""}, "salaire_min", "période"),
    ({"salaire_min": "2000", "salaire_periode": "horaire", "salaire_max": ""}, "salaire_min", "période"),
    ({"salaire_periode": "hebdomadaire"}, "salaire_periode", "par mois"),
    ({"duree_unite": "semaines"}, "duree_unite", "en mois ou en jours"),
    ({"salaire_min": "mille"}, "salaire_min", "montant en euros"),
    ({"salaire_min": "", "salaire_max": "2000"}, "salaire_min", "minimum"),
    ({"salaire_max": "1500"}, "salaire_max", "supérieur ou égal"),
    ({"experience_annees": ""}, "experience_annees", "nombre d'années"),
    ({"experience_annees": "40"}, "experience_annees", "entre 1 et 30"),
    ({"competences": "\n".join(f"Compétence {n}" for n in range(11))}, "competences", "11 compétences"),
    ({"competences": "x" * 201}, "competences", "200 caractères"),
    ({"contrat": "XYZ"}, "contrat", ""),
    ({"description": "x" * 5001}, "description", "5000"),
])
def test_each_mistake_has_its_message(rome, places, changes, field, words):
    form, values = check(rome, places, **changes)
    assert values is None
    assert words in errors(form)[field]
    assert form[field].data == changes[field] or field == "competences" or form[field].raw_data == [changes[field]]


def test_a_cdi_needs_no_duration_and_full_time_no_hours(rome, places):
    form, values = check(rome, places, contrat="CDI", duree="", temps="plein", heures="", experience="D",
                         experience_annees="")
    assert errors(form) == {} and values["duree"] is None and values["heures_minutes"] is None


def test_editing_starts_from_the_stored_values(rome, places):
    _, values = check(rome, places)
    form = OfferForm(None, **initial(values))
    assert form.code_rome.data == "D1102" and form.lieu.data == "La Rochelle (17)"
    assert form.heures.data == "24,5" and form.salaire_min.data == "1900" and form.salaire_max.data == "2100,5"
    assert form.competences.data == "Pétrir la pâte\nFaçonner"
    resubmitted = {name: field.data for name, field in form._fields.items() if field.data}
    form2, again = check(rome, places, **{k: str(v) for k, v in resubmitted.items()})
    assert errors(form2) == {} and again == values


def test_amounts_as_typed():
    assert hundredths_text(180050) == "1800,5" and hundredths_text(180000) == "1800" and hundredths_text(None) == ""
    assert minutes_hundredths(1470) == 2450
