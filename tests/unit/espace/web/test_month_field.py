"""The kit's MonthField (mois + année, a CV's dates): parsing, every message, kept as typed."""

from __future__ import annotations

import pytest

from espace.web.forms import KitForm, MonthField, month_label, required
from espace.web.request import FormData


class Form(KitForm):
    debut = MonthField("Date de début", [required("Saisissez la date de début.")], what="la date de début",
                       earliest_year=1950, no_future=True)
    fin = MonthField("Date de fin", what="la date de fin")


def submitted(**parts: str) -> Form:
    form = Form(FormData(fields={name.replace("_", "-"): [value] for name, value in parts.items()}))
    form.validate()
    return form


def test_a_month_and_a_year_make_the_models_value():
    form = submitted(debut_mois=" 3 ", debut_annee="2021")
    assert form.debut.data == "2021-03" and not form.errors
    assert form.fin.data is None  # optional and empty: no error
    assert Form(debut="2019-11").debut.parts == {"mois": "11", "annee": "2019"}  # initial data, as the model has it


@pytest.mark.parametrize(("mois", "annee", "message", "invalid"), [
    ("", "", "Saisissez la date de début.", set()),
    ("", "2021", "Indiquez le mois de la date de début, en chiffres.", {"mois"}),
    ("mars", "", "Indiquez le mois et l'année de la date de début, en chiffres.", {"mois", "annee"}),
    ("13", "2021", "Le mois de la date de début doit être un nombre entre 1 et 12.", {"mois"}),
    ("3", "21", "L'année de la date de début doit comporter 4 chiffres, par exemple 2021.", {"annee"}),
    ("3", "1949", "L'année de la date de début doit être 1950 ou après.", {"annee"}),
    ("1", "9999", "La date de début ne peut pas être dans le futur : indiquez ", {"mois", "annee"}),
])
def test_every_message_keeps_what_was_typed(mois, annee, message, invalid):
    form = submitted(debut_mois=mois, debut_annee=annee)
    assert form.debut.errors[0].startswith(message)
    assert form.debut.parts == {"mois": mois, "annee": annee}
    assert form.debut.invalid_parts == invalid
    assert form.error_list()[0][0] == f"debut-{'annee' if invalid == {'annee'} else 'mois'}"


def test_this_month_is_allowed_and_the_message_names_it():
    this = MonthField.this_month()
    assert submitted(debut_mois=this[5:], debut_annee=this[:4]).debut.data == this
    form = submitted(debut_mois="1", debut_annee=str(int(this[:4]) + 1))
    assert form.debut.errors == [f"La date de début ne peut pas être dans le futur : indiquez {month_label(this)} "
                                 "au plus tard."]


def test_month_label():
    assert month_label("2021-03") == "mars 2021" and month_label("2020-08") == "août 2020"
    assert month_label("") == month_label("2021-13") == month_label("mars") == ""
