"""The phone rule and format of « Mes coordonnées », and the experience form's order of dates."""

from __future__ import annotations

import pytest

from espace.cv.information_forms import ExperienceForm, check_phone, format_phone
from espace.web.request import FormData


@pytest.mark.parametrize("phone", ["06 12 34 56 78", "0612345678", "05.46.12.34.56", "01-23-45-67-89",
                                   "+33 6 12 34 56 78", "+33612345678", "+32 470 12 34 56", "+1 (514) 555-0199",
                                   "+590 690 12 34 56", "+33 (0)6 12 34 56 78", "+44 (0)20 7946 0958"])
def test_numbers_accepted(phone):
    assert check_phone(phone) is None


@pytest.mark.parametrize(("phone", "start"), [
    ("12 34 56 78", "Un numéro français compte 10 chiffres"),
    ("00 12 34 56 78", "Remplacez le 00"),
    ("0033 6 12 34 56 78", "Remplacez le 00"),
    ("+33 0 6 12 34 56 78", "Un numéro français avec l'indicatif +33"),
    ("+44", "Saisissez un numéro de téléphone valide"),
    ("+44 1234", "Un numéro international compte de 8 à 15 chiffres"),
    ("06 12 34 56 78 ext 2", "Saisissez un numéro de téléphone valide"),
    ("++33 6 12 34 56 78", "Saisissez un numéro de téléphone valide"),
    ("06 12 + 34 56 78", "Saisissez un numéro de téléphone valide"),
])
def test_numbers_refused_with_what_to_fix(phone, start):
    assert check_phone(phone).startswith(start)


def test_french_numbers_are_written_the_usual_way():
    assert format_phone("0612345678") == "06 12 34 56 78"
    assert format_phone("+33612345678") == "+33 6 12 34 56 78"
    assert format_phone(" +32  470 12 34 56 ") == "+32 470 12 34 56"
    assert format_phone("+33 (0)6 12 34 56 78") == "+33 6 12 34 56 78"
    assert format_phone("+44 (0)20 7946 0958") == "+44 20 7946 0958"


def test_an_end_before_the_start_is_an_error_on_the_end():
    form = ExperienceForm(FormData(fields={"poste": ["Maçon"], "employeur": ["Durand"], "debut-mois": ["5"],
                                           "debut-annee": ["2020"], "fin-mois": ["4"], "fin-annee": ["2020"]}))
    assert not form.validate()
    assert form.error_list() == [("fin-mois", "La date de fin doit être la même que la date de début ou après "
                                              "(mai 2020).")]
    same = ExperienceForm(FormData(fields={"poste": ["Maçon"], "employeur": ["Durand"], "debut-mois": ["5"],
                                           "debut-annee": ["2020"], "fin-mois": ["05"], "fin-annee": ["2020"]}))
    assert same.validate() and same.fin.data == "2020-05"
