"""The forms of « Mes critères de recherche »: name, alert address and frequency of a search."""

from __future__ import annotations

from espace.accounts import validation as rules
from espace.alertes.service import FREQUENCIES
from espace.web.forms import (
    EmailField,
    HiddenField,
    KitForm,
    RadioField,
    StringField,
    choices,
    length,
    required,
    rule,
    strip,
)

NAME_MAX = 100


def _alert_email(value: str) -> str | None:
    return rules.check_email(value, "l'adresse e-mail où envoyer les alertes")


class SearchForm(KitForm):
    nom = StringField("Nom de la recherche", [required("Saisissez un nom pour cette recherche."),
                                              length(NAME_MAX, "Le nom")],
                      filters=[strip], description="Pour la reconnaître dans votre liste et dans les e-mails "
                                                   f"d'alerte ({NAME_MAX} caractères au plus).")
    adresse = EmailField("Adresse e-mail des alertes",
                         [required("Saisissez l'adresse e-mail où envoyer les alertes."), rule(_alert_email)],
                         filters=[strip], description="Les nouvelles offres y seront envoyées. Par défaut, "
                                                      "l'adresse de votre espace.")
    frequence = RadioField("Fréquence des alertes", choices=choices(FREQUENCIES),
                           validators=[required("Choisissez la fréquence des alertes : chaque jour ou chaque "
                                                "semaine.")])


class AddSearchForm(SearchForm):
    jeton = HiddenField()  # the new search's id, chosen when the form is shown: sent twice, saved once
