"""The simulator's form: amounts typed as people write them (« 50 400 », « 50400,50 € »), read
into cents; whole numbers of days and years; a French message for each bad value, naming the
field, the other values kept."""

from __future__ import annotations

import re
from dataclasses import dataclass

from espace.allocation.engine import reference_days
from espace.allocation.figures import Figures
from espace.text import euros, number
from espace.web.forms import KitForm, StringField, strip

MAX_CHARS = 20
MAX_TOTAL = 2_000_000_00  # cents: over 2 million euros of salaries is a typing error
MAX_PAY = 100_000_00  # cents: a month's gross pay
MIN_AGE, MAX_AGE = 16, 70
_SPACES = re.compile(r"[\s\u00a0\u202f€]")
_AMOUNT = re.compile(r"[0-9]+(?:[.,][0-9]{1,2})?")
FIELDS = ("salaires", "jours", "age", "salaire_mois")


class SimulatorForm(KitForm):
    salaires = StringField("Total de vos salaires bruts sur la période de référence, en euros", filters=[strip],
                           description="Primes comprises, sans les indemnités de licenciement ou de rupture ni "
                                       "les indemnités de congés payés. Par exemple : 50 400.")
    jours = StringField("Nombre de jours de votre période de référence", filters=[strip],
                        description="Du premier jour de votre premier contrat au dernier jour du dernier, "
                                    "week-ends compris, dans les 24 derniers mois (36 mois à partir de 55 ans) : "
                                    "730 jours au plus (1 095 à partir de 55 ans). Par exemple : 730.")
    age = StringField("Votre âge à la fin de votre dernier contrat, en années", filters=[strip],
                      description="Par exemple : 42.")
    salaire_mois = StringField("Salaire brut d'un mois de travail pendant l'indemnisation, en euros (facultatif)",
                               filters=[strip],
                               description="Pour savoir ce que vous toucheriez un mois où vous reprenez un "
                                           "travail. Par exemple : 750.")


@dataclass(frozen=True)
class Inputs:
    total: int  # cents
    days: int
    age: int
    pay: int | None  # cents


def parse_amount(text: str) -> int | None:
    """« 50 400 », « 50400,5 », « 1 232,10 € » -> cents; None when not such an amount."""
    text = _SPACES.sub("", text)
    if not _AMOUNT.fullmatch(text):
        return None
    whole, _, decimals = text.replace(",", ".").partition(".")
    return int(whole) * 100 + int((decimals + "00")[:2])


def _amount(form: SimulatorForm, name: str, what: str, example: str, maximum: int, *, positive: bool) -> int | None:
    text = form[name].data or ""
    if len(text) > MAX_CHARS:
        form.add_error(name, f"{what} doit contenir au plus {MAX_CHARS} caractères, par exemple {example}.")
        return None
    if _SPACES.sub("", text).startswith("-"):
        form.add_error(name, f"{what} ne peut pas être négatif.")
        return None
    cents = parse_amount(text)
    if cents is None:
        form.add_error(name, f"{what} doit être un montant en euros, en chiffres, par exemple {example}.")
    elif positive and cents == 0:
        form.add_error(name, f"{what} doit être supérieur à 0 €.")
    elif cents > maximum:
        form.add_error(name, f"{what} ne peut pas dépasser {euros(maximum).replace(',00', '')} : vérifiez le "
                             "montant.")
    else:
        return cents
    return None


def _whole(form: SimulatorForm, name: str, message: str, what: str) -> int | None:
    text = (form[name].data or "").replace(" ", "")
    if text.startswith("-") and len(text) <= MAX_CHARS:
        form.add_error(name, f"{what} ne peut pas être négatif.")
        return None
    if len(text) > MAX_CHARS or not text.isdigit() or not text.isascii():
        form.add_error(name, message)
        return None
    return int(text)


def read(form: SimulatorForm, figures: Figures) -> Inputs | None:
    """The inputs in cents and whole numbers, or None with a message on each wrong field."""
    total = None
    if not form.salaires.data:
        form.add_error("salaires", "Saisissez le total de vos salaires bruts, par exemple 50 400.")
    else:
        total = _amount(form, "salaires", "Le total de vos salaires", "50 400", MAX_TOTAL, positive=True)
    days = None
    if not form.jours.data:
        form.add_error("jours", "Saisissez le nombre de jours de votre période de référence, par exemple 730.")
    else:
        days = _whole(form, "jours", "Le nombre de jours doit être un nombre entier, en chiffres, par exemple 730.",
                      "Le nombre de jours")
    age = None
    if not form.age.data:
        form.add_error("age", "Saisissez votre âge, par exemple 42.")
    else:
        age = _whole(form, "age", "Votre âge doit être un nombre entier d'années, en chiffres, par exemple 42.",
                     "Votre âge")
        if age is not None and not MIN_AGE <= age <= MAX_AGE:
            form.add_error("age", f"Votre âge doit être compris entre {MIN_AGE} et {MAX_AGE} ans.")
            age = None
    days = _check_days(form, figures, days, age)
    pay = None
    if form.salaire_mois.data:
        pay = _amount(form, "salaire_mois", "Le salaire du mois", "750", MAX_PAY, positive=False)
    if form.errors or total is None or days is None or age is None:
        return None
    return Inputs(total=total, days=days, age=age, pay=pay)


def _check_days(form: SimulatorForm, figures: Figures, days: int | None, age: int | None) -> int | None:
    if days is None:
        return None
    longest = reference_days(figures, age if age is not None else 200)
    if days < figures.minimum_affiliation:
        form.add_error("jours", f"Avec moins de {figures.minimum_affiliation} jours, vous n'avez pas droit à l'ARE : "
                                f"il faut avoir travaillé au moins {figures.minimum_affiliation} jours (6 mois). "
                                "Vérifiez le nombre de jours.")
        return None
    if days > longest:
        youngest_over = figures.reference_months[-1][0]
        if age is not None and age < youngest_over:
            message = (f"Avant {youngest_over} ans, la période de référence compte au plus {number(longest)} jours (24 "
                       "derniers mois).")
        else:
            message = f"La période de référence compte au plus {number(longest)} jours (36 derniers mois)."
        form.add_error("jours", message)
        return None
    return days
