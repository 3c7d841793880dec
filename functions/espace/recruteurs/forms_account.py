"""The recruiter's account forms: sign-up (the company, then the candidate form's codes d'accès)."""

from __future__ import annotations

from typing import Any

from wtforms.fields.core import UnboundField

from espace.accounts import validation as rules
from espace.accounts.forms import CreateAccountForm
from espace.recruteurs.siret import check_siret
from espace.web.forms import BooleanField, KitForm, PasswordField, StringField, length, required, rule, strip

COMPANY_MAX = 120


def _again(field: Any) -> Any:
    """A fresh copy of one of CreateAccountForm's fields: WTForms orders fields by creation, and
    here the company comes first (the error summary follows the page's order)."""
    assert isinstance(field, UnboundField)
    return field.field_class(*field.args, **field.kwargs)


def _company(value: Any) -> Any:
    return " ".join(value.split()) if isinstance(value, str) else value


class RecruiterSignUpForm(CreateAccountForm):
    entreprise = StringField("Nom de l'entreprise",
                             [required("Saisissez le nom de votre entreprise."),
                              length(COMPANY_MAX, "Le nom de l'entreprise")],
                             filters=[_company],
                             description="Tel que les candidats le verront sur vos offres.")
    # Kept as typed (spaces and all) when the page comes back with an error; normalized when stored.
    siret = StringField("Numéro SIRET", [required("Saisissez le numéro SIRET de votre établissement."),
                                         rule(check_siret)], filters=[strip],
                        description="Les 14 chiffres du SIRET de votre établissement, par exemple 732 829 320 00074. "
                                    "Les espaces ne comptent pas.")
    code_postal = StringField("Code postal de l'établissement",
                              [required("Saisissez le code postal de votre établissement."),
                               rule(rules.check_postal_code)],
                              filters=[strip], description="5 chiffres, par exemple 17000")
    identifiant = _again(CreateAccountForm.identifiant)
    mot_de_passe = _again(CreateAccountForm.mot_de_passe)
    confirmation = _again(CreateAccountForm.confirmation)
    question = _again(CreateAccountForm.question)
    reponse = _again(CreateAccountForm.reponse)


class RecruiterDeleteForm(KitForm):
    confirmer = BooleanField("Je comprends que mon espace recruteur, mes offres et les candidatures reçues seront "
                             "supprimés définitivement.",
                             [required("Cochez la case pour confirmer la suppression définitive.")])
    mot_de_passe = PasswordField("Mot de passe", [required("Saisissez votre mot de passe pour confirmer la "
                                                           "suppression.")],
                                 description="Pour confirmer que c'est bien vous.")
