"""Amounts typed as people write them, and each bad value's French message."""

from __future__ import annotations

from espace.allocation.figures import load
from espace.allocation.forms import SimulatorForm, parse_amount, read
from espace.settings import PROJECT_ROOT
from espace.text import euros
from espace.web.request import FormData

FIGURES = load(PROJECT_ROOT / "data" / "allocation")


def form(**fields: str) -> SimulatorForm:
    return SimulatorForm(FormData({name: [value] for name, value in fields.items()}))


def test_amounts_in_cents():
    assert parse_amount("50 400") == parse_amount("50400,00") == parse_amount("50\u202f400 €") == 5_040_000
    assert parse_amount("1232,1") == 123210 and parse_amount("0,05") == 5
    for wrong in ("", "12,345", "1.232,10", "dix", "-5", "1e5", "٣٤"):
        assert parse_amount(wrong) is None, wrong


def test_euros_in_french():
    assert euros(123210) == "1\u202f232,10\u00a0€" and euros(5) == "0,05\u00a0€"
    assert euros(200_000_000) == "2\u202f000\u202f000,00\u00a0€"


def test_a_good_form_gives_cents_and_whole_numbers():
    inputs = read(form(salaires="50 400", jours="730", age="40", salaire_mois="750,50"), FIGURES)
    assert inputs is not None and (inputs.total, inputs.days, inputs.age, inputs.pay) == (5_040_000, 730, 40, 75050)
    no_month = read(form(salaires="50400", jours="1095", age="55", salaire_mois=""), FIGURES)
    assert no_month is not None and no_month.pay is None


def test_each_bad_value_is_named():
    bad = form(salaires="-10", jours="73O", age="٤٠", salaire_mois="1" * 21)
    assert read(bad, FIGURES) is None
    assert bad.errors["salaires"] == ["Le total de vos salaires ne peut pas être négatif."]
    assert "nombre entier" in bad.errors["jours"][0] and "nombre entier" in bad.errors["age"][0]
    assert "au plus 20 caractères" in bad.errors["salaire_mois"][0]
    old = form(salaires="50400", jours="1095", age="54")
    assert read(old, FIGURES) is None and "Avant 55 ans" in old.errors["jours"][0]
    unknown_age = form(salaires="50400", jours="1096", age="")
    assert read(unknown_age, FIGURES) is None
    assert unknown_age.errors["jours"] == ["La période de référence compte au plus 1\u202f095 jours (36 derniers "
                                           "mois)."]
